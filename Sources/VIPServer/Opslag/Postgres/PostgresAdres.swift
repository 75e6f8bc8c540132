import Foundation
import PostgresNIO

/// A `postgres://` URL taken apart, as libpq reads it:
/// `postgres://GEBRUIKER:WACHTWOORD@HOST:POORT/DATABASE?sslmode=…&schema=…`.
///
/// - `sslmode`: `disable`; `prefer` (the default: TLS when the server offers it, without a
///   certificate check, as libpq does); `require` (TLS, no certificate check); `verify-ca`
///   (certificate, not the host name); `verify-full` (certificate and host name).
/// - `host=/map` instead of a host name: the Unix socket in that folder (as libpq).
/// - `schema`: the PostgreSQL schema that holds vip's tables (default `public`), created
///   when missing; several installations (or test runs) can share one database this way.
public struct PostgresAdres: Sendable, Equatable {
    public var host: String
    public var poort: Int
    public var socketMap: String?
    public var gebruiker: String
    public var wachtwoord: String?
    public var database: String
    public var sslmode: String
    public var schema: String?

    public static func isPostgres(_ url: String) -> Bool {
        url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")
    }

    public init(_ url: String) throws(PostgresFout) {
        guard Self.isPostgres(url), let c = URLComponents(string: url) else {
            throw PostgresFout("\(ServerConfiguratie.verberg(url)) is geen geldige PostgreSQL-URL; gebruik "
                + "postgres://gebruiker:wachtwoord@host:poort/database.")
        }
        let opties = Dictionary((c.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        host = c.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        poort = c.port ?? 5432
        if let h = opties["host"], h.hasPrefix("/") { socketMap = h }
        gebruiker = c.user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        wachtwoord = c.password
        let pad = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        database = pad.isEmpty ? gebruiker : pad
        sslmode = opties["sslmode"] ?? "prefer"
        guard ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(sslmode) else {
            throw PostgresFout("Onbekende sslmode \(sslmode) in de database-URL; kies disable, prefer, require, verify-ca "
                + "of verify-full.")
        }
        schema = opties["schema"].flatMap { $0.isEmpty ? nil : $0 }
        if let schema, !schema.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
            throw PostgresFout("De schemanaam \(schema) mag alleen letters, cijfers en _ bevatten.")
        }
    }

    /// Where, for messages (never the password).
    public var beschrijving: String {
        let waar = socketMap.map { "\($0) (poort \(poort))" } ?? "\(host):\(poort)"
        return "database \(database) op \(waar)" + (schema.map { ", schema \($0)" } ?? "")
    }

    var tlsConfiguratie: TLSConfiguration? {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch sslmode {
        case "disable": return nil
        case "verify-full": tls.certificateVerification = .fullVerification
        case "verify-ca": tls.certificateVerification = .noHostnameVerification
        default: tls.certificateVerification = .none
        }
        return tls
    }

    /// Settings sent at connection start: commits wait for the WAL to reach the disk (the
    /// promise of an answered PUT, whatever the server's default), and vip's schema.
    var startParameters: [(String, String)] {
        [("synchronous_commit", "on")] + (schema.map { [("search_path", $0)] } ?? [])
    }

    var socketPad: String? { socketMap.map { ($0 as NSString).appendingPathComponent(".s.PGSQL.\(poort)") } }

    func clientConfiguratie() -> PostgresClient.Configuration {
        var c: PostgresClient.Configuration
        if let socketPad {
            c = .init(unixSocketPath: socketPad, username: gebruiker, password: wachtwoord, database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS = switch (sslmode, tlsConfiguratie) {
            case (_, nil): .disable
            case ("require", let t?), ("verify-ca", let t?), ("verify-full", let t?): .require(t)
            case (_, let t?): .prefer(t)
            }
            c = .init(host: host, port: poort, username: gebruiker, password: wachtwoord, database: database, tls: tls)
        }
        c.options.additionalStartupParameters = startParameters
        return c
    }

    func verbindingConfiguratie() throws -> PostgresConnection.Configuration {
        var c: PostgresConnection.Configuration
        if let socketPad {
            c = .init(unixSocketPath: socketPad, username: gebruiker, password: wachtwoord, database: database)
        } else {
            var tls = PostgresConnection.Configuration.TLS.disable
            if let t = tlsConfiguratie {
                let context = try NIOSSLContext(configuration: t)
                tls = ["require", "verify-ca", "verify-full"].contains(sslmode) ? .require(context) : .prefer(context)
            }
            c = .init(host: host, port: poort, username: gebruiker, password: wachtwoord, database: database, tls: tls)
        }
        c.options.additionalStartupParameters = startParameters
        return c
    }
}

/// Why PostgreSQL cannot be used, in Dutch.
public struct PostgresFout: Error, CustomStringConvertible, Sendable {
    public var melding: String
    public init(_ melding: String) { self.melding = melding }
    public var description: String { melding }
}
