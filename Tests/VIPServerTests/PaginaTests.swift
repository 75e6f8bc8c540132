import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VIPKit
import VIPModel
@testable import VIPServer

/// The HTML pages in-process: forms with CSRF, saving with the API's optimistic concurrency,
/// escaping, uploads, import and export, restoring a version.
@Suite struct PaginaTests {
    // MARK: Helpers

    static func formulier(_ velden: [(String, String)]) -> [UInt8] {
        var toegestaan = CharacterSet.alphanumerics
        toegestaan.insert(charactersIn: "-._~")
        return Array(velden.map { k, v in
            (k.addingPercentEncoding(withAllowedCharacters: toegestaan) ?? "") + "="
                + (v.addingPercentEncoding(withAllowedCharacters: toegestaan) ?? "")
        }.joined(separator: "&").utf8)
    }

    static func post(_ c: any TestClientProtocol, _ uri: String, als s: Aangemeld?, _ velden: [(String, String)],
                     accept: String? = nil) async throws -> TestResponse {
        var h: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let accept { h[.accept] = accept }
        return try await c.vraag(.post, uri, als: s, csrf: false, tekst: formulier(velden), headers: h)
    }

    static func cursistMetAanvraag(_ o: Omgeving, _ c: any TestClientProtocol,
                                   tekst: [UInt8] = Repo.sample("buurtmoestuin.yaml")) async throws -> (Aangemeld, AanvraagRij) {
        let docent = try await o.gebruiker(.docent, "docent@example.nl")
        let cursus = try await o.cursus(docent: docent)
        let g = try await o.gebruiker(.cursist, "cursist@example.nl", cursus: cursus.id)
        let a = try await o.aanvraag(g, tekst)
        return (try await c.meldAan("cursist@example.nl"), a)
    }

    // MARK: Tests

    @Test func sjablonenIngebedEnZonderDrieAccolades() throws {
        // Every template file is registered, and nothing else.
        let map = Repo.path("Sources/VIPServer/Web/sjablonen")
        let bestanden = try FileManager.default.contentsOfDirectory(atPath: map).filter { $0.hasSuffix(".mustache") }
        #expect(Set(bestanden.map { String($0.dropLast(".mustache".count)) }) == Set(Weergave.sjablonen.map(\.0)))
        for (naam, bytes) in Weergave.sjablonen {
            let tekst = String(decoding: bytes, as: UTF8.self)
            #expect(bytes == [UInt8](FileManager.default.contents(atPath: map + "/\(naam).mustache") ?? Data()))
            #expect(!tekst.contains("{{{") && !tekst.contains("{{&"), "\(naam) zet tekst onontsnapt op de pagina")
            // A mail is no page: mail programs drop style sheets, so its HTML carries its style
            // inline, and no CSP applies. It has no script all the same.
            let inline = tekst.range(of: naam == "mail" ? #"<script| on[a-z]+="# : #"<script>| style=| on[a-z]+="#,
                                     options: .regularExpression)
            #expect(inline == nil, "\(naam) heeft inline script of stijl, die de CSP verbiedt")
        }
    }

