import Foundation
import Testing
@testable import VIPServer

/// `--database postgres://…` read as libpq reads it; refusals in Dutch, never with the password.
@Suite struct PostgresAdresTests {
    @Test func volledigeURL() throws {
        let a = try PostgresAdres("postgres://vip:ge%40heim%2F1@db.school.nl:6543/cursus?sslmode=require&schema=najaar_2026")
        #expect(a.gebruiker == "vip")
        #expect(a.wachtwoord == "ge@heim/1")
        #expect(a.host == "db.school.nl")
        #expect(a.poort == 6543)
        #expect(a.database == "cursus")
        #expect(a.sslmode == "require")
        #expect(a.schema == "najaar_2026")
        #expect(a.socketMap == nil)
        #expect(!a.beschrijving.contains("heim"))
        #expect(a.beschrijving == "database cursus op db.school.nl:6543, schema najaar_2026")
    }

    @Test func standaardwaardenEnSocket() throws {
        let a = try PostgresAdres("postgresql://vip@/vip?host=/var/run/postgresql")
        #expect(a.poort == 5432)
        #expect(a.sslmode == "prefer")
        #expect(a.wachtwoord == nil)
        #expect(a.schema == nil)
        #expect(a.socketPad == "/var/run/postgresql/.s.PGSQL.5432")
        // Without a database name, libpq uses the user's name.
        #expect(try PostgresAdres("postgres://anna@localhost").database == "anna")
    }

    @Test func weigeringen() {
        for url in ["mysql://x@y/z", "postgres://vip:geheim@localhost/vip?sslmode=altijd",
                    "postgres://vip:geheim@localhost/vip?schema=a;DROP"] {
            do {
                _ = try PostgresAdres(url)
                Issue.record("\(url) aanvaard")
            } catch {
                #expect(!error.melding.contains("geheim"), "\(error.melding)")
            }
        }
    }
}
