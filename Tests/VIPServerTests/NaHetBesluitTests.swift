import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VIPKit
import VIPModel
@testable import VIPServer

/// The page "Na het besluit" (issue 20): the decision per fund and the realisatie with begroot
/// against werkelijk, saved through the same form machinery as every page (and the page script's
/// PATCH); the new documents on the Documenten page; the organiser's register page and the
/// speed-date form that takes its funds from the register.
@Suite struct NaHetBesluitTests {
    static let html: HTTPFields = [.accept: "text/html"]

    /// The text of the cells `data-…-uit` in the rows of the realisatie table, in order.
    static func cellen(_ html: String, _ soort: String) -> [String] {
        var uit: [String] = []
        for rij in html.components(separatedBy: "<tr class=\"realisatie-post").dropFirst() {
            let rest = rij.components(separatedBy: "</tr>")[0]
            guard let begin = rest.range(of: "data-\(soort)-uit>") else { continue }
            uit.append(String(rest[begin.upperBound...].prefix { $0 != "<" }))
        }
        return uit
    }

    /// The verantwoording's figures, on the page: every post's difference and the running
    /// difference, the subtotal per categorie and the total, received against promised, and the
    /// decision fields of each fund with the findings beside them.
    @Test func paginaRekentZoalsDeVerantwoording() async throws {
        let o = try Omgeving()
        let tekst = [UInt8](FileManager.default.contents(atPath: Repo.path("Tests/Fixtures/na-het-besluit/moestuin-na-besluit.yaml"))!)
        let g = try await o.gebruiker(.cursist, "fatima@thuis.nl")
        let a = try await o.aanvraag(g, tekst)
        let model = try AanvraagReader.parse(tekst, bestand: "aanvraag.yaml")
        let v = Verantwoording(model)
        try await o.test { c in
            let s = try await c.meldAan("fatima@thuis.nl")
            let r = try await c.vraag(.get, "/aanvragen/\(a.id)/na-het-besluit", als: s, headers: Self.html)
            #expect(r.status == .ok)
            let html = r.tekst
            var verschillen: [String] = [], lopend: [String] = []
            var som = Bedrag.zero
            for categorie in v.categorieen {
                for regel in categorie.regels {
                    let verschil = regel.verschil ?? .zero
                    som += verschil
                    verschillen.append(VerantwoordingBuilder.verschil(verschil))
                    lopend.append(VerantwoordingBuilder.verschil(som))
                }
                #expect(html.contains("<td class=\"getal\" data-verschil-uit>\(VerantwoordingBuilder.verschil(categorie.verschil))</td>"),
                        "subtotaal \(categorie.naam)")
            }
            #expect(Self.cellen(html, "verschil") == verschillen)
            #expect(Self.cellen(html, "lopend") == lopend)
            #expect(html.contains("data-totaal-verschil>\(VerantwoordingBuilder.verschil(v.verschil))<"))
            #expect(html.contains("data-totaal-werkelijk>\(v.werkelijk.description)<"))
            #expect(html.contains("Reparatie waterton</bdi> <span class=\"meta\">(buiten de begroting)"))
            // Promised against received: the VSBfonds gave 2.000 of 2.500 and paid it in two parts.
            #expect(html.contains("<th scope=\"row\"><bdi>VSBfonds</bdi></th><td>toegezegd</td><td class=\"getal\">€\u{00A0}2.500,00</td><td class=\"getal\">€\u{00A0}2.000,00</td><td class=\"getal\">€\u{00A0}2.000,00</td>"))
            // The decision per fund, with the tip beside the field it is about.
            for naam in ["Oranje Fonds", "VSBfonds", "Skanfonds"] { #expect(html.contains("data-besluit=\"\(naam)\"")) }
            #expect(html.contains("name=\"dekkingsplan[5].kenmerk\" value=\"VSB-2025-0412\""))
            #expect(html.contains("data-bevindingen-voor=\"dekkingsplan[6].besluit_op\""))
            #expect(html.contains("data-regel=\"bedankbrief\""))
            // Each planned resultaat with what was reached.
            #expect(html.contains("name=\"realisatie.resultaten[0].resultaat\" value=\"60 bewoners doen"))
            #expect(html.contains("74 bewoners deden vijf keer of vaker mee"))
            // After Documenten, outside the course's order.
            #expect(html.contains("rel=\"prev\">‹ Documenten</a>"))
        }
    }

