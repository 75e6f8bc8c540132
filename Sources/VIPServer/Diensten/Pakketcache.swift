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

    private let lock = NSLock()
    private var regels: LRU<Sleutel, Pakketmap>
    let maximumBytes: Int
    private(set) var treffers = 0
    private(set) var gebouwd = 0

    init(maximum: Int = 16, maximumBytes: Int = 256 << 20) {
        regels = LRU(maximum: maximum, maximumKosten: maximumBytes)
        self.maximumBytes = maximumBytes
    }

    func zoek(_ sleutel: Sleutel) -> Pakketmap? {
        lock.lock()
        defer { lock.unlock() }
        guard let map = regels.zoek(sleutel), FileManager.default.fileExists(atPath: map.zip) else { return nil }
        treffers += 1
        return map
    }

    /// Keeps `nieuw` (a package just built) and returns the copy the cache owns: answers made
    /// from it leave its folder alone. A package too large for the budget is not kept: the
    /// caller's own copy is returned and removed after its answer, as without a cache.
    func bewaar(_ sleutel: Sleutel, _ nieuw: Pakketmap) -> Pakketmap {
        let grootte = nieuw.bestanden.reduce(Pakketmap.grootte(nieuw.zip)) { som, b in
            if case .bestand = b { return som + nieuw.grootte(b) }
            return som
        }
        lock.lock()
        gebouwd += 1
        guard grootte <= maximumBytes / 2 else {
            lock.unlock()
            return nieuw
        }
        let gedeeld = Pakketmap(map: nieuw.map, bestanden: nieuw.bestanden, zip: nieuw.zip, gedeeld: true)
        let weg = regels.bewaar(sleutel, gedeeld, kosten: grootte)
        lock.unlock()
        for m in weg { m.verwijder() }
        return gedeeld
    }

    var aantal: Int {
        lock.lock()
        defer { lock.unlock() }
        return regels.aantal
    }

    /// Removes every kept package (at shutdown).
    func leeg() {
        lock.lock()
        let alle = regels.leeg()
        lock.unlock()
        for m in alle { m.verwijder() }
    }
}
