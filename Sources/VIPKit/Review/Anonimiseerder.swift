import Foundation
import VIPModel
import VIPSpelling

/// Makes aanvragen anonymous for the peer review of bijeenkomst 4 (review.md, "Anonymised copies").
///
/// Pure: aanvragen in, anonymised aanvragen and their identifying strings out; nothing is read
/// or written. It works in two steps:
///
/// 1. **Collect** the identifying strings from the fields the field table marks as identifying
///    (`Veld.identificeert`): the organisation, every
///    person (board, contact person, project leader, signers, corrector, and the executors,
///    evaluators and reporters that look like a person), address, postcode, phone, e-mail,
///    website, KvK, RSIN, IBAN, partners, existing initiatives, sponsors. Variants are added:
///    the organisation's name without its legal form, a person's first name and surname on
///    their own when they are not ordinary Dutch words (hunspell: "Petra" yes, "Roos" no), the
///    surname with its particle ("de Haan"), phone numbers in +31 form, the website without
///    scheme and "www.".
/// 2. **Replace** them in every text field (case- and diacritic-insensitive, on word boundaries,
///    numbers with or without separators), longest match first, plus what only a pattern can
///    find (e-mail addresses, URLs, IBANs, phone numbers, postcodes, 8- and 9-digit numbers).
///    A replacement is a label that keeps the sentence readable ("[persoon 2]", "[organisatie]");
///    each aanvraag numbers its own persons, partners and initiatives, and the same person has
///    the same number in all its documents. Strings of the *other* aanvragen are replaced too,
///    with an unnumbered label, because the leak check scans every copy for all of them.
///
/// What stays: fund names and fund data (public; only strings of the applicant are removed
/// from them), place names and the region (a fund weighs where a project takes place), dates
/// and amounts. The logo is dropped.
public struct Anonimiseerder: Sendable {
    /// True when a word (lower case) is an ordinary Dutch word. Without a dictionary every name
    /// part counts as a name, which removes more, never less.
    public var isGewoonWoord: @Sendable (String) -> Bool
    /// Which fields identify the applicant, and how.
    public var tabel: Veldentabel = .aanvraag

    public init(isGewoonWoord: (@Sendable (String) -> Bool)? = nil) {
        if let isGewoonWoord {
            self.isGewoonWoord = isGewoonWoord
        } else if let hunspell = Hunspell.dutch {
            self.isGewoonWoord = { hunspell.spell($0) }
        } else {
            self.isGewoonWoord = { _ in false }
        }
    }

    public struct Resultaat: Sendable {
        public var aanvraag: Aanvraag
        /// The identifying strings of this aanvraag (not of the others), with their labels.
        public var identificerend: [Identificerend]
    }

    /// Anonymises each aanvraag; `namen[i]` becomes the source name of result i ("aanvraag A").
    public func anonimiseer(_ aanvragen: [Aanvraag], namen: [String]? = nil) -> [Resultaat] {
        let eigen = aanvragen.map { verzamel($0) }
        return aanvragen.indices.map { i in
            var termen = eigen[i].alle
            for j in aanvragen.indices where j != i {
                termen += eigen[j].alle.map { var x = $0; x.label = x.soort.algemeenLabel; return x }
            }
            let vervanger = Vervanger(identificerend: termen, zwak: eigen[i].zwak, patronen: true)
            let fondsVervanger = Vervanger(identificerend: termen, zwak: [], patronen: false)
            let a = vervang(aanvragen[i], tekst: vervanger.vervang, fonds: fondsVervanger.vervang,
                            naam: namen?[i] ?? "aanvraag")
            return Resultaat(aanvraag: a, identificerend: eigen[i].alle)
        }
    }

    /// Anonymises one aanvraag on its own.
    public func anonimiseer(_ a: Aanvraag) -> Resultaat { anonimiseer([a])[0] }

    // MARK: - Collecting

    struct Verzameling {
        /// Strong identifying strings: searched by the leak check too.
        var alle: [Identificerend] = []
        /// Name parts that are ordinary words ("Storm", "Visser"): replaced only where written with a
        /// capital and not at the start of a sentence; not part of the leak check, where "storm" is
        /// just a word.
        var zwak: [Identificerend] = []
    }

