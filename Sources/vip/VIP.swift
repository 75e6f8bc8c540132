import ArgumentParser
import Foundation
import VIPDocument
import VIPKit
import VIPModel
import VIPOpdrachtregel

/// The thin executable: parses arguments, calls VIPKit, prints, maps to exit codes
/// (0 done, 1 fouten, 2 unusable input — cli.md).
///
/// Every command gives its `commandName`: without it ArgumentParser derives each name from
/// the type (`String(describing:)`), for every command at every start, a tenth of a one-package
/// `vip build` (10 M instructions).
@main
struct VIP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vip",
        abstract: "Van Idee naar Project: van projectplan naar een complete fondsaanvraag.",
        discussion: """
            Schrijf uw aanvraag in één YAML-bestand (begin met `vip init`), controleer het met `vip check`
            en maak de documenten met `vip build`. Uitgangscodes: 0 klaar, 1 de aanvraag heeft fouten,
            2 de invoer kon niet worden gebruikt.
            """,
        version: "0.1.0",
        subcommands: [Check.self, Build.self, Init.self, Regels.self, Schema.self, Fondsen.self, Fondsendate.self,
                      Review.self, ServerDoorgave.self, GebruikerDoorgave.self],
        helpNames: [.short, .long, .customLong("hulp")]
    )

    static func main() {
        let argumenten = Array(CommandLine.arguments.dropFirst())
        if Serverprogramma.isVoor(argumenten) { Serverprogramma.doorgeven(argumenten) }
        voerUit()
    }
}

/// `vip server` and `vip gebruiker` in the list of commands; the command line itself goes to
/// the server program before it is parsed here (`VIP.main`).
struct ServerDoorgave: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "server", abstract: Serverprogramma.serverUitleg)
    @Argument(parsing: .captureForPassthrough) var argumenten: [String] = []
    func run() throws { Serverprogramma.doorgeven(["server"] + argumenten) }
}

struct GebruikerDoorgave: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gebruiker", abstract: Serverprogramma.gebruikerUitleg)
    @Argument(parsing: .captureForPassthrough) var argumenten: [String] = []
    func run() throws { Serverprogramma.doorgeven(["gebruiker"] + argumenten) }
}

