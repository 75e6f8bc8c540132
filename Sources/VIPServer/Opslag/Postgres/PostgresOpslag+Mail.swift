import Foundation
import Logging
import PostgresNIO

// MailOpslag
extension PostgresOpslag {
    /// Inserts a waiting mail, due at once; inside the caller's transaction.
    static func voegMailToe(_ c: PostgresConnection, _ m: Mailbericht, tijd: Date, logger: Logger) async throws -> Int64 {
        let t = ms(tijd)
        let rows = try await c.query("""
            INSERT INTO postvak_uit (soort, aan, aan_naam, onderwerp, tekst, html, koppen, message_id, status, aangemaakt,
                                     volgende_poging, pogingen)
            VALUES (\(m.soort), \(m.aan.adres), \(m.aan.naam), \(m.onderwerp), \(m.tekst), \(m.html), \(m.koppenTekst),
                    \(m.messageID), 'wachtend', \(t), \(t), 0)
            RETURNING id
            """, logger: logger).collect()
        return try rows.first?.decode(Int64.self) ?? 0
    }

    public func zetInPostbus(_ mails: [Mailbericht], tijd: Date) async throws -> [Int64] {
        guard !mails.isEmpty else { return [] }
        let logger = logger
        return try await transactie { c in
            var ids: [Int64] = []
            for m in mails { ids.append(try await Self.voegMailToe(c, m, tijd: tijd, logger: logger)) }
            return ids
        }
    }

    /// One statement: the row is locked by `FOR UPDATE SKIP LOCKED` while its lease is written,
    /// so processes claiming at the same moment each get another row (or none), never the same.
    public func claimMail(nu: Date, tot: Date, door: String) async throws -> Postbusmail? {
        let t = Self.ms(nu)
        guard let row = try await rijen("""
            UPDATE postvak_uit SET bezig_tot = \(Self.ms(tot)), bezig_door = \(door)
            WHERE id = (
                SELECT id FROM postvak_uit
                WHERE status = 'wachtend' AND volgende_poging <= \(t) AND (bezig_tot IS NULL OR bezig_tot < \(t))
                ORDER BY volgende_poging, id LIMIT 1
                FOR UPDATE SKIP LOCKED)
            AND status = 'wachtend' AND (bezig_tot IS NULL OR bezig_tot < \(t))
            RETURNING id, soort, aan, aan_naam, onderwerp, tekst, html, koppen, message_id, aangemaakt, pogingen
            """).first else { return nil }
        let (id, soort, aan, naam, onderwerp, tekst, html, koppen, messageID, aangemaakt, pogingen) =
            try row.decode((Int64, String, String, String, String, String?, String?, String, String, Int64, Int64).self)
        let bericht = Mailbericht(soort: soort, aan: Mailadres(naam: naam, adres: aan), onderwerp: onderwerp,
                                  tekst: tekst ?? "", html: html ?? "", koppen: Mailbericht.koppen(koppen), messageID: messageID)
        return Postbusmail(id: id, bericht: bericht, aangemaakt: Self.datum(aangemaakt), pogingen: Int(pogingen))
    }

    public func markeerVerstuurd(id: Int64, door: String, tijd: Date) async throws {
        try await voerUit("""
            UPDATE postvak_uit SET status = 'verstuurd', tekst = NULL, html = NULL, afgehandeld = \(Self.ms(tijd)),
                pogingen = pogingen + 1, fout = NULL, bezig_tot = NULL, bezig_door = NULL
            WHERE id = \(id) AND bezig_door = \(door)
            """)
    }

    public func markeerPoging(id: Int64, door: String, fout: String, volgende: Date?, tijd: Date) async throws {
        if let volgende {
            try await voerUit("""
                UPDATE postvak_uit SET pogingen = pogingen + 1, fout = \(fout), volgende_poging = \(Self.ms(volgende)),
                    bezig_tot = NULL, bezig_door = NULL
                WHERE id = \(id) AND bezig_door = \(door)
                """)
        } else {
            try await voerUit("""
                UPDATE postvak_uit SET status = 'mislukt', tekst = NULL, html = NULL, pogingen = pogingen + 1, fout = \(fout),
                    afgehandeld = \(Self.ms(tijd)), bezig_tot = NULL, bezig_door = NULL
                WHERE id = \(id) AND bezig_door = \(door)
                """)
        }
    }

    public func postbus(max: Int) async throws -> Postbusstand {
        var tellingen: [String: Int] = [:]
        for row in try await rijen("SELECT status, COUNT(*) FROM postvak_uit GROUP BY status") {
            let (status, n) = try row.decode((String, Int64).self)
            tellingen[status] = Int(n)
        }
        let mislukt = try await rijen("""
            SELECT id, aan, onderwerp, fout, pogingen, aangemaakt FROM postvak_uit WHERE status = 'mislukt'
            ORDER BY id DESC LIMIT \(Int64(max))
            """).map { row in
            let (id, aan, onderwerp, fout, pogingen, aangemaakt) = try row.decode((Int64, String, String, String?, Int64, Int64).self)
            return Postbusstand.Mislukt(id: id, aan: aan, onderwerp: onderwerp, fout: fout ?? "", pogingen: Int(pogingen),
                                        aangemaakt: Self.datum(aangemaakt))
        }
        return Postbusstand(wachtend: tellingen["wachtend"] ?? 0, mislukt: mislukt, aantalMislukt: tellingen["mislukt"] ?? 0,
                            verstuurd: tellingen["verstuurd"] ?? 0)
    }

    public func wekPostbus(nu: Date) async throws {
        let t = Self.ms(nu)
        try await voerUit("""
            UPDATE postvak_uit SET volgende_poging = \(t)
            WHERE status = 'wachtend' AND volgende_poging > \(t) AND (bezig_tot IS NULL OR bezig_tot < \(t))
            """)
    }
}
