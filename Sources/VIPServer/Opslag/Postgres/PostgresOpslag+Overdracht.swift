import Foundation
import Logging
import PostgresNIO

// OverdraagbareOpslag
extension PostgresOpslag {
    /// One REPEATABLE READ, READ ONLY transaction on one connection: every table is read from
    /// the same snapshot while servers go on writing. Rows stream from the server one by one.
    public func leesAlles(_ tabellen: [Tabel], rij: @escaping @Sendable (Tabel, [Waarde]) throws -> Void) async throws {
        let logger = logger
        try await metVerbinding { c in
            try await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            do {
                for tabel in tabellen {
                    let kolommen = tabel.kolommen.map(\.naam).joined(separator: ", ")
                    // Text keys sort by their bytes, as SQLite sorts them, whatever the database's collation.
                    let volgorde = tabel.volgorde.split(separator: ",").map { deel -> String in
                        let naam = deel.trimmingCharacters(in: .whitespaces)
                        return tabel.kolommen.first { $0.naam == naam }?.soort == .tekst ? "\(naam) COLLATE \"C\"" : naam
                    }.joined(separator: ", ")
                    let rows = try await c.query(PostgresQuery(unsafeSQL: "SELECT \(kolommen) FROM \(tabel.naam) ORDER BY \(volgorde)"),
                                                 logger: logger)
                    for try await row in rows {
                        try rij(tabel, try zip(row, tabel.kolommen).map { cel, kolom -> Waarde in
                            guard cel.bytes != nil else { return .null }
                            switch kolom.soort {
                            case .geheel: return .geheel(try cel.decode(Int64.self))
                            case .tekst: return .tekst(try cel.decode(String.self))
                            case .bytes: return .bytes(Array(try cel.decode(ByteBuffer.self).readableBytesView))
                            }
                        })
                    }
                }
                try await c.query("COMMIT", logger: logger)
            } catch {
                _ = try? await c.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// The tables of vip's schema: the first schema of the search path.
    static let tabelNamen: PostgresQuery = """
        SELECT table_name::text FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'vip_schema'
        ORDER BY table_name
        """

    public func tabelGroottes() async throws -> [String: Int] {
        var r: [String: Int] = [:]
        for naam in try await rijen(Self.tabelNamen).map({ try $0.decode(String.self) }) {
            r[naam] = try await een(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \"\(naam)\""), Int.self) ?? 0
        }
        return r
    }

    public func kolommen() async throws -> [String: [String]] {
        var r: [String: [String]] = [:]
        for row in try await rijen("""
            SELECT table_name::text, column_name::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name <> 'vip_schema' ORDER BY table_name, ordinal_position
            """) {
            let (tabel, kolom) = try row.decode((String, String).self)
            r[tabel, default: []].append(kolom)
        }
        return r
    }

    public func vulLeeg(_ volgende: @escaping @Sendable () throws -> (Tabel, [Waarde])?) async throws {
        let logger = logger
        try await transactie { c in
            // Nobody else may write while the emptiness check and the import run.
            var groottes: [String: Int] = [:]
            for naam in try await c.query(Self.tabelNamen, logger: logger).collect().map({ try $0.decode(String.self) }) {
                try await c.query(PostgresQuery(unsafeSQL: "LOCK TABLE \"\(naam)\" IN EXCLUSIVE MODE"), logger: logger)
                groottes[naam] = try await c.query(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \"\(naam)\""),
                                                   logger: logger).collect().first?.decode(Int.self) ?? 0
            }
            guard groottes.values.allSatisfy({ $0 == 0 }) else { throw OverdrachtFout.nietLeeg(groottes) }
            // gebruikers and cursussen point at each other: check those keys at commit.
            try await c.query("SET CONSTRAINTS ALL DEFERRED", logger: logger)
            var metId: [String] = []
            while let (tabel, rij) = try volgende() {
                let sql = "INSERT INTO \(tabel.naam) (\(tabel.kolommen.map(\.naam).joined(separator: ", "))) VALUES ("
                    + (1...tabel.kolommen.count).map { "$\($0)" }.joined(separator: ", ") + ")"
                var binds = PostgresBindings(capacity: rij.count)
                for (w, kolom) in zip(rij, tabel.kolommen) {
                    switch w {
                    case .null:
                        switch kolom.soort {
                        case .geheel: binds.append(Int64?.none)
                        case .tekst: binds.append(String?.none)
                        case .bytes: binds.append(ByteBuffer?.none)
                        }
                    case .geheel(let n): binds.append(n)
                    case .tekst(let s): binds.append(s)
                    case .bytes(let b): binds.append(ByteBuffer(bytes: b))
                    }
                }
                try await c.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
                if tabel.heeftId, metId.last != tabel.naam { metId.append(tabel.naam) }
            }
            // Identity counters go on after the highest imported id.
            for naam in metId {
                try await c.query(PostgresQuery(unsafeSQL: """
                    SELECT setval(pg_get_serial_sequence('\(naam)', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM \(naam)
                    """), logger: logger)
            }
        }
    }
}