extension Terminal {
    /// The document date: `SOURCE_DATE_EPOCH` when set (reproducible builds), else the
    /// date each document is about.
    static var klok: Klok { Klok(sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"]) }
}

/// Exit codes (cli.md): 0 done, 1 the aanvraag has fouten, 2 the input could not be used.
enum Uitgang {
    static func code(_ r: CheckResultaat) -> Int32 { r.leesfout != nil ? 2 : (r.bevindingen.isAf ? 0 : 1) }

    static func code(_ r: BuildResultaat) -> Int32 {
        switch r.uitkomst {
        case .gebouwd: return 0
        case .nietAf: return 1
        case .mislukt: return 2
        }
    }

    /// A review stops with 1 when a name was still found in a participant's copy.
    static func code(_ fout: ReviewFout) -> Int32 {
        if case .lek = fout { return 1 }
        return 2
    }
}

enum Uitvoerformaat: String, ExpressibleByArgument, CaseIterable {
    case tekst, json
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Controleer aanvragen met de VIP-checklist.",
        discussion: "Eén regel per bevinding: bestand:regel:kolom: ernst: melding [regel-id]. "
            + "Uitgangscode 0: af; 1: er zijn fouten; 2: een bestand kon niet worden gelezen.")

    @Argument(help: ArgumentHelp("De aanvraagbestanden.", valueName: "AANVRAAG"))
    var aanvragen: [String]

    @Option(name: .long, help: "Uitvoer: tekst of json.")
    var format: Uitvoerformaat = .tekst

    @OptionGroup var registerOpties: RegisterOpties

    func run() throws {
        let checker = Checker(register: try registerOpties.leesRegister(),
                              datum: try registerOpties.leesDatum() ?? Datum.vandaag())
        let kleuren = CheckReport.Kleuren(aan: Terminal.kleur)
        var worst: Int32 = 0
        var json: [JSON] = []
        // One file at a time: a docent may check a whole course at once, so no result is
        // kept longer than it takes to print it.
        for (i, bestand) in aanvragen.enumerated() {
            let r = checker.check(path: bestand)
            worst = max(worst, Uitgang.code(r))
            switch format {
            case .json:
                json.append(CheckReport.json(r))
                if let e = r.leesfout { Terminal.fout(e.description) }
            case .tekst:
                if i > 0 { Terminal.uit("") }
                if let e = r.leesfout { Terminal.fout(e.description) } else { Terminal.uit(CheckReport.tekst(r, kleuren: kleuren), regeleinde: false) }
            }
        }
        if format == .json { Terminal.uit(JSON.array(json).serialised()) }
        throw ExitCode(worst)
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Maak het complete aanvraagpakket: per fonds een brief, het projectplan, de begroting en de fondsenlijst.",
        discussion: "Zonder --concept weigert vip een aanvraag met fouten (uitgangscode 1). Standaardmap: uit/ naast "
            + "de aanvraag; met meerdere aanvragen krijgt elke aanvraag een eigen submap.")

    @Argument(help: ArgumentHelp("De aanvraagbestanden.", valueName: "AANVRAAG"))
    var aanvragen: [String]

    @Option(name: .long, help: ArgumentHelp("De uitvoermap.", valueName: "MAP"))
    var uit: String?

    @Option(name: .long, help: ArgumentHelp("Formaten, gescheiden door komma's: odt,docx.", valueName: "FORMATEN"))
    var formaat: String = "odt,docx"

    @Flag(name: .long, help: "Bouw ook met fouten, met CONCEPT op elke pagina.")
    var concept = false

    @Flag(name: .long, help: "Maak ook PDF's (met LibreOffice).")
    var pdf = false

    @Option(name: .long, help: ArgumentHelp("Een map met eigen sjablonen (odt/ en docx/).", valueName: "MAP"))
    var sjabloon: String?

    @OptionGroup var registerOpties: RegisterOpties

    func run() throws {
        var opties = BuildOpties()
        opties.register = try registerOpties.leesRegister()
        opties.datum = try registerOpties.leesDatum()
        opties.klok = Terminal.klok
        opties.uit = uit
        opties.concept = concept
        opties.pdf = pdf
        var formaten: [DocumentFormaat] = []
        for naam in formaat.split(separator: ",").map({ $0.trimmedSpaces.lowercased() }) {
            guard let f = DocumentFormaat(rawValue: naam) else {
                throw ValidationError("Onbekend formaat `\(naam)`; kies uit odt en docx.")
            }
            if !formaten.contains(f) { formaten.append(f) }
        }
        guard !formaten.isEmpty else { throw ValidationError("Geef minstens één formaat: odt of docx.") }
        opties.formaten = formaten
        if let sjabloon {
            do {
                opties.sjablonen = try Sjablonen.laad(sjabloon)
            } catch {
                Terminal.fout((error as? LocalizedError)?.errorDescription ?? "\(sjabloon): \(error)")
                throw ExitCode(2)
            }
        }
        let bouwer = Bouwer(opties: opties)
        let invoer = Uitvoermap.Invoermappen(aanvragen)
        // Files take their names in batches, after one sync for the batch (Uitvoermap); what
        // is reported as written is on disk.
        let partij = Uitvoermap.Partij()
        var wachtend: [BuildResultaat] = []
        var worst: Int32 = 0
        func voltooi() {
            let fouten = partij.voltooi()
            for var r in wachtend {
                if let g = r.groep, let fout = fouten[g] { r.uitkomst = .mislukt(fout) }
                Self.meld(r)
                worst = max(worst, Uitgang.code(r))
            }
            wachtend = []
        }
        for (i, bestand) in aanvragen.enumerated() {
            if aanvragen.count > 1 && Terminal.stderrIsTerminal {
                Terminal.fout("[\(i + 1)/\(aanvragen.count)] \(bestand)")
            }
            let r = bouwer.build(bestand, meerdere: aanvragen.count > 1, invoer: invoer, partij: partij)
            if r.groep != nil {
                wachtend.append(r)
            } else {
                Self.meld(r)
                worst = max(worst, Uitgang.code(r))
            }
            if wachtend.count >= Self.partijgrootte { voltooi() }
        }
        voltooi()
        throw ExitCode(worst)
    }

    /// Aanvragen per sync: a bound on how long files wait under temporary names.
    static let partijgrootte = 100

    /// What the user reads: written files on standard output, refusals on standard error.
    static func meld(_ r: BuildResultaat) {
        switch r.uitkomst {
        case .gebouwd(let map, let geschreven):
            for g in r.geenBrief { Terminal.uit("\(r.bestand): \(g)") }
            Terminal.uit("\(r.bestand): \(geschreven.count) bestanden geschreven in \(map)" + (r.concept ? " (concept)" : ""))
        case .nietAf(let fouten):
            let lijst = fouten.map { $0.tekstregel(bestand: r.bestand) }
            Terminal.fout((lijst + ["\(r.bestand): niet gebouwd: de aanvraag is nog niet af "
                + "(\(CheckReport.aantal(fouten.count, "fout", "fouten"))). Gebruik --concept voor "
                + "een conceptversie met CONCEPT op elke pagina."]).joined(separator: "\n"))
        case .mislukt(let fout):
            Terminal.fout(fout.description)
        }
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Begin een nieuwe aanvraag: schrijft aanvraag.yaml met uitleg bij elk veld.")

    @Argument(help: ArgumentHelp("De map (standaard: hier).", valueName: "MAP"))
    var map: String = "."

    func run() throws {
        do {
            let paden = try VIPKit.Init.schrijf(in: map)
            for p in paden { Terminal.uit("Geschreven: \(p)") }
            Terminal.uit("Vul de velden in en controleer met: vip check \((map as NSString).appendingPathComponent("aanvraag.yaml"))")
        } catch {
            Terminal.fout(error.description)
            throw ExitCode(2)
        }
    }
}

enum RegelsFormaat: String, ExpressibleByArgument, CaseIterable { case tekst, markdown, json }

struct Regels: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "regels", abstract: "Toon alle regels van de checklist.")

    @Option(name: .long, help: "Uitvoer: tekst, markdown of json.")
    var format: RegelsFormaat = .tekst

    func run() {
        switch format {
        case .tekst: Terminal.uit(Regelsoverzicht.tekst(), regeleinde: false)
        case .markdown: Terminal.uit(Regelsoverzicht.markdown(), regeleinde: false)
        case .json: Terminal.uit(Regelsoverzicht.json(), regeleinde: false)
        }
    }
}

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Toon een JSON Schema van het aanvraagformaat, voor uw editor.")

    func run() { Terminal.uit(VIPKit.Schema.tekst, regeleinde: false) }
}
