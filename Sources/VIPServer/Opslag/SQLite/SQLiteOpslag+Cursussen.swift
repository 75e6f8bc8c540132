import Foundation
import GRDB

// CursusOpslag
extension SQLiteOpslag {
    public func maakCursus(naam: String, docent: Int64, bijeenkomsten: [String], uitnodigingscode: String,
                           tijd: Date) async throws -> Cursus {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO cursussen (naam, docent_id, uitnodigingscode, aangemaakt) VALUES (?, ?, ?, ?)",
                           arguments: [naam, docent, uitnodigingscode, Self.ms(tijd)])
            let id = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO cursus_docenten (cursus_id, gebruiker_id) VALUES (?, ?)", arguments: [id, docent])
            for (i, datum) in bijeenkomsten.enumerated() {
                try db.execute(sql: "INSERT INTO bijeenkomsten (cursus_id, nr, datum) VALUES (?, ?, ?)",
                               arguments: [id, i + 1, datum])
            }
            return Cursus(id: id, naam: naam, docent: docent, uitnodigingscode: uitnodigingscode,
                          bijeenkomsten: bijeenkomsten, docenten: [docent])
        }
    }

    static func cursus(_ db: Database, _ row: Row?) throws -> Cursus? {
        guard let row else { return nil }
        let id: Int64 = row["id"]
        let data = try String.fetchAll(db.cachedStatement(sql: "SELECT datum FROM bijeenkomsten WHERE cursus_id = ? ORDER BY nr"),
                                       arguments: [id])
        let docenten = try Int64.fetchAll(db.cachedStatement(sql: "SELECT gebruiker_id FROM cursus_docenten WHERE cursus_id = ? "
                                          + "ORDER BY gebruiker_id"), arguments: [id])
        return Cursus(id: id, naam: row["naam"], docent: row["docent_id"], uitnodigingscode: row["uitnodigingscode"],
                      bijeenkomsten: data, docenten: docenten, herinneringen: (row["herinneringen"] as Int64) != 0,
                      maxAfwezig: row["max_afwezig"])
    }

    public func cursus(id: Int64) async throws -> Cursus? {
        try lees { db in
            try Self.cursus(db, try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM cursussen WHERE id = ?"), arguments: [id]))
        }
    }

    public func cursus(uitnodigingscode: String) async throws -> Cursus? {
        try lees { db in
            try Self.cursus(db, try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM cursussen WHERE uitnodigingscode = ?"),
                                                 arguments: [uitnodigingscode]))
        }
    }

    public func cursussen(docent: Int64) async throws -> [Cursus] {
        try lees { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT c.* FROM cursussen c JOIN cursus_docenten d ON d.cursus_id = c.id WHERE d.gebruiker_id = ? ORDER BY c.id
                """), arguments: [docent]).compactMap { try Self.cursus(db, $0) }
        }
    }

    public func alleCursussen() async throws -> [Cursus] {
        try lees { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM cursussen ORDER BY id")).compactMap { try Self.cursus(db, $0) }
        }
    }

    public func cursisten(cursus: Int64) async throws -> [Gebruiker] {
        try lees { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.gebruikerKolommen) FROM gebruikers WHERE cursus_id = ? AND rol = ? "
                             + "ORDER BY id", arguments: [cursus, Rol.cursist.rawValue]).map(Self.gebruiker)
        }
    }

    public func voegDocentToe(cursus: Int64, gebruiker: Int64) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO cursus_docenten (cursus_id, gebruiker_id) VALUES (?, ?) ON CONFLICT DO NOTHING
                """, arguments: [cursus, gebruiker])
        }
    }

    public func verwijderDocent(cursus: Int64, gebruiker: Int64) async throws {
        try await pool.write { db in
            let docenten = try Int64.fetchAll(db.cachedStatement(sql: "SELECT gebruiker_id FROM cursus_docenten WHERE cursus_id = ?"),
                                              arguments: [cursus])
            guard docenten.contains(gebruiker) else { throw OpslagFout.nietGevonden }
            guard docenten.count > 1 else { throw OpslagFout.laatsteDocent }
            try db.execute(sql: "DELETE FROM cursus_docenten WHERE cursus_id = ? AND gebruiker_id = ?",
                           arguments: [cursus, gebruiker])
        }
    }

    public func zetInstellingen(cursus: Int64, herinneringen: Bool?, maxAfwezig: Int?) async throws {
        try await pool.write { db in
            if let herinneringen {
                try db.execute(sql: "UPDATE cursussen SET herinneringen = ? WHERE id = ?", arguments: [herinneringen ? 1 : 0, cursus])
            }
            if let maxAfwezig {
                try db.execute(sql: "UPDATE cursussen SET max_afwezig = ? WHERE id = ?", arguments: [maxAfwezig, cursus])
            }
        }
    }

    public func zetAanwezigheid(cursus: Int64, nr: Int, _ lijst: [Aanwezigheid]) async throws {
        try await pool.write { db in
            for a in lijst {
                try db.execute(sql: """
                    INSERT INTO aanwezigheid (cursus_id, nr, cursist_id, aanwezig) VALUES (?, ?, ?, ?)
                    ON CONFLICT (cursus_id, nr, cursist_id) DO UPDATE SET aanwezig = excluded.aanwezig
                    """, arguments: [cursus, nr, a.cursist, a.aanwezig ? 1 : 0])
            }
        }
    }

    public func aanwezigheid(cursus: Int64) async throws -> [Aanwezigheid] {
        try lees { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT nr, cursist_id, aanwezig FROM aanwezigheid WHERE cursus_id = ? "
                             + "ORDER BY nr, cursist_id"), arguments: [cursus]).map {
                Aanwezigheid(nr: $0["nr"], cursist: $0["cursist_id"], aanwezig: ($0["aanwezig"] as Int64) != 0)
            }
        }
    }
}
