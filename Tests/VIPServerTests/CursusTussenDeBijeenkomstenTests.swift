import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VIPKit
import VIPModel
@testable import VIPServer

/// The course between the meetings (cursus.md, issue 19) through the API and the pages: the
/// course page with its homework, several docenten, co-authors, sharing with the group,
/// attendance, opmerkingen about the whole aanvraag, and findings that follow the course's pace.
@Suite struct CursusTussenDeBijeenkomstenTests {
    /// The clock of `Omgeving` stands at 21 September 2026: bijeenkomst 1 has passed, 2 is next.
    struct Klas {
        var o: Omgeving
        var docent, collega, fatima, sanne, kim, joost: Gebruiker
        var cursus, andere: Cursus

        init(motor: String = "sqlite") async throws {
            o = try await Omgeving(motor: motor)
            docent = try await o.gebruiker(.docent, "docent@school.nl")
            collega = try await o.gebruiker(.docent, "collega@school.nl")
            cursus = try await o.opslag.maakCursus(naam: "Najaar", docent: docent.id,
                                                   bijeenkomsten: ["2026-09-14", "2026-09-28", "2026-10-05", "2026-10-12"],
                                                   uitnodigingscode: "NAJAAR-1", tijd: o.klok.nu)
            andere = try await o.opslag.maakCursus(naam: "Voorjaar", docent: collega.id, bijeenkomsten: ["2027-03-01"],
                                                   uitnodigingscode: "VOORJAAR-1", tijd: o.klok.nu)
            fatima = try await o.gebruiker(.cursist, "fatima@thuis.nl", cursus: cursus.id)
            sanne = try await o.gebruiker(.cursist, "sanne@thuis.nl", cursus: cursus.id)
            kim = try await o.gebruiker(.cursist, "kim@thuis.nl", cursus: cursus.id)
            joost = try await o.gebruiker(.cursist, "joost@thuis.nl", cursus: andere.id)
        }
    }

    static let sjabloon = Array(Init.sjabloon.utf8)

    /// The `vip init` template with `regel` of the template replaced (the first line that starts so).
    static func sjabloon(_ begin: String, _ nieuw: String) -> [UInt8] {
        let regels = Init.sjabloon.components(separatedBy: "\n")
        let i = regels.firstIndex { $0.hasPrefix(begin) }!
        var uit = regels
        uit[i] = nieuw
        return Array(uit.joined(separator: "\n").utf8)
    }

    // MARK: The course page