    /// Every field of the table stands on exactly one page: a field added to the table shows up
    /// here until a page gets it.
    @Test func elkVeldOpPreciesEenPagina() {
        for v in Veldentabel.aanvraag.alle where !v.heeftVelden && v.sleutel != "formaat" {
            let paginas = Pagina.alle.filter { $0.bevat(v.pad) }.map(\.slug)
            #expect(paginas.count == 1, "\(v.pad) staat op \(paginas)")
        }
        for p in Pagina.alle { #expect(p.tabelvelden.count == p.velden.count, "\(p.slug) noemt een onbekend veld") }
        // The pages of the top-level parts follow the course's order of `onderdelen`.
        let eerste = Veldentabel.aanvraag.onderdelen.map { o in Pagina.alle.firstIndex { $0.bevat(o.pad) || $0.velden.contains { $0.hasPrefix(o.pad + ".") } }! }
        #expect(eerste == eerste.sorted())
    }

    @Test func zonderSessieNaarInloggen() async throws {
        let o = try Omgeving()
        try await o.test { c in
            let r = try await c.vraag(.get, "/aanvragen/1/hoofdlijnen")
            #expect(r.status == .seeOther)
            #expect(r.headers[.location]?.hasPrefix("/inloggen?terug=") == true)
            let inloggen = try await c.vraag(.get, "/inloggen")
            #expect(inloggen.status == .ok)
            #expect(inloggen.tekst.contains("<html lang=\"nl\">"))
            #expect(inloggen.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            let onbekend = try await c.vraag(.get, "/bestaat-niet", headers: [.accept: "text/html"])
            #expect(onbekend.status == .notFound)
            #expect(onbekend.tekst.contains("Deze pagina bestaat niet"))
            #expect(onbekend.headers[.contentType]?.hasPrefix("text/html") == true)
            let css = try await c.vraag(.get, "/static/vip.css")
            #expect(css.status == .ok && css.headers[.contentType]?.hasPrefix("text/css") == true)
        }
    }

    @Test func registrerenInloggenEnNieuweAanvraag() async throws {
        let o = try Omgeving()
        let docent = try await o.gebruiker(.docent, "docent@example.nl")
        let cursus = try await o.cursus(docent: docent, code: "CODE-123")
        try await o.test { c in
            let fout = try await Self.post(c, "/registreren", als: nil, [("code", "ONBEKEND"), ("naam", "Petra"),
                ("email", "petra@example.nl"), ("wachtwoord", "lang-genoeg-1"), ("herhaal", "lang-genoeg-1")])
            #expect(fout.status == .notFound)
            #expect(fout.tekst.contains("Deze uitnodigingscode kennen wij niet"))
            #expect(fout.tekst.contains("value=\"petra@example.nl\""))
            let r = try await Self.post(c, "/registreren", als: nil, [("code", cursus.uitnodigingscode), ("naam", "Petra"),
                ("email", "petra@example.nl"), ("wachtwoord", "lang-genoeg-1"), ("herhaal", "lang-genoeg-1")])
            #expect(r.status == .seeOther)
            let login = try await Self.post(c, "/inloggen", als: nil, [("email", "petra@example.nl"),
                                                                       ("wachtwoord", "lang-genoeg-1"), ("terug", "/")])
            #expect(login.status == .seeOther)
            let cookie = try #require(login.headers[.setCookie]?.split(separator: ";").first?.split(separator: "=").last)
            let sessie = Aangemeld(cookie: String(cookie), csrf: "")
            let start = try await c.vraag(.get, "/", als: sessie)
            let csrf = try #require(start.tekst.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().first?
                .prefix { $0 != "\"" })
            let zonder = try await Self.post(c, "/aanvragen", als: sessie, [])
            #expect(zonder.status == .forbidden)
            #expect(try await o.opslag.aanvragen(eigenaar: 3).isEmpty)
            let nieuw = try await Self.post(c, "/aanvragen", als: sessie, [("csrf", String(csrf))])
            #expect(nieuw.status == .seeOther)
            #expect(nieuw.headers[.location]?.hasSuffix("/hoofdlijnen") == true)
            let pagina = try await c.vraag(.get, nieuw.headers[.location]!, als: sessie)
            #expect(pagina.status == .ok)
            #expect(pagina.tekst.contains("Hoe heet uw project?"))
            #expect(pagina.tekst.contains("name=\"project.titel\""))
        }
    }

