import Foundation
import Logging
import PostgresNIO

// CursusOpslag
extension PostgresOpslag {
    public func maakCursus(naam: String, docent: Int64, bijeenkomsten: [String], uitnodigingscode: String,
                           tijd: Date) async throws -> Cursus {
        let logger = logger
        let id = try await transactie { c in
            let rows = try await c.query("""
                INSERT INTO cursussen (naam, docent_id, uitnodigingscode, aangemaakt)
                VALUES (\(naam), \(docent), \(uitnodigingscode), \(Self.ms(tijd))) RETURNING id
                """, logger: logger).collect()
            guard let id = try rows.first?.decode(Int64.self) else { throw OpslagFout.nietGevonden }
            try await c.query("INSERT INTO cursus_docenten (cursus_id, gebruiker_id) VALUES (\(id), \(docent))", logger: logger)
            for (i, datum) in bijeenkomsten.enumerated() {
                try await c.query("INSERT INTO bijeenkomsten (cursus_id, nr, datum) VALUES (\(id), \(i + 1), \(datum))",
                                  logger: logger)
            }
            return id
        }
        return Cursus(id: id, naam: naam, docent: docent, uitnodigingscode: uitnodigingscode, bijeenkomsten: bijeenkomsten,
                      docenten: [docent])
    }

    static let cursusKolommen = "id, naam, docent_id, uitnodigingscode, herinneringen, max_afwezig"

    func cursus(_ row: PostgresRow?) async throws -> Cursus? {
        guard let row else { return nil }
        let (id, naam, docent, code, herinneringen, maxAfwezig) = try row.decode((Int64, String, Int64, String, Int64, Int).self)
        let data = try await rijen("SELECT datum FROM bijeenkomsten WHERE cursus_id = \(id) ORDER BY nr")
            .map { try $0.decode(String.self) }
        let docenten = try await rijen("SELECT gebruiker_id FROM cursus_docenten WHERE cursus_id = \(id) ORDER BY gebruiker_id")
            .map { try $0.decode(Int64.self) }
        return Cursus(id: id, naam: naam, docent: docent, uitnodigingscode: code, bijeenkomsten: data, docenten: docenten,
                      herinneringen: herinneringen != 0, maxAfwezig: maxAfwezig)
    }

    public func cursus(id: Int64) async throws -> Cursus? {
        try await cursus(rijen(PostgresQuery(unsafeSQL: "SELECT \(Self.cursusKolommen) FROM cursussen WHERE id = $1",
                                             binds: Self.binds(id))).first)
    }

    public func cursus(uitnodigingscode: String) async throws -> Cursus? {
        var b = PostgresBindings()
        b.append(uitnodigingscode)
        return try await cursus(rijen(PostgresQuery(unsafeSQL: "SELECT \(Self.cursusKolommen) FROM cursussen WHERE uitnodigingscode = $1",
                                                    binds: b)).first)
    }

    public func cursussen(docent: Int64) async throws -> [Cursus] {
        var r: [Cursus] = []
        for row in try await rijen(PostgresQuery(unsafeSQL: """
            SELECT c.id, c.naam, c.docent_id, c.uitnodigingscode, c.herinneringen, c.max_afwezig FROM cursussen c
            JOIN cursus_docenten d ON d.cursus_id = c.id WHERE d.gebruiker_id = $1 ORDER BY c.id
            """, binds: Self.binds(docent))) {
            if let c = try await cursus(row) { r.append(c) }
        }
        return r
    }

    public func cursisten(cursus: Int64) async throws -> [Gebruiker] {
        try await rijen("""
            SELECT id, email, naam, rol, cursus_id, wachtwoord_hash, geblokkeerd, laatst_ingelogd FROM gebruikers
            WHERE cursus_id = \(cursus) AND rol = \(Rol.cursist.rawValue) ORDER BY id
            """).map(Self.gebruiker)
    }


    public func alleCursussen() async throws -> [Cursus] {
        var r: [Cursus] = []
        for row in try await rijen(PostgresQuery(unsafeSQL: "SELECT \(Self.cursusKolommen) FROM cursussen ORDER BY id")) {
            if let c = try await cursus(row) { r.append(c) }
        }
        return r
    }

    public func voegDocentToe(cursus: Int64, gebruiker: Int64) async throws {
        try await voerUit("""
            INSERT INTO cursus_docenten (cursus_id, gebruiker_id) VALUES (\(cursus), \(gebruiker)) ON CONFLICT DO NOTHING
            """)
    }

    public func verwijderDocent(cursus: Int64, gebruiker: Int64) async throws {
        let logger = logger
        try await transactie { c in
            // The cursus's row is the lock: two removals at once cannot leave it without a docent.
            try await c.query("SELECT id FROM cursussen WHERE id = \(cursus) FOR UPDATE", logger: logger)
            let docenten = try await c.query("SELECT gebruiker_id FROM cursus_docenten WHERE cursus_id = \(cursus)",
                                             logger: logger).collect().map { try $0.decode(Int64.self) }
            guard docenten.contains(gebruiker) else { throw OpslagFout.nietGevonden }
            guard docenten.count > 1 else { throw OpslagFout.laatsteDocent }
            try await c.query("DELETE FROM cursus_docenten WHERE cursus_id = \(cursus) AND gebruiker_id = \(gebruiker)",
                              logger: logger)
        }
    }

    public func zetInstellingen(cursus: Int64, herinneringen: Bool?, maxAfwezig: Int?) async throws {
        if let herinneringen {
            try await voerUit("UPDATE cursussen SET herinneringen = \(Int64(herinneringen ? 1 : 0)) WHERE id = \(cursus)")
        }
        if let maxAfwezig {
            try await voerUit("UPDATE cursussen SET max_afwezig = \(Int64(maxAfwezig)) WHERE id = \(cursus)")
        }
    }

    public func zetAanwezigheid(cursus: Int64, nr: Int, _ lijst: [Aanwezigheid]) async throws {
        let logger = logger
        try await transactie { c in
            for a in lijst {
                try await c.query("""
                    INSERT INTO aanwezigheid (cursus_id, nr, cursist_id, aanwezig)
                    VALUES (\(cursus), \(Int64(nr)), \(a.cursist), \(Int64(a.aanwezig ? 1 : 0)))
                    ON CONFLICT (cursus_id, nr, cursist_id) DO UPDATE SET aanwezig = excluded.aanwezig
                    """, logger: logger)
            }
        }
    }

    public func aanwezigheid(cursus: Int64) async throws -> [Aanwezigheid] {
        try await rijen("""
            SELECT nr, cursist_id, aanwezig FROM aanwezigheid WHERE cursus_id = \(cursus) ORDER BY nr, cursist_id
            """).map {
            let (nr, cursist, aanwezig) = try $0.decode((Int, Int64, Int64).self)
            return Aanwezigheid(nr: nr, cursist: cursist, aanwezig: aanwezig != 0)
        }
    }
}
