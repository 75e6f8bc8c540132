import Foundation
import Testing
@testable import VIPServer

/// The storage engines the contract tests run against. SQLite always; PostgreSQL in the
/// database named by `VIP_TEST_POSTGRES` (postgres://…), each test in a schema of its own.
/// `.ci/run` and `make test-postgres` start a throwaway cluster and set it. Without it the
/// PostgreSQL cases are left out of the argument lists, and the tests marked
/// `Motoren.postgresNodig` are skipped, each with the message that PostgreSQL was not tested.
enum Motoren {
    static var alle: [String] { ["sqlite"] + (postgresURL == nil ? [] : ["postgres"]) }

    /// The trait of a test that needs PostgreSQL: skipped, with the reason, when it is absent.
    static var postgresNodig: ConditionTrait { .enabled(if: postgresURL != nil, Comment(rawValue: nietGedraaid)) }

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["VIP_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static let nietGedraaid = "PostgreSQL niet getest: VIP_TEST_POSTGRES is niet gezet (make test-postgres of "
        + "scripts/postgres-test.sh zetten het)"

    /// A fresh, empty database of one engine, that can be opened more than once.
    struct Database: Sendable {
        var motor: String
        /// The SQLite file, or the PostgreSQL URL with its own schema.
        var plek: String

        var migraties: [String] { motor == "postgres" ? PostgresOpslag.migraties : SQLiteOpslag.migraties }

        func open(migraties: [String]? = nil) async throws -> any Opslag {
            let m = migraties ?? self.migraties
            if motor == "postgres" { return try await PostgresOpslag.open(plek, migraties: m, maximumVerbindingen: 8,
                                                                               wachttijd: .seconds(120)) }
            return try SQLiteOpslag(pad: plek, migraties: m)
        }

        /// As `vip server --data/--database` would name it.
        var configuratie: ServerConfiguratie {
            var c = ServerConfiguratie()
            if motor == "postgres" { c.database = plek; c.databaseWachttijd = .seconds(120) } else { c.data = (plek as NSString).deletingLastPathComponent }
            return c
        }

        var argumenten: [String] {
            motor == "postgres" ? ["--database", plek] : ["--data", (plek as NSString).deletingLastPathComponent]
        }
    }

    /// A new database; for PostgreSQL without `VIP_TEST_POSTGRES` the running test is
    /// cancelled (a test that needs it carries `postgresNodig`, so this does not happen).
    static func nieuw(_ motor: String) throws -> Database {
        switch motor {
        case "postgres":
            guard let url = postgresURL else { try Test.cancel(Comment(rawValue: nietGedraaid)) }
            return Database(motor: motor, plek: schemaURL(url))
        default:
            return Database(motor: motor, plek: Repo.tempDir() + "/vip.sqlite")
        }
    }

    /// The URL with a fresh schema of its own.
    static func schemaURL(_ url: String) -> String {
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return url + (url.contains("?") ? "&" : "?") + "schema=\(schema)"
    }

    /// A fresh database of `motor`, opened (closed when the test process ends).
    static func maak(_ motor: String) async throws -> any Opslag {
        try await nieuw(motor).open()
    }

    /// Runs `werk` on a fresh database of `motor` and closes it afterwards.
    static func met(_ motor: String, _ werk: (any Opslag) async throws -> Void) async throws {
        let o = try await nieuw(motor).open()
        do {
            try await werk(o)
        } catch {
            try? await o.sluit()
            throw error
        }
        try await o.sluit()
    }
}
