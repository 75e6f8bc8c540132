import Foundation
import VIPDocument
import VIPKit
import VIPModel
import VIPOpdrachtregel

/// The thin executable: parses arguments, calls VIPKit, prints, maps to exit codes
/// (0 done, 1 fouten, 2 unusable input — cli.md). The command line is described as data
/// (`Opdracht`), one value per subcommand, each in the file of its command.
@main
enum VIP {
    static let opdracht = Opdracht(
        "vip",
        samenvatting: "Van Idee naar Project: van projectplan naar een complete fondsaanvraag.",
        uitleg: "Schrijf uw aanvraag in één YAML-bestand (begin met `vip init`), controleer het met `vip check` en "
            + "maak de documenten met `vip build`.\n\nUitgangscodes: 0 klaar, 1 de aanvraag heeft fouten, 2 de invoer "
            + "kon niet worden gebruikt.",
        subopdrachten: [Check.opdracht, Build.opdracht, Init.opdracht, Regels.opdracht, Schema.opdracht,
                        Fondsen.opdracht, Fondsendate.opdracht, Review.opdracht, doorgave("server", Serverprogramma.serverUitleg),
                        doorgave("gebruiker", Serverprogramma.gebruikerUitleg)])

    static func main() {
        let argumenten = Array(CommandLine.arguments.dropFirst())
        if Serverprogramma.isVoor(argumenten) { Serverprogramma.doorgeven(argumenten) }
        Opdrachtregel(opdracht, versie: "0.1.0").voerUit(argumenten)
    }

    /// `vip server` and `vip gebruiker` in the list of commands; the command line itself goes to
    /// the server program before it is parsed here (`main`).
    static func doorgave(_ naam: String, _ samenvatting: String) -> Opdracht {
        Opdracht(naam, samenvatting: samenvatting, doorgeven: true) { invoer in
            Serverprogramma.doorgeven([naam] + invoer.argumenten)
        }
    }
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

enum Uitvoerformaat: String, CaseIterable {
    case tekst, json

    static let optie = Opdracht.Optie("format", waarde: "FORMAT", "Uitvoer: tekst of json.", standaard: "tekst",
                                      keuzes: allCases.map(\.rawValue))
}

enum Check {
    static let opdracht = Opdracht(
        "check",
        samenvatting: "Controleer aanvragen met de VIP-checklist.",
        uitleg: "Eén regel per bevinding: bestand:regel:kolom: ernst: melding [regel-id]. "
            + "Uitgangscode 0: af; 1: er zijn fouten; 2: een bestand kon niet worden gelezen.",
        argumenten: [.init("AANVRAAG", "De aanvraagbestanden.", aantal: .eenOfMeer)],
        opties: [Uitvoerformaat.optie] + RegisterOpties.opties,
        voerUit: run)

    static func run(_ invoer: Invoer) throws -> Int32 {
        let registerOpties = RegisterOpties(invoer)
        let format = Uitvoerformaat(rawValue: invoer.optie("format") ?? "") ?? .tekst
        let checker = Checker(register: try registerOpties.leesRegister(),
                              datum: try registerOpties.leesDatum() ?? Datum.vandaag())
        let kleuren = CheckReport.Kleuren(aan: Terminal.kleur)
        var worst: Int32 = 0
        var json: [JSON] = []
        // One file at a time: a docent may check a whole course at once, so no result is
        // kept longer than it takes to print it.
        for (i, bestand) in invoer.argumenten.enumerated() {
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
        return worst
    }
}

enum Build {
    static let opdracht = Opdracht(
        "build",
        samenvatting: "Maak het complete aanvraagpakket: per fonds een brief, het projectplan, de begroting en de fondsenlijst.",
        uitleg: "Zonder --concept weigert vip een aanvraag met fouten (uitgangscode 1). Standaardmap: uit/ naast "
            + "de aanvraag; met meerdere aanvragen krijgt elke aanvraag een eigen submap.",
        argumenten: [.init("AANVRAAG", "De aanvraagbestanden.", aantal: .eenOfMeer)],
        opties: [
            .init("uit", waarde: "MAP", "De uitvoermap."),
            .init("formaat", waarde: "FORMATEN", "Formaten, gescheiden door komma's: odt,docx.", standaard: "odt,docx"),
            .vlag("concept", "Bouw ook met fouten, met CONCEPT op elke pagina."),
            .vlag("pdf", "Maak ook PDF's (met LibreOffice)."),
            .init("sjabloon", waarde: "MAP", "Een map met eigen sjablonen (odt/ en docx/)."),
        ] + RegisterOpties.opties,
        voerUit: run)

