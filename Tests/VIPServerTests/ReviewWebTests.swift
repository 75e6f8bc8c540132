import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VIPKit
import VIPModel
@testable import VIPServer

/// The peer review through the web: the same set as `vip review`, anonymous in every part.
@Suite struct ReviewWebTests {
    /// Realistic, unique values per kind (invented, overlapping no other token).
    static let voorraad: [Identificatie: [String]] = [
        .organisatie: ["Stichting Vrelwoud Ommerkant"],
        .persoon: ["Zwanet Kobbelaar", "Ysbrand Tiemersma", "Quinta Raddelmeer", "Rembrecht Oxstaal"],
        .personen: ["Wiebren Fokkelstra", "Geeske Vrijbuitel", "Harmke Zonneduin", "Idse Kwakkelbout",
                    "Jildou Pruimenhof", "Koos Treffelaar", "Lolkje Wammestede"],
        .adres: ["Vrelwoudlaan 23"], .postcode: ["8912 QW"], .telefoonnummer: ["06 39174285"],
        .emailadres: ["info@vrelwoudzorg.example"], .website: ["https://www.vrelwoudzorg.example"],
        .kvk: ["61829374"], .rsin: ["823719046"], .iban: ["NL02RABO0123456789"],
        .partner: ["Speeltuin Knibbelhoek", "Vereniging Dorsvlegel Noord", "Wijkcentrum Plompenstee"],
        .initiatief: ["Leesclub Dwarrelwind", "Kookcafé Hapsnoet"],
        .sponsor: ["Drukkerij Tjabbes", "Fietsenmaker Oudgeest"],
    ]

    /// An aanvraag with a token in every identifying field, every other text repeating them all.
    static func tokenaanvraag() throws -> (tekst: [UInt8], tokens: [String]) {
        let tabel = Veldentabel.aanvraag
        var over = voorraad
        var tokens: [String: String] = [:]
        for v in Anonimiseerder.identificerendeVelden(tabel) {
            let soort = try #require(v.identificeert)
            tokens[v.pad] = try #require(over[soort]?.first, "geen token meer voor \(v.pad)")
            over[soort]!.removeFirst()
        }
        let alle = Array(Set(tokens.values)).sorted()
        let zin = "Wij werken samen met " + alle.joined(separator: ", ") + "."
        let a = Tokenaanvraag(tekst: { v, _ in
            if let t = tokens[v.pad] { return t }
            switch v.pad {
            case "negeer[].regel": return "partners"
            // Fund names are public and stay; the dekkingsplan refers to them.
            case "fondsen[].naam", "dekkingsplan[].fonds": return "Fonds Algemeen Nut"
            default: return zin
            }
        }, keuze: { v, pad in pad == "dekkingsplan[0].soort" ? Soort.sponsor.rawValue : v.keuzes!.first! })
        return (try a.yaml(), alle)
    }

