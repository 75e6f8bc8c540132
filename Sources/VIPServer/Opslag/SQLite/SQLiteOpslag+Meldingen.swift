import Foundation
import GRDB

// MeldingOpslag
extension SQLiteOpslag {
    /// A bundle another process sent first: the transaction is rolled back.
    struct AlVerstuurd: Error {}

    public func mailvoorkeuren(gebruiker: Int64) async throws -> Mailvoorkeuren {
        try lees { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT mail_herinneringen, mail_meldingen FROM gebruikers WHERE id = ?"),
                                             arguments: [gebruiker]) else { return Mailvoorkeuren() }
            return Mailvoorkeuren(herinneringen: (row[0] as Int64) != 0, meldingen: (row[1] as Int64) != 0)
        }
    }

    public func zetMailvoorkeuren(gebruiker: Int64, _ v: Mailvoorkeuren) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE gebruikers SET mail_herinneringen = ?, mail_meldingen = ? WHERE id = ?",
                           arguments: [v.herinneringen ? 1 : 0, v.meldingen ? 1 : 0, gebruiker])
        }
    }

    static func voegUitgaandToe(_ db: Database, _ u: UitgaandeMail, tijd: Date) throws {
        _ = try voegMailToe(db, u.mail, tijd: tijd)
        try db.execute(sql: "INSERT INTO afmeldtokens (token_hash, gebruiker_id, soort, aangemaakt) VALUES (?, ?, ?, ?)",
                       arguments: [u.afmeldHash, u.gebruiker, u.afmeldsoort.rawValue, ms(tijd)])
    }

    public func schrijfHerinneringen(_ lijst: [NieuweHerinnering], tijd: Date) async throws -> [Int64] {
        guard !lijst.isEmpty else { return [] }
        return try await pool.write { db in
            var geschreven: [Int64] = []
            for h in lijst {
                try db.execute(sql: """
                    INSERT INTO herinneringen (cursus_id, nr, cursist_id, verstuurd) VALUES (?, ?, ?, ?)
                    ON CONFLICT (cursus_id, nr, cursist_id) DO NOTHING
                    """, arguments: [h.cursus, h.nr, h.uit.gebruiker, Self.ms(tijd)])
                guard db.changesCount == 1 else { continue }
                try Self.voegUitgaandToe(db, h.uit, tijd: tijd)
                geschreven.append(h.uit.gebruiker)
            }
            return geschreven
        }
    }

    public func herinneringen(cursus: Int64) async throws -> [VerstuurdeHerinnering] {
        try lees { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT nr, cursist_id, verstuurd FROM herinneringen WHERE cursus_id = ? ORDER BY nr, cursist_id
                """), arguments: [cursus]).map {
                VerstuurdeHerinnering(nr: $0["nr"], cursist: $0["cursist_id"], tijd: Self.datum($0["verstuurd"]))
            }
        }
    }

    public func voegMeldingToe(aanvraag: Int64, soort: Melding.Soort, door: Int64, tekst: String, tijd: Date) async throws {
        try await pool.write { db in
            try Self.voegMeldingToe(db, aanvraag: aanvraag, NieuweMelding(soort: soort, door: door, tekst: tekst), tijd: tijd)
        }
    }

    static func voegMeldingToe(_ db: Database, aanvraag: Int64, _ m: NieuweMelding, tijd: Date) throws {
        try db.execute(sql: "INSERT INTO meldingen (aanvraag_id, soort, door_id, tekst, tijd) VALUES (?, ?, ?, ?, ?)",
                       arguments: [aanvraag, m.soort.rawValue, m.door, m.tekst, Self.ms(tijd)])
    }

    public func wachtendeMeldingen(aanvraag: Int64?, vorigeVoor: Date) async throws -> [Melding] {
        try lees { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT m.id, m.aanvraag_id, m.soort, m.door_id, m.tekst, m.tijd FROM meldingen m
                LEFT JOIN meldingmails l ON l.aanvraag_id = m.aanvraag_id
                WHERE m.verstuurd IS NULL AND (l.laatste IS NULL OR l.laatste <= ?) AND (? IS NULL OR m.aanvraag_id = ?)
                ORDER BY m.aanvraag_id, m.id
                """), arguments: [Self.ms(vorigeVoor), aanvraag, aanvraag]).map {
                Melding(id: $0["id"], aanvraag: $0["aanvraag_id"], soort: Melding.Soort(rawValue: $0["soort"]) ?? .opmerking,
                        door: $0["door_id"], tekst: $0["tekst"], tijd: Self.datum($0["tijd"]))
            }
        }
    }

    public func schrijfMeldingmails(aanvraag: Int64, meldingen: [Int64], mails: [UitgaandeMail], vorigeVoor: Date,
                                    tijd: Date) async throws -> Bool {
        guard !meldingen.isEmpty else { return false }
        do {
            try await pool.write { db in
                let t = Self.ms(tijd)
                var gemarkeerd = 0
                for id in meldingen {
                    try db.execute(sql: "UPDATE meldingen SET verstuurd = ? WHERE id = ? AND aanvraag_id = ? AND verstuurd IS NULL",
                                   arguments: [t, id, aanvraag])
                    gemarkeerd += db.changesCount
                }
                guard gemarkeerd == meldingen.count else { throw AlVerstuurd() }
                try db.execute(sql: """
                    INSERT INTO meldingmails (aanvraag_id, laatste) VALUES (?, ?)
                    ON CONFLICT (aanvraag_id) DO UPDATE SET laatste = excluded.laatste WHERE meldingmails.laatste <= ?
                    """, arguments: [aanvraag, t, Self.ms(vorigeVoor)])
                guard db.changesCount == 1 else { throw AlVerstuurd() }
                for u in mails { try Self.voegUitgaandToe(db, u, tijd: tijd) }
            }
            return true
        } catch is AlVerstuurd {
            return false
        }
    }

    public func afmeldtoken(hash: String) async throws -> (gebruiker: Int64, soort: Afmeldsoort)? {
        try lees { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT gebruiker_id, soort FROM afmeldtokens WHERE token_hash = ?"),
                                             arguments: [hash]),
                  let soort = Afmeldsoort(rawValue: row["soort"]) else { return nil }
            let g: Int64 = row["gebruiker_id"]
            return (gebruiker: g, soort: soort)
        }
    }
}
