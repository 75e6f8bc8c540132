import Foundation
import VIPKit
import VIPDocument
import VIPModel
import Testing
import VIPZip

/// `vip build` end to end: every document through the external oracles and a real
/// reader (pandoc), byte-identical rebuilds, safe writing.
@Suite(.serialized) struct BuildTests {
    static func files(in dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted().map { dir + "/" + $0 }
    }

    static func snapshot(_ dir: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: dir)
        while let f = e?.nextObject() as? String {
            if let d = FileManager.default.contents(atPath: dir + "/" + f) { out[f] = d }
        }
        return out
    }

    /// An aanvraag that is not in the repository: the fixture with other names and
    /// characters that XML and fonts must carry (beside the fixture's logo and bijlagen).
    static let unicodeAanvraag: String = {
        var s = (try? String(contentsOfFile: Repo.fixture, encoding: .utf8)) ?? ""
        s = s.replacingOccurrences(of: "naam: Stichting De Leeswerf", with: "naam: Stichting Zon & <Maan>")
        s = s.replacingOccurrences(of: "titel: Samen lezen op Zuid", with: "titel: \"Lezen & voorlezen <samen> 🎉 مرحبا İyi akşamlar\"")
        s = s.replacingOccurrences(of: "naam: Chaima Benali\n    functie: projectleider",
                                   with: "naam: Şükrü Çağlayan\n    functie: projectleider")
        return s
    }()

    @Test func samplePackagePassesEveryOracleAndSaysWhatItMust() throws {
        let dir = Repo.tempDir("build")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = dir + "/in"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repo.path("Samples/buurtmoestuin.yaml"), toPath: input + "/aanvraag.yaml")
        let before = Self.snapshot(input)
        let r = try VipBinary.run(["build", input + "/aanvraag.yaml", "--uit", dir + "/uit"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.snapshot(input) == before, "the input folder was written into")
        // The Oranje Fonds refused this aanvraag (dekkingsplan): no letter, no zip, one line why.
        #expect(r.stdout.contains("Geen brief voor Oranje Fonds: dit fonds heeft de aanvraag afgewezen (dekkingsplan)."),
                "\(r.stdout)")
        for name in ["brief-oranje-fonds.odt", "brief-oranje-fonds.docx", "aanvraag-oranje-fonds.zip"] {
            #expect(!FileManager.default.fileExists(atPath: dir + "/uit/" + name), "\(name) was written")
        }

        let docs = Self.files(in: dir + "/uit").filter { $0.hasSuffix(".odt") || $0.hasSuffix(".docx") }
        // 2 letters + plan + begroting + fondsenlijst + the call sheet after the Oranje Fonds's refusal, in two formats
        #expect(docs.count == 12)
        Oracles.expectAllPass(docs)

        // Each fund's letter names that fund, its amount, the total, the contact person and the bijlagen.
        let asks = [("vsbfonds", "VSBfonds", "2.500,00"), ("skanfonds", "Skanfonds", "3.443,75")]
        for format in ["odt", "docx"] {
            for (slug, naam, bedrag) in asks {
                let text = try Oracles.text(dir + "/uit/brief-\(slug).\(format)")
                #expect(text.contains(naam) && text.contains(bedrag), "\(slug).\(format)")
                #expect(text.contains("9.463,75"), "begroting total in \(slug).\(format)")
                #expect(text.contains("Sanne Verbeek") && text.contains("06 41827365"))
                #expect(text.contains("Statuten") && text.contains("Bijlagen"))
            }
            let begroting = try Oracles.text(dir + "/uit/begroting.\(format)")
            #expect(begroting.contains("Totaal begroting") && begroting.contains("9.463,75"))
            #expect(begroting.contains("Dekkingsplan") && begroting.contains("afgewezen"))
            // The refused fund still stands in the list of funds approached, as refused.
            let fondsen = try Oracles.text(dir + "/uit/fondsenlijst.\(format)").split(separator: "\n")
            #expect(fondsen.contains { $0.contains("Oranje Fonds") && $0.contains("afgewezen") && $0.contains("3.500,00") },
                    "fondsenlijst.\(format)")
            let plan = try Oracles.text(dir + "/uit/projectplan.\(format)")
            for deel in ["1. Doelstelling", "2. Doelgroep", "3. Activiteiten", "4. Werkwijze", "5. Samenwerkende partners",
                         "6. Planning", "7. Resultaten", "8. Evaluatie", "9. Verslaglegging", "10. Begroting",
                         "11. Succes- en faalfactoren", "12. Vervolgstappen"] {
                #expect(plan.contains(deel), "\(deel) in projectplan.\(format)")
            }
        }
        // Per fund one zip with that fund's letter and the shared documents.
        let zip = try ZipReader(path: dir + "/uit/aanvraag-vsbfonds.zip")
        #expect(zip.entryNames.contains("brief-vsbfonds.odt") && zip.entryNames.contains("projectplan.docx"))
        #expect(!zip.entryNames.contains("brief-oranje-fonds.odt") && !zip.entryNames.contains("brief-skanfonds.odt"))
        #expect(FileManager.default.fileExists(atPath: dir + "/uit/aanvraag-skanfonds.zip"))
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let dir = Repo.tempDir("determinism")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for out in ["a", "b"] {
            let r = try VipBinary.run(["build", Repo.fixture, "--uit", dir + "/" + out])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let a = Self.snapshot(dir + "/a"), b = Self.snapshot(dir + "/b")
        #expect(!a.isEmpty && a == b)
    }

    /// The executable passes SOURCE_DATE_EPOCH in as the documents' date; the builders
    /// themselves never read the environment.
    @Test func sourceDateEpochReachesTheMetadata() throws {
        let dir = Repo.tempDir("epoch")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try VipBinary.run(["build", Repo.fixture, "--uit", dir, "--formaat", "odt"],
                                  env: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(r.status == 0, "\(r.stderr)")
        let meta = String(decoding: try ZipReader(path: dir + "/projectplan.odt").read("meta.xml"), as: UTF8.self)
        #expect(meta.contains("<dc:date>2023-11-14T22:13:20Z</dc:date>"), "\(meta)")

        let a = try AanvraagReader.read(path: Repo.fixture)
        let zonder = Huisstijl(aanvraag: a, logo: nil, concept: false)
        #expect(zonder.metadata.date == "2025-05-12T12:00:00Z")   // the letter's date
        let met = Huisstijl(aanvraag: a, logo: nil, concept: false, klok: Klok(sourceDateEpoch: "1700000000"))
        #expect(met.metadata.date == "2023-11-14T22:13:20Z")
        #expect(Klok(sourceDateEpoch: "-5") == Klok() && Klok(sourceDateEpoch: "gisteren") == Klok())
    }

    @Test func unicodeAndMarkupCharactersComeThroughIntact() throws {
        let dir = Repo.tempDir("unicode")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Repo.copyFixture(to: dir)
        #expect(Self.unicodeAanvraag.contains("Stichting Zon & <Maan>") && Self.unicodeAanvraag.contains("Şükrü Çağlayan"))
        try Self.unicodeAanvraag.write(toFile: dir + "/a.yaml", atomically: true, encoding: .utf8)
        let r = try VipBinary.run(["build", dir + "/a.yaml", "--uit", dir + "/uit", "--concept"])
        #expect(r.status == 0, "\(r.stderr)")
        let docs = ["brief-maasstad-leesfonds.odt", "brief-maasstad-leesfonds.docx", "projectplan.odt", "projectplan.docx"].map { dir + "/uit/" + $0 }
        Oracles.expectAllPass(docs)
        for d in docs {
            let text = try Oracles.text(d)
            for s in ["Zon & <Maan>", "🎉", "مرحبا", "İyi akşamlar", "<samen>"] { #expect(text.contains(s), "\(s) in \(d)") }
            if d.contains("brief") { #expect(text.contains("Şükrü Çağlayan")) }
            // The mark stands in the page header, which pandoc does not read: look in the parts.
            let zip = try ZipReader(path: d)
            let header = try zip.entryNames.filter { $0.hasSuffix(".xml") }.contains { name in
                String(decoding: try zip.read(name), as: UTF8.self).contains("CONCEPT")
            }
            #expect(header, "concept mark in \(d)")
        }
    }

    @Test func refusesAanvraagWithFoutenUnlessConcept() throws {
        let dir = Repo.tempDir("fouten")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try VipBinary.run(["build", Repo.path("Samples/concept-vol-fouten.yaml"), "--uit", dir + "/uit"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("--concept"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/uit"))
        let c = try VipBinary.run(["build", Repo.path("Samples/concept-vol-fouten.yaml"), "--uit", dir + "/uit", "--concept",
                                   "--formaat", "docx"])
        #expect(c.status == 0, "\(c.stderr)")
        #expect(Self.files(in: dir + "/uit").allSatisfy { !$0.hasSuffix(".odt") })
    }

    @Test func refusesAnOutputFolderThatHoldsTheInput() throws {
        let dir = Repo.tempDir("self")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = try Repo.copyFixture(to: dir)
        let before = Self.snapshot(dir)
        let r = try VipBinary.run(["build", input, "--uit", dir])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bevat de aanvraag"), "\(r.stderr)")
        #expect(Self.snapshot(dir) == before)
    }

    @Test func severalAanvragenEachInTheirOwnFolderABadOneDoesNotStopTheOthers() throws {
        let dir = Repo.tempDir("many")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "formaat: vip-aanvraag/1\nproject: [kapot\n".write(toFile: dir + "/kapot.yaml", atomically: true, encoding: .utf8)
        let r = try VipBinary.run(["build", dir + "/kapot.yaml", Repo.fixture, Repo.path("Samples/kinderfestival.yaml"),
                                   "--uit", dir + "/uit"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("kapot.yaml:"))
        #expect(Self.files(in: dir + "/uit/leeswerf").contains { $0.hasSuffix("projectplan.odt") })
        #expect(Self.files(in: dir + "/uit/kinderfestival").contains { $0.hasSuffix("begroting.docx") })
        #expect(!FileManager.default.fileExists(atPath: dir + "/uit/kapot"))
    }


    /// A course is built a few aanvragen at a time on every core: the lines, the exit code and
    /// every file are those of building each aanvraag on its own, in the order given.
    @Test func aCourseBuiltOnEveryCoreSaysAndWritesWhatEachAanvraagAloneWould() throws {
        let dir = Repo.tempDir("cursus")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bron = try Repo.copyFixture(to: dir)
        let tekst = try String(contentsOfFile: bron, encoding: .utf8)
        var invoer: [String] = []
        for n in 1...7 {
            let pad = dir + "/a\(n).yaml"
            try tekst.replacingOccurrences(of: "titel: Samen lezen op Zuid", with: "titel: Samen lezen, ronde \(n)")
                .write(toFile: pad, atomically: true, encoding: .utf8)
            invoer.append(pad)
        }
        try "formaat: vip-aanvraag/1\nproject: [kapot\n".write(toFile: dir + "/kapot.yaml", atomically: true, encoding: .utf8)
        invoer.insert(dir + "/kapot.yaml", at: 2)
        invoer.insert(Repo.path("Samples/concept-vol-fouten.yaml"), at: 5)
        let r = try VipBinary.run(["build"] + invoer + ["--uit", dir + "/uit"])
        #expect(r.status == 2)
        let gebouwd = r.stdout.split(separator: "\n").filter { $0.contains("bestanden geschreven in") }
        #expect(gebouwd.map { String($0.prefix { $0 != ":" }) } == invoer.filter { $0.contains("/a") && !$0.contains("kapot") },
                "\(r.stdout)")
        let fouten = r.stderr.split(separator: "\n").filter { $0.contains("kapot.yaml") || $0.contains("niet gebouwd") }
        #expect(fouten.first?.contains("kapot.yaml") == true && fouten.last?.contains("concept-vol-fouten.yaml") == true,
                "\(r.stderr)")
        for (n, pad) in invoer.enumerated() where pad.contains("/a") {
            let alleen = try VipBinary.run(["build", pad, "--uit", dir + "/alleen-\(n)"])
            #expect(alleen.status == 0, "\(alleen.stderr)")
            let stam = ((pad as NSString).lastPathComponent as NSString).deletingPathExtension
            let samen = Self.snapshot(dir + "/uit/" + stam)
            #expect(samen.count >= 12)
            #expect(samen == Self.snapshot(dir + "/alleen-\(n)"), "\(stam)")
        }
    }

    @Test func outputPathBlockedByAFileIsAClearError() throws {
        let dir = Repo.tempDir("blocked")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "x".write(toFile: dir + "/uit", atomically: true, encoding: .utf8)
        let r = try VipBinary.run(["build", Repo.fixture, "--uit", dir + "/uit"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("uitvoermap"))
    }

    @Test func missingLogoIsAReadingErrorWithItsLine() throws {
        let dir = Repo.tempDir("logo")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Repo.copyFixture(to: dir)
        let s = try String(contentsOfFile: Repo.fixture, encoding: .utf8)
        #expect(s.contains("\n  logo: logo.png\n"))
        try s.replacingOccurrences(of: "\n  logo: logo.png\n", with: "\n  logo: ontbreekt.png\n")
            .write(toFile: dir + "/a.yaml", atomically: true, encoding: .utf8)
        let r = try VipBinary.run(["build", dir + "/a.yaml", "--uit", dir + "/uit"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("a.yaml:24:9:") && r.stderr.contains("ontbreekt.png"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/uit"))
        // The same file beside its logo builds.
        let good = try VipBinary.run(["build", dir + "/leeswerf.yaml", "--uit", dir + "/uit"])
        #expect(good.status == 0, "\(good.stderr)")
    }
}

@Suite struct SlugTests {
    @Test(arguments: [("Oranje Fonds", "oranje-fonds"), ("Fonds 1818", "fonds-1818"), ("VSBfonds", "vsbfonds"),
                      ("Stichting Één & Ander", "stichting-een-ander"), ("Çağlayan Vakfı", "caglayan-vakfi"),
                      ("  --  ", "fonds"), ("مرحبا", "fonds")])
    func fundNamesBecomeFileNames(_ naam: String, _ slug: String) {
        #expect(VIPKit.Pakket.slug(naam) == slug)
    }
}

/// A fund whose dekkingsplan status is `afgewezen` gets no new letter and no zip, and still
/// stands in the fondsenlijst as refused (README, "Keuzes die de specificatie openliet").
@Suite struct AfgewezenFondsTests {
    /// Fund and status of each row of the fondsenlijst's table.
    static func fondsenlijst(_ a: Aanvraag) -> [(fonds: String, status: String)] {
        FondsenlijstBuilder.blocks(a).flatMap { block -> [(fonds: String, status: String)] in
            guard case .table(let t) = block else { return [] }
            return t.rows.filter { $0.kind == .body }.map { (Inline.plainText($0.cells[0]), Inline.plainText($0.cells[2])) }
        }
    }

    @Test func aRefusedFundGetsNoLetterAndNoZipButStaysInTheList() throws {
        let a = try AanvraagReader.read(path: Repo.path("Samples/buurtmoestuin.yaml"))
        let pakket = Pakket(aanvraag: a, map: Repo.path("Samples"), opties: BuildOpties())
        #expect(pakket.geenBrief == [GeenBrief(fonds: "Oranje Fonds", reden: .afgewezen)])
        #expect(pakket.geenBrief.map(\.description)
            == ["Geen brief voor Oranje Fonds: dit fonds heeft de aanvraag afgewezen (dekkingsplan)."])
        let files = try pakket.maak()
        let namen = Set(files.map(\.naam))
        // Instead of a letter, the refused fund gets a call sheet (na-het-besluit.md).
        #expect(namen == ["brief-vsbfonds.odt", "brief-vsbfonds.docx", "brief-skanfonds.odt", "brief-skanfonds.docx",
                          "projectplan.odt", "projectplan.docx", "begroting.odt", "begroting.docx",
                          "fondsenlijst.odt", "fondsenlijst.docx", "aanvraag-vsbfonds.zip", "aanvraag-skanfonds.zip",
                          "na-afwijzing-oranje-fonds.odt", "na-afwijzing-oranje-fonds.docx"])
        #expect(Self.fondsenlijst(a).map(\.fonds) == ["Oranje Fonds", "VSBfonds", "Skanfonds"])
        #expect(Self.fondsenlijst(a).first?.status == "afgewezen")
    }

    @Test func theStatusDecides() throws {
        var a = try AanvraagReader.read(path: Repo.path("Samples/buurtmoestuin.yaml"))
        let i = try #require(a.dekkingsplan.firstIndex { $0.fonds == "Oranje Fonds" })
        a.dekkingsplan[i].status = .aangevraagd
        var opties = BuildOpties()
        opties.formaten = [.odt]
        let pakket = Pakket(aanvraag: a, map: Repo.path("Samples"), opties: opties)
        #expect(pakket.geenBrief.isEmpty)
        let namen = try pakket.maak().map(\.naam)
        #expect(namen.contains("brief-oranje-fonds.odt") && namen.contains("aanvraag-oranje-fonds.zip"))
    }

    @Test func allFundsRefusedLeavesTheSharedDocuments() throws {
        var a = try AanvraagReader.read(path: Repo.path("Samples/buurtmoestuin.yaml"))
        for i in a.dekkingsplan.indices where a.dekkingsplan[i].fonds != nil { a.dekkingsplan[i].status = .afgewezen }
        var opties = BuildOpties()
        opties.formaten = [.odt]
        let pakket = Pakket(aanvraag: a, map: Repo.path("Samples"), opties: opties)
        #expect(pakket.geenBrief.map(\.fonds) == ["Oranje Fonds", "VSBfonds", "Skanfonds"])
        #expect(try pakket.maak().map(\.naam) == ["projectplan.odt", "begroting.odt", "fondsenlijst.odt",
                                                   "na-afwijzing-oranje-fonds.odt", "na-afwijzing-vsbfonds.odt",
                                                   "na-afwijzing-skanfonds.odt"])
        #expect(Self.fondsenlijst(a).map(\.status) == ["afgewezen", "afgewezen", "afgewezen"])
    }
}
