import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VIPKit
import VIPModel
@testable import VIPServer

/// The docent's pages in-process: the cursus page with progress and homework, the read view
/// with opmerkingen, goedkeuring, and what the cursist sees of both.
@Suite struct DocentPaginaTests {
    /// A cursus whose next bijeenkomst (the clock stands at 21 September 2026) is number 2, with
    /// Fatima (a complete aanvraag), Joost (one full of fouten) and Kim (a new, empty one).
    struct Groep {
        var o: Omgeving
        var docent: Gebruiker
        var cursus: Cursus
        var fatima: AanvraagRij
        var joost: AanvraagRij
        var kim: AanvraagRij

        init() async throws {
            o = try Omgeving()
            docent = try await o.gebruiker(.docent, "docent@school.nl")
            try await o.gebruiker(.docent, "ander@school.nl")
            cursus = try await o.opslag.maakCursus(naam: "Najaar", docent: docent.id,
                                                   bijeenkomsten: ["2026-09-14", "2026-09-28", "2026-10-05"],
                                                   uitnodigingscode: "NAJAAR-1", tijd: o.klok.nu)
            fatima = try await o.aanvraag(try await o.gebruiker(.cursist, "fatima@thuis.nl", cursus: cursus.id))
            joost = try await o.aanvraag(try await o.gebruiker(.cursist, "joost@thuis.nl", cursus: cursus.id),
                                         Repo.sample("concept-vol-fouten.yaml"))
            kim = try await o.aanvraag(try await o.gebruiker(.cursist, "kim@thuis.nl", cursus: cursus.id),
                                       Array(Init.sjabloon.utf8))
        }
    }

    static func post(_ c: any TestClientProtocol, _ uri: String, als s: Aangemeld?, _ velden: [(String, String)])
        async throws -> TestResponse {
        try await PaginaTests.post(c, uri, als: s, velden)
    }

    /// The HTML between `begin` and the next `eind` after it.
    static func stuk(_ html: String, _ begin: String, _ eind: String) -> String? {
        guard let b = html.range(of: begin) else { return nil }
        let rest = html[b.upperBound...]
        return String(rest[..<(rest.range(of: eind)?.lowerBound ?? rest.endIndex)])
    }

    /// The texts of the status cells of a row.
    static func cellen(_ rij: String) -> [String] {
        rij.components(separatedBy: "<span class=\"status ").dropFirst().compactMap { s in
            s.split(separator: ">", maxSplits: 1).last.flatMap { $0.components(separatedBy: "</span>").first }
        }
    }

    static func som(_ cellen: [String], _ woord: String) -> Int {
        cellen.flatMap { $0.components(separatedBy: ", ") }.compactMap { deel -> Int? in
            let w = deel.split(separator: " ")
            guard w.count >= 2, w[1].hasPrefix(woord) else { return nil }
            return Int(w[0])
        }.reduce(0, +)
    }

