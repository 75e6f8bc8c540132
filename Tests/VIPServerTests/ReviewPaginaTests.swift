import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VIPKit
@testable import VIPServer

/// The docent's peer-review pages: the same zip as the API for the same choice and seed, the
/// same combination as `vip review combineer`, only for the docent of the cursus, escaped, and
/// refusing forms without the CSRF token.
@Suite struct ReviewPaginaTests {
    static let vijandig = "<script>alert('titel')</script> & \"Moestuin\""

    /// A cursus with four aanvragen: the three review fixtures and a sample whose title is hostile.
    struct Opzet {
        var o: Omgeving
        var cursus: Cursus
        var ander: Cursus
        var ids: [Int64]
        var namen: [String]
        var elders: Int64
    }

    static func opzet() async throws -> Opzet {
        let o = try Omgeving()
        let docent = try await o.gebruiker(.docent, "docent@school.nl")
        let anderDocent = try await o.gebruiker(.docent, "ander@school.nl")
        let c = try await o.cursus(docent: docent)
        let c2 = try await o.cursus(docent: anderDocent)
        let moestuin = String(decoding: Repo.sample("buurtmoestuin.yaml"), as: UTF8.self)
            .replacingOccurrences(of: "titel: Buurtmoestuin De Zaaier",
                                  with: "titel: '\(vijandig.replacingOccurrences(of: "'", with: "''"))'")
        let teksten = ["goed", "matig", "zwak"].map {
            [UInt8](FileManager.default.contents(atPath: Repo.path("Tests/Fixtures/review/\($0).yaml"))!)
        } + [Array(moestuin.utf8)]
        let namen = ["Berendina Sloetmaker", "Cornelis Wapperhaan", "Dieuwke Blommestein", "Evert Kniptang"]
        var ids: [Int64] = []
        for (i, tekst) in teksten.enumerated() {
            let g = try await o.gebruiker(.cursist, "c\(i)@thuis.nl", naam: namen[i], cursus: c.id)
            ids.append(try await o.aanvraag(g, tekst).id)
        }
        let elders = try await o.aanvraag(try await o.gebruiker(.cursist, "x@thuis.nl", cursus: c2.id)).id
        return Opzet(o: o, cursus: c, ander: c2, ids: ids, namen: namen, elders: elders)
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, als s: Aangemeld, csrf: Bool = true,
                     _ velden: [(String, String)]) async throws -> TestResponse {
        try await PaginaTests.post(client, uri, als: s, (csrf ? [("csrf", s.csrf)] : []) + velden, accept: "text/html")
    }

    static func pagina(_ client: any TestClientProtocol, _ uri: String, als s: Aangemeld?) async throws -> TestResponse {
        try await client.vraag(.get, uri, als: s, csrf: false, headers: [.accept: "text/html"])
    }

    /// The text of the HTML the template escaped.
    static func ontsnapt(_ html: String) -> String {
        html.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The inner text of the first element carrying `attribuut`.
    static func inhoud(_ html: String, _ attribuut: String) -> String? {
        guard let begin = html.range(of: attribuut),
              let open = html[begin.upperBound...].firstIndex(of: ">"),
              let eind = html[open...].range(of: "</") else { return nil }
        return ontsnapt(String(html[html.index(after: open)..<eind.lowerBound]))
    }

    static func downloadAdres(_ html: String) throws -> String {
        let r = try #require(html.range(of: #"/cursussen/\d+/review/download\?[^"]+"#, options: .regularExpression))
        return ontsnapt(String(html[r]))
    }

    @Test func paginaToontDeAanvragenAlleenAanDeDocent() async throws {
        let z = try await Self.opzet()
        let pad = "/cursussen/\(z.cursus.id)/review"
        try await z.o.test { client in
            let d = try await client.meldAan("docent@school.nl")
            let r = try await Self.pagina(client, pad, als: d)
            #expect(r.status == .ok)
            for (id, naam) in zip(z.ids, z.namen) {
                #expect(r.tekst.contains("name=\"aanvraag\" value=\"\(id)\""))
                #expect(r.tekst.contains(naam))
            }
            #expect(!r.tekst.contains("value=\"\(z.elders)\""))
            #expect(r.tekst.contains("Laat vip drie aanvragen kiezen"))
            // The hostile title is text, never markup.
            #expect(!r.tekst.contains("<script>alert"))
            #expect(r.tekst.contains("&lt;script&gt;alert(&#39;titel&#39;)&lt;/script&gt; &amp; &quot;Moestuin&quot;"))
            // The cursus page links to it.
            #expect(try await Self.pagina(client, "/cursussen/\(z.cursus.id)", als: d).tekst.contains("href=\"\(pad)\""))

            // Another docent, a cursist of the cursus: 404, as the API answers them; without a
            // session, the login page.
            let a = try await client.meldAan("ander@school.nl")
            let cursist = try await client.meldAan("c0@thuis.nl")
            for s in [a, cursist] {
                #expect(try await Self.pagina(client, pad, als: s).status == .notFound)
                #expect(try await client.vraag(.post, "/api/cursussen/\(z.cursus.id)/review", als: s,
                                               json: ["kies": 3]).status == .notFound)
                #expect(try await Self.post(client, pad, als: s, [("actie", "kies")]).status == .notFound)
                #expect(try await Self.pagina(client, pad + "/download?aanvragen=\(z.ids[0]),\(z.ids[1]),\(z.ids[2])",
                                              als: s).status == .notFound)
                #expect(try await Self.post(client, pad + "/combineer", als: s, [("rangordes", "A,B,C")]).status
                        == .notFound)
            }
            let zonder = try await Self.pagina(client, pad, als: nil)
            #expect(zonder.status == .seeOther && zonder.headers[.location]?.hasPrefix("/inloggen") == true)
        }
    }

    @Test func downloadIsDeZipVanDeAPI() async throws {
        let z = try await Self.opzet()
        let pad = "/cursussen/\(z.cursus.id)/review"
        let api = "/api/cursussen/\(z.cursus.id)/review"
        let drie = [z.ids[2], z.ids[0], z.ids[1]]
        try await z.o.test { client in
            let d = try await client.meldAan("docent@school.nl")
            // Three ticked, no seed: the page shows the seed the API reports, and the link
            // downloads the API's bytes.
            let r = try await Self.post(client, pad, als: d, drie.map { ("aanvraag", String($0)) } + [("actie", "drie")])
            #expect(r.status == .ok, "\(r.tekst)")
            let viaAPI = try await client.vraag(.post, api, als: d, json: ["aanvragen": drie.map { Int($0) }])
            #expect(viaAPI.status == .ok)
            let zaad = try #require(viaAPI.headers[HTTPField.Name("X-VIP-Zaad")!])
            #expect(Self.inhoud(r.tekst, "data-review-zaad") == zaad)
            let adres = try Self.downloadAdres(r.tekst)
            let zip = try await Self.pagina(client, adres, als: d)
            #expect(zip.status == .ok && zip.headers[.contentType] == "application/zip")
            #expect(zip.headers[.contentDisposition]?.contains("review-cursus-\(z.cursus.id).zip") == true)
            #expect(zip.bytes == viaAPI.bytes)
            // Again: the same bytes (nothing depends on the moment).
            #expect(try await Self.pagina(client, adres, als: d).bytes == viaAPI.bytes)
            // The letters with the cursisten behind them, for the docent, and the reference.
            let delen = try Zipinhoud.lees(zip.bytes)
            let json = try #require(delen.first { $0.naam == "docent/docentenblad.json" })
            let blad = try #require(try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any])
            let rangorde = try #require(blad["rangorde"] as? [String])
            #expect(Self.inhoud(r.tekst, "data-review-rangorde") == rangorde.joined(separator: " > "))
            for naam in z.namen.prefix(3) { #expect(r.tekst.contains(naam)) }
            #expect(!r.tekst.contains(z.namen[3]))
            #expect(r.tekst.contains("value=\"\(rangorde.joined(separator: ", "))\""))

            // With a seed of her own.
            let metZaad = try await Self.post(client, pad, als: d, drie.map { ("aanvraag", String($0)) }
                + [("zaad", "41"), ("actie", "drie")])
            #expect(Self.inhoud(metZaad.tekst, "data-review-zaad") == "41")
            let api41 = try await client.vraag(.post, api, als: d, json: ["aanvragen": drie.map { Int($0) }, "zaad": 41])
            #expect(try await Self.pagina(client, try Self.downloadAdres(metZaad.tekst), als: d).bytes == api41.bytes)

            // Letting vip choose: the API's `kies`.
            let gekozen = try await Self.post(client, pad, als: d, [("actie", "kies")])
            #expect(gekozen.status == .ok)
            let kiesAPI = try await client.vraag(.post, api, als: d, json: ["kies": 3])
            #expect(Self.inhoud(gekozen.tekst, "data-review-zaad") == kiesAPI.headers[HTTPField.Name("X-VIP-Zaad")!])
            #expect(try await Self.pagina(client, try Self.downloadAdres(gekozen.tekst), als: d).bytes == kiesAPI.bytes)
        }
    }

    @Test func verkeerdeKeuzeGeeftEenNederlandseMelding() async throws {
        let z = try await Self.opzet()
        let pad = "/cursussen/\(z.cursus.id)/review"
        try await z.o.test { client in
            let d = try await client.meldAan("docent@school.nl")
            let twee = try await Self.post(client, pad, als: d, [("aanvraag", String(z.ids[0])), ("aanvraag", String(z.ids[1])),
                                                                 ("actie", "drie")])
            #expect(twee.status == .unprocessableContent)
            #expect(twee.tekst.contains("Kies precies drie aanvragen; u koos er 2."))
            // What she ticked stays ticked.
            #expect(twee.tekst.contains("value=\"\(z.ids[0])\" checked"))
            #expect(!twee.tekst.contains("value=\"\(z.ids[2])\" checked"))
            let vreemd = try await Self.post(client, pad, als: d, [z.ids[0], z.ids[1], z.elders].map { ("aanvraag", String($0)) })
            #expect(vreemd.status == .unprocessableContent)
            #expect(vreemd.tekst.contains("Aanvraag \(z.elders) hoort niet bij deze cursus."))
            let onbekend = try await Self.post(client, pad, als: d, [z.ids[0], z.ids[1], 9999].map { ("aanvraag", String($0)) })
            #expect(onbekend.status == .unprocessableContent && onbekend.tekst.contains("Aanvraag 9999 hoort niet"))
            let zaad = try await Self.post(client, pad, als: d, z.ids.prefix(3).map { ("aanvraag", String($0)) }
                + [("zaad", "-3")])
            #expect(zaad.status == .unprocessableContent && zaad.tekst.contains("Het zaad is een geheel getal"))
            let link = try await Self.pagina(client, pad + "/download?aanvragen=\(z.ids[0]),\(z.ids[1])", als: d)
            #expect(link.status == .unprocessableContent && link.tekst.contains("Kies precies drie aanvragen"))
            // The cursus of the other docent has one aanvraag: too few to choose from.
            let a = try await client.meldAan("ander@school.nl")
            let weinig = try await Self.post(client, "/cursussen/\(z.ander.id)/review", als: a, [("actie", "kies")])
            #expect(weinig.status == .unprocessableContent)
            #expect(weinig.tekst.contains("minstens drie aanvragen nodig; deze cursus heeft er 1."))
            #expect(try await Self.pagina(client, "/cursussen/\(z.ander.id)/review", als: a).tekst
                .contains("Deze cursus heeft één aanvraag; voor de peer-review zijn er drie nodig."))
        }
    }

    @Test func combinerenZoalsDeCLI() async throws {
        let z = try await Self.opzet()
        let pad = "/cursussen/\(z.cursus.id)/review/combineer"
        let csv = "groep,eerste,tweede,derde\nGroep 1,B,A,C\nGroep 2;B;C;A\n<b>Groep 3</b>,c,a,b\n"
        let getypt = "Groep 1: B, A, C\nGroep 2; B; C; A\n<b>Groep 3</b>: C, A, B\n"
        try await z.o.test { client in
            let d = try await client.meldAan("docent@school.nl")
            // What `vip review combineer` prints for the same CSV and reference.
            let cli = Combineer.tabel(try Combineer.combineer(try Combineer.lees(csv, bestand: "rangordes.csv"),
                                                              referentie: ["A", "B", "C"]))
            let api = try await client.vraag(.post, "/api/cursussen/\(z.cursus.id)/review/combineer", als: d,
                                             json: ["rangordes": csv, "referentie": ["A", "B", "C"]] as [String: Any])
            #expect(api.object["tabel"] as? String == cli)

            let r = try await Self.post(client, pad, als: d, [("rangordes", getypt), ("referentie", "A > B > C")])
            #expect(r.status == .ok, "\(r.tekst)")
            #expect(Self.inhoud(r.tekst, "data-review-tabel") == cli)
            #expect(Self.inhoud(r.tekst, "data-review-samen") == "B > C > A")
            #expect(r.tekst.contains("&lt;b&gt;Groep 3&lt;/b&gt;") && !r.tekst.contains("<b>Groep 3"))
            // The distances per group: B A C is one swap from A B C, B C A two, C A B two.
            let groepen = (api.object["groepen"] as? [[String: Any]] ?? []).compactMap { $0["afstand"] as? Int }
            #expect(groepen == [1, 2, 2])
            for (naam, afstand) in zip(["Groep 1", "Groep 2", "&lt;b&gt;Groep 3&lt;/b&gt;"], groepen) {
                #expect(r.tekst.contains("<bdi>\(naam)</bdi></th><td>"), "\(naam)")
                #expect(r.tekst.range(of: "\(naam)</bdi></th><td>[A-C ]+</td><td class=\"getal\">\(afstand)</td>",
                                      options: .regularExpression) != nil, "\(naam)")
            }

            // The uploaded file and the docentenblad, as multipart.
            let grens = "grens7781"
            func deel(_ naam: String, _ inhoud: String, bestand: String? = nil) -> String {
                "--\(grens)\r\nContent-Disposition: form-data; name=\"\(naam)\""
                    + (bestand.map { "; filename=\"\($0)\"\r\nContent-Type: text/csv" } ?? "") + "\r\n\r\n\(inhoud)\r\n"
            }
            let body = deel("csrf", d.csrf) + deel("rangordes", "") + deel("referentie", "")
                + deel("rangordebestand", csv, bestand: "rangordes.csv")
                + deel("docentenblad", #"{"rangorde": ["A", "B", "C"]}"#, bestand: "docentenblad.json") + "--\(grens)--\r\n"
            let upload = try await client.vraag(.post, pad, als: d, csrf: false, tekst: Array(body.utf8), headers: [
                .contentType: "multipart/form-data; boundary=\(grens)", .accept: "text/html",
            ])
            #expect(upload.status == .ok, "\(upload.tekst)")
            #expect(Self.inhoud(upload.tekst, "data-review-tabel") == cli)

            // Without a reference: no distance, as the CLI without a docentenblad.
            let zonder = try await Self.post(client, pad, als: d, [("rangordes", csv), ("referentie", "")])
            #expect(Self.inhoud(zonder.tekst, "data-review-tabel")
                    == Combineer.tabel(try Combineer.combineer(try Combineer.lees(csv, bestand: "x"), referentie: nil)))
        }
    }

    @Test func fouteRangordesGeven422() async throws {
        let z = try await Self.opzet()
        let pad = "/cursussen/\(z.cursus.id)/review/combineer"
        try await z.o.test { client in
            let d = try await client.meldAan("docent@school.nl")
            let gevallen: [(String, String, String)] = [
                ("Groep 1, B, A, C\nGroep 2, A, B, D\n", "A, B, C", "Regel 2 van de rangordes: `D` is geen aanvraag"),
                ("Groep 1, B, A, C\n\nGroep 3, A, A, C\n", "", "Regel 3 van de rangordes: aanvraag A staat twee keer"),
                ("Groep 1, B, A, C\nGroep 2, B\n", "", "Regel 2 van de rangordes: verwacht 3 letters"),
                ("", "", "In de rangordes staat geen enkele rangorde."),
                ("Groep 1, B, A, C\n", "A, A, C", "de referentierangorde bevat niet precies de aanvragen A, B en C"),
            ]
            for (rangordes, referentie, melding) in gevallen {
                let r = try await Self.post(client, pad, als: d, [("rangordes", rangordes), ("referentie", referentie)])
                #expect(r.status == .unprocessableContent, "\(melding)")
                #expect(Self.ontsnapt(r.tekst).contains(melding), "\(melding)")
                // What she typed stays in the form.
                #expect(rangordes.isEmpty || r.tekst.contains(rangordes.prefix(16)))
                #expect(!r.tekst.contains("data-review-tabel"))
            }
        }
    }

    @Test func zonderCSRFVerboden() async throws {
        let z = try await Self.opzet()
        let pad = "/cursussen/\(z.cursus.id)/review"
        try await z.o.test { client in
            let d = try await client.meldAan("docent@school.nl")
            let maak = try await Self.post(client, pad, als: d, csrf: false, z.ids.prefix(3).map { ("aanvraag", String($0)) })
            #expect(maak.status == .forbidden && maak.tekst.contains("Dit formulier is verlopen"))
            let verkeerd = try await PaginaTests.post(client, pad, als: d, [("csrf", "fout"), ("actie", "kies")],
                                                      accept: "text/html")
            #expect(verkeerd.status == .forbidden)
            let comb = try await Self.post(client, pad + "/combineer", als: d, csrf: false, [("rangordes", "A,B,C")])
            #expect(comb.status == .forbidden && !comb.tekst.contains("data-review-tabel"))
        }
    }
}
