import Foundation
import Logging
import PostgresNIO
import VIPHash

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
    let dienst: Task<Void, Never>
    let logger: Logger
    public let adres: PostgresAdres

    /// PostgreSQL's side of the numbered migrations.
    public static var migraties: [String] { Migraties.alle.map(\.postgres) }

    private init(client: PostgresClient, adres: PostgresAdres, logger: Logger) {
        self.client = client
        self.adres = adres
        self.logger = logger
        dienst = Task { await client.run() }
    }

    /// Connects, migrates forward (never back: an older vip refuses a newer database) and
    /// starts the pool. A database that cannot be reached fails here, with a Dutch message.
    public static func open(_ url: String, migraties: [String] = PostgresOpslag.migraties,
                            maximumVerbindingen: Int = 20) async throws -> PostgresOpslag {
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
                              adres: adres, logger: logger)
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

    /// A stable 64-bit key (FNV-1a) for the migration lock of one schema.
    static func slotSleutel(_ schema: String) -> Int64 {
        Int64(bitPattern: FNV1a64.hash("vip-migraties:\(schema)".utf8))
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
        dienst.cancel()
        await dienst.value
    }

    public func schemaVersie() async throws -> Int {
        try await een("SELECT COALESCE(MAX(versie), 0) FROM vip_schema", Int.self) ?? 0
    }

    // MARK: Queries

    /// How long a request waits for a connection before it gives up (the database is down or
    /// every connection is busy); without a limit a request would wait for ever.
    var wachttijd: Duration { .seconds(10) }

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

    // MARK: Accounts

    static func gebruiker(_ row: PostgresRow) throws -> Gebruiker {
        let (id, email, naam, rol, cursus, hash) = try row.decode((Int64, String, String, String, Int64?, String).self)
        return Gebruiker(id: id, email: email, naam: naam, rol: Rol(rawValue: rol) ?? .cursist, cursus: cursus,
                         wachtwoordHash: hash)
    }

    public func maakGebruiker(email: String, naam: String, rol: Rol, wachtwoordHash: String, cursus: Int64?,
                              tijd: Date) async throws -> Gebruiker {
        if try await gebruiker(email: email) != nil { throw OpslagFout.emailBestaat }
        do {
            guard let id = try await een("""
                INSERT INTO gebruikers (email, naam, rol, cursus_id, wachtwoord_hash, aangemaakt)
                VALUES (\(email), \(naam), \(rol.rawValue), \(cursus), \(wachtwoordHash), \(Self.ms(tijd))) RETURNING id
                """, Int64.self) else { throw OpslagFout.nietGevonden }
            return Gebruiker(id: id, email: email, naam: naam, rol: rol, cursus: cursus, wachtwoordHash: wachtwoordHash)
        } catch where Self.isUniekFout(error) {
            // Another process made the same account between the check and the insert.
            throw OpslagFout.emailBestaat
        }
    }

    public func gebruiker(email: String) async throws -> Gebruiker? {
        try await rijen("""
            SELECT id, email, naam, rol, cursus_id, wachtwoord_hash FROM gebruikers WHERE email = \(email)
            """).first.map(Self.gebruiker)
    }

    public func gebruiker(id: Int64) async throws -> Gebruiker? {
        try await rijen("""
            SELECT id, email, naam, rol, cursus_id, wachtwoord_hash FROM gebruikers WHERE id = \(id)
            """).first.map(Self.gebruiker)
    }

    public func zetWachtwoord(gebruiker: Int64, hash: String) async throws {
        try await voerUit("UPDATE gebruikers SET wachtwoord_hash = \(hash) WHERE id = \(gebruiker)")
    }

    public func aantalGebruikers() async throws -> Int {
        try await een("SELECT COUNT(*) FROM gebruikers", Int.self) ?? 0
    }

    // MARK: Sessions

    public func maakSessie(_ s: Sessie) async throws {
        try await voerUit("""
            INSERT INTO sessies (token_hash, gebruiker_id, csrf, verloopt)
            VALUES (\(s.tokenHash), \(s.gebruiker), \(s.csrf), \(Self.ms(s.verloopt)))
            """)
    }

    public func sessie(tokenHash: String, nu: Date) async throws -> (Sessie, Gebruiker)? {
        guard let row = try await rijen("""
            SELECT g.id, g.email, g.naam, g.rol, g.cursus_id, g.wachtwoord_hash, s.token_hash, s.csrf, s.verloopt
            FROM sessies s JOIN gebruikers g ON g.id = s.gebruiker_id
            WHERE s.token_hash = \(tokenHash) AND s.verloopt > \(Self.ms(nu))
            """).first else { return nil }
        let (id, email, naam, rol, cursus, hash, token, csrf, verloopt) =
            try row.decode((Int64, String, String, String, Int64?, String, String, String, Int64).self)
        let g = Gebruiker(id: id, email: email, naam: naam, rol: Rol(rawValue: rol) ?? .cursist, cursus: cursus,
                          wachtwoordHash: hash)
        return (Sessie(tokenHash: token, gebruiker: id, csrf: csrf, verloopt: Self.datum(verloopt)), g)
    }

    public func ruimSessiesOp(nu: Date) async throws {
        try await voerUit("DELETE FROM sessies WHERE verloopt <= \(Self.ms(nu))")
    }

    public func beeindigSessie(tokenHash: String) async throws {
        try await voerUit("DELETE FROM sessies WHERE token_hash = \(tokenHash)")
    }

    public func beeindigSessies(gebruiker: Int64, behalve tokenHash: String?) async throws {
        try await voerUit("""
            DELETE FROM sessies WHERE gebruiker_id = \(gebruiker) AND token_hash <> \(tokenHash ?? "")
            """)
    }

    // MARK: Failed logins

    public func registreerMislukteLogin(email: String, tijd: Date) async throws {
        let t = Self.ms(tijd)
        try await transactie { c in
            try await c.query("INSERT INTO mislukte_logins (email, tijd) VALUES (\(email), \(t))", logger: self.logger)
            // Old failures no longer count; keep the table small.
            try await c.query("DELETE FROM mislukte_logins WHERE email = \(email) AND tijd < \(t - 24 * 3600 * 1000)",
                              logger: self.logger)
        }
    }

    public func mislukteLogins(email: String, sinds: Date) async throws -> [Date] {
        try await rijen("""
            SELECT tijd FROM mislukte_logins WHERE email = \(email) AND tijd >= \(Self.ms(sinds)) ORDER BY tijd
            """).map { Self.datum(try $0.decode(Int64.self)) }
    }

    public func wisMislukteLogins(email: String) async throws {
        try await voerUit("DELETE FROM mislukte_logins WHERE email = \(email)")
    }

    // MARK: Cursussen

    public func maakCursus(naam: String, docent: Int64, bijeenkomsten: [String], uitnodigingscode: String,
                           tijd: Date) async throws -> Cursus {
        let logger = logger
        let id = try await transactie { c in
            let rows = try await c.query("""
                INSERT INTO cursussen (naam, docent_id, uitnodigingscode, aangemaakt)
                VALUES (\(naam), \(docent), \(uitnodigingscode), \(Self.ms(tijd))) RETURNING id
                """, logger: logger).collect()
            guard let id = try rows.first?.decode(Int64.self) else { throw OpslagFout.nietGevonden }
            for (i, datum) in bijeenkomsten.enumerated() {
                try await c.query("INSERT INTO bijeenkomsten (cursus_id, nr, datum) VALUES (\(id), \(i + 1), \(datum))",
                                  logger: logger)
            }
            return id
        }
        return Cursus(id: id, naam: naam, docent: docent, uitnodigingscode: uitnodigingscode, bijeenkomsten: bijeenkomsten)
    }

    func cursus(_ row: PostgresRow?) async throws -> Cursus? {
        guard let row else { return nil }
        let (id, naam, docent, code) = try row.decode((Int64, String, Int64, String).self)
        let data = try await rijen("SELECT datum FROM bijeenkomsten WHERE cursus_id = \(id) ORDER BY nr")
            .map { try $0.decode(String.self) }
        return Cursus(id: id, naam: naam, docent: docent, uitnodigingscode: code, bijeenkomsten: data)
    }

    public func cursus(id: Int64) async throws -> Cursus? {
        try await cursus(rijen("SELECT id, naam, docent_id, uitnodigingscode FROM cursussen WHERE id = \(id)").first)
    }

    public func cursus(uitnodigingscode: String) async throws -> Cursus? {
        try await cursus(rijen("""
            SELECT id, naam, docent_id, uitnodigingscode FROM cursussen WHERE uitnodigingscode = \(uitnodigingscode)
            """).first)
    }

    // MARK: Aanvragen

    static let aanvraagSelect = """
        SELECT a.id, a.eigenaar_id, g.naam AS eigenaar_naam, g.cursus_id, a.versie,
               v.titel, v.af, v.fouten, v.waarschuwingen, v.gewijzigd, v.onderdelen
        FROM aanvragen a
        JOIN gebruikers g ON g.id = a.eigenaar_id
        JOIN versies v ON v.aanvraag_id = a.id AND v.versie = a.versie
        """

    static func aanvraag(_ row: PostgresRow) throws -> AanvraagRij {
        let (id, eigenaar, naam, cursus, versie, titel, af, fouten, waarschuwingen, gewijzigd, onderdelen) =
            try row.decode((Int64, Int64, String, Int64?, Int, String?, Int64, Int, Int, Int64, String?).self)
        return AanvraagRij(id: id, eigenaar: eigenaar, eigenaarNaam: naam, cursus: cursus, versie: versie,
                           afgeleid: Afgeleid(titel: titel, af: af != 0, fouten: fouten, waarschuwingen: waarschuwingen,
                                              onderdelen: onderdelen.flatMap(Telling.decodeer)),
                           gewijzigd: datum(gewijzigd))
    }

    static func voegVersieIn(_ c: PostgresConnection, aanvraag: Int64, versie: Int, tekst: [UInt8], afgeleid a: Afgeleid,
                             tijd: Date, logger: Logger) async throws {
        try await c.query("""
            INSERT INTO versies (aanvraag_id, versie, tekst, titel, af, fouten, waarschuwingen, gewijzigd, onderdelen,
                                 ingevuld)
            VALUES (\(aanvraag), \(versie), \(ByteBuffer(bytes: tekst)), \(a.titel), \(Int64(a.af ? 1 : 0)), \(a.fouten),
                    \(a.waarschuwingen), \(ms(tijd)), \(a.onderdelen.map(Telling.codeer)),
                    \(a.ingevuld.map(Afgeleid.codeerIngevuld)))
            """, logger: logger)
    }

    public func maakAanvraag(eigenaar: Int64, tekst: [UInt8], afgeleid: Afgeleid, tijd: Date) async throws -> AanvraagRij {
        let logger = logger
        let id = try await transactie { c in
            let rows = try await c.query("""
                INSERT INTO aanvragen (eigenaar_id, versie, aangemaakt) VALUES (\(eigenaar), 1, \(Self.ms(tijd))) RETURNING id
                """, logger: logger).collect()
            guard let id = try rows.first?.decode(Int64.self) else { throw OpslagFout.nietGevonden }
            try await Self.voegVersieIn(c, aanvraag: id, versie: 1, tekst: tekst, afgeleid: afgeleid, tijd: tijd,
                                        logger: logger)
            return id
        }
        guard let rij = try await aanvraag(id: id) else { throw OpslagFout.nietGevonden }
        return rij
    }

    public func aanvraag(id: Int64) async throws -> AanvraagRij? {
        try await rijen(PostgresQuery(unsafeSQL: Self.aanvraagSelect + " WHERE a.id = $1", binds: Self.binds(id)))
            .first.map(Self.aanvraag)
    }

    public func aanvragen(eigenaar: Int64) async throws -> [AanvraagRij] {
        try await rijen(PostgresQuery(unsafeSQL: Self.aanvraagSelect + " WHERE a.eigenaar_id = $1 ORDER BY a.id",
                                      binds: Self.binds(eigenaar))).map(Self.aanvraag)
    }

    public func aanvragen(docent: Int64) async throws -> [AanvraagRij] {
        try await rijen(PostgresQuery(unsafeSQL: Self.aanvraagSelect
                                      + " JOIN cursussen c ON c.id = g.cursus_id WHERE c.docent_id = $1 ORDER BY a.id",
                                      binds: Self.binds(docent))).map(Self.aanvraag)
    }

    static func binds(_ waarden: Int64...) -> PostgresBindings {
        var b = PostgresBindings()
        for w in waarden { b.append(w) }
        return b
    }

    public func voegVersieToe(aanvraag: Int64, verwacht: Int, tekst: [UInt8], afgeleid: Afgeleid,
                              tijd: Date) async throws -> Int {
        let logger = logger
        return try await transactie { c in
            // The conditional update is the lock. Under READ COMMITTED a second writer on the
            // same row waits for the first to commit, then evaluates `versie = verwacht` again
            // against the new row and changes nothing: of two writers on one version only one
            // wins. The primary key (aanvraag_id, versie) of versies stands behind it.
            let gewijzigd = try await c.query("""
                UPDATE aanvragen SET versie = versie + 1 WHERE id = \(aanvraag) AND versie = \(verwacht) RETURNING versie
                """, logger: logger).collect()
            guard gewijzigd.count == 1 else {
                let huidig = try await c.query("SELECT versie FROM aanvragen WHERE id = \(aanvraag)", logger: logger)
                    .collect()
                guard let versie = try huidig.first?.decode(Int.self) else { throw OpslagFout.nietGevonden }
                throw OpslagFout.verouderd(huidige: versie)
            }
            try await Self.voegVersieIn(c, aanvraag: aanvraag, versie: verwacht + 1, tekst: tekst, afgeleid: afgeleid,
                                        tijd: tijd, logger: logger)
            return verwacht + 1
        }
    }

    public func versies(aanvraag: Int64) async throws -> [VersieInfo] {
        try await rijen("""
            SELECT versie, titel, af, fouten, waarschuwingen, gewijzigd FROM versies
            WHERE aanvraag_id = \(aanvraag) ORDER BY versie
            """).map {
            let (versie, titel, af, fouten, waarschuwingen, gewijzigd) =
                try $0.decode((Int, String?, Int64, Int, Int, Int64).self)
            return VersieInfo(versie: versie, gewijzigd: Self.datum(gewijzigd),
                              afgeleid: Afgeleid(titel: titel, af: af != 0, fouten: fouten, waarschuwingen: waarschuwingen))
        }
    }

    public func tekst(aanvraag: Int64, versie: Int) async throws -> [UInt8]? {
        try await een("SELECT tekst FROM versies WHERE aanvraag_id = \(aanvraag) AND versie = \(versie)", ByteBuffer.self)
            .map { Array($0.readableBytesView) }
    }

    public func bewaarOnderdelen(aanvraag: Int64, versie: Int, onderdelen: String) async throws {
        try await voerUit("""
            UPDATE versies SET onderdelen = \(onderdelen)
            WHERE aanvraag_id = \(aanvraag) AND versie = \(versie) AND onderdelen IS NULL
            """)
    }

    public func ingevuld(aanvraag: Int64, versie: Int) async throws -> String? {
        // A NULL column and a missing version both read as nil.
        try await rijen("SELECT ingevuld FROM versies WHERE aanvraag_id = \(aanvraag) AND versie = \(versie)")
            .first.flatMap { try $0.decode(String?.self) }
    }

    public func bewaarIngevuld(aanvraag: Int64, versie: Int, ingevuld: String) async throws {
        try await voerUit("""
            UPDATE versies SET ingevuld = \(ingevuld)
            WHERE aanvraag_id = \(aanvraag) AND versie = \(versie) AND ingevuld IS NULL
            """)
    }
}

