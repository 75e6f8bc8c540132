import Foundation
import VIPKit
import VIPModel

/// The organiser's form for a new fund speed-date, as typed. It only turns the fields into a
/// `vip-fondsendate/1` text with `cursussen`, the text `POST /api/evenementen` takes; every
/// check is the reader's (`Speeddateplanning.lees`), so the page and the API accept and
/// refuse the same events. A refusal's path (`fondsen[1].tafels`) is mapped back to the field.
struct Evenementformulier: Sendable {
    /// The event's own fields, by the key they have under `evenement:`.
    static let velden = ["titel", "datum", "locatie", "aanvang", "rondeduur", "wisseltijd", "max_rondes", "max_gesprekken"]
    /// A fund row's fields; `bedrag-min` and `bedrag-max` are `bedrag: {min, max}`.
    static let fondsvelden = ["naam", "vertegenwoordigers", "doelstelling", "thema", "regio", "bedrag-min", "bedrag-max",
                              "tafels"]
    /// Fields holding a list, typed with commas between the items.
    static let lijstvelden: Set<String> = ["vertegenwoordigers", "thema", "regio"]
    /// Empty fund rows on a fresh form, and added by "Meer fondsen" without the page script.
    static let legeRijen = 3
    /// More rows than any afternoon has funds: a posted form cannot make the server loop.
    static let maxRijen = 200

    var waarden: [String: String] = [:]
    /// Every row as shown, empty ones included, so that a form shown again keeps its rows.
    var fondsen: [[String: String]] = []
    var cursussen: [String] = []
    /// The register funds ticked in the choice list (by name).
    var registerKeuze: [String] = []

    /// A fresh form: the usual afternoon (14:00, rounds of 10 minutes, 2 to change tables).
    static var leeg: Evenementformulier {
        var f = Evenementformulier()
        f.waarden = ["titel": "Speeddate met fondsen", "aanvang": "14:00", "rondeduur": "10", "wisseltijd": "2"]
        f.fondsen = Array(repeating: [:], count: legeRijen)
        return f
    }

    init() {}

    /// The posted form: `titel`, …, `fonds-0-naam`, …, and a checkbox `cursus` per cursus.
    init(_ f: Formulier) {
        for v in Self.velden { waarden[v] = f[v] ?? "" }
        var rijen = 0
        for naam in f.waarden.keys where naam.hasPrefix("fonds-") {
            let delen = naam.split(separator: "-", maxSplits: 2)
            if delen.count == 3, let i = Int(delen[1]), i >= 0, i < Self.maxRijen { rijen = max(rijen, i + 1) }
        }
        fondsen = (0..<rijen).map { i in
            Dictionary(uniqueKeysWithValues: Self.fondsvelden.map { ($0, f["fonds-\(i)-\($0)"] ?? "") })
        }
        cursussen = f.waarden["cursus"] ?? []
        registerKeuze = f.waarden["register"] ?? []
    }

    static func leeg(_ rij: [String: String]) -> Bool {
        fondsvelden.allSatisfy { (rij[$0] ?? "").trimmedText.isEmpty }
    }

    /// "Overnemen": the ticked register funds fill the fund rows (empty rows first, then new ones),
    /// each as the register has it, so the organiser can still change a row; a fund whose name
    /// already stands in a row is left alone. One empty row stays for a fund of her own. Returns
    /// the names taken over.
    @discardableResult
    mutating func neemOver(_ gekozen: [Fondsenregister.Fonds]) -> [String] {
        var aanwezig = Set(fondsen.compactMap { $0["naam"] }.map(Regio.normaal).filter { !$0.isEmpty })
        var overgenomen: [String] = []
        for f in gekozen where aanwezig.insert(Regio.normaal(f.naam)).inserted {
            let rij = Self.rij(f)
            if let leeg = fondsen.firstIndex(where: Self.leeg) {
                fondsen[leeg] = rij
            } else if fondsen.count < Self.maxRijen {
                fondsen.append(rij)
            } else {
                break
            }
            overgenomen.append(f.naam)
        }
        if !fondsen.contains(where: Self.leeg) && fondsen.count < Self.maxRijen { fondsen.append([:]) }
        registerKeuze = []
        return overgenomen
    }

