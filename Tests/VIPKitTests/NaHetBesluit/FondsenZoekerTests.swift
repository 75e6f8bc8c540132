import Foundation
import Testing
import VIPModel
@testable import VIPKit

/// `vip fondsen zoek` (na-het-besluit.md, "The fund register"): every reason a fund does not fit,
/// every tie-break of the ranking, and the funds already in the dekkingsplan.
@Suite("Fondsenregister: zoeken")
struct FondsenZoekerTests {
    /// A project in Arnhem Presikhaaf about natuur, ontmoeting and participatie, starting on
    /// 1 March 2025; the largest amount asked of a fund is € 3.500,00 (from a fund that refused).
    static let aanvraagYAML = """
        formaat: vip-aanvraag/1
        project:
          titel: Proeftuin
          thema: [natuur, ontmoeting, participatie]
          regio: Arnhem Presikhaaf
          periode: {start: 2025-03-01, eind: 2025-12-31}
        dekkingsplan:
          - {fonds: Bekend Fonds, bedrag: 3500, status: afgewezen}
          - {fonds: Ander Fonds, bedrag: 2000, status: aangevraagd}
          - {bron: Eigen middelen, soort: eigen-middelen, bedrag: 9000, status: toegezegd}
        fondsen:
          - naam: Bekend Fonds
          - naam: Ander Fonds
        """

    static let aanvraag: Aanvraag = try! AanvraagReader.parse(aanvraagYAML, bestand: "proef.yaml")
    /// 119 days (17 weeks) before the start.
    static let datum = Datum(jaar: 2024, maand: 11, dag: 2)!

    static func register(_ fondsen: String) throws -> Fondsenregister {
        try FondsenregisterReader.parse("formaat: vip-fondsenregister/1\nfondsen:\n" + fondsen, bestand: "register.yaml")
    }

    /// One fund, the amount to search with (nil: the default), and what must fail.
    struct Geval: Sendable, CustomStringConvertible {
        var description: String
        var fonds: String
        var bedrag: Bedrag? = nil
        var redenen: [FondsenZoeker.Reden]
    }

    static let gevallen: [Geval] = [
        Geval(description: "past: thema, landelijk, bedrag en termijn",
              fonds: "{naam: F, themas: [natuur], regio: [landelijk], bedrag: {min: 1000, max: 5000}, beslistermijn_weken: 16}",
              redenen: []),
        Geval(description: "thema: geen gedeeld thema", fonds: "{naam: F, themas: [cultuur, sport], regio: [landelijk]}",
              redenen: [.thema]),
        Geval(description: "thema: hoofdletters en accenten tellen niet",
              fonds: "{naam: F, themas: [\"Ontmoeting \"], regio: [landelijk]}", redenen: []),
        Geval(description: "regio: een andere plaats", fonds: "{naam: F, themas: [natuur], regio: [Utrecht]}",
              redenen: [.regio]),
        Geval(description: "regio: de plaats van het project", fonds: "{naam: F, themas: [natuur], regio: [Arnhem]}",
              redenen: []),
        Geval(description: "regio: alleen hele woorden (Arn is geen Arnhem)", fonds: "{naam: F, themas: [natuur], regio: [Arn]}",
              redenen: [.regio]),
        Geval(description: "regio: het register noemt er geen", fonds: "{naam: F, themas: [natuur]}", redenen: [.regio]),
        Geval(description: "bedrag: boven het maximum", fonds: "{naam: F, themas: [natuur], regio: [landelijk], bedrag: {max: 3499.99}}",
              redenen: [.bedrag]),
        Geval(description: "bedrag: onder het minimum", fonds: "{naam: F, themas: [natuur], regio: [landelijk], bedrag: {min: 3500.01}}",
              redenen: [.bedrag]),
        Geval(description: "bedrag: grenzen tellen mee", fonds: "{naam: F, themas: [natuur], regio: [landelijk], bedrag: {min: 3500, max: 3500}}",
              redenen: []),
        Geval(description: "bedrag: --bedrag gaat voor", fonds: "{naam: F, themas: [natuur], regio: [landelijk], bedrag: {max: 1000}}",
              bedrag: Bedrag(euros: 1000), redenen: []),
        Geval(description: "termijn: besluit precies op de startdatum is te laat",
              fonds: "{naam: F, themas: [natuur], regio: [landelijk], beslistermijn_weken: 17}", redenen: [.termijn]),
        Geval(description: "termijn: een week eerder past",
              fonds: "{naam: F, themas: [natuur], regio: [landelijk], beslistermijn_weken: 16}", redenen: []),
        Geval(description: "alles tegelijk, in vaste volgorde",
              fonds: "{naam: F, themas: [sport], regio: [Utrecht], bedrag: {min: 5000}, beslistermijn_weken: 52}",
              redenen: [.thema, .regio, .bedrag, .termijn]),
    ]

