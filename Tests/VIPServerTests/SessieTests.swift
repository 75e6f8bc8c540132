import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import VIPServer

@Suite struct AlgemeneRouteTests {
    @Test func gezondAntwoordtOk() async throws {
        let o = try Omgeving()
        try await o.test { c in
            let r = try await c.vraag(.get, "/gezond")
            #expect(r.status == .ok)
            #expect(r.tekst == #"{"status":"ok"}"#)
            #expect(r.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(r.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)
            #expect(r.headers[.xContentTypeOptions] == "nosniff")
        }
    }

    @Test func onbekendeRouteGeeftNederlandse404() async throws {
        let o = try Omgeving()
        try await o.test { c in
            let r = try await c.vraag(.get, "/api/bestaat-niet")
            #expect(r.status == .notFound)
            #expect(r.fout?.contains("bestaat niet") == true)
        }
    }

    @Test func checkZonderSessie() async throws {
        let o = try Omgeving()
        try await o.test { c in
            let goed = try await c.vraag(.post, "/api/check", tekst: Repo.sample("buurtmoestuin.yaml"))
            #expect(goed.status == .ok)
            #expect(goed.object["bestand"] as? String == "aanvraag.yaml")
            #expect(goed.object["af"] as? Bool == true)
            let fout = try await c.vraag(.post, "/api/check", tekst: Array("formaat: vip-aanvraag/1\nproject: [\n".utf8))
            #expect(fout.status == .unprocessableContent)
            let lees = try #require(fout.object["leesfout"] as? [String: Any])
            #expect(lees["regel_nr"] is Int)
            #expect(lees["melding"] is String && lees["pad"] is String && lees.keys.contains("kolom"))
            #expect(fout.fout != nil)
        }
    }

    @Test func checkBovenDeGrensGeeft413() async throws {
        let o = try Omgeving()
        try await o.test { c in
            let groot = [UInt8](repeating: UInt8(ascii: "#"), count: Limieten.aanvraag + 1)
            let r = try await c.vraag(.post, "/api/check", tekst: groot)
            #expect(r.status == .contentTooLarge)
            #expect(r.fout?.contains("te groot") == true)
            // Precisely at the limit the body is read (and found to be no aanvraag).
            var precies = [UInt8](repeating: UInt8(ascii: "#"), count: Limieten.aanvraag)
            precies.replaceSubrange(0..<24, with: Array("formaat: vip-aanvraag/1\n".utf8))
            let r2 = try await c.vraag(.post, "/api/check", tekst: precies)
            #expect(r2.status == .ok || r2.status == .unprocessableContent)
        }
    }
}

@Suite struct SessieRouteTests {
    @Test func aanmeldenGeeftCookieEnCSRF() async throws {
        let o = try Omgeving()
        try await o.gebruiker(.docent, "docent@school.nl")
        try await o.test { c in
            let r = try await c.vraag(.post, "/api/sessie", json: ["email": "Docent@School.nl ", "wachtwoord": Omgeving.wachtwoord])
            #expect(r.status == .ok)
            #expect(r.object["naam"] as? String == "Docent")
            #expect(r.object["rol"] as? String == "docent")
            #expect((r.object["csrf"] as? String)?.count == 32)
            let cookie = try #require(r.headers[.setCookie])
            #expect(cookie.hasPrefix("vip_sessie="))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Path=/"))
            // The token is 128 random bits; only its hash is stored.
            let token = String(cookie.split(separator: ";")[0].dropFirst("vip_sessie=".count))
            #expect(token.count == 32)
            let hash = Hash.sha256(token)
            #expect(try await o.opslag.sessie(tokenHash: hash, nu: o.klok.nu) != nil)
            #expect(try await o.opslag.sessie(tokenHash: token, nu: o.klok.nu) == nil)
        }
    }

    @Test func verkeerdWachtwoordOfOnbekendAccountGeeft401() async throws {
        let o = try Omgeving()
        try await o.gebruiker(.docent, "docent@school.nl")
        try await o.test { c in
            let r = try await c.vraag(.post, "/api/sessie", json: ["email": "docent@school.nl", "wachtwoord": "fout-fout-fout"])
            #expect(r.status == .unauthorized)
            #expect(r.headers[.setCookie] == nil)
            let r2 = try await c.vraag(.post, "/api/sessie", json: ["email": "niemand@school.nl", "wachtwoord": "x"])
            #expect(r2.status == .unauthorized)
            #expect(r.fout == r2.fout)
            let r3 = try await c.vraag(.post, "/api/sessie", json: ["email": "docent@school.nl"])
            #expect(r3.status == .badRequest)
            let r4 = try await c.vraag(.post, "/api/sessie", tekst: Array("geen json".utf8))
            #expect(r4.status == .badRequest)
        }
    }

    @Test func sessieTonenEnAfmelden() async throws {
        let o = try Omgeving()
        try await o.gebruiker(.organisator, "org@school.nl")
        try await o.test { c in
            #expect(try await c.vraag(.get, "/api/sessie").status == .unauthorized)
            let s = try await c.meldAan("org@school.nl")
            let r = try await c.vraag(.get, "/api/sessie", als: s)
            #expect(r.status == .ok)
            #expect(r.object["rol"] as? String == "organisator")
            #expect(r.object["csrf"] as? String == s.csrf)
            // Without the CSRF token, logging out is refused and the session still works.
            let zonder = try await c.vraag(.delete, "/api/sessie", als: s, csrf: false)
            #expect(zonder.status == .forbidden)
            #expect(try await c.vraag(.get, "/api/sessie", als: s).status == .ok)
            let verkeerd = try await c.vraag(.delete, "/api/sessie", als: s, csrf: false,
                                             headers: [HTTPField.Name("X-CSRF-Token")!: String(s.csrf.reversed())])
            #expect(verkeerd.status == .forbidden)
            let af = try await c.vraag(.delete, "/api/sessie", als: s)
            #expect(af.status == .noContent)
            #expect(af.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await c.vraag(.get, "/api/sessie", als: s).status == .unauthorized)
            #expect(try await c.vraag(.delete, "/api/sessie", als: s).status == .unauthorized)
        }
    }

