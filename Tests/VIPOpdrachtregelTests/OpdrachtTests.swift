import Testing
@testable import VIPOpdrachtregel

/// The command line as data: what `lees` makes of arguments, and the Dutch help and messages.
@Suite struct OpdrachtTests {
    static let build = Opdracht(
        "build", samenvatting: "Bouw.",
        argumenten: [.init("AANVRAAG", "De aanvraagbestanden.", aantal: .eenOfMeer)],
        opties: [.init("uit", waarde: "MAP", "De uitvoermap."),
                 .init("formaat", waarde: "FORMATEN", "Formaten.", standaard: "odt,docx"),
                 .init("format", waarde: "FORMAT", "Uitvoer.", standaard: "tekst", keuzes: ["tekst", "json"]),
                 .vlag("concept", "Ook met fouten."),
                 .init("zaad", waarde: "N", "Een getal.")]) { _ in 0 }
    static let maak = Opdracht("maak", samenvatting: "Maak.",
                               argumenten: [.init("AANVRAAG", "Drie.", aantal: .willekeurig)]) { _ in 0 }
    static let combineer = Opdracht("combineer", samenvatting: "Combineer.",
                                    argumenten: [.init("CSV", "Het bestand.")]) { _ in 0 }
    static let review = Opdracht("review", samenvatting: "Review.", subopdrachten: [maak, combineer], standaard: "maak")
    static let server = Opdracht("server", samenvatting: "Server.", doorgeven: true) { _ in 0 }
    static let regel = Opdrachtregel(
        Opdracht("vip", samenvatting: "Van Idee naar Project.", subopdrachten: [build, review, server]), versie: "1.2.3")

    func gelezen(_ argumenten: [String]) throws -> (pad: [String], invoer: Invoer) {
        guard case .voerUit(let pad, let invoer) = Self.regel.lees(argumenten) else {
            Issue.record("\(argumenten) ran nothing: \(Self.regel.lees(argumenten))")
            throw Opdrachtfout("")
        }
        return (pad.map(\.naam), invoer)
    }

    func fout(_ argumenten: [String]) -> String? {
        if case .fout(_, let melding) = Self.regel.lees(argumenten) { return melding }
        return nil
    }

    @Test func optionsStandAnywhereInEitherForm() throws {
        let r = try gelezen(["build", "a.yaml", "--uit", "map", "b.yaml", "--concept", "--formaat=docx", "--", "--c.yaml"])
        #expect(r.pad == ["vip", "build"])
        #expect(r.invoer.argumenten == ["a.yaml", "b.yaml", "--c.yaml"])
        #expect(r.invoer.optie("uit") == "map")
        #expect(r.invoer.optie("formaat") == "docx")
        #expect(r.invoer.vlag("concept"))
        #expect(r.invoer.optie("format") == "tekst", "the default when not given")
        #expect(r.invoer.optie("zaad") == nil)
        // The last of a repeated option counts; a lone "-" is an argument (standard input).
        let twee = try gelezen(["build", "--uit", "een", "-", "--uit=twee"])
        #expect(twee.invoer.optie("uit") == "twee" && twee.invoer.argumenten == ["-"])
        #expect(!twee.invoer.vlag("concept"))
    }

    @Test func numbersAreCheckedWithADutchMessage() throws {
        let r = try gelezen(["build", "a", "--zaad", "42"])
        #expect(try r.invoer.getal("zaad", UInt64.self) == 42)
        let mis = try gelezen(["build", "a", "--zaad", "veel"])
        #expect(throws: Opdrachtfout.self) { try mis.invoer.getal("zaad", Int.self) }
    }