    @Test(arguments: gevallen)
    func eenFondsPastOfZegtWaaromNiet(_ geval: Geval) throws {
        let zoeker = FondsenZoeker(register: try Self.register("  - " + geval.fonds + "\n"))
        let r = zoeker.zoek(Self.aanvraag, bedrag: geval.bedrag, datum: Self.datum)
        #expect(r.alAangevraagd.isEmpty)
        if geval.redenen.isEmpty {
            #expect(r.passend.map(\.fonds.naam) == ["F"] && r.nietPassend.isEmpty)
        } else {
            #expect(r.passend.isEmpty)
            let t = try #require(r.nietPassend.first)
            #expect(t.redenen == geval.redenen)
            // Each failed criterion is explained in words, and named in the JSON.
            for reden in geval.redenen { #expect(t.uitleg.contains { $0.hasPrefix(reden.rawValue + ":") }) }
            let json = r.json.serialised()
            #expect(json.contains("\"redenen\": [\n" + geval.redenen.map { "        \"\($0.rawValue)\"" }.joined(separator: ",\n")),
                    "\(json)")
        }
    }

    /// Two fitting funds, and which comes first.
    struct Volgorde: Sendable, CustomStringConvertible {
        var description: String
        var fondsen: String
        var verwacht: [String]
    }

    static let volgordes: [Volgorde] = [
        Volgorde(description: "meer gedeelde thema's gaan voor, ook voor de eigen plaats",
                 fondsen: "  - {naam: Aa Plaatselijk, themas: [natuur], regio: [Arnhem]}\n"
                    + "  - {naam: Zz Breed, themas: [natuur, ontmoeting], regio: [landelijk]}\n",
                 verwacht: ["Zz Breed", "Aa Plaatselijk"]),
        Volgorde(description: "bij gelijke thema's: de plaats van het project voor landelijk",
                 fondsen: "  - {naam: Aa Landelijk, themas: [natuur], regio: [landelijk]}\n"
                    + "  - {naam: Zz Arnhem, themas: [ontmoeting], regio: [Gelderland, Arnhem]}\n",
                 verwacht: ["Zz Arnhem", "Aa Landelijk"]),
        Volgorde(description: "een fonds dat landelijk werkt én de plaats noemt, telt als plaats",
                 fondsen: "  - {naam: Aa Landelijk, themas: [natuur], regio: [landelijk]}\n"
                    + "  - {naam: Zz Beide, themas: [natuur], regio: [landelijk, Arnhem]}\n",
                 verwacht: ["Zz Beide", "Aa Landelijk"]),
        Volgorde(description: "daarna op naam, zonder op hoofdletters of accenten te letten",
                 fondsen: "  - {naam: Fonds Zuid, themas: [natuur], regio: [landelijk]}\n"
                    + "  - {naam: Één Fonds, themas: [natuur], regio: [landelijk]}\n"
                    + "  - {naam: beter fonds, themas: [natuur], regio: [landelijk]}\n",
                 verwacht: ["beter fonds", "Één Fonds", "Fonds Zuid"]),
    ]

    @Test(arguments: volgordes)
    func deBesteEerst(_ geval: Volgorde) throws {
        let r = FondsenZoeker(register: try Self.register(geval.fondsen)).zoek(Self.aanvraag, datum: Self.datum)
        #expect(r.passend.map(\.fonds.naam) == geval.verwacht)
        #expect(r.nietPassend.isEmpty)
    }

    /// Every register fund the dekkingsplan names stands under `al_aangevraagd` and nowhere else,
    /// fitting or not, whatever its status.
    @Test func alAangevraagdStaatApart() throws {
        let register = try Self.register("""
              - {naam: bekend  fonds, themas: [natuur], regio: [landelijk]}
              - {naam: Ander Fonds, themas: [cultuur], regio: [Utrecht]}
              - {naam: Nieuw Fonds, themas: [natuur], regio: [landelijk]}

            """)
        let r = FondsenZoeker(register: register).zoek(Self.aanvraag, datum: Self.datum)
        #expect(r.alAangevraagd.map(\.naam) == ["bekend  fonds", "Ander Fonds"])
        #expect(r.passend.map(\.fonds.naam) == ["Nieuw Fonds"])
        #expect(r.nietPassend.isEmpty)
        // The default amount is the largest asked of a fund (also a refused one), not a source's.
        #expect(r.bedrag == Bedrag(euros: 3500))
        let json = r.json.serialised()
        #expect(json.contains("\"al_aangevraagd\": [\n    {\n      \"naam\": \"bekend  fonds\"\n    },"))
    }

