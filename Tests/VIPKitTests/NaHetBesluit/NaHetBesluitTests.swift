import Foundation
import Testing
import VIPChecklist
import VIPModel
import VIPZip
@testable import VIPKit

/// After the fund decides (issue 20, na-het-besluit.md), from the book's situation
/// (`Tests/Fixtures/na-het-besluit/moestuin-na-besluit.yaml`): one fund gives less than asked
/// (VSBfonds), one refuses (Oranje Fonds), one gives what was asked (Skanfonds), and the
/// realisatie is filled in after the season.
@Suite("Na het besluit", .serialized)
struct NaHetBesluitTests {
    static let fixture = Repo.path("Tests/Fixtures/na-het-besluit/moestuin-na-besluit.yaml")
    static let register = Repo.path("Samples/fondsenregister.yaml")
    static let rijen = Repo.path("Tests/DocumentChecker/tabelrijen.py")

    static func aanvraag() throws -> Aanvraag { try AanvraagReader.read(path: fixture) }

    /// The table rows of a document, as a real reader sees them (python-docx, the ODF XML).
    static func tabelrijen(_ pad: String) throws -> [[String]] {
        let r = try run("/usr/bin/env", ["python3", rijen, pad])
        guard r.status == 0 else { throw CocoaError(.fileReadCorruptFile) }
        return r.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// `vip build` of the fixture with the example register, once for the suite.
    static let gebouwd: (map: String, stdout: String, status: Int32) = {
        let map = Repo.tempDir("na-het-besluit")
        let r = try? VipBinary.run(["build", fixture, "--register", register, "--uit", map + "/uit"])
        return (map + "/uit", r?.stdout ?? "", r?.status ?? -1)
    }()

    // MARK: The decision keys and the realisatie in the model

    @Test func theDecisionKeysAndTheRealisatieAreRead() throws {
        let a = try Self.aanvraag()
        let vsb = try #require(a.dekking(van: "VSBfonds"))
        #expect(vsb.status == .toegezegd && vsb.kenmerk == "VSB-2025-0412")
        #expect(vsb.toegezegdBedrag == Bedrag(euros: 2000) && vsb.bedrag == Bedrag(euros: 2500))
        #expect(vsb.besluitOp == Datum(jaar: 2025, maand: 2, dag: 17) && vsb.verantwoordingVoor != nil)
        #expect(vsb.voorwaarden != nil && vsb.aangevraagdOp != nil && vsb.bedanktOp != nil)
        let r = try #require(a.gerealiseerd)
        #expect(r.peildatum != nil && r.posten.count == a.begroting.posten.count && r.extra.count == 1)
        #expect(r.ontvangen.count == 4 && r.resultaten.count == a.project.resultaten.count && r.verslag?.goed != nil)
        // The dekking total counts what was given, not what was asked.
        let gevraagd = a.dekkingsplan.filter(\.telt).compactMap(\.bedrag).reduce(Bedrag.zero, +)
        #expect(a.dekkingsplan.totaal == gevraagd - (vsb.bedrag! - vsb.toegezegdBedrag!))

        // The export writes every key back, and reads back the same.
        let export = AanvraagExport.yaml(a)
        for sleutel in ["aangevraagd_op", "besluit_op", "toegezegd_bedrag", "kenmerk", "verantwoording_voor", "voorwaarden",
                        "bedankt_op", "realisatie:", "peildatum", "werkelijk", "ontvangen", "bereikt", "verslag"] {
            #expect(export.contains(sleutel), "\(sleutel)")
        }
        #expect(AanvraagExport.yaml(try AanvraagReader.parse(export, bestand: "export.yaml")) == export)
    }

    @Test func schemaAndInitKnowTheNewFields() throws {
        let schema = VIPKit.Schema.tekst
        for sleutel in ["toegezegd_bedrag", "verantwoording_voor", "realisatie", "ontvangen", "peildatum"] {
            #expect(schema.contains("\"\(sleutel)\""), "\(sleutel)")
        }
        let sjabloon = Init.sjabloon
        #expect(sjabloon.contains("    toegezegd_bedrag: ") && sjabloon.contains("\nrealisatie: "))
        // A new file's empty realisatie is no realisatie: no verantwoording, no findings about it.
        let a = try AanvraagReader.parse(sjabloon, bestand: "aanvraag.yaml")
        #expect(a.realisatie != nil && a.gerealiseerd == nil)
        let bevindingen = try Checker(spelling: nil, datum: Datum(jaar: 2026, maand: 1, dag: 1)).check(a)
        #expect(!bevindingen.contains { $0.regel.hasPrefix("realisatie") || $0.pad.hasPrefix("realisatie") })
    }

    @Test func aWrongKeyInTheRealisatieIsAReadingError() throws {
        let yaml = try String(contentsOfFile: Self.fixture, encoding: .utf8)
            .replacingOccurrences(of: "      werkelijk: 412.60", with: "      werkelijke: 412.60")
        let fout = #expect(throws: LeesFout.self) { try AanvraagReader.parse(yaml, bestand: "x.yaml") }
        #expect(fout?.melding.contains("bedoelde u `werkelijk`?") == true, "\(fout?.melding ?? "")")
        #expect(fout?.pad.hasPrefix("realisatie.posten[3]") == true)
    }

    // MARK: vip check

    @Test func checkWarnsThatTheFundGaveLessAndRemindsOfTheThanks() throws {
        let r = try VipBinary.run(["check", "--format", "json", "--datum", "2026-01-20", Self.fixture])
        #expect(r.status == 0, "\(r.stderr)")
        let lijst = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let item = try #require(lijst.first)
        #expect(item["af"] as? Bool == true)
        let bevindingen = try #require(item["bevindingen"] as? [[String: Any]])
        let regels = bevindingen.map { "\($0["regel"]!) \($0["pad"]!)" }.sorted()
        // Skanfonds decided on 24 February 2025 and has no bedankt_op; VSBfonds has one.
        #expect(regels == ["bedankbrief dekkingsplan[6].besluit_op", "dekking_na_besluit dekkingsplan"], "\(regels)")
        let a = try Self.aanvraag()
        let totalen = try #require(item["totalen"] as? [String: String])
        #expect(totalen["dekking"] == a.dekkingsplan.totaal.plain)

        // Without the date-based reminder: a day within the 14 days after the decision.
        let vroeg = try VipBinary.run(["check", "--datum", "2025-03-01", Self.fixture])
        #expect(!vroeg.stdout.contains("[bedankbrief]"))
        // With the register: the register's rules run (the example register knows none of these funds).
        let metRegister = try VipBinary.run(["check", "--register", Self.register, "--datum", "2026-01-20", Self.fixture])
        #expect(metRegister.status == 0)
        let kapot = try VipBinary.run(["check", "--register", Self.fixture, Self.fixture])
        #expect(kapot.status == 2 && kapot.stderr.contains("Dit is een aanvraag"))
    }

    @Test func theRegisterRulesRunOnlyWithARegister() throws {
        var a = try AanvraagReader.read(path: Repo.path("Samples/buurtmoestuin.yaml"))
        let i = try #require(a.fondsen.firstIndex { $0.naam == "Skanfonds" })
        a.fondsen[i].naam = "Kleine Plannen Fonds"
        let j = try #require(a.dekkingsplan.firstIndex { $0.fonds == "Skanfonds" })
        a.dekkingsplan[j].fonds = "Kleine Plannen Fonds"
        let register = try FondsenregisterReader.read(path: Self.register)
        let zonder = try Checker(spelling: nil).check(a).map(\.regel)
        #expect(!zonder.contains { $0.hasPrefix("register_") })
        let met = try Checker(spelling: nil, register: register).check(a)
        // The example register's "Kleine Plannen Fonds" gives at most € 1.500,00.
        #expect(met.contains { $0.regel == "register_bedrag" && $0.pad == "dekkingsplan[\(j)].bedrag" && $0.ernst == .fout })
    }

    // MARK: vip build

    @Test func theBooksSituationBuildsEveryDocumentAndEachPassesEveryOracle() throws {
        let g = Self.gebouwd
        #expect(g.status == 0, "\(g.stdout)")
        let a = try Self.aanvraag()
        let slugs = Pakket(aanvraag: a, map: "", opties: BuildOpties()).fondsSlugs
        var verwacht: [String] = []
        for i in a.toegezegdeFondsen { verwacht += ["bedankbrief-\(slugs[i])", "verantwoording-\(slugs[i])"] }
        for i in a.afgewezenFondsen { verwacht.append("na-afwijzing-\(slugs[i])") }
        verwacht.append("verantwoording")
        #expect(verwacht.sorted() == ["bedankbrief-skanfonds", "bedankbrief-vsbfonds", "na-afwijzing-oranje-fonds",
                                      "verantwoording", "verantwoording-skanfonds", "verantwoording-vsbfonds"])
        var nieuw: [String] = []
        for stam in verwacht {
            for ext in ["odt", "docx"] {
                let pad = g.map + "/\(stam).\(ext)"
                #expect(FileManager.default.fileExists(atPath: pad), "\(stam).\(ext)")
                nieuw.append(pad)
            }
        }
        Oracles.expectAllPass(nieuw)

