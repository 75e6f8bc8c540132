import Foundation
import Testing
import VIPDocument
import VIPZip
@testable import VIPKit

/// End to end on the three review fixtures, through the real CLI.
@Suite("Review: vip review", .serialized)
struct ReviewPeerreviewTests {
    static let fixtures = ["goed", "matig", "zwak"].map { Repo.path("Tests/Fixtures/review/\($0).yaml") }

    /// Every identifying string of the three aanvragen (as the leak check knows them).
    static func identificerend() throws -> [(letter: String, id: Identificerend)] {
        let review = Peerreview()
        let uitvoer = try review.maak(try review.lees(fixtures), zaad: 1)
        return uitvoer.geanonimiseerd.flatMap { l, r in r.identificerend.map { (l, $0) } }
    }

    @Test func endToEnd() throws {
        let dir = Repo.tempDir("vip-review")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try VipBinary.run(["review"] + Self.fixtures + ["--uit", dir + "/review"])
        #expect(r.status == 0, "\(r.stderr)")
        let deelnemers = dir + "/review/deelnemers", docent = dir + "/review/docent"
        let namen = try FileManager.default.contentsOfDirectory(atPath: deelnemers).sorted()
        #expect(namen.count == 20)
        #expect(namen.contains("beoordelingsformulier.odt") && namen.contains("beoordelingsformulier.docx"))
        for l in ["A", "B", "C"] {
            for d in ["projectplan", "begroting", "brief"] {
                #expect(namen.contains("aanvraag-\(l)-\(d).odt") && namen.contains("aanvraag-\(l)-\(d).docx"))
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: docent).sorted()
                == ["docentenblad.docx", "docentenblad.json", "docentenblad.odt"])

        // No identifying string in any part of any participant file: the strings the tool knows,
        // and the raw values straight from the fixtures, searched independently of the tool.
        let ids = try Self.identificerend()
        #expect(ids.count > 40)
        let rauw = ["Huiswerkhuis Bloemhof", "Petra", "Zwanenburg", "Abdelkader", "Haddouchi", "Yıldırım", "Mehmet",
                    "Bram de Bruin", "68314295", "880334010", "Hortensiastraat", "3074RH", "52781934", "huiswerkhuisbloemhof",
                    "Vrouwen voor Elkaar", "Samira", "Ouchan", "Hatice", "Özdemir", "Geert Hoekstra", "Ineke de Haan",
                    "Linda Mol", "70451836", "855150580", "ASNB", "0708214536", "Zonnebloemstraat", "33812947",
                    "vrouwenvoorelkaar", "De Meeuw", "De Spaak", "Sterk Woensel", "Kevin", "Dewi", "Hendriks", "Jesse van Dijk",
                    "SNSB", "0923417586", "Celsiusplein", "5621AB", "4829173", "sterkwoensel", "Kameleon", "Het Anker",
                    "Slimmer Leren", "Van Rijn", "Roos Visser", "Wilma Koster", "Kevin Bakker"]
        // Each search string is folded once, and each part normalised once per mode (not once per
        // string: that made this test take minutes, and ten under AddressSanitizer).
        let rauwGevouwen = rauw.map { s in
            (s, s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).replacingOccurrences(of: " ", with: ""))
        }
        let termen = ids.filter { !$0.id.hoofdlettergevoelig }.map { ($0.letter, $0.id, $0.id.zoekterm) }
        var onderdelen = 0
        for naam in namen {
            let zip = try ZipReader(path: deelnemers + "/" + naam)
            for part in zip.entryNames {
                onderdelen += 1
                let tekst = Lekcontrole.decodeer(String(decoding: try zip.read(part), as: UTF8.self))
                let plat = tekst.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                    .replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{00A0}", with: "")
                for (s, zoek) in rauwGevouwen {
                    #expect(!plat.contains(zoek), "\(s) in \(part) of \(naam)")
                }
                let genormaliseerd: [Genormaliseerd.Modus: Genormaliseerd] = [
                    .tekst: Genormaliseerd(tekst, modus: .tekst), .compact: Genormaliseerd(tekst, modus: .compact)]
                for (letter, id, z) in termen {
                    #expect(z.zoek(in: genormaliseerd[z.modus]!).isEmpty, "\(id.soort) of \(letter) in \(part) of \(naam)")
                }
            }
        }
        #expect(onderdelen > 100)

