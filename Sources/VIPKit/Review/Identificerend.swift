/// What kind of identifying string something is. The leak check names the kind, never the
/// string itself, so that its message can be read aloud in class.
public enum IdentificerendSoort: String, Sendable, CaseIterable, Hashable {
    case organisatie, persoon, adres, straat, postcode, telefoonnummer
    case emailadres = "e-mailadres"
    case website
    case kvk = "KvK-nummer"
    case rsin = "RSIN"
    case iban = "IBAN"
    case partner = "partnerorganisatie"
    case initiatief
    case sponsor

    /// "Een telefoonnummer", for the leak check's message.
    public var omschrijving: String {
        switch self {
        case .organisatie: return "De naam van de organisatie"
        case .persoon: return "Een naam van een persoon"
        case .adres: return "Een adres"
        case .straat: return "Een straatnaam"
        case .postcode: return "Een postcode"
        case .telefoonnummer: return "Een telefoonnummer"
        case .emailadres: return "Een e-mailadres"
        case .website: return "Een website"
        case .kvk: return "Een KvK-nummer"
        case .rsin: return "Een RSIN"
        case .iban: return "Een IBAN"
        case .partner: return "De naam van een partnerorganisatie"
        case .initiatief: return "De naam van een bestaand initiatief"
        case .sponsor: return "De naam van een sponsor"
        }
    }

    /// The label without a number ("[persoon]"), used for strings of the other aanvragen.
    public var algemeenLabel: String {
        switch self {
        case .organisatie: return "[organisatie]"
        case .persoon: return "[persoon]"
        case .adres: return "[adres]"
        case .straat: return "[straat]"
        case .postcode: return "[postcode]"
        case .telefoonnummer: return "[telefoonnummer]"
        case .emailadres: return "[e-mailadres]"
        case .website: return "[website]"
        case .kvk: return "[KvK-nummer]"
        case .rsin: return "[RSIN]"
        case .iban: return "[IBAN]"
        case .partner: return "[partnerorganisatie]"
        case .initiatief: return "[initiatief]"
        case .sponsor: return "[sponsor]"
        }
    }

    /// Numbers are compared without their separators ("06 1234 5678" = "0612345678").
    var isGetal: Bool { [.postcode, .telefoonnummer, .kvk, .rsin, .iban].contains(self) }

    /// A numbered label: "[persoon 2]". The space is a no-break space, so the label stays one
    /// word: the letter builder takes "the first word" of the contact person's name for the
    /// second mention, which must be the whole label, not "[persoon".
    static func label(_ naam: String, _ n: Int) -> String { "[\(naam)\u{00A0}\(n)]" }
}

/// One identifying string of an aanvraag, with what replaces it.
public struct Identificerend: Sendable, Hashable {
    public var soort: IdentificerendSoort
    /// As it was found in the aanvraag (or a variant of it: a name part, a number without spaces).
    public var tekst: String
    /// What it is replaced with: "[persoon 2]", "[IBAN]".
    public var label: String
    /// Only a match when written with the same capitals (names made of ordinary words:
    /// "De Kameleon" is a school, "de kameleon" an animal).
    public var hoofdlettergevoelig: Bool

    public init(soort: IdentificerendSoort, tekst: String, label: String, hoofdlettergevoelig: Bool = false) {
        self.soort = soort
        self.tekst = tekst
        self.label = label
        self.hoofdlettergevoelig = hoofdlettergevoelig
    }

    var zoekterm: Zoekterm {
        Zoekterm(tekst, modus: soort.isGetal ? .compact : .tekst, hoofdlettergevoelig: hoofdlettergevoelig)
    }
}
