import Foundation
import Logging
import PostgresNIO
import VIPHash
import VIPKit

/// The PostgreSQL engine, for a shared installation with several `vip server` processes on
/// one database. Same tables, same migrations (`Migraties.alle`, PostgreSQL's side), same
/// semantics as `SQLiteOpslag`; the contract tests run against both.
///
/// PostgresNIO's `PostgresClient` keeps the connection pool and needs its `run()` method
/// running for as long as it is used. Storage is opened before the server's service group
/// exists (migrations, `--demo`, `vip gebruiker toevoegen`, export), so this class runs the
/// client as its own service task and `sluit()` ends it, after the last request.
public final class PostgresOpslag: Opslag {
    let client: PostgresClient
    /// The task that runs the client's connection pool for as long as the storage is open.
    let poolTaak: Task<Void, Never>
    let logger: Logger
    public let adres: PostgresAdres

    /// PostgreSQL's side of the numbered migrations.
    public static var migraties: [String] { Migraties.alle.map(\.postgres) }

    private init(client: PostgresClient, adres: PostgresAdres, logger: Logger, wachttijd: Duration) {
        self.client = client
        self.wachttijd = wachttijd
        self.adres = adres
        self.logger = logger
        poolTaak = Task { await client.run() }
    }

    /// Connects, migrates forward (never back: an older vip refuses a newer database) and
    /// starts the pool. A database that cannot be reached fails here, with a Dutch message.
    public static func open(_ url: String, migraties: [String] = PostgresOpslag.migraties,
                            maximumVerbindingen: Int = 20, wachttijd: Duration = .seconds(10)) async throws -> PostgresOpslag {
        let adres = try PostgresAdres(url)
        var logger = Logger(label: "vip-postgres")
        logger.logLevel = .critical
        let verbinding: PostgresConnection
        do {
            verbinding = try await PostgresConnection.connect(configuration: try adres.verbindingConfiguratie(), id: 1,
                                                              logger: logger)
        } catch {
            throw PostgresFout("Geen verbinding met PostgreSQL (\(adres.beschrijving)): \(Self.reden(error))")
        }
        do {
            try await migreer(verbinding, adres: adres, migraties: migraties, logger: logger)
            try? await verbinding.close()
        } catch {
            try? await verbinding.close()
            if error is OpslagFout { throw error }
            throw PostgresFout("De database (\(adres.beschrijving)) kan niet worden bijgewerkt: \(Self.reden(error))")
        }
        var configuratie = adres.clientConfiguratie()
        configuratie.options.maximumConnections = maximumVerbindingen
        return PostgresOpslag(client: PostgresClient(configuration: configuratie, backgroundLogger: logger),
                              adres: adres, logger: logger, wachttijd: wachttijd)
    }

