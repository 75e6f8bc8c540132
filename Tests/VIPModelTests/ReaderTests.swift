import Foundation
import Testing
@testable import VIPModel
import VIPTestSupport

/// The repository's fully filled example aanvraag (Tests/Fixtures/leeswerf/).
let fixture = Repo.fixture

func readError(_ yaml: String) -> LeesFout? {
    do {
        _ = try AanvraagReader.parse(yaml, bestand: "t.yaml")
        return nil
    } catch {
        return error
    }
}

@Suite struct ReaderTests {
    @Test func readsTheFixture() throws {
        let a = try AanvraagReader.read(path: fixture)
        #expect(a.organisatie.naam == "Stichting De Leeswerf")
        #expect(a.begroting.posten.count == 8)
        #expect(a.begroting.totaal == Bedrag(cents: 7_025_00))
        #expect(a.dekkingsplan.totaal == Bedrag(cents: 7_025_00))
        #expect(a.organisatie.kvk == "71234567")
        #expect(a.organisatie.logo == "logo.png")
        #expect(a.project.periode.start == Datum(jaar: 2025, maand: 9, dag: 1))
        #expect(a.bron.marks["begroting.posten[2].prijs"] == SourceMark(line: 188, column: 14))
        #expect(a.organisatie.contactpersoon?.telefoon == "010 4567890")
        // Dutch notation in quotes and day-first dates, as users write them.
        #expect(a.begroting.posten[4].prijs == Bedrag(cents: 120_00))
        #expect(a.dekkingsplan[4].bedrag == Bedrag(cents: 2_500_00))
        #expect(a.project.activiteiten[0].start == Datum(jaar: 2025, maand: 9, dag: 1))
        #expect(a.bijlagen.count == 7 && a.bijlagen[0].bestand == "bijlagen/statuten.pdf")
        #expect(a.organisatie.bestuur.map(\.naam) == ["Wilma van den Heuvel", "Özlem Kaya", "Johan Verhoeven"])
    }

    @Test func bareDraftIsReadable() throws {
        let a = try AanvraagReader.parse("formaat: vip-aanvraag/1\norganisatie:\n  naam: Stichting X\n")
        #expect(a.organisatie.naam == "Stichting X")
        #expect(a.project.titel == nil)
    }

    @Test func unknownKeyIsAnErrorWithSuggestion() throws {
        let e = try #require(readError("formaat: vip-aanvraag/1\nproject:\n  doelgrop: x\n"))
        #expect(e.mark == SourceMark(line: 3, column: 3))
        #expect(e.pad == "project.doelgrop")
        #expect(e.melding.contains("bedoelde u `doelgroep`?"))
    }

    @Test func wrongFormatNamesTheSupportedVersion() throws {
        let e = try #require(readError("formaat: vip-aanvraag/2\n"))
        #expect(e.melding.contains("vip-aanvraag/1"))
        #expect(e.mark?.line == 1)
        let missing = try #require(readError("organisatie: {naam: X}\n"))
        #expect(missing.melding.contains("formaat"))
    }

    @Test(arguments: [
        ("1250", Int64(125_000)), ("32.50", 3_250), ("32.5", 3_250), ("\"1.250,00\"", 125_000),
        ("\"€ 1.250\"", 125_000), ("\"32,50\"", 3_250), ("\"1.500\"", 150_000), ("1.250,00", 125_000),
        ("\"€1.234.567,89\"", 123_456_789), ("0", 0), ("\"1250,-\"", 125_000),
    ])
    func amounts(_ written: String, _ cents: Int64) throws {
        let a = try AanvraagReader.parse("formaat: vip-aanvraag/1\ndekkingsplan:\n  - bedrag: \(written)\n")
        #expect(a.dekkingsplan[0].bedrag == Bedrag(cents: cents))
    }

    @Test func ambiguousAmountAsksWhichWasMeant() throws {
        let e = try #require(readError("formaat: vip-aanvraag/1\ndekkingsplan:\n  - bedrag: 1.500\n"))
        #expect(e.melding.contains("dubbelzinnig"))
        #expect(e.mark == SourceMark(line: 3, column: 13))
        #expect(e.pad == "dekkingsplan[0].bedrag")
    }

    @Test(arguments: ["12.345", "1,234", "\"1,2345\"", "12.3456"])
    func tooManyDecimalsOrAmbiguousIsRefused(_ written: String) {
        #expect(readError("formaat: vip-aanvraag/1\ndekkingsplan:\n  - bedrag: \(written)\n") != nil)
    }