    static let rechtsvormen: Set<String> = ["stichting", "vereniging", "coöperatie", "cooperatie", "st.", "stg.", "stg",
                                            "vzw", "bv", "b.v.", "nv", "n.v.", "buurtvereniging", "bewonersvereniging"]
    /// Words that make a capitalised phrase an organisation or a group rather than a person.
    static let geenPersoon: Set<String> = ["bestuur", "stichting", "vereniging", "gemeente", "team", "vrijwilligers",
                                           "school", "basisschool", "buurthuis", "wijkcentrum", "het", "een", "ons", "onze",
                                           "alle", "de", "coördinator", "coordinator", "voorzitter", "secretaris",
                                           "penningmeester", "projectleider", "medewerkers", "werkgroep", "commissie"]

    /// The fields of `tabel` whose values identify the applicant.
    public static func identificerendeVelden(_ tabel: Veldentabel) -> [Veld] {
        tabel.alle.filter { $0.identificeert != nil }
    }

    /// The identifying values of an aanvraag by kind, in table order. A source counts as a sponsor
    /// only when its `soort` says so and it is no fund.
    static func identificerend(_ a: Aanvraag, tabel: Veldentabel) -> [Identificatie: [String]] {
        var uit: [Identificatie: [String]] = [:]
        for sectie in tabel.secties(in: a) {
            for rij in sectie.velden {
                guard let soort = rij.veld.identificeert, let waarde = rij.waarde else { continue }
                if soort == .sponsor, sectie.tekst("soort") != Soort.sponsor.rawValue || sectie["fonds"] != nil { continue }
                uit[soort, default: []] += Sectiewaarde.teksten(waarde)
            }
        }
        return uit
    }

    func verzamel(_ a: Aanvraag) -> Verzameling {
        let velden = Self.identificerend(a, tabel: tabel)
        func teksten(_ soort: Identificatie) -> [String] { velden[soort] ?? [] }
        var v = Verzameling()
        var gezien = Set<String>()   // soort + folded text
        func voeg(_ soort: IdentificerendSoort, _ tekst: String?, _ label: String, hoofdletters: Bool = false) {
            guard let t = tekst?.trimmedText, t.count >= 2 else { return }
            let sleutel = Vervanger.sleutel(t, getal: soort.isGetal)
            guard !sleutel.isEmpty, gezien.insert(sleutel).inserted else { return }
            v.alle.append(Identificerend(soort: soort, tekst: t, label: label, hoofdlettergevoelig: hoofdletters))
        }
        // The organisation, also without its legal form ("Sterk Woensel").
        for naam in teksten(.organisatie) {
            voeg(.organisatie, naam, "[organisatie]")
            if let kern = kern(naam, zonderEersteWoordAls: { Self.rechtsvormen.contains($0.lowercased()) }) {
                voeg(.organisatie, kern.tekst, "[organisatie]", hoofdletters: kern.gewoon)
            }
        }

        // People: the ones that certainly are, then the ones that look like one.
        var personen: [(naam: String, label: String)] = []
        func persoon(_ naam: String?, zeker: Bool) {
            guard let naam else { return }
            let delen = zeker ? [naam] : Self.splitsNamen(naam)
            for deel in delen {
                let d = deel.trimmingCharacters(in: CharacterSet(charactersIn: " .,;"))
                guard !d.isEmpty, zeker || lijktOpPersoon(d) else { continue }
                let sleutel = Vervanger.sleutel(d, getal: false)
                if personen.contains(where: { Vervanger.sleutel($0.naam, getal: false) == sleutel }) { continue }
                // A single name that is the first name or surname of someone already known is that person.
                if !d.contains(" "), personen.contains(where: { p in
                    p.naam.split(separator: " ").contains { Vervanger.sleutel(String($0), getal: false) == sleutel }
                }) { continue }
                personen.append((d, IdentificerendSoort.label("persoon", personen.count + 1)))
            }
        }
        for naam in teksten(.persoon) { persoon(naam, zeker: true) }
        for naam in teksten(.personen) { persoon(naam, zeker: false) }
        for p in personen { voeg(.persoon, p.naam, p.label) }
        // Name parts: a part belongs to one person, or is shared ("[persoon]").
        var delen: [String: (tekst: String, labels: Set<String>)] = [:]
        var volgorde: [String] = []
        for p in personen {
            let woorden = p.naam.split(separator: " ").map(String.init)
            for (i, w) in woorden.enumerated() where !Tussenvoegsels.bevat(w, positie: i) {
                let schoon = w.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:"))
                guard schoon.count >= 2, !schoon.hasSuffix(".") else { continue }   // not initials
                let s = Vervanger.sleutel(schoon, getal: false)
                if delen[s] == nil { volgorde.append(s); delen[s] = (schoon, []) }
                delen[s]!.labels.insert(p.label)
                // "de Haan", "van Dijk": the surname with its particle.
                if i > 0, Tussenvoegsels.bevat(woorden[i - 1], positie: i - 1) {
                    var j = i - 1
                    while j > 0, Tussenvoegsels.bevat(woorden[j - 1], positie: j - 1) { j -= 1 }
                    if j > 0 { voeg(.persoon, woorden[j...i].joined(separator: " "), p.label) }
                }
            }
        }
        for s in volgorde {
            let (tekst, labels) = delen[s]!
            let label = labels.count == 1 ? labels.first! : "[persoon]"
            if isGewoonWoord(tekst.lowercased()) {
                v.zwak.append(Identificerend(soort: .persoon, tekst: tekst, label: label, hoofdlettergevoelig: true))
            } else {
                voeg(.persoon, tekst, label)
            }
        }

        // Address and numbers.
        for straat in teksten(.adres) {
            voeg(.adres, straat, "[adres]")
            if !straat.lowercased().hasPrefix("postbus") {
                let naam = straat.split(separator: " ").prefix { !($0.first?.isNumber ?? false) }.joined(separator: " ")
                if naam.count >= 4, naam != straat { voeg(.straat, naam, "[straat]") }
            }
        }
        for postcode in teksten(.postcode) { voeg(.postcode, postcode, "[postcode]") }
        for email in teksten(.emailadres) { voeg(.emailadres, email, "[e-mailadres]") }
        for telefoon in teksten(.telefoonnummer) {
            for variant in Self.telefoonVarianten(telefoon) { voeg(.telefoonnummer, variant, "[telefoonnummer]") }
        }
        for website in teksten(.website) {
            for variant in Self.websiteVarianten(website) { voeg(.website, variant, "[website]") }
        }
        for kvk in teksten(.kvk) { voeg(.kvk, kvk, "[KvK-nummer]") }
        for rsin in teksten(.rsin) { voeg(.rsin, rsin, "[RSIN]") }
        for iban in teksten(.iban) { voeg(.iban, iban, "[IBAN]") }

        // Partners, initiatives, sponsors: numbered labels that keep the role.
        func organisaties(_ namen: [String?], _ soort: IdentificerendSoort) {
            var n = 0
            for naam in namen.compactMap({ $0 }) {
                let sleutel = Vervanger.sleutel(naam, getal: false)
                if v.alle.contains(where: { Vervanger.sleutel($0.tekst, getal: false) == sleutel }) { continue }
                n += 1
                let label = IdentificerendSoort.label(soort.rawValue, n)
                voeg(soort, naam, label)
                // "Basisschool De Kameleon" is also written "De Kameleon".
                if let kern = kern(naam, zonderEersteWoordAls: { isGewoonWoord($0.lowercased()) }) {
                    voeg(soort, kern.tekst, label, hoofdletters: kern.gewoon)
                }
            }
        }
        organisaties(teksten(.partner), .partner)
        organisaties(teksten(.initiatief), .initiatief)
        organisaties(teksten(.sponsor), .sponsor)
        return v
    }

