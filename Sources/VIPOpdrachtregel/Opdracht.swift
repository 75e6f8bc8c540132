import Foundation
import VIPModel

/// A command line described as data: its subcommands, arguments and options with their Dutch
/// help, and what each command runs. One description gives the parsing, the help text
/// (`--hulp`) and the Dutch messages for wrong arguments (cli.md: exit 2).
///
/// `vip` used ArgumentParser before. Its help and its messages were English ("OVERVIEW",
/// "Error: Missing expected argument"), and finding the options by reflection cost a tenth of
/// a one-package `vip build` at every start (bench/RESULTATEN.md, vervolg 7).
public struct Opdracht: Sendable {
    public var naam: String
    public var samenvatting: String
    /// Paragraphs after the summary in the help; a line break stays a line break.
    public var uitleg: String?
    public var argumenten: [Argument]
    public var opties: [Optie]
    public var subopdrachten: [Opdracht]
    /// The subcommand that runs when the first argument names none (`vip review A B C`).
    public var standaard: String?
    /// Takes every argument after its name as it is, unparsed (`vip server …`).
    public var doorgeven: Bool
    public var voerUit: (@Sendable (Invoer) throws -> Int32)?

    public init(_ naam: String, samenvatting: String, uitleg: String? = nil, argumenten: [Argument] = [],
                opties: [Optie] = [], subopdrachten: [Opdracht] = [], standaard: String? = nil,
                doorgeven: Bool = false, voerUit: (@Sendable (Invoer) throws -> Int32)? = nil) {
        self.naam = naam
        self.samenvatting = samenvatting
        self.uitleg = uitleg
        self.argumenten = argumenten
        self.opties = opties
        self.subopdrachten = subopdrachten
        self.standaard = standaard
        self.doorgeven = doorgeven
        self.voerUit = voerUit
    }

    public struct Argument: Sendable {
        public enum Aantal: Sendable { case een, hoogstensEen, eenOfMeer, willekeurig }
        /// As it stands in the help: `AANVRAAG` is shown as `<AANVRAAG>`.
        public var naam: String
        public var uitleg: String
        public var aantal: Aantal

        public init(_ naam: String, _ uitleg: String, aantal: Aantal = .een) {
            self.naam = naam
            self.uitleg = uitleg
            self.aantal = aantal
        }
    }

    /// A long option: `--naam WAARDE` or `--naam=WAARDE`, or a flag without a value.
    public struct Optie: Sendable {
        public var naam: String
        /// The placeholder of the value; nil for a flag.
        public var waarde: String?
        public var uitleg: String
        public var standaard: String?
        /// The only values allowed, when the option has a fixed set.
        public var keuzes: [String]?
        /// The command cannot run without it.
        public var verplicht: Bool

        public init(_ naam: String, waarde: String?, _ uitleg: String, standaard: String? = nil, keuzes: [String]? = nil,
                    verplicht: Bool = false) {
            self.naam = naam
            self.waarde = waarde
            self.uitleg = uitleg
            self.standaard = standaard
            self.keuzes = keuzes
            self.verplicht = verplicht
        }

        public static func vlag(_ naam: String, _ uitleg: String) -> Optie { Optie(naam, waarde: nil, uitleg) }
    }

    var standaardOpdracht: Opdracht? { standaard.flatMap { naam in subopdrachten.first { $0.naam == naam } } }

    /// The help options, at every level, and the version.
    static let hulpnamen = ["-h", "--hulp", "--help"]
    static let versienaam = "--version"
}

/// What a command got: its positional arguments in order, and its options.
public struct Invoer: Sendable {
    public var argumenten: [String]
    var waarden: [(naam: String, waarde: String)]
    var vlaggen: [String]
    let opties: [Opdracht.Optie]

    /// The value of `--naam` (the last one given), else its default.
    public func optie(_ naam: String) -> String? {
        waarden.last { $0.naam == naam }?.waarde ?? opties.first { $0.naam == naam }?.standaard
    }

    public func vlag(_ naam: String) -> Bool { vlaggen.contains(naam) }

    /// `--naam` as a whole number, or an `Opdrachtfout` in Dutch.
    public func getal<T: FixedWidthInteger>(_ naam: String, _: T.Type = T.self) throws -> T? {
        guard let tekst = optie(naam) else { return nil }
        guard let n = T(tekst) else {
            throw Opdrachtfout("Verwacht een geheel getal bij --\(naam); er staat \"\(tekst)\".")
        }
        return n
    }
}

