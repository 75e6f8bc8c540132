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

    public func cursussen(docent: Int64) async throws -> [Cursus] {
        var r: [Cursus] = []
        for row in try await rijen("""
            SELECT id, naam, docent_id, uitnodigingscode FROM cursussen WHERE docent_id = \(docent) ORDER BY id
            """) {
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
        for row in try await rijen("SELECT id, naam, docent_id, uitnodigingscode FROM cursussen ORDER BY id") {
            if let c = try await cursus(row) { r.append(c) }
        }
        return r
    }
}