    @Test(arguments: ["abc", "[1, 2]", "\"12 euro\"", "1e3"])
    func nonAmountsAreRefusedWithAnExample(_ written: String) throws {
        let e = try #require(readError("formaat: vip-aanvraag/1\ndekkingsplan:\n  - bedrag: \(written)\n"))
        #expect(e.melding.contains("1250"))
    }

    @Test func dates() throws {
        let a = try AanvraagReader.parse("formaat: vip-aanvraag/1\nbrief:\n  datum: 1-9-2011\n")
        #expect(a.brief.datum == Datum(jaar: 2011, maand: 9, dag: 1))
        #expect(readError("formaat: vip-aanvraag/1\nbrief:\n  datum: 2011/09/01\n") != nil)
        #expect(readError("formaat: vip-aanvraag/1\nbrief:\n  datum: 31-2-2011\n") != nil)
        #expect(Datum.parse("2011-09-01")?.description == "1 september 2011")
    }

    @Test func controlCharactersAreRefusedNamingTheField() throws {
        let e = try #require(readError("formaat: vip-aanvraag/1\nproject:\n  titel: \"Buurt\\u0007feest\"\n"))
        #expect(e.melding.contains("`titel`"))
        #expect(e.pad == "project.titel")
    }

    @Test func unicodeTextIsKept() throws {
        let a = try AanvraagReader.parse("formaat: vip-aanvraag/1\nproject:\n  titel: \"Eten & <drinken> مرحبا İstanbul 🎉\"\n")
        #expect(a.project.titel == "Eten & <drinken> مرحبا İstanbul 🎉")
    }

    @Test func enumValueOutsideTheSetIsAReadingError() throws {
        let e = try #require(readError("formaat: vip-aanvraag/1\ndekkingsplan:\n  - status: toegezed\n"))
        #expect(e.melding.contains("bedoelde u `toegezegd`?"))
    }

    @Test func emptyValuesCountAsMissing() throws {
        let a = try AanvraagReader.parse("formaat: vip-aanvraag/1\nproject:\n  titel: \"\"\n  doel: ~\n  samenvatting:\n")
        #expect(a.project.titel == nil && a.project.doel == nil && a.project.samenvatting == nil)
    }

    @Test func postcodesAreNormalised() throws {
        let a = try AanvraagReader.parse("formaat: vip-aanvraag/1\norganisatie:\n  adres: {straat: a, postcode: 1066js, plaats: b}\n")
        #expect(a.organisatie.adres?.postcode == "1066 JS")
    }

    @Test func syntaxErrorsCarryLineAndColumn() throws {
        let e = try #require(readError("formaat: vip-aanvraag/1\nproject:\n  titel: Dit: is fout\n"))
        #expect(e.mark?.line == 3)
        #expect(e.melding.contains("dubbele punt"))
    }

    @Test func duplicateKeysAreRefused() throws {
        let e = try #require(readError("formaat: vip-aanvraag/1\nproject:\n  titel: a\n  titel: b\n"))
        #expect(e.mark?.line == 4)
    }

    /// Duplicates are looked for along the list in small mappings and by hash in large ones:
    /// both sides of the boundary, a repeat of the first and of the last key.
    @Test(arguments: [3, 15, 16, 17, 40])
    func duplicateKeysAreRefusedInMappingsOfAnySize(sleutels n: Int) throws {
        let mapping = (1...n).map { "  k\($0): w\n" }.joined()
        for herhaald in [1, n] {
            let e = try #require(readError("formaat: vip-aanvraag/1\nx:\n" + mapping + "  k\(herhaald): opnieuw\n"))
            #expect(e.mark?.line == n + 3)
            #expect(e.melding.contains("`k\(herhaald)` staat hier twee keer (eerder op regel \(herhaald + 2))"), "\(e.melding)")
        }
    }

    @Test func billionLaughsIsRefusedQuickly() throws {
        var yaml = "formaat: vip-aanvraag/1\nwoordenlijst: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        yaml += "negeer:\n"
        for i in 1...9 {
            let refs = Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ")
            yaml += "  - &a\(i) [\(refs)]\n"
        }
        let start = ContinuousClock.now
        let e = try #require(readError(yaml))
        #expect(ContinuousClock.now - start < .seconds(1))
        #expect(e.melding.contains("te groot"))
    }

    @Test func aliasAsKeyCannotHang() throws {
        let e = try #require(readError("formaat: vip-aanvraag/1\nx: &a [1]\n? *a\n: b\n"))
        #expect(e.melding.contains("sleutel"))
    }

