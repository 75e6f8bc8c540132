import Foundation

/// The roles of the course (spec: "Who sees what").
public enum Rol: String, Sendable, CaseIterable, Codable {
    case cursist, docent, organisator
    /// Hands out accounts, blocks them and watches the outbox (beheer.md); sees no aanvragen.
    case beheerder
}

public struct Gebruiker: Sendable, Equatable {
    public var id: Int64
    public var email: String
    public var naam: String
    public var rol: Rol
    /// The cursus a cursist signed up for; nil for docenten and organisatoren.
    public var cursus: Int64?
    /// Empty for an invited account whose password is not yet set: no password matches it.
    public var wachtwoordHash: String
    /// A blocked account cannot log in, and its sessions are ended (beheer.md).
    public var geblokkeerd = false
    public var laatstIngelogd: Date? = nil

    public var heeftWachtwoord: Bool { !wachtwoordHash.isEmpty }
}

/// What a one-time link is for: a new password after "Wachtwoord vergeten?" (valid 1 hour), or
/// the first password of an invited account (valid 7 days). Both are used with
/// `POST /api/wachtwoord-herstellen`.
public enum Tokensoort: String, Sendable, CaseIterable {
    case herstel, instellen
}

/// A one-time link's token as stored: only its SHA-256.
public struct Eenmalig: Sendable, Equatable {
    public var tokenHash: String
    public var gebruiker: Int64
    public var soort: Tokensoort
    public var verloopt: Date
    public init(tokenHash: String, gebruiker: Int64, soort: Tokensoort, verloopt: Date) {
        self.tokenHash = tokenHash
        self.gebruiker = gebruiker
        self.soort = soort
        self.verloopt = verloopt
    }
}

public struct Sessie: Sendable, Equatable {
    public var tokenHash: String
    public var gebruiker: Int64
    public var csrf: String
    public var verloopt: Date
}

public struct Cursus: Sendable, Equatable {
    public var id: Int64
    public var naam: String
    /// The docent who made the cursus.
    public var docent: Int64
    public var uitnodigingscode: String
    public var bijeenkomsten: [String]
    /// Every docent of the cursus, the one who made it among them, by id.
    public var docenten: [Int64] = []
    /// Whether reminders of the homework are mailed (cursus.md).
    public var herinneringen = true
    /// More absences than this mark a cursist on the course page.
    public var maxAfwezig = 2
}

/// One author of one aanvraag.
public struct Auteurschap: Sendable, Equatable {
    public var aanvraag: Int64
    public var auteur: Int64
}

/// Whether a cursist was at one bijeenkomst.
public struct Aanwezigheid: Sendable, Equatable {
    public var nr: Int
    public var cursist: Int64
    public var aanwezig: Bool
    public init(nr: Int, cursist: Int64, aanwezig: Bool) {
        self.nr = nr
        self.cursist = cursist
        self.aanwezig = aanwezig
    }
}

/// What is derived from a version's text for listing without reading it again.
public struct Afgeleid: Sendable, Equatable {
    public var titel: String?
    public var af: Bool
    public var fouten: Int
    public var waarschuwingen: Int
    /// Fouten and waarschuwingen per onderdeel (the docent's progress page), kept with the
    /// version so the page need not check again; nil for a version stored before schema 3 or
    /// imported (computed on first use, then stored).
    public var onderdelen: [String: Telling]?
    /// The field-table paths (without indices) that hold a value in this version: the
    /// homework column of the cursus page ("who has not touched these fields"). Written with
    /// the version; read only through `AanvraagOpslag.ingevuld` (not with every aanvraag row).
    public var ingevuld: Set<String>?
    public init(titel: String?, af: Bool, fouten: Int, waarschuwingen: Int, onderdelen: [String: Telling]? = nil,
                ingevuld: Set<String>? = nil) {
        self.titel = titel
        self.af = af
        self.fouten = fouten
        self.waarschuwingen = waarschuwingen
        self.onderdelen = onderdelen
        self.ingevuld = ingevuld
    }

    /// The stored form of `ingevuld`: the paths sorted, one per line.
    public static func codeerIngevuld(_ paden: Set<String>) -> String { paden.sorted().joined(separator: "\n") }
    public static func decodeerIngevuld(_ tekst: String) -> Set<String> {
        Set(tekst.split(separator: "\n").map(String.init))
    }
}

