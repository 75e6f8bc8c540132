import Foundation
import GRDB

// OverdraagbareOpslag
extension SQLiteOpslag {
    /// One read transaction: in WAL mode it sees one snapshot, whatever is written meanwhile.
    public func leesAlles(_ tabellen: [Tabel], rij: @escaping @Sendable (Tabel, [Waarde]) throws -> Void) async throws {
        try await pool.read { db in
            for tabel in tabellen {
                let kolommen = tabel.kolommen.map(\.naam).joined(separator: ", ")
                let cursor = try Row.fetchCursor(db, sql: "SELECT \(kolommen) FROM \(tabel.naam) ORDER BY \(tabel.volgorde)")
                while let row = try cursor.next() {
                    try rij(tabel, try tabel.kolommen.indices.map { i in
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
                    })
                }
            }
        }
    }

    static func groottes(_ db: Database) throws -> [String: Int] {
        var r: [String: Int] = [:]
        for naam in try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'vip_schema'
            """) {
            r[naam] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(naam)\"") ?? 0
        }
        return r
    }

    public func tabelGroottes() async throws -> [String: Int] {
        try await pool.read { db in try Self.groottes(db) }
    }

    public func kolommen() async throws -> [String: [String]] {
        try await pool.read { db in
            var r: [String: [String]] = [:]
            for naam in try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'vip_schema'
                """) {
                r[naam] = try Row.fetchAll(db, sql: "PRAGMA table_info(\"\(naam)\")").map { $0["name"] as String }
            }
            return r
        }
    }

    public func vulLeeg(_ volgende: @escaping @Sendable () throws -> (Tabel, [Waarde])?) async throws {
        try await pool.write { db in
            let groottes = try Self.groottes(db)
            guard groottes.values.allSatisfy({ $0 == 0 }) else { throw OverdrachtFout.nietLeeg(groottes) }
            // gebruikers and cursussen point at each other: check foreign keys at commit.
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            var statements: [String: Statement] = [:]
            while let (tabel, rij) = try volgende() {
                let statement: Statement
                if let s = statements[tabel.naam] {
                    statement = s
                } else {
                    let sql = "INSERT INTO \(tabel.naam) (\(tabel.kolommen.map(\.naam).joined(separator: ", "))) VALUES ("
                        + Array(repeating: "?", count: tabel.kolommen.count).joined(separator: ", ") + ")"
                    statement = try db.makeStatement(sql: sql)
                    statements[tabel.naam] = statement
                }
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
