import Foundation
import Hummingbird
import VIPKit

/// The start page (per role) and the static files.
struct StartPagina {
    var paginas: Paginas
    var diensten: Diensten { paginas.diensten }
    var weergave: Weergave { paginas.weergave }

    func registreer(_ router: Router<VIPContext>) {
        paginas.op(router, .get, "/", start)
        paginas.op(router, .get, "/static/{naam}", statisch)
    }

    @Sendable func statisch(_ request: Request, _ context: VIPContext) async throws -> Response {
        guard let naam = context.parameters.get("naam"), let r = Weergave.statisch(naam) else {
            throw Weigering.nietGevonden("Dit bestand bestaat niet.")
        }
        return r
    }

    @Sendable func start(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try paginas.aangemeld(context)
        var d = paginas.basis(context, titel: "Overzicht")
        switch g.rol {
        case .cursist:
            var lijst: [[String: Any]] = []
            let aanvragen = diensten.aanvragen
            for a in try await aanvragen.lijst(voor: g) {
                let r = try await aanvragen.check(a, a.versie)
                let wachtlijst = try await aanvragen.wachtlijst(a, r)
                let stand = Paginastand.alle(r.bevindingen, wachtlijst: wachtlijst)
                let (_, goedkeuringen) = try await diensten.beoordelingen.goedkeuring(aanvraag: a.id, voor: g)
                let anderen = try await aanvragen.auteurs(a).filter { $0.id != g.id }.map(\.naam)
                lijst.append([
                    "goedkeuring": DocentPaginas.goedkeuring(versie: a.versie, goedgekeurd: goedkeuringen.laatste(aanvraag: a.id),
                                                             voorCursist: true),
                    "id": String(a.id), "titel": a.afgeleid.titel ?? "Aanvraag zonder titel", "versie": a.versie,
                    "gewijzigd": Paginas.tijd(a.gewijzigd), "af": a.afgeleid.af,
                    "fouten": stand.reduce(0) { $0 + $1.fouten }, "waarschuwingen": stand.reduce(0) { $0 + $1.waarschuwingen },
                    "teDoen": stand.reduce(0) { $0 + $1.teDoen },
                    "delen": Paginas.voortgang(r.bevindingen, wachtlijst: wachtlijst).map { $0.1 },
                    "samen": Paginas.ofNiets(anderen.joined(separator: ", ")), "gedeeld": a.gedeeld,
                ])
            }
            d["cursus"] = try await cursusSamenvatting(g)
            d["aanvragen"] = lijst
            d["geenAanvragen"] = lijst.isEmpty
            d["limietMiB"] = Limieten.aanvraag / 1024 / 1024
            d["quotum"] = try await AanvraagPaginas.quotum(diensten, g)
            return Weergave.antwoord(weergave.html("overzicht", d))
        case .docent:
            let rijen = try await diensten.aanvragen.lijst(voor: g)
            d["aanvragen"] = rijen.map { a in
                ["id": String(a.id), "titel": a.afgeleid.titel ?? "Aanvraag zonder titel", "eigenaar": a.eigenaarNaam,
                 "versie": a.versie, "fouten": a.afgeleid.fouten, "waarschuwingen": a.afgeleid.waarschuwingen,
                 "gewijzigd": Paginas.tijd(a.gewijzigd)] as [String: Any]
            }
            d["geenAanvragen"] = rijen.isEmpty
            let cursussen = try await diensten.cursussen.cursussen(docent: g)
            d["heeftCursussen"] = !cursussen.isEmpty
            d["cursussen"] = cursussen.map { c in
                ["id": String(c.id), "naam": c.naam, "code": c.uitnodigingscode, "bijeenkomsten": c.bijeenkomsten.count]
                    as [String: Any]
            }
            return Weergave.antwoord(weergave.html("docent", d))
        case .organisator:
            return try await OrganisatorPaginas(paginas: paginas).start(context, g, d)
        case .beheerder:
            return Weergave.doorsturen("/beheer")
        }
    }

    /// The cursist's cursus on her start page: the next bijeenkomst and how much homework is
    /// open, with a link to the course page; false when she follows none.
    func cursusSamenvatting(_ g: Gebruiker) async throws -> Any {
        guard let id = g.cursus, let c = try? await diensten.cursussen.zichtbaar(id, g) else { return false }
        let o = try await diensten.cursussen.overzicht(c, voor: g)
        var d: [String: Any] = ["id": String(c.id), "naam": c.naam, "volgende": false]
        if let n = o.volgende {
            let open = o.persoonlijk?.huiswerk.count ?? 0
            d["volgende"] = ["nr": n, "datum": CursistPaginas.datum(c.bijeenkomsten[n - 1]),
                             "huiswerk": open == 0 ? "geen huiswerk open" : open == 1 ? "1 veld nog te doen"
                                 : "\(open) velden nog te doen",
                             "geenAanvraag": o.persoonlijk?.aanvraag == nil] as [String: Any]
        }
        let open = o.persoonlijk?.open.count ?? 0
        d["opmerkingen"] = open == 0 ? false : ["tekst": open == 1 ? "1 open opmerking" : "\(open) open opmerkingen"] as Any
        return d
    }
}
