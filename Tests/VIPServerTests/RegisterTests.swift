import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VIPKit
import VIPModel
@testable import VIPServer

/// The installation's fund register (issue 20, the server part): stored in versions on both
/// engines; imported, exported and refused through `/api/fondsenregister` and the organiser's page;
/// searched for an aanvraag (`GET /api/aanvragen/{id}/fondsen`, the fondsen page) exactly as
/// `vip fondsen zoek` searches; a fund added with its address in one step; and the checks of the
/// server the same as `vip check --register REGISTER --datum VANDAAG`.
@Suite struct RegisterOpslagTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    @Test(arguments: Motoren.alle) func versiesVanHetRegister(_ motor: String) async throws {
        try await Motoren.met(motor) { o in
            let g = try await o.maakGebruiker(email: "org@x.nl", naam: "O", rol: .organisator, wachtwoordHash: "h",
                                              cursus: nil, tijd: Self.t0)
            #expect(try await o.register() == nil)
            #expect(try await o.registerVersie() == 0)
            let een = try await o.bewaarRegister(tekst: [1, 2], door: g.id, verwacht: 0, tijd: Self.t0)
            #expect(een == RegisterRij(versie: 1, tekst: [1, 2], door: g.id, tijd: Self.t0))
            // A register changed meanwhile: nothing stored.
            await #expect(throws: OpslagFout.verouderd(huidige: 1)) {
                _ = try await o.bewaarRegister(tekst: [3], door: g.id, verwacht: 0, tijd: Self.t0)
            }
            #expect(try await o.registerVersie() == 1)
            let twee = try await o.bewaarRegister(tekst: [3], door: g.id, verwacht: nil, tijd: Self.t0.addingTimeInterval(1))
            #expect(twee.versie == 2)
            #expect(try await o.register() == twee)
            // Saves at once each get a version of their own.
            let versies = try await withThrowingTaskGroup(of: Int.self) { groep in
                for i in 0..<6 {
                    groep.addTask { try await o.bewaarRegister(tekst: [UInt8(i)], door: g.id, verwacht: nil, tijd: Self.t0).versie }
                }
                return try await groep.reduce(into: []) { $0.append($1) }
            }
            #expect(versies.sorted() == Array(3...8))
            #expect(try await o.registerVersie() == 8)
        }
    }
}

@Suite struct RegisterRouteTests {
    static let register = Repo.sample("fondsenregister.yaml")

    /// An organiser, a docent with a cursus and a cursist with the sample aanvraag, on `motor`.
    struct Opzet {
        var o: Omgeving
        var organisator: Gebruiker
        var cursist: Gebruiker
        var a: AanvraagRij
    }

    /// Runs `werk` on a fresh `Opzet` and closes its storage afterwards (a PostgreSQL pool left
    /// open holds its connections until the test process ends).
    static func met(_ motor: String, _ werk: (Opzet) async throws -> Void) async throws {
        let z = try await opzet(motor)
        do {
            try await werk(z)
        } catch {
            try? await z.o.opslag.sluit()
            throw error
        }
        try await z.o.opslag.sluit()
    }

    static func opzet(_ motor: String) async throws -> Opzet {
        let o = try await Omgeving(motor: motor)
        let org = try await o.gebruiker(.organisator, "org@school.nl")
        let d = try await o.gebruiker(.docent, "docent@school.nl")
        let c = try await o.cursus(docent: d)
        let g = try await o.gebruiker(.cursist, "fatima@thuis.nl", cursus: c.id)
        let a = try await o.aanvraag(g, Repo.sample("buurtmoestuin.yaml"))
        return Opzet(o: o, organisator: org, cursist: g, a: a)
    }

