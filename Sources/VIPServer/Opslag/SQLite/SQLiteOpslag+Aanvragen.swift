import Foundation
import GRDB

// AanvraagOpslag
extension SQLiteOpslag {
    static let aanvraagSelect = """
        SELECT a.id, a.eigenaar_id, g.naam AS eigenaar_naam, g.cursus_id, a.versie, a.gedeeld,
               v.titel, v.af, v.fouten, v.waarschuwingen, v.gewijzigd, v.onderdelen
        FROM aanvragen a
        JOIN gebruikers g ON g.id = a.eigenaar_id
        JOIN versies v ON v.aanvraag_id = a.id AND v.versie = a.versie
        """

    static func afgeleid(_ row: Row) -> Afgeleid {
        Afgeleid(titel: row["titel"], af: (row["af"] as Int64) != 0, fouten: row["fouten"],
                 waarschuwingen: row["waarschuwingen"],
                 onderdelen: (row["onderdelen"] as String?).flatMap(Telling.decodeer))
    }

    static func aanvraag(_ row: Row) -> AanvraagRij {
        AanvraagRij(id: row["id"], eigenaar: row["eigenaar_id"], eigenaarNaam: row["eigenaar_naam"],
                    cursus: row["cursus_id"], versie: row["versie"], afgeleid: afgeleid(row),
                    gewijzigd: datum(row["gewijzigd"]), gedeeld: (row["gedeeld"] as Int64) != 0)
    }