    /// The distinctive rest of a name without its first word ("Stichting Sterk Woensel" → "Sterk
    /// Woensel"), when that first word is generic. `gewoon`: the rest is made of ordinary words only
    /// (then it is a name only when written with its capitals).
    func kern(_ naam: String, zonderEersteWoordAls generiek: (String) -> Bool) -> (tekst: String, gewoon: Bool)? {
        let woorden = naam.split(separator: " ").map(String.init)
        guard woorden.count >= 2, generiek(woorden[0]) else { return nil }
        let rest = Array(woorden.dropFirst())
        let gewoon = rest.allSatisfy { w in
            let s = w.trimmingCharacters(in: .punctuationCharacters).lowercased()
            return Tussenvoegsels.bevat(s) || s == "voor" || s == "en" || isGewoonWoord(s)
        }
        // A single ordinary word ("Centrum") is no name of its own.
        if rest.count == 1 && gewoon { return nil }
        // Capitals must be meaningful: at least one word of the rest starts with one.
        if gewoon && !rest.contains(where: { $0.first?.isUppercase ?? false }) { return nil }
        return (rest.joined(separator: " "), gewoon)
    }

    /// "Petra Zwanenburg en Mehmet Yıldırım" → both names.
    static func splitsNamen(_ s: String) -> [String] {
        var delen = [s]
        for scheiding in [" en ", ", ", " & ", " / ", ";"] {
            delen = delen.flatMap { $0.components(separatedBy: scheiding) }
        }
        return delen
    }