    @Test func cursuspaginaVoortgangEnHuiswerk() async throws {
        let g = try await Groep()
        try await g.o.test { c in
            let d = try await c.meldAan("docent@school.nl")
            let r = try await c.vraag(.get, "/cursussen/\(g.cursus.id)", als: d)
            #expect(r.status == .ok)
            let html = r.tekst
            #expect(html.contains("<caption>Voortgang per cursist</caption>"))
            #expect(html.contains("<th scope=\"row\"><bdi>Joost</bdi></th>"))
            let koppen = DocentPaginas.kolommen.map(\.titel)
            #expect(koppen.first == "Hoofdlijnen" && koppen.last == "Overig" && koppen.contains("Begroting"))

            // Joost's row: what counts now and what waits for a later bijeenkomst add up to the
            // fouten and waarschuwingen of the voortgang API, whose counts are the check's.
            let api = try await c.vraag(.get, "/api/cursussen/\(g.cursus.id)/voortgang", als: d).array
            let joostAPI = try #require(api.first { $0["cursist"] as? String == "Joost" })
            let rij = try #require(Self.stuk(html, "<tr data-cursist=\"Joost\">", "</tr>"))
            let cellen = Self.cellen(rij)
            let fouten = try #require(joostAPI["fouten"] as? Int)
            let waarschuwingen = try #require(joostAPI["waarschuwingen"] as? Int)
            let teDoen = try #require(joostAPI["nog_te_doen"] as? Int)
            #expect(fouten > 0)
            #expect(Self.som(cellen, "fout") + Self.som(cellen, "waarschuwing") + Self.som(cellen, "nog")
                    == fouten + waarschuwingen)
            #expect(Self.som(cellen, "nog") == teDoen)
            #expect(Self.som(cellen, "fout") > 0)  // a begroting that does not add up is a fout at once
            let aanvraagRij = try #require(Self.stuk(html, "data-aanvraag-van=\"Joost\">", "</tr>"))
            #expect(aanvraagRij.contains("/aanvragen/\(g.joost.id)/lezen"))
            #expect(rij.contains(">Nee<"))
            // Fatima's aanvraag is complete: in order.
            let fatima = try #require(Self.stuk(html, "<tr data-cursist=\"Fatima\">", "</tr>"))
            #expect(Self.cellen(fatima).allSatisfy { $0 == "in orde" || $0.contains("waarschuwing") || $0.contains("nog te doen") },
                    "\(Self.cellen(fatima))")
            // Kim's is the empty template: nothing of bijeenkomst 2 or later is a fout yet.
            let kimRij = try #require(Self.stuk(html, "<tr data-cursist=\"Kim\">", "</tr>"))
            #expect(Self.som(Self.cellen(kimRij), "nog") > 0)

            // Homework: the next bijeenkomst is the second; its fields are the hoofdlijnen.
            #expect(html.contains("Huiswerk voor bijeenkomst 2 (28 september 2026)"))
            let verwacht = Huiswerk.van(bijeenkomst: 2)
            #expect(verwacht.contains { $0.pad == "project.titel" })
            #expect(!verwacht.contains { $0.pad == "project.thema" })  // due by bijeenkomst 4
            for h in verwacht {
                let regel = try #require(Self.stuk(html, "data-huiswerk-veld=\"\(h.pad)\">", "</tr>"), "\(h.pad)")
                #expect(regel.contains(h.label))
                // Kim's aanvraag is the empty template: she has touched none of them; Fatima all.
                #expect(regel.contains("Kim"), "\(h.pad)")
                #expect(!regel.contains("Fatima"), "\(h.pad)")
            }
            #expect(!html.contains("data-huiswerk-veld=\"project.thema\""))