    static func voegVersieIn(_ db: Database, aanvraag: Int64, versie: Int, tekst: [UInt8], afgeleid a: Afgeleid,
                             tijd: Date) throws {
        try db.execute(sql: """
            INSERT INTO versies (aanvraag_id, versie, tekst, titel, af, fouten, waarschuwingen, gewijzigd, onderdelen,
                                 ingevuld)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [aanvraag, versie, Data(tekst), a.titel, a.af ? 1 : 0, a.fouten, a.waarschuwingen, ms(tijd),
                             a.onderdelen.map(Telling.codeer), a.ingevuld.map(Afgeleid.codeerIngevuld)])
    }

    /// What the aanvragen of `eigenaar` use, inside a transaction.
    static func gebruik(_ db: Database, eigenaar: Int64) throws -> Gebruik {
        // length() of a blob column reads its size from the record, not the blob itself.
        let tekst = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COALESCE(SUM(LENGTH(v.tekst)), 0) FROM versies v JOIN aanvragen a ON a.id = v.aanvraag_id
            WHERE a.eigenaar_id = ?
            """), arguments: [eigenaar]) ?? 0
        let bestanden = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COALESCE(SUM(b.grootte), 0) FROM bestanden b WHERE b.sha256 IN (
                SELECT vb.sha256 FROM versie_bestanden vb JOIN aanvragen a ON a.id = vb.aanvraag_id
                WHERE a.eigenaar_id = ?)
            """), arguments: [eigenaar]) ?? 0
        let aanvragen = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM aanvragen WHERE eigenaar_id = ?"),
                                         arguments: [eigenaar]) ?? 0
        return Gebruik(tekst: tekst, bestanden: bestanden, aanvragen: aanvragen)
    }

    public func gebruik(eigenaar: Int64) async throws -> Gebruik {
        try lees { db in try Self.gebruik(db, eigenaar: eigenaar) }
    }

    public func maakAanvraag(eigenaar: Int64, tekst: [UInt8], afgeleid: Afgeleid, grenzen: Grenzen,
                             tijd: Date) async throws -> AanvraagRij {
        try await pool.write { db in
            let voor = try Self.gebruik(db, eigenaar: eigenaar)
            if voor.aanvragen >= grenzen.aanvragenPerCursist { throw OpslagFout.teVeelAanvragen(grenzen.aanvragenPerCursist) }
            try grenzen.controleerQuotum(voor: voor.totaal, na: voor.totaal + tekst.count)
            try db.execute(sql: "INSERT INTO aanvragen (eigenaar_id, versie, aangemaakt) VALUES (?, 1, ?)",
                           arguments: [eigenaar, Self.ms(tijd)])
            let id = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO aanvraag_auteurs (aanvraag_id, gebruiker_id) VALUES (?, ?)",
                           arguments: [id, eigenaar])
            try Self.voegVersieIn(db, aanvraag: id, versie: 1, tekst: tekst, afgeleid: afgeleid, tijd: tijd)
            guard let row = try Row.fetchOne(db.cachedStatement(sql: Self.aanvraagSelect + " WHERE a.id = ?"), arguments: [id]) else {
                throw OpslagFout.nietGevonden
            }
            return Self.aanvraag(row)
        }
    }

    public func aanvraag(id: Int64) async throws -> AanvraagRij? {
        try lees { db in
            try Row.fetchOne(db.cachedStatement(sql: Self.aanvraagSelect + " WHERE a.id = ?"), arguments: [id]).map(Self.aanvraag)
        }
    }

    public func aanvragen(eigenaar: Int64) async throws -> [AanvraagRij] {
        try lees { db in
            try Row.fetchAll(db.cachedStatement(sql: Self.aanvraagSelect + " WHERE a.eigenaar_id = ? ORDER BY a.id"),
                             arguments: [eigenaar]).map(Self.aanvraag)
        }
    }

    public func aanvragen(auteur: Int64) async throws -> [AanvraagRij] {
        try lees { db in
            try Row.fetchAll(db.cachedStatement(sql: Self.aanvraagSelect
                             + " JOIN aanvraag_auteurs au ON au.aanvraag_id = a.id WHERE au.gebruiker_id = ? ORDER BY a.id"),
                             arguments: [auteur]).map(Self.aanvraag)
        }
    }

    public func aanvragen(docent: Int64) async throws -> [AanvraagRij] {
        try lees { db in
            try Row.fetchAll(db.cachedStatement(sql: Self.aanvraagSelect
                             + " JOIN cursus_docenten d ON d.cursus_id = g.cursus_id WHERE d.gebruiker_id = ? ORDER BY a.id"),
                             arguments: [docent]).map(Self.aanvraag)
        }
    }

    public func auteurs(aanvraag: Int64) async throws -> [Gebruiker] {
        try lees { db in
            // The one who began it first, then the others by id.
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT g.id, g.email, g.naam, g.rol, g.cursus_id, g.wachtwoord_hash, g.geblokkeerd, g.laatst_ingelogd FROM aanvraag_auteurs au
                JOIN gebruikers g ON g.id = au.gebruiker_id JOIN aanvragen a ON a.id = au.aanvraag_id
                WHERE au.aanvraag_id = ? ORDER BY (g.id <> a.eigenaar_id), g.id
                """), arguments: [aanvraag]).map(Self.gebruiker)
        }
    }

    public func auteurs(cursus: Int64) async throws -> [Auteurschap] {
        try lees { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT au.aanvraag_id, au.gebruiker_id FROM aanvraag_auteurs au JOIN gebruikers g ON g.id = au.gebruiker_id
                WHERE g.cursus_id = ? ORDER BY au.aanvraag_id, au.gebruiker_id
                """), arguments: [cursus]).map { Auteurschap(aanvraag: $0["aanvraag_id"], auteur: $0["gebruiker_id"]) }
        }
    }

    public func verwijderAuteur(aanvraag: Int64, gebruiker: Int64) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                DELETE FROM aanvraag_auteurs WHERE aanvraag_id = ? AND gebruiker_id = ?
                AND gebruiker_id <> (SELECT eigenaar_id FROM aanvragen WHERE id = ?)
                """, arguments: [aanvraag, gebruiker, aanvraag])
        }
    }

    public func voegAuteurToe(aanvraag: Int64, gebruiker: Int64) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO aanvraag_auteurs (aanvraag_id, gebruiker_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                           arguments: [aanvraag, gebruiker])
        }
    }

    public func zetGedeeld(aanvraag: Int64, gedeeld: Bool) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE aanvragen SET gedeeld = ? WHERE id = ?", arguments: [gedeeld ? 1 : 0, aanvraag])
        }
    }

    public func aanvragen(cursus: Int64) async throws -> [AanvraagRij] {
        try lees { db in
            try Row.fetchAll(db.cachedStatement(sql: Self.aanvraagSelect + " WHERE g.cursus_id = ? ORDER BY a.id"),
                             arguments: [cursus]).map(Self.aanvraag)
        }
    }

    public func voegVersieToe(aanvraag: Int64, verwacht: Int, tekst: [UInt8], afgeleid: Afgeleid,
                              bestanden wijziging: BestandWijziging, grenzen: Grenzen, tijd: Date) async throws -> Int {
        // Hashing a file of 10 MiB is work; it happens before the write lock is taken.
        let nieuw: (naam: String, bytes: [UInt8], sha256: String)? = {
            if case .zet(let naam, let bytes) = wijziging { return (naam, bytes, Hash.sha256(bytes)) }
            return nil
        }()
        return try await pool.write { db in
            guard let eigenaar = try Int64.fetchOne(db.cachedStatement(sql: "SELECT eigenaar_id FROM aanvragen WHERE id = ?"),
                                                    arguments: [aanvraag]) else { throw OpslagFout.nietGevonden }
            let voor = try Self.gebruik(db, eigenaar: eigenaar)
            // The conditional update is the lock: of two writers on the same version, only the
            // first changes a row; the second finds the version moved on.
            try db.execute(sql: "UPDATE aanvragen SET versie = versie + 1 WHERE id = ? AND versie = ?",
                           arguments: [aanvraag, verwacht])
            guard db.changesCount == 1 else {
                let huidige = try Int.fetchOne(db.cachedStatement(sql: "SELECT versie FROM aanvragen WHERE id = ?"), arguments: [aanvraag])
                throw OpslagFout.verouderd(huidige: huidige ?? verwacht)
            }
            let versie = verwacht + 1
            try Self.voegVersieIn(db, aanvraag: aanvraag, versie: versie, tekst: tekst, afgeleid: afgeleid, tijd: tijd)
            // The files of the version it builds on, changed by `wijziging`.
            let (bron, zonder) = wijziging.basis(verwacht: verwacht)
            try db.execute(sql: """
                INSERT INTO versie_bestanden (aanvraag_id, versie, naam, sha256)
                SELECT aanvraag_id, ?, naam, sha256 FROM versie_bestanden
                WHERE aanvraag_id = ? AND versie = ? AND naam <> ?
                """, arguments: [versie, aanvraag, bron, zonder])
            if let nieuw {
                try db.execute(sql: """
                    INSERT INTO bestanden (sha256, grootte, inhoud) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING
                    """, arguments: [nieuw.sha256, nieuw.bytes.count, Data(nieuw.bytes)])
                try db.execute(sql: "INSERT INTO versie_bestanden (aanvraag_id, versie, naam, sha256) VALUES (?, ?, ?, ?)",
                               arguments: [aanvraag, versie, nieuw.naam, nieuw.sha256])
            }
            let rij = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT COUNT(*) AS aantal, COALESCE(SUM(b.grootte), 0) AS bytes FROM versie_bestanden vb
                JOIN bestanden b ON b.sha256 = vb.sha256 WHERE vb.aanvraag_id = ? AND vb.versie = ?
                """), arguments: [aanvraag, versie])
            try grenzen.controleerBestanden(aantal: rij?["aantal"] ?? 0, bytes: rij?["bytes"] ?? 0)
            try grenzen.controleerQuotum(voor: voor.totaal, na: try Self.gebruik(db, eigenaar: eigenaar).totaal)
            return versie
        }
    }

    public func versies(aanvraag: Int64) async throws -> [VersieInfo] {
        try lees { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT versie, titel, af, fouten, waarschuwingen, gewijzigd FROM versies
                WHERE aanvraag_id = ? ORDER BY versie
                """), arguments: [aanvraag]).map {
                VersieInfo(versie: $0["versie"], gewijzigd: Self.datum($0["gewijzigd"]), afgeleid: Self.afgeleid($0))
            }
        }
    }

    public func tekst(aanvraag: Int64, versie: Int) async throws -> [UInt8]? {
        try lees { db in
            try Data.fetchOne(db.cachedStatement(sql: "SELECT tekst FROM versies WHERE aanvraag_id = ? AND versie = ?"),
                              arguments: [aanvraag, versie]).map { [UInt8]($0) }
        }
    }

    public func bestanden(aanvraag: Int64, versie: Int) async throws -> [BestandInfo]? {
        try lees { db in
            guard try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM versies WHERE aanvraag_id = ? AND versie = ?"),
                                   arguments: [aanvraag, versie]) ?? 0 > 0 else { return nil }
            return try Row.fetchAll(db.cachedStatement(sql: """
                SELECT vb.naam, b.grootte, vb.sha256 FROM versie_bestanden vb JOIN bestanden b ON b.sha256 = vb.sha256
                WHERE vb.aanvraag_id = ? AND vb.versie = ? ORDER BY vb.naam
                """), arguments: [aanvraag, versie]).map {
                BestandInfo(naam: $0["naam"], grootte: $0["grootte"], sha256: $0["sha256"])
            }
        }
    }

    public func inhoud(sha256: String) async throws -> [UInt8]? {
        try lees { db in
            try Data.fetchOne(db.cachedStatement(sql: "SELECT inhoud FROM bestanden WHERE sha256 = ?"), arguments: [sha256])
                .map { [UInt8]($0) }
        }
    }

    public func hechtOudBestand(aanvraag: Int64, naam: String, bytes: [UInt8]) async throws -> Int {
        let sha = Hash.sha256(bytes)
        return try await pool.write { db in
            let versies = try Int.fetchAll(db.cachedStatement(sql: """
                SELECT v.versie FROM versies v WHERE v.aanvraag_id = ? AND NOT EXISTS (
                    SELECT 1 FROM versie_bestanden vb WHERE vb.aanvraag_id = v.aanvraag_id AND vb.versie = v.versie
                    AND vb.naam = ?)
                """), arguments: [aanvraag, naam])
            guard !versies.isEmpty else { return 0 }
            try db.execute(sql: "INSERT INTO bestanden (sha256, grootte, inhoud) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                           arguments: [sha, bytes.count, Data(bytes)])
            for v in versies {
                try db.execute(sql: "INSERT INTO versie_bestanden (aanvraag_id, versie, naam, sha256) VALUES (?, ?, ?, ?)",
                               arguments: [aanvraag, v, naam, sha])
            }
            return versies.count
        }
    }

    public func bewaarOnderdelen(aanvraag: Int64, versie: Int, onderdelen: String) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE versies SET onderdelen = ? WHERE aanvraag_id = ? AND versie = ? AND onderdelen IS NULL
                """, arguments: [onderdelen, aanvraag, versie])
        }
    }

    public func ingevuld(aanvraag: Int64, versie: Int) async throws -> String? {
        try lees { db in
            try String.fetchOne(db.cachedStatement(sql: "SELECT ingevuld FROM versies WHERE aanvraag_id = ? AND versie = ?"),
                                arguments: [aanvraag, versie])
        }
    }

    public func bewaarIngevuld(aanvraag: Int64, versie: Int, ingevuld: String) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE versies SET ingevuld = ? WHERE aanvraag_id = ? AND versie = ? AND ingevuld IS NULL
                """, arguments: [ingevuld, aanvraag, versie])
        }
    }

    // MARK: Opmerkingen

    static let opmerkingSelect = """
        SELECT o.id, o.aanvraag_id, o.versie, o.docent_id, g.naam AS docent_naam, o.pad, o.tekst, o.geplaatst,
               o.afgehandeld, g.rol AS rol
        FROM opmerkingen o JOIN gebruikers g ON g.id = o.docent_id
        """

    static func opmerking(_ row: Row) -> Opmerking {
        var o = Opmerking(id: row["id"], aanvraag: row["aanvraag_id"], versie: row["versie"], docent: row["docent_id"],
                          docentNaam: row["docent_naam"], pad: row["pad"], tekst: row["tekst"],
                          geplaatst: datum(row["geplaatst"]), afgehandeld: (row["afgehandeld"] as Int64?).map(datum))
        o.vanMedecursist = (row["rol"] as String) == Rol.cursist.rawValue
        return o
    }

    public func maakOpmerking(aanvraag: Int64, versie: Int, docent: Int64, pad: String, tekst: String,
                              tijd: Date, melding: NieuweMelding?) async throws -> Opmerking {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO opmerkingen (aanvraag_id, versie, docent_id, pad, tekst, geplaatst) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [aanvraag, versie, docent, pad, tekst, Self.ms(tijd)])
            let id = db.lastInsertedRowID
            if let melding { try Self.voegMeldingToe(db, aanvraag: aanvraag, melding, tijd: tijd) }
            guard let row = try Row.fetchOne(db.cachedStatement(sql: Self.opmerkingSelect + " WHERE o.id = ?"), arguments: [id]) else {
                throw OpslagFout.nietGevonden
            }
            return Self.opmerking(row)
        }
    }

    public func opmerkingen(aanvraag: Int64) async throws -> [Opmerking] {
        try lees { db in
            try Row.fetchAll(db.cachedStatement(sql: Self.opmerkingSelect + " WHERE o.aanvraag_id = ? ORDER BY o.id"),
                             arguments: [aanvraag]).map(Self.opmerking)
        }
    }

    public func zetAfgehandeld(opmerking: Int64, aanvraag: Int64, tijd: Date?) async throws -> Opmerking? {
        try await pool.write { db in
            try db.execute(sql: "UPDATE opmerkingen SET afgehandeld = ? WHERE id = ? AND aanvraag_id = ?",
                           arguments: [tijd.map(Self.ms), opmerking, aanvraag])
            return try Row.fetchOne(db.cachedStatement(sql: Self.opmerkingSelect + " WHERE o.id = ? AND o.aanvraag_id = ?"),
                                    arguments: [opmerking, aanvraag]).map(Self.opmerking)
        }
    }

    // MARK: Goedkeuringen

    static func goedkeuring(_ row: Row) -> Goedkeuring {
        Goedkeuring(aanvraag: row["aanvraag_id"], versie: row["versie"], docent: row["docent_id"],
                    tijd: datum(row["tijd"]))
    }

    public func keurGoed(aanvraag: Int64, versie: Int, docent: Int64, tijd: Date, melding: NieuweMelding?) async throws {
        try await pool.write { db in
            guard try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM versies WHERE aanvraag_id = ? AND versie = ?"),
                                   arguments: [aanvraag, versie]) ?? 0 > 0 else { throw OpslagFout.nietGevonden }
            let al = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM goedkeuringen WHERE aanvraag_id = ? AND versie = ?"),
                                      arguments: [aanvraag, versie]) ?? 0
            guard al == 0 else { return }
            try db.execute(sql: "INSERT INTO goedkeuringen (aanvraag_id, versie, docent_id, tijd) VALUES (?, ?, ?, ?)",
                           arguments: [aanvraag, versie, docent, Self.ms(tijd)])
            if let melding { try Self.voegMeldingToe(db, aanvraag: aanvraag, melding, tijd: tijd) }
        }
    }

    public func goedkeuringen(aanvraag: Int64) async throws -> [Goedkeuring] {
        try lees { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM goedkeuringen WHERE aanvraag_id = ? ORDER BY versie"),
                             arguments: [aanvraag]).map(Self.goedkeuring)
        }
    }

    public func goedkeuringen(cursus: Int64) async throws -> [Goedkeuring] {
        try lees { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT k.aanvraag_id, k.versie, k.docent_id, k.tijd FROM goedkeuringen k
                JOIN aanvragen a ON a.id = k.aanvraag_id JOIN gebruikers g ON g.id = a.eigenaar_id
                WHERE g.cursus_id = ? ORDER BY k.aanvraag_id, k.versie
                """), arguments: [cursus]).map(Self.goedkeuring)
        }
    }
}