/// Wrong arguments: the message is shown with the usage line, and the program stops with 2.
public struct Opdrachtfout: Error, Sendable {
    public let melding: String
    public init(_ melding: String) { self.melding = melding }
}

/// A code to stop with, thrown where a command stops early (a reading error already shown).
public struct Uitgangscode: Error, Sendable {
    public let code: Int32
    public init(_ code: Int32) { self.code = code }
}

/// Runs a command line against a description (`Opdracht`): help and version on standard
/// output with 0, wrong arguments on standard error with 2.
public struct Opdrachtregel: Sendable {
    public let programma: Opdracht
    public let versie: String

    public init(_ programma: Opdracht, versie: String) {
        self.programma = programma
        self.versie = versie
    }

    /// What the arguments ask for; `uitvoeren` acts on it.
    public enum Besluit {
        case hulp(pad: [Opdracht])
        case versie
        case voerUit(pad: [Opdracht], Invoer)
        case fout(pad: [Opdracht], String)
    }

    public func voerUit(_ argumenten: [String]) -> Never {
        exit(uitvoeren(argumenten))
    }

    /// The exit code, after the command ran (or help, version or a message were printed).
    public func uitvoeren(_ argumenten: [String]) -> Int32 {
        switch lees(argumenten) {
        case .hulp(let pad):
            Terminal.uit(hulp(pad), regeleinde: false)
            return 0
        case .versie:
            Terminal.uit(versie)
            return 0
        case .fout(let pad, let melding):
            Terminal.fout(foutmelding(melding, pad: pad))
            return 2
        case .voerUit(let pad, let invoer):
            do {
                return try pad.last!.voerUit!(invoer)
            } catch let fout as Opdrachtfout {
                Terminal.fout(foutmelding(fout.melding, pad: pad))
                return 2
            } catch let code as Uitgangscode {
                return code.code
            } catch {
                Terminal.fout("\(error)")
                return 2
            }
        }
    }

