import Foundation
import Logging
import PostgresNIO

// AanvraagOpslag
extension PostgresOpslag {
    static let aanvraagSelect = """
        SELECT a.id, a.eigenaar_id, g.naam AS eigenaar_naam, g.cursus_id, a.versie,
               v.titel, v.af, v.fouten, v.waarschuwingen, v.gewijzigd, v.onderdelen, a.gedeeld
        FROM aanvragen a
        JOIN gebruikers g ON g.id = a.eigenaar_id
        JOIN versies v ON v.aanvraag_id = a.id AND v.versie = a.versie
        """

    static func aanvraag(_ row: PostgresRow) throws -> AanvraagRij {
        let (id, eigenaar, naam, cursus, versie, titel, af, fouten, waarschuwingen, gewijzigd, onderdelen, gedeeld) =
            try row.decode((Int64, Int64, String, Int64?, Int, String?, Int64, Int, Int, Int64, String?, Int64).self)
        return AanvraagRij(id: id, eigenaar: eigenaar, eigenaarNaam: naam, cursus: cursus, versie: versie,
                           afgeleid: Afgeleid(titel: titel, af: af != 0, fouten: fouten, waarschuwingen: waarschuwingen,
                                              onderdelen: onderdelen.flatMap(Telling.decodeer)),
                           gewijzigd: datum(gewijzigd), gedeeld: gedeeld != 0)
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

    /// What the aanvragen of `eigenaar` use, inside a transaction.
    static func gebruik(_ c: PostgresConnection, eigenaar: Int64, logger: Logger) async throws -> Gebruik {
        let rij = try await c.query("""
            SELECT
              (SELECT COALESCE(SUM(octet_length(v.tekst)), 0)::BIGINT FROM versies v JOIN aanvragen a ON a.id = v.aanvraag_id
               WHERE a.eigenaar_id = \(eigenaar)),
              (SELECT COALESCE(SUM(b.grootte), 0)::BIGINT FROM bestanden b WHERE b.sha256 IN (
                 SELECT vb.sha256 FROM versie_bestanden vb JOIN aanvragen a ON a.id = vb.aanvraag_id
                 WHERE a.eigenaar_id = \(eigenaar))),
              (SELECT COUNT(*) FROM aanvragen WHERE eigenaar_id = \(eigenaar))
            """, logger: logger).collect()
        guard let (tekst, bestanden, aanvragen) = try rij.first?.decode((Int64, Int64, Int64).self) else {
            return Gebruik(tekst: 0, bestanden: 0, aanvragen: 0)
        }
        return Gebruik(tekst: Int(tekst), bestanden: Int(bestanden), aanvragen: Int(aanvragen))
    }

    public func gebruik(eigenaar: Int64) async throws -> Gebruik {
        let logger = logger
        return try await metVerbinding { c in try await Self.gebruik(c, eigenaar: eigenaar, logger: logger) }
    }

    /// Saves of one owner wait for each other (a row lock on the account), so two saves at once
    /// cannot both pass the quotum.
    static func vergrendel(_ c: PostgresConnection, eigenaar: Int64, logger: Logger) async throws {
        try await c.query("SELECT id FROM gebruikers WHERE id = \(eigenaar) FOR UPDATE", logger: logger)
    }

    public func maakAanvraag(eigenaar: Int64, tekst: [UInt8], afgeleid: Afgeleid, grenzen: Grenzen,
                             tijd: Date) async throws -> AanvraagRij {
        let logger = logger
        let id = try await transactie { c in
            try await Self.vergrendel(c, eigenaar: eigenaar, logger: logger)
            let voor = try await Self.gebruik(c, eigenaar: eigenaar, logger: logger)
            if voor.aanvragen >= grenzen.aanvragenPerCursist { throw OpslagFout.teVeelAanvragen(grenzen.aanvragenPerCursist) }
            try grenzen.controleerQuotum(voor: voor.totaal, na: voor.totaal + tekst.count)
            let rows = try await c.query("""
                INSERT INTO aanvragen (eigenaar_id, versie, aangemaakt) VALUES (\(eigenaar), 1, \(Self.ms(tijd))) RETURNING id
                """, logger: logger).collect()
            guard let id = try rows.first?.decode(Int64.self) else { throw OpslagFout.nietGevonden }
            try await c.query("INSERT INTO aanvraag_auteurs (aanvraag_id, gebruiker_id) VALUES (\(id), \(eigenaar))",
                              logger: logger)
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

    public func aanvragen(auteur: Int64) async throws -> [AanvraagRij] {
        try await rijen(PostgresQuery(unsafeSQL: Self.aanvraagSelect
                                      + " JOIN aanvraag_auteurs au ON au.aanvraag_id = a.id WHERE au.gebruiker_id = $1 ORDER BY a.id",
                                      binds: Self.binds(auteur))).map(Self.aanvraag)
    }

    public func aanvragen(docent: Int64) async throws -> [AanvraagRij] {
        try await rijen(PostgresQuery(unsafeSQL: Self.aanvraagSelect
                                      + " JOIN cursus_docenten d ON d.cursus_id = g.cursus_id WHERE d.gebruiker_id = $1 ORDER BY a.id",
                                      binds: Self.binds(docent))).map(Self.aanvraag)
    }

    public func auteurs(aanvraag: Int64) async throws -> [Gebruiker] {
        try await rijen("""
            SELECT g.id, g.email, g.naam, g.rol, g.cursus_id, g.wachtwoord_hash, g.geblokkeerd, g.laatst_ingelogd FROM aanvraag_auteurs au
            JOIN gebruikers g ON g.id = au.gebruiker_id JOIN aanvragen a ON a.id = au.aanvraag_id
            WHERE au.aanvraag_id = \(aanvraag) ORDER BY (g.id <> a.eigenaar_id), g.id
            """).map(Self.gebruiker)
    }

    public func auteurs(cursus: Int64) async throws -> [Auteurschap] {
        try await rijen("""
            SELECT au.aanvraag_id, au.gebruiker_id FROM aanvraag_auteurs au JOIN gebruikers g ON g.id = au.gebruiker_id
            WHERE g.cursus_id = \(cursus) ORDER BY au.aanvraag_id, au.gebruiker_id
            """).map {
            let (a, g) = try $0.decode((Int64, Int64).self)
            return Auteurschap(aanvraag: a, auteur: g)
        }
    }

    public func verwijderAuteur(aanvraag: Int64, gebruiker: Int64) async throws {
        try await voerUit("""
            DELETE FROM aanvraag_auteurs WHERE aanvraag_id = \(aanvraag) AND gebruiker_id = \(gebruiker)
            AND gebruiker_id <> (SELECT eigenaar_id FROM aanvragen WHERE id = \(aanvraag))
            """)
    }

    public func voegAuteurToe(aanvraag: Int64, gebruiker: Int64) async throws {
        try await voerUit("""
            INSERT INTO aanvraag_auteurs (aanvraag_id, gebruiker_id) VALUES (\(aanvraag), \(gebruiker)) ON CONFLICT DO NOTHING
            """)
    }

    public func zetGedeeld(aanvraag: Int64, gedeeld: Bool) async throws {
        try await voerUit("UPDATE aanvragen SET gedeeld = \(Int64(gedeeld ? 1 : 0)) WHERE id = \(aanvraag)")
    }


    public func voegVersieToe(aanvraag: Int64, verwacht: Int, tekst: [UInt8], afgeleid: Afgeleid,
                              bestanden wijziging: BestandWijziging, grenzen: Grenzen, tijd: Date) async throws -> Int {
        let logger = logger
        let nieuw: (naam: String, bytes: [UInt8], sha256: String)? = {
            if case .zet(let naam, let bytes) = wijziging { return (naam, bytes, Hash.sha256(bytes)) }
            return nil
        }()
        let (bron, zonder) = wijziging.basis(verwacht: verwacht)
        return try await transactie { c in
            let eigenaarRij = try await c.query("SELECT eigenaar_id FROM aanvragen WHERE id = \(aanvraag)", logger: logger)
                .collect()
            guard let eigenaar = try eigenaarRij.first?.decode(Int64.self) else { throw OpslagFout.nietGevonden }
            try await Self.vergrendel(c, eigenaar: eigenaar, logger: logger)
            let voor = try await Self.gebruik(c, eigenaar: eigenaar, logger: logger)
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
            let versie = verwacht + 1
            try await Self.voegVersieIn(c, aanvraag: aanvraag, versie: versie, tekst: tekst, afgeleid: afgeleid,
                                        tijd: tijd, logger: logger)
            try await c.query("""
                INSERT INTO versie_bestanden (aanvraag_id, versie, naam, sha256)
                SELECT aanvraag_id, \(versie), naam, sha256 FROM versie_bestanden
                WHERE aanvraag_id = \(aanvraag) AND versie = \(bron) AND naam <> \(zonder)
                """, logger: logger)
            if let nieuw {
                try await c.query("""
                    INSERT INTO bestanden (sha256, grootte, inhoud)
                    VALUES (\(nieuw.sha256), \(Int64(nieuw.bytes.count)), \(ByteBuffer(bytes: nieuw.bytes)))
                    ON CONFLICT (sha256) DO NOTHING
                    """, logger: logger)
                try await c.query("""
                    INSERT INTO versie_bestanden (aanvraag_id, versie, naam, sha256)
                    VALUES (\(aanvraag), \(versie), \(nieuw.naam), \(nieuw.sha256))
                    """, logger: logger)
            }
            let telling = try await c.query("""
                SELECT COUNT(*), COALESCE(SUM(b.grootte), 0)::BIGINT FROM versie_bestanden vb
                JOIN bestanden b ON b.sha256 = vb.sha256 WHERE vb.aanvraag_id = \(aanvraag) AND vb.versie = \(versie)
                """, logger: logger).collect()
            var aantal: Int64 = 0, bytes: Int64 = 0
            if let rij = telling.first { (aantal, bytes) = try rij.decode((Int64, Int64).self) }
            try grenzen.controleerBestanden(aantal: Int(aantal), bytes: Int(bytes))
            let na = try await Self.gebruik(c, eigenaar: eigenaar, logger: logger)
            try grenzen.controleerQuotum(voor: voor.totaal, na: na.totaal)
            return versie
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

    public func bestanden(aanvraag: Int64, versie: Int) async throws -> [BestandInfo]? {
        guard try await een("SELECT 1 FROM versies WHERE aanvraag_id = \(aanvraag) AND versie = \(versie)", Int.self) != nil
        else { return nil }
        return try await rijen("""
            SELECT vb.naam, b.grootte, vb.sha256 FROM versie_bestanden vb JOIN bestanden b ON b.sha256 = vb.sha256
            WHERE vb.aanvraag_id = \(aanvraag) AND vb.versie = \(versie) ORDER BY vb.naam COLLATE "C"
            """).map {
            let (naam, grootte, sha) = try $0.decode((String, Int64, String).self)
            return BestandInfo(naam: naam, grootte: Int(grootte), sha256: sha)
        }
    }

    public func inhoud(sha256: String) async throws -> [UInt8]? {
        try await een("SELECT inhoud FROM bestanden WHERE sha256 = \(sha256)", ByteBuffer.self)
            .map { Array($0.readableBytesView) }
    }

    public func hechtOudBestand(aanvraag: Int64, naam: String, bytes: [UInt8]) async throws -> Int {
        let sha = Hash.sha256(bytes)
        let logger = logger
        return try await transactie { c in
            let versies = try await c.query("""
                SELECT v.versie FROM versies v WHERE v.aanvraag_id = \(aanvraag) AND NOT EXISTS (
                    SELECT 1 FROM versie_bestanden vb WHERE vb.aanvraag_id = v.aanvraag_id AND vb.versie = v.versie
                    AND vb.naam = \(naam))
                """, logger: logger).collect().map { try $0.decode(Int.self) }
            guard !versies.isEmpty else { return 0 }
            try await c.query("""
                INSERT INTO bestanden (sha256, grootte, inhoud) VALUES (\(sha), \(Int64(bytes.count)), \(ByteBuffer(bytes: bytes)))
                ON CONFLICT (sha256) DO NOTHING
                """, logger: logger)
            for v in versies {
                try await c.query("""
                    INSERT INTO versie_bestanden (aanvraag_id, versie, naam, sha256) VALUES (\(aanvraag), \(v), \(naam), \(sha))
                    """, logger: logger)
            }
            return versies.count
        }
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

    public func aanvragen(cursus: Int64) async throws -> [AanvraagRij] {
        try await rijen(PostgresQuery(unsafeSQL: Self.aanvraagSelect + " WHERE g.cursus_id = $1 ORDER BY a.id",
                                      binds: Self.binds(cursus))).map(Self.aanvraag)
    }

    // MARK: Opmerkingen

    static let opmerkingSelect = """
        SELECT o.id, o.aanvraag_id, o.versie, o.docent_id, g.naam AS docent_naam, o.pad, o.tekst, o.geplaatst,
               o.afgehandeld, g.rol
        FROM opmerkingen o JOIN gebruikers g ON g.id = o.docent_id
        """

    static func opmerking(_ row: PostgresRow) throws -> Opmerking {
        let (id, aanvraag, versie, docent, naam, pad, tekst, geplaatst, afgehandeld, rol) =
            try row.decode((Int64, Int64, Int, Int64, String, String, String, Int64, Int64?, String).self)
        var o = Opmerking(id: id, aanvraag: aanvraag, versie: versie, docent: docent, docentNaam: naam, pad: pad,
                          tekst: tekst, geplaatst: datum(geplaatst), afgehandeld: afgehandeld.map(datum))
        o.vanMedecursist = rol == Rol.cursist.rawValue
        return o
    }

    func opmerking(id: Int64, aanvraag: Int64) async throws -> Opmerking? {
        var b = PostgresBindings()
        b.append(id)
        b.append(aanvraag)
        return try await rijen(PostgresQuery(unsafeSQL: Self.opmerkingSelect + " WHERE o.id = $1 AND o.aanvraag_id = $2",
                                             binds: b)).first.map(Self.opmerking)
    }

    public func maakOpmerking(aanvraag: Int64, versie: Int, docent: Int64, pad: String, tekst: String,
                              tijd: Date, melding: NieuweMelding?) async throws -> Opmerking {
        let logger = logger
        let id = try await transactie { c -> Int64? in
            let rij = try await c.query("""
                INSERT INTO opmerkingen (aanvraag_id, versie, docent_id, pad, tekst, geplaatst)
                VALUES (\(aanvraag), \(versie), \(docent), \(pad), \(tekst), \(Self.ms(tijd))) RETURNING id
                """, logger: logger).collect().first
            if let melding { try await Self.voegMeldingToe(c, aanvraag: aanvraag, melding, tijd: tijd, logger: logger) }
            return try rij?.decode(Int64.self)
        }
        guard let id, let o = try await opmerking(id: id, aanvraag: aanvraag) else { throw OpslagFout.nietGevonden }
        return o
    }

    public func opmerkingen(aanvraag: Int64) async throws -> [Opmerking] {
        try await rijen(PostgresQuery(unsafeSQL: Self.opmerkingSelect + " WHERE o.aanvraag_id = $1 ORDER BY o.id",
                                      binds: Self.binds(aanvraag))).map(Self.opmerking)
    }

    public func zetAfgehandeld(opmerking: Int64, aanvraag: Int64, tijd: Date?) async throws -> Opmerking? {
        try await voerUit("""
            UPDATE opmerkingen SET afgehandeld = \(tijd.map(Self.ms)) WHERE id = \(opmerking) AND aanvraag_id = \(aanvraag)
            """)
        return try await self.opmerking(id: opmerking, aanvraag: aanvraag)
    }

    // MARK: Goedkeuringen

    static func goedkeuring(_ row: PostgresRow) throws -> Goedkeuring {
        let (aanvraag, versie, docent, tijd) = try row.decode((Int64, Int, Int64, Int64).self)
        return Goedkeuring(aanvraag: aanvraag, versie: versie, docent: docent, tijd: datum(tijd))
    }

    public func keurGoed(aanvraag: Int64, versie: Int, docent: Int64, tijd: Date, melding: NieuweMelding?) async throws {
        let logger = logger
        try await transactie { c in
            let bestaat = try await c.query("""
                SELECT 1 FROM versies WHERE aanvraag_id = \(aanvraag) AND versie = \(versie)
                """, logger: logger).collect()
            guard !bestaat.isEmpty else { throw OpslagFout.nietGevonden }
            // Approving again changes nothing, also when two approvals of one version race.
            let nieuw = try await c.query("""
                INSERT INTO goedkeuringen (aanvraag_id, versie, docent_id, tijd)
                VALUES (\(aanvraag), \(versie), \(docent), \(Self.ms(tijd))) ON CONFLICT (aanvraag_id, versie) DO NOTHING
                RETURNING versie
                """, logger: logger).collect()
            // The notification only for the approval this call made.
            if let melding, !nieuw.isEmpty {
                try await Self.voegMeldingToe(c, aanvraag: aanvraag, melding, tijd: tijd, logger: logger)
            }
        }
    }

    public func goedkeuringen(aanvraag: Int64) async throws -> [Goedkeuring] {
        try await rijen("""
            SELECT aanvraag_id, versie, docent_id, tijd FROM goedkeuringen WHERE aanvraag_id = \(aanvraag) ORDER BY versie
            """).map(Self.goedkeuring)
    }

    public func goedkeuringen(cursus: Int64) async throws -> [Goedkeuring] {
        try await rijen("""
            SELECT k.aanvraag_id, k.versie, k.docent_id, k.tijd FROM goedkeuringen k
            JOIN aanvragen a ON a.id = k.aanvraag_id JOIN gebruikers g ON g.id = a.eigenaar_id
            WHERE g.cursus_id = \(cursus) ORDER BY k.aanvraag_id, k.versie
            """).map(Self.goedkeuring)
    }

}
