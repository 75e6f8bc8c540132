import Foundation
import Hummingbird
import VIPKit
import VIPModel

/// `/api/fondsenregister`: the installation's one fund register, a `vip-fondsenregister/1` file.
/// Organisers read (export) and replace (import) it; every import is a new version, and the ETag
/// names it.
struct RegisterAPI {
    var diensten: Diensten
    var register: RegisterDienst { diensten.register }

    func registreer(_ r: Routes) {
        r.on(.get, "/api/fondsenregister", toon)
        r.on(.put, "/api/fondsenregister", bewaar)
    }

    @Sendable func toon(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        let rij = try await register.tekst(voor: g)
        return Antwoord.bytes(rij.tekst, type: RegisterDienst.yaml, headers: [
            .eTag: AanvraagAPI.etag(rij.versie),
            .contentDisposition: "attachment; filename=\"fondsenregister.yaml\"",
        ])
    }

    struct Opgeslagen: Encodable {
        var versie: Int
        var fondsen: Int
        var gewijzigd: String
    }

    /// An import replaces the register. `If-Match` is optional: with it, a register changed
    /// meanwhile is 412 and nothing is stored; without it, the file simply becomes the register.
    @Sendable func bewaar(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        _ = try Toegang(opslag: diensten.kern.opslag).registerbeheerder(g)
        let verwacht = request.headers[.ifMatch] == nil ? nil : try AanvraagAPI.verwachteVersie(request, huidige: 0)
        let tekst = try await request.tekst()
        do {
            let (rij, gelezen) = try await register.bewaar(tekst, door: g, verwacht: verwacht)
            return try Antwoord.json(Opgeslagen(versie: rij.versie, fondsen: gelezen.fondsen.count,
                                                gewijzigd: Tijden.iso(rij.tijd)),
                                     headers: [.eTag: AanvraagAPI.etag(rij.versie)])
        } catch let v as VerouderdeVersie {
            throw Weigering(.preconditionFailed, "Het fondsenregister is intussen gewijzigd (nu versie \(v.huidige)). Er is "
                + "niets opgeslagen: lees de nieuwe versie en sla daarna opnieuw op.", headers: [.eTag: AanvraagAPI.etag(v.huidige)])
        }
    }
}

/// `/api/aanvragen/{id}/fondsen`: the register's funds for one aanvraag. GET searches as
/// `vip fondsen zoek --register REGISTER --format json` does; POST adds a register fund to the
/// aanvraag's `fondsen` and dekkingsplan, with its address, as a new version.
struct FondsenAPI {
    var diensten: Diensten
    var aanvragen: AanvraagDienst { diensten.aanvragen }

    func registreer(_ r: Routes) {
        r.on(.get, "/api/aanvragen/{id}/fondsen", zoek)
        r.on(.post, "/api/aanvragen/{id}/fondsen", voegToe)
    }

    @Sendable func zoek(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        let a = try await aanvragen.zichtbaar(context.parameters.get("id", as: Int64.self), voor: g)
        let q = request.uri.queryParameters
        let (bedrag, datum) = try RegisterDienst.zoekopties(q.get("bedrag"), q.get("datum"))
        let r = try await aanvragen.check(a, a.versie)
        guard let model = r.aanvraag else { throw Kern.leesfout(r) }
        let resultaat = try await diensten.register.zoek(model, bedrag: bedrag, datum: datum)
        return Antwoord.json(resultaat.json, headers: [.eTag: AanvraagAPI.etag(a.versie)])
    }

    struct Toevoegen: Decodable {
        var naam: String
        var bedrag: String?
    }

    struct Toegevoegd: Encodable {
        var versie: Int
        var fonds: String
        var nieuw: Bool
        var check: JSON
    }

    @Sendable func voegToe(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        let a = try await aanvragen.eigen(context.parameters.get("id", as: Int64.self), voor: g)
        let verwacht = try AanvraagAPI.verwachteVersie(request, huidige: a.versie)
        let body = try await request.json(Toevoegen.self)
        let (bedrag, _) = try RegisterDienst.zoekopties(body.bedrag, nil)
        do {
            let t = try await aanvragen.voegFondsToe(a, verwacht: verwacht, naam: body.naam, bedrag: bedrag)
            let o = t.opgeslagen
            return try Antwoord.json(Toegevoegd(versie: o.versie, fonds: t.fonds.naam, nieuw: o.nieuw,
                                                check: CheckReport.json(o.check)),
                                     headers: [.eTag: AanvraagAPI.etag(o.versie)])
        } catch let v as VerouderdeVersie {
            throw AanvraagAPI.verouderd(v.huidige)
        } catch let f as AanvraagDienst.VeldFout {
            throw Weigering(.unprocessableContent, "Niet opgeslagen: \(f.fout.melding)", extra: [("pad", .string(f.fout.pad))])
        }
    }
}
