import Foundation

/// A docent's comment on one field of an aanvraag (spec: "comments without rewriting").
/// It was placed while `versie` was current; the cursist marks it afgehandeld.
public struct Opmerking: Sendable, Equatable {
    public var id: Int64
    public var aanvraag: Int64
    public var versie: Int
    public var docent: Int64
    public var docentNaam: String
    /// The field's path, as in a finding (`project.urgentie`, `begroting.posten[2].bedrag`).
    public var pad: String
    public var tekst: String
    public var geplaatst: Date
    /// When the cursist marked it handled; nil while open.
    public var afgehandeld: Date?
    /// Placed by a fellow cursist (an aanvraag shared with the group), not by a docent.
    public var vanMedecursist = false

    public init(id: Int64, aanvraag: Int64, versie: Int, docent: Int64, docentNaam: String, pad: String, tekst: String,
                geplaatst: Date, afgehandeld: Date?) {
        self.id = id
        self.aanvraag = aanvraag
        self.versie = versie
        self.docent = docent
        self.docentNaam = docentNaam
        self.pad = pad
        self.tekst = tekst
        self.geplaatst = geplaatst
        self.afgehandeld = afgehandeld
    }
}

/// A docent's approval of one version. The aanvraag counts as approved while that version
/// is its current one; a later version needs a new approval.
public struct Goedkeuring: Sendable, Equatable {
    public var aanvraag: Int64
    public var versie: Int
    public var docent: Int64
    public var tijd: Date

    public init(aanvraag: Int64, versie: Int, docent: Int64, tijd: Date) {
        self.aanvraag = aanvraag
        self.versie = versie
        self.docent = docent
        self.tijd = tijd
    }
}

/// A fund speed-date as the organiser posted it: her `vip-fondsendate/1` text kept byte for
/// byte (with its `cursussen:`), the cursussen that take part, and title and date derived
/// for listing.
public struct EvenementRij: Sendable, Equatable {
    public var id: Int64
    public var organisator: Int64
    public var titel: String
    /// `YYYY-MM-DD` when the text gives a date.
    public var datum: String?
    public var cursussen: [Int64]
    public var tekst: [UInt8]
    public var aangemaakt: Date

    public init(id: Int64, organisator: Int64, titel: String, datum: String?, cursussen: [Int64], tekst: [UInt8],
                aangemaakt: Date) {
        self.id = id
        self.organisator = organisator
        self.titel = titel
        self.datum = datum
        self.cursussen = cursussen
        self.tekst = tekst
        self.aangemaakt = aangemaakt
    }
}

extension Array where Element == Goedkeuring {
    /// The highest approved version of `aanvraag`, if any.
    public func laatste(aanvraag: Int64) -> Int? {
        filter { $0.aanvraag == aanvraag }.map(\.versie).max()
    }

    /// Whether `versie` of `aanvraag` is approved.
    public func keurt(aanvraag: Int64, versie: Int) -> Bool {
        contains { $0.aanvraag == aanvraag && $0.versie == versie }
    }
}
