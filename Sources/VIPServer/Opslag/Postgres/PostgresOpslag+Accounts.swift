import Foundation
import Logging
import PostgresNIO
import VIPHash
import VIPKit

// AccountOpslag
extension PostgresOpslag {
    static let gebruikerKolommen = "id, email, naam, rol, cursus_id, wachtwoord_hash, geblokkeerd, laatst_ingelogd"

    static func gebruiker(_ row: PostgresRow) throws -> Gebruiker {
        let (id, email, naam, rol, cursus, hash, geblokkeerd, laatst) =
            try row.decode((Int64, String, String, String, Int64?, String, Int64, Int64?).self)
        return Gebruiker(id: id, email: email, naam: naam, rol: Rol(rawValue: rol) ?? .cursist, cursus: cursus,
                         wachtwoordHash: hash, geblokkeerd: geblokkeerd != 0, laatstIngelogd: laatst.map(Self.datum))
    }

    public func maakGebruiker(email: String, naam: String, rol: Rol, wachtwoordHash: String, cursus: Int64?,
                              tijd: Date) async throws -> Gebruiker {
        // Only the columns of schema 1: an older schema (a test, an import) makes accounts too.
        if try await een("SELECT 1 FROM gebruikers WHERE email = \(email)", Int.self) != nil { throw OpslagFout.emailBestaat }
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
            SELECT id, email, naam, rol, cursus_id, wachtwoord_hash, geblokkeerd, laatst_ingelogd FROM gebruikers
            WHERE email = \(email)
            """).first.map(Self.gebruiker)
    }

    public func gebruiker(id: Int64) async throws -> Gebruiker? {
        try await rijen("""
            SELECT id, email, naam, rol, cursus_id, wachtwoord_hash, geblokkeerd, laatst_ingelogd FROM gebruikers
            WHERE id = \(id)
            """).first.map(Self.gebruiker)
    }

    public func zetWachtwoord(gebruiker: Int64, hash: String) async throws {
        try await voerUit("UPDATE gebruikers SET wachtwoord_hash = \(hash) WHERE id = \(gebruiker)")
    }

    public func aantalGebruikers() async throws -> Int {
        try await een("SELECT COUNT(*) FROM gebruikers", Int.self) ?? 0
    }

    public func gebruikers() async throws -> [Gebruiker] {
        try await rijen("""
            SELECT id, email, naam, rol, cursus_id, wachtwoord_hash, geblokkeerd, laatst_ingelogd FROM gebruikers ORDER BY id
            """).map(Self.gebruiker)
    }

    public func nodigUit(email: String, naam: String, rol: Rol, tokenHash: String, verloopt: Date, mail: Mailbericht?,
                         tijd: Date) async throws -> Gebruiker {
        let logger = logger
        do {
            return try await transactie { c in
                guard try await c.query("SELECT 1 FROM gebruikers WHERE email = \(email)", logger: logger).collect().isEmpty
                else { throw OpslagFout.emailBestaat }
                let rows = try await c.query("""
                    INSERT INTO gebruikers (email, naam, rol, cursus_id, wachtwoord_hash, aangemaakt)
                    VALUES (\(email), \(naam), \(rol.rawValue), NULL, '', \(Self.ms(tijd))) RETURNING id
                    """, logger: logger).collect()
                guard let id = try rows.first?.decode(Int64.self) else { throw OpslagFout.nietGevonden }
                try await c.query("""
                    INSERT INTO tokens (token_hash, gebruiker_id, soort, verloopt)
                    VALUES (\(tokenHash), \(id), \(Tokensoort.instellen.rawValue), \(Self.ms(verloopt)))
                    """, logger: logger)
                if let mail { _ = try await Self.voegMailToe(c, mail, tijd: tijd, logger: logger) }
                return Gebruiker(id: id, email: email, naam: naam, rol: rol, cursus: nil, wachtwoordHash: "")
            }
        } catch where Self.isUniekFout(error) {
            throw OpslagFout.emailBestaat
        }
    }

    public func zetGeblokkeerd(gebruiker: Int64, _ geblokkeerd: Bool) async throws -> Gebruiker? {
        let logger = logger
        return try await transactie { c in
            try await c.query("UPDATE gebruikers SET geblokkeerd = \(geblokkeerd ? 1 : 0) WHERE id = \(gebruiker)",
                              logger: logger)
            if geblokkeerd { try await c.query("DELETE FROM sessies WHERE gebruiker_id = \(gebruiker)", logger: logger) }
            return try await c.query("""
                SELECT id, email, naam, rol, cursus_id, wachtwoord_hash, geblokkeerd, laatst_ingelogd FROM gebruikers
                WHERE id = \(gebruiker)
                """, logger: logger).collect().first.map(Self.gebruiker)
        }
    }

    public func zetLaatstIngelogd(gebruiker: Int64, tijd: Date) async throws {
        try await voerUit("UPDATE gebruikers SET laatst_ingelogd = \(Self.ms(tijd)) WHERE id = \(gebruiker)")
    }

    // MARK: One-time links

    public func maakToken(_ t: Eenmalig, mail: Mailbericht?, tijd: Date) async throws {
        let logger = logger
        try await transactie { c in
            try await c.query("""
                INSERT INTO tokens (token_hash, gebruiker_id, soort, verloopt)
                VALUES (\(t.tokenHash), \(t.gebruiker), \(t.soort.rawValue), \(Self.ms(t.verloopt)))
                """, logger: logger)
            if let mail { _ = try await Self.voegMailToe(c, mail, tijd: tijd, logger: logger) }
        }
    }

    public func token(hash: String, nu: Date) async throws -> Eenmalig? {
        guard let row = try await rijen("""
            SELECT token_hash, gebruiker_id, soort, verloopt FROM tokens
            WHERE token_hash = \(hash) AND gebruikt IS NULL AND verloopt > \(Self.ms(nu))
            """).first else { return nil }
        let (h, g, soort, verloopt) = try row.decode((String, Int64, String, Int64).self)
        return Tokensoort(rawValue: soort).map { Eenmalig(tokenHash: h, gebruiker: g, soort: $0, verloopt: Self.datum(verloopt)) }
    }

    /// The UPDATE … RETURNING claims the token: of two requests with one token, only one gets a row.
    public func gebruikToken(hash: String, nu: Date, wachtwoordHash: String) async throws -> Int64? {
        let logger = logger
        let t = Self.ms(nu)
        return try await transactie { c in
            guard let gebruiker = try await c.query("""
                UPDATE tokens SET gebruikt = \(t) WHERE token_hash = \(hash) AND gebruikt IS NULL AND verloopt > \(t)
                RETURNING gebruiker_id
                """, logger: logger).collect().first?.decode(Int64.self) else { return nil }
            try await c.query("UPDATE gebruikers SET wachtwoord_hash = \(wachtwoordHash) WHERE id = \(gebruiker)",
                              logger: logger)
            try await c.query("DELETE FROM sessies WHERE gebruiker_id = \(gebruiker)", logger: logger)
            try await c.query("DELETE FROM tokens WHERE verloopt < \(t - 30 * 24 * 3600 * 1000)", logger: logger)
            return gebruiker
        }
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
            SELECT g.id, g.email, g.naam, g.rol, g.cursus_id, g.wachtwoord_hash, s.token_hash, s.csrf, s.verloopt,
                   g.laatst_ingelogd
            FROM sessies s JOIN gebruikers g ON g.id = s.gebruiker_id
            WHERE s.token_hash = \(tokenHash) AND s.verloopt > \(Self.ms(nu)) AND g.geblokkeerd = 0
            """).first else { return nil }
        let (id, email, naam, rol, cursus, hash, token, csrf, verloopt, laatst) =
            try row.decode((Int64, String, String, String, Int64?, String, String, String, Int64, Int64?).self)
        let g = Gebruiker(id: id, email: email, naam: naam, rol: Rol(rawValue: rol) ?? .cursist, cursus: cursus,
                          wachtwoordHash: hash, laatstIngelogd: laatst.map(Self.datum))
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

