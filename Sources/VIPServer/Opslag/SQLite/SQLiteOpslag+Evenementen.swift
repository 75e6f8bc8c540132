import Foundation
import GRDB

// EvenementOpslag
extension SQLiteOpslag {
    static func evenement(_ db: Database, _ row: Row?) throws -> EvenementRij? {
        guard let row else { return nil }
        let id: Int64 = row["id"]
        let cursussen = try Int64.fetchAll(db.cachedStatement(sql: "SELECT cursus_id FROM evenement_cursussen WHERE evenement_id = ? "
                                           + "ORDER BY nr"), arguments: [id])
        return EvenementRij(id: id, organisator: row["organisator_id"], titel: row["titel"], datum: row["datum"],
                            cursussen: cursussen, tekst: [UInt8](row["tekst"] as Data),
                            aangemaakt: datum(row["aangemaakt"]))
    }

    public func maakEvenement(organisator: Int64, tekst: [UInt8], titel: String, datum: String?, cursussen: [Int64],
                              tijd: Date) async throws -> EvenementRij {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO evenementen (organisator_id, tekst, titel, datum, aangemaakt) VALUES (?, ?, ?, ?, ?)
                """, arguments: [organisator, Data(tekst), titel, datum, Self.ms(tijd)])
            let id = db.lastInsertedRowID
            var gezien = Set<Int64>()
            for (nr, c) in cursussen.enumerated() where gezien.insert(c).inserted {
                try db.execute(sql: "INSERT INTO evenement_cursussen (evenement_id, cursus_id, nr) VALUES (?, ?, ?)",
                               arguments: [id, c, nr + 1])
            }
            guard let e = try Self.evenement(db, try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM evenementen WHERE id = ?"),
                                                                  arguments: [id])) else { throw OpslagFout.nietGevonden }
            return e
        }
    }

    public func evenement(id: Int64) async throws -> EvenementRij? {
        try lees { db in
            try Self.evenement(db, try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM evenementen WHERE id = ?"), arguments: [id]))
        }
    }

    public func evenementen(organisator: Int64) async throws -> [EvenementRij] {
        try lees { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM evenementen WHERE organisator_id = ? ORDER BY aangemaakt DESC, id DESC"),
                             arguments: [organisator]).compactMap { try Self.evenement(db, $0) }
        }
    }
}
