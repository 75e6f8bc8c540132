import Foundation
import Testing
import VIPKit
import VIPModel

/// Reading `vip-fondsendate/1`: the same standard of errors as aanvragen.
@Suite struct FondsendateLezenTests {
    static let basis = """
        formaat: vip-fondsendate/1
        evenement:
          titel: Speeddate met fondsen
          datum: 2025-06-16
          locatie: Wijkcentrum De Brug, Arnhem
          aanvang: "14:00"
          rondeduur: 10
          wisseltijd: 2
        fondsen:
          - naam: Oranje Fonds
            vertegenwoordigers: [mevrouw L. Verhoeven]
            doelstelling: Sociale samenhang.
            thema: [participatie, ontmoeting]
            regio: [landelijk]
            bedrag: {min: 1000, max: 25000}
            tafels: 2
          - naam: Fonds 1818
            thema: jeugd
            regio: [Den Haag]
        projecten:
          - aanvraag: buurtmoestuin.yaml
            acceptabel: true
            presentatoren: [Sanne Verbeek]
          - aanvraag: aanvragen/kinderfestival.yaml
            acceptabel: nee

        """

    func fout(_ yaml: String) -> LeesFout? {
        do {
            _ = try EvenementReader.parse(yaml, bestand: "dag.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func readsTheExampleWithDefaults() throws {
        let e = try EvenementReader.parse(Self.basis, bestand: "map/dag.yaml")
        #expect(e.titel == "Speeddate met fondsen")
        #expect(e.datum?.iso == "2025-06-16")
        #expect(e.aanvang == 14 * 60)
        #expect(e.aanvangTekst == "14:00")
        #expect(e.rondeduur == 10 && e.wisseltijd == 2)
        #expect(e.maxRondes == nil)
        #expect(e.maxGesprekken == 3)
        #expect(e.fondsen.map(\.naam) == ["Oranje Fonds", "Fonds 1818"])
        #expect(e.fondsen[0].tafels == 2 && e.fondsen[1].tafels == 1)
        #expect(e.fondsen[0].bedragMin == Bedrag(euros: 1000) && e.fondsen[0].bedragMax == Bedrag(euros: 25000))
        #expect(e.fondsen[1].thema == ["jeugd"])
        #expect(e.projecten.map(\.acceptabel) == [true, false])
        #expect(e.projecten[0].presentatoren == ["Sanne Verbeek"])
        #expect(e.pad(van: e.projecten[1]) == "map/aanvragen/kinderfestival.yaml")
    }

    @Test func readsTheSample() throws {
        let e = try EvenementReader.read(path: Repo.path("Samples/fondsendate.yaml"))
        #expect(e.fondsen.count == 5)
        #expect(e.projecten.count == 3)
        #expect(e.maxRondes == 6)
    }

    @Test func unknownKeyWithSuggestionAndPlace() throws {
        let yaml = Self.basis.replacingOccurrences(of: "  wisseltijd: 2", with: "  wisseltjd: 2")
        let e = try #require(fout(yaml))
        #expect(e.melding.contains("Onbekend veld `wisseltjd`"))
        #expect(e.melding.contains("bedoelde u `wisseltijd`?"))
        #expect(e.mark == SourceMark(line: 8, column: 3))
        #expect(e.pad == "evenement.wisseltjd")
        #expect(e.description.hasPrefix("dag.yaml:8:3: leesfout: "))
    }

    @Test func unknownKeyInAFund() throws {
        let yaml = Self.basis.replacingOccurrences(of: "    tafels: 2", with: "    tafel: 2")
        let e = try #require(fout(yaml))
        #expect(e.melding.contains("bedoelde u `tafels`?"))
        #expect(e.mark == SourceMark(line: 16, column: 5))
        #expect(e.pad == "fondsen[0].tafel")
    }

    @Test func unknownKeyInAProject() throws {
        let yaml = Self.basis.replacingOccurrences(of: "    acceptabel: nee", with: "    acceptable: nee")
        let e = try #require(fout(yaml))
        #expect(e.melding.contains("bedoelde u `acceptabel`?"))
        #expect(e.pad == "projecten[1].acceptable")
    }

    @Test(arguments: ["\"25:00\"", "\"14.00\"", "\"2 uur\"", "\"14:0\"", "\"14:60\"", "\"-1:00\""])
    func badTimes(_ tijd: String) throws {
        let yaml = Self.basis.replacingOccurrences(of: "  aanvang: \"14:00\"", with: "  aanvang: \(tijd)")
        let e = try #require(fout(yaml), "\(tijd) was accepted")
        #expect(e.melding.contains("Verwacht een tijd als uu:mm"))
        #expect(e.mark == SourceMark(line: 6, column: 12))
        #expect(e.pad == "evenement.aanvang")
    }

    @Test func goodTimes() {
        #expect(Tijd.parse("9:30") == 570)
        #expect(Tijd.parse("00:00") == 0)
        #expect(Tijd.parse("23:59") == 1439)
        #expect(Tijd.tekst(570) == "09:30")
        #expect(Tijd.tekst(1440 + 5) == "00:05")
    }

    @Test func wrongTypesAndRanges() throws {
        let gevallen: [(String, String, String)] = [
            ("  rondeduur: 10", "  rondeduur: 0", "evenement.rondeduur"),
            ("  rondeduur: 10", "  rondeduur: tien", "evenement.rondeduur"),
            ("  rondeduur: 10", "  rondeduur: [10]", "evenement.rondeduur"),
            ("  wisseltijd: 2", "  wisseltijd: -2", "evenement.wisseltijd"),
            ("    tafels: 2", "    tafels: 0", "fondsen[0].tafels"),
            ("    bedrag: {min: 1000, max: 25000}", "    bedrag: {min: 25000, max: 1000}", "fondsen[0].bedrag.max"),
            ("    bedrag: {min: 1000, max: 25000}", "    bedrag: {min: 1.000, max: 25000}", "fondsen[0].bedrag.min"),
            ("    acceptabel: nee", "    acceptabel: misschien", "projecten[1].acceptabel"),
            ("  datum: 2025-06-16", "  datum: 2025-02-30", "evenement.datum"),
        ]
        for (oud, nieuw, pad) in gevallen {
            let e = try #require(fout(Self.basis.replacingOccurrences(of: oud, with: nieuw)), "\(nieuw) was accepted")
            #expect(e.pad == pad, "\(nieuw): \(e)")
            #expect(e.mark != nil, "\(nieuw): \(e)")
        }
    }

    @Test func limitsOnRoundsAndConversations() throws {
        let metMax = Self.basis.replacingOccurrences(of: "  wisseltijd: 2", with: "  wisseltijd: 2\n  max_rondes: 0")
        #expect(try #require(fout(metMax)).pad == "evenement.max_rondes")
        let metGesprekken = Self.basis.replacingOccurrences(of: "  wisseltijd: 2", with: "  wisseltijd: 2\n  max_gesprekken: 0")
        #expect(try #require(fout(metGesprekken)).pad == "evenement.max_gesprekken")
        let goed = Self.basis.replacingOccurrences(of: "  wisseltijd: 2", with: "  wisseltijd: 0\n  max_rondes: 4\n  max_gesprekken: 2")
        let e = try EvenementReader.parse(goed)
        #expect(e.maxRondes == 4 && e.maxGesprekken == 2 && e.wisseltijd == 0)
    }

    @Test func missingRequiredFields() throws {
        let zonderAanvang = Self.basis.replacingOccurrences(of: "  aanvang: \"14:00\"\n", with: "")
        let e = try #require(fout(zonderAanvang))
        #expect(e.pad == "evenement.aanvang")
        #expect(e.melding.contains("ontbreekt"))
        let zonderNaam = Self.basis.replacingOccurrences(of: "  - naam: Fonds 1818\n    thema: jeugd", with: "  - thema: jeugd")
        #expect(try #require(fout(zonderNaam)).pad == "fondsen[1].naam")
        let zonderEvenement = "formaat: vip-fondsendate/1\nfondsen: []\n"
        #expect(try #require(fout(zonderEvenement)).pad == "evenement")
    }

    @Test func pathsMustStayInTheEventFolder() throws {
        for pad in ["../elders/aanvraag.yaml", "/etc/passwd", "~/aanvraag.yaml", "a/../../b.yaml", "map\\\\a.yaml"] {
            let yaml = Self.basis.replacingOccurrences(of: "aanvraag: buurtmoestuin.yaml", with: "aanvraag: \"\(pad)\"")
            let e = try #require(fout(yaml), "\(pad) was accepted")
            #expect(e.pad == "projecten[0].aanvraag")
            #expect(e.mark == SourceMark(line: 21, column: 15))
            #expect(e.melding.contains("in de map van dit bestand"))
        }
    }

    @Test func duplicatesAreRefused() throws {
        let dubbelFonds = Self.basis.replacingOccurrences(of: "  - naam: Fonds 1818", with: "  - naam: oranje  fonds")
        let e = try #require(fout(dubbelFonds))
        #expect(e.pad == "fondsen[1].naam")
        #expect(e.melding.contains("twee keer") && e.melding.contains("regel 10"))
        let dubbelProject = Self.basis.replacingOccurrences(of: "aanvragen/kinderfestival.yaml", with: "./buurtmoestuin.yaml")
        #expect(try #require(fout(dubbelProject)).pad == "projecten[1].aanvraag")
    }

    @Test func wrongFormat() throws {
        let aanvraag = Self.basis.replacingOccurrences(of: "formaat: vip-fondsendate/1", with: "formaat: vip-aanvraag/1")
        let e = try #require(fout(aanvraag))
        #expect(e.melding.contains("Dit is een aanvraag"))
        #expect(e.mark == SourceMark(line: 1, column: 10))
        let zonder = Self.basis.replacingOccurrences(of: "formaat: vip-fondsendate/1\n", with: "")
        #expect(try #require(fout(zonder)).melding.contains("ontbreekt bovenaan"))
    }

    @Test func syntaxErrorsAndEmptyFiles() throws {
        let kapot = Self.basis.replacingOccurrences(of: "  titel: Speeddate met fondsen", with: "  titel: Speeddate: met fondsen")
        let e = try #require(fout(kapot))
        #expect(e.melding.contains("geen geldige YAML"))
        #expect(e.mark?.line == 3)
        #expect(try #require(fout("   \n")).melding.contains("leeg"))
        #expect(try #require(fout("- een\n- lijst\n")).melding.contains("blok met velden"))
    }

    @Test func cliExitsTwoAndWritesNothing() throws {
        let dir = Repo.tempDir("vip-fondsendate-lees")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bestand = dir + "/dag.yaml"
        try Self.basis.replacingOccurrences(of: "  rondeduur: 10", with: "  rondeduru: 10")
            .write(toFile: bestand, atomically: true, encoding: .utf8)
        let r = try VipBinary.run(["fondsendate", bestand])
        #expect(r.status == 2)
        #expect(r.stderr.contains("dag.yaml:7:3: leesfout: Onbekend veld `rondeduru`; bedoelde u `rondeduur`?"))
        #expect(r.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir + "/fondsendate"))

        let nergens = try VipBinary.run(["fondsendate", dir + "/bestaat-niet.yaml"])
        #expect(nergens.status == 2)
        #expect(nergens.stderr.contains("bestaat niet"))

        let zonderArgument = try VipBinary.run(["fondsendate"])
        #expect(zonderArgument.status == 2)
    }
}