    static func run(_ invoer: Invoer) throws -> Int32 {
        let registerOpties = RegisterOpties(invoer)
        let aanvragen = invoer.argumenten
        var opties = BuildOpties()
        opties.register = try registerOpties.leesRegister()
        opties.datum = try registerOpties.leesDatum()
        opties.klok = Terminal.klok
        opties.uit = invoer.optie("uit")
        opties.concept = invoer.vlag("concept")
        opties.pdf = invoer.vlag("pdf")
        opties.gelijktijdig = true
        var formaten: [DocumentFormaat] = []
        for naam in (invoer.optie("formaat") ?? "").split(separator: ",").map({ $0.trimmedSpaces.lowercased() }) {
            guard let f = DocumentFormaat(rawValue: naam) else {
                throw Opdrachtfout("Onbekend formaat `\(naam)`; kies uit odt en docx.")
            }
            if !formaten.contains(f) { formaten.append(f) }
        }
        guard !formaten.isEmpty else { throw Opdrachtfout("Geef minstens één formaat: odt of docx.") }
        opties.formaten = formaten
        if let sjabloon = invoer.optie("sjabloon") {
            do {
                opties.sjablonen = try Sjablonen.laad(sjabloon)
            } catch {
                Terminal.fout((error as? LocalizedError)?.errorDescription ?? "\(sjabloon): \(error)")
                return 2
            }
        } else {
            // Parsed on the other core while the first aanvraag is read and checked.
            TemplateSet.bereidVoor(formaten)
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
        // A few aanvragen at a time are read, checked and built in memory on every core, then
        // written in their order; what is printed does not depend on which finished first.
        let venster = 2 * ProcessInfo.processInfo.activeProcessorCount
        for begin in stride(from: 0, to: aanvragen.count, by: venster) {
            let deel = Array(aanvragen[begin..<min(begin + venster, aanvragen.count)])
            let voorbereid = bouwer.bereidVoor(deel, meerdere: aanvragen.count > 1, invoer: invoer)
            for (k, v) in voorbereid.enumerated() {
                if aanvragen.count > 1 && Terminal.stderrIsTerminal {
                    Terminal.fout("[\(begin + k + 1)/\(aanvragen.count)] \(deel[k])")
                }
                let r = bouwer.schrijf(v, partij: partij)
                if r.groep != nil {
                    wachtend.append(r)
                } else {
                    Self.meld(r)
                    worst = max(worst, Uitgang.code(r))
                }
                if wachtend.count >= Self.partijgrootte { voltooi() }
            }
        }
        voltooi()
        return worst
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

enum Init {
    static let opdracht = Opdracht(
        "init",
        samenvatting: "Begin een nieuwe aanvraag: schrijft aanvraag.yaml met uitleg bij elk veld.",
        argumenten: [.init("MAP", "De map (standaard: hier).", aantal: .hoogstensEen)],
        voerUit: run)

    static func run(_ invoer: Invoer) throws -> Int32 {
        let map = invoer.argumenten.first ?? "."
        do {
            let paden = try VIPKit.Init.schrijf(in: map)
            for p in paden { Terminal.uit("Geschreven: \(p)") }
            Terminal.uit("Vul de velden in en controleer met: vip check \((map as NSString).appendingPathComponent("aanvraag.yaml"))")
            return 0
        } catch {
            Terminal.fout(error.description)
            return 2
        }
    }
}

enum RegelsFormaat: String, CaseIterable { case tekst, markdown, json }

enum Regels {
    static let opdracht = Opdracht(
        "regels",
        samenvatting: "Toon alle regels van de checklist.",
        opties: [.init("format", waarde: "FORMAT", "Uitvoer: tekst, markdown of json.", standaard: "tekst",
                       keuzes: RegelsFormaat.allCases.map(\.rawValue))]) { invoer in
        switch RegelsFormaat(rawValue: invoer.optie("format") ?? "") ?? .tekst {
        case .tekst: Terminal.uit(Regelsoverzicht.tekst(), regeleinde: false)
        case .markdown: Terminal.uit(Regelsoverzicht.markdown(), regeleinde: false)
        case .json: Terminal.uit(Regelsoverzicht.json(), regeleinde: false)
        }
        return 0
    }
}

enum Schema {
    static let opdracht = Opdracht(
        "schema",
        samenvatting: "Toon een JSON Schema van het aanvraagformaat, voor uw editor.") { _ in
        Terminal.uit(VIPKit.Schema.tekst, regeleinde: false)
        return 0
    }
}
