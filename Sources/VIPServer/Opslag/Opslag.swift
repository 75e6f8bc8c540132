import Foundation

/// The roles of the course (spec: "Who sees what").
public enum Rol: String, Sendable, CaseIterable, Codable {
    case cursist, docent, organisator
}

public struct Gebruiker: Sendable, Equatable {
    public var id: Int64
    public var email: String
    public var naam: String
    public var rol: Rol
    /// The cursus a cursist signed up for; nil for docenten and organisatoren.
    public var cursus: Int64?
    public var wachtwoordHash: String
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
    public var docent: Int64
    public var uitnodigingscode: String
    public var bijeenkomsten: [String]
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
    public var eigenaar: Int64
    public var eigenaarNaam: String
    public var cursus: Int64?
    public var versie: Int
    public var afgeleid: Afgeleid
    public var gewijzigd: Date
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
    func cursussen(docent: Int64) async throws -> [Cursus]
    /// Every cursus of the installation, by id (the organiser chooses from them).
    func alleCursussen() async throws -> [Cursus]
    /// The cursisten signed up for the cursus, by id.
    func cursisten(cursus: Int64) async throws -> [Gebruiker]
}

/// Aanvragen and their versions (text and files, never changed once stored), with the
/// docent's opmerkingen and goedkeuringen.
public protocol AanvraagOpslag: Sendable {
    /// A new aanvraag with version 1; refused (`teVeelAanvragen`, `quotum`) beyond `grenzen`.
    func maakAanvraag(eigenaar: Int64, tekst: [UInt8], afgeleid: Afgeleid, grenzen: Grenzen,
                      tijd: Date) async throws -> AanvraagRij
    func aanvraag(id: Int64) async throws -> AanvraagRij?
    func aanvragen(eigenaar: Int64) async throws -> [AanvraagRij]
    func aanvragen(docent: Int64) async throws -> [AanvraagRij]
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
    func maakOpmerking(aanvraag: Int64, versie: Int, docent: Int64, pad: String, tekst: String,
                       tijd: Date) async throws -> Opmerking
    /// Oldest first.
    func opmerkingen(aanvraag: Int64) async throws -> [Opmerking]
    /// Marks the opmerking handled (`tijd`) or open again (nil); nil when the aanvraag has
    /// no opmerking with that id.
    func zetAfgehandeld(opmerking: Int64, aanvraag: Int64, tijd: Date?) async throws -> Opmerking?

    // Goedkeuringen: one per approved version
    /// Approves version `versie`; approving it again changes nothing. Throws
    /// `OpslagFout.nietGevonden` when the version does not exist.
    func keurGoed(aanvraag: Int64, versie: Int, docent: Int64, tijd: Date) async throws
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
public protocol Opslag: AccountOpslag, CursusOpslag, AanvraagOpslag, EvenementOpslag, RegisterOpslag,
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
