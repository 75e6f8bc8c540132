import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VIPKit
import VIPModel
@testable import VIPServer

/// The organiser's pages in-process: the form makes the event the API makes, a refusal keeps
/// what was typed and stores nothing, the event page shows what `toelating.csv` and
/// `schema.csv` of the pakket say, and its downloads are the pakket's files.
@Suite struct OrganisatorPaginaTests {
    // MARK: Helpers

    /// The form fields for the funds and times of `Evenementtekst.sample` (Samples/fondsendate.yaml
    /// without `projecten` and `max_rondes`), as an organiser would type them.
    static func velden(cursussen: [Int64], csrf: String) throws -> [(String, String)] {
        let tekst = Evenementtekst.sample(cursussen: cursussen).components(separatedBy: "\ncursussen:")[0]
        let e = try EvenementReader.parse(tekst, bestand: "f.yaml")
        func euro(_ b: Bedrag?) -> String {
            guard let b else { return "" }
            return b.cents % 100 == 0 ? String(b.cents / 100) : "\(b)"
        }
        var v: [(String, String)] = [("csrf", csrf), ("titel", e.titel), ("datum", e.datum?.iso ?? ""),
                                     ("locatie", e.locatie ?? ""), ("aanvang", e.aanvangTekst),
                                     ("rondeduur", String(e.rondeduur)), ("wisseltijd", String(e.wisseltijd)),
                                     ("max_rondes", ""), ("max_gesprekken", String(e.maxGesprekken))]
        for (i, f) in e.fondsen.enumerated() {
            v += [("fonds-\(i)-naam", f.naam), ("fonds-\(i)-vertegenwoordigers", f.vertegenwoordigers.joined(separator: ", ")),
                  ("fonds-\(i)-doelstelling", f.doelstelling ?? ""), ("fonds-\(i)-thema", f.thema.joined(separator: ", ")),
                  ("fonds-\(i)-regio", f.regio.joined(separator: ", ")), ("fonds-\(i)-bedrag-min", euro(f.bedragMin)),
                  ("fonds-\(i)-bedrag-max", euro(f.bedragMax)), ("fonds-\(i)-tafels", String(f.tafels))]
        }
        // An empty row, as the form sends it: skipped.
        let n = e.fondsen.count
        v += ["naam", "vertegenwoordigers", "doelstelling", "thema", "regio", "bedrag-min", "bedrag-max", "tafels"]
            .map { ("fonds-\(n)-\($0)", "") }
        return v + cursussen.map { ("cursus", String($0)) }
    }

    static func met(_ velden: [(String, String)], _ naam: String, _ waarde: String) -> [(String, String)] {
        velden.map { $0.0 == naam ? (naam, waarde) : $0 }
    }

    static func post(_ c: any TestClientProtocol, _ s: Aangemeld, _ velden: [(String, String)]) async throws -> TestResponse {
        try await PaginaTests.post(c, "/evenementen/nieuw", als: s, velden)
    }

    /// Text of HTML with its character references resolved.
    static func tekst(_ html: String) -> String {
        var uit = html.replacingOccurrences(of: #"<[^>]*>"#, with: "", options: .regularExpression)
        for (naam, teken) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"),
                              ("&#34;", "\""), ("&#x2F;", "/"), ("&#47;", "/"), ("&amp;", "&")] {
            uit = uit.replacingOccurrences(of: naam, with: teken)
        }
        return uit
    }

