import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import VIPServer

/// Issue 18 through the API, in-process: a forgotten password (the same answer whether or not
/// the account exists, the mail in the outbox with its link, one use, one hour), the beheerder
/// (inviting, blocking, the outbox), and what mail off means.
@Suite struct BeheerTests {
    /// The link of the newest waiting mail to `aan`, as the worker would send it.
    static func link(_ o: Omgeving, aan: String, pad: String) async throws -> String {
        let nu = o.klok.nu
        var gevonden: String?
        // Claim, read, give back: the test reads the outbox as the worker would.
        while let m = try await o.opslag.claimMail(nu: nu, tot: nu.addingTimeInterval(1), door: "test") {
            if m.bericht.aan.adres == aan, let r = m.bericht.tekst.range(of: "http://vip.voorbeeld.nl" + pad) {
                gevonden = String(m.bericht.tekst[r.lowerBound...].prefix { !$0.isWhitespace })
            }
            try await o.opslag.markeerVerstuurd(id: m.id, door: "test", tijd: nu)
        }
        return try #require(gevonden, "geen mail met \(pad) aan \(aan)")
    }

    @Test func wachtwoordVergetenEnHerstellen() async throws {
        let o = try Omgeving(Omgeving.metMail)
        let g = try await o.gebruiker(.cursist, "fatima@thuis.nl")
        try await o.test { c in
            let oud = try await c.meldAan("fatima@thuis.nl")
            let bestaat = try await c.vraag(.post, "/api/wachtwoord-vergeten", json: ["email": "Fatima@Thuis.nl "])
            let bestaatNiet = try await c.vraag(.post, "/api/wachtwoord-vergeten", json: ["email": "niemand@thuis.nl"])
            #expect(bestaat.status == .accepted && bestaatNiet.status == .accepted)
            #expect(bestaat.tekst == bestaatNiet.tekst)
            #expect(try await o.opslag.postbus(max: 0).wachtend == 1, "only the account gets a mail")
            let link = try await Self.link(o, aan: "fatima@thuis.nl", pad: "/wachtwoord-herstellen/")
            let token = String(link.split(separator: "/").last!)
            #expect(token.count == 32)
            // Only the hash is stored.
            #expect(try await o.opslag.token(hash: token, nu: o.klok.nu) == nil)
            #expect(try await o.opslag.token(hash: Hash.sha256(token), nu: o.klok.nu)?.gebruiker == g.id)

            let kort = try await c.vraag(.post, "/api/wachtwoord-herstellen", json: ["token": token, "nieuw": "kort"])
            #expect(kort.status == .unprocessableContent)
            let goed = try await c.vraag(.post, "/api/wachtwoord-herstellen", json: ["token": token, "nieuw": "nieuw-wachtwoord"])
            #expect(goed.status == .noContent)
            #expect(try await c.vraag(.get, "/api/sessie", als: oud).status == .unauthorized, "every session ended")
            #expect(try await c.vraag(.post, "/api/wachtwoord-herstellen", json: ["token": token, "nieuw": "nog-een-wachtwoord"])
                .status == .notFound, "used once")
            _ = try await c.meldAan("fatima@thuis.nl", "nieuw-wachtwoord")
            #expect(try await c.vraag(.post, "/api/sessie", json: ["email": "fatima@thuis.nl", "wachtwoord": Omgeving.wachtwoord])
                .status == .unauthorized)