    @Test(arguments: Motoren.alle) func cursuspaginaMetHuiswerk(_ motor: String) async throws {
        let k = try await Klas(motor: motor)
        // Fatima began with nothing but a title.
        let a = try await k.o.aanvraag(k.fatima, Array("formaat: vip-aanvraag/1\nproject:\n  titel: Samen moestuinieren\n".utf8))
        try await k.o.test { c in
            let f = try await c.meldAan("fatima@thuis.nl")
            let r = try await c.vraag(.get, "/api/cursussen/\(k.cursus.id)", als: f)
            #expect(r.status == .ok)
            let o = r.object
            #expect(o["id"] as? Int == Int(k.cursus.id) && o["naam"] as? String == "Najaar")
            #expect(o["bijeenkomsten"] as? [String] == ["2026-09-14", "2026-09-28", "2026-10-05", "2026-10-12"])
            #expect(o["volgende"] as? Int == 2)
            #expect(o["herinneringen"] as? Bool == true)
            #expect((o["docenten"] as? [[String: Any]])?.map { $0["naam"] as? String } == ["Docent"])
            #expect(o["uitnodigingscode"] == nil)
            // Her homework: exactly the fields of bijeenkomsten 1 and 2 she lacks, in table order,
            // each with the page where it is filled.
            let huiswerk = try #require(o["huiswerk"] as? [[String: Any]])
            let verwacht = Huiswerk.tot(bijeenkomst: 2).filter { $0.pad != "project.titel" }
            #expect(!verwacht.isEmpty)
            #expect(huiswerk.map { $0["pad"] as? String } == verwacht.map(\.pad))
            #expect(huiswerk.map { $0["label"] as? String } == verwacht.map(\.label))
            for h in huiswerk {
                let pagina = try #require(h["pagina"] as? String)
                #expect(pagina.hasPrefix("/aanvragen/\(a.id)/"))
                // The page is hers and holds the field.
                let p = try await c.vraag(.get, pagina, als: f, headers: [.accept: "text/html"])
                #expect(p.status == .ok, "\(pagina)")
                #expect(p.tekst.contains("id=\"\(Veldweergave.domID(h["pad"] as! String))\""), "\(pagina) \(h["pad"]!)")
            }
            #expect(o["open_opmerkingen"] as? Int == 0)
            #expect((o["gedeeld"] as? [Any])?.isEmpty == true)

            // The course page and the start page say the same.
            let pagina = try await c.vraag(.get, "/cursus/\(k.cursus.id)", als: f, headers: [.accept: "text/html"])
            #expect(pagina.status == .ok)
            #expect(pagina.tekst.contains("Uw huiswerk voor bijeenkomst 2 (28 september 2026)"))
            for h in verwacht { #expect(pagina.tekst.contains("data-huiswerk-veld=\"\(h.pad)\"")) }
            #expect(!pagina.tekst.contains("data-huiswerk-veld=\"project.titel\""))
            let start = try await c.vraag(.get, "/", als: f, headers: [.accept: "text/html"])
            #expect(start.tekst.contains("Volgende bijeenkomst: 2, op 28 september 2026"))
            #expect(start.tekst.contains("Huiswerk: \(verwacht.count) velden nog te doen"))
            #expect(start.tekst.contains("href=\"/cursus/\(k.cursus.id)\""))

            // The docent sees the cursus with its code and without homework of her own.
            let d = try await c.meldAan("docent@school.nl")
            let voorDocent = try await c.vraag(.get, "/api/cursussen/\(k.cursus.id)", als: d).object
            #expect(voorDocent["uitnodigingscode"] as? String == "NAJAAR-1" && voorDocent["huiswerk"] == nil)
            // Outside the cursus: 404.
            for email in ["joost@thuis.nl", "collega@school.nl"] {
                let ander = try await c.meldAan(email)
                #expect(try await c.vraag(.get, "/api/cursussen/\(k.cursus.id)", als: ander).status == .notFound)
                #expect(try await c.vraag(.get, "/cursus/\(k.cursus.id)", als: ander, headers: [.accept: "text/html"]).status
                        == .notFound)
            }
            #expect(try await c.vraag(.get, "/api/cursussen/999999", als: f).status == .notFound)

            // A week later bijeenkomst 2 has passed: her homework is for bijeenkomst 3 and holds
            // the begroting too.
            k.o.klok.verzet(8 * 24 * 3600)
            let later = try await c.vraag(.get, "/api/cursussen/\(k.cursus.id)", als: f).object
            #expect(later["volgende"] as? Int == 3)
            let werk = (later["huiswerk"] as? [[String: Any]] ?? []).compactMap { $0["pad"] as? String }
            #expect(werk == Huiswerk.tot(bijeenkomst: 3).map(\.pad).filter { $0 != "project.titel" })
            #expect(werk.contains { $0.hasPrefix("begroting") })
            // After the last one: no next bijeenkomst, no homework.
            k.o.klok.verzet(30 * 24 * 3600)
            let weer = try await c.meldAan("fatima@thuis.nl")  // her session has expired meanwhile
            let voorbij = try await c.vraag(.get, "/api/cursussen/\(k.cursus.id)", als: weer).object
            #expect(voorbij["volgende"] is NSNull, "\(voorbij)")
            #expect((voorbij["huiswerk"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func zonderAanvraagGeenHuiswerk() async throws {
        let k = try await Klas()
        try await k.o.test { c in
            let kim = try await c.meldAan("kim@thuis.nl")
            let o = try await c.vraag(.get, "/api/cursussen/\(k.cursus.id)", als: kim).object
            #expect((o["huiswerk"] as? [Any])?.isEmpty == true && o["volgende"] as? Int == 2)
            let pagina = try await c.vraag(.get, "/cursus/\(k.cursus.id)", als: kim, headers: [.accept: "text/html"]).tekst
            #expect(pagina.contains("U hebt nog geen aanvraag. Begin er een"))
        }
    }

    // MARK: Several docenten

    @Test(arguments: Motoren.alle) func tweeDocenten(_ motor: String) async throws {
        let k = try await Klas(motor: motor)
        let a = try await k.o.aanvraag(k.fatima)
        try await k.o.test { c in
            let d = try await c.meldAan("docent@school.nl")
            let collega = try await c.meldAan("collega@school.nl")
            let pad = "/api/cursussen/\(k.cursus.id)/docenten"
            #expect(try await c.vraag(.get, "/api/cursussen/\(k.cursus.id)/voortgang", als: collega).status == .notFound)
            // Unknown, or not a docent: 422; nothing added.
            for email in ["niemand@school.nl", "fatima@thuis.nl", ""] {
                #expect(try await c.vraag(.post, pad, als: d, json: ["email": email]).status == .unprocessableContent)
            }
            #expect(try await c.vraag(.post, pad, als: d, json: ["mail": "x"]).status == .badRequest)
            let r = try await c.vraag(.post, pad, als: d, json: ["email": "  Collega@School.nl "])
            #expect(r.status == .created && r.object["id"] as? Int == Int(k.collega.id) && r.object["naam"] as? String == "Collega")
            // Adding her again changes nothing.
            #expect(try await c.vraag(.post, pad, als: d, json: ["email": "collega@school.nl"]).status == .created)
            #expect(try await k.o.opslag.cursus(id: k.cursus.id)!.docenten == [k.docent.id, k.collega.id])
            // She sees and does everything a docent of the cursus does.
            #expect(try await c.vraag(.get, "/api/cursussen/\(k.cursus.id)/voortgang", als: collega).array.count == 3)
            #expect(try await c.vraag(.get, "/api/aanvragen", als: collega).array.compactMap { $0["id"] as? Int }
                .contains(Int(a.id)))
            #expect(try await c.vraag(.post, "/api/aanvragen/\(a.id)/opmerkingen", als: collega,
                                      json: ["pad": "project.doel", "tekst": "Scherper."]).status == .created)
            #expect(try await c.vraag(.post, "/api/aanvragen/\(a.id)/goedkeuring", als: collega, json: ["versie": 1]).status
                    == .created)
            #expect(try await c.vraag(.get, "/cursussen/\(k.cursus.id)", als: collega, headers: [.accept: "text/html"]).status
                    == .ok)
            let cursus = try await c.vraag(.get, "/api/cursussen/\(k.cursus.id)", als: collega).object
            #expect((cursus["docenten"] as? [[String: Any]])?.compactMap { $0["naam"] as? String } == ["Docent", "Collega"])
            // Her own cursus stays hers alone.
            #expect(try await c.vraag(.get, "/api/cursussen/\(k.andere.id)/voortgang", als: d).status == .notFound)

            // Removing: never the last; someone who is no docent of it: 404.
            #expect(try await c.vraag(.delete, "\(pad)/\(k.fatima.id)", als: d).status == .notFound)
            #expect(try await c.vraag(.delete, "\(pad)/abc", als: d).status == .notFound)
            #expect(try await c.vraag(.delete, "\(pad)/\(k.docent.id)", als: collega).status == .noContent)
            #expect(try await c.vraag(.get, "/api/cursussen/\(k.cursus.id)/voortgang", als: d).status == .notFound)
            let laatste = try await c.vraag(.delete, "\(pad)/\(k.collega.id)", als: collega)
            #expect(laatste.status == .conflict && laatste.fout?.contains("minstens één docent") == true)
            #expect(try await k.o.opslag.cursus(id: k.cursus.id)!.docenten == [k.collega.id])
        }
    }

    @Test func docentToevoegenOpDePagina() async throws {
        let k = try await Klas()
        try await k.o.test { c in
            let d = try await c.meldAan("docent@school.nl")
            let p = "/cursussen/\(k.cursus.id)"
            let fout = try await PaginaTests.post(c, "\(p)/docenten", als: d, [("csrf", d.csrf), ("email", "fatima@thuis.nl")])
            #expect(fout.status == .unprocessableContent && fout.tekst.contains("Er is geen docent met dit e-mailadres"))
            let zonder = try await PaginaTests.post(c, "\(p)/docenten", als: d, [("email", "collega@school.nl")])
            #expect(zonder.status == .forbidden)
            let goed = try await PaginaTests.post(c, "\(p)/docenten", als: d, [("csrf", d.csrf), ("email", "collega@school.nl")])
            #expect(goed.status == .seeOther && goed.headers[.location]?.hasPrefix("\(p)?gedaan=docent") == true)
            let pagina = try await c.vraag(.get, "\(p)?gedaan=docent", als: d, headers: [.accept: "text/html"]).tekst
            #expect(pagina.contains("De docent is toegevoegd") && pagina.contains("data-docent=\"\(k.collega.id)\""))
            // The message comes from a fixed list, never from the address.
            let vreemd = try await c.vraag(.get, "\(p)?gedaan=Uw%20account%20is%20geblokkeerd", als: d,
                                           headers: [.accept: "text/html"]).tekst
            #expect(!vreemd.contains("geblokkeerd"))
        }
    }

    // MARK: Co-authors

    @Test(arguments: Motoren.alle) func medeschrijvers(_ motor: String) async throws {
        let k = try await Klas(motor: motor)
        let a = try await k.o.aanvraag(k.fatima)
        try await k.o.test { c in
            let f = try await c.meldAan("fatima@thuis.nl")
            let s = try await c.meldAan("sanne@thuis.nl")
            let pad = "/api/aanvragen/\(a.id)/auteurs"
            #expect(try await c.vraag(.get, "/api/aanvragen/\(a.id)", als: s).status == .notFound)
            // Another cursus, a docent, unknown: 422.
            for email in ["joost@thuis.nl", "docent@school.nl", "niemand@thuis.nl"] {
                #expect(try await c.vraag(.post, pad, als: f, json: ["email": email]).status == .unprocessableContent)
            }
            let r = try await c.vraag(.post, pad, als: f, json: ["email": "sanne@thuis.nl"])
            #expect(r.status == .created && r.object["id"] as? Int == Int(k.sanne.id))
            // Sanne lists it: `eigenaar` stays Fatima, `auteurs` names both.
            let rij = try #require(try await c.vraag(.get, "/api/aanvragen", als: s).array.first { $0["id"] as? Int == Int(a.id) })
            #expect(rij["eigenaar"] as? String == "Fatima" && rij["auteurs"] as? [String] == ["Fatima", "Sanne"])
            // She saves; their saves race under If-Match like anyone's.
            let tekst = Repo.sample("kinderfestival.yaml")
            #expect(try await c.vraag(.put, "/api/aanvragen/\(a.id)", als: s, tekst: tekst, headers: [.ifMatch: "\"1\""]).status
                    == .ok)
            let oud = try await c.vraag(.put, "/api/aanvragen/\(a.id)", als: f, tekst: Repo.sample("buurtmoestuin.yaml"),
                                        headers: [.ifMatch: "\"1\""])
            #expect(oud.status == .preconditionFailed && oud.headers[.eTag] == "\"2\"")
            #expect(try await c.vraag(.post, "/api/aanvragen/\(a.id)/pakket?formaat=odt&concept=1", als: s).status == .ok)
            // She may add a third, but never take the owner off.
            #expect(try await c.vraag(.post, pad, als: s, json: ["email": "kim@thuis.nl"]).status == .created)
            #expect(try await c.vraag(.delete, "\(pad)/\(k.fatima.id)", als: s).status == .forbidden)
            #expect(try await c.vraag(.delete, "\(pad)/\(k.joost.id)", als: s).status == .notFound)
            #expect(try await c.vraag(.delete, "\(pad)/\(k.kim.id)", als: s).status == .noContent)
            // She takes herself off: the aanvraag is out of her sight again.
            #expect(try await c.vraag(.delete, "\(pad)/\(k.sanne.id)", als: s).status == .noContent)
            #expect(try await c.vraag(.get, "/api/aanvragen/\(a.id)", als: s).status == .notFound)
            #expect(try await k.o.opslag.auteurs(aanvraag: a.id).map(\.id) == [k.fatima.id])
            // The quotum counts the aanvraag for the one who began it only.
            #expect(try await k.o.opslag.gebruik(eigenaar: k.sanne.id).aanvragen == 0)
        }
    }

    // MARK: Sharing with the group

    @Test(arguments: Motoren.alle) func delenMetDeGroep(_ motor: String) async throws {
        let k = try await Klas(motor: motor)
        let a = try await k.o.aanvraag(k.fatima)
        try await k.o.test { c in
            let f = try await c.meldAan("fatima@thuis.nl")
            let kim = try await c.meldAan("kim@thuis.nl")
            let joost = try await c.meldAan("joost@thuis.nl")
            let p = "/api/aanvragen/\(a.id)"
            #expect(try await c.vraag(.get, p, als: kim).status == .notFound)
            #expect(try await c.vraag(.put, "\(p)/delen", als: kim, json: ["groep": true]).status == .notFound)
            #expect(try await c.vraag(.put, "\(p)/delen", als: f, json: ["groep": "ja"]).status == .badRequest)
            let r = try await c.vraag(.put, "\(p)/delen", als: f, json: ["groep": true])
            #expect(r.status == .ok && r.object["groep"] as? Bool == true)
            // A fellow cursist reads, checks, comments; never saves or builds.
            for route in [p, "\(p)/versies", "\(p)/versies/1", "\(p)/check", "\(p)/opmerkingen", "\(p)/goedkeuring"] {
                #expect(try await c.vraag(.get, route, als: kim).status == .ok, "\(route)")
            }
            #expect(try await c.vraag(.put, p, als: kim, tekst: Repo.sample("kinderfestival.yaml"), headers: [.ifMatch: "\"1\""])
                .status == .forbidden)
            #expect(try await c.vraag(.post, "\(p)/pakket?concept=1", als: kim).status == .forbidden)
            #expect(try await c.vraag(.put, "\(p)/delen", als: kim, json: ["groep": false]).status == .forbidden)
            let o = try await c.vraag(.post, "\(p)/opmerkingen", als: kim, json: ["pad": "", "tekst": "Mooi idee!"])
            #expect(o.status == .created)
            let lijst = try await c.vraag(.get, "\(p)/opmerkingen", als: f).array
            #expect(lijst.count == 1 && lijst[0]["medecursist"] as? Bool == true && lijst[0]["pad"] as? String == "")
            #expect(try await c.vraag(.patch, "\(p)/opmerkingen/\(lijst[0]["id"]!)", als: kim, json: ["afgehandeld": true]).status
                    == .forbidden)
            // The group's course page lists it; a fellow's opmerking is no open docent's opmerking.
            let cursus = try await c.vraag(.get, "/api/cursussen/\(k.cursus.id)", als: kim).object
            let gedeeld = try #require(cursus["gedeeld"] as? [[String: Any]])
            #expect(gedeeld.count == 1 && gedeeld[0]["aanvraag"] as? Int == Int(a.id) && gedeeld[0]["eigenaar"] as? String == "Fatima")
            #expect(try await c.vraag(.get, "/api/cursussen/\(k.cursus.id)", als: f).object["open_opmerkingen"] as? Int == 0)
            // The read view says who it is from; the docent's course page marks it shared.
            let lezen = try await c.vraag(.get, "/aanvragen/\(a.id)/lezen", als: f, headers: [.accept: "text/html"]).tekst
            #expect(lezen.contains("(medecursist)"))
            let d = try await c.meldAan("docent@school.nl")
            let docentPagina = try await c.vraag(.get, "/cursussen/\(k.cursus.id)", als: d, headers: [.accept: "text/html"]).tekst
            #expect(docentPagina.contains("data-gedeeld>gedeeld met de groep"))
            // Another cursus never sees it.
            #expect(try await c.vraag(.get, p, als: joost).status == .notFound)
            // Withdrawn: 404 again.
            #expect(try await c.vraag(.put, "\(p)/delen", als: f, json: ["groep": false]).object["groep"] as? Bool == false)
            #expect(try await c.vraag(.get, p, als: kim).status == .notFound)
            #expect(try await c.vraag(.post, "\(p)/opmerkingen", als: kim, json: ["pad": "", "tekst": "Nog eens"]).status
                    == .notFound)
        }
    }

    // MARK: Open opmerkingen

    @Test func openOpmerkingenVanDeDocent() async throws {
        let k = try await Klas()
        let a = try await k.o.aanvraag(k.fatima)
        try await k.o.test { c in
            let f = try await c.meldAan("fatima@thuis.nl")
            let d = try await c.meldAan("docent@school.nl")
            for (pad, tekst) in [("project.doel", "Scherper."), ("", "Goed begin.")] {
                #expect(try await c.vraag(.post, "/api/aanvragen/\(a.id)/opmerkingen", als: d, json: ["pad": pad, "tekst": tekst])
                    .status == .created)
            }
            let cursus = "/api/cursussen/\(k.cursus.id)"
            #expect(try await c.vraag(.get, cursus, als: f).object["open_opmerkingen"] as? Int == 2)
            let pagina = try await c.vraag(.get, "/cursus/\(k.cursus.id)", als: f, headers: [.accept: "text/html"]).tekst
            #expect(pagina.contains("Scherper.") && pagina.contains("de aanvraag als geheel") && pagina.contains("‘Doel’"))
            let eerste = try await c.vraag(.get, "/api/aanvragen/\(a.id)/opmerkingen", als: f).array[0]
            #expect(try await c.vraag(.patch, "/api/aanvragen/\(a.id)/opmerkingen/\(eerste["id"]!)", als: f,
                                      json: ["afgehandeld": true]).status == .ok)
            #expect(try await c.vraag(.get, cursus, als: f).object["open_opmerkingen"] as? Int == 1)
        }
    }

    // MARK: Attendance

    @Test(arguments: Motoren.alle) func aanwezigheid(_ motor: String) async throws {
        let k = try await Klas(motor: motor)
        try await k.o.test { c in
            let d = try await c.meldAan("docent@school.nl")
            let p = "/api/cursussen/\(k.cursus.id)"
            for nr in 1...3 {
                let lijst: [[String: Any]] = [["cursist": k.fatima.id, "aanwezig": true],
                                              ["cursist": k.kim.id, "aanwezig": false]]
                let r = try await c.vraag(.put, "\(p)/aanwezigheid/\(nr)", als: d, json: lijst)
                #expect(r.status == .ok && r.array.count == 2)
            }
            // Corrected: Kim was there at 2 after all.
            #expect(try await c.vraag(.put, "\(p)/aanwezigheid/2", als: d, json: [["cursist": k.kim.id, "aanwezig": true]])
                .status == .ok)
            // A bijeenkomst the cursus lacks: 404; someone of another cursus: 422 and nothing recorded.
            for n in ["0", "5", "x"] {
                #expect(try await c.vraag(.put, "\(p)/aanwezigheid/\(n)", als: d, json: [[String: Any]]()).status == .notFound)
            }
            let vreemd: [[String: Any]] = [["cursist": k.sanne.id, "aanwezig": false], ["cursist": k.joost.id, "aanwezig": true]]
            #expect(try await c.vraag(.put, "\(p)/aanwezigheid/4", als: d, json: vreemd).status == .unprocessableContent)
            #expect(try await c.vraag(.put, "\(p)/aanwezigheid/4", als: d, json: ["cursist": 1]).status == .badRequest)

            let rijen = try await c.vraag(.get, "\(p)/voortgang", als: d).array
            func rij(_ naam: String) -> [String: Any] { rijen.first { $0["cursist"] as? String == naam }! }
            #expect(rij("Fatima")["aanwezig"] as? [Int] == [1, 2, 3] && rij("Fatima")["afwezig"] as? [Int] == [])
            #expect(rij("Kim")["aanwezig"] as? [Int] == [2] && rij("Kim")["afwezig"] as? [Int] == [1, 3])
            #expect(rij("Sanne")["aanwezig"] as? [Int] == [] && rij("Sanne")["afwezig"] as? [Int] == [])

            // Kim was absent twice: marked only beyond max_afwezig.
            func kimGemarkeerd() async throws -> Bool {
                let html = try await c.vraag(.get, "/cursussen/\(k.cursus.id)", als: d, headers: [.accept: "text/html"]).tekst
                let kim = try #require(DocentPaginaTests.stuk(html, "<tr data-cursist=\"Kim\">", "</tr>"))
                return kim.contains("vaker afwezig dan toegestaan")
            }
            #expect(try await kimGemarkeerd() == false)
            let patch = try await c.vraag(.patch, p, als: d, json: ["max_afwezig": 1])
            #expect(patch.status == .ok && patch.object["max_afwezig"] as? Int == 1 && patch.object["herinneringen"] as? Bool == true)
            #expect(try await kimGemarkeerd() == true)
            #expect(try await c.vraag(.patch, p, als: d, json: ["max_afwezig": -1]).status == .unprocessableContent)
            #expect(try await c.vraag(.patch, p, als: d, json: ["herinneringen": false]).object["herinneringen"] as? Bool == false)
            #expect(try await k.o.opslag.cursus(id: k.cursus.id)!.maxAfwezig == 1)

            // The page's form records a bijeenkomst: ticked present, the others absent.
            let form = try await PaginaTests.post(c, "/cursussen/\(k.cursus.id)/aanwezigheid/4", als: d, [
                ("csrf", d.csrf), ("cursist", String(k.fatima.id)), ("cursist", String(k.sanne.id)),
                ("cursist", String(k.kim.id)), ("aanwezig", String(k.sanne.id)),
            ])
            #expect(form.status == .seeOther)
            let vier = try await k.o.opslag.aanwezigheid(cursus: k.cursus.id).filter { $0.nr == 4 }
            #expect(vier.map(\.cursist) == [k.fatima.id, k.sanne.id, k.kim.id].sorted())
            #expect(vier.filter(\.aanwezig).map(\.cursist) == [k.sanne.id])
        }
    }

    // MARK: The course's pace on the pages

    @Test func bevindingenVolgenHetTempo() async throws {
        let k = try await Klas()
        // A new aanvraag with one real mistake: a wrong IBAN.
        let tekst = Self.sjabloon("  iban:", "  iban: NL00BANK0123456789")
        let a = try await k.o.aanvraag(k.fatima, tekst)
        try await k.o.test { c in
            let f = try await c.meldAan("fatima@thuis.nl")
            // Hoofdlijnen: due at bijeenkomst 2, which has not passed. Not a single fout.
            let hoofdlijnen = try await c.vraag(.get, "/aanvragen/\(a.id)/hoofdlijnen", als: f, headers: [.accept: "text/html"]).tekst
            #expect(!hoofdlijnen.contains("<span class=\"ernst\">Fout</span>"))
            #expect(hoofdlijnen.contains("Nog te doen (bijeenkomst 2)"))
            #expect(hoofdlijnen.contains("bevinding-te-doen"))
            // What waits is not marked as wrong: no field has the red border.
            #expect(!hoofdlijnen.contains("veld-met-bevinding"))
            let zijbalk = try #require(DocentPaginaTests.stuk(hoofdlijnen, "data-deel=\"hoofdlijnen\">", "</a>"))
            #expect(zijbalk.contains("status-te-doen") && zijbalk.contains("nog te doen") && !zijbalk.contains("fout"))
            // The wrong IBAN is a fout at once, although the organisatie is due at bijeenkomst 4.
            let organisatie = try await c.vraag(.get, "/aanvragen/\(a.id)/organisatie", als: f, headers: [.accept: "text/html"]).tekst
            let iban = try #require(DocentPaginaTests.stuk(organisatie, "data-bevindingen-voor=\"organisatie.iban\"", "</ul>"))
            #expect(iban.contains("<span class=\"ernst\">Fout</span>"))
            #expect(organisatie.contains("<div class=\"veld veld-met-bevinding\" data-veld=\"organisatie.iban\">"))
            #expect(!organisatie.contains("<div class=\"veld veld-met-bevinding\" data-veld=\"organisatie.naam\">"))
            #expect(organisatie.contains("Nog te doen (bijeenkomst 4)"))
            // The API's check keeps every finding as it is.
            let check = try await c.vraag(.get, "/api/aanvragen/\(a.id)/check", als: f).object
            let fouten = (check["bevindingen"] as? [[String: Any]] ?? []).filter { $0["ernst"] as? String == "fout" }.count
            let verwacht = try await k.o.diensten.kern.controleer(tekst).bevindingen.count(.fout)
            #expect(fouten > 0 && fouten == verwacht)
            #expect((check["bevindingen"] as? [[String: Any]])?.allSatisfy { ["fout", "waarschuwing", "tip"].contains($0["ernst"] as? String ?? "") } == true)
            // The voortgang counts what waits apart.
            let d = try await c.meldAan("docent@school.nl")
            let rij = try #require(try await c.vraag(.get, "/api/cursussen/\(k.cursus.id)/voortgang", als: d).array
                .first { $0["cursist"] as? String == "Fatima" })
            let teDoen = try #require(rij["nog_te_doen"] as? Int)
            #expect(teDoen > 0 && rij["fouten"] as? Int == fouten)

            // Once bijeenkomst 2 has passed, its empty fields are fouten.
            k.o.klok.verzet(8 * 24 * 3600)
            let later = try await c.vraag(.get, "/aanvragen/\(a.id)/hoofdlijnen", als: f, headers: [.accept: "text/html"]).tekst
            #expect(later.contains("<span class=\"ernst\">Fout</span>"))
            #expect(!later.contains("Nog te doen (bijeenkomst 2)"))
            #expect(later.contains("veld-met-bevinding"))
            let rijLater = try #require(try await c.vraag(.get, "/api/cursussen/\(k.cursus.id)/voortgang", als: d).array
                .first { $0["cursist"] as? String == "Fatima" })
            #expect((rijLater["nog_te_doen"] as? Int ?? 0) < teDoen)
            // Building the package counts every fout, due or not.
            let documenten = try await c.vraag(.get, "/aanvragen/\(a.id)/documenten", als: f, headers: [.accept: "text/html"]).tekst
            #expect(documenten.contains("Uw aanvraag heeft nog \(fouten) fouten"))
        }
    }

    /// The page script's save answers at the same pace as the page.
    @Test func paginascriptVolgtHetTempo() async throws {
        let k = try await Klas()
        let a = try await k.o.aanvraag(k.fatima, Self.sjabloon)
        try await k.o.test { c in
            let f = try await c.meldAan("fatima@thuis.nl")
            let r = try await c.vraag(.patch, "/api/aanvragen/\(a.id)", als: f,
                                      json: ["pagina": "hoofdlijnen", "waarden": ["project.titel": ["Samen"]]],
                                      headers: [.ifMatch: "\"1\""])
            #expect(r.status == .ok)
            let bevindingen = try #require(r.object["bevindingen"] as? [[String: Any]])
            let hoofdlijnen = bevindingen.filter { $0["pagina"] as? String == "hoofdlijnen" }
            #expect(!hoofdlijnen.isEmpty && hoofdlijnen.allSatisfy { $0["ernst"] as? String != "fout" })
            #expect(hoofdlijnen.contains { $0["ernst"] as? String == "te-doen" && $0["ernstLabel"] as? String == "Nog te doen (bijeenkomst 2)" })
            let delen = try #require(r.object["delen"] as? [[String: Any]])
            let deel = try #require(delen.first { $0["slug"] as? String == "hoofdlijnen" })
            #expect(deel["fouten"] as? Int == 0 && (deel["teDoen"] as? Int ?? 0) > 0 && deel["status"] as? String == "nog te doen")
        }
    }
}