    /// Every match of `patroon` in `html`, as its groups.
    static func treffers(_ patroon: String, _ html: String) -> [[String]] {
        let re = try! NSRegularExpression(pattern: patroon, options: [.dotMatchesLineSeparators])
        let ns = html as NSString
        return re.matches(in: html, range: NSRange(location: 0, length: ns.length)).map { m in
            (1..<m.numberOfRanges).map { m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0)) }
        }
    }

    static func csv(_ bestanden: [(naam: String, bytes: [UInt8])], _ naam: String) throws -> [[String]] {
        CSV.lees(String(decoding: try #require(bestanden.first { $0.naam == naam }).bytes, as: UTF8.self))
    }

    // MARK: Tests

    @Test func formulierMaaktWatDeAPIMaakt() async throws {
        let o = try Omgeving()
        let docent = try await o.gebruiker(.docent, "docent@school.nl")
        let organisator = try await o.gebruiker(.organisator, "org@school.nl")
        let c = try await o.cursus(docent: docent)
        let sanne = try await o.gebruiker(.cursist, "sanne@thuis.nl", naam: "Sanne Verbeek", cursus: c.id)
        let hanan = try await o.gebruiker(.cursist, "hanan@thuis.nl", naam: "Hanan El Idrissi", cursus: c.id)
        try await o.keurGoed(try await o.aanvraag(sanne, Repo.sample("buurtmoestuin.yaml")), door: docent)
        _ = try await o.aanvraag(hanan, Repo.sample("concept-vol-fouten.yaml"))
        try await o.test { client in
            let org = try await client.meldAan("org@school.nl")
            let nieuw = try await client.vraag(.get, "/evenementen/nieuw", als: org)
            #expect(nieuw.status == .ok && nieuw.tekst.contains("name=\"cursus\" value=\"\(c.id)\""))
            let r = try await Self.post(client, org, try Self.velden(cursussen: [c.id], csrf: org.csrf))
            #expect(r.status == .seeOther, "\(r.tekst)")
            let adres = try #require(r.headers[.location])
            let pagina = try #require(Int64(adres.replacingOccurrences(of: "/evenementen/", with: "")
                .replacingOccurrences(of: "?gemaakt=1", with: "")))
            let api = try await client.vraag(.post, "/api/evenementen", als: org,
                                             tekst: Array(Evenementtekst.sample(cursussen: [c.id]).utf8))
            let viaAPI = try #require(api.object["id"] as? Int)
            let a = try #require(try await o.opslag.evenement(id: pagina))
            let b = try #require(try await o.opslag.evenement(id: Int64(viaAPI)))
            #expect(a.organisator == organisator.id && a.titel == b.titel && a.datum == b.datum && a.cursussen == b.cursussen)
            // The same event: everything the API tells about it, but its number.
            func zonderId(_ id: Int64) async throws -> (Data, [String: Any]) {
                var e = try await client.vraag(.get, "/api/evenementen/\(id)", als: org).object
                e["id"] = nil
                return (try JSONSerialization.data(withJSONObject: e, options: [.sortedKeys]), e)
            }
            let (eerste, e) = try await zonderId(pagina)
            let (tweede, _) = try await zonderId(Int64(viaAPI))
            #expect(eerste == tweede)
            #expect((e["fondsen"] as? [Any])?.count == 5 && (e["gesprekken"] as? [Any])?.isEmpty == false)
            #expect((e["projecten"] as? [Any])?.count == 2)
            // Both packages hold the same files, byte for byte.
            let za = try Zipinhoud.lees(try await client.vraag(.get, "/evenementen/\(pagina)/pakket.zip", als: org).bytes)
            let zb = try Zipinhoud.lees(try await client.vraag(.get, "/api/evenementen/\(viaAPI)/pakket", als: org).bytes)
            #expect(za.map(\.naam) == zb.map(\.naam) && za.map(\.bytes) == zb.map(\.bytes))
            // The start page lists it with date, place and the number of cursussen.
            let start = try await client.vraag(.get, "/", als: org).tekst
            #expect(start.contains("href=\"/evenementen/\(pagina)\"") && start.contains("16 juni 2025")
                    && start.contains("Wijkcentrum De Brug, Arnhem") && start.contains("1 cursus"))
            #expect(start.contains("href=\"/evenementen/nieuw\""))
        }
    }

    @Test func foutBlijftInHetFormulier() async throws {
        let o = try Omgeving()
        let docent = try await o.gebruiker(.docent, "docent@school.nl")
        let organisator = try await o.gebruiker(.organisator, "org@school.nl")
        let c = try await o.cursus(docent: docent)
        try await o.test { client in
            let org = try await client.meldAan("org@school.nl")
            let goed = try Self.velden(cursussen: [c.id], csrf: org.csrf)

            let rondeduur = try await Self.post(client, org, Self.met(Self.met(goed, "rondeduur", "tien"),
                                                                       "locatie", "Hal \"A\" & <B>"))
            #expect(rondeduur.status == .unprocessableContent)
            let html = rondeduur.tekst
            #expect(html.contains("id=\"rondeduur-fout\"") && html.contains("Verwacht een geheel getal"))
            #expect(html.contains("aria-describedby=\"rondeduur-hint rondeduur-fout\" aria-invalid=\"true\""))
            #expect(html.contains("href=\"#rondeduur\""))
            #expect(html.contains("value=\"tien\"") && html.contains("value=\"Jantje Beton\""))
            #expect(html.contains("Hal &quot;A&quot; &amp; &lt;B&gt;") && !html.contains("<B>"))
            #expect(html.contains("name=\"cursus\" value=\"\(c.id)\" checked"))

            // The second fund's tables: the message stands beside that field.
            let tafels = try await Self.post(client, org, Self.met(goed, "fonds-1-tafels", "0"))
            #expect(tafels.status == .unprocessableContent)
            #expect(tafels.tekst.contains("id=\"fonds-1-tafels-fout\"") && tafels.tekst.contains("href=\"#fonds-1-tafels\""))
            // A fund without a name, behind an empty row: the row it was typed in.
            var zonderNaam = Self.met(goed, "fonds-5-thema", "jeugd")
            zonderNaam += [("fonds-6-naam", "Later Fonds")]
            let naam = try await Self.post(client, org, zonderNaam)
            #expect(naam.status == .unprocessableContent && naam.tekst.contains("id=\"fonds-5-naam-fout\""))
            #expect(naam.tekst.contains("value=\"Later Fonds\""))
            // An unknown cursus; a twice named fund.
            let onbekend = try await Self.post(client, org, goed + [("cursus", "999")])
            #expect(onbekend.status == .unprocessableContent && onbekend.tekst.contains("999"))
            #expect(onbekend.tekst.contains("href=\"#cursussen\""))
            let dubbel = try await Self.post(client, org, Self.met(goed, "fonds-1-naam", "Oranje Fonds"))
            #expect(dubbel.status == .unprocessableContent && dubbel.tekst.contains("id=\"fonds-1-naam-fout\""))
            // Without the CSRF token: 403.
            let zonderCSRF = try await Self.post(client, org, goed.filter { $0.0 != "csrf" })
            #expect(zonderCSRF.status == .forbidden)
            // "Meer fondsen" without the script: the same form with three more empty rows.
            let meer = try await Self.post(client, org, goed + [("actie", "meer")])
            #expect(meer.status == .ok && meer.tekst.contains("id=\"fonds-8-naam\"") && !meer.tekst.contains("id=\"fonds-9-naam\""))
            #expect(meer.tekst.contains("value=\"Fonds 1818\"") && meer.tekst.contains("formaction=\"/evenementen/nieuw#fonds-9\""))
            #expect(try await o.opslag.evenementen(organisator: organisator.id).isEmpty)
        }
    }

    @Test func alleenHaarEigenEvenement() async throws {
        let o = try Omgeving()
        let docent = try await o.gebruiker(.docent, "docent@school.nl")
        try await o.gebruiker(.organisator, "org@school.nl")
        try await o.gebruiker(.organisator, "ander@school.nl")
        let c = try await o.cursus(docent: docent)
        let cursist = try await o.gebruiker(.cursist, "cursist@thuis.nl", naam: "Cursist", cursus: c.id)
        try await o.keurGoed(try await o.aanvraag(cursist), door: docent)
        try await o.test { client in
            let org = try await client.meldAan("org@school.nl")
            let r = try await client.vraag(.post, "/api/evenementen", als: org,
                                           tekst: Array(Evenementtekst.sample(cursussen: [c.id]).utf8))
            let id = try #require(r.object["id"] as? Int)
            let ander = try await client.meldAan("ander@school.nl")
            let d = try await client.meldAan("docent@school.nl")
            let cu = try await client.meldAan("cursist@thuis.nl")
            let paden = ["/evenementen/\(id)", "/evenementen/\(id)/pakket.zip", "/evenementen/\(id)/bestanden/schema.csv"]
            for pad in paden {
                #expect(try await client.vraag(.get, pad, als: org).status == .ok, "\(pad)")
                for iemand in [ander, d, cu] {
                    // As the API answers the same person.
                    let api = try await client.vraag(.get, "/api/evenementen/\(id)", als: iemand).status
                    #expect(api == .notFound)
                    #expect(try await client.vraag(.get, pad, als: iemand).status == api, "\(pad)")
                }
                let anoniem = try await client.vraag(.get, pad)
                #expect(anoniem.status == .seeOther && anoniem.headers[.location]?.hasPrefix("/inloggen") == true)
            }
            #expect(try await client.vraag(.get, "/evenementen/\(id)/bestanden/vip.sqlite", als: org).status == .notFound)
            #expect(try await client.vraag(.get, "/evenementen/9999", als: org).status == .notFound)
            for iemand in [d, cu] {
                let api = try await client.vraag(.post, "/api/evenementen", als: iemand,
                                                 tekst: Array(Evenementtekst.sample(cursussen: [c.id]).utf8)).status
                #expect(api == .forbidden)
                #expect(try await client.vraag(.get, "/evenementen/nieuw", als: iemand).status == api)
                let pagina = try await Self.post(client, iemand, try Self.velden(cursussen: [c.id], csrf: iemand.csrf))
                #expect(pagina.status == api)
            }
        }
    }

    @Test func toelatingSchemaEnDownloadsZoalsHetPakket() async throws {
        let o = try Omgeving()
        let docent = try await o.gebruiker(.docent, "docent@school.nl")
        try await o.gebruiker(.organisator, "org@school.nl")
        let c = try await o.cursus(docent: docent)
        let c2 = try await o.cursus(docent: docent)
        let sanne = try await o.gebruiker(.cursist, "sanne@thuis.nl", naam: "Sanne Verbeek", cursus: c.id)
        let jolanda = try await o.gebruiker(.cursist, "jolanda@thuis.nl", naam: "Jolanda Smit", cursus: c.id)
        let hanan = try await o.gebruiker(.cursist, "hanan@thuis.nl", naam: "Hanan El Idrissi", cursus: c.id)
        let piet = try await o.gebruiker(.cursist, "piet@thuis.nl", naam: "Piet Goed", cursus: c2.id)
        let buurt = try await o.aanvraag(sanne, Repo.sample("buurtmoestuin.yaml"))
        let kinder = try await o.aanvraag(jolanda, Repo.sample("kinderfestival.yaml"))
        _ = try await o.aanvraag(hanan, Repo.sample("concept-vol-fouten.yaml"))
        let goed = try await o.aanvraag(piet, [UInt8](FileManager.default.contents(atPath: Repo.path("Tests/Fixtures/review/goed.yaml"))!))
        try await o.keurGoed(buurt, door: docent)
        try await o.keurGoed(kinder, door: docent)
        // Approved, then changed: the approval is of an older version.
        try await o.keurGoed(goed, door: docent)
        try await o.nieuweVersie(goed, [UInt8](FileManager.default.contents(atPath: Repo.path("Tests/Fixtures/review/goed.yaml"))!)
            + Array("# nieuwe versie\n".utf8))

        try await o.test { client in
            let org = try await client.meldAan("org@school.nl")
            let r = try await client.vraag(.post, "/api/evenementen", als: org,
                                           tekst: Array(Evenementtekst.sample(cursussen: [c.id, c2.id]).utf8))
            let id = try #require(r.object["id"] as? Int)
            let zip = try await client.vraag(.get, "/api/evenementen/\(id)/pakket", als: org).bytes
            let pakket = try Zipinhoud.lees(zip)
            let html = try await client.vraag(.get, "/evenementen/\(id)", als: org).tekst

            // Admission: the rows of toelating.csv, in its order.
            let toelating = try Self.csv(pakket, "toelating.csv")
            let rijen = Self.treffers(#"<tr class="(?:toegelaten|geweigerd)"><th scope="row" class="project">(.*?)</th><td class="organisatie">(.*?)</td>.*?<td class="toegelaten">(.*?)</td><td><span class="reden">(.*?)</span>"#, html)
                .map { $0.map(Self.tekst) }
            #expect(rijen.count == 4)
            #expect(rijen == Array(toelating.dropFirst()))
            #expect(rijen.map { $0[2] } == ["ja", "ja", "nee", "nee"])
            #expect(html.contains("De docent keurde versie 1 goed; de huidige versie 2 is nog niet goedgekeurd."))
            #expect(html.contains("<caption>Toelating van de projecten</caption>") && html.contains("<th scope=\"col\">Reden</th>"))

            // The schedule: per round and fund, the projects of schema.csv.
            let schema = try Self.csv(pakket, "schema.csv").dropFirst()
            #expect(!schema.isEmpty)
            let tabel = try #require(html.components(separatedBy: "<table class=\"schema\"").dropFirst().first?
                .components(separatedBy: "</table>").first)
            let fondsen = Self.treffers(#"<th scope="col">(.*?)</th>"#, tabel).map { Self.tekst($0[0]) }
            #expect(fondsen == ["Ronde", "Oranje Fonds", "VSBfonds", "Skanfonds", "Fonds 1818", "Jantje Beton"])
            var opPagina: [String: [String]] = [:]
            var tijden: [String: String] = [:]
            for rij in Self.treffers(#"<tr><th scope="row">Ronde (\d+)<br><span class="tijden">(.*?)</span></th>(.*?)</tr>"#, tabel) {
                tijden[rij[0]] = Self.tekst(rij[1])
                let cellen = Self.treffers(#"<td>(.*?)</td>"#, rij[2]).map { $0[0] }
                #expect(cellen.count == fondsen.count - 1)
                for (i, cel) in cellen.enumerated() {
                    let projecten = Self.treffers(#"<span class="project">(.*?)</span>"#, cel).map { Self.tekst($0[0]) }
                    if !projecten.isEmpty { opPagina["\(rij[0])#\(fondsen[i + 1])"] = projecten.sorted() }
                    #expect(projecten.isEmpty == cel.contains("geen gesprek"))
                }
            }
            var uitCSV: [String: [String]] = [:]
            for regel in schema {
                uitCSV["\(regel[0])#\(regel[3])", default: []].append(regel[5])
                #expect(tijden[regel[0]] == "\(regel[1])–\(regel[2])")
            }
            #expect(opPagina == uitCSV.mapValues { $0.sorted() })
            #expect(Set(tijden.keys) == Set(schema.map { $0[0] }))

            // Downloads: every file of the pakket, each as it is in the zip, and the zip itself.
            let links = Self.treffers(#"<a href="/evenementen/\#(id)/bestanden/([^"]+)" download>"#, html).map { $0[0] }
            #expect(links == pakket.map(\.naam))
            for (naam, bytes) in pakket {
                let b = try await client.vraag(.get, "/evenementen/\(id)/bestanden/\(naam)", als: org)
                #expect(b.status == .ok && b.bytes == bytes, "\(naam)")
                #expect(b.headers[.contentDisposition] == "attachment; filename=\"\(naam)\"")
            }
            let csv = try await client.vraag(.get, "/evenementen/\(id)/bestanden/schema.csv", als: org)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let heel = try await client.vraag(.get, "/evenementen/\(id)/pakket.zip", als: org)
            #expect(heel.bytes == zip && heel.headers[.contentType] == "application/zip")
            #expect(heel.headers[.contentDisposition] == "attachment; filename=\"fondsendate-\(id).zip\"")

            // One round at most: the page names every dropped conversation, as the command's summary does.
            let kort = try await client.vraag(.post, "/api/evenementen", als: org, tekst: Array(Evenementtekst
                .sample(cursussen: [c.id, c2.id], maxRondes: true)
                .replacingOccurrences(of: "max_rondes: 6", with: "max_rondes: 1").utf8))
            let kortId = try #require(kort.object["id"] as? Int)
            let kortHTML = try await client.vraag(.get, "/evenementen/\(kortId)", als: org).tekst
            let kortSchema = try Self.csv(try Zipinhoud.lees(try await client.vraag(.get, "/api/evenementen/\(kortId)/pakket",
                                                                                     als: org).bytes), "schema.csv")
            #expect(Set(kortSchema.dropFirst().map { $0[0] }) == ["1"])
            let opmerkingen = Self.treffers(#"<ul class="opmerkingen">(.*?)</ul>"#, kortHTML).first.map {
                Self.treffers(#"<li>(.*?)</li>"#, $0[0]).map { Self.tekst($0[0]) }
            } ?? []
            #expect(opmerkingen.first?.hasPrefix("Vervallen door max_rondes 1:") == true)
            #expect(opmerkingen.dropFirst().contains { $0.contains("Buurtmoestuin De Zaaier") && $0.contains("e keus") })

            // Past midnight: the admission still shows, the schedule and files do not.
            let laat = try await client.vraag(.post, "/api/evenementen", als: org, tekst: Array(Evenementtekst
                .sample(cursussen: [c.id, c2.id]).replacingOccurrences(of: "\"14:00\"", with: "\"23:45\"").utf8))
            let laatId = try #require(laat.object["id"] as? Int)
            let laatPagina = try await client.vraag(.get, "/evenementen/\(laatId)", als: org)
            #expect(laatPagina.status == .ok && laatPagina.tekst.contains("middernacht"))
            #expect(!laatPagina.tekst.contains("<table class=\"schema\"") && !laatPagina.tekst.contains("pakket.zip"))
            #expect(laatPagina.tekst.contains("<table class=\"toelating\""))
        }
    }

    @Test func vijandigeTekstWordtOntsnapt() async throws {
        let o = try Omgeving()
        let docent = try await o.gebruiker(.docent, "docent@school.nl")
        try await o.gebruiker(.organisator, "org@school.nl")
        let c = try await o.cursus(docent: docent)
        let sanne = try await o.gebruiker(.cursist, "sanne@thuis.nl", naam: "Sanne <i>Verbeek</i>", cursus: c.id)
        let titel = "<img src=x onerror=alert(1)> & \"Zaaier\""
        let tekst = String(decoding: Repo.sample("buurtmoestuin.yaml"), as: UTF8.self)
            .replacingOccurrences(of: "titel: Buurtmoestuin De Zaaier", with: "titel: '\(titel)'")
        try await o.keurGoed(try await o.aanvraag(sanne, Array(tekst.utf8)), door: docent)
        try await o.test { client in
            let org = try await client.meldAan("org@school.nl")
            let fonds = "<script>alert(\"f\")</script> Fonds"
            var velden = Self.met(try Self.velden(cursussen: [c.id], csrf: org.csrf), "fonds-0-naam", fonds)
            velden = Self.met(velden, "titel", "<b>Middag</b>")
            let r = try await Self.post(client, org, velden)
            #expect(r.status == .seeOther)
            let id = try #require(r.headers[.location]?.components(separatedBy: "?").first)
            let html = try await client.vraag(.get, id, als: org).tekst
            let start = try await client.vraag(.get, "/", als: org).tekst
            for pagina in [html, start] {
                #expect(!pagina.contains("<script>alert") && !pagina.contains("<img src=x") && !pagina.contains("<b>Middag"))
            }
            #expect(html.contains("&lt;script&gt;alert(&quot;f&quot;)&lt;/script&gt; Fonds"))
            #expect(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Zaaier&quot;"))
            #expect(html.contains("Sanne &lt;i&gt;Verbeek&lt;/i&gt;"))
            #expect(start.contains("&lt;b&gt;Middag&lt;/b&gt;"))
            // The hostile fund meets the project in the schedule, escaped there too.
            #expect(Self.treffers(#"<span class="project"><bdi>(.*?)</bdi>"#, html).map { Self.tekst($0[0]) }.contains(titel))
            // Shown again after a refusal: still escaped.
            let fout = try await Self.post(client, org, Self.met(velden, "rondeduur", "<x>"))
            #expect(fout.status == .unprocessableContent && !fout.tekst.contains("<script>alert") && !fout.tekst.contains("<x>"))
        }
    }
}