    @Test func sessieVerloopt() async throws {
        let o = try Omgeving()
        try await o.gebruiker(.docent, "docent@school.nl")
        try await o.test { c in
            let s = try await c.meldAan("docent@school.nl")
            o.klok.verzet(o.diensten.kern.configuratie.sessieDuur - 1)
            #expect(try await c.vraag(.get, "/api/sessie", als: s).status == .ok)
            o.klok.verzet(1)
            #expect(try await c.vraag(.get, "/api/sessie", als: s).status == .unauthorized)
            // An expired cookie is no session: a changing request is refused with 401, not let through.
            #expect(try await c.vraag(.post, "/api/cursussen", als: s, json: ["naam": "X", "bijeenkomsten": []]).status
                    == .unauthorized)
            // A cookie that never was a session, too.
            let nep = Aangemeld(cookie: String(repeating: "0", count: 32), csrf: "x")
            #expect(try await c.vraag(.get, "/api/sessie", als: nep).status == .unauthorized)
        }
    }

    @Test func wachtwoordWijzigenBeeindigtAndereSessies() async throws {
        let o = try Omgeving()
        try await o.gebruiker(.docent, "docent@school.nl")
        try await o.test { c in
            let a = try await c.meldAan("docent@school.nl")
            let b = try await c.meldAan("docent@school.nl")
            let fout = try await c.vraag(.put, "/api/sessie/wachtwoord", als: a, json: ["oud": "niet-het-wachtwoord", "nieuw": "nieuw-wachtwoord-1"])
            #expect(fout.status == .forbidden)
            let kort = try await c.vraag(.put, "/api/sessie/wachtwoord", als: a, json: ["oud": Omgeving.wachtwoord, "nieuw": "kort"])
            #expect(kort.status == .unprocessableContent)
            let zonderCSRF = try await c.vraag(.put, "/api/sessie/wachtwoord", als: a, csrf: false,
                                               json: ["oud": Omgeving.wachtwoord, "nieuw": "nieuw-wachtwoord-1"])
            #expect(zonderCSRF.status == .forbidden)
            #expect(try await c.vraag(.get, "/api/sessie", als: b).status == .ok)
            let goed = try await c.vraag(.put, "/api/sessie/wachtwoord", als: a, json: ["oud": Omgeving.wachtwoord, "nieuw": "nieuw-wachtwoord-1"])
            #expect(goed.status == .noContent)
            #expect(try await c.vraag(.get, "/api/sessie", als: a).status == .ok)
            #expect(try await c.vraag(.get, "/api/sessie", als: b).status == .unauthorized)
            let oud = try await c.vraag(.post, "/api/sessie", json: ["email": "docent@school.nl", "wachtwoord": Omgeving.wachtwoord])
            #expect(oud.status == .unauthorized)
            _ = try await c.meldAan("docent@school.nl", "nieuw-wachtwoord-1")
            #expect(try await c.vraag(.put, "/api/sessie/wachtwoord", json: ["oud": "a", "nieuw": "b"]).status == .unauthorized)
        }
    }

    @Test func tienMisluktePogingenPerEmailGeven429() async throws {
        let o = try Omgeving()
        try await o.gebruiker(.docent, "docent@school.nl")
        try await o.test { c in
            let fout = ["email": "docent@school.nl", "wachtwoord": "verkeerd-wachtwoord"]
            let goed = ["email": "docent@school.nl", "wachtwoord": Omgeving.wachtwoord]
            for i in 0..<10 {
                #expect(try await c.vraag(.post, "/api/sessie", json: fout).status == .unauthorized)
                if i == 4 { o.klok.verzet(60) }   // the oldest of the ten decides
            }
            // Now even the right password is refused, without being checked.
            let r = try await c.vraag(.post, "/api/sessie", json: goed)
            #expect(r.status == .tooManyRequests)
            #expect(r.headers[.retryAfter] == "840")
            // Another email is not affected; an email without account is counted as well.
            for _ in 0..<10 {
                _ = try await c.vraag(.post, "/api/sessie", json: ["email": "niemand@school.nl", "wachtwoord": "x"])
            }
            #expect(try await c.vraag(.post, "/api/sessie", json: ["email": "niemand@school.nl", "wachtwoord": "x"]).status
                    == .tooManyRequests)
            o.klok.verzet(839)
            let bijna = try await c.vraag(.post, "/api/sessie", json: goed)
            #expect(bijna.status == .tooManyRequests)
            #expect(bijna.headers[.retryAfter] == "1")
            o.klok.verzet(1)
            // The oldest five are now 15 minutes old: five count, so the right password works.
            #expect(try await c.vraag(.post, "/api/sessie", json: goed).status == .ok)
            // A successful login clears the count.
            for _ in 0..<9 { _ = try await c.vraag(.post, "/api/sessie", json: fout) }
            #expect(try await c.vraag(.post, "/api/sessie", json: goed).status == .ok)
        }
    }
}
