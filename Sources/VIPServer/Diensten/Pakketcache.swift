import Foundation
import VIPKit
import VIPModel

/// Packages already built, on disk (issue 21: "cache packages by version, format and concept";
/// a version never changes, its files included). The documents page, each single download and
/// the zip of one version then share one build.
///
/// The key is everything the files depend on: the aanvraag and its version, the formats, concept
/// and pdf, the installation's register version (the call sheets list its funds) and today's date
/// (whether the aanvraag is af may depend on it). Bounded: at most `maximum` packages and
/// `maximumBytes` on disk; the least recently used folder is removed first. A removed folder
/// never breaks an answer that is streaming from it: the answer opened its file first, and an
/// open file stays readable after its name is gone.
final class Pakketcache: @unchecked Sendable {
    struct Sleutel: Hashable {
        var aanvraag: Int64
        var versie: Int
        var formaten: [String]
        var concept: Bool
        var pdf: Bool
        var register: Int
        var datum: Datum?
    }

    private struct Regel {
        var map: Pakketmap
        var bytes: Int
        var gebruikt: UInt64
    }

    private let lock = NSLock()
    private var regels: [Sleutel: Regel] = [:]
    private var klok: UInt64 = 0
    private var bytes = 0
    let maximum: Int
    let maximumBytes: Int
    private(set) var treffers = 0
    private(set) var gebouwd = 0

    init(maximum: Int = 16, maximumBytes: Int = 256 << 20) {
        self.maximum = maximum
        self.maximumBytes = maximumBytes
    }

    func zoek(_ sleutel: Sleutel) -> Pakketmap? {
        lock.lock()
        defer { lock.unlock() }
        guard var r = regels[sleutel], FileManager.default.fileExists(atPath: r.map.zip) else { return nil }
        klok += 1
        r.gebruikt = klok
        regels[sleutel] = r
        treffers += 1
        return r.map
    }

    /// Keeps `nieuw` (a package just built) and returns the copy the cache owns: answers made
    /// from it leave its folder alone. A package too large for the budget is not kept: the
    /// caller's own copy is returned and removed after its answer, as without a cache.
    func bewaar(_ sleutel: Sleutel, _ nieuw: Pakketmap) -> Pakketmap {
        let grootte = nieuw.bestanden.reduce(Pakketmap.grootte(nieuw.zip)) { som, b in
            if case .bestand = b { return som + nieuw.grootte(b) }
            return som
        }
        var weg: [Pakketmap] = []
        defer { for m in weg { m.verwijder() } }
        lock.lock()
        defer { lock.unlock() }
        gebouwd += 1
        guard grootte <= maximumBytes / 2 else { return nieuw }
        let gedeeld = Pakketmap(map: nieuw.map, bestanden: nieuw.bestanden, zip: nieuw.zip, gedeeld: true)
        klok += 1
        if let oud = regels[sleutel] {
            bytes -= oud.bytes
            weg.append(oud.map)
        }
        regels[sleutel] = Regel(map: gedeeld, bytes: grootte, gebruikt: klok)
        bytes += grootte
        while regels.count > maximum || bytes > maximumBytes {
            guard let oudste = regels.min(by: { $0.value.gebruikt < $1.value.gebruikt }) else { break }
            bytes -= oudste.value.bytes
            weg.append(oudste.value.map)
            regels[oudste.key] = nil
        }
        return gedeeld
    }

    var aantal: Int {
        lock.lock()
        defer { lock.unlock() }
        return regels.count
    }

    /// Removes every kept package (at shutdown).
    func leeg() {
        lock.lock()
        let alle = regels.values.map(\.map)
        regels = [:]
        bytes = 0
        lock.unlock()
        for m in alle { m.verwijder() }
    }
}