    /// A name written as names are: capitalised words (with particles and initials), not a
    /// phrase or a role. A single word counts only when it is not an ordinary word ("Petra").
    func lijktOpPersoon(_ s: String) -> Bool {
        let woorden = s.split(separator: " ").map(String.init)
        guard (1...5).contains(woorden.count) else { return false }
        var hoofd = 0
        for (i, w) in woorden.enumerated() {
            let l = w.lowercased()
            if Tussenvoegsels.bevat(w, positie: i) { continue }
            if Self.geenPersoon.contains(l) { return false }
            guard let eerste = w.first, eerste.isUppercase,
                  w.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "'" || $0 == "’" || $0 == "." }) else { return false }
            hoofd += 1
        }
        if hoofd == 0 { return false }
        if hoofd == 1 {
            let w = woorden.enumerated().first { !Tussenvoegsels.bevat($0.element, positie: $0.offset) }!.element
            return !w.hasSuffix(".") && !isGewoonWoord(w.lowercased())
        }
        return true
    }

    /// The number as written, and its national and international forms.
    static func telefoonVarianten(_ t: String?) -> [String] {
        guard let t else { return [] }
        let compact = t.filter { $0.isNumber || $0 == "+" }
        var uit = [t]
        if compact.hasPrefix("0"), !compact.hasPrefix("00") {
            uit += ["+31" + compact.dropFirst(), "0031" + compact.dropFirst()]
        } else if compact.hasPrefix("+31") {
            uit += ["0" + compact.dropFirst(3)]
        } else if compact.hasPrefix("0031") {
            uit += ["0" + compact.dropFirst(4)]
        }
        return uit
    }

    /// "https://www.x.nl/" → also "www.x.nl" and "x.nl".
    static func websiteVarianten(_ w: String?) -> [String] {
        guard var s = w?.trimmedText, !s.isEmpty else { return [] }
        var uit = [s]
        for schema in ["https://", "http://"] where s.lowercased().hasPrefix(schema) { s = String(s.dropFirst(schema.count)) }
        while s.hasSuffix("/") { s.removeLast() }
        uit.append(s)
        if s.lowercased().hasPrefix("www.") { uit.append(String(s.dropFirst(4))) }
        // The host alone, when the address has a path.
        if let slash = s.firstIndex(of: "/") {
            let host = String(s[..<slash])
            uit.append(host)
            if host.lowercased().hasPrefix("www.") { uit.append(String(host.dropFirst(4))) }
        }
        return uit
    }

    // MARK: - Replacing in every field

    /// Every field as the table says (`Veld.anonimisering`): the applicant's texts through `tv`,
    /// public data of funds through `fv`, files and the applicant's own settings left out, the
    /// rest kept. A field added to the table is anonymised without code of its own.
    func vervang(_ a: Aanvraag, tekst tv: (String) -> String, fonds fv: (String) -> String, naam: String) -> Aanvraag {
        let boom = tabel.herschreven(a.inhoud, weg: { $0.anonimisering == .weglaten }) { veld, tekst in
            switch veld.anonimisering {
            case .vervang?: return tv(tekst)
            case .openbaar?: return fv(tekst)
            case .behoud?, .weglaten?, nil: return tekst
            }
        }
        // Only texts were replaced in a tree the model wrote itself, so it reads back; were it not
        // to, nothing of the applicant is better than something.
        var b = (try? Aanvraag(inhoud: boom)) ?? Aanvraag()
        b.bron = Bron(bestand: naam)
        return b
    }
}

/// Replaces identifying strings and patterns in one text, in a single pass: all matches are
/// found on the original text, overlaps are resolved (earliest, then longest, then own before
/// foreign, then strings before patterns), and only then is the text rebuilt — so a label is
/// never searched again.
public struct Vervanger: Sendable {
    struct Term: Sendable { var zoekterm: Zoekterm; var label: String }
    var termen: [Term]
    var patronen: Bool

    public init(identificerend: [Identificerend], zwak: [Identificerend] = [], patronen: Bool = true) {
        var t = identificerend.map { Term(zoekterm: $0.zoekterm, label: $0.label) }
        t += zwak.map { Term(zoekterm: Zoekterm($0.tekst, modus: .tekst, hoofdlettergevoelig: true, nietAanZinsbegin: true),
                             label: $0.label) }
        termen = t.filter { !$0.zoekterm.isLeeg }
        self.patronen = patronen
    }

    /// The folded form used to recognise duplicates.
    static func sleutel(_ s: String, getal: Bool) -> String {
        let n = Genormaliseerd(s, modus: getal ? .compact : .tekst)
        return String(String.UnicodeScalarView(n.tekens.compactMap(Unicode.Scalar.init)))
    }

