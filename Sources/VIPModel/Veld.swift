/// The kind of value a field of the aanvraag holds.
public indirect enum Veldsoort: Sendable, Equatable {
    /// A fixed value (`formaat: vip-aanvraag/1`).
    case vast(String)
    /// A short text: a name, a number written as text, a title of a bijlage.
    case tekst
    /// Dutch prose written by the applicant: spell-checked; a blank line starts a paragraph.
    case proza
    /// A path to a file beside the aanvraag (logo, bijlage).
    case bestand
    /// An amount in euros (exact cents).
    case bedrag
    /// A number: whole (`geheel`, such as a number of people) or with up to two decimals.
    case hoeveelheid(geheel: Bool)
    case datum
    /// One of `waarden`. Another value is a reading error, unless `vrij`: then the reader
    /// takes any text and the checklist reports it (`rechtsvorm`).
    case keuze([String], vrij: Bool = false)
    /// Yes or no (`anbi`).
    case jaNee
    /// A list of items of the given kind; a list of `.sectie` has its fields in `Veld.velden`.
    case lijst(Veldsoort)
    /// A nested section; its fields are in `Veld.velden`.
    case sectie
}

/// How a field identifies the applicant (for the anonymiser of the peer review).
public enum Identificatie: String, Sendable, CaseIterable {
    /// The name of the applying organisation.
    case organisatie
    /// Certainly the name of one person.
    case persoon
    /// A text that may name one or more people ("Petra en Mehmet"), or a role ("het bestuur").
    case personen
    /// Street and number.
    case adres
    case postcode, telefoonnummer, emailadres, website, kvk, rsin, iban
    /// Another organisation the applicant works with.
    case partner
    /// An existing initiative the project is compared with.
    case initiatief
    /// A source of money; identifying only when its entry's `soort` is `sponsor` and it names no `fonds`.
    case sponsor
}

/// What the anonymiser of the peer review does with a field's value (review.md, "Anonymised copies").
public enum Anonimisering: String, Sendable, Equatable {
    /// Identifying strings and patterns are replaced: the applicant's own texts.
    case vervang
    /// Public data of others (a fund's address and contact): only the applicant's strings are
    /// replaced, no patterns.
    case openbaar
    /// Kept as it is: choices, amounts, dates, and names other fields refer to (a fund's name).
    case behoud
    /// Left out: files (the logo, bijlagen) and the applicant's own settings (`negeer`).
    case weglaten
}

/// How the reader tidies a text before it is stored.
public enum Normalisatie: String, Sendable, Equatable {
    /// `1065kh` → `1065 KH`.
    case postcode
}

/// Entries that must name one of several groups of fields (a dekkingsplan line is a source,
/// `bron` + `soort`, or a fund, `fonds`).
public struct Varianten: Sendable, Equatable {
    /// The groups, by key; an entry is complete when one group is complete.
    public var groepen: [[String]]
    /// Optional keys that belong with a group (same order as `groepen`): `vip init` writes them in
    /// that group's example entry only (the decision keys of a fund).
    public var optioneel: [[String]]
    /// The finding when an entry names none of them.
    public var geenMelding: String

    public init(_ groepen: [[String]], optioneel: [[String]] = [], geenMelding: String) {
        self.groepen = groepen
        self.optioneel = optioneel
        self.geenMelding = geenMelding
    }
}

/// One field of `vip-aanvraag/1`: the single description from which the reader's keys, `vip schema`,
/// `vip init`, the spelling check, the anonymiser and `verplichte_velden` are derived.
public struct Veld: Sendable, Equatable {
    /// The YAML key (`ter_attentie_van`).
    public let sleutel: String
    /// The full path, with `[]` for the items of a list: `begroting.posten[].prijs`. Set by `Veldentabel`.
    public internal(set) var pad: String = ""
    public var soort: Veldsoort
    /// A short Dutch label, for a form and for comments ("Naam van de organisatie").
    public var label: String
    /// The course's question for this field ("Voor wie gaat u het doen?"), if the book asks one.
    public var vraag: String?
    /// A practical hint: an example, a format, advice from the book.
    public var hint: String?
    /// Required (the format lists it without `?`): needed for the aanvraag to be "af" when its
    /// section or list entry is there.
    public var verplicht: Bool
    /// The checklist rule that reports this field when it is missing; nil: `verplichte_velden` does.
    public var regel: String?
    /// How a finding names this field when it is missing ("De naam van deze partner").
    public var benaming: String?
    /// Whether, and how, the field identifies a person or organisation.
    public var identificeert: Identificatie?
    /// The bijeenkomst by which the course expects it (the book's homework). Inherited from the
    /// section when not set.
    public var bijeenkomst: Int?
    /// The fields of a section, or of each item of a list of sections.
    public var velden: [Veld]
    /// For a list of sections whose entries are one of several kinds.
    public var varianten: Varianten?
    /// For a list of sections: a bare text as an item stands for this field (`resultaten`).
    public var losseTekst: String?
    /// `vip init` writes the list empty: an example entry would be read as a real one (`negeer`).
    public var leegInSjabloon: Bool
    /// How a reading error names the section or the list as a whole ("de doelgroep", "partners").
    public var wat: String?
    /// How a reading error names one entry of a list of sections ("een partner").
    public var watItem: String?
    /// How the reader tidies the text (a postcode).
    public var normaliseer: Normalisatie?
    /// What the anonymiser does with the value; nil: as the section around it says, else by kind
    /// (texts are replaced, files left out, the rest kept). Set by `Veldentabel` when inherited.
    public var anonimisering: Anonimisering?

