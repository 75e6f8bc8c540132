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
    /// the version; read only through `Opslag.ingevuld` (not with every aanvraag row).
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

public enum OpslagFout: Error, Sendable, Equatable {
    /// The email address is in use already.
    case emailBestaat
    /// The aanvraag has moved on: `huidige` is its current version.
    case verouderd(huidige: Int)
    /// The aanvraag (or version) does not exist.
    case nietGevonden
    /// The database was made by a newer vip; the message says so in Dutch.
    case nieuwereDatabase(String)
}

/// Everything the server stores, behind one engine-neutral interface: SQLite (GRDB) now,
/// PostgreSQL later. Every method is one transaction. Times are stored to the millisecond.
public protocol Opslag: Sendable {
    // Accounts
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

    // Failed logins, per normalised email
    func registreerMislukteLogin(email: String, tijd: Date) async throws
    /// Times of failed logins for `email` at or after `sinds`, oldest first.
    func mislukteLogins(email: String, sinds: Date) async throws -> [Date]
    func wisMislukteLogins(email: String) async throws

    // Cursussen
    func maakCursus(naam: String, docent: Int64, bijeenkomsten: [String], uitnodigingscode: String,
                    tijd: Date) async throws -> Cursus
    func cursus(id: Int64) async throws -> Cursus?
    func cursus(uitnodigingscode: String) async throws -> Cursus?

    // Aanvragen and their versions. The text of each version is kept byte for byte.
    func maakAanvraag(eigenaar: Int64, tekst: [UInt8], afgeleid: Afgeleid, tijd: Date) async throws -> AanvraagRij
    func aanvraag(id: Int64) async throws -> AanvraagRij?
    func aanvragen(eigenaar: Int64) async throws -> [AanvraagRij]
    func aanvragen(docent: Int64) async throws -> [AanvraagRij]
    /// Stores version `verwacht + 1` when `verwacht` is still the current version, atomically;
    /// otherwise throws `OpslagFout.verouderd` and stores nothing.
    func voegVersieToe(aanvraag: Int64, verwacht: Int, tekst: [UInt8], afgeleid: Afgeleid,
                       tijd: Date) async throws -> Int
    func versies(aanvraag: Int64) async throws -> [VersieInfo]
    func tekst(aanvraag: Int64, versie: Int) async throws -> [UInt8]?
    /// Stores the counts per onderdeel of a version that has none yet (`Telling.codeer`).
    func bewaarOnderdelen(aanvraag: Int64, versie: Int, onderdelen: String) async throws
    /// The stored filled paths of a version (`Afgeleid.codeerIngevuld`); nil when it has none.
    func ingevuld(aanvraag: Int64, versie: Int) async throws -> String?
    /// Stores the filled paths of a version that has none yet (`Afgeleid.codeerIngevuld`).
    func bewaarIngevuld(aanvraag: Int64, versie: Int, ingevuld: String) async throws

    // Cursussen seen from the docent (issue 11)
    func cursussen(docent: Int64) async throws -> [Cursus]
    /// The cursisten signed up for the cursus, by id.
    func cursisten(cursus: Int64) async throws -> [Gebruiker]
    /// The aanvragen of the cursus's cursisten, by id.
    func aanvragen(cursus: Int64) async throws -> [AanvraagRij]

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

    // Evenementen (fund speed-dates) of an organiser
    func maakEvenement(organisator: Int64, tekst: [UInt8], titel: String, datum: String?, cursussen: [Int64],
                       tijd: Date) async throws -> EvenementRij
    func evenement(id: Int64) async throws -> EvenementRij?
    /// Newest first.
    func evenementen(organisator: Int64) async throws -> [EvenementRij]

    /// Closes the database after the last request.
    func sluit() async throws

    /// The schema version this engine is at.
    func schemaVersie() async throws -> Int
}