    struct Treffer { var bereik: Range<Int>; var label: String; var rang: Int }

    public func vervang(_ tekst: String) -> String {
        guard !tekst.isEmpty else { return tekst }
        let normaal = Genormaliseerd(tekst, modus: .tekst)
        let compact = Genormaliseerd(tekst, modus: .compact)
        var treffers: [Treffer] = []
        for (rang, term) in termen.enumerated() {
            let n = term.zoekterm.modus == .tekst ? normaal : compact
            for r in term.zoekterm.zoek(in: n) { treffers.append(Treffer(bereik: r, label: term.label, rang: rang)) }
        }
        if patronen {
            for (i, p) in Patronen.alle.enumerated() {
                for r in p.zoek(tekst, scalars: normaal.origineel) {
                    treffers.append(Treffer(bereik: r, label: p.label, rang: termen.count + i))
                }
            }
        }
        guard !treffers.isEmpty else { return tekst }
        treffers.sort {
            ($0.bereik.lowerBound, -$0.bereik.count, $0.rang) < ($1.bereik.lowerBound, -$1.bereik.count, $1.rang)
        }
        var uit = String.UnicodeScalarView()
        var pos = 0
        let o = normaal.origineel
        for t in treffers where t.bereik.lowerBound >= pos {
            uit.append(contentsOf: o[pos..<t.bereik.lowerBound])
            uit.append(contentsOf: t.label.unicodeScalars)
            pos = t.bereik.upperBound
        }
        uit.append(contentsOf: o[pos...])
        return String(uit)
    }
}

/// What only a pattern can find: identifying data that is in the free text but in no field.
enum Patronen {
    struct Patroon: @unchecked Sendable {
        var regex: NSRegularExpression
        var label: String
        /// Characters a match may not end with (a URL at the end of a sentence).
        var afknippen: String = ""

        func zoek(_ tekst: String, scalars: [Unicode.Scalar]) -> [Range<Int>] {
            let ns = tekst as NSString
            return regex.matches(in: tekst, range: NSRange(location: 0, length: ns.length)).compactMap { m in
                guard let r = Range(m.range, in: tekst) else { return nil }
                let start = tekst.unicodeScalars.distance(from: tekst.unicodeScalars.startIndex, to: r.lowerBound)
                var eind = start + tekst.unicodeScalars.distance(from: r.lowerBound, to: r.upperBound)
                while eind > start, afknippen.unicodeScalars.contains(scalars[eind - 1]) { eind -= 1 }
                return eind > start ? start..<eind : nil
            }
        }
    }

    static func p(_ patroon: String, _ label: String, hoofdletters: Bool = false, afknippen: String = "") -> Patroon {
        // The patterns are constants of this file; a failure is a programming error.
        let regex = try! NSRegularExpression(pattern: patroon, options: hoofdletters ? [] : [.caseInsensitive])
        return Patroon(regex: regex, label: label, afknippen: afknippen)
    }

    static let grens = "(?<![\\p{L}\\p{N}])"
    static let grensNa = "(?![\\p{L}\\p{N}])"

    static let alle: [Patroon] = [
        p("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+\\.[a-z]{2,}", "[e-mailadres]"),
        p("(?:https?://|www\\.)[^\\s<>\"]+", "[website]", afknippen: ".,;:!?)'\u{201D}"),
        p(grens + "[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:nl|com|org|net|eu|be|info|nu|example)(?:/[^\\s<>\"]*)?" + grensNa,
          "[website]", afknippen: ".,;:!?)'"),
        // IBAN: country, check digits, then groups, with or without spaces.
        p(grens + "[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}" + grensNa, "[IBAN]", hoofdletters: true),
        // Dutch phone numbers: 0 or +31/0031, then nine digits (allowing a missing one), with - or spaces.
        p("(?<![\\p{L}\\p{N}+])(?:\\+31|0031|0)(?:[ -]?\\(0\\))?[ -]?[1-9](?:[ -]?[0-9]){7,8}" + grensNa, "[telefoonnummer]"),
        p(grens + "[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}" + grensNa, "[postcode]", hoofdletters: true),
        p(grens + "[1-9][0-9]{3}(?!sa|sd|ss)[a-z]{2}" + grensNa, "[postcode]", hoofdletters: true),
        // KvK (8 digits), RSIN and BSN (9 digits), not part of an amount or a date.
        p("(?<![\\p{L}\\p{N}.,-])[0-9]{8,9}(?![\\p{L}\\p{N}]|[.,][0-9])", "[nummer]"),
    ]
}