            // A link is valid for one hour.
            _ = try await c.vraag(.post, "/api/wachtwoord-vergeten", json: ["email": "fatima@thuis.nl"])
            let tweede = String(try await Self.link(o, aan: "fatima@thuis.nl", pad: "/wachtwoord-herstellen/").split(separator: "/").last!)
            o.klok.verzet(3601)
            #expect(try await c.vraag(.post, "/api/wachtwoord-herstellen", json: ["token": tweede, "nieuw": "nieuw-wachtwoord-2"])
                .status == .notFound)
            #expect(try await c.vraag(.post, "/api/wachtwoord-herstellen", json: ["token": "onzin", "nieuw": "nieuw-wachtwoord-2"])
                .status == .notFound)
        }
    }

    @Test func hoogstensVijfMailsPerAdresPerUur() async throws {
        let o = try Omgeving(Omgeving.metMail)
        try await o.gebruiker(.cursist, "fatima@thuis.nl")
        try await o.test { c in
            for _ in 0..<8 {
                let r = try await c.vraag(.post, "/api/wachtwoord-vergeten", json: ["email": "fatima@thuis.nl"])
                #expect(r.status == .accepted)
            }
            #expect(try await o.opslag.postbus(max: 0).wachtend == 5)
            o.klok.verzet(3601)
            _ = try await c.vraag(.post, "/api/wachtwoord-vergeten", json: ["email": "fatima@thuis.nl"])
            #expect(try await o.opslag.postbus(max: 0).wachtend == 6)
        }
    }

    @Test func beheerderNodigtUitBlokkeertEnZietDePostbus() async throws {
        let o = try Omgeving(Omgeving.metMail)
        try await o.gebruiker(.beheerder, "beheer@org.nl")
        let docent = try await o.gebruiker(.docent, "docent@org.nl")
        try await o.test { c in
            let b = try await c.meldAan("beheer@org.nl")
            let nieuw = try await c.vraag(.post, "/api/gebruikers", als: b,
                                          json: ["email": "Nieuw@Org.nl", "naam": "Nina Nieuw", "rol": "organisator"])
            #expect(nieuw.status == .created)
            #expect(nieuw.object["link"] is NSNull, "with mail on the link is only in the mail")
            #expect(try await c.vraag(.post, "/api/gebruikers", als: b,
                                      json: ["email": "nieuw@org.nl", "naam": "X", "rol": "docent"]).status == .conflict)
            #expect(try await c.vraag(.post, "/api/gebruikers", als: b,
                                      json: ["email": "x@org.nl", "naam": "X", "rol": "cursist"]).status == .unprocessableContent)
            #expect(try await c.vraag(.post, "/api/gebruikers", als: b,
                                      json: ["email": "geen-adres", "naam": "X", "rol": "docent"]).status == .unprocessableContent)
            // Until she sets it, the account has no usable password.
            #expect(try await c.vraag(.post, "/api/sessie", json: ["email": "nieuw@org.nl", "wachtwoord": ""]).status
                == .unauthorized)
            let mailStand = try await c.vraag(.get, "/api/beheer/mail", als: b)
            #expect(mailStand.status == .ok && mailStand.object["wachtend"] as? Int == 1 && mailStand.object["ingesteld"] as? Bool == true)
            let link = try await Self.link(o, aan: "nieuw@org.nl", pad: "/wachtwoord-instellen/")
            let token = String(link.split(separator: "/").last!)
            #expect(try await c.vraag(.post, "/api/wachtwoord-herstellen", json: ["token": token, "nieuw": "mijn-eigen-wachtwoord"])
                .status == .noContent)
            let nina = try await c.meldAan("nieuw@org.nl", "mijn-eigen-wachtwoord")
            #expect(try await c.vraag(.get, "/api/sessie", als: nina).object["rol"] as? String == "organisator")

            // The list, with the last login.
            let lijst = try await c.vraag(.get, "/api/gebruikers", als: b).array
            #expect(lijst.map { $0["email"] as? String } == ["beheer@org.nl", "docent@org.nl", "nieuw@org.nl"])
            #expect(lijst[0]["laatst_ingelogd"] is String && lijst[1]["laatst_ingelogd"] is NSNull)
            #expect(lijst.allSatisfy { $0["geblokkeerd"] as? Bool == false })

            // Blocking: her sessions end; a right password answers 403 and counts as a failure.
            let d = try await c.meldAan("docent@org.nl")
            let blok = try await c.vraag(.patch, "/api/gebruikers/\(docent.id)", als: b, json: ["geblokkeerd": true])
            #expect(blok.status == .ok && blok.object["geblokkeerd"] as? Bool == true)
            #expect(try await c.vraag(.get, "/api/sessie", als: d).status == .unauthorized)
            let goedWachtwoord = try await c.vraag(.post, "/api/sessie", json: ["email": "docent@org.nl", "wachtwoord": Omgeving.wachtwoord])
            #expect(goedWachtwoord.status == .forbidden && goedWachtwoord.fout?.contains("geblokkeerd") == true)
            let fout = try await c.vraag(.post, "/api/sessie", json: ["email": "docent@org.nl", "wachtwoord": "verkeerd-wachtwoord"])
            #expect(fout.status == .unauthorized)
            for _ in 0..<8 { _ = try await c.vraag(.post, "/api/sessie", json: ["email": "docent@org.nl", "wachtwoord": Omgeving.wachtwoord]) }
            #expect(try await c.vraag(.post, "/api/sessie", json: ["email": "docent@org.nl", "wachtwoord": Omgeving.wachtwoord])
                .status == .tooManyRequests, "each blocked login counted as a failed one")
            o.klok.verzet(16 * 60)
            #expect(try await c.vraag(.patch, "/api/gebruikers/\(docent.id)", als: b, json: ["geblokkeerd": false]).status == .ok)
            _ = try await c.meldAan("docent@org.nl")
            // Her own account she cannot block; an unknown one is 404.
            let eigen = try await o.opslag.gebruiker(email: "beheer@org.nl")!
            #expect(try await c.vraag(.patch, "/api/gebruikers/\(eigen.id)", als: b, json: ["geblokkeerd": true]).status
                == .unprocessableContent)
            #expect(try await c.vraag(.patch, "/api/gebruikers/99999", als: b, json: ["geblokkeerd": true]).status == .notFound)
            // A blocked account gets no reset mail.
            _ = try await c.vraag(.patch, "/api/gebruikers/\(docent.id)", als: b, json: ["geblokkeerd": true])
            let voor = try await o.opslag.postbus(max: 0).wachtend
            _ = try await c.vraag(.post, "/api/wachtwoord-vergeten", json: ["email": "docent@org.nl"])
            #expect(try await o.opslag.postbus(max: 0).wachtend == voor)
        }
    }

    @Test func zonderMailGeenPostMaarWelEenLink() async throws {
        let o = try Omgeving()
        try await o.gebruiker(.beheerder, "beheer@org.nl")
        try await o.gebruiker(.cursist, "fatima@thuis.nl")
        try await o.test { c in
            #expect(try await c.vraag(.post, "/api/wachtwoord-vergeten", json: ["email": "fatima@thuis.nl"]).status == .accepted)
            let b = try await c.meldAan("beheer@org.nl")
            let nieuw = try await c.vraag(.post, "/api/gebruikers", als: b, json: ["email": "d@org.nl", "naam": "D", "rol": "docent"])
            #expect(nieuw.status == .created)
            let link = try #require(nieuw.object["link"] as? String)
            #expect(link.hasPrefix("http://127.0.0.1:8080/wachtwoord-instellen/"))
            #expect(try await o.opslag.postbus(max: 0).wachtend == 0)
            #expect(try await c.vraag(.get, "/api/beheer/mail", als: b).object["ingesteld"] as? Bool == false)
            let pagina = try await c.vraag(.get, "/wachtwoord-vergeten", headers: [.accept: "text/html"])
            #expect(pagina.tekst.contains("de mail staat uit"))
            let token = String(link.split(separator: "/").last!)
            #expect(try await c.vraag(.post, "/api/wachtwoord-herstellen", json: ["token": token, "nieuw": "een-goed-wachtwoord"])
                .status == .noContent)
            _ = try await c.meldAan("d@org.nl", "een-goed-wachtwoord")
        }
    }

    @Test func httpsCookieEnProxyProto() async throws {
        let veilig = try Omgeving { $0.externURL = "https://vip.voorbeeld.nl" }
        try await veilig.gebruiker(.docent, "d@org.nl")
        try await veilig.test { c in
            let r = try await c.vraag(.post, "/api/sessie", json: ["email": "d@org.nl", "wachtwoord": Omgeving.wachtwoord])
            let cookie = try #require(r.headers[.setCookie])
            #expect(cookie.hasPrefix("__Host-vip_sessie=") && cookie.contains("Secure") && cookie.contains("Path=/")
                    && !cookie.contains("Domain"))
            let waarde = String(cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1])
            let wie = try await c.vraag(.get, "/api/sessie", headers: [.cookie: "__Host-vip_sessie=\(waarde)"])
            #expect(wie.status == .ok)
            #expect(try await c.vraag(.get, "/api/sessie", headers: [.cookie: "vip_sessie=\(waarde)"]).status == .unauthorized)
        }
        // X-Forwarded-Proto counts only with --proxy.
        for proxy in [false, true] {
            let o = try Omgeving { $0.proxy = proxy }
            try await o.gebruiker(.docent, "d@org.nl")
            try await o.test { c in
                let r = try await c.vraag(.post, "/api/sessie", json: ["email": "d@org.nl", "wachtwoord": Omgeving.wachtwoord],
                                          headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
                let cookie = try #require(r.headers[.setCookie])
                #expect(cookie.hasPrefix("vip_sessie="))
                #expect(cookie.contains("Secure") == proxy)
            }
        }
    }

    @Test func verzoeklogEnMetrics() async throws {
        let regels = Verzamelaar()
        let o = try Omgeving { $0.metricsToken = "meet-token" }
        try await o.gebruiker(.cursist, "fatima@thuis.nl")
        let app = Application(router: buildRouter(o.diensten, logboek: Logboek(formaat: .json) { regels.voegToe([.tekst($0)]) }).0)
        try await app.test(.router) { c in
            let s = try await c.meldAan("fatima@thuis.nl")
            let a = try await c.vraag(.post, "/api/aanvragen", als: s, tekst: Repo.sample("buurtmoestuin.yaml"))
            let id = try #require(a.object["id"] as? Int)
            let r = try await c.vraag(.get, "/api/aanvragen/\(id)", als: s)
            #expect(r.headers[HTTPField.Name("X-Request-Id")!]?.count == 12)
            _ = try await c.vraag(.get, "/wachtwoord-herstellen/" + String(repeating: "ab", count: 16))
            _ = try await c.vraag(.get, "/bestaat/fatima@thuis.nl")
            // In-process there is no loopback peer: only the token opens /metrics.
            #expect(try await c.vraag(.get, "/metrics").status == .forbidden)
            #expect(try await c.vraag(.get, "/metrics", headers: [.authorization: "Bearer fout"]).status == .forbidden)
            let m = try await c.vraag(.get, "/metrics", headers: [.authorization: "Bearer meet-token"])
            #expect(m.status == .ok)
            #expect(m.tekst.contains(#"vip_http_requests_total{method="GET",route="/api/aanvragen/{id}",status="200"} 1"#))
            #expect(m.tekst.contains("vip_http_request_duration_seconds_bucket{route=\"/api/aanvragen/{id}\""))
            #expect(m.tekst.contains("vip_outbox_waiting 0") && m.tekst.contains("vip_outbox_failed 0"))
        }
        let log = regels.rijen.compactMap { rij -> [String: Any]? in
            guard case .tekst(let t) = rij[0] else { return nil }
            return try? JSONSerialization.jsonObject(with: Data(t.utf8)) as? [String: Any]
        }
        #expect(log.count == regels.rijen.count, "every line is JSON")
        #expect(log.contains { $0["route"] as? String == "/api/aanvragen/{id}" && $0["status"] as? Int == 200 && $0["methode"] as? String == "GET" })
        #expect(log.contains { $0["route"] as? String == "/wachtwoord-herstellen/{token}" })
        #expect(log.contains { $0["route"] as? String == "(geen route)" && $0["status"] as? Int == 404 },
                "\(regels.rijen)")
        let alles = regels.rijen.map { "\($0)" }.joined()
        #expect(!alles.contains("@") && !alles.contains("abababab") && !alles.contains(Omgeving.wachtwoord))
        #expect(log.allSatisfy { $0["id"] is String && $0["ms"] is NSNumber && $0["tijd"] is String })
    }
}
