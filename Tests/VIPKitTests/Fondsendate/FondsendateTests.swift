import Foundation
import Testing
import VIPKit
import VIPModel
import VIPPlanning

/// The gate, the schedule and every output, on an event built in a temporary folder
/// from the samples and variants of them (so not the event in the repository).
@Suite struct FondsendateTests {
    static let fondsen = """
        fondsen:
          - naam: Oranje Fonds
            vertegenwoordigers: [mevrouw L. Verhoeven, de heer T. Bos]
            doelstelling: Sociale samenhang, participatie en ontmoeting.
            thema: [participatie, ontmoeting, sociale samenhang]
            regio: [landelijk]
            bedrag: {min: 1000, max: 25000}
            tafels: 2
          - naam: VSBfonds
            doelstelling: Meedoen in de samenleving.
            thema: [ontmoeting, natuur, cultuur]
            regio: [landelijk]
            bedrag: {min: 1500, max: 15000}
          - naam: Skanfonds
            doelstelling: Participatie van mensen in een kwetsbare positie.
            thema: [participatie, armoede, taal]
            regio: [landelijk]
            bedrag: {min: 2500, max: 20000}
          - naam: Fonds 1818
            doelstelling: Projecten in de regio Den Haag.
            thema: [jeugd, zorg, cultuur, natuur]
            regio: [Den Haag, Delft]
            bedrag: {min: 500, max: 10000}
          - naam: Jantje Beton
            doelstelling: Buiten spelen voor alle kinderen.
            thema: [spelen, jeugd]
            regio: [landelijk]
            bedrag: {min: 250, max: 5000}
          - naam: Groninger Fonds
            doelstelling: Alleen voor Groningen.
            thema: [jeugd, natuur]
            regio: [Groningen]
            bedrag: {min: 250, max: 5000}

        """

    /// A folder with the event file and its aanvragen; returns the event file's path.
    static func bouwEvenement(maxRondes: Int? = nil, maxGesprekken: Int = 3, aanvang: String = "13:30") throws -> String {
        let fm = FileManager.default
        let dir = Repo.tempDir("vip-fondsendate")
        try fm.createDirectory(atPath: dir + "/aanvragen", withIntermediateDirectories: true)
        func sample(_ naam: String) throws -> String { try String(contentsOfFile: Repo.path("Samples/\(naam)"), encoding: .utf8) }
        try fm.copyItem(atPath: Repo.path("Samples/buurtmoestuin.yaml"), toPath: dir + "/buurtmoestuin.yaml")
        try fm.copyItem(atPath: Repo.path("Samples/kinderfestival.yaml"), toPath: dir + "/aanvragen/kinderfestival.yaml")
        try fm.copyItem(atPath: Repo.path("Samples/concept-vol-fouten.yaml"), toPath: dir + "/concept.yaml")
        // Finished, but the docent has not approved it.
        try sample("kinderfestival.yaml").replacingOccurrences(of: "  titel: Speelfeest Moerwijk", with: "  titel: Speelfeest Zonder Akkoord")
            .write(toFile: dir + "/zonder-akkoord.yaml", atomically: true, encoding: .utf8)
        // Approved, but one amount breaks the balance of begroting and dekking: a fout.
        let tekort = try sample("buurtmoestuin.yaml")
        #expect(tekort.contains("    bedrag: 450\n"))
        try tekort.replacingOccurrences(of: "  titel: Buurtmoestuin De Zaaier", with: "  titel: Moestuin Met Tekort")
            .replacingOccurrences(of: "    bedrag: 450\n", with: "    bedrag: 449\n")
            .write(toFile: dir + "/tekort.yaml", atomically: true, encoding: .utf8)
        // Unreadable: an unknown key.
        try sample("kinderfestival.yaml").replacingOccurrences(of: "  thema: [jeugd, spelen, ontmoeting]", with: "  themas: [jeugd]")
            .write(toFile: dir + "/kapot.yaml", atomically: true, encoding: .utf8)
        // A symbolic link out of the event's folder.
        let buiten = Repo.tempDir("vip-fondsendate-buiten")
        try fm.copyItem(atPath: Repo.path("Samples/buurtmoestuin.yaml"), toPath: buiten + "/elders.yaml")
        try fm.createSymbolicLink(atPath: dir + "/koppeling.yaml", withDestinationPath: buiten + "/elders.yaml")

        var yaml = """
            formaat: vip-fondsendate/1
            evenement:
              titel: Fondsenmiddag Test
              datum: 2026-03-12
              locatie: Buurthuis Het Anker, Utrecht
              aanvang: "\(aanvang)"
              rondeduur: 12
              wisseltijd: 3
              max_gesprekken: \(maxGesprekken)

            """
        if let maxRondes { yaml += "  max_rondes: \(maxRondes)\n" }
        yaml += fondsen
        yaml += """
            projecten:
              - aanvraag: buurtmoestuin.yaml
                acceptabel: ja
                presentatoren: [Sanne Verbeek, Marleen Hofstede]
              - aanvraag: zonder-akkoord.yaml
                acceptabel: nee
              - aanvraag: tekort.yaml
                acceptabel: ja
              - aanvraag: ontbreekt.yaml
                acceptabel: ja
              - aanvraag: kapot.yaml
                acceptabel: ja
              - aanvraag: aanvragen/kinderfestival.yaml
                acceptabel: ja
                presentatoren: Jolanda Smit
              - aanvraag: concept.yaml
                acceptabel: nee
              - aanvraag: koppeling.yaml
                acceptabel: ja

            """
        try yaml.write(toFile: dir + "/evenement.yaml", atomically: true, encoding: .utf8)
        return dir + "/evenement.yaml"
    }