    /// Reads the arguments (without the program name) against the description.
    public func lees(_ argumenten: [String]) -> Besluit {
        var pad = [programma]
        var rest = argumenten[...]
        // Down the subcommands: `help X`, a subcommand's name, or the default one.
        while !pad.last!.subopdrachten.isEmpty {
            let hier = pad.last!
            guard let eerste = rest.first else {
                guard let sub = hier.standaardOpdracht else { return .hulp(pad: pad) }
                pad.append(sub)
                break
            }
            if Opdracht.hulpnamen.contains(eerste) { return .hulp(pad: pad) }
            if eerste == Opdracht.versienaam { return .versie }
            if eerste == "help" && pad.count == 1 { return hulpBij(Array(rest.dropFirst())) }
            if let sub = hier.subopdrachten.first(where: { $0.naam == eerste }) {
                pad.append(sub)
                rest = rest.dropFirst()
            } else if let sub = hier.standaardOpdracht {
                pad.append(sub)
            } else if eerste.hasPrefix("-") {
                return .fout(pad: pad, Self.onbekendeOptie(eerste, in: hier))
            } else {
                var melding = "Onbekend subcommando `\(eerste)`"
                if let gok = Suggest.closest(to: eerste, in: hier.subopdrachten.map(\.naam)) { melding += "; bedoelde u `\(gok)`?" } else { melding += "." }
                return .fout(pad: pad, melding)
            }
        }
        let opdracht = pad.last!
        var invoer = Invoer(argumenten: [], waarden: [], vlaggen: [], opties: opdracht.opties)
        if opdracht.doorgeven {
            invoer.argumenten = Array(rest)
            return .voerUit(pad: pad, invoer)
        }
        var alleenArgumenten = false
        while let woord = rest.popFirst() {
            if alleenArgumenten || woord == "-" || !woord.hasPrefix("-") {
                invoer.argumenten.append(woord)
                continue
            }
            if woord == "--" { alleenArgumenten = true; continue }
            if Opdracht.hulpnamen.contains(woord) { return .hulp(pad: pad) }
            if woord == Opdracht.versienaam { return .versie }
            var naam = woord.dropFirst(2), gegeven: String?
            if let gelijk = naam.firstIndex(of: "=") {
                gegeven = String(naam[naam.index(after: gelijk)...])
                naam = naam[..<gelijk]
            }
            guard woord.hasPrefix("--"), let optie = opdracht.opties.first(where: { $0.naam == naam }) else {
                return .fout(pad: pad, Self.onbekendeOptie(gegeven == nil ? woord : "--" + naam, in: opdracht))
            }
            guard let plaats = optie.waarde else {
                if gegeven != nil { return .fout(pad: pad, "De optie --\(optie.naam) heeft geen waarde.") }
                invoer.vlaggen.append(optie.naam)
                continue
            }
            guard let waarde = gegeven ?? rest.first.flatMap({ $0.hasPrefix("-") && $0.count > 1 ? nil : $0 }) else {
                return .fout(pad: pad, "De optie --\(optie.naam) verwacht een waarde: --\(optie.naam) <\(plaats)>.")
            }
            if gegeven == nil { rest = rest.dropFirst() }
            if let keuzes = optie.keuzes, !keuzes.contains(waarde) {
                return .fout(pad: pad, "Onbekende waarde `\(waarde)` bij --\(optie.naam); kies uit \(Self.opsomming(keuzes)).")
            }
            invoer.waarden.append((optie.naam, waarde))
        }
        // The positional arguments, in the order of the description.
        var over = invoer.argumenten[...]
        for argument in opdracht.argumenten {
            switch argument.aantal {
            case .een:
                guard over.popFirst() != nil else { return .fout(pad: pad, Self.ontbreekt(argument)) }
            case .hoogstensEen:
                _ = over.popFirst()
            case .eenOfMeer:
                guard !over.isEmpty else { return .fout(pad: pad, Self.ontbreekt(argument)) }
                over = over[over.endIndex...]
            case .willekeurig:
                over = over[over.endIndex...]
            }
        }
        if let teveel = over.first { return .fout(pad: pad, "Onverwacht argument `\(teveel)`.") }
        for o in opdracht.opties where o.verplicht && invoer.optie(o.naam) == nil {
            return .fout(pad: pad, "De optie --\(o.naam) ontbreekt: --\(o.naam) <\(o.waarde ?? "")>.")
        }
        return .voerUit(pad: pad, invoer)
    }

    /// `vip help`, `vip help build`, `vip help review maak`.
    func hulpBij(_ namen: [String]) -> Besluit {
        var pad = [programma]
        for naam in namen {
            guard let sub = pad.last!.subopdrachten.first(where: { $0.naam == naam }) else {
                return .fout(pad: pad, "Onbekend subcommando `\(naam)`.")
            }
            pad.append(sub)
        }
        return .hulp(pad: pad)
    }

    static func onbekendeOptie(_ woord: String, in opdracht: Opdracht) -> String {
        var melding = "Onbekende optie `\(woord)`"
        let namen = opdracht.opties.map { "--" + $0.naam }
        if let gok = Suggest.closest(to: woord, in: namen) { melding += "; bedoelde u `\(gok)`?" } else { melding += "." }
        return melding
    }

    /// "Er ontbreekt een argument: <AANVRAAG> (de aanvraagbestanden)."
    static func ontbreekt(_ a: Opdracht.Argument) -> String {
        var uitleg = a.uitleg
        if uitleg.hasSuffix(".") { uitleg.removeLast() }
        return "Er ontbreekt een argument: <\(a.naam)> (\(uitleg.prefix(1).lowercased() + uitleg.dropFirst()))."
    }

    /// "a, b en c" (`Veld.opsomming` says "of": a choice among values, not a list of them).
    static func opsomming(_ woorden: [String]) -> String {
        woorden.count < 2 ? woorden.joined() : woorden.dropLast().joined(separator: ", ") + " en " + woorden.last!
    }

    func foutmelding(_ melding: String, pad: [Opdracht]) -> String {
        let opdracht = pad.map(\.naam).joined(separator: " ")
        return "Fout: \(melding)\n\(gebruik(pad, kop: "Gebruik: "))\nMeer uitleg: \(opdracht) --hulp"
    }

