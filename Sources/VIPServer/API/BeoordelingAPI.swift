import Foundation
import Hummingbird
import VIPKit

/// The docent's opmerkingen and goedkeuringen on an aanvraag; the cursist marks opmerkingen
/// afgehandeld.
struct BeoordelingAPI {
    var diensten: Diensten
    var beoordelingen: BeoordelingDienst { diensten.beoordelingen }

    func registreer(_ r: Routes) {
        r.on(.post, "/api/aanvragen/{id}/opmerkingen", plaats)
        r.on(.get, "/api/aanvragen/{id}/opmerkingen", lijst)
        r.on(.patch, "/api/aanvragen/{id}/opmerkingen/{oid}", handelAf)
        r.on(.post, "/api/aanvragen/{id}/goedkeuring", keurGoed)
        r.on(.get, "/api/aanvragen/{id}/goedkeuring", goedkeuring)
    }

    /// `pad` empty or left out: about the whole aanvraag.
    struct NieuweOpmerking: Decodable {
        var pad: String?
        var tekst: String
    }

    struct Geplaatst: Encodable { var id: Int64 }

    struct OpmerkingAntwoord: Encodable {
        var id: Int64
        var pad: String
        var tekst: String
        var docent: String
        var geplaatst: String
        var afgehandeld: Bool
        var versie: Int
        /// Placed by a fellow cursist on an aanvraag shared with the group.
        var medecursist: Bool
        init(_ o: Opmerking) {
            id = o.id
            pad = o.pad
            tekst = o.tekst
            docent = o.docentNaam
            geplaatst = Tijden.iso(o.geplaatst)
            afgehandeld = o.afgehandeld != nil
            versie = o.versie
            medecursist = o.vanMedecursist
        }
    }

    @Sendable func plaats(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        let id = context.parameters.get("id", as: Int64.self)
        // Who may do it first: a body is only read for a docent of the cursus or a fellow cursist.
        _ = try await beoordelingen.magPlaatsen(id, g)
        let v = try await request.json(NieuweOpmerking.self)
        let o = try await beoordelingen.plaats(aanvraag: id, door: g, pad: v.pad ?? "", tekst: v.tekst)
        return try Antwoord.json(Geplaatst(id: o.id), status: .created)
    }

    @Sendable func lijst(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        let lijst = try await beoordelingen.opmerkingen(aanvraag: context.parameters.get("id", as: Int64.self), voor: g)
        return try Antwoord.json(lijst.map(OpmerkingAntwoord.init))
    }

    struct Afhandeling: Decodable { var afgehandeld: Bool }

    @Sendable func handelAf(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        let id = context.parameters.get("id", as: Int64.self)
        _ = try await beoordelingen.magAfhandelen(id, g)
        let v = try await request.json(Afhandeling.self)
        let o = try await beoordelingen.handelAf(aanvraag: id, opmerking: context.parameters.get("oid", as: Int64.self),
                                                 door: g, afgehandeld: v.afgehandeld)
        return try Antwoord.json(OpmerkingAntwoord(o))
    }

    struct Goedkeuring: Decodable { var versie: Int }

    struct Stand: Encodable {
        var versie: Int
        var goedgekeurd: Bool
        var goedgekeurde_versie: Int?
        init(_ a: AanvraagRij, _ lijst: [VIPServer.Goedkeuring]) {
            versie = a.versie
            goedgekeurd = lijst.keurt(aanvraag: a.id, versie: a.versie)
            goedgekeurde_versie = lijst.laatste(aanvraag: a.id)
        }
    }

    @Sendable func keurGoed(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        let id = context.parameters.get("id", as: Int64.self)
        _ = try await beoordelingen.magGoedkeuren(id, g)
        let v = try await request.json(Goedkeuring.self)
        let a = try await beoordelingen.keurGoed(aanvraag: id, versie: v.versie, door: g)
        let (nu, lijst) = try await beoordelingen.goedkeuring(aanvraag: a.id, voor: g)
        return try Antwoord.json(Stand(nu, lijst), status: .created)
    }

    @Sendable func goedkeuring(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        let (a, lijst) = try await beoordelingen.goedkeuring(aanvraag: context.parameters.get("id", as: Int64.self), voor: g)
        return try Antwoord.json(Stand(a, lijst))
    }
}