    @Test func deepNestingIsRefused() throws {
        let yaml = "formaat: vip-aanvraag/1\nwoordenlijst: " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "\n"
        let e = try #require(readError(yaml))
        #expect(e.melding.contains("diep"))
    }

    @Test func binaryAndInvalidUTF8AndEmptyAreRefused() throws {
        #expect(throws: LeesFout.self) { try AanvraagReader.parse([0x66, 0x00, 0x01], bestand: "b") }
        let bad = try #require(throws: LeesFout.self) {
            try AanvraagReader.parse(Array("formaat: vip-aanvraag/1\ntitel: ".utf8) + [0xC3, 0x28], bestand: "b")
        }
        #expect(bad.mark?.line == 2)
        let empty = try #require(throws: LeesFout.self) { try AanvraagReader.parse([], bestand: "b") }
        #expect(empty.melding.contains("leeg"))
    }

    @Test func pathsOutsideTheFolderAreRefused() {
        #expect(readError("formaat: vip-aanvraag/1\norganisatie:\n  logo: ../geheim.png\n") != nil)
        #expect(readError("formaat: vip-aanvraag/1\nbijlagen:\n  - bestand: /etc/passwd\n") != nil)
    }

    @Test func missingFieldLocatesItsSection() throws {
        let a = try AanvraagReader.parse("formaat: vip-aanvraag/1\nproject:\n  titel: X\n")
        #expect(a.bron.locate("project.doelgroep.omschrijving") == SourceMark(line: 3, column: 3))
    }

    @Test func amountFormatting() {
        #expect(Bedrag(cents: 123_450).formatted() == "€\u{00A0}1.234,50")
        #expect(Bedrag(cents: 5).formatted(symbol: false) == "0,05")
        #expect(Bedrag(cents: -100_000_000).formatted(symbol: false) == "-1.000.000,00")
        #expect(Bedrag(cents: 666_750).plain == "6667.50")
        #expect(Hoeveelheid(hundredths: 150).times(Bedrag(cents: 1225)) == Bedrag(cents: 1838))
    }
}

/// The decoder of the model keeps, per section, which keys the model asked for; each record
/// holds its section's decoder, and each decoder the record-keeper. That cycle must be broken
/// once the model is decoded, or every aanvraag read stays in memory (a course of 1 000 grew
/// from 25 to 100 MB before this was caught by `make bench`).
@Suite struct InhoudDecoderTests {
    @Test func whatTheModelLeavesHasItsPathAndNothingStaysAlive() throws {
        weak var achtergebleven: InhoudDecoder.Spoor?
        let a = try AanvraagReader.read(path: fixture)
        #expect(!a.fondsen.isEmpty)
        let boom = a.inhoud
            .met(.tekst("x"), op: Inhoud.stappen("project.nieuwVeld")[...])
            .met(.tekst("NL00"), op: Inhoud.stappen("fondsen[0].iban")[...])
        let overige = try {
            let spoor = InhoudDecoder.Spoor()
            achtergebleven = spoor
            return try InhoudDecoder.decode(Aanvraag.self, from: boom, spoor: spoor).overige
        }()
        var verwacht = a.overige.waarden
        verwacht["project.nieuwVeld"] = .tekst("x")
        verwacht["fondsen[0].iban"] = .tekst("NL00")
        #expect(overige == verwacht)
        #expect(achtergebleven == nil)
    }
}