        // Metadata is empty, the letterhead names only the letter.
        let meta = String(decoding: try ZipReader(path: deelnemers + "/aanvraag-A-projectplan.odt").read("meta.xml"), as: UTF8.self)
        #expect(!meta.contains("dc:creator") && !meta.contains("dc:title") && !meta.contains("Company"))
        let core = String(decoding: try ZipReader(path: deelnemers + "/aanvraag-A-projectplan.docx").read("docProps/core.xml"),
                          as: UTF8.self)
        #expect(!core.contains("dc:creator") && !core.contains("dc:title"))

        // Content through a real reader: labels instead of names, sentences intact.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: docent + "/docentenblad.json"))) as? [String: Any])
        let toewijzing = try #require(json["toewijzing"] as? [String: String])
        let goed = try #require(toewijzing.first { $0.value.hasSuffix("goed.yaml") }?.key)
        let plan = try Oracles.text(deelnemers + "/aanvraag-\(goed)-projectplan.docx")
        #expect(plan.contains("Coördinator [persoon\u{00A0}4] is pedagoog"))
        #expect(plan.contains("De leerkrachten van [partnerorganisatie\u{00A0}1]"))
        #expect(plan.contains("Projectleider: [persoon\u{00A0}4]."))
        let brief = try Oracles.text(deelnemers + "/aanvraag-\(goed)-brief.odt")
        #expect(brief.contains("Oranje Fonds"))        // fund data stays
        #expect(brief.contains("[persoon\u{00A0}4] is telefonisch op [telefoonnummer]"))
        let formulier = try Oracles.text(deelnemers + "/beoordelingsformulier.odt")
        for woord in ["twintig minuten", "rangorde", "3 verbeterpunten", "Urgentie", "Doelgroep en profijtgroep", "Haalbaarheid",
                      "Deskundigheid", "Positionering", "Planning", "Resultaten", "Evaluatie", "Begroting en dekkingsplan", "Brief"] {
            #expect(formulier.contains(woord), "\(woord) missing in the form")
        }
        let blad = try Oracles.text(docent + "/docentenblad.odt")
        #expect(blad.contains("100 − 10 × fouten − 3 × waarschuwingen − 1 × tips"))

