import Foundation

/// A bounded map, least recently used out: at most `maximum` entries and `maximumKosten` of cost
/// (bytes). Not thread-safe: its owners (`Controlecache`, `Pakketcache`) hold their own lock.
struct LRU<Sleutel: Hashable, Waarde> {
    private struct Regel {
        var waarde: Waarde
        var kosten: Int
        var gebruikt: UInt64
    }

    private var regels: [Sleutel: Regel] = [:]
    private var klok: UInt64 = 0
    private var kosten = 0
    let maximum: Int
    let maximumKosten: Int

    init(maximum: Int, maximumKosten: Int) {
        self.maximum = maximum
        self.maximumKosten = maximumKosten
    }

    var aantal: Int { regels.count }

    /// The value, now the most recently used.
    mutating func zoek(_ sleutel: Sleutel) -> Waarde? {
        guard regels[sleutel] != nil else { return nil }
        klok += 1
        regels[sleutel]!.gebruikt = klok
        return regels[sleutel]!.waarde
    }

    /// Keeps `waarde`; returns what had to go (a value it replaced, and the least recently used
    /// beyond the bounds), for the owner to clean up outside its lock.
    mutating func bewaar(_ sleutel: Sleutel, _ waarde: Waarde, kosten k: Int) -> [Waarde] {
        var weg: [Waarde] = []
        klok += 1
        if let oud = regels[sleutel] {
            kosten -= oud.kosten
            weg.append(oud.waarde)
        }
        regels[sleutel] = Regel(waarde: waarde, kosten: k, gebruikt: klok)
        kosten += k
        while regels.count > maximum || kosten > maximumKosten {
            guard let oudste = regels.min(by: { $0.value.gebruikt < $1.value.gebruikt }) else { break }
            kosten -= oudste.value.kosten
            weg.append(oudste.value.waarde)
            regels[oudste.key] = nil
        }
        return weg
    }

    /// Empties it; returns every value.
    mutating func leeg() -> [Waarde] {
        defer {
            regels = [:]
            kosten = 0
        }
        return regels.values.map(\.waarde)
    }
}
