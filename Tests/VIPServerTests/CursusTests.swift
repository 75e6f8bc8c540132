import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import VIPServer

@Suite struct CursusEnAanmeldRouteTests {
    @Test func docentMaaktCursusEnCursistMeldtZichAan() async throws {
        let o = try Omgeving()
        try await o.gebruiker(.docent, "docent@school.nl")
        try await o.gebruiker(.organisator, "org@school.nl")
        try await o.test { c in
            let d = try await c.meldAan("docent@school.nl")
            let body: [String: Any] = ["naam": "Najaar", "bijeenkomsten": ["2026-09-01", "2026-09-15"]]
            #expect(try await c.vraag(.post, "/api/cursussen", json: body).status == .unauthorized)
            #expect(try await c.vraag(.post, "/api/cursussen", als: d, csrf: false, json: body).status == .forbidden)
            let r = try await c.vraag(.post, "/api/cursussen", als: d, json: body)
            #expect(r.status == .created)
            let id = try #require(r.object["id"] as? Int)
            let code = try #require(r.object["uitnodigingscode"] as? String)
            #expect(code.count == 9)
            let cursus = try #require(try await o.opslag.cursus(id: Int64(id)))
            #expect(cursus.bijeenkomsten == ["2026-09-01", "2026-09-15"])
            // A second cursus gets another code.
            let r2 = try await c.vraag(.post, "/api/cursussen", als: d, json: body)
            #expect(r2.object["uitnodigingscode"] as? String != code)
            // Bad dates and names: 422; a missing field: 400.
            #expect(try await c.vraag(.post, "/api/cursussen", als: d, json: ["naam": "X", "bijeenkomsten": ["2026-02-30"]]).status
                    == .unprocessableContent)
            #expect(try await c.vraag(.post, "/api/cursussen", als: d, json: ["naam": " ", "bijeenkomsten": []]).status
                    == .unprocessableContent)
            #expect(try await c.vraag(.post, "/api/cursussen", als: d, json: ["naam": "X"]).status == .badRequest)
            // Only a docent.
            let org = try await c.meldAan("org@school.nl")
            #expect(try await c.vraag(.post, "/api/cursussen", als: org, json: body).status == .forbidden)

            // Signing up: unknown code 404, then a bad field 422, then a taken email 409.
            let aanmelding: [String: Any] = ["uitnodigingscode": code, "naam": "Fatima", "email": "fatima@thuis.nl",
                                              "wachtwoord": "lang-genoeg-1"]
            var onbekend = aanmelding
            onbekend["uitnodigingscode"] = "XXXX-XXXX"
            onbekend["wachtwoord"] = "kort"
            #expect(try await c.vraag(.post, "/api/aanmelden", json: onbekend).status == .notFound)
            var kort = aanmelding
            kort["wachtwoord"] = "kort"
            #expect(try await c.vraag(.post, "/api/aanmelden", json: kort).status == .unprocessableContent)
            var lang = aanmelding
            lang["wachtwoord"] = String(repeating: "é", count: 37)   // 74 bytes: bcrypt would cut it
            #expect(try await c.vraag(.post, "/api/aanmelden", json: lang).status == .unprocessableContent)
            var zonderNaam = aanmelding
            zonderNaam.removeValue(forKey: "naam")
            #expect(try await c.vraag(.post, "/api/aanmelden", json: zonderNaam).status == .unprocessableContent)
            var slechtAdres = aanmelding
            slechtAdres["email"] = "geen-adres"
            #expect(try await c.vraag(.post, "/api/aanmelden", json: slechtAdres).status == .unprocessableContent)
            let ok = try await c.vraag(.post, "/api/aanmelden", json: aanmelding)
            #expect(ok.status == .created)
            #expect(ok.object["rol"] as? String == "cursist")
            #expect(ok.object["naam"] as? String == "Fatima")
            #expect(ok.object["cursus"] as? Int == id)
            #expect(ok.headers[.setCookie] == nil)   // no session yet
            var dubbel = aanmelding
            dubbel["email"] = "FATIMA@thuis.nl"
            #expect(try await c.vraag(.post, "/api/aanmelden", json: dubbel).status == .conflict)
            #expect(try await c.vraag(.post, "/api/aanmelden", tekst: Array("{".utf8)).status == .badRequest)
            let s = try await c.meldAan("fatima@thuis.nl", "lang-genoeg-1")
            #expect(try await c.vraag(.get, "/api/sessie", als: s).object["rol"] as? String == "cursist")
            // Lower case codes are read as the printed code.
            var klein = aanmelding
            klein["uitnodigingscode"] = code.lowercased()
            klein["email"] = "tweede@thuis.nl"
            #expect(try await c.vraag(.post, "/api/aanmelden", json: klein).status == .created)
        }
    }
}