    @Test func reviewZipIsAnoniemInElkDeel() async throws {
        let o = try Omgeving()
        let docent = try await o.gebruiker(.docent, "docent@school.nl")
        let ander = try await o.gebruiker(.docent, "ander@school.nl")
        let c = try await o.cursus(docent: docent)
        let c2 = try await o.cursus(docent: ander)
        let (vol, tokens) = try Self.tokenaanvraag()
        let fixtures = ["goed", "matig"].map {
            [UInt8](FileManager.default.contents(atPath: Repo.path("Tests/Fixtures/review/\($0).yaml"))!)
        }
        var gemaakt: [Int64] = []
        var namen: [String] = []
        for (i, tekst) in ([vol] + fixtures).enumerated() {
            let naam = ["Berendina Sloetmaker", "Cornelis Wapperhaan", "Dieuwke Blommestein"][i]
            let g = try await o.gebruiker(.cursist, "c\(i)@thuis.nl", naam: naam, cursus: c.id)
            gemaakt.append(try await o.aanvraag(g, tekst).id)
            namen.append(naam)
        }
        let ids = gemaakt
        let elders = try await o.aanvraag(try await o.gebruiker(.cursist, "x@thuis.nl", cursus: c2.id))
        // The fixtures' identifying strings of the kinds that are never ordinary words (a list
        // of uitvoerders or a sponsor may say "huiswerkvrijwilligers"), from the field table.
        let altijd: Set<Identificatie> = [.organisatie, .persoon, .adres, .postcode, .telefoonnummer, .emailadres,
                                          .website, .kvk, .rsin, .iban]
        var gezocht = tokens + namen
        for tekst in fixtures {
            let a = try AanvraagReader.parse(tekst, bestand: "f.yaml")
            gezocht += Veldentabel.aanvraag.waarden(in: a) { $0.identificeert.map(altijd.contains) ?? false }
                .compactMap(\.tekst).filter { $0.count >= 5 }
        }
        #expect(gezocht.count > tokens.count + namen.count + 6)
        let platGezocht = Set(gezocht + namen).map { ($0, Zipinhoud.plat($0)) }

        try await o.test { client in
            let d = try await client.meldAan("docent@school.nl")
            let pad = "/api/cursussen/\(c.id)/review"
            let body: [String: Any] = ["aanvragen": ids.map { Int($0) }]
            #expect(try await client.vraag(.post, pad, json: body).status == .unauthorized)
            #expect(try await client.vraag(.post, pad, als: d, csrf: false, json: body).status == .forbidden)
            #expect(try await client.vraag(.post, pad, als: d, json: ["aanvragen": [Int(ids[0]), Int(ids[1])]]).status
                    == .unprocessableContent)
            #expect(try await client.vraag(.post, pad, als: d, json: ["aanvragen": [Int(ids[0]), Int(ids[1]), Int(elders.id)]])
                .status == .unprocessableContent)
            #expect(try await client.vraag(.post, pad, als: d, json: ["kies": 4]).status == .unprocessableContent)
            #expect(try await client.vraag(.post, pad, als: d, json: [:] as [String: Any]).status == .badRequest)
            let a = try await client.meldAan("ander@school.nl")
            #expect(try await client.vraag(.post, pad, als: a, json: body).status == .notFound)
            #expect(try await client.vraag(.post, "/api/cursussen/\(c2.id)/review", als: a, json: ["kies": 3]).status
                    == .unprocessableContent)

            let r = try await client.vraag(.post, pad, als: d, json: body)
            #expect(r.status == .ok && r.headers[.contentType] == "application/zip")
            let zip = try Zipinhoud.lees(r.bytes)
            let deelnemers = zip.filter { $0.naam.hasPrefix("deelnemers/") }
            #expect(zip.allSatisfy { $0.naam.hasPrefix("deelnemers/") || $0.naam.hasPrefix("docent/") })
            #expect(zip.contains { $0.naam == "docent/docentenblad.json" })

            // Every part of every participant document, document properties included.
            var delen = 0
            for document in deelnemers {
                for deel in try Zipinhoud.lees(document.bytes) {
                    delen += 1
                    for tekst in Zipinhoud.teksten(String(decoding: deel.bytes, as: UTF8.self)).map(Zipinhoud.plat) {
                        for (t, z) in platGezocht { #expect(!tekst.contains(z), "\(t) in \(deel.naam) van \(document.naam)") }
                    }
                }
            }
            #expect(delen > 100)
            #expect(deelnemers.contains { $0.naam.hasSuffix("meta.xml") == false && $0.naam.hasSuffix(".odt") })
            #expect(deelnemers.contains { $0.naam.hasSuffix(".docx") })

            // The same set as `vip review` makes of the same three texts.
            let review = Peerreview(checker: o.diensten.kern.checker)
            var resultaten: [CheckResultaat] = []
            for (i, tekst) in ([vol] + fixtures).enumerated() {
                resultaten.append(o.diensten.kern.checker.check(bytes: tekst, bestand: "aanvraag-\(i).yaml"))
            }
            let cli = try review.maak(resultaten)
            #expect(r.headers[HTTPField.Name("X-VIP-Zaad")!] == String(cli.zaad))
            #expect(deelnemers.map(\.naam) == cli.deelnemers.map { "deelnemers/\($0.naam)" })
            #expect(deelnemers.map(\.bytes) == cli.deelnemers.map(\.bytes))
            #expect(zip.filter { $0.naam.hasPrefix("docent/") }.map(\.naam) == cli.docent.map { "docent/\($0.naam)" })

            // `kies`: three of the pool (here exactly these three).
            let gekozen = try await client.vraag(.post, pad, als: d, json: ["kies": 3, "zaad": 7])
            #expect(gekozen.status == .ok && gekozen.headers[HTTPField.Name("X-VIP-Zaad")!] == "7")

            // Combining the groups' rankings against the docentenblad's reference.
            let blad = try #require(try JSONSerialization.jsonObject(
                with: Data(zip.first { $0.naam == "docent/docentenblad.json" }!.bytes)) as? [String: Any])
            let ref = try #require(blad["rangorde"] as? [String])
            let omgekeerd = Array(ref.reversed())
            let csv = "groep,eerste,tweede,derde\ngroep 1,\(ref.joined(separator: ","))\ngroep 2;\(ref.joined(separator: ";"))\n"
                + "groep 3,\(omgekeerd.joined(separator: ","))\n"
            let comb = "/api/cursussen/\(c.id)/review/combineer"
            let uit = try await client.vraag(.post, comb, als: d, json: ["rangordes": csv, "docentenblad": blad])
            #expect(uit.status == .ok)
            let groepen = try #require(uit.object["groepen"] as? [[String: Any]])
            #expect(groepen.map { $0["naam"] as? String } == ["groep 1", "groep 2", "groep 3"])
            #expect(groepen.map { $0["afstand"] as? Int } == [0, 0, 3])
            let schulze = try #require(uit.object["schulze"] as? [String: Any])
            #expect(schulze["rangorde"] as? [String] == ref && schulze["afstand"] as? Int == 0)
            #expect((schulze["paren"] as? [String: Int])?["\(ref[0])>\(ref[2])"] == 2)
            #expect((uit.object["tabel"] as? String)?.contains("Schulze") == true)
            // The same as JSON rankings, with the reference given directly.
            let json = try await client.vraag(.post, comb, als: d, json: [
                "rangordes": [["groep": "groep 1", "rangorde": ref], ref, ["groep": "groep 3", "rangorde": omgekeerd]],
                "referentie": ref,
            ] as [String: Any])
            #expect(json.object["tabel"] as? String == uit.object["tabel"] as? String)
            // Without a reference: no distance.
            let zonder = try await client.vraag(.post, comb, als: d, json: ["rangordes": [ref]])
            #expect((zonder.object["groepen"] as? [[String: Any]])?.first?["afstand"] is NSNull)
            let fout = try await client.vraag(.post, comb, als: d, json: ["rangordes": "A,B,C\nA,B,D\n"])
            #expect(fout.status == .unprocessableContent && fout.fout?.contains("rangordes:2") == true)
            #expect(try await client.vraag(.post, comb, als: d, json: ["referentie": ref]).status == .badRequest)
            #expect(try await client.vraag(.post, comb, als: a, json: ["rangordes": [ref]]).status == .notFound)
        }
    }
}
