import Foundation
import Hummingbird
import VIPKit

/// `/api/evenementen`: the organiser's fund speed-dates. Only the organiser who made an
/// event sees it; to anyone else it does not exist.
struct Evenementen {
    var dienst: Dienst
    var toegang: Toegang { Toegang(opslag: dienst.opslag) }

    func registreer(_ r: Routes) {
        r.on(.post, "/api/evenementen", maak)
        r.on(.get, "/api/evenementen", lijst)
        r.on(.get, "/api/evenementen/{id}", toon)
        r.on(.get, "/api/evenementen/{id}/pakket", pakket)
    }

    /// Stores a posted event text after reading it as `vip fondsendate` reads it; every
    /// cursus it names must exist. For page controllers too.
    func maak(tekst: [UInt8], door g: Gebruiker) async throws -> EvenementRij {
        guard g.rol == .organisator else { throw APIFout.verboden("Alleen een organisator maakt een speeddate.") }
        let limits = dienst.checker.limits
        let gelezen = try await Zwaar.probeer { try Speeddateplanning.lees(tekst, limits: limits) }
        var onbekend: [Int64] = []
        for c in gelezen.cursussen {
            if try await dienst.opslag.cursus(id: c) == nil { onbekend.append(c) }
        }
        if !onbekend.isEmpty {
            throw APIFout(.unprocessableContent, "Onbekende \(onbekend.count == 1 ? "cursus" : "cursussen"): "
                + onbekend.map(String.init).joined(separator: ", ") + ". Er is niets opgeslagen.")
        }
        return try await dienst.opslag.maakEvenement(organisator: g.id, tekst: tekst, titel: gelezen.evenement.titel,
                                                     datum: gelezen.evenement.datum?.iso, cursussen: gelezen.cursussen,
                                                     tijd: dienst.nu)
    }

    @Sendable func maak(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        guard g.rol == .organisator else { throw APIFout.verboden("Alleen een organisator maakt een speeddate.") }
        let e = try await maak(tekst: try await request.tekst(), door: g)
        return Antwoord.json(.object([("id", .number(String(e.id)))]), status: .created,
                             headers: [.location: "/api/evenementen/\(e.id)"])
    }

    @Sendable func lijst(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        let rijen = g.rol == .organisator ? try await dienst.opslag.evenementen(organisator: g.id) : []
        return Antwoord.json(.array(rijen.map { e in
            .object([("id", .number(String(e.id))), ("titel", .string(e.titel)),
                     ("datum", e.datum.map(JSON.string) ?? .null),
                     ("cursussen", .array(e.cursussen.map { .number(String($0)) })),
                     ("aangemaakt", Antwoord.tijd(e.aangemaakt))])
        }))
    }

    func evenement(_ context: VIPContext) async throws -> EvenementRij {
        let (g, _) = try context.aangemeld()
        return try await toegang.evenementAlsOrganisator(context.parameters.get("id", as: Int64.self), voor: g)
    }

    @Sendable func toon(_ request: Request, _ context: VIPContext) async throws -> Response {
        let e = try await evenement(context)
        let p = try await Speeddateplanning(dienst: dienst).planning(e)
        return Antwoord.json(Speeddateplanning.json(e, p))
    }

    @Sendable func pakket(_ request: Request, _ context: VIPContext) async throws -> Response {
        let e = try await evenement(context)
        let zip = try await Speeddateplanning(dienst: dienst).pakket(e)
        return Antwoord.bytes(zip, type: "application/zip", headers: [
            .contentDisposition: "attachment; filename=\"fondsendate-\(e.id).zip\"",
        ])
    }
}
