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
    private var regels: LRU<Sleutel, Controle>
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
        zoekControle(sleutel, tekst: tekst)?.resultaat
    }

    func zoekControle(_ sleutel: Sleutel, tekst: [UInt8]) -> Controle? {
        lock.lock()
        defer { lock.unlock() }
        guard let c = regels.zoek(sleutel), c.tekst == tekst else {
            missers += 1
            return nil
        }
        treffers += 1
        return c
    }

    @discardableResult
    func bewaar(_ sleutel: Sleutel, tekst: [UInt8], _ resultaat: CheckResultaat) -> Controle {
        let c = Controle(tekst: tekst, resultaat: resultaat)
        // A text larger than a quarter of the budget is not kept: it would push out the rest.
        guard tekst.count <= maximumBytes / 4 else { return c }
        lock.lock()
        defer { lock.unlock() }
        // The text, and about twice that for what is derived from it on demand (`Controle`).
        _ = regels.bewaar(sleutel, c, kosten: 3 * tekst.count)
        return c
    }

    var aantal: Int {
        lock.lock()
        defer { lock.unlock() }
        return regels.aantal
    }
}

/// One checked text and what the pages derive from it, each computed once, when first asked
/// for: the values of its inputs (`Invulling`) and the paths it fills (`Tempo.gevuld`). A
/// stored version never changes, so neither do these; the editor page of a version that was
/// shown before costs no model walk.
final class Controle: @unchecked Sendable {
    let tekst: [UInt8]
    let resultaat: CheckResultaat
    private let lock = NSLock()
    private var _invulling: Invulling?
    private var _gevuld: Set<String>?

    init(tekst: [UInt8], resultaat: CheckResultaat) {
        self.tekst = tekst
        self.resultaat = resultaat
    }

    /// The values of the inputs of every page (empty for an unreadable text).
    var invulling: Invulling {
        lock.lock()
        defer { lock.unlock() }
        if let i = _invulling { return i }
        let i = resultaat.aanvraag.map(Invulling.init) ?? Invulling(waarden: [:])
        _invulling = i
        return i
    }

    /// The paths that hold a value (`Tempo.gevuld`).
    var gevuld: Set<String> {
        lock.lock()
        defer { lock.unlock() }
        if let g = _gevuld { return g }
        let g = Tempo.gevuld(resultaat.aanvraag)
        _gevuld = g
        return g
    }
}