    @Test(arguments: Motoren.alle) func importExportEnWeigering(_ motor: String) async throws {
        try await Self.met(motor) { z in
            try await z.o.test { c in
                let org = try await c.meldAan("org@school.nl")
                let cursist = try await c.meldAan("fatima@thuis.nl")
                let docent = try await c.meldAan("docent@school.nl")
                // No register yet.
                #expect(try await c.vraag(.get, "/api/fondsenregister", als: org).status == .notFound)
                let zoek = try await c.vraag(.get, "/api/aanvragen/\(z.a.id)/fondsen", als: cursist)
                #expect(zoek.status == .notFound && zoek.fout?.contains("nog geen fondsenregister") == true)

                // Import: a new version, exported byte for byte.
                let r = try await c.vraag(.put, "/api/fondsenregister", als: org, tekst: Self.register)
                #expect(r.status == .ok, "\(r.tekst)")
                #expect(r.object["versie"] as? Int == 1 && r.object["fondsen"] as? Int == 6)
                #expect(r.headers[.eTag] == "\"1\"")
                let export = try await c.vraag(.get, "/api/fondsenregister", als: org)
                #expect(export.status == .ok && export.bytes == Self.register && export.headers[.eTag] == "\"1\"")
                #expect(export.headers[.contentType]?.hasPrefix("application/yaml") == true)

                // Unreadable: 422 with file, line and column, and nothing stored.
                let kapot = Array("formaat: vip-fondsenregister/1\nfondsen:\n  - naam: A\n    bedrag: {min: 500, max: 100}\n".utf8)
                let f = try await c.vraag(.put, "/api/fondsenregister", als: org, tekst: kapot)
                #expect(f.status == .unprocessableContent)
                let lees = try #require(f.object["leesfout"] as? [String: Any])
                #expect(lees["regel_nr"] as? Int == 4 && lees["kolom"] as? Int != nil)
                #expect(lees["bestand"] as? String == "fondsenregister.yaml")
                #expect((lees["tekst"] as? String)?.hasPrefix("fondsenregister.yaml:4:") == true)
                #expect(lees["pad"] as? String == "fondsen[0].bedrag.max")
                #expect(f.fout?.contains("regel 4") == true)
                let aanvraag = try await c.vraag(.put, "/api/fondsenregister", als: org, tekst: Repo.sample("buurtmoestuin.yaml"))
                #expect(aanvraag.status == .unprocessableContent)
                #expect(try await z.o.opslag.registerVersie() == 1)

                // If-Match: a stale one is 412, the current one stores.
                let oud = try await c.vraag(.put, "/api/fondsenregister", als: org, tekst: Self.register, headers: [.ifMatch: "\"0\""])
                #expect(oud.status == .preconditionFailed && oud.headers[.eTag] == "\"1\"")
                let goed = try await c.vraag(.put, "/api/fondsenregister", als: org, tekst: Self.register, headers: [.ifMatch: "\"1\""])
                #expect(goed.status == .ok && goed.object["versie"] as? Int == 2)

                // Only organisers keep the register; without CSRF nothing changes; without a session 401.
                for s in [cursist, docent] {
                    #expect(try await c.vraag(.put, "/api/fondsenregister", als: s, tekst: Self.register).status == .forbidden)
                    #expect(try await c.vraag(.get, "/api/fondsenregister", als: s).status == .forbidden)
                }
                #expect(try await c.vraag(.put, "/api/fondsenregister", als: org, csrf: false, tekst: Self.register).status
                    == .forbidden)
                #expect(try await c.vraag(.put, "/api/fondsenregister", tekst: Self.register).status == .unauthorized)
                #expect(try await c.vraag(.get, "/api/fondsenregister").status == .unauthorized)
                #expect(try await z.o.opslag.registerVersie() == 2)
            }
        }
    }

    /// The search answers what `vip fondsen zoek --format json` answers on the same text, register
    /// and date; a fund is added with its address, and the dekkingsplan names it.
    @Test(arguments: Motoren.alle) func zoekenEnToevoegen(_ motor: String) async throws {
        try await Self.met(motor) { z in
            _ = try await z.o.opslag.bewaarRegister(tekst: Self.register, door: z.organisator.id, verwacht: 0, tijd: z.o.klok.nu)
            try await z.o.test { c in
                let s = try await c.meldAan("fatima@thuis.nl")
                let docent = try await c.meldAan("docent@school.nl")
                let r = try await c.vraag(.get, "/api/aanvragen/\(z.a.id)/fondsen?datum=2024-11-01", als: s)
                #expect(r.status == .ok, "\(r.tekst)")
                let passend = try #require(r.object["passend"] as? [[String: Any]])
                #expect(passend.map { $0["naam"] as? String } == ["Groenfonds Gelderland", "Stichting Buurtkracht"])
                let redenen = try #require(passend[0]["redenen"] as? [String])
                #expect(redenen.contains("thema: natuur en ontmoeting"))
                #expect(redenen.contains("regio: werkt in Arnhem"))
                let niet = try #require(r.object["niet_passend"] as? [[String: Any]])
                #expect(niet.first { $0["naam"] as? String == "Fonds Natuur Dichtbij" }?["redenen"] as? [String] == ["termijn"])

                // The same as the command on the same files.
                let map = Repo.tempDir("vip-register-zoek")
                FileManager.default.createFile(atPath: map + "/aanvraag.yaml", contents: Data(Repo.sample("buurtmoestuin.yaml")))
                FileManager.default.createFile(atPath: map + "/fondsenregister.yaml", contents: Data(Self.register))
                let cli = try draai(Repo.vip, ["fondsen", "zoek", "aanvraag.yaml", "--register", "fondsenregister.yaml",
                                               "--datum", "2024-11-01", "--format", "json"], cwd: map)
                #expect(cli.status == 0, "\(cli.stderr)")
                let verwacht = try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? NSDictionary
                #expect(verwacht == (r.json as? NSDictionary))
                // Without a date: today by the server's clock; a wrong date is 422.
                let vandaag = try await c.vraag(.get, "/api/aanvragen/\(z.a.id)/fondsen", als: s)
                #expect(vandaag.object["datum"] as? String == Datum.vandaag(z.o.klok.nu).iso)
                #expect(try await c.vraag(.get, "/api/aanvragen/\(z.a.id)/fondsen?datum=morgen", als: s).status
                    == .unprocessableContent)
                // Her docent may search too; nobody else sees the aanvraag.
                #expect(try await c.vraag(.get, "/api/aanvragen/\(z.a.id)/fondsen", als: docent).status == .ok)

                // Adding: in `fondsen` with the register's address and aanhef, and in the dekkingsplan.
                let toe = try await c.vraag(.post, "/api/aanvragen/\(z.a.id)/fondsen", als: s,
                                            json: ["naam": "groenfonds  gelderland"], headers: [.ifMatch: "\"1\""])
                #expect(toe.status == .ok, "\(toe.tekst)")
                #expect(toe.object["versie"] as? Int == 2 && toe.object["nieuw"] as? Bool == true)
                #expect(toe.object["fonds"] as? String == "Groenfonds Gelderland")
                let tekst = try #require(try await z.o.opslag.tekst(aanvraag: z.a.id, versie: 2))
                let model = try AanvraagReader.parse(tekst, bestand: "aanvraag.yaml")
                let fonds = try #require(model.fondsen.first { $0.naam == "Groenfonds Gelderland" })
                #expect(fonds.adres == Adres(straat: "Postbus 1201", postcode: "6801 BE", plaats: "Arnhem"))
                #expect(fonds.terAttentieVan == "mevrouw J. Hendriks" && fonds.aanhef == "Geachte mevrouw Hendriks,")
                #expect(fonds.doelstelling == "Natuur en ontmoeting in de wijken van Gelderland.")
                let dekking = try #require(model.dekkingsplan.first { $0.fonds == "Groenfonds Gelderland" })
                #expect(dekking.status == .verwacht && dekking.bedrag == nil)
                // Every other fund and dekkingsplan entry stays.
                let oud = try AanvraagReader.parse(Repo.sample("buurtmoestuin.yaml"), bestand: "aanvraag.yaml")
                #expect(model.fondsen.count == oud.fondsen.count + 1 && model.dekkingsplan.count == oud.dekkingsplan.count + 1)
                // Now under al_aangevraagd; adding again stores nothing.
                let weer = try await c.vraag(.get, "/api/aanvragen/\(z.a.id)/fondsen?datum=2024-11-01", als: s)
                #expect((weer.object["al_aangevraagd"] as? [[String: Any]])?.map { $0["naam"] as? String } == ["Groenfonds Gelderland"])
                let nogEens = try await c.vraag(.post, "/api/aanvragen/\(z.a.id)/fondsen", als: s,
                                                json: ["naam": "Groenfonds Gelderland"], headers: [.ifMatch: "\"2\""])
                #expect(nogEens.status == .ok && nogEens.object["nieuw"] as? Bool == false && nogEens.object["versie"] as? Int == 2)
                // Unknown fund 422, stale 412, the docent 403; nothing stored.
                #expect(try await c.vraag(.post, "/api/aanvragen/\(z.a.id)/fondsen", als: s, json: ["naam": "Bestaat Niet"],
                                          headers: [.ifMatch: "\"2\""]).status == .unprocessableContent)
                #expect(try await c.vraag(.post, "/api/aanvragen/\(z.a.id)/fondsen", als: s, json: ["naam": "Kleine Plannen Fonds"],
                                          headers: [.ifMatch: "\"1\""]).status == .preconditionFailed)
                #expect(try await c.vraag(.post, "/api/aanvragen/\(z.a.id)/fondsen", als: docent,
                                          json: ["naam": "Kleine Plannen Fonds"], headers: [.ifMatch: "\"2\""]).status == .forbidden)
                #expect(try await z.o.opslag.aanvraag(id: z.a.id)?.versie == 2)
            }
        }
    }

    /// The fondsen page: the fitting funds with why they fit, and "Toevoegen" that saves the
    /// aanvraag with the fund and its address (no script needed).
    @Test(arguments: Motoren.alle) func fondsenPagina(_ motor: String) async throws {
        try await Self.met(motor) { z in
            try await z.o.test { c in
                let s = try await c.meldAan("fatima@thuis.nl")
                let zonder = try await c.vraag(.get, "/aanvragen/\(z.a.id)/fondsen", als: s, headers: [.accept: "text/html"])
                #expect(zonder.status == .ok && zonder.tekst.contains("nog geen fondsenregister"))
                _ = try await z.o.opslag.bewaarRegister(tekst: Self.register, door: z.organisator.id, verwacht: 0, tijd: z.o.klok.nu)
                let p = try await c.vraag(.get, "/aanvragen/\(z.a.id)/fondsen?bedrag=3.500,00&datum=2024-11-01", als: s,
                                          headers: [.accept: "text/html"])
                #expect(p.status == .ok)
                let html = p.tekst
                #expect(html.contains("data-register-fonds=\"Groenfonds Gelderland\""))
                #expect(html.contains("<span class=\"reden-label\">Thema:</span> natuur en ontmoeting"))
                #expect(html.contains("<span class=\"reden-label\">Regio:</span> werkt in Arnhem"))
                #expect(html.contains("t.a.v. mevrouw J. Hendriks, Postbus 1201, 6801 BE Arnhem"))
                #expect(html.contains("action=\"/aanvragen/\(z.a.id)/fondsen/toevoegen\""))
                #expect(html.contains("Fonds Natuur Dichtbij"), "the funds that do not fit, with why")
                // The groenfonds before the landelijk Buurtkracht: two themes each, the place first.
                let groen = try #require(html.range(of: "data-register-fonds=\"Groenfonds Gelderland\""))
                let buurt = try #require(html.range(of: "data-register-fonds=\"Stichting Buurtkracht\""))
                #expect(groen.lowerBound < buurt.lowerBound)

                let r = try await PaginaTests.post(c, "/aanvragen/\(z.a.id)/fondsen/toevoegen", als: s,
                                                   [("csrf", s.csrf), ("versie", "1"), ("naam", "Stichting Buurtkracht")])
                #expect(r.status == .seeOther)
                let naar = try #require(r.headers[.location])
                #expect(naar.hasPrefix("/aanvragen/\(z.a.id)/fondsen?toegevoegd="))
                let terug = try await c.vraag(.get, naar, als: s, headers: [.accept: "text/html"])
                #expect(terug.tekst.contains("Stichting Buurtkracht staat nu bij uw fondsen"))
                let model = try AanvraagReader.parse(try #require(try await z.o.opslag.tekst(aanvraag: z.a.id, versie: 2)),
                                                     bestand: "aanvraag.yaml")
                #expect(model.fondsen.last?.adres?.plaats == "Utrecht" && model.fondsen.last?.aanhef == "Geachte heer De Graaf,")
                #expect(model.dekkingsplan.last?.fonds == "Stichting Buurtkracht")
                // A stale form adds nothing; without CSRF nothing either.
                let oud = try await PaginaTests.post(c, "/aanvragen/\(z.a.id)/fondsen/toevoegen", als: s,
                                                     [("csrf", s.csrf), ("versie", "1"), ("naam", "Kleine Plannen Fonds")],
                                                     accept: "text/html")
                #expect(oud.status == .conflict && oud.tekst.contains("Er is niets toegevoegd"))
                let zonderCSRF = try await PaginaTests.post(c, "/aanvragen/\(z.a.id)/fondsen/toevoegen", als: s,
                                                            [("versie", "2"), ("naam", "Kleine Plannen Fonds")], accept: "text/html")
                #expect(zonderCSRF.status == .forbidden)
                #expect(try await z.o.opslag.aanvraag(id: z.a.id)?.versie == 2)
            }
        }
    }

    /// `GET /api/aanvragen/{id}/check` and `POST /api/check` give exactly what `vip check --register
    /// REGISTER --datum VANDAAG --format json` gives on the same text: the register's rules and the
    /// date rules, with the installation's register and the server's clock.
    @Test(arguments: Motoren.alle) func checkZoalsDeOpdrachtregel(_ motor: String) async throws {
        try await Self.met(motor) { z in
            _ = try await z.o.opslag.bewaarRegister(tekst: Self.register, door: z.organisator.id, verwacht: 0, tijd: z.o.klok.nu)
            try await z.o.test { c in
                let s = try await c.meldAan("fatima@thuis.nl")
                // More than the Groenfonds gives: register_bedrag, a fout.
                let toe = try await c.vraag(.post, "/api/aanvragen/\(z.a.id)/fondsen", als: s,
                                            json: ["naam": "Groenfonds Gelderland", "bedrag": "20.000"], headers: [.ifMatch: "\"1\""])
                #expect(toe.status == .ok)
                let check = try await c.vraag(.get, "/api/aanvragen/\(z.a.id)/check", als: s)
                let regels = (check.object["bevindingen"] as? [[String: Any]] ?? []).compactMap { $0["regel"] as? String }
                #expect(regels.contains("register_bedrag"), "\(regels)")
                #expect(check.object["af"] as? Bool == false)
                let tekst = try await c.vraag(.get, "/api/aanvragen/\(z.a.id)", als: s).bytes
                let map = Repo.tempDir("vip-register-check")
                FileManager.default.createFile(atPath: map + "/aanvraag.yaml", contents: Data(tekst))
                FileManager.default.createFile(atPath: map + "/fondsenregister.yaml", contents: Data(Self.register))
                let cli = try draai(Repo.vip, ["check", "--format", "json", "--register", "fondsenregister.yaml", "--datum",
                                               Datum.vandaag(z.o.klok.nu).iso, "aanvraag.yaml"], cwd: map)
                let lijst = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [NSDictionary])
                #expect(lijst.first == (check.json as? NSDictionary), "\(cli.stdout)\n\(check.tekst)")
                let anoniem = try await c.vraag(.post, "/api/check", tekst: tekst)
                #expect((anoniem.json as? NSDictionary) == lijst.first)
                // The counts stored with the version are those of that check.
                #expect(try await z.o.opslag.aanvraag(id: z.a.id)?.afgeleid.af == false)
            }
        }
    }
}