    /// The command: text and JSON, the example register, and its errors.
    @Test func deOpdrachtregel() throws {
        let args = ["fondsen", "zoek", Repo.path("Samples/buurtmoestuin.yaml"), "--register",
                    Repo.path("Samples/fondsenregister.yaml"), "--datum", "2024-11-01"]
        let tekst = try VipBinary.run(args)
        #expect(tekst.status == 0, "\(tekst.stderr)")
        let a = try AanvraagReader.read(path: Repo.path("Samples/buurtmoestuin.yaml"))
        let register = try FondsenregisterReader.read(path: Repo.path("Samples/fondsenregister.yaml"))
        let r = FondsenZoeker(register: register).zoek(a, datum: Datum.parse("2024-11-01"))
        #expect(!r.passend.isEmpty && !r.nietPassend.isEmpty)
        #expect(tekst.stdout == r.tekst(titel: a.project.titel))
        for (i, t) in r.passend.enumerated() { #expect(tekst.stdout.contains("\(i + 1). \(t.fonds.naam)")) }

        let json = try VipBinary.run(args + ["--format", "json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let passend = try #require(object["passend"] as? [[String: Any]])
        #expect(passend.compactMap { $0["naam"] as? String } == r.passend.map(\.fonds.naam))
        #expect(passend.allSatisfy { ($0["redenen"] as? [String])?.isEmpty == false })
        let nietPassend = try #require(object["niet_passend"] as? [[String: Any]])
        let codes = Set(FondsenZoeker.Reden.allCases.map(\.rawValue))
        #expect(nietPassend.allSatisfy { (($0["redenen"] as? [String]) ?? []).allSatisfy(codes.contains) })
        #expect(object["al_aangevraagd"] is [Any])

        // The example register says it is one.
        let voorbeeld = try String(contentsOfFile: Repo.path("Samples/fondsenregister.yaml"), encoding: .utf8)
        #expect(voorbeeld.hasPrefix("# VOORBEELD") && voorbeeld.contains("VERZONNEN"))

        let zonder = try VipBinary.run(["fondsen", "zoek", Repo.path("Samples/buurtmoestuin.yaml")])
        #expect(zonder.status == 2 && zonder.stderr.contains("--register"))
        let verkeerd = try VipBinary.run(args + ["--bedrag", "veel"])
        #expect(verkeerd.status == 2 && verkeerd.stderr.contains("--bedrag"))
    }

    /// The register's reader: every error with file, line and column, like the aanvraag's.
    @Test(arguments: [
        ("fondsen:\n  - naam: A\n    tema: [natuur]\n", 3, 5, "Onbekend veld `tema`; bedoelde u `themas`?"),
        ("fondsen:\n  - naam: A\n    bedrag: {min: 500, max: 100}\n", 3, 29, "kleiner dan het minimum"),
        ("fondsen:\n  - naam: A\n  - naam: \" a \"\n", 3, 11, "staat twee keer in het register"),
        ("fondsen:\n  - naam: A\n    aanvragen: soms\n", 3, 16, "Verwacht `doorlopend` of een lijst"),
        ("fondsen:\n  - naam: A\n    beslistermijn_weken: twaalf\n", 3, 26, "geheel getal"),
        ("fondsen:\n  - naam: A\n    bedrag: {max: 1.500}\n", 3, 19, "dubbelzinnig"),
    ])
    func leesfouten(_ yaml: String, _ regel: Int, _ kolom: Int, _ melding: String) throws {
        let fout = #expect(throws: LeesFout.self) {
            try FondsenregisterReader.parse("formaat: vip-fondsenregister/1\n" + yaml, bestand: "r.yaml")
        }
        #expect(fout?.mark == SourceMark(line: regel + 1, column: kolom), "\(fout?.description ?? "")")
        #expect(fout?.melding.contains(melding) == true, "\(fout?.melding ?? "")")
        #expect(fout?.description.hasPrefix("r.yaml:\(regel + 1):\(kolom): ") == true)
    }

    @Test func eenAanvraagIsGeenRegister() throws {
        let fout = #expect(throws: LeesFout.self) {
            try FondsenregisterReader.read(path: Repo.path("Samples/buurtmoestuin.yaml"))
        }
        #expect(fout?.melding.contains("Dit is een aanvraag") == true)
    }

    /// A fund found in the register becomes an entry of `fondsen` with its address in one step.
    @Test func eenFondsUitHetRegisterWordtEenAanvraagfonds() throws {
        let register = try FondsenregisterReader.read(path: Repo.path("Samples/fondsenregister.yaml"))
        let f = try #require(register.fondsen.first)
        let fonds = f.alsAanvraagfonds
        #expect(fonds.naam == f.naam && fonds.adres == f.adres && fonds.terAttentieVan == f.terAttentieVan)
        #expect(fonds.adres?.postcode.map(Postcode.isValid) == true)
    }
}