    /// A register fund as a row of the form: name, contact as representative, doelstelling, themes,
    /// region and range; one table.
    static func rij(_ f: Fondsenregister.Fonds) -> [String: String] {
        ["naam": f.naam, "vertegenwoordigers": f.terAttentieVan ?? "", "doelstelling": f.doelstelling ?? "",
         "thema": f.themas.joined(separator: ", "), "regio": f.regio.joined(separator: ", "),
         "bedrag-min": f.bedragMin?.formatted(symbol: false) ?? "", "bedrag-max": f.bedragMax?.formatted(symbol: false) ?? "",
         "tafels": ""]
    }

    mutating func meerRijen() {
        fondsen += Array(repeating: [:], count: min(Self.legeRijen, max(0, Self.maxRijen - fondsen.count)))
    }

    /// The event text, and for each fund in it the row of the form it came from. Empty
    /// fields and rows are left out, as if the key were not written.
    func tekst() -> (tekst: [UInt8], rijVan: [Int]) {
        func waarde(_ s: String?) -> YAMLWaarde { .tekst((s ?? "").trimmedText) }
        func lijst(_ s: String?) -> YAMLWaarde {
            .lijst((s ?? "").split(separator: ",").map { String($0).trimmedText }.filter { !$0.isEmpty }.map(YAMLWaarde.tekst))
        }
        var evenement: [YAMLWaarde.Paar] = []
        for v in Self.velden where !waarde(waarden[v]).isLeeg { evenement.append(.init(v, waarde(waarden[v]))) }
        var rijVan: [Int] = []
        var fondsen: [YAMLWaarde] = []
        for (i, rij) in self.fondsen.enumerated() where !Self.leeg(rij) {
            rijVan.append(i)
            var paren: [YAMLWaarde.Paar] = []
            for v in Self.fondsvelden where !v.hasPrefix("bedrag-") {
                let w = Self.lijstvelden.contains(v) ? lijst(rij[v]) : waarde(rij[v])
                if !w.isLeeg { paren.append(.init(v, w)) }
            }
            let bedrag = ["min", "max"].map { YAMLWaarde.Paar($0, waarde(rij["bedrag-\($0)"])) }.filter { !$0.waarde.isLeeg }
            if !bedrag.isEmpty { paren.append(.init("bedrag", .map(bedrag))) }
            // A row without a name still goes in: the reader says the name is missing.
            if !paren.contains(where: { $0.sleutel == "naam" }) { paren.insert(.init("naam", .tekst("")), at: 0) }
            fondsen.append(.map(paren))
        }
        let cursussen = self.cursussen.map { c -> YAMLWaarde in
            !c.isEmpty && c.allSatisfy { $0.isASCII && $0.isNumber } ? .letterlijk(c) : .tekst(c)
        }
        let boom = YAMLWaarde.map([
            .init("formaat", .tekst(Evenement.formaat)), .init("evenement", .map(evenement)),
            .init("fondsen", .lijst(fondsen)), .init("cursussen", .lijst(cursussen)),
        ])
        // The writer's first line names the aanvraag format; this text is an event.
        let regels = AanvraagExport.schrijf(boom).split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
        let tekst = "# \(Evenement.formaat), geschreven door de organisatorpagina van vip.\n" + regels.joined(separator: "\n")
        return (Array(tekst.utf8), rijVan)
    }

    /// Where a reading error's path points in the form: (nil, `rondeduur`) for the event's
    /// field, (row, `tafels`) for a fund's; (nil, nil) when it is about the whole event.
    static func plek(_ pad: String, rijVan: [Int]) -> (rij: Int?, veld: String?) {
        if pad.hasPrefix("evenement.") {
            let veld = String(pad.dropFirst("evenement.".count).prefix { $0 != "." && $0 != "[" })
            return (nil, velden.contains(veld) ? veld : nil)
        }
        if pad.hasPrefix("fondsen["), let sluit = pad.firstIndex(of: "]"),
           let k = Int(pad[pad.index(pad.startIndex, offsetBy: "fondsen[".count)..<sluit]), rijVan.indices.contains(k) {
            let rest = pad[pad.index(after: sluit)...].drop { $0 == "." }
            let delen = rest.split(separator: ".").map(String.init)
            var veld = delen.first.map { d in String(d.prefix { $0 != "[" }) }
            if veld == "bedrag" { veld = delen.count > 1 ? "bedrag-\(delen[1])" : "bedrag-min" }
            return (rijVan[k], veld.flatMap { fondsvelden.contains($0) ? $0 : nil })
        }
        if pad.hasPrefix("cursussen") { return (nil, "cursussen") }
        return (nil, nil)
    }
}
