import Foundation
import VIPKit
import Hummingbird

/// `/api/sessie`: signing in and out, and changing the password.
struct Sessies {
    static let cookie = "vip_sessie"
    /// Spec: 10 failed logins for one email within 15 minutes → 429 until the oldest is 15 minutes old.
    static let maxMislukt = 10
    static let venster: TimeInterval = 15 * 60

    var dienst: Dienst

    func registreer(_ r: Routes) {
        r.on(.post, "/api/sessie", meldAan)
        r.on(.get, "/api/sessie", toon)
        r.on(.delete, "/api/sessie", meldAf)
        r.on(.put, "/api/sessie/wachtwoord", wijzigWachtwoord)
    }

    /// Email addresses compare without case and surrounding space; no address is longer
    /// than 254 characters, so a longer one is cut there (also as the key of the login limit).
    static func normaliseer(_ email: String) -> String {
        String(email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().prefix(320))
    }

    /// bcrypt reads 72 bytes; a longer password is refused rather than silently shortened.
    static func wachtwoordFout(_ wachtwoord: String) -> APIFout? {
        if wachtwoord.count < 10 { return APIFout(.unprocessableContent, "Het wachtwoord is te kort: gebruik minstens 10 tekens.") }
        if wachtwoord.utf8.count > 72 {
            return APIFout(.unprocessableContent, "Het wachtwoord is te lang: gebruik hoogstens 72 bytes (ongeveer 70 letters).")
        }
        return nil
    }

    static func sessieJSON(_ g: Gebruiker, _ s: Sessie) -> JSON {
        .object([("naam", .string(g.naam)), ("rol", .string(g.rol.rawValue)), ("csrf", .string(s.csrf))])
    }

    @Sendable func meldAan(_ request: Request, _ context: VIPContext) async throws -> Response {
        let velden = Velden(object: try await request.jsonObject())
        let (gebruiker, sessie, token) = try await inloggen(email: try velden.tekst("email"),
                                                            wachtwoord: try velden.tekst("wachtwoord"))
        var response = Antwoord.json(Self.sessieJSON(gebruiker, sessie))
        response.setCookie(Self.sessieCookie(token))
        return response
    }

    static func sessieCookie(_ token: String) -> Cookie {
        Cookie(name: cookie, value: token, path: "/", httpOnly: true, sameSite: .lax)
    }

    /// Checks the login limit and the password, and starts a session (the API and the login page).
    func inloggen(email invoer: String, wachtwoord: String) async throws -> (Gebruiker, Sessie, String) {
        let email = Self.normaliseer(invoer)
        let nu = dienst.nu
        // A failure counts while it is younger than 15 minutes.
        let grens = nu.addingTimeInterval(-Self.venster)
        let mislukt = try await dienst.opslag.mislukteLogins(email: email, sinds: grens).filter { $0 > grens }
        if mislukt.count >= Self.maxMislukt {
            // The oldest failure that still counts decides when logging in is possible again.
            let vrij = mislukt[mislukt.count - Self.maxMislukt].addingTimeInterval(Self.venster)
            let seconden = max(1, Int(vrij.timeIntervalSince(nu).rounded(.up)))
            throw APIFout(.tooManyRequests, "Te veel mislukte aanmeldpogingen voor dit e-mailadres. Probeer het over "
                + "\((seconden + 59) / 60) minuten opnieuw.", headers: [.retryAfter: String(seconden)])
        }
        let gebruiker = try await dienst.opslag.gebruiker(email: email)
        let klopt = await dienst.klopt(wachtwoord, gebruiker?.wachtwoordHash ?? dienst.dummyHash)
        guard let gebruiker, klopt else {
            try await dienst.opslag.registreerMislukteLogin(email: email, tijd: nu)
            throw APIFout(.unauthorized, "Het e-mailadres of het wachtwoord klopt niet.")
        }
        try await dienst.opslag.wisMislukteLogins(email: email)
        // Expired sessions are of no use to anyone; clear them when a new one starts.
        try await dienst.opslag.ruimSessiesOp(nu: nu)
        let token = Geheim.token()
        let sessie = Sessie(tokenHash: SHA256.hex(Array(token.utf8)), gebruiker: gebruiker.id, csrf: Geheim.token(),
                            verloopt: nu.addingTimeInterval(dienst.configuratie.sessieDuur))
        try await dienst.opslag.maakSessie(sessie)
        return (gebruiker, sessie, token)
    }

    @Sendable func toon(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, s) = try context.aangemeld()
        return Antwoord.json(Self.sessieJSON(g, s))
    }

    @Sendable func meldAf(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (_, s) = try context.aangemeld()
        try await dienst.opslag.beeindigSessie(tokenHash: s.tokenHash)
        var response = Antwoord.leeg()
        response.setCookie(Cookie(name: Self.cookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
        return response
    }

    @Sendable func wijzigWachtwoord(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, s) = try context.aangemeld()
        let velden = Velden(object: try await request.jsonObject())
        try await wijzigWachtwoord(g, s, oud: try velden.tekst("oud"), nieuw: try velden.tekst("nieuw"))
        return Antwoord.leeg()
    }

    /// Wrong `oud`: 403; a bad `nieuw`: 422; then every other session of the account ends.
    func wijzigWachtwoord(_ g: Gebruiker, _ s: Sessie, oud: String, nieuw: String) async throws {
        guard await dienst.klopt(oud, g.wachtwoordHash) else {
            throw APIFout.verboden("Het huidige wachtwoord klopt niet. Uw wachtwoord is niet gewijzigd.")
        }
        if let fout = Self.wachtwoordFout(nieuw) { throw fout }
        try await dienst.opslag.zetWachtwoord(gebruiker: g.id, hash: await dienst.hash(nieuw))
        try await dienst.opslag.beeindigSessies(gebruiker: g.id, behalve: s.tokenHash)
    }
}