/// One aanvraag with its current version's derived columns.
public struct AanvraagRij: Sendable, Equatable {
    public var id: Int64
    /// The cursist who began it; she and her co-authors are its authors.
    public var eigenaar: Int64
    public var eigenaarNaam: String
    /// The owner's cursus.
    public var cursus: Int64?
    public var versie: Int
    public var afgeleid: Afgeleid
    public var gewijzigd: Date
    /// Shared with the group: every cursist of the cursus may read it and comment.
    public var gedeeld = false
}

public struct VersieInfo: Sendable, Equatable {
    public var versie: Int
    public var gewijzigd: Date
    public var afgeleid: Afgeleid
}

/// One file of a version (a bijlage or the logo): its name in the version, its size, and the
/// SHA-256 of its bytes (hex), under which the bytes are stored once.
public struct BestandInfo: Sendable, Equatable, Hashable {
    public var naam: String
    public var grootte: Int
    public var sha256: String
    public init(naam: String, grootte: Int, sha256: String) {
        self.naam = naam
        self.grootte = grootte
        self.sha256 = sha256
    }
}

/// How a new version's files differ from those of the version it builds on.
public enum BestandWijziging: Sendable, Equatable {
    /// The same files.
    case geen
    /// A file of this name with these bytes (replacing one of the same name).
    case zet(naam: String, bytes: [UInt8])
    /// Without the file of this name.
    case verwijder(naam: String)
    /// Exactly the files of that earlier version ("Deze versie terugzetten").
    case vanVersie(Int)
}

/// What one version and one account may hold (server.md, "Files" and "Limits and quotas").
public struct Grenzen: Sendable, Equatable {
    /// Files per version.
    public var bestandenPerVersie = 25
    /// Bytes of files per version.
    public var bytesPerVersie = 50 * 1024 * 1024
    /// Aanvragen per cursist.
    public var aanvragenPerCursist = 20
    /// Bytes of stored text and distinct files per account (`--quotum-mib`).
    public var quotum = 200 * 1024 * 1024
    public init() {}
}

/// How much of the quotum an account uses: every version's text plus each distinct file once.
public struct Gebruik: Sendable, Equatable {
    public var tekst: Int
    public var bestanden: Int
    public var aanvragen: Int
    public var totaal: Int { tekst + bestanden }
    public init(tekst: Int, bestanden: Int, aanvragen: Int) {
        self.tekst = tekst
        self.bestanden = bestanden
        self.aanvragen = aanvragen
    }
}

/// A limit on failed attempts under one key (an email address, a client address): at most
/// `limiet` failures within `venster` seconds.
public struct Pogingsgrens: Sendable, Equatable {
    public var sleutel: String
    public var limiet: Int
    public var venster: TimeInterval
    public init(sleutel: String, limiet: Int, venster: TimeInterval) {
        self.sleutel = sleutel
        self.limiet = limiet
        self.venster = venster
    }
}

public enum Pogingsuitkomst: Sendable, Equatable {
    /// Every limit allowed the attempt; it was recorded as a failure under each key (rows
    /// `ids`), to be forgiven when it succeeds.
    case toegestaan(ids: [Int64])
    /// A limit is reached: nothing was recorded; attempts are possible again at `vrij`.
    case geweigerd(vrij: Date)
}

public enum OpslagFout: Error, Sendable, Equatable {
    /// The email address is in use already.
    case emailBestaat
    /// The aanvraag has moved on: `huidige` is its current version.
    case verouderd(huidige: Int)
    /// The aanvraag (or version) does not exist.
    case nietGevonden
    /// The database was made by a newer vip; the message says so in Dutch.
    case nieuwereDatabase(String)
    /// The database would not promise that a commit survives a power cut.
    case nietDuurzaam(String)
    /// A version would hold more files, or more bytes of files, than `Grenzen` allows.
    case teVeelBestanden(aantal: Int, bytes: Int)
    /// The account would own more aanvragen than `Grenzen` allows.
    case teVeelAanvragen(Int)
    /// The account would use more than its quotum: what it would use, and the quotum.
    case quotum(gebruik: Int, quotum: Int)
    /// A cursus keeps at least one docent.
    case laatsteDocent
}

// MARK: The storage protocols, one per kind of data