    /// Migrations run in one transaction under an advisory lock, so two processes that start
    /// together do not both migrate; PostgreSQL's DDL is transactional, a failed step leaves
    /// the schema as it was.
    static func migreer(_ c: PostgresConnection, adres: PostgresAdres, migraties: [String], logger: Logger) async throws {
        try await c.query("BEGIN", logger: logger)
        do {
            try await c.query("SELECT pg_advisory_xact_lock(\(Self.slotSleutel(adres.schema ?? "public")))", logger: logger)
            // Only when missing: CREATE SCHEMA asks for a right on the database that a role
            // given an existing schema may not have, even with IF NOT EXISTS.
            if let schema = adres.schema,
               try await c.query("SELECT 1 FROM pg_namespace WHERE nspname = \(schema)", logger: logger).collect().isEmpty {
                try await c.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(schema)"), logger: logger)
            }
            try await c.query("CREATE TABLE IF NOT EXISTS vip_schema (versie BIGINT NOT NULL)", logger: logger)
            var huidig = 0
            for try await v in try await c.query("SELECT COALESCE(MAX(versie), 0) FROM vip_schema", logger: logger)
                .decode(Int.self) { huidig = v }
            if huidig > migraties.count {
                throw OpslagFout.nieuwereDatabase(Migraties.nieuwereDatabase(adres.beschrijving, versie: huidig,
                                                                             bekend: migraties.count))
            }
            for n in huidig..<migraties.count {
                for sql in Migraties.statements(migraties[n]) {
                    try await c.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                }
                try await c.query("INSERT INTO vip_schema (versie) VALUES (\(n + 1))", logger: logger)
            }
            try await c.query("COMMIT", logger: logger)
        } catch {
            _ = try? await c.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// A stable 64-bit key for the migration lock of one schema.
    static func slotSleutel(_ schema: String) -> Int64 {
        Int64(bitPattern: FNV1a64.hash(Array("vip-migraties:\(schema)".utf8)))
    }

    /// The server's own words for an error, without PostgresNIO's debugging detail.
    static func reden(_ error: any Error) -> String {
        if let e = error as? PSQLError {
            if let bericht = e.serverInfo?[.message] { return bericht }
            if e.code == .connectionError {
                return "de server is niet bereikbaar (draait PostgreSQL, en kloppen host en poort?)"
            }
            if e.code == .sslUnsupported { return "de server biedt geen TLS aan (sslmode)" }
            if e.code == .authMechanismRequiresPassword { return "de server vraagt een wachtwoord; zet het in de URL" }
            if let onder = e.underlying { return String(describing: onder) }
            return String(describing: e.code)
        }
        return String(describing: error)
    }

    static func isUniekFout(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == "23505"
    }

    public func sluit() async throws {
        poolTaak.cancel()
        await poolTaak.value
    }

    public func isDuurzaam() async throws -> Bool {
        try await een("SHOW synchronous_commit", String.self) == "on"
    }

    public func schemaVersie() async throws -> Int {
        try await een("SELECT COALESCE(MAX(versie), 0) FROM vip_schema", Int.self) ?? 0
    }

    // MARK: Queries

    /// How long a request waits for a connection before it gives up (the database is down or
    /// every connection is busy); without a limit a request would wait for ever. The contract
    /// tests wait longer: on a loaded two-core machine the pool itself may not run for 10 s.
    let wachttijd: Duration

    /// Runs `werk` on a leased connection. Only the wait for the lease is limited, not `werk`
    /// itself (an import may take long).
    func metVerbinding<T: Sendable>(_ werk: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let geleased = Vlag()
        let (client, wachttijd, adres) = (client, wachttijd, adres)
        return try await withThrowingTaskGroup(of: T?.self) { groep in
            groep.addTask {
                try await client.withConnection { c in
                    geleased.zet()
                    return try await werk(c)
                }
            }
            groep.addTask {
                try await Task.sleep(for: wachttijd)
                guard geleased.staat else {
                    throw PostgresFout("De database antwoordt niet (\(adres.beschrijving)); probeer het zo opnieuw.")
                }
                return nil
            }
            while let uitkomst = try await groep.next() {
                if let r = uitkomst {
                    groep.cancelAll()
                    return r
                }
            }
            throw CancellationError()
        }
    }

    /// Every row of a query.
    func rijen(_ q: PostgresQuery) async throws -> [PostgresRow] {
        let logger = logger
        return try await metVerbinding { c in try await c.query(q, logger: logger).collect() }
    }

    /// A statement whose rows do not matter.
    func voerUit(_ q: PostgresQuery) async throws {
        let logger = logger
        _ = try await metVerbinding { c in try await c.query(q, logger: logger).collect().count }
    }

    /// The first column of the first row.
    func een<T: PostgresDecodable>(_ q: PostgresQuery, _ type: T.Type) async throws -> T? {
        try await rijen(q).first?.decode(T.self)
    }

    /// One transaction on one connection: committed when `werk` returns, rolled back when it
    /// throws (its own error comes out, not a wrapper).
    func transactie<T: Sendable>(_ werk: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let logger = logger
        return try await metVerbinding { c in
            try await c.query("BEGIN", logger: logger)
            do {
                let r = try await werk(c)
                try await c.query("COMMIT", logger: logger)
                return r
            } catch {
                _ = try? await c.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    static func ms(_ d: Date) -> Int64 { Int64((d.timeIntervalSince1970 * 1000).rounded(.down)) }
    static func datum(_ ms: Int64) -> Date { Date(timeIntervalSince1970: Double(ms) / 1000) }

    static func binds(_ waarden: Int64...) -> PostgresBindings {
        var b = PostgresBindings()
        for w in waarden { b.append(w) }
        return b
    }
}

/// A flag one task sets and another reads.
final class Vlag: @unchecked Sendable {
    private let lock = NSLock()
    private var gezet = false
    func zet() { lock.withLock { gezet = true } }
    var staat: Bool { lock.withLock { gezet } }
}
