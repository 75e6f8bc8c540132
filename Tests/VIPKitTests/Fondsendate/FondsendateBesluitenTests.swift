import Foundation
import Testing
import VIPKit
import VIPModel

/// Two decisions of issue 9: CSV cells that a spreadsheet would run as a formula, and
/// speed-dates whose rounds would pass midnight.
@Suite struct FondsendateBesluitenTests {
    // MARK: - CSV cells

    @Test func cellsThatLookLikeFormulasGetAnApostrophe() {
        #expect(CSV.regel(["=1+1", "+31 6 1234", "-5", "@SOM(A1)", "a=b", "'al", "", "14:00"])
                == "'=1+1,'+31 6 1234,'-5,'@SOM(A1),a=b,'al,,14:00")
        // The apostrophe is part of the cell; quoting still follows RFC 4180.
        #expect(CSV.regel(["=A1,B1", "-\"x\""]) == "\"'=A1,B1\",\"'-\"\"x\"\"\"")
        #expect(CSV.lees(CSV.regel(["=A1,B1", "-\"x\"", "gewoon"]) + "\n") == [["'=A1,B1", "'-\"x\"", "gewoon"]])
        // A leading tab or carriage return is guarded too (server.md, "Hostile clients"), also
        // when the carriage return starts a CR LF pair.
        #expect(CSV.veld("\t=1+1") == "'\t=1+1")
        #expect(CSV.veld("\r=1") == "\"'\r=1\"")
        #expect(CSV.veld("\r\n@x") == "\"'\r\n@x\"")
        #expect(CSV.veld("a\t=b") == "a\t=b")
    }

    @Test func aProjectTitledAsAFormulaStaysText() throws {
        let bestand = try FondsendateTests.bouwEvenement()
        defer { FondsendateTests.opruimen(bestand) }
        let dir = (bestand as NSString).deletingLastPathComponent
        let pad = dir + "/buurtmoestuin.yaml"
        let tekst = try String(contentsOfFile: pad, encoding: .utf8)
        #expect(tekst.contains("  titel: Buurtmoestuin De Zaaier\n"))
        try tekst.replacingOccurrences(of: "  titel: Buurtmoestuin De Zaaier\n",
                                       with: "  titel: '=HYPERLINK(\"http://x\",\"y\")'\n")
            .write(toFile: pad, atomically: true, encoding: .utf8)

        let r = try VipBinary.run(["fondsendate", bestand])
        #expect(r.status == 0, "\(r.stderr)")
        let map = dir + "/fondsendate"
        let cel = "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        let toelating = try String(contentsOfFile: map + "/toelating.csv", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(toelating[1] == cel + ",Stichting Groen in Presikhaaf,ja,")

        // schema.csv: every conversation of the project, with the cell written the same way.
        let s = Speeddate(evenement: try EvenementReader.read(path: bestand))
        let project = try #require(s.toegelaten.first { $0.naam == "=HYPERLINK(\"http://x\",\"y\")" })
        let gesprekken = s.gesprekken(project: project)
        #expect(gesprekken.count == 3)
        let schema = try String(contentsOfFile: map + "/schema.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        for g in gesprekken {
            let begin = 13 * 60 + 30 + (g.ronde - 1) * 15
            let regel = "\(g.ronde),\(Tijd.tekst(begin)),\(Tijd.tekst(begin + 12)),\(g.fonds),\(g.tafel),"
                + cel + ",Stichting Groen in Presikhaaf"
            #expect(schema.contains(regel), "\(regel) not in\n\(schema.joined(separator: "\n"))")
        }
        #expect(schema.filter { $0.contains("HYPERLINK") }.count == 3)
        #expect(!schema.contains { $0.contains(",=HYPERLINK") || $0.contains("\"=HYPERLINK") })
    }

    // MARK: - Late speed-dates

    func fout(_ yaml: String) -> LeesFout? {
        do {
            _ = try EvenementReader.parse(yaml, bestand: "dag.yaml")
            return nil
        } catch {
            return error
        }
    }

    /// `FondsendateLezenTests.basis` (rondeduur 10, wisseltijd 2) starting at `aanvang`.
    func evenement(aanvang: String, extra: String = "") -> String {
        FondsendateLezenTests.basis.replacingOccurrences(of: "  aanvang: \"14:00\"", with: "  aanvang: \"\(aanvang)\"")
            .replacingOccurrences(of: "  wisseltijd: 2", with: "  wisseltijd: 2" + extra)
    }

    @Test func maxRondesPastMidnightIsRefusedWhenReading() throws {
        // 23:30 + 3 × 10 + 2 × 2 = 00:04.
        let e = try #require(fout(evenement(aanvang: "23:30", extra: "\n  max_rondes: 3")))
        #expect(e.description == "dag.yaml:6:12: leesfout: De speeddate loopt over middernacht heen: de 3 rondes "
            + "(max_rondes) van 10 minuten met 2 minuten wisseltijd, vanaf 23:30, duren tot 00:04 de volgende dag. "
            + "Begin eerder, maak de rondes of de wisseltijd korter of verlaag `max_rondes`. (evenement.aanvang)")
        // Two rounds end at 23:52; ending at 24:00 exactly is allowed.
        #expect(fout(evenement(aanvang: "23:30", extra: "\n  max_rondes: 2")) == nil)
        let precies = try EvenementReader.parse(evenement(aanvang: "23:38", extra: "\n  max_rondes: 2"))
        #expect(precies.einde(rondes: 2) == 24 * 60)
        #expect(fout(evenement(aanvang: "23:39", extra: "\n  max_rondes: 2"))?.pad == "evenement.aanvang")
    }

    @Test func aFirstRoundPastMidnightIsRefusedWhenReading() throws {
        let e = try #require(fout(evenement(aanvang: "23:55")))
        #expect(e.mark == SourceMark(line: 6, column: 12))
        #expect(e.melding == "De speeddate loopt over middernacht heen: de eerste ronde van 10 minuten, vanaf 23:55, "
            + "duurt tot 00:05 de volgende dag. Begin eerder of maak de rondes korter.")
        // A long round is measured too: 14:00 + 600 minutes is 24:00, one more is too late.
        #expect(fout(evenement(aanvang: "14:00").replacingOccurrences(of: "rondeduur: 10", with: "rondeduur: 600")) == nil)
        #expect(fout(evenement(aanvang: "14:00").replacingOccurrences(of: "rondeduur: 10", with: "rondeduur: 601"))?
            .pad == "evenement.aanvang")
        // Without max_rondes a late start is read: the schedule decides (below).
        #expect(fout(evenement(aanvang: "23:48")) == nil)
    }

    /// Without `max_rondes`, the rounds the schedule needs decide. The test event (rondeduur 12,
    /// wisseltijd 3) needs `n` rounds; it may end at 24:00 and not a minute later.
    @Test func scheduledRoundsPastMidnightAreRefusedAfterPlanning() throws {
        let vroeg = try FondsendateTests.bouwEvenement()
        let n = Speeddate(evenement: try EvenementReader.read(path: vroeg)).rooster.rondes
        FondsendateTests.opruimen(vroeg)
        #expect(n >= 2)
        let duur = n * 12 + (n - 1) * 3

        let precies = try FondsendateTests.bouwEvenement(aanvang: Tijd.tekst(24 * 60 - duur))
        defer { FondsendateTests.opruimen(precies) }
        let s = Speeddate(evenement: try EvenementReader.read(path: precies))
        #expect(s.rooster.rondes == n)
        #expect(s.middernachtFout == nil)
        #expect(Tijd.tekst(s.einde(ronde: n)) == "00:00")

        let laat = try FondsendateTests.bouwEvenement(aanvang: Tijd.tekst(24 * 60 - duur + 1))
        defer { FondsendateTests.opruimen(laat) }
        let t = Speeddate(evenement: try EvenementReader.read(path: laat))
        let e = try #require(t.middernachtFout)
        #expect(e.bestand == laat && e.pad == "evenement.aanvang")
        #expect(e.mark == SourceMark(line: 6, column: 12))
        #expect(e.melding == "De speeddate loopt over middernacht heen: de \(n) rondes die het schema nodig heeft "
            + "van 12 minuten met 3 minuten wisseltijd, vanaf \(Tijd.tekst(24 * 60 - duur + 1)), duren tot 00:01 "
            + "de volgende dag. Begin eerder, maak de rondes of de wisseltijd korter of beperk het aantal rondes "
            + "met `max_rondes`.")

        // The command refuses it the same way: exit 2, the error on stderr, nothing written.
        let r = try VipBinary.run(["fondsendate", laat])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(e.description), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: (laat as NSString).deletingLastPathComponent + "/fondsendate"))
    }

    @Test func cliRefusesMaxRondesPastMidnightAndWritesNothing() throws {
        let dir = Repo.tempDir("vip-fondsendate-laat")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bestand = dir + "/dag.yaml"
        try evenement(aanvang: "22:00", extra: "\n  max_rondes: 12").write(toFile: bestand, atomically: true, encoding: .utf8)
        let r = try VipBinary.run(["fondsendate", bestand])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        // 22:00 + 12 × 10 + 11 × 2 = 00:22.
        #expect(r.stderr.contains("dag.yaml:6:12: leesfout: De speeddate loopt over middernacht heen: de 12 rondes "
            + "(max_rondes) van 10 minuten met 2 minuten wisseltijd, vanaf 22:00, duren tot 00:22 de volgende dag."),
                "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/fondsendate"))
    }
}