/// Accounts, their sessions, and failed attempts (logins, uitnodigingscodes).
public protocol AccountOpslag: Sendable {
    func maakGebruiker(email: String, naam: String, rol: Rol, wachtwoordHash: String, cursus: Int64?,
                       tijd: Date) async throws -> Gebruiker
    func gebruiker(email: String) async throws -> Gebruiker?
    func gebruiker(id: Int64) async throws -> Gebruiker?
    func zetWachtwoord(gebruiker: Int64, hash: String) async throws
    func aantalGebruikers() async throws -> Int
    /// Every account, by id (the beheerder's list).
    func gebruikers() async throws -> [Gebruiker]
    /// In one transaction: an account without a usable password, its set-password token (only
    /// the hash) and, when mail is on, the invitation mail in the outbox. `emailBestaat` when
    /// the address is taken (nothing stored).
    func nodigUit(email: String, naam: String, rol: Rol, tokenHash: String, verloopt: Date, mail: Mailbericht?,
                  tijd: Date) async throws -> Gebruiker
    /// Blocks or unblocks; blocking ends every session of the account in the same transaction.
    /// nil when there is no such account.
    func zetGeblokkeerd(gebruiker: Int64, _ geblokkeerd: Bool) async throws -> Gebruiker?
    func zetLaatstIngelogd(gebruiker: Int64, tijd: Date) async throws

    // One-time links (only the SHA-256 of a token is stored)
    /// The token and, when given, its mail in the outbox, in one transaction.
    func maakToken(_ token: Eenmalig, mail: Mailbericht?, tijd: Date) async throws
    /// The token when it exists, is unused and has not expired at `nu`.
    func token(hash: String, nu: Date) async throws -> Eenmalig?
    /// In one transaction: marks the token used (when it is still valid at `nu`), sets the new
    /// password hash and ends every session of the account. nil (nothing changed) when the
    /// token is unknown, used or expired, also when another request used it a moment ago.
    func gebruikToken(hash: String, nu: Date, wachtwoordHash: String) async throws -> Int64?

    // Sessions (only the SHA-256 of a token is stored)
    func maakSessie(_ sessie: Sessie) async throws
    func sessie(tokenHash: String, nu: Date) async throws -> (Sessie, Gebruiker)?
    /// Removes sessions that expired at `nu` or before.
    func ruimSessiesOp(nu: Date) async throws
    func beeindigSessie(tokenHash: String) async throws
    /// Ends every session of the account except the one given.
    func beeindigSessies(gebruiker: Int64, behalve tokenHash: String?) async throws

    /// In one step that concurrent callers (other processes included) cannot interleave: when
    /// every limit allows one more failure, records a failure under each key and answers
    /// `.toegestaan`; otherwise records nothing. The caller forgives the recorded failures
    /// (`vergeefPogingen`) when the attempt succeeds.
    func probeerPoging(_ grenzen: [Pogingsgrens], tijd: Date) async throws -> Pogingsuitkomst
    func vergeefPogingen(ids: [Int64]) async throws
    /// Forgets every failure under `sleutel` (a successful login clears the count of its email).
    func wisPogingen(sleutel: String) async throws
}

/// Cursussen with their bijeenkomsten and cursisten.
public protocol CursusOpslag: Sendable {
    func maakCursus(naam: String, docent: Int64, bijeenkomsten: [String], uitnodigingscode: String,
                    tijd: Date) async throws -> Cursus
    func cursus(id: Int64) async throws -> Cursus?
    func cursus(uitnodigingscode: String) async throws -> Cursus?
    /// The cursussen `docent` is a docent of, by id.
    func cursussen(docent: Int64) async throws -> [Cursus]
    /// Every cursus of the installation, by id (the organiser chooses from them).
    func alleCursussen() async throws -> [Cursus]
    /// The cursisten signed up for the cursus, by id.
    func cursisten(cursus: Int64) async throws -> [Gebruiker]
    /// Makes `gebruiker` a docent of the cursus too (nothing changes when she is one already).
    func voegDocentToe(cursus: Int64, gebruiker: Int64) async throws
    /// Takes `gebruiker` off the cursus's docenten; refused (`laatsteDocent`) for the last one.
    func verwijderDocent(cursus: Int64, gebruiker: Int64) async throws
    func zetInstellingen(cursus: Int64, herinneringen: Bool?, maxAfwezig: Int?) async throws
    /// Records attendance at bijeenkomst `nr` (replacing what was recorded for those cursisten).
    func zetAanwezigheid(cursus: Int64, nr: Int, _ lijst: [Aanwezigheid]) async throws
    func aanwezigheid(cursus: Int64) async throws -> [Aanwezigheid]
}

