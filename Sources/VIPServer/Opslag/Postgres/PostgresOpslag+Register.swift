import Foundation
import Logging
import PostgresNIO
import VIPHash
import VIPKit

// RegisterOpslag
extension PostgresOpslag {
    /// A lock of the register's own, held until the transaction ends: two processes that store a
    /// version at once take turns, so each reads the newest version before it adds the next.
    static var registerSlot: Int64 { Int64(bitPattern: FNV1a64.hash(Array("vip-fondsenregister".utf8))) }

    public func bewaarRegister(tekst: [UInt8], door: Int64, verwacht: Int?, tijd: Date) async throws -> RegisterRij {
        let logger = logger
        let ms = Self.ms(tijd)
        let versie = try await transactie { c in
            try await c.query("SELECT pg_advisory_xact_lock(\(Self.registerSlot))", logger: logger)
            var huidig = 0
            for try await v in try await c.query("SELECT COALESCE(MAX(versie), 0) FROM fondsenregisters", logger: logger)
                .decode(Int.self) { huidig = v }
            if let verwacht, verwacht != huidig { throw OpslagFout.verouderd(huidige: huidig) }
            try await c.query("""
                INSERT INTO fondsenregisters (versie, tekst, door_id, tijd)
                VALUES (\(huidig + 1), \(ByteBuffer(bytes: tekst)), \(door), \(ms))
                """, logger: logger)
            return huidig + 1
        }
        return RegisterRij(versie: versie, tekst: tekst, door: door, tijd: Self.datum(ms))
    }

    public func register() async throws -> RegisterRij? {
        guard let row = try await rijen("""
            SELECT versie, tekst, door_id, tijd FROM fondsenregisters ORDER BY versie DESC LIMIT 1
            """).first else { return nil }
        let (versie, tekst, door, tijd) = try row.decode((Int, ByteBuffer, Int64, Int64).self)
        return RegisterRij(versie: versie, tekst: Array(tekst.readableBytesView), door: door, tijd: Self.datum(tijd))
    }

    public func registerVersie() async throws -> Int {
        try await een("SELECT COALESCE(MAX(versie), 0) FROM fondsenregisters", Int.self) ?? 0
    }
}