/// Amounts, numbers and dates of digits alone are read from their bytes; everything else goes
/// the general way, a Character at a time. Both ways must give the same answer for every text.
@Suite struct SnelleLeesweg {
    /// Every text of up to `lengte` characters over `tekens`, and a spread of longer ones.
    static func teksten(_ tekens: [String], lengte: Int) -> [String] {
        var uit = [""], laag = [""]
        for _ in 0..<lengte {
            laag = laag.flatMap { t in tekens.map { t + $0 } }
            uit += laag
        }
        var g = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            uit.append((0..<Int.random(in: 5...20, using: &g)).map { _ in tekens.randomElement(using: &g)! }.joined())
        }
        return uit
    }

    @Test func bedragenAlsDeAlgemeneWeg() {
        let tekens = ["0", "1", "9", ".", ",", "-", " ", "€", "\u{A0}", "a", "é"]
        var snel = 0
        for t in Self.teksten(tekens, lengte: 5) + ["1234567890123", "12345678901234", "1234567890123.45", "0012.5"] {
            for plain in [true, false] {
                #expect(AmountSyntax.parse(t, plain: plain) == AmountSyntax.parseAlgemeen(t, plain: plain), "\(t) \(plain)")
            }
            if case .value = AmountSyntax.parse(t, plain: true), t.utf8.allSatisfy({ $0 == 0x2E || (0x30...0x39).contains($0) }) {
                snel += 1
            }
        }
        #expect(snel > 300)   // the byte path is taken, not only the general one
    }

    @Test func datumsAlsDeAlgemeneWeg() {
        let tekens = ["0", "1", "2", "3", "9", "-", " ", "\u{A0}", "x"]
        var gelezen = 0
        var datums = ["2011-09-01", "1-9-2011", "2011-9-1", "2011-02-30", "20110-1-1", "1-1-1-1", " 2011-09-01", "2011-09-01\u{A0}"]
        for jaar in ["2024", "0000", "1900", "24"] {
            for maand in ["1", "02", "13", "0", "002"] {
                for dag in ["1", "29", "31", "32", "07"] {
                    datums += ["\(jaar)-\(maand)-\(dag)", "\(dag)-\(maand)-\(jaar)"]
                }
            }
        }
        for t in Self.teksten(tekens, lengte: 6) + datums {
            #expect(Datum.parse(t) == Datum.parseAlgemeen(t), "\(t)")
            if Datum.parse(t) != nil { gelezen += 1 }
        }
        #expect(gelezen > 20)   // valid dates are among them, not only refusals
    }

    @Test func padZonderIndexAlsZonderIndex() {
        let paden = ["", "a", "a[1]", "a[12].b", "a[1].b[2]", "a[]", "a[x]y", "[1]", "a[[1]]", "a]1[", "begroting.posten[3]"]
        let patronen = paden + paden.map(Veldentabel.zonderIndex) + ["begroting.posten[]", "a[].b", "a[", "a[]y"]
        for pad in paden {
            for patroon in patronen {
                #expect(Veldentabel.pad(pad, zonderIndexIs: patroon) == (Veldentabel.zonderIndex(pad) == patroon), "\(pad) \(patroon)")
            }
        }
    }
}

/// `InputFile.checkText` reads eight ASCII bytes at a time and counts the place of a
/// fault only when there is one; the standard library's UTF-8 check is the oracle.
@Suite struct TekstControle {
    static func fout(_ bytes: [UInt8]) -> LeesFout? {
        do {
            try InputFile.checkText(bytes, bestand: "t.yaml", limits: ReadLimits.standard)
            return nil
        } catch {
            return error
        }
    }

    @Test func weigertPreciesWatGeenUTF8IsOfEenNulByteHeeft() {
        let stukken: [[UInt8]] = [
            Array("abcdefgh".utf8), Array("x: y\n".utf8), Array("ë€𝄞".utf8), [0], [0x80], [0xC0, 0xAF],
            [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x80, 0x80], [0xFF],
            [0xE2, 0x82], [0xEB], Array("      \n".utf8),
        ]
        var g = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            var bytes = Array("formaat: 1\n".utf8)
            for _ in 0..<Int.random(in: 0...12, using: &g) {
                bytes += Bool.random(using: &g) ? stukken[0] : stukken.randomElement(using: &g)!
            }
            let verwacht = bytes.contains(0) || String(validating: bytes, as: UTF8.self) == nil
            #expect((Self.fout(bytes) != nil) == verwacht, "\(bytes)")
        }
    }

    @Test func noemtRegelEnKolomVanDeEersteFout() {
        let gevallen: [([UInt8], Int, Int, String)] = [
            (Array("abcdefghij\nklm".utf8) + [0xEB], 2, 4, "UTF-8-tekst (byte 15)"),
            (Array("€€€€€€€€\nx€".utf8) + [0], 2, 3, "binaire gegevens"),
            ([0xFF] + Array("abcdefghijklmnop".utf8), 1, 1, "UTF-8-tekst (byte 1)"),
            (Array("abcdefghijklmnop\n\n\nabcdefgh".utf8) + [0xF8, 0x80, 0x80], 4, 9, "UTF-8-tekst (byte 28)"),
        ]
        for (bytes, regel, kolom, melding) in gevallen {
            let fout = Self.fout(bytes)
            #expect(fout?.mark == SourceMark(line: regel, column: kolom), "\(bytes)")
            #expect(fout?.melding.contains(melding) == true, "\(fout?.melding ?? "geen fout")")
        }
    }
}