/// Aanvragen and their versions (text and files, never changed once stored), with the
/// docent's opmerkingen and goedkeuringen.
public protocol AanvraagOpslag: Sendable {
    /// A new aanvraag with version 1; refused (`teVeelAanvragen`, `quotum`) beyond `grenzen`.
    func maakAanvraag(eigenaar: Int64, tekst: [UInt8], afgeleid: Afgeleid, grenzen: Grenzen,
                      tijd: Date) async throws -> AanvraagRij
    func aanvraag(id: Int64) async throws -> AanvraagRij?
    /// The aanvragen she began (the quotum counts these).
    func aanvragen(eigenaar: Int64) async throws -> [AanvraagRij]
    /// The aanvragen she is an author of: those she began and those she was added to.
    func aanvragen(auteur: Int64) async throws -> [AanvraagRij]
    /// The aanvragen of the cursussen she is a docent of.
    func aanvragen(docent: Int64) async throws -> [AanvraagRij]
    /// The authors of an aanvraag, the one who began it first, then the others by id.
    func auteurs(aanvraag: Int64) async throws -> [Gebruiker]
    /// Who writes which aanvraag in a cursus: every (aanvraag, author) pair, by aanvraag and author.
    func auteurs(cursus: Int64) async throws -> [Auteurschap]
    func voegAuteurToe(aanvraag: Int64, gebruiker: Int64) async throws
    /// Takes a co-author off an aanvraag (never the one who began it; nothing when she is none).
    func verwijderAuteur(aanvraag: Int64, gebruiker: Int64) async throws
    func zetGedeeld(aanvraag: Int64, gedeeld: Bool) async throws
    /// The aanvragen of the cursus's cursisten, by id.
    func aanvragen(cursus: Int64) async throws -> [AanvraagRij]
    /// Stores version `verwacht + 1` (its text, and the files of version `verwacht` changed by
    /// `bestanden`) when `verwacht` is still the current version, atomically; otherwise throws
    /// `OpslagFout.verouderd` and stores nothing. Refused beyond `grenzen` (files per version,
    /// the owner's quotum), storing nothing.
    func voegVersieToe(aanvraag: Int64, verwacht: Int, tekst: [UInt8], afgeleid: Afgeleid, bestanden: BestandWijziging,
                       grenzen: Grenzen, tijd: Date) async throws -> Int
    func versies(aanvraag: Int64) async throws -> [VersieInfo]
    func tekst(aanvraag: Int64, versie: Int) async throws -> [UInt8]?
    /// The files of a version, by name; nil when the version does not exist.
    func bestanden(aanvraag: Int64, versie: Int) async throws -> [BestandInfo]?
    /// The bytes stored under a SHA-256.
    func inhoud(sha256: String) async throws -> [UInt8]?
    /// What the account's aanvragen use of its quotum.
    func gebruik(eigenaar: Int64) async throws -> Gebruik
    /// Moving an upload of an older vip (a file in the data folder, beside every version) into
    /// the database: the file joins every version of the aanvraag that has no file of that name.
    /// Returns the number of versions it joined; 0 when the aanvraag does not exist.
    func hechtOudBestand(aanvraag: Int64, naam: String, bytes: [UInt8]) async throws -> Int
    /// Stores the counts per onderdeel of a version that has none yet (`Telling.codeer`).
    func bewaarOnderdelen(aanvraag: Int64, versie: Int, onderdelen: String) async throws
    /// The stored filled paths of a version (`Afgeleid.codeerIngevuld`); nil when it has none.
    func ingevuld(aanvraag: Int64, versie: Int) async throws -> String?
    /// Stores the filled paths of a version that has none yet (`Afgeleid.codeerIngevuld`).
    func bewaarIngevuld(aanvraag: Int64, versie: Int, ingevuld: String) async throws

    // Opmerkingen of a docent on an aanvraag
    /// With `melding`, the notification of the authors is recorded in the same transaction
    /// (cursus.md: no notification is lost between the opmerking and its mail).
    func maakOpmerking(aanvraag: Int64, versie: Int, docent: Int64, pad: String, tekst: String,
                       tijd: Date, melding: NieuweMelding?) async throws -> Opmerking
    /// Oldest first.
    func opmerkingen(aanvraag: Int64) async throws -> [Opmerking]
    /// Marks the opmerking handled (`tijd`) or open again (nil); nil when the aanvraag has
    /// no opmerking with that id.
    func zetAfgehandeld(opmerking: Int64, aanvraag: Int64, tijd: Date?) async throws -> Opmerking?