    static func opruimen(_ bestand: String) {
        try? FileManager.default.removeItem(atPath: (bestand as NSString).deletingLastPathComponent)
    }

    @Test func gateAdmitsExactlyTheFinishedAndApproved() throws {
        let bestand = try Self.bouwEvenement()
        defer { Self.opruimen(bestand) }
        let s = Speeddate(evenement: try EvenementReader.read(path: bestand))
        #expect(s.deelnemers.count == 8)
        #expect(s.toegelaten.map(\.naam) == ["Buurtmoestuin De Zaaier", "Speelfeest Moerwijk"])
        #expect(s.toegelatenOpTitel.map(\.naam) == ["Buurtmoestuin De Zaaier", "Speelfeest Moerwijk"])

        // Independently: admitted ⇔ the checklist says af and the docent approved.
        let checker = Checker()
        for d in s.deelnemers where d.project.aanvraag != "koppeling.yaml" {
            #expect(d.toegelaten == (checker.check(path: d.pad).isAf && d.project.acceptabel), "\(d.project.aanvraag)")
        }

        func reden(_ pad: String) -> String { s.deelnemers.first { $0.project.aanvraag == pad }!.reden }
        #expect(reden("zonder-akkoord.yaml") == "niet goedgekeurd")
        #expect(reden("tekort.yaml").hasPrefix("niet af: 1 fout ("))
        #expect(reden("tekort.yaml").contains("[dekking_sluitend]"))
        #expect(!reden("tekort.yaml").contains("niet goedgekeurd"))
        #expect(reden("ontbreekt.yaml").hasPrefix("onleesbaar: "))
        #expect(reden("ontbreekt.yaml").contains("ontbreekt.yaml: leesfout: Het bestand bestaat niet."))
        #expect(reden("kapot.yaml").contains("kapot.yaml:40:3: leesfout: Onbekend veld `themas`; bedoelde u `thema`?"))
        #expect(reden("concept.yaml").hasPrefix("niet af: 14 fouten ("))
        #expect(reden("concept.yaml").hasSuffix("; niet goedgekeurd"))
        #expect(reden("koppeling.yaml").contains("buiten de map"))
        // The missing file has no title: it is named by its path.
        #expect(s.deelnemers[3].naam == "ontbreekt.yaml")
    }

