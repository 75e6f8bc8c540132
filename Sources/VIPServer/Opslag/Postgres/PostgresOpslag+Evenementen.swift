import Foundation
import Logging
import PostgresNIO

// EvenementOpslag
extension PostgresOpslag {
    func evenement(_ row: PostgresRow?) async throws -> EvenementRij? {
        guard let row else { return nil }
        let (id, organisator, tekst, titel, datum, aangemaakt) =
            try row.decode((Int64, Int64, ByteBuffer, String, String?, Int64).self)
        let cursussen = try await rijen("""
            SELECT cursus_id FROM evenement_cursussen WHERE evenement_id = \(id) ORDER BY nr
            """).map { try $0.decode(Int64.self) }
        return EvenementRij(id: id, organisator: organisator, titel: titel, datum: datum, cursussen: cursussen,
                            tekst: Array(tekst.readableBytesView), aangemaakt: Self.datum(aangemaakt))
    }

    static let evenementSelect = "SELECT id, organisator_id, tekst, titel, datum, aangemaakt FROM evenementen"

    public func maakEvenement(organisator: Int64, tekst: [UInt8], titel: String, datum: String?, cursussen: [Int64],
                              tijd: Date) async throws -> EvenementRij {
        let logger = logger
        let id = try await transactie { c in
            let rows = try await c.query("""
                INSERT INTO evenementen (organisator_id, tekst, titel, datum, aangemaakt)
                VALUES (\(organisator), \(ByteBuffer(bytes: tekst)), \(titel), \(datum), \(Self.ms(tijd))) RETURNING id
                """, logger: logger).collect()
            guard let id = try rows.first?.decode(Int64.self) else { throw OpslagFout.nietGevonden }
            var gezien = Set<Int64>()
            for (nr, cursus) in cursussen.enumerated() where gezien.insert(cursus).inserted {
                try await c.query("""
                    INSERT INTO evenement_cursussen (evenement_id, cursus_id, nr) VALUES (\(id), \(cursus), \(nr + 1))
                    """, logger: logger)
            }
            return id
        }
        guard let e = try await evenement(id: id) else { throw OpslagFout.nietGevonden }
        return e
    }

    public func evenement(id: Int64) async throws -> EvenementRij? {
        try await evenement(rijen(PostgresQuery(unsafeSQL: Self.evenementSelect + " WHERE id = $1", binds: Self.binds(id)))
            .first)
    }

    public func evenementen(organisator: Int64) async throws -> [EvenementRij] {
        var r: [EvenementRij] = []
        for row in try await rijen(PostgresQuery(unsafeSQL: Self.evenementSelect
                                                 + " WHERE organisator_id = $1 ORDER BY aangemaakt DESC, id DESC",
                                                 binds: Self.binds(organisator))) {
            if let e = try await evenement(row) { r.append(e) }
        }
        return r
    }
}
