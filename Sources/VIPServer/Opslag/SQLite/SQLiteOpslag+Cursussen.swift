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

    public func cursussen(docent: Int64) async throws -> [Cursus] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM cursussen WHERE docent_id = ? ORDER BY id", arguments: [docent])
                .compactMap { try Self.cursus(db, $0) }
        }
    }

    public func alleCursussen() async throws -> [Cursus] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM cursussen ORDER BY id").compactMap { try Self.cursus(db, $0) }
        }
    }

    public func cursisten(cursus: Int64) async throws -> [Gebruiker] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.gebruikerKolommen) FROM gebruikers WHERE cursus_id = ? AND rol = ? "
                             + "ORDER BY id", arguments: [cursus, Rol.cursist.rawValue]).map(Self.gebruiker)
        }
    }
}