    @Test func wrongArgumentsGetDutchMessages() {
        #expect(fout(["build"]) == "Er ontbreekt een argument: <AANVRAAG> (de aanvraagbestanden).")
        #expect(fout(["build", "a", "--formaa", "odt"]) == "Onbekende optie `--formaa`; bedoelde u `--formaat`?")
        #expect(fout(["build", "a", "--xyz=1"]) == "Onbekende optie `--xyz`.")
        #expect(fout(["build", "a", "-x"]) == "Onbekende optie `-x`.")
        #expect(fout(["build", "a", "--uit"]) == "De optie --uit verwacht een waarde: --uit <MAP>.")
        #expect(fout(["build", "a", "--uit", "--concept"]) == "De optie --uit verwacht een waarde: --uit <MAP>.")
        #expect(fout(["build", "a", "--concept=ja"]) == "De optie --concept heeft geen waarde.")
        #expect(fout(["build", "a", "--format", "xml"]) == "Onbekende waarde `xml` bij --format; kies uit tekst en json.")
        #expect(fout(["buld"]) == "Onbekend subcommando `buld`; bedoelde u `build`?")
        #expect(fout(["xyz"]) == "Onbekend subcommando `xyz`.")
        #expect(fout(["--uit"]) == "Onbekende optie `--uit`.")
        #expect(fout(["review", "combineer", "a.csv", "b.csv"]) == "Onverwacht argument `b.csv`.")
        #expect(fout(["help", "bestaatniet"]) == "Onbekend subcommando `bestaatniet`.")
    }

    @Test func subcommandsDefaultsHelpAndVersion() throws {
        #expect(try gelezen(["review", "a", "b", "c"]).pad == ["vip", "review", "maak"])
        #expect(try gelezen(["review"]).pad == ["vip", "review", "maak"])
        #expect(try gelezen(["review", "combineer", "r.csv"]).pad == ["vip", "review", "combineer"])
        // Everything after a pass-through command stays as it is, help included.
        let s = try gelezen(["server", "--poort", "0", "--hulp", "--", "x"])
        #expect(s.pad == ["vip", "server"] && s.invoer.argumenten == ["--poort", "0", "--hulp", "--", "x"])
        for (argumenten, pad) in [([String](), ["vip"]), (["--hulp"], ["vip"]), (["-h"], ["vip"]),
                                  (["build", "--help"], ["vip", "build"]), (["help", "review", "maak"], ["vip", "review", "maak"]),
                                  (["review", "-h"], ["vip", "review"]), (["build", "a", "-h", "--xyz"], ["vip", "build"])] {
            guard case .hulp(let p) = Self.regel.lees(argumenten) else { Issue.record("\(argumenten)"); continue }
            #expect(p.map(\.naam) == pad, "\(argumenten)")
        }
        for argumenten in [["--version"], ["build", "--version"]] {
            guard case .versie = Self.regel.lees(argumenten) else { Issue.record("\(argumenten)"); continue }
        }
    }

    @Test func helpIsDutchAndFitsEightyColumns() {
        let hoofd = Self.regel.hulp([Self.regel.programma])
        #expect(hoofd.contains("\nGEBRUIK: vip <subcommando>\n"))
        #expect(hoofd.contains("\nSUBCOMMANDO'S:\n  build                   Bouw.\n"))
        #expect(hoofd.contains("  -h, --hulp, --help      Toon deze hulp.\n"))
        let build = Self.regel.hulp([Self.regel.programma, Self.build])
        #expect(build.contains("GEBRUIK: vip build <AANVRAAG> ... [--uit <MAP>] [--formaat <FORMATEN>]\n"
                               + "         [--format <FORMAT>] [--concept] [--zaad <N>]\n"))
        #expect(build.contains("\nARGUMENTEN:\n  <AANVRAAG>              De aanvraagbestanden.\n"))
        #expect(build.contains("  --formaat <FORMATEN>    Formaten. (standaard: odt,docx)\n"))
        let review = Self.regel.hulp([Self.regel.programma, Self.review])
        #expect(review.contains("GEBRUIK: vip review [<subcommando>] ...\n"))
        #expect(review.contains("  maak (standaard)        Maak.\n"))
        #expect(review.contains("vip help review <subcommando>."))
        #expect(build.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(build)")
        let lang = Opdrachtregel.rij("--lang <WAARDE>", String(repeating: "woord ", count: 30))
        #expect(lang.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(lang)")
        #expect(lang.split(separator: "\n").count > 2)
        #expect(Opdrachtregel.vouw("een twee drie\nvier", breedte: 8) == "een twee\ndrie\nvier")
    }
}
