import Foundation
import GRDB

/// Docent and organiser storage (issue 11) on SQLite. The SQL is kept to what PostgreSQL
/// reads the same way (no `INSERT OR …`, no rowid tricks beyond `id INTEGER PRIMARY KEY`,
/// which a PostgreSQL schema writes as `BIGSERIAL`/identity).
extension SQLiteOpslag {
    static let migratieDocent = """
        CREATE TABLE opmerkingen (
            id INTEGER PRIMARY KEY,
            aanvraag_id BIGINT NOT NULL REFERENCES aanvragen(id),
            versie INTEGER NOT NULL,
            docent_id BIGINT NOT NULL REFERENCES gebruikers(id),
            pad TEXT NOT NULL,
            tekst TEXT NOT NULL,
            geplaatst BIGINT NOT NULL,
            afgehandeld BIGINT
        );
        CREATE INDEX opmerkingen_aanvraag ON opmerkingen (aanvraag_id, id);
        CREATE TABLE goedkeuringen (
            aanvraag_id BIGINT NOT NULL REFERENCES aanvragen(id),
            versie INTEGER NOT NULL,
            docent_id BIGINT NOT NULL REFERENCES gebruikers(id),
            tijd BIGINT NOT NULL,
            PRIMARY KEY (aanvraag_id, versie)
        );
        CREATE TABLE evenementen (
            id INTEGER PRIMARY KEY,
            organisator_id BIGINT NOT NULL REFERENCES gebruikers(id),
            tekst BLOB NOT NULL,
            titel TEXT NOT NULL,
            datum TEXT,
            aangemaakt BIGINT NOT NULL
        );
        CREATE INDEX evenementen_organisator ON evenementen (organisator_id);
        CREATE TABLE evenement_cursussen (
            evenement_id BIGINT NOT NULL REFERENCES evenementen(id),
            cursus_id BIGINT NOT NULL REFERENCES cursussen(id),
            nr INTEGER NOT NULL,
            PRIMARY KEY (evenement_id, cursus_id)
        );
        CREATE INDEX gebruikers_cursus ON gebruikers (cursus_id);
        """

    // MARK: Cursussen seen from the docent

