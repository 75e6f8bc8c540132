import Foundation
import GRDB

// MailOpslag
extension SQLiteOpslag {
    /// Inserts a waiting mail, due at once; inside the caller's transaction.
    static func voegMailToe(_ db: Database, _ m: Mailbericht, tijd: Date) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO postvak_uit (soort, aan, aan_naam, onderwerp, tekst, html, koppen, message_id, status, aangemaakt,
                                     volgende_poging, pogingen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'wachtend', ?, ?, 0)
            """, arguments: [m.soort, m.aan.adres, m.aan.naam, m.onderwerp, m.tekst, m.html, m.koppenTekst, m.messageID,
                             ms(tijd), ms(tijd)])
        return db.lastInsertedRowID
    }

    public func zetInPostbus(_ mails: [Mailbericht], tijd: Date) async throws -> [Int64] {
        guard !mails.isEmpty else { return [] }
        return try await pool.write { db in try mails.map { try Self.voegMailToe(db, $0, tijd: tijd) } }
    }

    /// One write transaction: SQLite serialises writers (other processes on the file too), so two
    /// workers cannot claim the same row.
    public func claimMail(nu: Date, tot: Date, door: String) async throws -> Postbusmail? {
        try await pool.write { db in
            let t = Self.ms(nu)
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT id, soort, aan, aan_naam, onderwerp, tekst, html, koppen, message_id, aangemaakt, pogingen
                FROM postvak_uit
                WHERE status = 'wachtend' AND volgende_poging <= ? AND (bezig_tot IS NULL OR bezig_tot < ?)
                ORDER BY volgende_poging, id LIMIT 1
                """), arguments: [t, t]) else { return nil }
            let id: Int64 = row["id"]
            try db.execute(sql: "UPDATE postvak_uit SET bezig_tot = ?, bezig_door = ? WHERE id = ?",
                           arguments: [Self.ms(tot), door, id])
            let bericht = Mailbericht(soort: row["soort"], aan: Mailadres(naam: row["aan_naam"], adres: row["aan"]),
                                      onderwerp: row["onderwerp"], tekst: row["tekst"] ?? "", html: row["html"] ?? "",
                                      koppen: Mailbericht.koppen(row["koppen"]), messageID: row["message_id"])
            return Postbusmail(id: id, bericht: bericht, aangemaakt: Self.datum(row["aangemaakt"]),
                               pogingen: Int(row["pogingen"] as Int64))
        }
    }

    public func markeerVerstuurd(id: Int64, door: String, tijd: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE postvak_uit SET status = 'verstuurd', tekst = NULL, html = NULL, afgehandeld = ?, pogingen = pogingen + 1,
                    fout = NULL, bezig_tot = NULL, bezig_door = NULL
                WHERE id = ? AND bezig_door = ?
                """, arguments: [Self.ms(tijd), id, door])
        }
    }

    public func markeerPoging(id: Int64, door: String, fout: String, volgende: Date?, tijd: Date) async throws {
        try await pool.write { db in
            if let volgende {
                try db.execute(sql: """
                    UPDATE postvak_uit SET pogingen = pogingen + 1, fout = ?, volgende_poging = ?, bezig_tot = NULL,
                        bezig_door = NULL
                    WHERE id = ? AND bezig_door = ?
                    """, arguments: [fout, Self.ms(volgende), id, door])
            } else {
                try db.execute(sql: """
                    UPDATE postvak_uit SET status = 'mislukt', tekst = NULL, html = NULL, pogingen = pogingen + 1, fout = ?,
                        afgehandeld = ?, bezig_tot = NULL, bezig_door = NULL
                    WHERE id = ? AND bezig_door = ?
                    """, arguments: [fout, Self.ms(tijd), id, door])
            }
        }
    }

    public func postbus(max: Int) async throws -> Postbusstand {
        try lees { db in
            let tel = { (status: String) in
                try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM postvak_uit WHERE status = ?"), arguments: [status]) ?? 0
            }
            let mislukt = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT id, aan, onderwerp, fout, pogingen, aangemaakt FROM postvak_uit WHERE status = 'mislukt'
                ORDER BY id DESC LIMIT ?
                """), arguments: [max]).map { row in
                Postbusstand.Mislukt(id: row["id"], aan: row["aan"], onderwerp: row["onderwerp"], fout: row["fout"] ?? "",
                                     pogingen: Int(row["pogingen"] as Int64), aangemaakt: Self.datum(row["aangemaakt"]))
            }
            return Postbusstand(wachtend: try tel("wachtend"), mislukt: mislukt, aantalMislukt: try tel("mislukt"),
                                verstuurd: try tel("verstuurd"))
        }
    }

    public func wekPostbus(nu: Date) async throws {
        try await pool.write { db in
            let t = Self.ms(nu)
            try db.execute(sql: """
                UPDATE postvak_uit SET volgende_poging = ?
                WHERE status = 'wachtend' AND volgende_poging > ? AND (bezig_tot IS NULL OR bezig_tot < ?)
                """, arguments: [t, t, t])
        }
    }
}