    @Test func firstSentenceKeepsQuotedFullStops() {
        #expect(Speeddate.eersteZin("Vermeld wanneer, bijvoorbeeld \"van 9.00 tot 12.00 uur\". Meer.") ==
                "Vermeld wanneer, bijvoorbeeld \"van 9.00 tot 12.00 uur\".")
        #expect(Speeddate.eersteZin("De samenvatting ontbreekt. Vat samen.") == "De samenvatting ontbreekt.")
        #expect(Speeddate.eersteZin("Geen punt") == "Geen punt")
    }

    @Test func csvQuoting() {
        #expect(CSV.regel(["a", "b,c", "zeg \"ja\"", "regel\nnieuw", ""]) == "a,\"b,c\",\"zeg \"\"ja\"\"\",\"regel\nnieuw\",")
        #expect(CSV.lees("a,\"b,c\",\"zeg \"\"ja\"\"\"\nx,y,\n") == [["a", "b,c", "zeg \"ja\""], ["x", "y", ""]])
    }

    @Test func commandWritesScheduleAndAdmissionAsSpecified() throws {
        let bestand = try Self.bouwEvenement()
        defer { Self.opruimen(bestand) }
        let r = try VipBinary.run(["fondsendate", bestand])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Fondsenmiddag Test (12 maart 2026): 2 van 8 projecten toegelaten."))
        #expect(r.stdout.contains("niet toegelaten: Speelfeest Zonder Akkoord (zonder-akkoord.yaml): niet goedgekeurd"))
        let map = (bestand as NSString).deletingLastPathComponent + "/fondsendate"
        #expect(r.stdout.contains("14 bestanden geschreven in \(map)"))

        // schema.csv: header, one line per conversation, times, validity, minimal rounds.
        let schema = CSV.lees(try String(contentsOfFile: map + "/schema.csv", encoding: .utf8))
        #expect(schema.first == ["ronde", "aanvang", "einde", "fonds", "tafel", "project", "organisatie"])
        let regels = schema.dropFirst()
        let s = Speeddate(evenement: try EvenementReader.read(path: bestand))
        #expect(regels.count == s.rooster.gesprekken.count)
        #expect(!regels.isEmpty)
        var bezet = Set<String>()
        var fondsBezet = Set<String>()
        for regel in regels {
            #expect(regel.count == 7)
            let ronde = try #require(Int(regel[0]))
            let begin = 13 * 60 + 30 + (ronde - 1) * (12 + 3)
            #expect(regel[1] == Tijd.tekst(begin) && regel[2] == Tijd.tekst(begin + 12), "\(regel)")
            let fonds = try #require(s.evenement.fondsen.firstIndex { $0.naam == regel[3] })
            let tafel = try #require(Int(regel[4]))
            #expect((1...s.evenement.fondsen[fonds].tafels).contains(tafel))
            let d = try #require(s.toegelaten.first { $0.naam == regel[5] }, "only admitted projects: \(regel)")
            #expect(regel[6] == d.organisatie)
            #expect(s.kandidaten[d.index].contains { $0.fonds == fonds }, "unfitting fund: \(regel)")
            #expect(bezet.insert("\(regel[5])#\(ronde)").inserted, "project twice in round \(ronde)")
            #expect(fondsBezet.insert("\(regel[3])#\(tafel)#\(ronde)").inserted, "table twice in round \(ronde)")
        }
        let rondes = Set(regels.map { $0[0] }).count
        let bound = Rooster.minimumRondes(pairs: regels.map { ($0[5], $0[3]) },
                                          fondsen: s.evenement.fondsen.map { Rooster.Fonds(id: $0.naam, tafels: $0.tafels) })
        #expect(rondes == bound && s.rooster.rondes == bound)
        // Buurtmoestuin: VSBfonds and Skanfonds from its dekkingsplan, then the Oranje Fonds (rejected
        // there, but two shared themes). Speelfeest: its dekkingsplan funds, then Oranje Fonds
        // (ontmoeting) — not the Groninger Fonds, whose region does not fit.
        func fondsenVan(_ project: String) -> Set<String> { Set(regels.filter { $0[5] == project }.map { $0[3] }) }
        #expect(fondsenVan("Buurtmoestuin De Zaaier") == ["VSBfonds", "Skanfonds", "Oranje Fonds"])
        #expect(fondsenVan("Speelfeest Moerwijk") == ["Fonds 1818", "Jantje Beton", "Oranje Fonds"])
        #expect(r.stdout.contains("Schema: 6 gesprekken in \(bound) rondes, van 13:30 tot \(Tijd.tekst(13 * 60 + 30 + (bound - 1) * 15 + 12))."))

        // toelating.csv: every project, in the event's order, with its reason.
        let toelating = CSV.lees(try String(contentsOfFile: map + "/toelating.csv", encoding: .utf8))
        #expect(toelating.first == ["project", "organisatie", "toegelaten", "reden"])
        #expect(toelating.count == 9)
        #expect(toelating.dropFirst().map { $0[2] } == ["ja", "nee", "nee", "nee", "nee", "ja", "nee", "nee"])
        #expect(toelating[1] == ["Buurtmoestuin De Zaaier", "Stichting Groen in Presikhaaf", "ja", ""])
        #expect(toelating[2] == ["Speelfeest Zonder Akkoord", "Bewonersvereniging Moerwijk-Oost", "nee", "niet goedgekeurd"])
        #expect(toelating[3][3].contains("[dekking_sluitend]"))
        #expect(toelating[4][0] == "ontbreekt.yaml" && toelating[4][3].contains("bestaat niet"))
        #expect(toelating[5][3].contains("Onbekend veld `themas`"))
    }

    @Test func roundLimitDropsTheLeastPreferredAndSaysSo() throws {
        let bestand = try Self.bouwEvenement(maxRondes: 2)
        defer { Self.opruimen(bestand) }
        let r = try VipBinary.run(["fondsendate", bestand, "--uit", (bestand as NSString).deletingLastPathComponent + "/uit"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Vervallen door max_rondes 2: 2 gesprekken:"))
        // The third choice of each project goes: the Oranje Fonds.
        #expect(r.stdout.contains("Buurtmoestuin De Zaaier – Oranje Fonds (3e keus"))
        #expect(r.stdout.contains("Speelfeest Moerwijk – Oranje Fonds (3e keus"))
        let map = (bestand as NSString).deletingLastPathComponent + "/uit"
        let schema = CSV.lees(try String(contentsOfFile: map + "/schema.csv", encoding: .utf8)).dropFirst()
        #expect(schema.count == 4)
        #expect(Set(schema.map { $0[0] }) == ["1", "2"])
        let tekst = try Oracles.text(map + "/schema.odt")
        #expect(tekst.contains("Vervallen gesprekken"))
        #expect(tekst.contains("Speelfeest Moerwijk – Oranje Fonds (3e keus"))
    }

    @Test func refusesAnOutputFolderHoldingTheInput() throws {
        let bestand = try Self.bouwEvenement()
        defer { Self.opruimen(bestand) }
        let dir = (bestand as NSString).deletingLastPathComponent
        let r = try VipBinary.run(["fondsendate", bestand, "--uit", dir])
        #expect(r.status == 2)
        #expect(r.stderr.contains("uitvoermap"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/schema.csv"))
    }

    @Test func documentsPassTheOraclesAndSayWhatTheyShould() throws {
        let bestand = try Self.bouwEvenement()
        defer { Self.opruimen(bestand) }
        let map = (bestand as NSString).deletingLastPathComponent + "/fondsendate"
        let r = try VipBinary.run(["fondsendate", bestand])
        try #require(r.status == 0, "\(r.stderr)")
        let namen = ["projectenoverzicht", "fondsenoverzicht", "schema", "agenda-fondsen", "agenda-projecten",
                     "niet-toegelaten"]
        let paden = namen.flatMap { ["\(map)/\($0).odt", "\(map)/\($0).docx"] }
        Oracles.expectAllPass(paden)

        for formaat in ["odt", "docx"] {
            let projecten = try Oracles.text("\(map)/projectenoverzicht.\(formaat)")
            // pandoc reads a docx title as metadata, not as body text.
            if formaat == "odt" { #expect(projecten.contains("Projectenoverzicht voor de fondsen")) }
            for tekst in ["Buurtmoestuin De Zaaier", "Stichting Groen in Presikhaaf",
                          "Sanne Verbeek en Marleen Hofstede", "Speelfeest Moerwijk", "Jolanda Smit", "Nog te dekken",
                          "Samenvatting", "Contactpersoon", "Thema’s"] {
                #expect(projecten.contains(tekst), "projectenoverzicht.\(formaat) lacks \(tekst)")
            }
            for geweigerd in ["Moestuin Met Tekort", "Speelfeest Zonder Akkoord", "Taalcafé voor moeders"] {
                #expect(!projecten.contains(geweigerd), "projectenoverzicht.\(formaat) shows refused \(geweigerd)")
            }
            // Sorted by title.
            let b = try #require(projecten.range(of: "Buurtmoestuin De Zaaier")), sp = try #require(projecten.range(of: "Speelfeest Moerwijk"))
            #expect(b.lowerBound < sp.lowerBound)

            let fondsen = try Oracles.text("\(map)/fondsenoverzicht.\(formaat)")
            if formaat == "odt" { #expect(fondsen.contains("Fondsenoverzicht voor de deelnemers")) }
            for tekst in ["Oranje Fonds", "Sociale samenhang, participatie en ontmoeting.",
                          "Groninger Fonds", "Den Haag en Delft"] {
                #expect(fondsen.contains(tekst), "fondsenoverzicht.\(formaat) lacks \(tekst)")
            }
            #expect(fondsen.contains("1.000,00") && fondsen.contains("25.000,00"))

            let schema = try Oracles.text("\(map)/schema.\(formaat)")
            #expect(schema.contains("13:30–13:42"))
            // pandoc's ODT reader drops table header rows; the docx keeps them.
            if formaat == "docx" { #expect(schema.contains("Oranje Fonds (2 tafels)")) }
            #expect(!schema.contains("Vervallen gesprekken"))

            let perFonds = try Oracles.text("\(map)/agenda-fondsen.\(formaat)")
            #expect(perFonds.contains("Groninger Fonds") && perFonds.contains("Er zijn voor u geen gesprekken gepland."))
            #expect(perFonds.contains("vrij"))

            let perProject = try Oracles.text("\(map)/agenda-projecten.\(formaat)")
            #expect(perProject.contains("Staat in uw dekkingsplan"))
            #expect(perProject.contains("Buurtmoestuin De Zaaier") && !perProject.contains("Moestuin Met Tekort"))

            let niet = try Oracles.text("\(map)/niet-toegelaten.\(formaat)")
            for tekst in ["Moestuin Met Tekort", "Speelfeest Zonder Akkoord", "ontbreekt.yaml", "Taalcafé voor moeders",
                          "niet goedgekeurd", "dekking_sluitend", "bestaat niet", "2 van de 8 projecten zijn toegelaten"] {
                #expect(niet.contains(tekst), "niet-toegelaten.\(formaat) lacks \(tekst)")
            }
        }
    }

    @Test func sameInputGivesIdenticalOutput() throws {
        let bestand = try Self.bouwEvenement()
        defer { Self.opruimen(bestand) }
        let dir = (bestand as NSString).deletingLastPathComponent
        #expect(try VipBinary.run(["fondsendate", bestand, "--uit", dir + "/een"]).status == 0)
        #expect(try VipBinary.run(["fondsendate", bestand, "--uit", dir + "/twee"]).status == 0)
        let namen = try FileManager.default.contentsOfDirectory(atPath: dir + "/een").sorted()
        #expect(namen.count == 14)
        #expect(namen == (try FileManager.default.contentsOfDirectory(atPath: dir + "/twee").sorted()))
        for naam in namen {
            #expect(FileManager.default.contentsEqual(atPath: dir + "/een/" + naam, andPath: dir + "/twee/" + naam), "\(naam)")
        }
    }

    @Test func anEventWithoutProjectsOrFundsStillGivesItsDocuments() throws {
        let dir = Repo.tempDir("vip-fondsendate-leeg")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "formaat: vip-fondsendate/1\nevenement:\n  titel: Leeg\n  aanvang: \"9:00\"\n  rondeduur: 10\nfondsen: []\n"
            .write(toFile: dir + "/leeg.yaml", atomically: true, encoding: .utf8)
        let r = try VipBinary.run(["fondsendate", dir + "/leeg.yaml"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Leeg: 0 van 0 projecten toegelaten."))
        #expect(r.stdout.contains("Schema: geen gesprekken."))
        #expect(try String(contentsOfFile: dir + "/fondsendate/schema.csv", encoding: .utf8)
                == "ronde,aanvang,einde,fonds,tafel,project,organisatie\n")
        #expect(try String(contentsOfFile: dir + "/fondsendate/toelating.csv", encoding: .utf8)
                == "project,organisatie,toegelaten,reden\n")
        #expect(try Oracles.text(dir + "/fondsendate/schema.odt").contains("Er zijn geen gesprekken gepland."))
    }
}
