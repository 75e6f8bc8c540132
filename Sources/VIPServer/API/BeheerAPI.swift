import Foundation
import HTTPTypes
import Hummingbird
import VIPKit

/// `/api/gebruikers` and `/api/beheer/mail`: the beheerder's accounts and outbox (beheer.md).
struct BeheerAPI {
    var diensten: Diensten
    var beheer: BeheerDienst { diensten.beheer }

    func registreer(_ r: Routes) {
        r.on(.post, "/api/gebruikers", nodigUit)
        r.on(.get, "/api/gebruikers", lijst)
        r.on(.patch, "/api/gebruikers/{id}", wijzig)
        r.on(.get, "/api/beheer/mail", mail)
    }

    struct Uitnodiging: Decodable {
        var email: String
        var naam: String
        var rol: String
    }

    struct Uitgenodigd: Encodable {
        var id: Int64
        /// Only when mail is off: the set-password link, for the beheerder to hand over.
        var link: String?
    }

    @Sendable func nodigUit(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        try beheer.beheerder(g)
        let u = try await request.json(Uitnodiging.self)
        let (nieuw, link) = try await beheer.nodigUit(email: u.email, naam: u.naam, rol: u.rol, door: g)
        return try Antwoord.json(Uitgenodigd(id: nieuw.id, link: link), status: .created)
    }

    struct Account: Encodable {
        var id: Int64
        var naam: String
        var email: String
        var rol: String
        var laatst_ingelogd: String?
        var geblokkeerd: Bool
        init(_ g: Gebruiker) {
            id = g.id
            naam = g.naam
            email = g.email
            rol = g.rol.rawValue
            laatst_ingelogd = g.laatstIngelogd.map(Tijden.iso)
            geblokkeerd = g.geblokkeerd
        }
    }

    @Sendable func lijst(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        return try Antwoord.json(try await beheer.gebruikers(voor: g).map(Account.init))
    }

    struct Blokkering: Decodable { var geblokkeerd: Bool }

    @Sendable func wijzig(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        try beheer.beheerder(g)
        let b = try await request.json(Blokkering.self)
        let gewijzigd = try await beheer.zetGeblokkeerd(context.parameters.get("id", as: Int64.self), b.geblokkeerd, door: g)
        return try Antwoord.json(Account(gewijzigd))
    }

    struct Mislukt: Encodable {
        var aan: String
        var onderwerp: String
        var fout: String
        var pogingen: Int
    }

    struct Postvak: Encodable {
        /// Whether mail is configured (`--smtp` or `--sendmail`).
        var ingesteld: Bool
        var wachtend: Int
        var mislukt: [Mislukt]
    }

    @Sendable func mail(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        let stand = try await beheer.postbus(voor: g)
        return try Antwoord.json(Postvak(ingesteld: diensten.kern.configuratie.mailAan, wachtend: stand.wachtend,
                                         mislukt: stand.mislukt.map {
                                             Mislukt(aan: $0.aan, onderwerp: $0.onderwerp, fout: $0.fout, pogingen: $0.pogingen)
                                         }))
    }
}