        // docentenblad.json: exactly the fields of review.md.
        #expect(Set(json.keys) == ["toewijzing", "rangorde", "aanvragen"])
        #expect(Set(toewijzing.keys) == ["A", "B", "C"])
        #expect(Set(toewijzing.values.map { ($0 as NSString).lastPathComponent }) == ["goed.yaml", "matig.yaml", "zwak.yaml"])
        let rangorde = try #require(json["rangorde"] as? [String])
        let letterVan = { (s: String) in toewijzing.first { $0.value.hasSuffix(s) }!.key }
        #expect(rangorde == [letterVan("goed.yaml"), letterVan("matig.yaml"), letterVan("zwak.yaml")])
        let aanvragen = try #require(json["aanvragen"] as? [String: [String: Any]])
        var scores: [String: Int] = [:]
        for (l, a) in aanvragen {
            #expect(Set(a.keys) == ["score", "verbeterpunten", "bevindingen"])
            scores[l] = a["score"] as? Int
            let punten = try #require(a["verbeterpunten"] as? [String])
            #expect(punten.count == 3 && Set(punten).count == 3)
            #expect(punten.allSatisfy { !$0.contains("`") }, "advice, not a raw rule message: \(punten)")
        }
        #expect(scores[letterVan("goed.yaml")]! > scores[letterVan("matig.yaml")]!)
        #expect(scores[letterVan("matig.yaml")]! > scores[letterVan("zwak.yaml")]!)
        // Findings exactly as `vip check --format json`.
        let check = try VipBinary.run(["check", "--format", "json", Self.fixtures[1]])
        let checkJSON = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [[String: Any]])
        let bev = try #require(aanvragen[letterVan("matig.yaml")]?["bevindingen"] as? [[String: Any]])
        #expect(NSArray(array: bev).isEqual(to: checkJSON[0]["bevindingen"] as! [Any]))

        // Every document passes the oracles.
        Oracles.expectAllPass(namen.filter { !$0.hasSuffix(".json") }.map { deelnemers + "/" + $0 }
                              + [docent + "/docentenblad.odt", docent + "/docentenblad.docx"])
    }

    @Test func sameSeedSameOutput() throws {
        let dir = Repo.tempDir("vip-review-seed")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var toewijzingen: [String] = []
        for (run, zaad) in [(1, "7"), (2, "7"), (3, "8"), (4, "9")] {
            let r = try VipBinary.run(["review"] + Self.fixtures + ["--uit", "\(dir)/\(run)", "--zaad", zaad])
            #expect(r.status == 0, "\(r.stderr)")
            toewijzingen.append(r.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("Aanvraag") }.joined(separator: "\n"))
        }
        #expect(toewijzingen[0] == toewijzingen[1])
        for naam in try FileManager.default.contentsOfDirectory(atPath: "\(dir)/1/deelnemers") {
            #expect(FileManager.default.contentsEqual(atPath: "\(dir)/1/deelnemers/\(naam)", andPath: "\(dir)/2/deelnemers/\(naam)"),
                    "\(naam) differs between two runs with the same seed")
        }
        #expect(FileManager.default.contentsEqual(atPath: "\(dir)/1/docent/docentenblad.json", andPath: "\(dir)/2/docent/docentenblad.json"))
        // Other seeds give other orders (not necessarily all different, but not all the same).
        #expect(Set(toewijzingen).count > 1)
    }

    @Test func shuffleIsReproducible() {
        var a = SplitMix64(zaad: 42), b = SplitMix64(zaad: 42)
        #expect(a.schud(Array(0..<10)) == b.schud(Array(0..<10)))
        // A known value of SplitMix64 (seed 0), so the letters do not change between versions.
        var z = SplitMix64(zaad: 0)
        #expect(z.next() == 0xE220_A839_7B1D_CDAF)
    }

    @Test func refusesWrongInput() throws {
        let dir = Repo.tempDir("vip-review-fout")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let twee = try VipBinary.run(["review"] + Self.fixtures.prefix(2) + ["--uit", dir + "/r"])
        #expect(twee.status == 2 && twee.stderr.contains("precies drie"))
        let vier = try VipBinary.run(["review"] + Self.fixtures + [Repo.path("Samples/buurtmoestuin.yaml"), "--uit", dir + "/r"])
        #expect(vier.status == 2)
        try "formaat: vip-aanvraag/1\norganisatie:\n  naam: [kapot\n".write(toFile: dir + "/kapot.yaml", atomically: true, encoding: .utf8)
        let kapot = try VipBinary.run(["review", Self.fixtures[0], Self.fixtures[1], dir + "/kapot.yaml", "--uit", dir + "/r"])
        #expect(kapot.status == 2)
        #expect(kapot.stderr.range(of: #"kapot\.yaml:\d+:\d+"#, options: .regularExpression) != nil, "\(kapot.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/r"))
    }

    @Test func kiesPicksThreeFarApart() throws {
        let dir = Repo.tempDir("vip-review-kies")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pool = Self.fixtures + ["buurtmoestuin", "kinderfestival", "concept-vol-fouten"].map { Repo.path("Samples/\($0).yaml") }
        let r = try VipBinary.run(["review", "--kies", "3"] + pool + ["--uit", dir + "/r"])
        #expect(r.status == 0, "\(r.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/r/docent/docentenblad.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let aanvragen = try #require(json["aanvragen"] as? [String: [String: Any]])
        let scores = aanvragen.values.compactMap { $0["score"] as? Int }.sorted()
        #expect(scores.count == 3)
        // The chosen three are spread: highest and lowest of the pool are in.
        let review = Peerreview()
        let alle = try review.lees(pool).map { Beoordeling(bestand: $0.bestand, bevindingen: $0.bevindingen).score }
        #expect(scores.first == alle.min() && scores.last == alle.max())
    }

    @Test func leakAbortsAndWritesNothing() throws {
        // A planted leak: a participant file that still carries a name. The leak check sees it in
        // the package, names the kind and the part, not the string.
        let review = Peerreview()
        let uitvoer = try review.maak(try review.lees(Self.fixtures), zaad: 1)
        let termen = uitvoer.geanonimiseerd.flatMap { l, r in r.identificerend.map { Lekcontrole.Term($0, aanvraag: l) } }
        var besmet = uitvoer.deelnemers
        let persoon = try #require(termen.first { $0.identificerend.soort == .persoon && $0.aanvraag == "B" })
        let doc = Peerreview.deelnemersdocument(letter: "B", blocks: [.table(.init(columnWidths: [1], alignments: [.left],
            rows: [.init([[.text("Uitvoerder: \(persoon.identificerend.tekst)")]])]))], datum: "2000-01-01T00:00:00Z")
        besmet += try review.render(doc, naam: "aanvraag-B-extra")
        #expect(throws: Lekcontrole.Lek.self) {
            try Lekcontrole.controleer(besmet.map { ($0.naam, $0.bytes) }, termen: termen)
        }
        do {
            try Lekcontrole.controleer(besmet.map { ($0.naam, $0.bytes) }, termen: termen)
        } catch {
            #expect(error.description == "Een naam van een persoon van aanvraag B staat nog in content.xml van aanvraag-B-extra.odt.")
        }
    }
}