            // Nobody else sees the page.
            let ander = try await c.meldAan("ander@school.nl")
            #expect(try await c.vraag(.get, "/cursussen/\(g.cursus.id)", als: ander).status == .notFound)
            let kim = try await c.meldAan("kim@thuis.nl")
            #expect(try await c.vraag(.get, "/cursussen/\(g.cursus.id)", als: kim).status == .notFound)
        }
    }

    @Test func leesweergaveZonderBewerken() async throws {
        let g = try await Groep()
        try await g.o.test { c in
            let d = try await c.meldAan("docent@school.nl")
            let r = try await c.vraag(.get, "/aanvragen/\(g.fatima.id)/lezen", als: d)
            #expect(r.status == .ok)
            let html = r.tekst
            #expect(!html.contains("data-autosave"))
            // Every input of the page is an opmerking's or the goedkeuring's, none a field of the aanvraag.
            let namen = Set(html.components(separatedBy: " name=\"").dropFirst().compactMap { $0.split(separator: "\"").first }
                .map(String.init))
            #expect(namen.isSubset(of: ["viewport", "csrf", "pad", "tekst", "versie"]), "\(namen)")
            #expect(namen.contains("tekst"))
            for v in Veldentabel.aanvraag.alle where v.pad != "project.titel" {
                #expect(!html.contains("name=\"\(v.pad)\""))
            }
            // Each field is there as text, in course order.
            let titel = try #require(Self.stuk(html, "data-lees-veld=\"project.titel\">", "data-lees-veld="))
            #expect(titel.contains("class=\"lees-waarde\"") && !titel.contains("name=\"project.titel\"") && !titel.contains("<textarea id=\"v-project-titel\""))
            let hoofdlijnen = try #require(html.range(of: "id=\"deel-hoofdlijnen\""))
            let brief = try #require(html.range(of: "id=\"deel-brief\""))
            #expect(hoofdlijnen.lowerBound < brief.lowerBound)

            // The edit pages send the docent to the read view; saving stores nothing.
            let deel = try await c.vraag(.get, "/aanvragen/\(g.fatima.id)/hoofdlijnen", als: d)
            #expect(deel.status == .seeOther && deel.headers[.location] == "/aanvragen/\(g.fatima.id)/lezen")
            let bewaar = try await Self.post(c, "/aanvragen/\(g.fatima.id)/hoofdlijnen", als: d,
                                             [("csrf", d.csrf), ("versie", "1"), ("project.titel", "Van de docent")])
            #expect(bewaar.status == .forbidden)
            #expect(bewaar.tekst.contains("de tekst wijzigen alleen haar schrijvers"))
            let terug = try await Self.post(c, "/aanvragen/\(g.fatima.id)/geschiedenis/1/terugzetten", als: d,
                                            [("csrf", d.csrf), ("versie", "1")])
            #expect(terug.status == .forbidden)
            let json = try await PaginaTests.post(c, "/aanvragen/\(g.fatima.id)/hoofdlijnen", als: d,
                                                  [("csrf", d.csrf), ("versie", "1"), ("project.titel", "X")],
                                                  accept: "application/json")
            #expect(json.status == .forbidden)
            #expect(try await g.o.opslag.aanvraag(id: g.fatima.id)?.versie == 1)

            // Another docent and another cursist get nothing.
            let ander = try await c.meldAan("ander@school.nl")
            #expect(try await c.vraag(.get, "/aanvragen/\(g.fatima.id)/lezen", als: ander).status == .notFound)
            #expect(try await c.vraag(.get, "/aanvragen/\(g.fatima.id)/hoofdlijnen", als: ander).status == .notFound)
            let kim = try await c.meldAan("kim@thuis.nl")
            #expect(try await c.vraag(.get, "/aanvragen/\(g.fatima.id)/lezen", als: kim).status == .notFound)
            // The cursist reads her own, without the docent's forms.
            let fatima = try await c.meldAan("fatima@thuis.nl")
            let eigen = try await c.vraag(.get, "/aanvragen/\(g.fatima.id)/lezen", als: fatima)
            #expect(eigen.status == .ok && !eigen.tekst.contains("Opmerking plaatsen") && !eigen.tekst.contains("goedkeuren</button>"))
        }
    }

    @Test func opmerkingPlaatsenEnAfhandelen() async throws {
        let g = try await Groep()
        try await g.o.test { c in
            let d = try await c.meldAan("docent@school.nl")
            let vijandig = "<script>alert('x')</script> & \"Doel\" is te vaag"
            let a = g.fatima.id
            // Without the CSRF token: refused, nothing stored.
            let zonder = try await Self.post(c, "/aanvragen/\(a)/opmerkingen", als: d,
                                             [("pad", "project.doel"), ("tekst", vijandig)])
            #expect(zonder.status == .forbidden)
            #expect(try await g.o.opslag.opmerkingen(aanvraag: a).isEmpty)
            // The cursist cannot comment on her own.
            let fatima = try await c.meldAan("fatima@thuis.nl")
            let zelf = try await Self.post(c, "/aanvragen/\(a)/opmerkingen", als: fatima,
                                           [("csrf", fatima.csrf), ("pad", "project.doel"), ("tekst", "Zelf")])
            #expect(zelf.status == .forbidden)

            let r = try await Self.post(c, "/aanvragen/\(a)/opmerkingen", als: d,
                                        [("csrf", d.csrf), ("pad", "project.doel"), ("tekst", vijandig)])
            #expect(r.status == .seeOther)
            #expect(r.headers[.location]?.hasPrefix("/aanvragen/\(a)/lezen") == true)
            _ = try await Self.post(c, "/aanvragen/\(a)/opmerkingen", als: d,
                                    [("csrf", d.csrf), ("pad", "project.partners[0].rol"), ("tekst", "Welke rol precies?")])
            let opgeslagen = try await g.o.opslag.opmerkingen(aanvraag: a)
            #expect(opgeslagen.count == 2)
            let o = try #require(opgeslagen.first { $0.pad == "project.doel" })
            #expect(o.tekst == vijandig && o.docentNaam == "Docent")
            // The same as the API lists.
            let api = try await c.vraag(.get, "/api/aanvragen/\(a)/opmerkingen", als: d).array
            #expect(api.contains { $0["tekst"] as? String == vijandig })
            let escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Doel&quot; is te vaag"
            let lezen = try await c.vraag(.get, "/aanvragen/\(a)/lezen", als: d).tekst
            #expect(!lezen.contains("<script>alert"))
            let bijDoel = try #require(Self.stuk(lezen, "data-lees-veld=\"project.doel\">", "data-lees-veld="))
            #expect(bijDoel.contains(escaped))

            // The cursist sees it beside the field, and the one inside a partner beside that partner's role.
            let pagina = try await c.vraag(.get, "/aanvragen/\(a)/hoofdlijnen", als: fatima)
            #expect(pagina.status == .ok)
            #expect(!pagina.tekst.contains("<script>alert"))
            let veld = try #require(Self.stuk(pagina.tekst, "data-veld=\"project.doel\">", "data-veld="))
            #expect(veld.contains(escaped) && veld.contains("Docent"))
            #expect(veld.contains("form=\"afhandelen-\(o.id)\""))
            let rol = try #require(Self.stuk(pagina.tekst, "data-veld=\"project.partners[0].rol\">", "data-veld="))
            #expect(rol.contains("Welke rol precies?"))

            // The docent cannot mark it; the cursist can, with her CSRF token.
            let docentAf = try await Self.post(c, "/aanvragen/\(a)/opmerkingen/\(o.id)/afgehandeld", als: d,
                                               [("csrf", d.csrf), ("afgehandeld", "1")])
            #expect(docentAf.status == .forbidden)
            let zonderAf = try await Self.post(c, "/aanvragen/\(a)/opmerkingen/\(o.id)/afgehandeld", als: fatima,
                                               [("afgehandeld", "1")])
            #expect(zonderAf.status == .forbidden)
            #expect(try await g.o.opslag.opmerkingen(aanvraag: a).first { $0.id == o.id }?.afgehandeld == nil)
            let af = try await Self.post(c, "/aanvragen/\(a)/opmerkingen/\(o.id)/afgehandeld", als: fatima,
                                         [("csrf", fatima.csrf), ("afgehandeld", "1"), ("terug", "hoofdlijnen")])
            #expect(af.status == .seeOther && af.headers[.location] == "/aanvragen/\(a)/hoofdlijnen#opmerking-\(o.id)")
            #expect(try await g.o.opslag.opmerkingen(aanvraag: a).first { $0.id == o.id }?.afgehandeld != nil)
            let daarna = try await c.vraag(.get, "/aanvragen/\(a)/hoofdlijnen", als: fatima).tekst
            let veldDaarna = try #require(Self.stuk(daarna, "data-veld=\"project.doel\">", "data-veld="))
            #expect(veldDaarna.contains("opmerking-afgehandeld") && veldDaarna.contains("Afgehandeld: opmerking van"))
        }
    }

    @Test func goedkeuringEnNieuweVersie() async throws {
        let g = try await Groep()
        try await g.o.test { c in
            let d = try await c.meldAan("docent@school.nl")
            // A version with fouten: a Dutch message with the fouten, nothing stored.
            let fout = try await Self.post(c, "/aanvragen/\(g.joost.id)/goedkeuring", als: d,
                                           [("csrf", d.csrf), ("versie", "1")])
            #expect(fout.status == .unprocessableContent)
            #expect(fout.tekst.contains("kan niet worden goedgekeurd") && fout.tekst.contains("Er is niets opgeslagen"))
            #expect(fout.tekst.contains("bevinding-fout"))
            #expect(try await g.o.opslag.goedkeuringen(aanvraag: g.joost.id).isEmpty)
            // Without CSRF nothing either.
            let zonder = try await Self.post(c, "/aanvragen/\(g.fatima.id)/goedkeuring", als: d, [("versie", "1")])
            #expect(zonder.status == .forbidden)
            #expect(try await g.o.opslag.goedkeuringen(aanvraag: g.fatima.id).isEmpty)

            let lezen = try await c.vraag(.get, "/aanvragen/\(g.fatima.id)/lezen", als: d).tekst
            #expect(lezen.contains("Versie 1 goedkeuren"))
            let r = try await Self.post(c, "/aanvragen/\(g.fatima.id)/goedkeuring", als: d,
                                        [("csrf", d.csrf), ("versie", "1")])
            #expect(r.status == .seeOther)
            #expect(try await g.o.opslag.goedkeuringen(aanvraag: g.fatima.id).map(\.versie) == [1])
            let na = try await c.vraag(.get, "/aanvragen/\(g.fatima.id)/lezen", als: d).tekst
            #expect(na.contains("Goedgekeurd: versie 1, de laatste versie.") && !na.contains("Versie 1 goedkeuren"))
            let fatima = try await c.meldAan("fatima@thuis.nl")
            #expect(try await c.vraag(.get, "/", als: fatima).tekst.contains("Goedgekeurd: versie 1, uw laatste versie."))

            // A new version: approved no longer, and every page says so.
            try await g.o.nieuweVersie(g.fatima, Repo.sample("kinderfestival.yaml"))
            let later = try await c.vraag(.get, "/aanvragen/\(g.fatima.id)/lezen", als: d).tekst
            #expect(later.contains("Goedgekeurd: versie 1. De laatste versie is 2 en is nog niet goedgekeurd."))
            #expect(later.contains("Versie 2 goedkeuren"))
            let cursus = try await c.vraag(.get, "/cursussen/\(g.cursus.id)", als: d).tekst
            let rij = try #require(Self.stuk(cursus, "<tr data-cursist=\"Fatima\">", "</tr>"))
            #expect(rij.contains("Versie 1; niet de laatste versie (2)"))
            let overzicht = try await c.vraag(.get, "/", als: fatima).tekst
            #expect(overzicht.contains("Versie 1 is goedgekeurd; uw laatste versie 2 nog niet."))
            let deel = try await c.vraag(.get, "/aanvragen/\(g.fatima.id)/hoofdlijnen", als: fatima).tekst
            #expect(deel.contains("Versie 1 is goedgekeurd; uw laatste versie 2 nog niet."))
        }
    }

    @Test func startpaginaVanDeDocentLinktNaarLezen() async throws {
        let g = try await Groep()
        try await g.o.test { c in
            let d = try await c.meldAan("docent@school.nl")
            let html = try await c.vraag(.get, "/", als: d).tekst
            #expect(html.contains("href=\"/cursussen/\(g.cursus.id)\""))
            for a in [g.fatima, g.joost, g.kim] { #expect(html.contains("href=\"/aanvragen/\(a.id)/lezen\"")) }
        }
    }
}
