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
    /// How long a request waits for a PostgreSQL connection before it is told the database does
    /// not answer. The tests wait longer: on a loaded two-core machine the pool may not run for 10 s.
    public var databaseWachttijd: Duration = .seconds(10)
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

    /// `--extern-url`: the address users reach (through the proxy). Every link in a mail starts
    /// with it; with `https` the session cookie is `__Host-vip_sessie` with `Secure`.
    public var externURL: String?
    /// How mail leaves: `--smtp` or `--sendmail`; nil: mail is off, and every page that would
    /// mail says so.
    public var mail: Mailweg?
    /// `--afzender "Naam <adres>"`: the From of every mail.
    public var afzender: Mailadres?
    /// `--log tekst|json`: one line per request on standard error.
    public var log: Logformaat = .tekst
    /// `--metrics-token`: `/metrics` answers a request with `Authorization: Bearer <token>` from
    /// anywhere; without it only loopback is answered.
    public var metricsToken: String?
    /// How often the outbox worker looks for due mail when nothing woke it (tests: shorter).
    public var postbodeInterval: Duration = .seconds(2)
    /// `--herinnering-dagen`: reminders of a bijeenkomst go out from this many days before its
    /// date up to and including that date.
    public var herinneringDagen = 3
    /// How often the server looks for due notifications (and, at most every 10 minutes, for due
    /// reminders) when nothing else prompts it.
    public var herinneraarInterval: Duration = .seconds(60)

    public init() {}

    /// Where mail's links point: `--extern-url`, else this server's own address.
    public var basisURL: String {
        var u = externURL ?? "http://\(adres):\(poort)"
        while u.hasSuffix("/") { u.removeLast() }
        return u
    }

    /// `https` extern-url: the browser reaches the server only through TLS.
    public var isHTTPS: Bool { externURL?.lowercased().hasPrefix("https://") == true }

    public var mailAan: Bool { mail != nil }

    /// Checks the options of running for real: an extern-url that is an http(s) address, and mail
    /// with a sender and an extern-url (a mail's links must reach the server).
    public func controleer() throws(StartFout) {
        if let u = externURL {
            guard let c = URLComponents(string: u), let schema = c.scheme?.lowercased(), ["http", "https"].contains(schema),
                  c.host?.isEmpty == false, c.query == nil, c.fragment == nil, c.path.isEmpty || c.path == "/" else {
                throw StartFout("--extern-url \(u) is geen geldig adres: gebruik bijvoorbeeld https://vip.voorbeeld.nl "
                    + "(zonder pad).")
            }
        }
        if mail != nil {
            guard afzender != nil else {
                throw StartFout("Met --smtp of --sendmail hoort --afzender \"Naam <adres>\": het adres waar de mail vandaan komt.")
            }
            guard externURL != nil else {
                throw StartFout("Met --smtp of --sendmail hoort --extern-url: de links in een mail moeten naar het adres "
                    + "wijzen waarop gebruikers de server bereiken (bijvoorbeeld https://vip.voorbeeld.nl).")
            }
        }
    }

    public var databasePad: String { (data as NSString).appendingPathComponent("vip.sqlite") }
}

/// How mail leaves the server.
public enum Mailweg: Sendable, Equatable {
    case smtp(SMTPInstelling)
    /// A sendmail-compatible program (`-t -i`, the message on standard input).
    case sendmail(String)

    public var beschrijving: String {
        switch self {
        case .smtp(let s): return s.beschrijving
        case .sendmail(let pad): return "sendmail (\(pad))"
        }
    }
}

public enum Logformaat: String, Sendable, CaseIterable { case tekst, json }

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
                return try await PostgresOpslag.open(url, migraties: Array(PostgresOpslag.migraties.prefix(schemaVersie)),
                                                     wachttijd: databaseWachttijd)
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
