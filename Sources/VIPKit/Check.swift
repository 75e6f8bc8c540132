import VIPChecklist
import VIPModel
import VIPSpelling

/// The outcome of checking one file: either a reading error, or the aanvraag with its findings.
public struct CheckResultaat: Sendable {
    public var bestand: String
    public var aanvraag: Aanvraag?
    public var leesfout: LeesFout?
    public var bevindingen: [Bevinding]

    public var isAf: Bool { leesfout == nil && bevindingen.isAf }
}

/// Runs the checklist over files, with the services that some rules need.
public struct Checker: Sendable {
    public var checklist: Checklist
    public var spelling: (any Spelling)?
    public var limits: ReadLimits
    /// The fund register: with it, the register's four rules run (`vip check --register`).
    public var register: Fondsenregister?
    /// Today (`vip check --datum`), for the rules about dates; nil leaves them out.
    public var datum: Datum?
    /// Only the rules whose severity is `fout` (`vip build` only needs to know whether the
    /// aanvraag is af): all fouten, but not all waarschuwingen and tips.
    public var alleenFouten = false

    /// The default spelling is the Dutch dictionary, loaded only when an aanvraag has
    /// prose to check, and then only what its words need (`Hunspell.Deferred`).
    public init(checklist: Checklist = Checklist(), spelling: (any Spelling)? = Hunspell.Deferred.dutch,
                limits: ReadLimits = .standard, register: Fondsenregister? = nil, datum: Datum? = nil) {
        self.checklist = checklist
        self.spelling = spelling
        self.limits = limits
        self.register = register
        self.datum = datum
    }

    /// `inhoud`: the tree the reader decoded `a` from, if nothing has changed `a` since.
    public func context(_ a: Aanvraag, inhoud: Inhoud? = nil) -> CheckContext {
        CheckContext(aanvraag: a, spelling: spelling, briefPaginas: { aanvraag, fonds in
            BriefLengte.schatting(aanvraag, fonds: fonds)
        }, register: register, datum: datum, inhoud: inhoud)
    }

    public func check(_ a: Aanvraag, inhoud: Inhoud? = nil) throws(LeesFout) -> [Bevinding] {
        // What the dictionary needs for this aanvraag's words loads on a second core while the
        // rules before `spelling` run.
        if let deferred = spelling as? Hunspell.Deferred, !deferred.isLoaded {
            deferred.prefetch(words: { Checklist.spellingwoorden(a) })
        }
        return try checklist.check(context(a, inhoud: inhoud), alleenFouten: alleenFouten)
    }

    public func check(path: String) -> CheckResultaat {
        do {
            let (a, inhoud) = try AanvraagReader.lees(path: path, limits: limits)
            return CheckResultaat(bestand: path, aanvraag: a, leesfout: nil, bevindingen: try check(a, inhoud: inhoud))
        } catch {
            return CheckResultaat(bestand: path, aanvraag: nil, leesfout: error, bevindingen: [])
        }
    }
}

/// Text and JSON reports of `vip check` (cli.md).
public enum CheckReport {
    public struct Kleuren: Sendable {
        public var aan: Bool
        public init(aan: Bool) { self.aan = aan }
        func paint(_ s: String, _ code: String) -> String { aan ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        func ernst(_ e: Ernst) -> String {
            switch e {
            case .fout: return paint("fout", "1;31")
            case .waarschuwing: return paint("waarschuwing", "33")
            case .tip: return paint("tip", "36")
            }
        }
    }

    public static func aantal(_ n: Int, _ enkel: String, _ meer: String) -> String { "\(n) \(n == 1 ? enkel : meer)" }

    /// `bestand:regel:kolom: ernst: melding [regel-id]`, grouped by severity with counts,
    /// and a closing verdict: `af` or `niet af: N fouten, M waarschuwingen`.
    public static func tekst(_ r: CheckResultaat, kleuren: Kleuren = Kleuren(aan: false)) -> String {
        if let e = r.leesfout { return e.description + "\n" }
        var out = ""
        let groepen: [(String, [Bevinding])] = [
            ("Fouten", r.bevindingen.filter { $0.ernst == .fout }),
            ("Waarschuwingen", r.bevindingen.filter { $0.ernst == .waarschuwing && !$0.onderdrukt }),
            ("Tips", r.bevindingen.filter { $0.ernst == .tip && !$0.onderdrukt }),
            ("Genegeerd met `negeer:`", r.bevindingen.filter(\.onderdrukt)),
        ]
        for (titel, lijst) in groepen where !lijst.isEmpty {
            out += kleuren.paint("\(titel) (\(lijst.count)):", "1") + "\n"
            for b in lijst {
                var regel = b.tekstregel(bestand: r.bestand, ernst: kleuren.ernst(b.ernst))
                if b.onderdrukt { regel += " (genegeerd: \(b.reden ?? ""))" }
                out += regel + "\n"
            }
        }
        out += oordeel(r, kleuren: kleuren) + "\n"
        return out
    }

    public static func oordeel(_ r: CheckResultaat, kleuren: Kleuren = Kleuren(aan: false)) -> String {
        let b = r.bevindingen
        let w = aantal(b.count(.waarschuwing), "waarschuwing", "waarschuwingen")
        if b.isAf {
            let rest = [b.count(.waarschuwing) > 0 ? w : nil,
                        b.count(.tip) > 0 ? aantal(b.count(.tip), "tip", "tips") : nil].compactMap { $0 }
            return "\(r.bestand): " + kleuren.paint("af", "1;32") + (rest.isEmpty ? "" : " (\(rest.joined(separator: ", ")))")
        }
        return "\(r.bestand): " + kleuren.paint("niet af: \(aantal(b.count(.fout), "fout", "fouten")), \(w)", "1;31")
    }

    public static func json(_ resultaten: [CheckResultaat]) -> String {
        JSON.array(resultaten.map(json)).serialised() + "\n"
    }

    public static func json(_ r: CheckResultaat) -> JSON {
        if let e = r.leesfout {
            return .object([("bestand", .string(r.bestand)), ("leesfout", .object([
                ("melding", .string(e.melding)),
                ("regel_nr", e.mark.map { .int($0.line) } ?? .null),
                ("kolom", e.mark.map { .int($0.column) } ?? .null),
                ("pad", .string(e.pad)),
            ]))])
        }
        let a = r.aanvraag!
        return .object([
            ("bestand", .string(r.bestand)),
            ("af", .bool(r.isAf)),
            ("totalen", .object([("begroting", .string(a.begroting.totaal.plain)),
                                 ("dekking", .string(a.dekkingsplan.totaal.plain))])),
            ("bevindingen", bevindingen(r.bevindingen)),
        ])
    }

    public static func bevindingen(_ lijst: [Bevinding]) -> JSON {
        .array(lijst.map { b in
            var o: [(String, JSON)] = [
                ("regel", .string(b.regel)), ("ernst", .string(b.ernst.rawValue)), ("melding", .string(b.melding)),
                ("pad", .string(b.pad)), ("regel_nr", b.mark.map { .int($0.line) } ?? .null),
                ("kolom", b.mark.map { .int($0.column) } ?? .null),
            ]
            if b.onderdrukt { o += [("onderdrukt", .bool(true)), ("reden", .string(b.reden ?? ""))] }
            return .object(o)
        })
    }
}
