import Foundation
import GRDB

/// The SQLite engine: one file `vip.sqlite` in WAL mode with `synchronous = FULL`, so a
/// committed transaction survives `kill -9` and a power cut. Writes are serialised by
/// GRDB's `DatabasePool`; reads run beside them. The SQL is kept to what PostgreSQL reads the
/// same way where it can be; each kind of data has its own file (`+Accounts`, `+Cursussen`,
/// `+Aanvragen`, `+Evenementen`, `+Register`, `+Overdracht`).
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
        pool = try DatabasePool(path: pad, configuration: config)
        // GRDB sets `synchronous = NORMAL` on the writer when it turns WAL on, after any
        // `prepareDatabase` hook; NORMAL syncs the WAL only at checkpoints, so a committed
        // transaction could be lost in a power cut. FULL syncs the WAL at every commit. The pool
        // keeps its one writer connection for its whole life, so setting it here holds.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            guard try Int.fetchOne(db.cachedStatement(sql: "PRAGMA synchronous")) == 2 else {
                throw OpslagFout.nietDuurzaam("SQLite weigert synchronous = FULL voor \(pad).")
            }
        }
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS vip_schema (versie INTEGER NOT NULL)")
            let huidig = try Int.fetchOne(db.cachedStatement(sql: "SELECT MAX(versie) FROM vip_schema")) ?? 0
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

    /// A read for a request, on the calling thread with one of the pool's reader connections
    /// (in a transaction, as `pool.read`). The asynchronous `pool.read` hops to GRDB's queue and
    /// back: two thread switches with a futex wake each, which cost more than the reads a page
    /// makes (a lookup by key takes microseconds; issue 21 measured the switches at a fifth of
    /// an editor page's CPU). A reader is never held long: the one long read, the export, stays
    /// asynchronous (`Overdracht`), so waiting for a free reader connection is short.
    func lees<T>(_ blok: (Database) throws -> T) throws -> T {
        try pool.read(blok)
    }

    public func schemaVersie() async throws -> Int {
        try lees { db in try Int.fetchOne(db.cachedStatement(sql: "SELECT MAX(versie) FROM vip_schema")) ?? 0 }
    }

    public func isDuurzaam() async throws -> Bool {
        try await pool.writeWithoutTransaction { db in try Int.fetchOne(db.cachedStatement(sql: "PRAGMA synchronous")) == 2 }
    }

    // MARK: Times

    static func ms(_ d: Date) -> Int64 { Int64((d.timeIntervalSince1970 * 1000).rounded(.down)) }
    static func datum(_ ms: Int64) -> Date { Date(timeIntervalSince1970: Double(ms) / 1000) }
}
