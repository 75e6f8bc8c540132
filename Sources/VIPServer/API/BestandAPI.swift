import Foundation
import Hummingbird

/// `/api/aanvragen/{id}/bestanden`: the files of a version (bijlagen, logo). A file belongs to
/// versions as the text does: an upload or a removal makes a new version, older versions keep
/// their files.
struct BestandAPI {
    var diensten: Diensten
    var aanvragen: AanvraagDienst { diensten.aanvragen }

    func registreer(_ r: Routes) {
        r.on(.get, "/api/aanvragen/{id}/bestanden", lijst)
        r.on(.get, "/api/aanvragen/{id}/bestanden/{naam}", toon)
        r.on(.put, "/api/aanvragen/{id}/bestanden/{naam}", zet)
        r.on(.delete, "/api/aanvragen/{id}/bestanden/{naam}", verwijder)
    }

    struct Bestand: Encodable {
        var naam: String
        var grootte: Int
        var sha256: String
        init(_ b: BestandInfo) {
            naam = b.naam
            grootte = b.grootte
            sha256 = b.sha256
        }
    }

    static func versie(_ request: Request) throws -> Int? {
        guard let v = request.uri.queryParameters.get("versie") else { return nil }
        guard let n = Int(v) else { throw Weigering.nietGevonden("Versie \(v) van deze aanvraag bestaat niet.") }
        return n
    }

    func zichtbaar(_ context: VIPContext) async throws -> AanvraagRij {
        let (g, _) = try context.aangemeld()
        return try await aanvragen.zichtbaar(context.parameters.get("id", as: Int64.self), voor: g)
    }

    func eigen(_ context: VIPContext) async throws -> AanvraagRij {
        let (g, _) = try context.aangemeld()
        return try await aanvragen.eigen(context.parameters.get("id", as: Int64.self), voor: g)
    }

    @Sendable func lijst(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await zichtbaar(context)
        return try Antwoord.json(try await aanvragen.bestanden(a, versie: try Self.versie(request)).map(Bestand.init))
    }

    @Sendable func toon(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await zichtbaar(context)
        let naam = context.parameters.get("naam") ?? ""
        let bytes = try await aanvragen.bestand(a, naam: naam, versie: try Self.versie(request))
        // Never shown inline: whatever an upload holds is a download.
        return Antwoord.bytes(bytes, type: "application/octet-stream", headers: [
            .contentDisposition: "attachment; filename=\"\(Bestanden.veiligeNaam(naam))\"",
        ])
    }

    struct Gezet: Encodable {
        var versie: Int
        var naam: String
        var grootte: Int
        var sha256: String
    }

    @Sendable func zet(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        let verwacht = try AanvraagAPI.verwachteVersie(request, huidige: a.versie)
        let naam = context.parameters.get("naam") ?? ""
        try Bestanden.controleerNaam(naam)
        let bytes = try await request.tekst(limiet: Limieten.upload)
        do {
            let (o, b) = try await aanvragen.zetBestand(a, verwacht: verwacht, naam: naam, bytes: bytes)
            return try Antwoord.json(Gezet(versie: o.versie, naam: b.naam, grootte: b.grootte, sha256: b.sha256),
                                     status: .created, headers: [.eTag: AanvraagAPI.etag(o.versie)])
        } catch let v as VerouderdeVersie {
            throw AanvraagAPI.verouderd(v.huidige)
        }
    }

    struct Verwijderd: Encodable { var versie: Int }

    @Sendable func verwijder(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        let verwacht = try AanvraagAPI.verwachteVersie(request, huidige: a.versie)
        do {
            let o = try await aanvragen.verwijderBestand(a, verwacht: verwacht, naam: context.parameters.get("naam") ?? "")
            return try Antwoord.json(Verwijderd(versie: o.versie), headers: [.eTag: AanvraagAPI.etag(o.versie)])
        } catch let v as VerouderdeVersie {
            throw AanvraagAPI.verouderd(v.huidige)
        }
    }
}