    // Goedkeuringen: one per approved version
    /// Approves version `versie`; approving it again changes nothing. Throws
    /// `OpslagFout.nietGevonden` when the version does not exist.
    /// With `melding`, recorded in the same transaction, and only when this call approved it.
    func keurGoed(aanvraag: Int64, versie: Int, docent: Int64, tijd: Date, melding: NieuweMelding?) async throws
    /// Every approval of the aanvraag, by version.
    func goedkeuringen(aanvraag: Int64) async throws -> [Goedkeuring]
    /// Every approval of the aanvragen of the cursus's cursisten.
    func goedkeuringen(cursus: Int64) async throws -> [Goedkeuring]
}

/// The organiser's fund speed-dates.
public protocol EvenementOpslag: Sendable {
    func maakEvenement(organisator: Int64, tekst: [UInt8], titel: String, datum: String?, cursussen: [Int64],
                       tijd: Date) async throws -> EvenementRij
    func evenement(id: Int64) async throws -> EvenementRij?
    /// Newest first.
    func evenementen(organisator: Int64) async throws -> [EvenementRij]
}

/// The outbox (`postvak_uit`): every mail is a row written in the transaction that causes it (a
/// token with its mail: `maakToken`, `nodigUit`), and a worker (`Postbode`) sends it. A worker
/// claims one row with a lease, so several processes on one database never send one mail at the
/// same time; a mail whose lease ran out (its process died) is claimed again.
public protocol MailOpslag: Sendable {
    /// Mails on their own (no other change causes them), in one transaction: all are stored or
    /// none, so a request that fails halfway and is tried again sends no mail twice. Their ids,
    /// in order.
    @discardableResult
    func zetInPostbus(_ mails: [Mailbericht], tijd: Date) async throws -> [Int64]
    /// Claims the waiting mail that is due first at `nu` and not claimed by a live lease: it is
    /// `door`'s until `tot`. nil when nothing is due.
    func claimMail(nu: Date, tot: Date, door: String) async throws -> Postbusmail?
    /// Sent: the mail's body (it may hold a link with a token) is wiped, what remains is history.
    func markeerVerstuurd(id: Int64, door: String, tijd: Date) async throws
    /// A failed attempt: tried again at `volgende`, or, when nil, failed for good (body wiped,
    /// shown to the beheerder).
    func markeerPoging(id: Int64, door: String, fout: String, volgende: Date?, tijd: Date) async throws
    /// How many mails wait, and the ones that failed for good (newest first, at most `max`).
    func postbus(max: Int) async throws -> Postbusstand
    /// At a start: every waiting mail that no live lease holds is due at once.
    func wekPostbus(nu: Date) async throws
}

extension MailOpslag {
    /// A mail on its own; its id.
    @discardableResult
    public func zetInPostbus(_ mail: Mailbericht, tijd: Date) async throws -> Int64 {
        try await zetInPostbus([mail], tijd: tijd)[0]
    }
}

/// A mail claimed from the outbox, to be sent.
public struct Postbusmail: Sendable, Equatable {
    public var id: Int64
    public var bericht: Mailbericht
    public var aangemaakt: Date
    /// Attempts made before this one.
    public var pogingen: Int
}

public struct Postbusstand: Sendable, Equatable {
    public struct Mislukt: Sendable, Equatable {
        public var id: Int64
        public var aan: String
        public var onderwerp: String
        public var fout: String
        public var pogingen: Int
        public var aangemaakt: Date
    }
    public var wachtend: Int
    /// Failed for good (48 hours of attempts, or a refusal by the mail server).
    public var mislukt: [Mislukt]
    /// How many failed in all (`mislukt` holds at most the newest few).
    public var aantalMislukt: Int
    public var verstuurd: Int
}

/// One stored version of the installation's fund register: the `vip-fondsenregister/1` text byte
/// for byte, who stored it and when.
public struct RegisterRij: Sendable, Equatable {
    public var versie: Int
    public var tekst: [UInt8]
    public var door: Int64
    public var tijd: Date
    public init(versie: Int, tekst: [UInt8], door: Int64, tijd: Date) {
        self.versie = versie
        self.tekst = tekst
        self.door = door
        self.tijd = tijd
    }
}

