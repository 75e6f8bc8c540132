import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VIPKit
import VIPModel
@testable import VIPServer

/// The organiser's routes, and a fund speed-date planned through the web.
@Suite struct SpeeddateWebTests {
    @Test func evenementMakenEnLezen() async throws {
        let o = try Omgeving()
        let docent = try await o.gebruiker(.docent, "docent@school.nl")
        let organisator = try await o.gebruiker(.organisator, "org@school.nl")
        try await o.gebruiker(.organisator, "ander@school.nl")
        let c = try await o.cursus(docent: docent)
        let goed = Array(Evenementtekst.sample(cursussen: [c.id]).utf8)
        try await o.test { client in
            let org = try await client.meldAan("org@school.nl")
            let ander = try await client.meldAan("ander@school.nl")
            let d = try await client.meldAan("docent@school.nl")
            #expect(try await client.vraag(.post, "/api/evenementen", tekst: goed).status == .unauthorized)
            #expect(try await client.vraag(.post, "/api/evenementen", als: d, tekst: goed).status == .forbidden)
            #expect(try await client.vraag(.post, "/api/evenementen", als: org, csrf: false, tekst: goed).status == .forbidden)
            // With projecten, an unknown cursus, without cursussen, unreadable: 422, nothing stored.
            let metProjecten = Evenementtekst.sample(cursussen: [c.id])
                + Evenementtekst.projecten([("a.yaml", true, "Iemand")])
            #expect(try await client.vraag(.post, "/api/evenementen", als: org, tekst: Array(metProjecten.utf8)).status
                    == .unprocessableContent)
            let onbekend = try await client.vraag(.post, "/api/evenementen", als: org,
                                                  tekst: Array(Evenementtekst.sample(cursussen: [c.id, 999]).utf8))
            #expect(onbekend.status == .unprocessableContent && onbekend.fout?.contains("999") == true)
            let zonder = Evenementtekst.sample(cursussen: []).replacingOccurrences(of: "cursussen: []", with: "")
            #expect(try await client.vraag(.post, "/api/evenementen", als: org, tekst: Array(zonder.utf8)).status
                    == .unprocessableContent)
            let kapot = Evenementtekst.sample(cursussen: [c.id]).replacingOccurrences(of: "rondeduur: 10", with: "rondeduur: [")
            let lees = try await client.vraag(.post, "/api/evenementen", als: org, tekst: Array(kapot.utf8))
            #expect(lees.status == .unprocessableContent && lees.object["leesfout"] is [String: Any])
            let tikfout = Evenementtekst.sample(cursussen: [c.id]).replacingOccurrences(of: "rondeduur:", with: "rondeduurr:")
            #expect(try await client.vraag(.post, "/api/evenementen", als: org, tekst: Array(tikfout.utf8)).status
                    == .unprocessableContent)
            let groot = [UInt8](repeating: UInt8(ascii: "#"), count: Limieten.aanvraag + 1)
            #expect(try await client.vraag(.post, "/api/evenementen", als: org, tekst: groot).status == .contentTooLarge)
            #expect(try await o.opslag.evenementen(organisator: organisator.id).isEmpty)

            let r = try await client.vraag(.post, "/api/evenementen", als: org, tekst: goed)
            #expect(r.status == .created)
            let id = try #require(r.object["id"] as? Int)
            let opgeslagen = try #require(try await o.opslag.evenement(id: Int64(id)))
            #expect(opgeslagen.tekst == goed && opgeslagen.cursussen == [c.id] && opgeslagen.titel == "Speeddate met fondsen")

            let lijst = try await client.vraag(.get, "/api/evenementen", als: org)
            #expect(lijst.array.map { $0["id"] as? Int } == [id])
            #expect(try await client.vraag(.get, "/api/evenementen", als: ander).array.isEmpty)
            #expect(try await client.vraag(.get, "/api/evenementen", als: d).array.isEmpty)
            for pad in ["/api/evenementen/\(id)", "/api/evenementen/\(id)/pakket"] {
                #expect(try await client.vraag(.get, pad).status == .unauthorized)
                #expect(try await client.vraag(.get, pad, als: ander).status == .notFound)
                #expect(try await client.vraag(.get, pad, als: d).status == .notFound)
                #expect(try await client.vraag(.get, pad, als: org).status == .ok)
            }
            let e = try await client.vraag(.get, "/api/evenementen/\(id)", als: org).object
            #expect(e["titel"] as? String == "Speeddate met fondsen" && (e["fondsen"] as? [Any])?.count == 5)
            #expect((e["projecten"] as? [Any])?.isEmpty == true && e["rondes"] as? Int == 0)
        }
    }

    /// One admitted project's conversations must be with funds that fit it, and so on: the
    /// properties the CLI tests check (`SchemaEisen`), read back from `schema.csv`.
    func controleerSchema(_ schema: [[String]], fondsen: [Evenement.Fonds], aanvragen: [String: Aanvraag],
                          maxGesprekken: Int) throws {
        #expect(schema.first == ["ronde", "aanvang", "einde", "fonds", "tafel", "project", "organisatie"])
        let regels = schema.dropFirst()
        var projectRonde = Set<String>(), tafelRonde = Set<String>()
        var perFondsRonde: [String: Int] = [:]
        var perProject: [String: [String]] = [:]
        var perFonds: [String: Int] = [:]
        var rondes = 0
        for r in regels {
            let ronde = try #require(Int(r[0])), tafel = try #require(Int(r[4]))
            let fonds = r[3], project = r[5]
            rondes = max(rondes, ronde)
            let f = try #require(fondsen.first { $0.naam == fonds })
            #expect(projectRonde.insert("\(project)#\(ronde)").inserted, "\(project) twee keer in ronde \(ronde)")
            #expect(tafelRonde.insert("\(fonds)#\(tafel)#\(ronde)").inserted, "\(fonds) tafel \(tafel) dubbel in ronde \(ronde)")
            #expect((1...f.tafels).contains(tafel))
            perFondsRonde["\(fonds)#\(ronde)", default: 0] += 1
            perProject[project, default: []].append(fonds)
            perFonds[fonds, default: 0] += 1
            let a = try #require(aanvragen[project], "onbekend project \(project)")
            #expect(Passing.kandidaten(a, fondsen: fondsen).contains { fondsen[$0.fonds].naam == fonds },
                    "\(project) spreekt \(fonds), dat niet past")
        }
        for (sleutel, n) in perFondsRonde {
            let naam = String(sleutel.split(separator: "#")[0])
            #expect(n <= fondsen.first { $0.naam == naam }!.tafels)
        }
        for (project, a) in aanvragen {
            let k = Passing.kandidaten(a, fondsen: fondsen)
            let mijn = perProject[project] ?? []
            #expect(Set(mijn).count == mijn.count)
            #expect(Set(mijn) == Set(k.prefix(maxGesprekken).map { fondsen[$0.fonds].naam }), "\(project): niet de best passende fondsen")
        }
        // Fewest rounds: no schedule can beat the busiest party.
        let grens = max(perProject.values.map(\.count).max() ?? 0,
                        perFonds.map { naam, n in
                            let t = fondsen.first { $0.naam == naam }!.tafels
                            return (n + t - 1) / t
                        }.max() ?? 0)
        #expect(rondes == grens)
    }

    @Test func speeddateDoorHetWeb() async throws {
        let o = try Omgeving()
        let docent = try await o.gebruiker(.docent, "docent@school.nl")
        try await o.gebruiker(.organisator, "org@school.nl")
        let c = try await o.cursus(docent: docent)
        let c2 = try await o.cursus(docent: docent)
        // Four cursisten: two approved (af), one af but not approved, one with fouten.
        let sanne = try await o.gebruiker(.cursist, "sanne@thuis.nl", naam: "Sanne Verbeek", cursus: c.id)
        let jolanda = try await o.gebruiker(.cursist, "jolanda@thuis.nl", naam: "Jolanda Smit", cursus: c.id)
        let hanan = try await o.gebruiker(.cursist, "hanan@thuis.nl", naam: "Hanan El Idrissi", cursus: c.id)
        let piet = try await o.gebruiker(.cursist, "piet@thuis.nl", naam: "Piet Goed", cursus: c2.id)
        let buurt = try await o.aanvraag(sanne, Repo.sample("buurtmoestuin.yaml"))
        let kinder = try await o.aanvraag(jolanda, Repo.sample("kinderfestival.yaml"))
        let concept = try await o.aanvraag(hanan, Repo.sample("concept-vol-fouten.yaml"))
        let goed = try await o.aanvraag(piet, [UInt8](FileManager.default.contents(atPath: Repo.path("Tests/Fixtures/review/goed.yaml"))!))
        try await o.keurGoed(buurt, door: docent)
        try await o.keurGoed(kinder, door: docent)
        let aanvragen = [(buurt, sanne, true), (kinder, jolanda, true), (concept, hanan, false), (goed, piet, false)]
        let tekst = Evenementtekst.sample(cursussen: [c.id, c2.id])

        try await o.test { client in
            let org = try await client.meldAan("org@school.nl")
            let r = try await client.vraag(.post, "/api/evenementen", als: org, tekst: Array(tekst.utf8))
            let id = try #require(r.object["id"] as? Int)
            let pakket = try await client.vraag(.get, "/api/evenementen/\(id)/pakket", als: org)
            #expect(pakket.status == .ok && pakket.headers[.contentType] == "application/zip")
            let web = try Zipinhoud.lees(pakket.bytes)

            // `vip fondsendate` on the same input: the same files, the same admission and schedule.
            let map = Repo.tempDir("vip-fondsendate-web")
            defer { try? FileManager.default.removeItem(atPath: map) }
            for (a, _, _) in aanvragen {
                let t = try #require(try await o.opslag.tekst(aanvraag: a.id, versie: a.versie))
                #expect(FileManager.default.createFile(atPath: "\(map)/aanvraag-\(a.id).yaml", contents: Data(t)))
            }
            let cli = tekst.components(separatedBy: "\ncursussen:")[0] + "\n"
                + Evenementtekst.projecten(aanvragen.map { ("aanvraag-\($0.0.id).yaml", $0.2, $0.1.naam) })
            try cli.write(toFile: "\(map)/fondsendate.yaml", atomically: true, encoding: .utf8)
            let uit = try draai(Repo.vip, ["fondsendate", "\(map)/fondsendate.yaml", "--uit", "\(map)/uit"])
            #expect(uit.status == 0, "\(uit.stderr)")
            let geschreven = try FileManager.default.contentsOfDirectory(atPath: "\(map)/uit").sorted()
            #expect(web.map(\.naam).sorted() == geschreven)
            for csv in ["toelating.csv", "schema.csv"] {
                let vanCLI = [UInt8](try #require(FileManager.default.contents(atPath: "\(map)/uit/\(csv)")))
                #expect(web.first { $0.naam == csv }?.bytes == vanCLI, "\(csv) verschilt van vip fondsendate")
            }
            let toelating = CSV.lees(String(decoding: web.first { $0.naam == "toelating.csv" }!.bytes, as: UTF8.self))
            let toegelaten = Dictionary(uniqueKeysWithValues: toelating.dropFirst().map { ($0[0], $0[2]) })
            var titels: [String] = []
            var parsed: [String: Aanvraag] = [:]
            for (i, a) in aanvragen.enumerated() {
                let t = try #require(try await o.opslag.tekst(aanvraag: a.0.id, versie: 1))
                let gelezen = try AanvraagReader.parse(t, bestand: "a.yaml")
                titels.append(try #require(gelezen.project.titel))
                if i < 2 { parsed[titels[i]] = gelezen }
            }
            #expect(titels.map { toegelaten[$0] } == ["ja", "ja", "nee", "nee"])
            #expect(toelating.dropFirst().first { $0[0] == titels[3] }?[3] == "niet goedgekeurd")

            let gelezen = try EvenementReader.parse(tekst.components(separatedBy: "\ncursussen:")[0], bestand: "f.yaml")
            let schema = CSV.lees(String(decoding: web.first { $0.naam == "schema.csv" }!.bytes, as: UTF8.self))
            #expect(schema.count > 1)
            try controleerSchema(schema, fondsen: gelezen.fondsen, aanvragen: parsed, maxGesprekken: gelezen.maxGesprekken)

            // The event's JSON tells the same.
            let e = try await client.vraag(.get, "/api/evenementen/\(id)", als: org).object
            let projecten = try #require(e["projecten"] as? [[String: Any]])
            #expect(projecten.map { $0["toegelaten"] as? Bool } == [true, true, false, false])
            #expect(projecten.map { $0["cursist"] as? String } == ["Sanne Verbeek", "Jolanda Smit", "Hanan El Idrissi", "Piet Goed"])
            #expect((e["gesprekken"] as? [Any])?.count == schema.count - 1)
            // The same speed-date starting at 23:45 cannot hold its rounds before midnight: 422, as the command refuses it.
            let rondes = try #require(e["rondes"] as? Int)
            #expect(rondes >= 2)
            let laat = try await client.vraag(.post, "/api/evenementen", als: org,
                                              tekst: Array(tekst.replacingOccurrences(of: "\"14:00\"", with: "\"23:45\"").utf8))
            let laatId = try #require(laat.object["id"] as? Int)
            let middernacht = try await client.vraag(.get, "/api/evenementen/\(laatId)/pakket", als: org)
            #expect(middernacht.status == .unprocessableContent && middernacht.fout?.contains("middernacht") == true)
            #expect(try await client.vraag(.get, "/api/evenementen/\(laatId)", als: org).object["planningsfout"] is String)

            // Sanne saves a new version: the approval is withdrawn, and the next schedule drops her project.
            try await o.nieuweVersie(buurt, Repo.sample("buurtmoestuin.yaml") + Array("# nieuwe versie\n".utf8))
            let daarna = try Zipinhoud.lees(try await client.vraag(.get, "/api/evenementen/\(id)/pakket", als: org).bytes)
            let toelating2 = CSV.lees(String(decoding: daarna.first { $0.naam == "toelating.csv" }!.bytes, as: UTF8.self))
            let rij = try #require(toelating2.dropFirst().first { $0[0] == titels[0] })
            #expect(rij[2] == "nee" && rij[3] == "niet goedgekeurd")
            let schema2 = CSV.lees(String(decoding: daarna.first { $0.naam == "schema.csv" }!.bytes, as: UTF8.self))
            #expect(schema2.count > 1 && !schema2.dropFirst().contains { $0[5] == titels[0] })
            try controleerSchema(schema2, fondsen: gelezen.fondsen, aanvragen: [titels[1]: parsed[titels[1]]!],
                                 maxGesprekken: gelezen.maxGesprekken)
        }
    }
}