    public func cursussen(docent: Int64) async throws -> [Cursus] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM cursussen WHERE docent_id = ? ORDER BY id", arguments: [docent])
                .compactMap { try Self.cursus(db, $0) }
        }
    }

    public func cursisten(cursus: Int64) async throws -> [Gebruiker] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.gebruikerKolommen) FROM gebruikers WHERE cursus_id = ? AND rol = ? "
                             + "ORDER BY id", arguments: [cursus, Rol.cursist.rawValue]).map(Self.gebruiker)
        }
    }

    public func aanvragen(cursus: Int64) async throws -> [AanvraagRij] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: Self.aanvraagSelect + " WHERE g.cursus_id = ? ORDER BY a.id",
                             arguments: [cursus]).map(Self.aanvraag)
        }
    }

    // MARK: Opmerkingen

    static let opmerkingSelect = """
        SELECT o.id, o.aanvraag_id, o.versie, o.docent_id, g.naam AS docent_naam, o.pad, o.tekst, o.geplaatst,
               o.afgehandeld
        FROM opmerkingen o JOIN gebruikers g ON g.id = o.docent_id
        """

    static func opmerking(_ row: Row) -> Opmerking {
        Opmerking(id: row["id"], aanvraag: row["aanvraag_id"], versie: row["versie"], docent: row["docent_id"],
                  docentNaam: row["docent_naam"], pad: row["pad"], tekst: row["tekst"],
                  geplaatst: datum(row["geplaatst"]), afgehandeld: (row["afgehandeld"] as Int64?).map(datum))
    }

    public func maakOpmerking(aanvraag: Int64, versie: Int, docent: Int64, pad: String, tekst: String,
                              tijd: Date) async throws -> Opmerking {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO opmerkingen (aanvraag_id, versie, docent_id, pad, tekst, geplaatst) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [aanvraag, versie, docent, pad, tekst, Self.ms(tijd)])
            let id = db.lastInsertedRowID
            guard let row = try Row.fetchOne(db, sql: Self.opmerkingSelect + " WHERE o.id = ?", arguments: [id]) else {
                throw OpslagFout.nietGevonden
            }
            return Self.opmerking(row)
        }
    }

    public func opmerkingen(aanvraag: Int64) async throws -> [Opmerking] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: Self.opmerkingSelect + " WHERE o.aanvraag_id = ? ORDER BY o.id",
                             arguments: [aanvraag]).map(Self.opmerking)
        }
    }

    public func zetAfgehandeld(opmerking: Int64, aanvraag: Int64, tijd: Date?) async throws -> Opmerking? {
        try await pool.write { db in
            try db.execute(sql: "UPDATE opmerkingen SET afgehandeld = ? WHERE id = ? AND aanvraag_id = ?",
                           arguments: [tijd.map(Self.ms), opmerking, aanvraag])
            return try Row.fetchOne(db, sql: Self.opmerkingSelect + " WHERE o.id = ? AND o.aanvraag_id = ?",
                                    arguments: [opmerking, aanvraag]).map(Self.opmerking)
        }
    }

    // MARK: Goedkeuringen

    static func goedkeuring(_ row: Row) -> Goedkeuring {
        Goedkeuring(aanvraag: row["aanvraag_id"], versie: row["versie"], docent: row["docent_id"],
                    tijd: datum(row["tijd"]))
    }

    public func keurGoed(aanvraag: Int64, versie: Int, docent: Int64, tijd: Date) async throws {
        try await pool.write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM versies WHERE aanvraag_id = ? AND versie = ?",
                                   arguments: [aanvraag, versie]) ?? 0 > 0 else { throw OpslagFout.nietGevonden }
            let al = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM goedkeuringen WHERE aanvraag_id = ? AND versie = ?",
                                      arguments: [aanvraag, versie]) ?? 0
            guard al == 0 else { return }
            try db.execute(sql: "INSERT INTO goedkeuringen (aanvraag_id, versie, docent_id, tijd) VALUES (?, ?, ?, ?)",
                           arguments: [aanvraag, versie, docent, Self.ms(tijd)])
        }
    }

    public func goedkeuringen(aanvraag: Int64) async throws -> [Goedkeuring] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM goedkeuringen WHERE aanvraag_id = ? ORDER BY versie",
                             arguments: [aanvraag]).map(Self.goedkeuring)
        }
    }

    public func goedkeuringen(cursus: Int64) async throws -> [Goedkeuring] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT k.aanvraag_id, k.versie, k.docent_id, k.tijd FROM goedkeuringen k
                JOIN aanvragen a ON a.id = k.aanvraag_id JOIN gebruikers g ON g.id = a.eigenaar_id
                WHERE g.cursus_id = ? ORDER BY k.aanvraag_id, k.versie
                """, arguments: [cursus]).map(Self.goedkeuring)
        }
    }

    // MARK: Evenementen

    static func evenement(_ db: Database, _ row: Row?) throws -> EvenementRij? {
        guard let row else { return nil }
        let id: Int64 = row["id"]
        let cursussen = try Int64.fetchAll(db, sql: "SELECT cursus_id FROM evenement_cursussen WHERE evenement_id = ? "
                                           + "ORDER BY nr", arguments: [id])
        return EvenementRij(id: id, organisator: row["organisator_id"], titel: row["titel"], datum: row["datum"],
                            cursussen: cursussen, tekst: [UInt8](row["tekst"] as Data),
                            aangemaakt: datum(row["aangemaakt"]))
    }

    public func maakEvenement(organisator: Int64, tekst: [UInt8], titel: String, datum: String?, cursussen: [Int64],
                              tijd: Date) async throws -> EvenementRij {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO evenementen (organisator_id, tekst, titel, datum, aangemaakt) VALUES (?, ?, ?, ?, ?)
                """, arguments: [organisator, Data(tekst), titel, datum, Self.ms(tijd)])
            let id = db.lastInsertedRowID
            var gezien = Set<Int64>()
            for (nr, c) in cursussen.enumerated() where gezien.insert(c).inserted {
                try db.execute(sql: "INSERT INTO evenement_cursussen (evenement_id, cursus_id, nr) VALUES (?, ?, ?)",
                               arguments: [id, c, nr + 1])
            }
            guard let e = try Self.evenement(db, try Row.fetchOne(db, sql: "SELECT * FROM evenementen WHERE id = ?",
                                                                  arguments: [id])) else { throw OpslagFout.nietGevonden }
            return e
        }
    }

    public func evenement(id: Int64) async throws -> EvenementRij? {
        try await pool.read { db in
            try Self.evenement(db, try Row.fetchOne(db, sql: "SELECT * FROM evenementen WHERE id = ?", arguments: [id]))
        }
    }

    public func evenementen(organisator: Int64) async throws -> [EvenementRij] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM evenementen WHERE organisator_id = ? ORDER BY aangemaakt DESC, id DESC",
                             arguments: [organisator]).compactMap { try Self.evenement(db, $0) }
        }
    }
}
