import Foundation

/// What a cursist wants mailed (cursus.md, "Reminders and notifications"): homework reminders
/// and notifications of new opmerkingen and goedkeuringen, each on unless she turned it off.
public struct Mailvoorkeuren: Sendable, Equatable {
    public var herinneringen = true
    public var meldingen = true
    public init(herinneringen: Bool = true, meldingen: Bool = true) {
        self.herinneringen = herinneringen
        self.meldingen = meldingen
    }
}

/// The two kinds of mail a person can turn off, also the `soort` of an unsubscribe token.
public enum Afmeldsoort: String, Sendable, CaseIterable {
    case herinneringen, meldingen
}

/// A mail to write with its cause: for whom, and the SHA-256 of the unsubscribe token its
/// `List-Unsubscribe` link carries (stored in the same transaction as the mail).
public struct UitgaandeMail: Sendable, Equatable {
    public var gebruiker: Int64
    public var mail: Mailbericht
    public var afmeldHash: String
    public var afmeldsoort: Afmeldsoort
    public init(gebruiker: Int64, mail: Mailbericht, afmeldHash: String, afmeldsoort: Afmeldsoort) {
        self.gebruiker = gebruiker
        self.mail = mail
        self.afmeldHash = afmeldHash
        self.afmeldsoort = afmeldsoort
    }
}

/// One reminder to write: the cursist of `cursus` for bijeenkomst `nr`, with its mail.
public struct NieuweHerinnering: Sendable, Equatable {
    public var cursus: Int64
    public var nr: Int
    public var uit: UitgaandeMail
    public init(cursus: Int64, nr: Int, uit: UitgaandeMail) {
        self.cursus = cursus
        self.nr = nr
        self.uit = uit
    }
}

/// A reminder that was written: when, for whom, for which bijeenkomst.
public struct VerstuurdeHerinnering: Sendable, Equatable {
    public var nr: Int
    public var cursist: Int64
    public var tijd: Date
}

/// Something that happened to an aanvraag that its authors hear about (a new opmerking, a
/// goedkeuring), waiting to be bundled into one mail.
public struct Melding: Sendable, Equatable {
    public enum Soort: String, Sendable { case opmerking, goedkeuring }
    public var id: Int64
    public var aanvraag: Int64
    public var soort: Soort
    /// Who caused it (not mailed about her own opmerking).
    public var door: Int64
    /// A short Dutch description for the mail ("Docent Jansen: Kan korter.").
    public var tekst: String
    public var tijd: Date
    public init(id: Int64, aanvraag: Int64, soort: Soort, door: Int64, tekst: String, tijd: Date) {
        self.id = id
        self.aanvraag = aanvraag
        self.soort = soort
        self.door = door
        self.tekst = tekst
        self.tijd = tijd
    }
}

/// Reminders, notifications, the mail settings of an account and one-click unsubscribe.
///
/// "Exactly once" lives here: a reminder is a row with primary key (cursus, bijeenkomst,
/// cursist), inserted with its mail in one transaction, and the mail is written only when the row
/// was new; a bundle of meldingen is marked sent, and the aanvraag's last notification time moved
/// on (only when an hour has passed), in the transaction that writes its mails.
public protocol MeldingOpslag: Sendable {
    func mailvoorkeuren(gebruiker: Int64) async throws -> Mailvoorkeuren
    func zetMailvoorkeuren(gebruiker: Int64, _ v: Mailvoorkeuren) async throws

    /// In one transaction: for each reminder whose (cursus, nr, cursist) has no row yet, the row,
    /// its mail and its unsubscribe token. The cursisten whose reminder was written now (in the
    /// order given); one already there (another process, an earlier run) is left alone.
    func schrijfHerinneringen(_ lijst: [NieuweHerinnering], tijd: Date) async throws -> [Int64]
    /// The reminders written for a cursus, by bijeenkomst and cursist.
    func herinneringen(cursus: Int64) async throws -> [VerstuurdeHerinnering]

    /// A new event for the authors of an aanvraag.
    func voegMeldingToe(aanvraag: Int64, soort: Melding.Soort, door: Int64, tekst: String, tijd: Date) async throws
    /// The waiting meldingen of every aanvraag (or only `aanvraag`) whose last notification was
    /// at `vorigeVoor` or earlier (or that had none), oldest first.
    func wachtendeMeldingen(aanvraag: Int64?, vorigeVoor: Date) async throws -> [Melding]
    /// In one transaction: marks `meldingen` sent, sets the aanvraag's last notification to
    /// `tijd` (only when it was at `vorigeVoor` or earlier), and writes the mails with their
    /// tokens. false, and nothing written, when another process sent any of them first or sent
    /// this aanvraag a notification since.
    func schrijfMeldingmails(aanvraag: Int64, meldingen: [Int64], mails: [UitgaandeMail], vorigeVoor: Date,
                             tijd: Date) async throws -> Bool

    /// Who an unsubscribe token (its SHA-256) belongs to, and what it turns off.
    func afmeldtoken(hash: String) async throws -> (gebruiker: Int64, soort: Afmeldsoort)?
}
