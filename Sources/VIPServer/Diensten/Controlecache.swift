import Foundation
import VIPHash
import VIPKit
import VIPModel

/// The check results of texts already checked, in memory (issue 21: a page or a check of a
/// version that was checked before does not run the checklist again). A check depends on the
/// text, the installation's register and today's date, so those three are the key; the text is
/// compared byte for byte on a hit, so two texts with the same hash never share a result.
///
/// Bounded: at most `maximum` results and `maximumBytes` of text; the least recently used go
/// first. A saved version's result is put here by the save itself, so the page that follows
/// the save reads it without checking again.
final class Controlecache: @unchecked Sendable {
    struct Sleutel: Hashable {
        var hash: UInt64
        var register: Int
        var datum: Datum?
    }

    private let lock = NSLock()
    private var regels: LRU<Sleutel, (tekst: [UInt8], resultaat: CheckResultaat)>
    let maximumBytes: Int
    /// How often a check was answered from memory, and how often it ran (for tests).
    private(set) var treffers = 0
    private(set) var missers = 0

    init(maximum: Int = 256, maximumBytes: Int = 32 << 20) {
        regels = LRU(maximum: maximum, maximumKosten: maximumBytes)
        self.maximumBytes = maximumBytes
    }

    static func sleutel(_ tekst: [UInt8], register: Int, datum: Datum?) -> Sleutel {
        Sleutel(hash: FNV1a64.hash(tekst), register: register, datum: datum)
    }

    func zoek(_ sleutel: Sleutel, tekst: [UInt8]) -> CheckResultaat? {
        lock.lock()
        defer { lock.unlock() }
        guard let r = regels.zoek(sleutel), r.tekst == tekst else {
            missers += 1
            return nil
        }
        treffers += 1
        return r.resultaat
    }

    func bewaar(_ sleutel: Sleutel, tekst: [UInt8], _ resultaat: CheckResultaat) {
        // A text larger than a quarter of the budget is not kept: it would push out the rest.
        guard tekst.count <= maximumBytes / 4 else { return }
        lock.lock()
        defer { lock.unlock() }
        _ = regels.bewaar(sleutel, (tekst, resultaat), kosten: tekst.count)
    }

    var aantal: Int {
        lock.lock()
        defer { lock.unlock() }
        return regels.aantal
    }
}