    // MARK: Failed attempts

    /// One transaction holding an advisory lock per key (taken in a fixed order): concurrent
    /// attempts on one key, from any process, count and insert one after the other.
    public func probeerPoging(_ grenzen: [Pogingsgrens], tijd: Date) async throws -> Pogingsuitkomst {
        let nu = Self.ms(tijd)
        let logger = logger
        return try await transactie { c in
            for sleutel in Set(grenzen.map(\.sleutel)).sorted() {
                try await c.query("SELECT pg_advisory_xact_lock(\(Self.pogingSleutel(sleutel)))", logger: logger)
            }
            var vrij: Int64?
            for g in grenzen {
                let sinds = nu - Int64(g.venster * 1000)
                // Keep the table small: what no limit counts any more goes.
                try await c.query("DELETE FROM pogingen WHERE sleutel = \(g.sleutel) AND tijd < \(nu - 24 * 3600 * 1000)",
                                  logger: logger)
                let tijden = try await c.query("""
                    SELECT tijd FROM pogingen WHERE sleutel = \(g.sleutel) AND tijd > \(sinds) ORDER BY tijd
                    """, logger: logger).collect().map { try $0.decode(Int64.self) }
                if tijden.count >= g.limiet {
                    let t = tijden[tijden.count - g.limiet] + Int64(g.venster * 1000)
                    vrij = max(vrij ?? t, t)
                }
            }
            if let vrij { return .geweigerd(vrij: Self.datum(vrij)) }
            var ids: [Int64] = []
            for g in grenzen {
                let rows = try await c.query("INSERT INTO pogingen (sleutel, tijd) VALUES (\(g.sleutel), \(nu)) RETURNING id",
                                             logger: logger).collect()
                if let id = try rows.first?.decode(Int64.self) { ids.append(id) }
            }
            return .toegestaan(ids: ids)
        }
    }

    /// The advisory-lock key of one attempt key (distinct from the migration lock's keys).
    static func pogingSleutel(_ sleutel: String) -> Int64 {
        Int64(bitPattern: FNV1a64.hash(Array("vip-pogingen:\(sleutel)".utf8)))
    }

    public func vergeefPogingen(ids: [Int64]) async throws {
        for id in ids { try await voerUit("DELETE FROM pogingen WHERE id = \(id)") }
    }

    public func wisPogingen(sleutel: String) async throws {
        try await voerUit("DELETE FROM pogingen WHERE sleutel = \(sleutel)")
    }
}
