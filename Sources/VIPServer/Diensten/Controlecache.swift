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

    private struct Regel {
        var tekst: [UInt8]
        var resultaat: CheckResultaat
        var gebruikt: UInt64
    }

    private let lock = NSLock()
    private var regels: [Sleutel: Regel] = [:]
    private var klok: UInt64 = 0
    private var bytes = 0
    let maximum: Int
    let maximumBytes: Int
    /// How often a check was answered from memory, and how often it ran (for `/metrics` and tests).
    private(set) var treffers = 0
    private(set) var missers = 0

    init(maximum: Int = 256, maximumBytes: Int = 32 << 20) {
        self.maximum = maximum
        self.maximumBytes = maximumBytes
    }

    static func sleutel(_ tekst: [UInt8], register: Int, datum: Datum?) -> Sleutel {
        Sleutel(hash: FNV1a64.hash(tekst), register: register, datum: datum)
    }

    func zoek(_ sleutel: Sleutel, tekst: [UInt8]) -> CheckResultaat? {
        lock.lock()
        defer { lock.unlock() }
        guard var r = regels[sleutel], r.tekst == tekst else {
            missers += 1
            return nil
        }
        klok += 1
        r.gebruikt = klok
        regels[sleutel] = r
        treffers += 1
        return r.resultaat
    }

    func bewaar(_ sleutel: Sleutel, tekst: [UInt8], _ resultaat: CheckResultaat) {
        // A text larger than a quarter of the budget is not kept: it would push out the rest.
        guard tekst.count <= maximumBytes / 4 else { return }
        lock.lock()
        defer { lock.unlock() }
        klok += 1
        if let oud = regels[sleutel] { bytes -= oud.tekst.count }
        regels[sleutel] = Regel(tekst: tekst, resultaat: resultaat, gebruikt: klok)
        bytes += tekst.count
        while regels.count > maximum || bytes > maximumBytes {
            guard let oudste = regels.min(by: { $0.value.gebruikt < $1.value.gebruikt }) else { break }
            bytes -= oudste.value.tekst.count
            regels[oudste.key] = nil
        }
    }

    var aantal: Int {
        lock.lock()
        defer { lock.unlock() }
        return regels.count
    }
}