    /// `vip build <AANVRAAG> ... [--uit <MAP>] …` after `kop`, broken between its parts into
    /// lines of at most 80 columns, the next lines indented as far as `kop`.
    public func gebruik(_ pad: [Opdracht], kop: String = "") -> String {
        let opdracht = pad.last!
        var delen = [pad.map(\.naam).joined(separator: " ")]
        if !opdracht.subopdrachten.isEmpty { delen.append(opdracht.standaard == nil ? "<subcommando>" : "[<subcommando>] ...") }
        if opdracht.doorgeven { delen.append("...") }
        for a in opdracht.argumenten {
            switch a.aantal {
            case .een: delen.append("<\(a.naam)>")
            case .hoogstensEen: delen.append("[<\(a.naam)>]")
            case .eenOfMeer: delen.append("<\(a.naam)> ...")
            case .willekeurig: delen.append("[<\(a.naam)> ...]")
            }
        }
        for o in opdracht.opties {
            let optie = "--\(o.naam)" + (o.waarde.map { " <\($0)>" } ?? "")
            delen.append(o.verplicht ? optie : "[\(optie)]")
        }
        let inspring = String(repeating: " ", count: kop.count)
        var regels: [String] = [], huidig = kop
        for deel in delen {
            if huidig.count > kop.count && huidig.count + 1 + deel.count > 80 {
                regels.append(huidig)
                huidig = inspring
            }
            huidig += (huidig.count > kop.count ? " " : "") + deel
        }
        return (regels + [huidig]).joined(separator: "\n")
    }

    /// The help of the last command in `pad`, in Dutch, lines of at most 80 columns.
    public func hulp(_ pad: [Opdracht]) -> String {
        let opdracht = pad.last!
        var uit = Self.vouw(opdracht.samenvatting, breedte: 80) + "\n"
        if let uitleg = opdracht.uitleg { uit += "\n" + Self.vouw(uitleg, breedte: 80) + "\n" }
        uit += "\n\(gebruik(pad, kop: "GEBRUIK: "))\n"
        if !opdracht.argumenten.isEmpty {
            uit += "\nARGUMENTEN:\n"
            for a in opdracht.argumenten { uit += Self.rij("<\(a.naam)>", a.uitleg) }
        }
        uit += "\nOPTIES:\n"
        for o in opdracht.opties {
            let standaard = o.standaard.map { " (standaard: \($0))" } ?? ""
            uit += Self.rij("--\(o.naam)" + (o.waarde.map { " <\($0)>" } ?? ""), o.uitleg + standaard)
        }
        uit += Self.rij(Opdracht.versienaam, "Toon het versienummer.")
        uit += Self.rij(Opdracht.hulpnamen.joined(separator: ", "), "Toon deze hulp.")
        if !opdracht.subopdrachten.isEmpty {
            uit += "\nSUBCOMMANDO'S:\n"
            for s in opdracht.subopdrachten {
                uit += Self.rij(s.naam + (s.naam == opdracht.standaard ? " (standaard)" : ""), s.samenvatting)
            }
            let help = ([programma.naam, "help"] + pad.dropFirst().map(\.naam)).joined(separator: " ")
            uit += "\n  Hulp bij één subcommando: \(help) <subcommando>.\n"
        }
        return uit
    }

    /// Two columns: the name from column 3, the text from column 27, wrapped.
    static func rij(_ naam: String, _ tekst: String) -> String {
        let inspring = String(repeating: " ", count: 26)
        let regels = vouw(tekst, breedte: 80 - 26).split(separator: "\n", omittingEmptySubsequences: false)
        var uit = "  " + naam
        if naam.count + 2 < 25 {
            uit += String(repeating: " ", count: 26 - naam.count - 2) + (regels.first ?? "") + "\n"
        } else {
            uit += "\n" + inspring + (regels.first ?? "") + "\n"
        }
        for r in regels.dropFirst() { uit += inspring + r + "\n" }
        return uit
    }

    /// Words of every line in lines of at most `breedte` characters; line breaks stay.
    static func vouw(_ tekst: String, breedte: Int) -> String {
        tekst.split(separator: "\n", omittingEmptySubsequences: false).map { regel -> String in
            var regels: [String] = [], huidig = ""
            for woord in regel.split(separator: " ") {
                if !huidig.isEmpty && huidig.count + 1 + woord.count > breedte {
                    regels.append(huidig)
                    huidig = ""
                }
                huidig += (huidig.isEmpty ? "" : " ") + woord
            }
            regels.append(huidig)
            return regels.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
