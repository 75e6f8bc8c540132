import Foundation
import Hummingbird
import VIPKit

/// `/api/evenementen`: the organiser's fund speed-dates. Only the organiser who made an event
/// sees it; to anyone else it does not exist.
struct EvenementAPI {
    var diensten: Diensten
    var evenementen: EvenementDienst { diensten.evenementen }

    func registreer(_ r: Routes) {
        r.on(.post, "/api/evenementen", maak)
        r.on(.get, "/api/evenementen", lijst)
        r.on(.get, "/api/evenementen/{id}", toon)
        r.on(.get, "/api/evenementen/{id}/pakket", pakket)
    }

    struct Gemaakt: Encodable { var id: Int64 }

    @Sendable func maak(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        guard g.rol == .organisator else { throw Weigering.verboden(EvenementDienst.alleenOrganisator) }
        let e = try await evenementen.maak(tekst: try await request.tekst(), door: g)
        return try Antwoord.json(Gemaakt(id: e.id), status: .created, headers: [.location: "/api/evenementen/\(e.id)"])
    }

    struct Rij: Encodable {
        var id: Int64
        var titel: String
        var datum: String?
        var cursussen: [Int64]
        var aangemaakt: String
    }

    @Sendable func lijst(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        return try Antwoord.json(try await evenementen.lijst(voor: g).map {
            Rij(id: $0.id, titel: $0.titel, datum: $0.datum, cursussen: $0.cursussen, aangemaakt: Tijden.iso($0.aangemaakt))
        })
    }

    func evenement(_ context: VIPContext) async throws -> EvenementRij {
        let (g, _) = try context.aangemeld()
        return try await evenementen.eigen(context.parameters.get("id", as: Int64.self), g)
    }

    @Sendable func toon(_ request: Request, _ context: VIPContext) async throws -> Response {
        let e = try await evenement(context)
        return Antwoord.json(Speeddateplanning.json(e, try await evenementen.planning(e)))
    }

    @Sendable func pakket(_ request: Request, _ context: VIPContext) async throws -> Response {
        let e = try await evenement(context)
        let zip = try await evenementen.pakket(e)
        return Antwoord.bytes(zip, type: "application/zip", headers: [
            .contentDisposition: "attachment; filename=\"fondsendate-\(e.id).zip\"",
        ])
    }
}