    /// The Swift property of the `Aanvraag` model that holds the field (`terAttentieVan`).
    public let eigenschap: String

    public init(_ sleutel: String, _ soort: Veldsoort, _ label: String, vraag: String? = nil, hint: String? = nil,
                verplicht: Bool = false, regel: String? = nil, benaming: String? = nil,
                identificeert: Identificatie? = nil, bijeenkomst: Int? = nil,
                wat: String? = nil, watItem: String? = nil, normaliseer: Normalisatie? = nil,
                anonimisering: Anonimisering? = nil, velden: [Veld] = [],
                varianten: Varianten? = nil, losseTekst: String? = nil, leegInSjabloon: Bool = false) {
        self.sleutel = sleutel
        self.eigenschap = Veld.eigenschap(sleutel)
        self.soort = soort
        self.label = label
        self.vraag = vraag
        self.hint = hint
        self.verplicht = verplicht
        self.regel = regel
        self.benaming = benaming
        self.identificeert = identificeert
        self.bijeenkomst = bijeenkomst
        self.velden = velden
        self.varianten = varianten
        self.losseTekst = losseTekst
        self.leegInSjabloon = leegInSjabloon
        self.wat = wat
        self.watItem = watItem
        self.normaliseer = normaliseer
        self.anonimisering = anonimisering
    }

    /// `ter_attentie_van` → `terAttentieVan`: the parts between underscores, each after the
    /// first with a capital. Built once per field at start (the table has ~130), so without
    /// `split` and `uppercased()`, which made this a third of building the table; a key with
    /// anything but ASCII takes the general way.
    static func eigenschap(_ sleutel: String) -> String {
        var uit: [UInt8] = []
        uit.reserveCapacity(sleutel.utf8.count)
        var hoofdletter = false
        for b in sleutel.utf8 {
            guard b < 0x80 else {
                return sleutel.split(separator: "_").enumerated()
                    .map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }
                    .joined()
            }
            if b == UInt8(ascii: "_") { hoofdletter = !uit.isEmpty; continue }
            uit.append(hoofdletter && b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") ? b - 32 : b)
            hoofdletter = false
        }
        return String(decoding: uit, as: UTF8.self)
    }

    /// The kind of one item of a list (nil when the field is no list).
    public var itemsoort: Veldsoort? {
        if case .lijst(let e) = soort { return e }
        return nil
    }

    public var isLijst: Bool { itemsoort != nil }

    /// A section, or a list of sections: a field with fields of its own.
    public var heeftVelden: Bool { soort == .sectie || itemsoort == .sectie }

    /// The allowed values of a choice, or of the items of a list of choices.
    public var keuzes: [String]? {
        switch soort {
        case .keuze(let w, _), .lijst(.keuze(let w, _)): return w
        default: return nil
        }
    }

    /// Prose written by the applicant (a prose field, or a list of prose).
    public var isProza: Bool { soort == .proza || itemsoort == .proza }

    /// A text of the applicant (text, prose, or a list of them).
    public var isTekst: Bool {
        switch itemsoort ?? soort {
        case .tekst, .proza: return true
        default: return false
        }
    }

    /// How a reading error names this section or list ("de doelgroep", "partners", "teksten").
    public var leesnaam: String {
        if let wat { return wat }
        switch itemsoort {
        case .tekst?, .proza?, .bestand?: return "teksten"
        case .some: return label.lowercased()
        case nil: return "het onderdeel \u{2018}\(label.lowercased())\u{2019}"
        }
    }

    /// How a reading error names one entry of this list of sections ("een partner").
    public var leesnaamItem: String { watItem ?? "een onderdeel van \u{2018}\(label.lowercased())\u{2019}" }

    /// The field of this section or list entry with key `sleutel`.
    public subscript(sleutel: String) -> Veld? { velden.first { $0.sleutel == sleutel } }
}

extension Veld {
    /// Label, question and hint as one line, for a comment or a form's help text:
    /// "Samenvatting. Wat gaat u doen? In vijf zinnen; deze tekst komt in de brief."
    /// A choice also lists its values.
    public var toelichting: String {
        var delen = [Self.zin(label), vraag.map(Self.zin), hint.map(Self.zin)].compactMap { $0 }
        if let keuzes, !keuzes.isEmpty {
            delen.append(Self.zin((soort == .keuze(keuzes, vrij: true) ? "Een van: " : "Kies uit: ")
                                  + Self.opsomming(keuzes)))
        }
        return delen.joined(separator: " ")
    }

    /// "a, b of c".
    public static func opsomming(_ woorden: [String]) -> String {
        guard woorden.count > 1 else { return woorden.first ?? "" }
        return woorden.dropLast().joined(separator: ", ") + " of " + woorden.last!
    }

    static func zin(_ s: String) -> String {
        guard let last = s.last else { return s }
        return ".?!,:".contains(last) ? s : s + "."
    }
}
