import Foundation
import Hummingbird
import VIPKit
import VIPModel

/// The cursist's side of the course between the meetings (cursus.md): her course page with the
/// bijeenkomsten, her homework for the next one, the open opmerkingen and the aanvragen the group
/// shares; and, per aanvraag, writing together (co-authors) and sharing with the group.
struct CursistPaginas {
    var paginas: Paginas
    var diensten: Diensten { paginas.diensten }
    var weergave: Weergave { paginas.weergave }
    var cursussen: CursusDienst { diensten.cursussen }
    var aanvragen: AanvraagDienst { diensten.aanvragen }

    func registreer(_ router: Router<VIPContext>) {
        paginas.op(router, .get, "/cursus/{id}", cursus)
        paginas.op(router, .post, "/aanvragen/{id}/samenwerken/auteurs", voegAuteurToe)
        paginas.op(router, .post, "/aanvragen/{id}/samenwerken/auteurs/{gebruiker}/verwijderen", verwijderAuteur)
        paginas.op(router, .post, "/aanvragen/{id}/samenwerken/delen", deel)
    }

    /// "12 januari 2027" for a stored date.
    static func datum(_ s: String) -> String { Datum.parse(s)?.description ?? s }

    // MARK: The course page

    @Sendable func cursus(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try paginas.aangemeld(context)
        let c = try await cursussen.zichtbaar(context.parameters.get("id", as: Int64.self), g)
        // A docent runs the cursus from her own page.
        if g.rol == .docent { return Weergave.doorsturen("/cursussen/\(c.id)") }
        let o = try await cursussen.overzicht(c, voor: g)
        var d = paginas.basis(context, titel: c.naam)
        d["naam"] = c.naam
        d["docentenKop"] = o.docenten.count == 1 ? "Docent" : "Docenten"
        d["docentenTekst"] = o.docenten.map(\.naam).joined(separator: ", ")
        d["bijeenkomsten"] = c.bijeenkomsten.enumerated().map { i, s in
            ["nr": i + 1, "datum": Self.datum(s), "isVolgende": i + 1 == o.volgende] as [String: Any]
        }
        d["geenBijeenkomsten"] = c.bijeenkomsten.isEmpty
        let p = o.persoonlijk
        if let n = o.volgende {
            let aanvraag = p?.aanvraag
            d["volgende"] = [
                "nr": n, "datum": Self.datum(c.bijeenkomsten[n - 1]),
                "geenAanvraag": aanvraag == nil,
                "klaar": aanvraag != nil && (p?.huiswerk.isEmpty ?? true),
                "huiswerk": (p?.huiswerk ?? []).map { h in
                    ["label": h.label, "pad": h.pad,
                     "adres": aanvraag.map { h.adres(aanvraag: $0.id) + "#" + Veldweergave.domID(h.pad) } ?? ""]
                },
            ] as [String: Any]
        } else {
            d["volgende"] = false
        }
        let open = (p?.open ?? []).map { a, o -> [String: Any] in
            let slug = Pagina.van(o.pad)?.slug ?? Pagina.alle[0].slug
            return ["tekst": o.tekst, "docent": o.docentNaam, "geplaatst": Paginas.tijd(o.geplaatst),
                    "titel": a.afgeleid.titel ?? "Aanvraag zonder titel",
                    "veld": o.pad.isEmpty ? "de aanvraag als geheel"
                        : "‘" + (Veldentabel.aanvraag.veld(o.pad)?.label ?? o.pad) + "’",
                    "adres": "/aanvragen/\(a.id)/\(slug)#opmerking-\(o.id)"]
        }
        d["open"] = open
        d["geenOpen"] = open.isEmpty
        let gedeeld = (p?.gedeeld ?? []).map { a -> [String: Any] in
            ["titel": a.afgeleid.titel ?? "Aanvraag zonder titel", "eigenaar": a.eigenaarNaam,
             "adres": "/aanvragen/\(a.id)/lezen", "gewijzigd": Paginas.tijd(a.gewijzigd)]
        }
        d["gedeeld"] = gedeeld
        d["geenGedeeld"] = gedeeld.isEmpty
        return Weergave.antwoord(weergave.html("cursist-cursus", d))
    }

    // MARK: Writing together

    /// The page `/aanvragen/{id}/samenwerken`: its authors, a form to add one, sharing.
    func samenwerken(_ request: Request, _ context: VIPContext, _ a: AanvraagRij,
                     melding: [String: Any]? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let (g, _) = try paginas.aangemeld(context)
        let r = try await aanvragen.check(a, a.versie)
        var d = AanvraagPaginas(paginas: paginas).aanvraagBasis(context, a, r, wachtlijst: try await aanvragen.wachtlijst(a, r),
                                                                titel: "Samenwerken", actief: "samenwerken")
        let auteurs = try await aanvragen.auteurs(a)
        d["auteurs"] = auteurs.map { au in
            ["id": String(au.id), "naam": au.naam, "isEigenaar": au.id == a.eigenaar, "isZelf": au.id == g.id]
                as [String: Any]
        }
        d["gedeeld"] = a.gedeeld
        d["heeftCursus"] = a.cursus != nil
        let q = request.uri.queryParameters
        var m = melding
        if m == nil, q.get("toegevoegd") != nil {
            m = ["soort": "succes", "tekst": "De medeschrijver is toegevoegd. Zij ziet de aanvraag nu op haar overzicht."]
        }
        if m == nil, q.get("verwijderd") != nil { m = ["soort": "succes", "tekst": "De medeschrijver schrijft niet meer mee."] }
        if m == nil, let v = q.get("gedeeld") {
            m = ["soort": "succes", "tekst": v == "1" ? "De aanvraag is gedeeld met de groep."
                    : "De aanvraag is niet meer gedeeld; alleen de schrijvers en de docent zien haar."]
        }
        d["melding"] = m ?? false
        return Weergave.antwoord(weergave.html("samenwerken", d), status: status)
    }

    @Sendable func voegAuteurToe(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await AanvraagPaginas(paginas: paginas).eigen(context)
        let f = try await paginas.formulier(request, context, limiet: Limieten.json)
        do {
            _ = try await aanvragen.voegAuteurToe(a, email: f["email"] ?? "")
        } catch let fout as Weigering where fout.status == .unprocessableContent {
            return try await samenwerken(request, context, a, melding: ["soort": "fout", "tekst": fout.fout, "isFout": true],
                                         status: fout.status)
        }
        return Weergave.doorsturen("/aanvragen/\(a.id)/samenwerken?toegevoegd=1")
    }

    @Sendable func verwijderAuteur(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await AanvraagPaginas(paginas: paginas).eigen(context)
        _ = try await paginas.formulier(request, context, limiet: Limieten.json)
        try await aanvragen.verwijderAuteur(a, gebruiker: context.parameters.get("gebruiker", as: Int64.self))
        let (g, _) = try paginas.aangemeld(context)
        // Who takes herself off no longer sees the aanvraag.
        if context.parameters.get("gebruiker", as: Int64.self) == g.id { return Weergave.doorsturen("/") }
        return Weergave.doorsturen("/aanvragen/\(a.id)/samenwerken?verwijderd=1")
    }

    @Sendable func deel(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await AanvraagPaginas(paginas: paginas).eigen(context)
        let f = try await paginas.formulier(request, context, limiet: Limieten.json)
        let groep = f["groep"] == "1"
        _ = try await aanvragen.deel(a, groep: groep)
        return Weergave.doorsturen("/aanvragen/\(a.id)/samenwerken?gedeeld=\(groep ? 1 : 0)")
    }
}
