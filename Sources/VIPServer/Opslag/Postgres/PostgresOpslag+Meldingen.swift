import Foundation
import Logging
import PostgresNIO

// MeldingOpslag
extension PostgresOpslag {
    /// A bundle another process sent first: the transaction is rolled back.
    struct AlVerstuurd: Error {}

    public func mailvoorkeuren(gebruiker: Int64) async throws -> Mailvoorkeuren {
        guard let row = try await rijen("SELECT mail_herinneringen, mail_meldingen FROM gebruikers WHERE id = \(gebruiker)")
            .first else { return Mailvoorkeuren() }
        let (h, m) = try row.decode((Int64, Int64).self)
        return Mailvoorkeuren(herinneringen: h != 0, meldingen: m != 0)
    }

    public func zetMailvoorkeuren(gebruiker: Int64, _ v: Mailvoorkeuren) async throws {
        try await voerUit("""
            UPDATE gebruikers SET mail_herinneringen = \(Int64(v.herinneringen ? 1 : 0)),
                mail_meldingen = \(Int64(v.meldingen ? 1 : 0)) WHERE id = \(gebruiker)
            """)
    }

    static func voegUitgaandToe(_ c: PostgresConnection, _ u: UitgaandeMail, tijd: Date, logger: Logger) async throws {
        _ = try await voegMailToe(c, u.mail, tijd: tijd, logger: logger)
        try await c.query("""
            INSERT INTO afmeldtokens (token_hash, gebruiker_id, soort, aangemaakt)
            VALUES (\(u.afmeldHash), \(u.gebruiker), \(u.afmeldsoort.rawValue), \(ms(tijd)))
            """, logger: logger)
    }

    public func schrijfHerinneringen(_ lijst: [NieuweHerinnering], tijd: Date) async throws -> [Int64] {
        guard !lijst.isEmpty else { return [] }
        let logger = logger
        return try await transactie { c in
            var geschreven: [Int64] = []
            for h in lijst {
                // A second process inserting the same key waits for the first one's commit, then
                // inserts nothing: only the first writes the mail.
                let nieuw = try await c.query("""
                    INSERT INTO herinneringen (cursus_id, nr, cursist_id, verstuurd)
                    VALUES (\(h.cursus), \(Int64(h.nr)), \(h.uit.gebruiker), \(Self.ms(tijd)))
                    ON CONFLICT (cursus_id, nr, cursist_id) DO NOTHING
                    RETURNING cursist_id
                    """, logger: logger).collect()
                guard !nieuw.isEmpty else { continue }
                try await Self.voegUitgaandToe(c, h.uit, tijd: tijd, logger: logger)
                geschreven.append(h.uit.gebruiker)
            }
            return geschreven
        }
    }

    public func herinneringen(cursus: Int64) async throws -> [VerstuurdeHerinnering] {
        try await rijen("""
            SELECT nr, cursist_id, verstuurd FROM herinneringen WHERE cursus_id = \(cursus) ORDER BY nr, cursist_id
            """).map {
            let (nr, cursist, tijd) = try $0.decode((Int64, Int64, Int64).self)
            return VerstuurdeHerinnering(nr: Int(nr), cursist: cursist, tijd: Self.datum(tijd))
        }
    }

    public func voegMeldingToe(aanvraag: Int64, soort: Melding.Soort, door: Int64, tekst: String, tijd: Date) async throws {
        try await voerUit("""
            INSERT INTO meldingen (aanvraag_id, soort, door_id, tekst, tijd)
            VALUES (\(aanvraag), \(soort.rawValue), \(door), \(tekst), \(Self.ms(tijd)))
            """)
    }

    static func voegMeldingToe(_ c: PostgresConnection, aanvraag: Int64, _ m: NieuweMelding, tijd: Date,
                               logger: Logger) async throws {
        try await c.query("""
            INSERT INTO meldingen (aanvraag_id, soort, door_id, tekst, tijd)
            VALUES (\(aanvraag), \(m.soort.rawValue), \(m.door), \(m.tekst), \(Self.ms(tijd)))
            """, logger: logger)
    }

    public func wachtendeMeldingen(aanvraag: Int64?, vorigeVoor: Date) async throws -> [Melding] {
        let grens = Self.ms(vorigeVoor)
        let rows: [PostgresRow]
        if let aanvraag {
            rows = try await rijen("""
                SELECT m.id, m.aanvraag_id, m.soort, m.door_id, m.tekst, m.tijd FROM meldingen m
                LEFT JOIN meldingmails l ON l.aanvraag_id = m.aanvraag_id
                WHERE m.verstuurd IS NULL AND (l.laatste IS NULL OR l.laatste <= \(grens)) AND m.aanvraag_id = \(aanvraag)
                ORDER BY m.aanvraag_id, m.id
                """)
        } else {
            rows = try await rijen("""
                SELECT m.id, m.aanvraag_id, m.soort, m.door_id, m.tekst, m.tijd FROM meldingen m
                LEFT JOIN meldingmails l ON l.aanvraag_id = m.aanvraag_id
                WHERE m.verstuurd IS NULL AND (l.laatste IS NULL OR l.laatste <= \(grens))
                ORDER BY m.aanvraag_id, m.id
                """)
        }
        return try rows.map {
            let (id, a, soort, door, tekst, tijd) = try $0.decode((Int64, Int64, String, Int64, String, Int64).self)
            return Melding(id: id, aanvraag: a, soort: Melding.Soort(rawValue: soort) ?? .opmerking, door: door, tekst: tekst,
                           tijd: Self.datum(tijd))
        }
    }

    public func schrijfMeldingmails(aanvraag: Int64, meldingen: [Int64], mails: [UitgaandeMail], vorigeVoor: Date,
                                    tijd: Date) async throws -> Bool {
        guard !meldingen.isEmpty else { return false }
        let logger = logger
        do {
            try await transactie { c in
                let t = Self.ms(tijd)
                var gemarkeerd = 0
                for id in meldingen {
                    gemarkeerd += try await c.query("""
                        UPDATE meldingen SET verstuurd = \(t)
                        WHERE id = \(id) AND aanvraag_id = \(aanvraag) AND verstuurd IS NULL RETURNING id
                        """, logger: logger).collect().count
                }
                guard gemarkeerd == meldingen.count else { throw AlVerstuurd() }
                let gezet = try await c.query("""
                    INSERT INTO meldingmails (aanvraag_id, laatste) VALUES (\(aanvraag), \(t))
                    ON CONFLICT (aanvraag_id) DO UPDATE SET laatste = excluded.laatste
                    WHERE meldingmails.laatste <= \(Self.ms(vorigeVoor))
                    RETURNING aanvraag_id
                    """, logger: logger).collect()
                guard gezet.count == 1 else { throw AlVerstuurd() }
                for u in mails { try await Self.voegUitgaandToe(c, u, tijd: tijd, logger: logger) }
            }
            return true
        } catch is AlVerstuurd {
            return false
        }
    }

    public func afmeldtoken(hash: String) async throws -> (gebruiker: Int64, soort: Afmeldsoort)? {
        guard let row = try await rijen("SELECT gebruiker_id, soort FROM afmeldtokens WHERE token_hash = \(hash)").first
        else { return nil }
        let (g, soort) = try row.decode((Int64, String).self)
        guard let s = Afmeldsoort(rawValue: soort) else { return nil }
        return (gebruiker: g, soort: s)
    }
}