    @Test(arguments: Motoren.alle) func besluitEnRealisatieOpslaan(_ motor: String) async throws {
        let o = try await Omgeving(motor: motor)
        let g = try await o.gebruiker(.cursist, "fatima@thuis.nl")
        let a = try await o.aanvraag(g, Repo.sample("buurtmoestuin.yaml"))
        let voor = try AanvraagReader.parse(Repo.sample("buurtmoestuin.yaml"), bestand: "aanvraag.yaml")
        let posten = voor.begroting.posten.compactMap(\.post)
        let resultaten = voor.project.resultaten.compactMap(\.resultaat)
        try await o.test { c in
            let s = try await c.meldAan("fatima@thuis.nl")
            let r = try await PaginaTests.post(c, "/aanvragen/\(a.id)/na-het-besluit", als: s, [
                ("csrf", s.csrf), ("versie", "1"),
                ("dekkingsplan[5].status", "toegezegd"), ("dekkingsplan[5].besluit_op", "2025-02-17"),
                ("dekkingsplan[5].toegezegd_bedrag", "2.000,00"), ("dekkingsplan[5].kenmerk", "VSB-2025-0412"),
                ("dekkingsplan[5].aangevraagd_op", ""), ("dekkingsplan[5].bedankt_op", ""),
                ("realisatie.peildatum", "2026-01-15"),
                ("realisatie.posten[0].post", posten[0]), ("realisatie.posten[0].werkelijk", "598,20"),
                ("realisatie.posten[0].toelichting", ""), ("realisatie.posten[0]._alleenMet", "werkelijk,toelichting"),
                ("realisatie.posten[1].post", posten[1]), ("realisatie.posten[1].werkelijk", ""),
                ("realisatie.posten[1].toelichting", ""), ("realisatie.posten[1]._alleenMet", "werkelijk,toelichting"),
                ("realisatie.resultaten[0].resultaat", resultaten[0]), ("realisatie.resultaten[0].bereikt", "74 bewoners"),
                ("realisatie.resultaten[0]._alleenMet", "bereikt"),
                ("realisatie.resultaten[1].resultaat", resultaten[1]), ("realisatie.resultaten[1].bereikt", ""),
                ("realisatie.resultaten[1]._alleenMet", "bereikt"),
                ("realisatie.verslag.goed", "De tuindagen trokken veel bewoners."),
            ])
            #expect(r.status == .seeOther && r.headers[.location] == "/aanvragen/\(a.id)/na-het-besluit?opgeslagen=2")
            let na = try AanvraagReader.parse(try #require(try await o.opslag.tekst(aanvraag: a.id, versie: 2)),
                                              bestand: "aanvraag.yaml")
            let vsb = na.dekkingsplan[5]
            #expect(vsb.fonds == "VSBfonds" && vsb.bedrag == Bedrag(cents: 250_000) && vsb.status == .toegezegd)
            #expect(vsb.toegezegdBedrag == Bedrag(cents: 200_000) && vsb.kenmerk == "VSB-2025-0412")
            #expect(vsb.besluitOp?.iso == "2025-02-17" && vsb.aangevraagdOp == nil)
            // Every other entry as it was.
            #expect(na.dekkingsplan.count == voor.dekkingsplan.count)
            for i in [0, 1, 2, 3, 4, 6] {
                #expect(na.dekkingsplan[i].naam == voor.dekkingsplan[i].naam && na.dekkingsplan[i].status == voor.dekkingsplan[i].status)
                #expect(na.dekkingsplan[i].bedrag == voor.dekkingsplan[i].bedrag)
            }
            // A row with nothing filled in is no entry.
            let realisatie = try #require(na.realisatie)
            #expect(realisatie.posten.map(\.post) == [posten[0]])
            #expect(realisatie.posten.first?.werkelijk == Bedrag(cents: 59_820))
            #expect(realisatie.resultaten.map(\.bereikt) == ["74 bewoners"])
            #expect(realisatie.peildatum?.iso == "2026-01-15" && realisatie.verslag?.goed == "De tuindagen trokken veel bewoners.")

            // The page script's PATCH saves the same page the same way.
            let p = try await c.vraag(.patch, "/api/aanvragen/\(a.id)", als: s, json: [
                "pagina": "na-het-besluit",
                "waarden": ["dekkingsplan[6].status": ["afgewezen"], "dekkingsplan[6].besluit_op": ["2025-03-01"],
                            "realisatie.posten[0].post": [posten[0]], "realisatie.posten[0].werkelijk": ["600"],
                            "realisatie.posten[0]._alleenMet": ["werkelijk,toelichting"],
                            "realisatie.peildatum": ["2026-01-15"]],
            ], headers: [.ifMatch: "\"2\""])
            #expect(p.status == .ok, "\(p.tekst)")
            let na3 = try AanvraagReader.parse(try #require(try await o.opslag.tekst(aanvraag: a.id, versie: 3)),
                                               bestand: "aanvraag.yaml")
            #expect(na3.dekkingsplan[6].status == .afgewezen && na3.dekkingsplan[5].kenmerk == "VSB-2025-0412")
            #expect(na3.realisatie?.posten.first?.werkelijk == Bedrag(cents: 60_000))

            // The page shows the difference of the filled post and keeps the others open.
            let pagina = try await c.vraag(.get, "/aanvragen/\(a.id)/na-het-besluit", als: s, headers: Self.html)
            let begroot = try #require(voor.begroting.perCategorie.first?.posten.first?.berekendBedrag)
            #expect(Self.cellen(pagina.tekst, "verschil").first == VerantwoordingBuilder.verschil(Bedrag(cents: 60_000) - begroot))
            #expect(pagina.tekst.contains("data-zonder-werkelijk"))

            // Documenten: the new documents, each explained.
            let d = try await c.vraag(.get, "/aanvragen/\(a.id)/documenten?bouw=1&concept=1&formaat=odt", als: s, headers: Self.html)
            #expect(d.status == .ok)
            #expect(d.tekst.contains(">bedankbrief-vsbfonds.odt</a>"))
            #expect(d.tekst.contains("Bedankbrief aan VSBfonds, dat toezegde"))
            #expect(d.tekst.contains(">na-afwijzing-skanfonds.odt</a>"))
            #expect(d.tekst.contains("Belblad na de afwijzing door Skanfonds"))
            #expect(d.tekst.contains(">verantwoording.odt</a>") && d.tekst.contains(">verantwoording-vsbfonds.odt</a>"))
            #expect(d.tekst.contains("Verantwoording voor alle fondsen"))
            #expect(d.tekst.contains("Na het besluit van de fondsen"))
            let bestand = try await c.vraag(.get, "/aanvragen/\(a.id)/documenten/bestand?naam=verantwoording.odt&formaat=odt&concept=1",
                                            als: s, headers: Self.html)
            #expect(bestand.status == .ok && bestand.bytes.starts(with: Array("PK".utf8)))
            #expect(bestand.headers[.contentDisposition] == "attachment; filename=\"verantwoording.odt\"")
        }
        try await o.opslag.sluit()
    }

