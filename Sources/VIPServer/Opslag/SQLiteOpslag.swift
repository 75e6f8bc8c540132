import Foundation
import GRDB

/// The SQLite engine: one file `vip.sqlite` in WAL mode with `synchronous = FULL`, so a
/// committed transaction survives `kill -9` and a power cut. Writes are serialised by
/// GRDB's `DatabasePool`; reads run beside them.
public final class SQLiteOpslag: Opslag {
    let pool: DatabasePool

    /// Numbered migrations (`Migraties.alle`, SQLite's side); migration n brings the schema from
    /// version n-1 to n.
    public static var migraties: [String] { Migraties.alle.map(\.sqlite) }

    /// The schema version this vip knows.
    public static var bekendeVersie: Int { migraties.count }

    /// Opens (or creates) `pad` and migrates it forward. An older vip refuses a newer database.
    public init(pad: String, migraties: [String] = SQLiteOpslag.migraties) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        pool = try DatabasePool(path: pad, configuration: config)
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS vip_schema (versie INTEGER NOT NULL)")
            let huidig = try Int.fetchOne(db, sql: "SELECT MAX(versie) FROM vip_schema") ?? 0
            if huidig > migraties.count {
                throw OpslagFout.nieuwereDatabase(Migraties.nieuwereDatabase(pad, versie: huidig, bekend: migraties.count))
            }
            for n in huidig..<migraties.count {
                try db.execute(sql: migraties[n])
                try db.execute(sql: "INSERT INTO vip_schema (versie) VALUES (?)", arguments: [n + 1])
            }
        }
    }

    public func sluit() async throws { try pool.close() }

    public func schemaVersie() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT MAX(versie) FROM vip_schema") ?? 0 }
    }

    // MARK: Times

    static func ms(_ d: Date) -> Int64 { Int64((d.timeIntervalSince1970 * 1000).rounded(.down)) }
    static func datum(_ ms: Int64) -> Date { Date(timeIntervalSince1970: Double(ms) / 1000) }

    // MARK: Accounts

    static let gebruikerKolommen = "id, email, naam, rol, cursus_id, wachtwoord_hash"

    static func gebruiker(_ row: Row) -> Gebruiker {
        Gebruiker(id: row["id"], email: row["email"], naam: row["naam"], rol: Rol(rawValue: row["rol"]) ?? .cursist,
                  cursus: row["cursus_id"], wachtwoordHash: row["wachtwoord_hash"])
    }

    public func maakGebruiker(email: String, naam: String, rol: Rol, wachtwoordHash: String, cursus: Int64?,
                              tijd: Date) async throws -> Gebruiker {
        try await pool.write { db in
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM gebruikers WHERE email = ?", arguments: [email]) ?? 0 > 0 {
                throw OpslagFout.emailBestaat
            }
            try db.execute(sql: """
                INSERT INTO gebruikers (email, naam, rol, cursus_id, wachtwoord_hash, aangemaakt) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [email, naam, rol.rawValue, cursus, wachtwoordHash, Self.ms(tijd)])
            return Gebruiker(id: db.lastInsertedRowID, email: email, naam: naam, rol: rol, cursus: cursus,
                             wachtwoordHash: wachtwoordHash)
        }
    }

    public func gebruiker(email: String) async throws -> Gebruiker? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.gebruikerKolommen) FROM gebruikers WHERE email = ?",
                             arguments: [email]).map(Self.gebruiker)
        }
    }

    public func gebruiker(id: Int64) async throws -> Gebruiker? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.gebruikerKolommen) FROM gebruikers WHERE id = ?",
                             arguments: [id]).map(Self.gebruiker)
        }
    }

    public func zetWachtwoord(gebruiker: Int64, hash: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE gebruikers SET wachtwoord_hash = ? WHERE id = ?", arguments: [hash, gebruiker])
        }
    }

    public func aantalGebruikers() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM gebruikers") ?? 0 }
    }

    // MARK: Sessions

    public func maakSessie(_ s: Sessie) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO sessies (token_hash, gebruiker_id, csrf, verloopt) VALUES (?, ?, ?, ?)",
                           arguments: [s.tokenHash, s.gebruiker, s.csrf, Self.ms(s.verloopt)])
        }
    }

    public func sessie(tokenHash: String, nu: Date) async throws -> (Sessie, Gebruiker)? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT s.token_hash, s.csrf, s.verloopt, g.id, g.email, g.naam, g.rol, g.cursus_id, g.wachtwoord_hash
                FROM sessies s JOIN gebruikers g ON g.id = s.gebruiker_id
                WHERE s.token_hash = ? AND s.verloopt > ?
                """, arguments: [tokenHash, Self.ms(nu)]) else { return nil }
            let g = Self.gebruiker(row)
            return (Sessie(tokenHash: row["token_hash"], gebruiker: g.id, csrf: row["csrf"],
                           verloopt: Self.datum(row["verloopt"])), g)
        }
    }

    public func ruimSessiesOp(nu: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM sessies WHERE verloopt <= ?", arguments: [Self.ms(nu)])
        }
    }

    public func beeindigSessie(tokenHash: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM sessies WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    public func beeindigSessies(gebruiker: Int64, behalve tokenHash: String?) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM sessies WHERE gebruiker_id = ? AND token_hash <> ?",
                           arguments: [gebruiker, tokenHash ?? ""])
        }
    }

    // MARK: Failed logins

    public func registreerMislukteLogin(email: String, tijd: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO mislukte_logins (email, tijd) VALUES (?, ?)", arguments: [email, Self.ms(tijd)])
            // Old failures no longer count; keep the table small.
            try db.execute(sql: "DELETE FROM mislukte_logins WHERE email = ? AND tijd < ?",
                           arguments: [email, Self.ms(tijd) - 24 * 3600 * 1000])
        }
    }

    public func mislukteLogins(email: String, sinds: Date) async throws -> [Date] {
        try await pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT tijd FROM mislukte_logins WHERE email = ? AND tijd >= ? ORDER BY tijd",
                               arguments: [email, Self.ms(sinds)]).map(Self.datum)
        }
    }

    public func wisMislukteLogins(email: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM mislukte_logins WHERE email = ?", arguments: [email])
        }
    }

    // MARK: Cursussen

    public func maakCursus(naam: String, docent: Int64, bijeenkomsten: [String], uitnodigingscode: String,
                           tijd: Date) async throws -> Cursus {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO cursussen (naam, docent_id, uitnodigingscode, aangemaakt) VALUES (?, ?, ?, ?)",
                           arguments: [naam, docent, uitnodigingscode, Self.ms(tijd)])
            let id = db.lastInsertedRowID
            for (i, datum) in bijeenkomsten.enumerated() {
                try db.execute(sql: "INSERT INTO bijeenkomsten (cursus_id, nr, datum) VALUES (?, ?, ?)",
                               arguments: [id, i + 1, datum])
            }
            return Cursus(id: id, naam: naam, docent: docent, uitnodigingscode: uitnodigingscode,
                          bijeenkomsten: bijeenkomsten)
        }
    }

    static func cursus(_ db: Database, _ row: Row?) throws -> Cursus? {
        guard let row else { return nil }
        let id: Int64 = row["id"]
        let data = try String.fetchAll(db, sql: "SELECT datum FROM bijeenkomsten WHERE cursus_id = ? ORDER BY nr",
                                       arguments: [id])
        return Cursus(id: id, naam: row["naam"], docent: row["docent_id"], uitnodigingscode: row["uitnodigingscode"],
                      bijeenkomsten: data)
    }

    public func cursus(id: Int64) async throws -> Cursus? {
        try await pool.read { db in
            try Self.cursus(db, try Row.fetchOne(db, sql: "SELECT * FROM cursussen WHERE id = ?", arguments: [id]))
        }
    }

    public func cursus(uitnodigingscode: String) async throws -> Cursus? {
        try await pool.read { db in
            try Self.cursus(db, try Row.fetchOne(db, sql: "SELECT * FROM cursussen WHERE uitnodigingscode = ?",
                                                 arguments: [uitnodigingscode]))
        }
    }

    // MARK: Aanvragen

    static let aanvraagSelect = """
        SELECT a.id, a.eigenaar_id, g.naam AS eigenaar_naam, g.cursus_id, a.versie,
               v.titel, v.af, v.fouten, v.waarschuwingen, v.gewijzigd, v.onderdelen
        FROM aanvragen a
        JOIN gebruikers g ON g.id = a.eigenaar_id
        JOIN versies v ON v.aanvraag_id = a.id AND v.versie = a.versie
        """

    static func afgeleid(_ row: Row) -> Afgeleid {
        Afgeleid(titel: row["titel"], af: (row["af"] as Int64) != 0, fouten: row["fouten"],
                 waarschuwingen: row["waarschuwingen"],
                 onderdelen: (row["onderdelen"] as String?).flatMap(Telling.decodeer))
    }

    static func aanvraag(_ row: Row) -> AanvraagRij {
        AanvraagRij(id: row["id"], eigenaar: row["eigenaar_id"], eigenaarNaam: row["eigenaar_naam"],
                    cursus: row["cursus_id"], versie: row["versie"], afgeleid: afgeleid(row),
                    gewijzigd: datum(row["gewijzigd"]))
    }

    static func voegVersieIn(_ db: Database, aanvraag: Int64, versie: Int, tekst: [UInt8], afgeleid a: Afgeleid,
                             tijd: Date) throws {
        try db.execute(sql: """
            INSERT INTO versies (aanvraag_id, versie, tekst, titel, af, fouten, waarschuwingen, gewijzigd, onderdelen,
                                 ingevuld)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [aanvraag, versie, Data(tekst), a.titel, a.af ? 1 : 0, a.fouten, a.waarschuwingen, ms(tijd),
                             a.onderdelen.map(Telling.codeer), a.ingevuld.map(Afgeleid.codeerIngevuld)])
    }

    public func maakAanvraag(eigenaar: Int64, tekst: [UInt8], afgeleid: Afgeleid, tijd: Date) async throws -> AanvraagRij {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO aanvragen (eigenaar_id, versie, aangemaakt) VALUES (?, 1, ?)",
                           arguments: [eigenaar, Self.ms(tijd)])
            let id = db.lastInsertedRowID
            try Self.voegVersieIn(db, aanvraag: id, versie: 1, tekst: tekst, afgeleid: afgeleid, tijd: tijd)
            guard let row = try Row.fetchOne(db, sql: Self.aanvraagSelect + " WHERE a.id = ?", arguments: [id]) else {
                throw OpslagFout.nietGevonden
            }
            return Self.aanvraag(row)
        }
    }

    public func aanvraag(id: Int64) async throws -> AanvraagRij? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: Self.aanvraagSelect + " WHERE a.id = ?", arguments: [id]).map(Self.aanvraag)
        }
    }

    public func aanvragen(eigenaar: Int64) async throws -> [AanvraagRij] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: Self.aanvraagSelect + " WHERE a.eigenaar_id = ? ORDER BY a.id",
                             arguments: [eigenaar]).map(Self.aanvraag)
        }
    }

    public func aanvragen(docent: Int64) async throws -> [AanvraagRij] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: Self.aanvraagSelect
                             + " JOIN cursussen c ON c.id = g.cursus_id WHERE c.docent_id = ? ORDER BY a.id",
                             arguments: [docent]).map(Self.aanvraag)
        }
    }

    public func voegVersieToe(aanvraag: Int64, verwacht: Int, tekst: [UInt8], afgeleid: Afgeleid,
                              tijd: Date) async throws -> Int {
        try await pool.write { db in
            // The conditional update is the lock: of two writers on the same version, only the
            // first changes a row; the second finds the version moved on.
            try db.execute(sql: "UPDATE aanvragen SET versie = versie + 1 WHERE id = ? AND versie = ?",
                           arguments: [aanvraag, verwacht])
            guard db.changesCount == 1 else {
                guard let huidige = try Int.fetchOne(db, sql: "SELECT versie FROM aanvragen WHERE id = ?",
                                                     arguments: [aanvraag]) else { throw OpslagFout.nietGevonden }
                throw OpslagFout.verouderd(huidige: huidige)
            }
            try Self.voegVersieIn(db, aanvraag: aanvraag, versie: verwacht + 1, tekst: tekst, afgeleid: afgeleid, tijd: tijd)
            return verwacht + 1
        }
    }

    public func versies(aanvraag: Int64) async throws -> [VersieInfo] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT versie, titel, af, fouten, waarschuwingen, gewijzigd FROM versies
                WHERE aanvraag_id = ? ORDER BY versie
                """, arguments: [aanvraag]).map {
                VersieInfo(versie: $0["versie"], gewijzigd: Self.datum($0["gewijzigd"]), afgeleid: Self.afgeleid($0))
            }
        }
    }

    public func tekst(aanvraag: Int64, versie: Int) async throws -> [UInt8]? {
        try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT tekst FROM versies WHERE aanvraag_id = ? AND versie = ?",
                              arguments: [aanvraag, versie]).map { [UInt8]($0) }
        }
    }

    public func bewaarOnderdelen(aanvraag: Int64, versie: Int, onderdelen: String) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE versies SET onderdelen = ? WHERE aanvraag_id = ? AND versie = ? AND onderdelen IS NULL
                """, arguments: [onderdelen, aanvraag, versie])
        }
    }

    public func ingevuld(aanvraag: Int64, versie: Int) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT ingevuld FROM versies WHERE aanvraag_id = ? AND versie = ?",
                                arguments: [aanvraag, versie])
        }
    }

    public func bewaarIngevuld(aanvraag: Int64, versie: Int, ingevuld: String) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE versies SET ingevuld = ? WHERE aanvraag_id = ? AND versie = ? AND ingevuld IS NULL
                """, arguments: [ingevuld, aanvraag, versie])
        }
    }
}
