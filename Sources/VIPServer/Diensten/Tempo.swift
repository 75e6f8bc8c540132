import Foundation
import VIPChecklist
import VIPKit
import VIPModel

/// The course's pace (issue 19, item 8). A new aanvraag is mostly empty, and most of its fields
/// are due at a later bijeenkomst: on the pages and in the progress counts a finding about a
/// field that is still empty, whose bijeenkomst has not passed yet, is "nog te doen (bijeenkomst
/// N)" in a neutral colour instead of a fout or a waarschuwing. It becomes one once that
/// bijeenkomst has passed; a real mistake (a wrong IBAN, a begroting that does not add up) is
/// about a filled field and stays what it is at once. The check object of the API, `vip check`
/// and the package keep every finding as it is.
struct Tempo: Sendable, Equatable {
    /// Fields of bijeenkomsten up to and including this one are due; nil: every field is due
    /// (no cursus, a cursus without dates, or all its bijeenkomsten passed).
    var voorbij: Int?

    /// Every field due: findings stay as they are.
    static let alles = Tempo(voorbij: nil)

    /// The pace of a cursus today: a bijeenkomst has passed when its date is before today.
    init(cursus: Cursus?, vandaag: Datum?) {
        guard let cursus, !cursus.bijeenkomsten.isEmpty, let vandaag else { voorbij = nil; return }
        let data = cursus.bijeenkomsten.map(Datum.parse)
        let n = data.prefix { $0.map { $0 < vandaag } ?? true }.count
        voorbij = n == data.count ? nil : n
    }

    init(voorbij: Int?) { self.voorbij = voorbij }

    /// Whether a field of bijeenkomst `n` is due.
    func isDue(_ n: Int) -> Bool { voorbij.map { n <= $0 } ?? true }

    /// The bijeenkomst of a finding that is about a field still empty in this version (nil for
    /// a filled field, a finding about the whole aanvraag, or a field of no bijeenkomst). It
    /// depends on the version only, so it is stored with it (`Telling.leeg`).
    static func bijeenkomst(_ b: Bevinding, gevuld: Set<String>) -> Int? {
        guard !b.pad.isEmpty, !gevuld.contains(b.pad) else { return nil }
        return Veldentabel.aanvraag.veld(b.pad)?.bijeenkomst
    }

    /// The paths (with indices) that hold a value in `a`, with every prefix ending before a `.`
    /// or a `[`: `project.partners[1].naam` also gives `project.partners[1]`, `project.partners`
    /// and `project`.
    static func gevuld(_ a: Aanvraag?) -> Set<String> {
        guard let a else { return [] }
        var uit = Set<String>()
        for w in Veldentabel.aanvraag.waarden(in: a) {
            uit.insert(w.pad)
            for i in w.pad.indices where w.pad[i] == "." || w.pad[i] == "[" { uit.insert(String(w.pad[..<i])) }
        }
        return uit
    }

    /// The bijeenkomst a finding waits for at this pace; nil when it counts as it is.
    func wacht(_ b: Bevinding, gevuld: Set<String>) -> Int? {
        guard b.ernst != .tip, !b.onderdrukt, voorbij != nil, let n = Self.bijeenkomst(b, gevuld: gevuld), !isDue(n) else {
            return nil
        }
        return n
    }
}

/// Which findings of one check wait for a later bijeenkomst at a pace, and which one: what the
/// pages look up for each finding they show.
struct Wachtlijst: Sendable {
    private var perSleutel: [String: Int] = [:]

    /// Nothing waits: every finding counts as it is.
    static let geen = Wachtlijst()

    private init() {}

    init(_ r: CheckResultaat, tempo: Tempo) {
        self.init(r, tempo: tempo, gevuld: tempo.voorbij == nil ? [] : Tempo.gevuld(r.aanvraag))
    }

    /// As above, with the filled paths of `r`'s text given (`Controle.gevuld`).
    init(_ r: CheckResultaat, tempo: Tempo, gevuld: Set<String>) {
        guard tempo.voorbij != nil else { return }
        for b in r.bevindingen {
            if let n = tempo.wacht(b, gevuld: gevuld) { perSleutel[Self.sleutel(b)] = n }
        }
    }

    static func sleutel(_ b: Bevinding) -> String { b.regel + "\u{0}" + b.pad + "\u{0}" + b.melding }

    /// The bijeenkomst `b` waits for; nil when it counts now.
    func wacht(_ b: Bevinding) -> Int? { perSleutel.isEmpty ? nil : perSleutel[Self.sleutel(b)] }

    var isLeeg: Bool { perSleutel.isEmpty }
}