        // The zip of a fund is the aanvraag as it is sent: its letter, the shared documents, the bijlagen.
        let zip = try ZipReader(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: g.map + "/aanvraag-vsbfonds.zip"))))
        #expect(Set(zip.entryNames.filter { !$0.hasPrefix("bijlagen/") })
                == Set(["brief-vsbfonds", "projectplan", "begroting", "fondsenlijst"].flatMap { ["\($0).odt", "\($0).docx"] }))

        // The same input gives the same files, byte for byte.
        let opnieuw = Repo.tempDir("na-het-besluit-opnieuw")
        defer { try? FileManager.default.removeItem(atPath: opnieuw) }
        #expect(try VipBinary.run(["build", Self.fixture, "--register", Self.register, "--uit", opnieuw]).status == 0)
        for pad in nieuw {
            let naam = (pad as NSString).lastPathComponent
            #expect(FileManager.default.contents(atPath: pad) == FileManager.default.contents(atPath: opnieuw + "/" + naam),
                    "\(naam) differs between two builds")
        }
    }

    @Test(arguments: ["odt", "docx"])
    func theBedankbriefNamesTheAmountTheKenmerkWhatNextAndTheVerantwoording(_ ext: String) throws {
        let a = try Self.aanvraag()
        for i in a.toegezegdeFondsen {
            let fonds = a.fondsen[i]
            let d = try #require(a.dekking(van: fonds.naam!))
            let slug = Pakket(aanvraag: a, map: "", opties: BuildOpties()).fondsSlugs[i]
            let tekst = try Oracles.text(Self.gebouwd.map + "/bedankbrief-\(slug).\(ext)")
            // Addressed like the letter of the aanvraag.
            for regel in [fonds.naam, fonds.terAttentieVan.map { "t.a.v. \($0)" }, fonds.adres?.straat, fonds.aanhef] {
                #expect(tekst.contains(try #require(regel)), "\(regel ?? "") in \(slug)")
            }
            #expect(tekst.contains(try #require(d.geteldBedrag).description))
            #expect(tekst.contains(try #require(d.kenmerk)))
            #expect(tekst.contains("Hoe het nu verder gaat"))
            #expect(tekst.contains(try #require(a.project.activiteiten.first?.naam)))
            #expect(tekst.contains("uiterlijk op \(try #require(d.verantwoordingVoor))"))
            if let minder = d.minderDanGevraagd {
                #expect(tekst.contains(d.bedrag!.description) && tekst.contains(minder.description))
            }
        }
    }

    @Test(arguments: ["odt", "docx"])
    func theCallSheetHasTheFiveQuestionsAndTheFittingFunds(_ ext: String) throws {
        let a = try Self.aanvraag()
        let i = try #require(a.afgewezenFondsen.first)
        let fonds = a.fondsen[i]
        let pad = Self.gebouwd.map + "/na-afwijzing-oranje-fonds.\(ext)"
        let tekst = try Oracles.text(pad)
        let tav = try #require(fonds.terAttentieVan), straat = try #require(fonds.adres?.straat)
        #expect(tekst.contains(tav) && tekst.contains(straat))
        #expect(tekst.contains(try #require(a.dekking(van: fonds.naam!)?.kenmerk)))
        let rijen = try Self.tabelrijen(pad)
        #expect(rijen.first == ["Vraag", "Antwoord"])
        for (n, vraag) in NaAfwijzingBuilder.vragen.enumerated() {
            #expect(rijen.contains { $0.first == "\(n + 1). \(vraag)" && $0.count == 2 }, "\(vraag)")
        }
        #expect(NaAfwijzingBuilder.vragen.count == 5)
        // The register's fitting funds not asked yet, searched for the refused amount on the day of the refusal.
        let register = try FondsenregisterReader.read(path: Self.register)
        let d = try #require(a.dekking(van: fonds.naam!))
        let r = FondsenZoeker(register: register).zoek(a, bedrag: d.bedrag, datum: d.besluitOp)
        #expect(!r.passend.isEmpty && !r.nietPassend.isEmpty)
        for t in r.passend.prefix(NaAfwijzingBuilder.maxFondsen) { #expect(rijen.contains { $0.first == t.fonds.naam }) }
        for t in r.nietPassend { #expect(!rijen.contains { $0.first == t.fonds.naam }, "\(t.fonds.naam)") }
    }

    /// Every amount of the verantwoording, recomputed here from the input and found in the document
    /// to the cent: per post and per categorie begroot, werkelijk and the difference, the totals,
    /// and per dekkingsplan entry what was promised and received.
    @Test(arguments: ["verantwoording", "verantwoording-vsbfonds", "verantwoording-skanfonds"], ["odt", "docx"])
    func everyAmountOfTheVerantwoordingToTheCent(_ stam: String, _ ext: String) throws {
        let a = try Self.aanvraag()
        let r = try #require(a.realisatie)
        let rijen = try Self.tabelrijen(Self.gebouwd.map + "/\(stam).\(ext)")
        func euro(_ cents: Int64) -> String { Bedrag(cents: cents).description }
        func verschil(_ cents: Int64) -> String { cents == 0 ? euro(0) : (cents > 0 ? "+" : "\u{2212}") + euro(abs(cents)) }
        func rij(_ cellen: [String], _ wat: String) {
            #expect(rijen.contains(cellen), "\(wat): no row \(cellen) in \(stam).\(ext)")
        }

        // Begroot: aantal × prijs, rounded half up to the cent (or the post's own bedrag).
        func begroot(_ p: Post) -> Int64 {
            if let b = p.bedrag { return b.cents }
            let product = p.aantal!.hundredths * p.prijs!.cents
            return (product + 50) / 100
        }
        var werkelijk: [String: Int64] = [:]
        for p in r.posten { werkelijk[p.post!, default: 0] += p.werkelijk!.cents }
        var categorieen: [String] = []
        var perCategorie: [String: (begroot: Int64, werkelijk: Int64)] = [:]
        for p in a.begroting.posten {
            let c = p.categorie!
            if perCategorie[c] == nil { categorieen.append(c); perCategorie[c] = (0, 0) }
            let b = begroot(p), w = werkelijk[p.post!]!
            perCategorie[c]!.begroot += b
            perCategorie[c]!.werkelijk += w
            rij([p.post!, euro(b), euro(w), verschil(w - b)], "post")
        }
        for e in r.extra {
            let c = e.categorie!
            if perCategorie[c] == nil { categorieen.append(c); perCategorie[c] = (0, 0) }
            perCategorie[c]!.werkelijk += e.werkelijk!.cents
            rij([e.post! + " (niet begroot)", euro(0), euro(e.werkelijk!.cents), verschil(e.werkelijk!.cents)], "extra")
        }
        var totaalBegroot: Int64 = 0, totaalWerkelijk: Int64 = 0
        for c in categorieen {
            let (b, w) = perCategorie[c]!
            totaalBegroot += b
            totaalWerkelijk += w
            rij(["Subtotaal \(c)", euro(b), euro(w), verschil(w - b)], "subtotaal")
        }
        rij(["Totaal", euro(totaalBegroot), euro(totaalWerkelijk), verschil(totaalWerkelijk - totaalBegroot)], "totaal")
        #expect(totaalBegroot == a.begroting.totaal.cents)

        // The dekking: promised (status toegezegd; toegezegd_bedrag where given) and received.
        var ontvangen: [String: Int64] = [:]
        for o in r.ontvangen { ontvangen[o.fonds ?? o.bron!, default: 0] += o.bedrag!.cents }
        var toegezegdTotaal: Int64 = 0
        for d in a.dekkingsplan {
            let toegezegd = d.status == .toegezegd ? (d.toegezegdBedrag ?? d.bedrag)!.cents : nil
            toegezegdTotaal += toegezegd ?? 0
            let cellen = rijen.first { $0.first == d.naam }
            #expect(cellen?[2] == toegezegd.map(euro) ?? "\u{2014}", "toegezegd van \(d.naam)")
            #expect(cellen?[3] == ontvangen[d.naam].map(euro) ?? "\u{2014}", "ontvangen van \(d.naam)")
        }
        let ontvangenTotaal = ontvangen.values.reduce(0, +)
        rij(["Totaal", "", euro(toegezegdTotaal), euro(ontvangenTotaal)], "dekking")
        let tekst = try Oracles.text(Self.gebouwd.map + "/\(stam).\(ext)")
        #expect(tekst.contains("De werkelijke kosten zijn \(euro(totaalWerkelijk)); toegezegd is \(euro(toegezegdTotaal)), "
                               + "ontvangen \(euro(ontvangenTotaal))."))

        // Each planned resultaat with what was reached.
        for p in a.project.resultaten {
            let bereikt = r.resultaten.first { $0.resultaat == p.resultaat }?.bereikt
            rij([p.resultaat!, try #require(bereikt)], "resultaat")
        }
        #expect(tekst.contains(try #require(r.verslag?.beter?.split(separator: " ").prefix(6).joined(separator: " "))))
    }

    @Test func aFundsVerantwoordingIsAddressedToItWithWhatItGaveAndWhatCameIn() throws {
        let a = try Self.aanvraag()
        let tekst = try Oracles.text(Self.gebouwd.map + "/verantwoording-vsbfonds.docx")
        let d = try #require(a.dekking(van: "VSBfonds"))
        let binnen = try #require(a.realisatie?.ontvangen.filter { $0.fonds == "VSBfonds" })
        let kenmerk = try #require(d.kenmerk)
        #expect(tekst.contains("Verantwoording aan VSBfonds") && tekst.contains(kenmerk))
        #expect(tekst.contains(binnen.compactMap(\.bedrag).reduce(Bedrag.zero, +).description))
        #expect(tekst.contains(try #require(d.voorwaarden)))
        #expect(tekst.contains(try #require(a.fondsen.first { $0.naam == "VSBfonds" }?.aanhef)))
        // Without a realisatie there is no verantwoording.
        var zonder = a
        zonder.realisatie = nil
        let namen = try Pakket(aanvraag: zonder, map: Repo.fixtureFolder, opties: BuildOpties()).maak().map(\.naam)
        #expect(!namen.contains { $0.hasPrefix("verantwoording") })
        #expect(namen.contains("bedankbrief-vsbfonds.odt") && namen.contains("na-afwijzing-oranje-fonds.docx"))
    }

    // MARK: PDFs a fund can archive

    /// `--pdf`: tagged PDF/A-2b, from the ODT and from the DOCX; the headings and the header rows
    /// of the tables are tags; the call sheet is one page.
    @Test(arguments: ["odt", "docx"])
    func pdfsAreTaggedPdfA2(_ formaat: String) throws {
        guard PDF.soffice() != nil else {
            Issue.record("LibreOffice is needed for --pdf (make setup-test installs it)")
            return
        }
        let map = Repo.tempDir("na-het-besluit-pdf")
        defer { try? FileManager.default.removeItem(atPath: map) }
        // An early date, so that more of the register's funds fit and the call sheet is at its fullest.
        let r = try VipBinary.run(["build", Self.fixture, "--pdf", "--formaat", formaat, "--register", Self.register,
                                   "--datum", "2024-06-01", "--uit", map])
        #expect(r.status == 0, "\(r.stderr)")
        let pdfs = BuildTests.files(in: map).filter { $0.hasSuffix(".pdf") }
        #expect(pdfs.count == BuildTests.files(in: map).filter { $0.hasSuffix("." + formaat) }.count && !pdfs.isEmpty)
        for pdf in pdfs {
            let info = try run("/usr/bin/env", ["pdfinfo", pdf]).stdout
            #expect(info.contains("Tagged:          yes"), "\(pdf): \(info)")
            let xmp = try run("/usr/bin/env", ["pdfinfo", "-meta", pdf]).stdout
            #expect(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "\(pdf)")
            #expect(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "\(pdf)")
        }
        let belblad = map + "/na-afwijzing-oranje-fonds.pdf"
        #expect(try run("/usr/bin/env", ["pdfinfo", belblad]).stdout.contains("Pages:           1"))
        let fondsen = try Self.tabelrijen(map + "/na-afwijzing-oranje-fonds.\(formaat)").filter { $0.count == 3 }.dropFirst()
        #expect(fondsen.count >= 3, "\(fondsen)")
        let structuur = try run("/usr/bin/env", ["pdfinfo", "-struct", map + "/verantwoording.pdf"]).stdout
        for tag in ["H1", "H2", "H3", "Table", "TH", "TD"] {
            #expect(structuur.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix(tag) },
                    "no \(tag) in the structure of verantwoording.pdf (\(formaat))")
        }
    }
}
