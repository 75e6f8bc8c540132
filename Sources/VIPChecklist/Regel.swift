import VIPModel

/// How serious a finding is (checklist.md, "Severities").
public enum Ernst: String, Sendable, CaseIterable, Comparable {
    /// The aanvraag is not "af".
    case fout
    /// A fund will likely mark it down; fix it or explain it (`negeer:`).
    case waarschuwing
    /// Advice from the course.
    case tip

    var rank: Int { self == .fout ? 0 : self == .waarschuwing ? 1 : 2 }
    public static func < (a: Ernst, b: Ernst) -> Bool { a.rank < b.rank }
}

/// One thing the checklist found, at one place in the input.
public struct Bevinding: Sendable, Equatable {
    public var regel: String
    public var ernst: Ernst
    public var melding: String
    public var pad: String
    public var mark: SourceMark?
    /// Suppressed by `negeer:` (waarschuwingen and tips only), with the user's reason.
    public var onderdrukt = false
    public var reden: String?

    public init(regel: String, ernst: Ernst, melding: String, pad: String, mark: SourceMark? = nil) {
        self.regel = regel
        self.ernst = ernst
        self.melding = melding
        self.pad = pad
        self.mark = mark
    }

    /// `bestand:regel:kolom: ernst: melding [regel-id]` (cli.md); `ernst` replaces the
    /// severity's own word (a terminal colours it).
    public func tekstregel(bestand: String, ernst: String? = nil) -> String {
        Meldingsregel.tekst(bestand: bestand, mark: mark, ernst: ernst ?? self.ernst.rawValue,
                            melding: "\(melding) [\(regel)]")
    }
}

/// An example of a rule, written as a YAML fragment laid over the valid baseline
/// aanvraag (`Baseline.yaml`). Keys merge into the baseline; `~` empties a field;
/// `naam[2]:` merges into element 2 of list `naam`, `naam[+]:` appends to it; a list
/// written in full replaces the baseline's list.
public struct Voorbeeld: Sendable {
    public var yaml: String
    /// For a failing example: the path the finding must point at.
    public var pad: String?
    /// For a failing example whose finding has another severity than the rule's own.
    public var ernst: Ernst?
    public var file: String
    public var line: Int

    public init(_ yaml: String, pad: String? = nil, ernst: Ernst? = nil,
                file: String = #filePath, line: Int = #line) {
        self.yaml = yaml
        self.pad = pad
        self.ernst = ernst
        self.file = file
        self.line = line
    }
}

/// What a rule sees: the aanvraag and the services some rules need.
public struct CheckContext: Sendable {
    public var aanvraag: Aanvraag
    /// Spell checker for the `spelling` rule; nil skips that rule (no dictionary).
    public var spelling: (any Spelling)?
    /// Estimated page count of the generated letter to one fund (`brief_lengte`);
    /// provided by the document builders, nil where they are not linked.
    public var briefPaginas: (@Sendable (Aanvraag, Int) -> Double)?
    /// The fund register (`vip check --register`); nil leaves the register's rules out.
    public var register: Fondsenregister?
    /// Today, for the rules about dates (a bedankbrief, a verantwoording due); nil leaves them out.
    public var datum: Datum?
    /// The tree of fields the reader decoded `aanvraag` from (`AanvraagReader.lees`), when nothing
    /// changed the aanvraag since: the rules that walk the field table use it instead of
    /// encoding the aanvraag again (`Aanvraag.inhoud`), which gives the same fields.
    public var inhoud: Inhoud?

    public init(aanvraag: Aanvraag, spelling: (any Spelling)? = nil,
                briefPaginas: (@Sendable (Aanvraag, Int) -> Double)? = nil,
                register: Fondsenregister? = nil, datum: Datum? = nil, inhoud: Inhoud? = nil) {
        self.aanvraag = aanvraag
        self.inhoud = inhoud
        self.spelling = spelling
        self.briefPaginas = briefPaginas
        self.register = register
        self.datum = datum
    }
}

/// The spell checking a rule needs; implemented over hunspell in VIPSpelling.
public protocol Spelling: Sendable {
    /// True when `word` is spelled correctly.
    func isCorrect(_ word: String) -> Bool
    /// Up to `limit` corrections for a misspelt word, best first.
    func suggestions(_ word: String, limit: Int) -> [String]
    /// Every word `isCorrect` is about to be asked, so that a checker can load only what
    /// those need (`Hunspell.Deferred`); `words` is worked out only if the checker asks.
    func prepare(_ words: () -> [String])
}

extension Spelling {
    /// A spell checker without suggestions.
    public func suggestions(_ word: String, limit: Int) -> [String] { [] }
    /// A spell checker that needs no preparation.
    public func prepare(_ words: () -> [String]) {}
}

/// Collects the findings of one rule.
public struct Melder {
    let regel: Regel
    let aanvraag: Aanvraag
    public private(set) var bevindingen: [Bevinding] = []

    init(regel: Regel, aanvraag: Aanvraag) {
        self.regel = regel
        self.aanvraag = aanvraag
    }

    /// Reports `melding` at `pad`, with the rule's severity unless `ernst` is given.
    public mutating func meld(_ pad: String, _ melding: String, ernst: Ernst? = nil) {
        bevindingen.append(Bevinding(regel: regel.id, ernst: ernst ?? regel.ernst, melding: melding,
                                     pad: pad, mark: aanvraag.bron.locate(pad)))
    }
}

/// One checklist rule: a self-describing value whose examples are its tests (as
/// SwiftLint's rules). The catalogue `vip regels` prints is generated from these.
public struct Regel: Sendable {
    public let id: String
    public let ernst: Ernst
    /// Section of checklist.md: Organisatie, Projectplan, Begroting, Dekkingsplan en fondsen, Brief en bijlagen.
    public let onderdeel: String
    /// What is checked, in Dutch, one or two sentences.
    public var beschrijving: String { maakBeschrijving() }
    /// The book's lines (`L8805`) and the course's checklist items (`B4`), or "praktijk".
    public let bron: String
    public var goed: [Voorbeeld] { maakGoed() }
    public var fout: [Voorbeeld] { maakFout() }
    let check: @Sendable (CheckContext, inout Melder) -> Void
    // The description and the examples are made when asked (`vip regels`, the tests), not when
    // the catalogue is: they are literals joined with `+`, which Swift does at run time, and
    // making them for all rules was 2.5 % of a one-package `vip build`, which never shows them.
    private let maakBeschrijving: @Sendable () -> String
    private let maakGoed: @Sendable () -> [Voorbeeld]
    private let maakFout: @Sendable () -> [Voorbeeld]

    public init(_ id: String, _ ernst: Ernst, onderdeel: String,
                beschrijving: @autoclosure @escaping @Sendable () -> String, bron: String,
                goed: @autoclosure @escaping @Sendable () -> [Voorbeeld] = [],
                fout: @autoclosure @escaping @Sendable () -> [Voorbeeld] = [],
                check: @escaping @Sendable (CheckContext, inout Melder) -> Void) {
        self.id = id
        self.ernst = ernst
        self.onderdeel = onderdeel
        self.maakBeschrijving = beschrijving
        self.bron = bron
        self.maakGoed = goed
        self.maakFout = fout
        self.check = check
    }

    public func run(_ context: CheckContext) -> [Bevinding] {
        var melder = Melder(regel: self, aanvraag: context.aanvraag)
        check(context, &melder)
        return melder.bevindingen
    }
}