    /// The organiser's register page: import a file or edit the text; an unreadable text comes back
    /// with its line and nothing is stored; export; only for organisers.
    @Test func registerPagina() async throws {
        let o = try Omgeving()
        try await o.gebruiker(.organisator, "org@school.nl")
        try await o.gebruiker(.cursist, "fatima@thuis.nl")
        let register = Repo.sample("fondsenregister.yaml")
        try await o.test { c in
            let org = try await c.meldAan("org@school.nl")
            let leeg = try await c.vraag(.get, "/fondsenregister", als: org, headers: Self.html)
            #expect(leeg.status == .ok && leeg.tekst.contains("nog geen fondsenregister"))
            let start = try await c.vraag(.get, "/", als: org, headers: Self.html)
            #expect(start.tekst.contains("href=\"/fondsenregister\""))
            let r = try await PaginaTests.post(c, "/fondsenregister", als: org,
                                               [("csrf", org.csrf), ("versie", "0"), ("tekst", String(decoding: register, as: UTF8.self))])
            #expect(r.status == .seeOther && r.headers[.location] == "/fondsenregister?opgeslagen=1")
            #expect(try await o.opslag.register()?.tekst == register)
            let pagina = try await c.vraag(.get, "/fondsenregister?opgeslagen=1", als: org, headers: Self.html)
            #expect(pagina.tekst.contains("opgeslagen als versie 1"))
            #expect(pagina.tekst.contains("<th scope=\"row\"><bdi>Groenfonds Gelderland</bdi></th>"))
            #expect(pagina.tekst.contains("€\u{00A0}500,00 tot €\u{00A0}10.000,00"))
            // An unreadable text: 422, the line, the text kept, nothing stored.
            let kapot = "formaat: vip-fondsenregister/1\nfondsen:\n  - naam: A\n    regio: [landelijk]\n    themas: {x: 1}\n"
            let f = try await PaginaTests.post(c, "/fondsenregister", als: org, [("csrf", org.csrf), ("versie", "1"), ("tekst", kapot)],
                                               accept: "text/html")
            #expect(f.status == .unprocessableContent)
            #expect(f.tekst.contains("<a href=\"#register-tekst\">Regel 5</a>"))
            #expect(f.tekst.contains("themas: {x: 1}"))
            #expect(try await o.opslag.registerVersie() == 1)
            // A stale form: 409, nothing stored.
            let oud = try await PaginaTests.post(c, "/fondsenregister", als: org,
                                                 [("csrf", org.csrf), ("versie", "0"), ("tekst", String(decoding: register, as: UTF8.self))],
                                                 accept: "text/html")
            #expect(oud.status == .conflict && oud.tekst.contains("intussen gewijzigd"))
            #expect(try await o.opslag.registerVersie() == 1)
            // A file.
            let grens = "vipgrens"
            var body = Array("--\(grens)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(org.csrf)\r\n".utf8)
            body += Array("--\(grens)\r\nContent-Disposition: form-data; name=\"versie\"\r\n\r\n1\r\n".utf8)
            body += Array("--\(grens)\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"r.yaml\"\r\n\r\n".utf8)
            body += register + Array("\r\n--\(grens)--\r\n".utf8)
            let upload = try await c.vraag(.post, "/fondsenregister", als: org, csrf: false, tekst: body,
                                           headers: [.contentType: "multipart/form-data; boundary=\(grens)"])
            #expect(upload.status == .seeOther && upload.headers[.location] == "/fondsenregister?opgeslagen=2")
            let export = try await c.vraag(.get, "/fondsenregister/fondsenregister.yaml", als: org)
            #expect(export.status == .ok && export.bytes == register)
            // Others: 403; without a session, the login page.
            let cursist = try await c.meldAan("fatima@thuis.nl")
            #expect(try await c.vraag(.get, "/fondsenregister", als: cursist, headers: Self.html).status == .forbidden)
            #expect(try await c.vraag(.get, "/fondsenregister", headers: Self.html).status == .seeOther)
        }
    }