/// The installation's one fund register, in versions: every import or edit adds one, and the
/// newest is the register. Nothing is changed once stored.
public protocol RegisterOpslag: Sendable {
    /// Stores `tekst` as the next version, when `verwacht` is nil or still the newest version (0: no
    /// register yet); otherwise throws `OpslagFout.verouderd` and stores nothing.
    func bewaarRegister(tekst: [UInt8], door: Int64, verwacht: Int?, tijd: Date) async throws -> RegisterRij
    /// The newest version; nil when no register was ever stored.
    func register() async throws -> RegisterRij?
    /// The number of the newest version, 0 when there is none: what a cache asks before every check.
    func registerVersie() async throws -> Int
}

/// Everything the server stores, behind one engine-neutral interface: SQLite (GRDB) and
/// PostgreSQL (PostgresNIO) implement it, and one contract suite runs against both. Every method
/// is one transaction. Times are stored to the millisecond.
public protocol Opslag: AccountOpslag, CursusOpslag, AanvraagOpslag, EvenementOpslag, MailOpslag, RegisterOpslag,
    MeldingOpslag,
    OverdraagbareOpslag {
    /// Closes the database after the last request.
    func sluit() async throws
    /// The schema version this engine is at.
    func schemaVersie() async throws -> Int
    /// Whether a committed transaction is on disk before the commit returns, as the engine
    /// itself reports it (SQLite: `PRAGMA synchronous` of the writing connection is FULL;
    /// PostgreSQL: `synchronous_commit` is on).
    func isDuurzaam() async throws -> Bool
}

extension Grenzen {
    /// Throws when a version would hold more files or bytes of files than allowed.
    func controleerBestanden(aantal: Int, bytes: Int) throws {
        if aantal > bestandenPerVersie || bytes > bytesPerVersie {
            throw OpslagFout.teVeelBestanden(aantal: aantal, bytes: bytes)
        }
    }

    /// Throws when an account would use more than its quotum. An account already over it (a
    /// quotum lowered later) may still store what does not grow its use.
    func controleerQuotum(voor: Int, na: Int) throws {
        if na > quotum && na > voor { throw OpslagFout.quotum(gebruik: na, quotum: quotum) }
    }
}

extension BestandWijziging {
    /// The version whose files a new version starts from, and the name it leaves out ("" for none).
    func basis(verwacht: Int) -> (versie: Int, zonder: String) {
        switch self {
        case .geen: return (verwacht, "")
        case .zet(let naam, _), .verwijder(let naam): return (verwacht, naam)
        case .vanVersie(let n): return (n, "")
        }
    }
}

extension AanvraagOpslag {
    /// Version 1 within the default limits.
    public func maakAanvraag(eigenaar: Int64, tekst: [UInt8], afgeleid: Afgeleid, tijd: Date) async throws -> AanvraagRij {
        try await maakAanvraag(eigenaar: eigenaar, tekst: tekst, afgeleid: afgeleid, grenzen: Grenzen(), tijd: tijd)
    }

    /// A new version with the files of the one it builds on, within the default limits.
    public func voegVersieToe(aanvraag: Int64, verwacht: Int, tekst: [UInt8], afgeleid: Afgeleid,
                              tijd: Date) async throws -> Int {
        try await voegVersieToe(aanvraag: aanvraag, verwacht: verwacht, tekst: tekst, afgeleid: afgeleid, bestanden: .geen,
                                grenzen: Grenzen(), tijd: tijd)
    }
}

/// A notification to record with its cause (`maakOpmerking`, `keurGoed`).
public struct NieuweMelding: Sendable {
    public var soort: Melding.Soort
    public var door: Int64
    public var tekst: String
    public init(soort: Melding.Soort, door: Int64, tekst: String) {
        self.soort = soort
        self.door = door
        self.tekst = tekst
    }
}

extension AanvraagOpslag {
    /// Without a notification (tests, the demo, imports).
    public func maakOpmerking(aanvraag: Int64, versie: Int, docent: Int64, pad: String, tekst: String,
                              tijd: Date) async throws -> Opmerking {
        try await maakOpmerking(aanvraag: aanvraag, versie: versie, docent: docent, pad: pad, tekst: tekst, tijd: tijd,
                                melding: nil)
    }

    public func keurGoed(aanvraag: Int64, versie: Int, docent: Int64, tijd: Date) async throws {
        try await keurGoed(aanvraag: aanvraag, versie: versie, docent: docent, tijd: tijd, melding: nil)
    }
}
