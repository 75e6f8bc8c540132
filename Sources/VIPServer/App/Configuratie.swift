import Foundation
import Logging

/// Options of `vip server` (spec: "Starting it").
public struct ServerConfiguratie: Sendable {
    public var adres = "127.0.0.1"
    public var poort = 8080
    /// Folder with `vip.sqlite`.
    public var data = "vip-data"
    /// `postgres://…`: PostgreSQL instead of SQLite in `data`.
    public var database: String?
    public var demo = false
    /// bcrypt cost: at least 10 in production; tests may set 4.
    public var bcryptKosten: UInt8 = 11
    /// How long a session lasts without being ended.
    public var sessieDuur: TimeInterval = 14 * 24 * 3600
    public var logNiveau: Logger.Level = .notice
    /// The clock; tests move it to test the login limit.
    public var klok: @Sendable () -> Date = { Date() }
    /// Folder with `Samples/` for `--demo`; nil: look beside the working folder and the executable.
    public var voorbeelden: String?

    /// `--proxy`: trust the proxy on loopback for `X-Forwarded-For` (the last address).
    public var proxy = false
    /// Files per version, aanvragen per cursist, the quotum (`--quotum-mib`).
    public var grenzen = Grenzen()
    /// Connection time limits (headers 30 s, a stalled body 30 s, idle keep-alive 75 s).
    public var tijdslimieten = Tijdslimieten()

    public init() {}

    public var databasePad: String { (data as NSString).appendingPathComponent("vip.sqlite") }
}

/// Why the server cannot start, in Dutch; `vip server` prints it and exits 2.
public struct StartFout: Error, CustomStringConvertible, Sendable {
    public var melding: String
    public init(_ melding: String) { self.melding = melding }
    public var description: String { melding }
}

extension ServerConfiguratie {
    /// Opens the storage the configuration names: PostgreSQL for `database`, otherwise SQLite in
    /// `data`, creating the folder. Both are migrated forward, to `schemaVersie` (an import
    /// creates the schema of its dump first).
    public func openOpslag(schemaVersie: Int = Migraties.bekendeVersie) async throws(StartFout) -> any Opslag {
        if let url = database {
            guard PostgresAdres.isPostgres(url) else {
                throw StartFout("Onbekende database \(Self.verberg(url)): gebruik postgres://… of laat --database weg voor SQLite.")
            }
            do {
                return try await PostgresOpslag.open(url, migraties: Array(PostgresOpslag.migraties.prefix(schemaVersie)))
            } catch let fout as PostgresFout {
                throw StartFout(fout.melding)
            } catch OpslagFout.nieuwereDatabase(let melding) {
                throw StartFout(melding)
            } catch {
                throw StartFout("De database \(Self.verberg(url)) kan niet worden geopend: \(error)")
            }
        }
        do {
            // Only the account that runs the server reads the database (it holds password hashes).
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw StartFout("De datamap \(data) kan niet worden gemaakt (schrijfrechten? schijf vol?).")
        }
        do {
            return try SQLiteOpslag(pad: databasePad, migraties: Array(SQLiteOpslag.migraties.prefix(schemaVersie)))
        } catch OpslagFout.nieuwereDatabase(let melding) {
            throw StartFout(melding)
        } catch {
            throw StartFout("De database \(databasePad) kan niet worden geopend: \(error)")
        }
    }

    /// A database URL without its password, for messages.
    static func verberg(_ url: String) -> String {
        guard let at = url.firstIndex(of: "@"), let schema = url.range(of: "://") else { return url }
        return String(url[..<schema.upperBound]) + "…" + String(url[at...])
    }
}
