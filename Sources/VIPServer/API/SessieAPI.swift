import Foundation
import Hummingbird
import VIPKit

/// The session cookie: HttpOnly, SameSite=Lax, for the whole site. With an `https` extern-url
/// it is `__Host-vip_sessie` with `Secure` (the browser sends it only over TLS, and only to this
/// host); a request that a trusted proxy (`--proxy`) says came over https gets `Secure` too.
struct Sessiecookie: Sendable {
    static let gewoon = "vip_sessie"
    static let host = "__Host-vip_sessie"

    var naam: String
    /// Always `Secure` (an https extern-url).
    var altijdVeilig: Bool

    init(_ c: ServerConfiguratie) {
        altijdVeilig = c.isHTTPS
        naam = altijdVeilig ? Self.host : Self.gewoon
    }

    func zet(_ token: String, _ context: VIPContext) -> Cookie {
        Cookie(name: naam, value: token, path: "/", secure: altijdVeilig || context.https, httpOnly: true, sameSite: .lax)
    }

    func wis(_ context: VIPContext) -> Cookie {
        Cookie(name: naam, value: "", maxAge: 0, path: "/", secure: altijdVeilig || context.https, httpOnly: true,
               sameSite: .lax)
    }
}

/// `/api/sessie` and `/api/aanmelden`: signing up, signing in and out, changing the password.
struct SessieAPI {
    var diensten: Diensten
    var accounts: AccountDienst { diensten.accounts }

    func registreer(_ r: Routes) {
        r.on(.post, "/api/sessie", csrf: false, meldAan)
        r.on(.get, "/api/sessie", toon)
        r.on(.delete, "/api/sessie", meldAf)
        r.on(.put, "/api/sessie/wachtwoord", wijzigWachtwoord)
        r.on(.post, "/api/aanmelden", csrf: false, registreer)
        r.on(.post, "/api/wachtwoord-vergeten", csrf: false, wachtwoordVergeten)
        r.on(.post, "/api/wachtwoord-herstellen", csrf: false, wachtwoordHerstellen)
    }

    var cookie: Sessiecookie { Sessiecookie(diensten.kern.configuratie) }

    struct Aanmelding: Decodable {
        var email: String
        var wachtwoord: String
    }

    struct SessieAntwoord: Encodable {
        var naam: String
        var rol: String
        var csrf: String
        init(_ g: Gebruiker, _ s: Sessie) {
            naam = g.naam
            rol = g.rol.rawValue
            csrf = s.csrf
        }
    }

    @Sendable func meldAan(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await request.json(Aanmelding.self)
        let (g, sessie, token) = try await accounts.inloggen(email: a.email, wachtwoord: a.wachtwoord, adres: context.adres)
        var response = try Antwoord.json(SessieAntwoord(g, sessie))
        response.setCookie(cookie.zet(token, context))
        return response
    }

    @Sendable func toon(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, s) = try context.aangemeld()
        return try Antwoord.json(SessieAntwoord(g, s))
    }

    @Sendable func meldAf(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (_, s) = try context.aangemeld()
        try await accounts.uitloggen(s)
        var response = Antwoord.leeg()
        response.setCookie(cookie.wis(context))
        return response
    }

    struct Wachtwoordwijziging: Decodable {
        var oud: String
        var nieuw: String
    }

    @Sendable func wijzigWachtwoord(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, s) = try context.aangemeld()
        let w = try await request.json(Wachtwoordwijziging.self)
        try await accounts.wijzigWachtwoord(g, s, oud: w.oud, nieuw: w.nieuw, adres: context.adres)
        return Antwoord.leeg()
    }

    /// Every field may be missing: the spec checks the code first (404), then the fields (422).
    struct Registratie: Decodable {
        var uitnodigingscode: String?
        var naam: String?
        var email: String?
        var wachtwoord: String?
    }

    struct Geregistreerd: Encodable {
        var id: Int64
        var naam: String
        var rol: String
        var cursus: Int64
    }

    @Sendable func registreer(_ request: Request, _ context: VIPContext) async throws -> Response {
        let v = try await request.json(Registratie.self)
        let (g, cursus) = try await accounts.registreer(code: v.uitnodigingscode ?? "", naam: v.naam ?? "",
                                                        email: v.email ?? "", wachtwoord: v.wachtwoord,
                                                        adres: context.adres)
        return try Antwoord.json(Geregistreerd(id: g.id, naam: g.naam, rol: g.rol.rawValue, cursus: cursus.id),
                                 status: .created)
    }

    struct Vergeten: Decodable { var email: String }
    struct Ontvangen: Encodable {
        var melding = AccountDienst.herstelMelding
    }

    /// 202 with the same body whether or not the address has an account.
    @Sendable func wachtwoordVergeten(_ request: Request, _ context: VIPContext) async throws -> Response {
        let v = try await request.json(Vergeten.self)
        try await accounts.wachtwoordVergeten(email: v.email, adres: context.adres)
        return try Antwoord.json(Ontvangen(), status: .accepted)
    }

    struct Herstel: Decodable {
        var token: String
        var nieuw: String
    }

    @Sendable func wachtwoordHerstellen(_ request: Request, _ context: VIPContext) async throws -> Response {
        let h = try await request.json(Herstel.self)
        try await accounts.wachtwoordHerstellen(token: h.token, nieuw: h.nieuw)
        return Antwoord.leeg()
    }
}
