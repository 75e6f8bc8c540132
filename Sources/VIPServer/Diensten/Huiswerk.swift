import Foundation
import VIPModel

/// The homework of a bijeenkomst (cursus.md): the fields of the field table due by it. A
/// section due whole is one item; a section with parts due later is split. A cursist's homework
/// for bijeenkomst n is the items of bijeenkomsten 1 to n her aanvraag has not touched yet: the
/// course page, `huiswerk` in the API and the reminder name exactly these.
struct Huiswerk: Sendable, Equatable {
    /// The table path (without indices), such as `project.doel`.
    var pad: String
    var label: String
    /// The slug of the page where it is filled.
    var pagina: String

    /// The items due at exactly bijeenkomst `nr`.
    static func van(bijeenkomst nr: Int) -> [Huiswerk] {
        func geheel(_ v: Veld) -> Bool { v.bijeenkomst == nr && v.velden.allSatisfy(geheel) }
        var uit: [Huiswerk] = []
        func loop(_ v: Veld, ouder: Veld?) {
            if v.bijeenkomst == nr && (geheel(v) || v.isLijst) {
                let label = ouder.map { o in o.pad == "project" ? v.label : "\(o.label): \(v.label.lowercased())" }
                uit.append(Huiswerk(pad: v.pad, label: label ?? v.label, pagina: Pagina.van(v.pad)?.slug ?? ""))
            } else if v.soort == .sectie {
                for kind in v.velden { loop(kind, ouder: v) }
            }
        }
        for v in Veldentabel.aanvraag.velden { loop(v, ouder: nil) }
        return uit
    }

    /// The items of every bijeenkomst the field table names, worked out once.
    static let perBijeenkomst: [Int: [Huiswerk]] = {
        var nummers: Set<Int> = []
        func loop(_ v: Veld) { if let nr = v.bijeenkomst { nummers.insert(nr) }; v.velden.forEach(loop) }
        Veldentabel.aanvraag.velden.forEach(loop)
        return Dictionary(uniqueKeysWithValues: nummers.map { ($0, van(bijeenkomst: $0)) })
    }()

    /// The items due by bijeenkomst `nr`: those of bijeenkomsten 1 to `nr`, in that order.
    static func tot(bijeenkomst nr: Int) -> [Huiswerk] {
        perBijeenkomst.keys.sorted().filter { $0 <= nr }.flatMap { perBijeenkomst[$0] ?? [] }
    }

    /// Whether a version has touched the field at `pad`: `ingevuld` holds its filled paths with
    /// all their ancestors (`OnderdelenCache.ingevuld`), so a section counts as touched when
    /// any field inside it is.
    static func aangeraakt(_ pad: String, _ ingevuld: Set<String>) -> Bool { ingevuld.contains(pad) }

    /// What an aanvraag that fills `ingevuld` still lacks for bijeenkomst `nr`.
    static func open(tot nr: Int, ingevuld: Set<String>) -> [Huiswerk] {
        tot(bijeenkomst: nr).filter { !aangeraakt($0.pad, ingevuld) }
    }

    /// The page of aanvraag `id` where this item is filled.
    func adres(aanvraag id: Int64) -> String { "/aanvragen/\(id)/\(pagina)" }
}
