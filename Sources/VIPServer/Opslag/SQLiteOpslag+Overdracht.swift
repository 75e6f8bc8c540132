import Foundation
import GRDB

extension SQLiteOpslag: OverdraagbareOpslag {
    public func rijen(_ tabel: Tabel) async throws -> [[Waarde]] {
        let kolommen = tabel.kolommen.map(\.naam).joined(separator: ", ")
        return try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(kolommen) FROM \(tabel.naam) ORDER BY \(tabel.volgorde)").map { row in
                try tabel.kolommen.indices.map { i in
                    let w: DatabaseValue = row[i]
                    switch w.storage {
                    case .null: return .null
                    case .int64(let n): return .geheel(n)
                    case .string(let s): return tabel.kolommen[i].soort == .bytes ? .bytes(Array(s.utf8)) : .tekst(s)
                    case .blob(let d): return .bytes([UInt8](d))
                    case .double:
                        throw OverdrachtFout("Tabel \(tabel.naam), kolom \(tabel.kolommen[i].naam): een kommagetal waar "
                            + "een geheel getal hoort.")
                    }
                }
            }
        }
    }

    public func tabelGroottes() async throws -> [String: Int] {
        try await pool.read { db in
            let namen = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'vip_schema'
                """)
            var r: [String: Int] = [:]
            for naam in namen { r[naam] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(naam)\"") ?? 0 }
            return r
        }
    }

    public func vulLeeg(_ inhoud: [(Tabel, [[Waarde]])]) async throws {
        try await pool.write { db in
            var groottes: [String: Int] = [:]
            for naam in try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'vip_schema'
                """) {
                groottes[naam] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(naam)\"") ?? 0
            }
            guard groottes.values.allSatisfy({ $0 == 0 }) else { throw OverdrachtFout.nietLeeg(groottes) }
            // gebruikers and cursussen point at each other: check foreign keys at commit.
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            // A dump of an older schema has no rows for tables that came later (nor the tables).
            for (tabel, rijen) in inhoud where !rijen.isEmpty {
                let sql = "INSERT INTO \(tabel.naam) (\(tabel.kolommen.map(\.naam).joined(separator: ", "))) VALUES ("
                    + Array(repeating: "?", count: tabel.kolommen.count).joined(separator: ", ") + ")"
                let statement = try db.makeStatement(sql: sql)
                for rij in rijen {
                    try statement.execute(arguments: StatementArguments(rij.map { w -> DatabaseValue in
                        switch w {
                        case .null: return .null
                        case .geheel(let n): return n.databaseValue
                        case .tekst(let s): return s.databaseValue
                        case .bytes(let b): return Data(b).databaseValue
                        }
                    }))
                }
            }
        }
    }
}