extension PostgresOpslag: OverdraagbareOpslag {
    public func rijen(_ tabel: Tabel) async throws -> [[Waarde]] {
        let kolommen = tabel.kolommen.map(\.naam).joined(separator: ", ")
        return try await rijen(PostgresQuery(unsafeSQL: "SELECT \(kolommen) FROM \(tabel.naam) ORDER BY \(tabel.volgorde)"))
            .map { row in
                try zip(row, tabel.kolommen).map { cel, kolom -> Waarde in
                    guard cel.bytes != nil else { return .null }
                    switch kolom.soort {
                    case .geheel: return .geheel(try cel.decode(Int64.self))
                    case .tekst: return .tekst(try cel.decode(String.self))
                    case .bytes: return .bytes(Array(try cel.decode(ByteBuffer.self).readableBytesView))
                    }
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

    public func vulLeeg(_ inhoud: [(Tabel, [[Waarde]])]) async throws {
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
            // A dump of an older schema has no rows for tables that came later (nor the tables).
            for (tabel, rijen) in inhoud where !rijen.isEmpty {
                let sql = "INSERT INTO \(tabel.naam) (\(tabel.kolommen.map(\.naam).joined(separator: ", "))) VALUES ("
                    + (1...tabel.kolommen.count).map { "$\($0)" }.joined(separator: ", ") + ")"
                for rij in rijen {
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
                }
                // Identity counters go on after the highest imported id.
                if tabel.heeftId {
                    try await c.query(PostgresQuery(unsafeSQL: """
                        SELECT setval(pg_get_serial_sequence('\(tabel.naam)', 'id'), COALESCE(MAX(id), 0) + 1, false)
                        FROM \(tabel.naam)
                        """), logger: logger)
                }
            }
        }
    }
}

/// A flag one task sets and another reads.
final class Vlag: @unchecked Sendable {
    private let lock = NSLock()
    private var gezet = false
    func zet() { lock.withLock { gezet = true } }
    var staat: Bool { lock.withLock { gezet } }
}
