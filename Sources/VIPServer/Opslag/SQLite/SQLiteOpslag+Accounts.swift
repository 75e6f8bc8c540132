import Foundation
import GRDB

// AccountOpslag
extension SQLiteOpslag {
    static let gebruikerKolommen = "id, email, naam, rol, cursus_id, wachtwoord_hash, geblokkeerd, laatst_ingelogd"

    static func gebruiker(_ row: Row) -> Gebruiker {
        let laatst: Int64? = row["laatst_ingelogd"]
        return Gebruiker(id: row["id"], email: row["email"], naam: row["naam"], rol: Rol(rawValue: row["rol"]) ?? .cursist,
                         cursus: row["cursus_id"], wachtwoordHash: row["wachtwoord_hash"],
                         geblokkeerd: (row["geblokkeerd"] as Int64? ?? 0) != 0, laatstIngelogd: laatst.map(Self.datum))
    }

    public func maakGebruiker(email: String, naam: String, rol: Rol, wachtwoordHash: String, cursus: Int64?,
                              tijd: Date) async throws -> Gebruiker {
        try await pool.write { db in
            if try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM gebruikers WHERE email = ?"), arguments: [email]) ?? 0 > 0 {
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
        try lees { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.gebruikerKolommen) FROM gebruikers WHERE email = ?"),
                             arguments: [email]).map(Self.gebruiker)
        }
    }

    public func gebruiker(id: Int64) async throws -> Gebruiker? {
        try lees { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.gebruikerKolommen) FROM gebruikers WHERE id = ?"),
                             arguments: [id]).map(Self.gebruiker)
        }
    }

    public func zetWachtwoord(gebruiker: Int64, hash: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE gebruikers SET wachtwoord_hash = ? WHERE id = ?", arguments: [hash, gebruiker])
        }
    }

    public func aantalGebruikers() async throws -> Int {
        try lees { db in try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM gebruikers")) ?? 0 }
    }

    public func gebruikers() async throws -> [Gebruiker] {
        try lees { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT \(Self.gebruikerKolommen) FROM gebruikers ORDER BY id")).map(Self.gebruiker)
        }
    }

    public func nodigUit(email: String, naam: String, rol: Rol, tokenHash: String, verloopt: Date, mail: Mailbericht?,
                         tijd: Date) async throws -> Gebruiker {
        try await pool.write { db in
            if try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM gebruikers WHERE email = ?"), arguments: [email]) ?? 0 > 0 {
                throw OpslagFout.emailBestaat
            }
            try db.execute(sql: """
                INSERT INTO gebruikers (email, naam, rol, cursus_id, wachtwoord_hash, aangemaakt) VALUES (?, ?, ?, NULL, '', ?)
                """, arguments: [email, naam, rol.rawValue, Self.ms(tijd)])
            let id = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO tokens (token_hash, gebruiker_id, soort, verloopt) VALUES (?, ?, ?, ?)",
                           arguments: [tokenHash, id, Tokensoort.instellen.rawValue, Self.ms(verloopt)])
            if let mail { _ = try Self.voegMailToe(db, mail, tijd: tijd) }
            return Gebruiker(id: id, email: email, naam: naam, rol: rol, cursus: nil, wachtwoordHash: "")
        }
    }

    public func zetGeblokkeerd(gebruiker: Int64, _ geblokkeerd: Bool) async throws -> Gebruiker? {
        try await pool.write { db in
            try db.execute(sql: "UPDATE gebruikers SET geblokkeerd = ? WHERE id = ?", arguments: [geblokkeerd ? 1 : 0, gebruiker])
            if geblokkeerd { try db.execute(sql: "DELETE FROM sessies WHERE gebruiker_id = ?", arguments: [gebruiker]) }
            return try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.gebruikerKolommen) FROM gebruikers WHERE id = ?"),
                                    arguments: [gebruiker]).map(Self.gebruiker)
        }
    }

    public func zetLaatstIngelogd(gebruiker: Int64, tijd: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE gebruikers SET laatst_ingelogd = ? WHERE id = ?", arguments: [Self.ms(tijd), gebruiker])
        }
    }

    // MARK: One-time links

    public func maakToken(_ t: Eenmalig, mail: Mailbericht?, tijd: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO tokens (token_hash, gebruiker_id, soort, verloopt) VALUES (?, ?, ?, ?)",
                           arguments: [t.tokenHash, t.gebruiker, t.soort.rawValue, Self.ms(t.verloopt)])
            if let mail { _ = try Self.voegMailToe(db, mail, tijd: tijd) }
        }
    }

    public func token(hash: String, nu: Date) async throws -> Eenmalig? {
        try lees { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT token_hash, gebruiker_id, soort, verloopt FROM tokens
                WHERE token_hash = ? AND gebruikt IS NULL AND verloopt > ?
                """), arguments: [hash, Self.ms(nu)]).flatMap { row in
                Tokensoort(rawValue: row["soort"]).map {
                    Eenmalig(tokenHash: row["token_hash"], gebruiker: row["gebruiker_id"], soort: $0,
                             verloopt: Self.datum(row["verloopt"]))
                }
            }
        }
    }

    public func gebruikToken(hash: String, nu: Date, wachtwoordHash: String) async throws -> Int64? {
        try await pool.write { db in
            guard let gebruiker = try Int64.fetchOne(db.cachedStatement(sql: """
                SELECT gebruiker_id FROM tokens WHERE token_hash = ? AND gebruikt IS NULL AND verloopt > ?
                """), arguments: [hash, Self.ms(nu)]) else { return nil }
            try db.execute(sql: "UPDATE tokens SET gebruikt = ? WHERE token_hash = ?", arguments: [Self.ms(nu), hash])
            try db.execute(sql: "UPDATE gebruikers SET wachtwoord_hash = ? WHERE id = ?", arguments: [wachtwoordHash, gebruiker])
            try db.execute(sql: "DELETE FROM sessies WHERE gebruiker_id = ?", arguments: [gebruiker])
            // Tokens that can no longer be used are of no use to anyone.
            try db.execute(sql: "DELETE FROM tokens WHERE verloopt < ?", arguments: [Self.ms(nu) - 30 * 24 * 3600 * 1000])
            return gebruiker
        }
    }

    // MARK: Sessions

    public func maakSessie(_ s: Sessie) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO sessies (token_hash, gebruiker_id, csrf, verloopt) VALUES (?, ?, ?, ?)",
                           arguments: [s.tokenHash, s.gebruiker, s.csrf, Self.ms(s.verloopt)])
        }
    }

    public func sessie(tokenHash: String, nu: Date) async throws -> (Sessie, Gebruiker)? {
        try lees { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT s.token_hash, s.csrf, s.verloopt, g.id, g.email, g.naam, g.rol, g.cursus_id, g.wachtwoord_hash,
                       g.geblokkeerd, g.laatst_ingelogd
                FROM sessies s JOIN gebruikers g ON g.id = s.gebruiker_id
                WHERE s.token_hash = ? AND s.verloopt > ? AND g.geblokkeerd = 0
                """), arguments: [tokenHash, Self.ms(nu)]) else { return nil }
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

    // MARK: Failed attempts

    /// One write transaction: SQLite serialises writers, so the count and the insert of two
    /// concurrent attempts cannot interleave.
    public func probeerPoging(_ grenzen: [Pogingsgrens], tijd: Date) async throws -> Pogingsuitkomst {
        try await pool.write { db in
            let nu = Self.ms(tijd)
            var vrij: Int64?
            for g in grenzen {
                let sinds = nu - Int64(g.venster * 1000)
                // Keep the table small: what no limit counts any more goes.
                try db.execute(sql: "DELETE FROM pogingen WHERE sleutel = ? AND tijd < ?",
                               arguments: [g.sleutel, nu - 24 * 3600 * 1000])
                let tijden = try Int64.fetchAll(db.cachedStatement(sql: "SELECT tijd FROM pogingen WHERE sleutel = ? AND tijd > ? ORDER BY tijd"),
                                                arguments: [g.sleutel, sinds])
                if tijden.count >= g.limiet {
                    // Free again once the oldest failure that still counts is `venster` old.
                    let t = tijden[tijden.count - g.limiet] + Int64(g.venster * 1000)
                    vrij = max(vrij ?? t, t)
                }
            }
            if let vrij { return .geweigerd(vrij: Self.datum(vrij)) }
            var ids: [Int64] = []
            for g in grenzen {
                try db.execute(sql: "INSERT INTO pogingen (sleutel, tijd) VALUES (?, ?)", arguments: [g.sleutel, nu])
                ids.append(db.lastInsertedRowID)
            }
            return .toegestaan(ids: ids)
        }
    }

    public func vergeefPogingen(ids: [Int64]) async throws {
        guard !ids.isEmpty else { return }
        try await pool.write { db in
            for id in ids { try db.execute(sql: "DELETE FROM pogingen WHERE id = ?", arguments: [id]) }
        }
    }

    public func wisPogingen(sleutel: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM pogingen WHERE sleutel = ?", arguments: [sleutel])
        }
    }
}