    /// The speed-date form takes funds from the register: ticked funds fill the fund rows (the
    /// free rows stay), and the event holds them as the register describes them.
    @Test func speeddateKiestUitHetRegister() async throws {
        let o = try Omgeving()
        let org = try await o.gebruiker(.organisator, "org@school.nl")
        let d = try await o.gebruiker(.docent, "docent@school.nl")
        let cursus = try await o.cursus(docent: d)
        _ = try await o.opslag.bewaarRegister(tekst: Repo.sample("fondsenregister.yaml"), door: org.id, verwacht: 0, tijd: o.klok.nu)
        try await o.test { c in
            let s = try await c.meldAan("org@school.nl")
            let nieuw = try await c.vraag(.get, "/evenementen/nieuw", als: s, headers: Self.html)
            #expect(nieuw.tekst.contains("name=\"register\" value=\"Groenfonds Gelderland\""))
            var velden: [(String, String)] = [("csrf", s.csrf), ("titel", "Speeddate"), ("datum", "2027-06-21"),
                                              ("aanvang", "14:00"), ("rondeduur", "10"), ("wisseltijd", "2"),
                                              ("cursus", String(cursus.id)),
                                              ("fonds-0-naam", "Eigen Fonds"), ("fonds-0-thema", "natuur"),
                                              ("fonds-0-regio", "landelijk"), ("fonds-1-naam", ""), ("fonds-2-naam", "")]
            let r = try await PaginaTests.post(c, "/evenementen/nieuw", als: s, velden + [
                ("actie", "register"), ("register", "Groenfonds Gelderland"), ("register", "Stichting Buurtkracht"),
            ], accept: "text/html")
            #expect(r.status == .ok)
            let html = r.tekst
            #expect(html.contains("Overgenomen uit het register: Groenfonds Gelderland, Stichting Buurtkracht"))
            #expect(html.contains("name=\"fonds-0-naam\" value=\"Eigen Fonds\""))
            #expect(html.contains("name=\"fonds-1-naam\" value=\"Groenfonds Gelderland\""))
            #expect(html.contains("name=\"fonds-1-thema\" value=\"natuur, ontmoeting, duurzaamheid\""))
            #expect(html.contains("name=\"fonds-1-bedrag-min\" value=\"500,00\""))
            #expect(html.contains("name=\"fonds-1-vertegenwoordigers\" value=\"mevrouw J. Hendriks\""))
            #expect(html.contains("name=\"fonds-2-naam\" value=\"Stichting Buurtkracht\""))
            #expect(html.contains("name=\"fonds-3-naam\" value=\"\""), "a free row stays")
            // Taking over again does not add a fund twice.
            let weer = try await PaginaTests.post(c, "/evenementen/nieuw", als: s, velden + [
                ("fonds-1-naam", "Groenfonds Gelderland"), ("actie", "register"), ("register", "Groenfonds Gelderland"),
            ], accept: "text/html")
            #expect(weer.tekst.components(separatedBy: "value=\"Groenfonds Gelderland\"").count == 3, "checkbox and one row")

            // Made: the event holds the register's funds as rows of the form.
            velden.removeAll { $0.0.hasPrefix("fonds-1") || $0.0.hasPrefix("fonds-2") }
            for (i, naam) in [(1, "Groenfonds Gelderland"), (2, "Stichting Buurtkracht")] {
                let rij = Evenementformulier.rij(try #require(FondsenregisterReader.parse(Repo.sample("fondsenregister.yaml"),
                                                                                          bestand: "r.yaml").fonds(naam)))
                for (k, w) in rij { velden.append(("fonds-\(i)-\(k)", w)) }
            }
            let maak = try await PaginaTests.post(c, "/evenementen/nieuw", als: s, velden, accept: "text/html")
            #expect(maak.status == .seeOther, "\(maak.tekst)")
            let e = try #require(try await o.opslag.evenementen(organisator: org.id).first)
            let gelezen = try Speeddateplanning.lees(e.tekst)
            #expect(gelezen.evenement.fondsen.map(\.naam) == ["Eigen Fonds", "Groenfonds Gelderland", "Stichting Buurtkracht"])
            let groen = gelezen.evenement.fondsen[1]
            #expect(groen.bedragMin == Bedrag(cents: 50_000) && groen.bedragMax == Bedrag(cents: 1_000_000))
            #expect(groen.regio == ["Gelderland", "Arnhem", "Nijmegen"] && groen.thema == ["natuur", "ontmoeting", "duurzaamheid"])
        }
    }
}
