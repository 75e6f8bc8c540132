import Foundation
import VIPKit
import VIPModel

/// The search of the installation's fund register on the fondsen page: the funds that fit the
/// aanvraag (best first, each with why it fits, in Dutch) with a button that adds it with its
/// address, the funds the aanvraag already names, and those that do not fit with what failed.
/// The search is `vip fondsen zoek`'s (`FondsenZoeker`), through `RegisterDienst.zoek`.
struct Fondsenzoekweergave {
    var diensten: Diensten

    /// The section's data for aanvraag `a` (its current model), with the amount and date typed in
    /// the search form (empty: the largest amount asked of a fund, and today).
    func gegevens(_ a: AanvraagRij, _ model: Aanvraag, bedrag: String?, datum: String?) async throws -> [String: Any] {
        var d: [String: Any] = ["actie": "/aanvragen/\(a.id)/fondsen/toevoegen", "zoekActie": "/aanvragen/\(a.id)/fondsen"]
        let stand = try await diensten.register.huidig()
        guard let register = stand.register else {
            d["heeftRegister"] = false
            d["geenRegister"] = "Deze installatie heeft nog geen fondsenregister. Een organisator kan het importeren; tot "
                + "dan zoekt u fondsen in het Fondsenboek, de Fondsendisk of op de website van de FIN en vult u ze hieronder "
                + "zelf in."
            return d
        }
        d["heeftRegister"] = true
        d["aantal"] = register.fondsen.count
        let b = bedrag ?? "", dt = datum ?? ""
        d["bedrag"] = b.isEmpty ? (FondsenZoeker.standaardBedrag(model)?.formatted(symbol: false) ?? "") : b
        d["datum"] = dt.isEmpty ? diensten.kern.vandaag.iso : dt
        let opties: (Bedrag?, Datum?)
        do {
            opties = try RegisterDienst.zoekopties(bedrag, datum)
        } catch let w as Weigering {
            d["fout"] = w.fout
            d["heeftUitkomst"] = false
            return d
        }
        d["fout"] = false
        let r = try await diensten.register.zoek(model, bedrag: opties.0, datum: opties.1)
        let inFondsen = Set(model.fondsen.compactMap(\.naam).map(Regio.normaal))
        d["heeftUitkomst"] = true
        d["met"] = [r.bedrag.map { "bedrag \($0)" }, r.datum.map { "aanvraag op \($0)" }].compactMap { $0 }
            .joined(separator: ", ")
        d["passend"] = r.passend.enumerated().map { i, t -> [String: Any] in
            let f = t.fonds
            return ["naam": f.naam, "nr": i + 1, "id": "register-fonds-\(i)",
                    "website": f.website ?? false, "redenen": t.uitleg.map(Self.reden),
                    "contact": Self.contact(f), "heeftContact": !Self.contact(f).isEmpty,
                    "voorwaarden": f.voorwaarden.joined(separator: "; "), "heeftVoorwaarden": !f.voorwaarden.isEmpty,
                    "nietVoor": f.nietVoor.joined(separator: ", "), "heeftNietVoor": !f.nietVoor.isEmpty,
                    "alInFondsen": inFondsen.contains(Regio.normaal(f.naam))]
        }
        d["heeftPassend"] = !r.passend.isEmpty
        d["alAangevraagd"] = r.alAangevraagd.map { ["naam": $0.naam] }
        d["heeftAlAangevraagd"] = !r.alAangevraagd.isEmpty
        d["nietPassend"] = r.nietPassend.map { t -> [String: Any] in
            ["naam": t.fonds.naam,
             "redenen": t.uitleg.filter { u in t.redenen.contains { u.hasPrefix($0.rawValue + ":") } }.map(Self.reden)]
        }
        d["heeftNietPassend"] = !r.nietPassend.isEmpty
        return d
    }

    /// "thema: natuur en ontmoeting" → label "Thema", text "natuur en ontmoeting".
    static func reden(_ regel: String) -> [String: Any] {
        guard let dubbele = regel.range(of: ": ") else { return ["label": "", "tekst": regel] }
        let label = String(regel[..<dubbele.lowerBound])
        return ["label": label.prefix(1).uppercased() + label.dropFirst(), "tekst": String(regel[dubbele.upperBound...])]
    }

    /// "t.a.v. mevrouw J. Hendriks, Postbus 1201, 6801 BE Arnhem".
    static func contact(_ f: Fondsenregister.Fonds) -> String {
        var delen: [String] = []
        if let t = f.terAttentieVan { delen.append("t.a.v. \(t)") }
        if let a = f.adres {
            delen += [a.straat, [a.postcode, a.plaats].compactMap { $0 }.joined(separator: " ")].compactMap { $0 }
                .filter { !$0.isEmpty }
        }
        if let t = f.telefoon { delen.append(t) }
        return delen.joined(separator: ", ")
    }
}