    @Test func opslaanVerouderdEnOnleesbaar() async throws {
        let o = try Omgeving()
        try await o.test { c in
            let (s, a) = try await Self.cursistMetAanvraag(o, c)
            let sessie = Aangemeld(cookie: s.cookie, csrf: s.csrf)
            let vijandig = "<script>alert(1)</script> \"><img src=x onerror=alert(2)> {{titel}} \u{202E}"
            // A save on the current version: a new version, the export of the model.
            let r = try await Self.post(c, "/aanvragen/\(a.id)/hoofdlijnen", als: sessie,
                                        [("csrf", s.csrf), ("versie", "1"), ("project.titel", vijandig),
                                         ("project.samenvatting", "Wij maken een moestuin.")])
            #expect(r.status == .seeOther)
            #expect(r.headers[.location] == "/aanvragen/\(a.id)/hoofdlijnen?opgeslagen=2")
            let tekst = String(decoding: try #require(try await o.opslag.tekst(aanvraag: a.id, versie: 2)), as: UTF8.self)
            let model = try AanvraagReader.parse(tekst)
            #expect(model.project.titel == vijandig.trimmedText)
            #expect(model.project.samenvatting == "Wij maken een moestuin.")
            // The other pages' fields stay as they were.
            #expect(model.begroting.posten.count == (try AanvraagReader.parse(Repo.sample("buurtmoestuin.yaml"),
                                                                            bestand: "a.yaml")).begroting.posten.count)
            // The page shows the hostile text escaped.
            let pagina = try await c.vraag(.get, "/aanvragen/\(a.id)/hoofdlijnen", als: sessie)
            #expect(!pagina.tekst.contains("<script>alert"))
            #expect(!pagina.tekst.contains("<img src=x"))
            #expect(pagina.tekst.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            // A stale form: nothing stored, the typed text kept, a Dutch message.
            let oud = try await Self.post(c, "/aanvragen/\(a.id)/hoofdlijnen", als: sessie,
                                          [("csrf", s.csrf), ("versie", "1"), ("project.titel", "Mijn nieuwe titel")])
            #expect(oud.status == .conflict)
            #expect(oud.tekst.contains("intussen gewijzigd"))
            #expect(oud.tekst.contains(">Mijn nieuwe titel</textarea>"))
            #expect(try await o.opslag.aanvraag(id: a.id)?.versie == 2)
            // The page script saves through the API: a stale version is 412 there.
            let json = try await c.vraag(.patch, "/api/aanvragen/\(a.id)", als: s,
                                         json: ["pagina": "hoofdlijnen", "waarden": ["project.titel": ["X"]]],
                                         headers: [.ifMatch: "\"1\""])
            #expect(json.status == .preconditionFailed)
            #expect(json.headers[.eTag] == "\"2\"")
            // An unreadable amount: nothing stored, the message beside the field.
            let bedrag = try await Self.post(c, "/aanvragen/\(a.id)/dekkingsplan", als: sessie,
                                             [("csrf", s.csrf), ("versie", "2"), ("dekkingsplan[0].bron", "Eigen"),
                                              ("dekkingsplan[0].bedrag", "veel"), ("dekkingsplan[0].status", "toegezegd")])
            #expect(bedrag.status == .unprocessableContent)
            #expect(bedrag.tekst.contains("Niet opgeslagen"))
            #expect(bedrag.tekst.contains("value=\"veel\""))
            #expect(try await o.opslag.aanvraag(id: a.id)?.versie == 2)
            // The page script gets JSON with the findings (PATCH /api/aanvragen/{id}).
            let script = try await c.vraag(.patch, "/api/aanvragen/\(a.id)", als: s,
                                           json: ["pagina": "hoofdlijnen", "waarden": ["project.titel": [""]]],
                                           headers: [.ifMatch: "\"2\""])
            #expect(script.status == .ok)
            // An unreadable value through the API: 422 with the path, nothing stored.
            let onleesbaar = try await c.vraag(.patch, "/api/aanvragen/\(a.id)", als: s,
                                               json: ["pagina": "dekkingsplan", "waarden": ["dekkingsplan[0].bron": ["Eigen"],
                                                                                            "dekkingsplan[0].bedrag": ["veel"]]],
                                               headers: [.ifMatch: "\"3\""])
            #expect(onleesbaar.status == .unprocessableContent)
            #expect(onleesbaar.object["pad"] as? String == "dekkingsplan[0].bedrag")
            #expect(script.object["versie"] as? Int == 3)
            let bevindingen = try #require(script.object["bevindingen"] as? [[String: Any]])
            #expect(bevindingen.contains { $0["pad"] as? String == "project.titel" && $0["pagina"] as? String == "hoofdlijnen" })
        }
    }

    /// Without the page script: a save after the session ended shows the login page with the
    /// typed text kept. Logging in alone saves nothing (a form from another site must not be
    /// saved by the victim's login); the page shows the kept text beside the stored version, and
    /// her own Opslaan there saves it.
    @Test func verlopenSessieVerliestNiets() async throws {
        let o = try Omgeving()
        try await o.test { c in
            let (_, a) = try await Self.cursistMetAanvraag(o, c)
            let verlopen = Aangemeld(cookie: "verlopen-token", csrf: "")
            let r = try await Self.post(c, "/aanvragen/\(a.id)/hoofdlijnen", als: verlopen,
                                        [("csrf", "oud"), ("versie", "1"), ("project.titel", "Tekst \"die\" blijft")])
            #expect(r.status == .unauthorized)
            #expect(r.tekst.contains("Uw sessie was verlopen"))
            let bewaard = try #require(r.tekst.components(separatedBy: "name=\"bewaard\" value=\"").dropFirst().first?
                .prefix { $0 != "\"" })
            #expect(try await o.opslag.aanvraag(id: a.id)?.versie == 1)
            let ontsnapt = String(bewaard).replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
            let login = try await Self.post(c, "/inloggen", als: nil, [
                ("email", "cursist@example.nl"), ("wachtwoord", Omgeving.wachtwoord), ("terug", "/"),
                ("bewaard", ontsnapt), ("bewaardNaar", "/aanvragen/\(a.id)/hoofdlijnen")])
            #expect(login.status == .ok)
            #expect(login.headers[.setCookie] != nil)
            #expect(login.tekst.contains("is nog niet opgeslagen"))
            #expect(login.tekst.contains("Tekst &quot;die&quot; blijft"))
            #expect(login.tekst.contains("Nu opgeslagen:"))
            #expect(try await o.opslag.aanvraag(id: a.id)?.versie == 1)
            // Her own click on Opslaan, with the CSRF token of the new session, saves it.
            let cookie = try #require(login.headers[.setCookie]).split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1]
            let csrf = try #require(login.tekst.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().first?
                .prefix { $0 != "\"" })
            let nieuw = Aangemeld(cookie: String(cookie), csrf: String(csrf))
            let opslaan = try await Self.post(c, "/aanvragen/\(a.id)/hoofdlijnen", als: nieuw,
                                              [("csrf", nieuw.csrf), ("versie", "1"), ("project.titel", "Tekst \"die\" blijft")])
            #expect(opslaan.status == .seeOther)
            let tekst = try #require(try await o.opslag.tekst(aanvraag: a.id, versie: 2))
            #expect(try AanvraagReader.parse(tekst, bestand: "a.yaml").project.titel == "Tekst \"die\" blijft")
        }
    }

    @Test func begrotingEnDekkingsplanVanafNul() async throws {
        let o = try Omgeving()
        try await o.test { c in
            let (s, a) = try await Self.cursistMetAanvraag(o, c, tekst: Array(Init.sjabloon.utf8))
            let posten: [(String, String)] = [
                ("begroting.posten[0].post", "Zaden"), ("begroting.posten[0].categorie", "materiaal"),
                ("begroting.posten[0].aantal", "3"), ("begroting.posten[0].prijs", "12,50"),
                ("begroting.posten[1].post", "Gereedschap"), ("begroting.posten[1].categorie", "materiaal"),
                ("begroting.posten[1].aantal", "1"), ("begroting.posten[1].prijs", "1.234,50"),
                ("begroting.posten[2].post", "Huur"), ("begroting.posten[2].categorie", "huisvesting"),
                ("begroting.posten[2].aantal", "2"), ("begroting.posten[2].prijs", "100"),
            ]
            let r = try await Self.post(c, "/aanvragen/\(a.id)/begroting", als: s, [("csrf", s.csrf), ("versie", "1")] + posten)
            #expect(r.status == .seeOther)
            let pagina = try await c.vraag(.get, "/aanvragen/\(a.id)/begroting", als: s)
            // 37,50 + 1.234,50 + 200,00 = 1.472,00, with running totals.
            #expect(pagina.tekst.contains("€\u{00A0}37,50"))
            #expect(pagina.tekst.contains("€\u{00A0}1.272,00"))
            #expect(pagina.tekst.contains("€\u{00A0}1.472,00"))
            #expect(pagina.tekst.contains("€\u{00A0}1.272,00"), "subtotaal materiaal")
            let dekking = try await c.vraag(.get, "/aanvragen/\(a.id)/dekkingsplan", als: s)
            #expect(dekking.tekst.contains("data-regel=\"dekking_sluitend\""))
            let vul = try await Self.post(c, "/aanvragen/\(a.id)/dekkingsplan", als: s,
                                          [("csrf", s.csrf), ("versie", "2"), ("dekkingsplan[0].bron", "Eigen middelen"),
                                           ("dekkingsplan[0].soort", "eigen-middelen"), ("dekkingsplan[0].bedrag", "472"),
                                           ("dekkingsplan[0].status", "toegezegd"), ("dekkingsplan[1].fonds", "Oranje Fonds"),
                                           ("dekkingsplan[1].bedrag", "1.000,00"), ("dekkingsplan[1].status", "aangevraagd")])
            #expect(vul.status == .seeOther)
            let daarna = try await c.vraag(.get, "/aanvragen/\(a.id)/dekkingsplan", als: s)
            #expect(!daarna.tekst.contains("data-regel=\"dekking_sluitend\""))
        }
    }

    @Test func uploadGrensExportImportEnTerugzetten() async throws {
        let o = try Omgeving()
        try await o.test { c in
            let (s, a) = try await Self.cursistMetAanvraag(o, c)
            func upload(_ grootte: Int) async throws -> TestResponse {
                let grens = "----vipgrens"
                var body = Array("--\(grens)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(s.csrf)\r\n".utf8)
                body += Array("--\(grens)\r\nContent-Disposition: form-data; name=\"versie\"\r\n\r\n1\r\n".utf8)
                body += Array("--\(grens)\r\nContent-Disposition: form-data; name=\"titel\"\r\n\r\nStatuten\r\n".utf8)
                body += Array("--\(grens)\r\nContent-Disposition: form-data; name=\"soort\"\r\n\r\nstatuten\r\n".utf8)
                body += Array("--\(grens)\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"../statuten 2024.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
                body += [UInt8](repeating: 0x25, count: grootte)
                body += Array("\r\n--\(grens)--\r\n".utf8)
                return try await c.vraag(.post, "/aanvragen/\(a.id)/bijlagen/upload", als: s, csrf: false, tekst: body,
                                         headers: [.contentType: "multipart/form-data; boundary=\(grens)"])
            }
            let teGroot = try await upload(Limieten.upload + 1)
            #expect(teGroot.status == .contentTooLarge)
            #expect(try await o.opslag.aanvraag(id: a.id)?.versie == 1)
            #expect(try await o.opslag.bestanden(aanvraag: a.id, versie: 1) == [])
            let goed = try await upload(2000)
            #expect(goed.status == .seeOther)
            // The file belongs to the new version, stored in the database with it.
            let bestanden = try #require(try await o.opslag.bestanden(aanvraag: a.id, versie: 2))
            #expect(bestanden.map(\.naam) == ["statuten-2024.pdf"])
            #expect(try await o.opslag.inhoud(sha256: bestanden[0].sha256) == [UInt8](repeating: 0x25, count: 2000))
            let tekst = try #require(try await o.opslag.tekst(aanvraag: a.id, versie: 2))
            #expect(try AanvraagReader.parse(tekst, bestand: "a.yaml").bijlagen.last?.bestand == "statuten-2024.pdf")

            // Export, import: the same model.
            let export = try await c.vraag(.get, "/aanvragen/\(a.id)/export.yaml", als: s)
            #expect(export.status == .ok)
            let voor = try AanvraagReader.parse(tekst, bestand: "a.yaml")
            let na = try AanvraagReader.parse(export.bytes, bestand: "a.yaml")
            let w = { (x: Aanvraag) in Veldentabel.aanvraag.waarden(in: x).map { "\($0.pad)=\($0.waarde)" } }
            #expect(w(voor) == w(na))

            // Restoring version 1 stores its text as version 3.
            let terug = try await Self.post(c, "/aanvragen/\(a.id)/geschiedenis/1/terugzetten", als: s,
                                            [("csrf", s.csrf), ("versie", "2")])
            #expect(terug.status == .seeOther)
            #expect(try await o.opslag.tekst(aanvraag: a.id, versie: 3) == Repo.sample("buurtmoestuin.yaml"))
            let versies = try await c.vraag(.get, "/aanvragen/\(a.id)/geschiedenis", als: s)
            #expect(versies.tekst.contains("Deze versie terugzetten"))
        }
    }

    @Test func anderMagNietsZien() async throws {
        let o = try Omgeving()
        try await o.test { c in
            let (_, a) = try await Self.cursistMetAanvraag(o, c)
            try await o.gebruiker(.cursist, "ander@example.nl")
            let ander = try await c.meldAan("ander@example.nl")
            for pad in ["hoofdlijnen", "documenten", "geschiedenis", "export.yaml"] {
                let r = try await c.vraag(.get, "/aanvragen/\(a.id)/\(pad)", als: ander)
                #expect(r.status == .notFound, "\(pad)")
            }
            let r = try await Self.post(c, "/aanvragen/\(a.id)/hoofdlijnen", als: ander,
                                        [("csrf", ander.csrf), ("versie", "1"), ("project.titel", "Overgenomen")])
            #expect(r.status == .notFound)
            #expect(try await o.opslag.aanvraag(id: a.id)?.versie == 1)
        }
    }

    @Test func docentMaaktCursus() async throws {
        let o = try Omgeving()
        try await o.gebruiker(.docent, "docent@example.nl")
        try await o.test { c in
            let s = try await c.meldAan("docent@example.nl")
            let r = try await Self.post(c, "/cursus-maken", als: s, [("csrf", s.csrf), ("naam", "Najaar <b>2026</b>"),
                                                                   ("data", "2026-09-01\n2026-09-08")])
            #expect(r.status == .seeOther)
            let pagina = try await c.vraag(.get, r.headers[.location]!, als: s)
            #expect(pagina.status == .ok)
            #expect(pagina.tekst.contains("Najaar &lt;b&gt;2026&lt;/b&gt;"))
            #expect(pagina.tekst.contains("8 september 2026"))
            #expect(pagina.tekst.contains("data-uitnodigingscode"))
            let overzicht = try await c.vraag(.get, "/", als: s)
            #expect(overzicht.tekst.contains("Najaar &lt;b&gt;2026&lt;/b&gt;"))
            #expect(overzicht.tekst.components(separatedBy: "<ul class=\"bestanden\">").count == 2)
        }
    }
}

