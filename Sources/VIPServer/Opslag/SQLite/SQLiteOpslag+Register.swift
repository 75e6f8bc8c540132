import Foundation
import GRDB

// RegisterOpslag
extension SQLiteOpslag {
    static func register(_ row: Row?) -> RegisterRij? {
        guard let row else { return nil }
        return RegisterRij(versie: row["versie"], tekst: [UInt8](row["tekst"] as Data), door: row["door_id"],
                           tijd: datum(row["tijd"]))
    }

    /// Writes are serialised by the pool's one writer, so the newest version read here is still the
    /// newest when the next one is inserted.
    public func bewaarRegister(tekst: [UInt8], door: Int64, verwacht: Int?, tijd: Date) async throws -> RegisterRij {
        try await pool.write { db in
            let huidig = try Int.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(versie), 0) FROM fondsenregisters")) ?? 0
            if let verwacht, verwacht != huidig { throw OpslagFout.verouderd(huidige: huidig) }
            try db.execute(sql: "INSERT INTO fondsenregisters (versie, tekst, door_id, tijd) VALUES (?, ?, ?, ?)",
                           arguments: [huidig + 1, Data(tekst), door, Self.ms(tijd)])
            return RegisterRij(versie: huidig + 1, tekst: tekst, door: door, tijd: Self.datum(Self.ms(tijd)))
        }
    }

    public func register() async throws -> RegisterRij? {
        try lees { db in
            Self.register(try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM fondsenregisters ORDER BY versie DESC LIMIT 1")))
        }
    }

    public func registerVersie() async throws -> Int {
        try lees { db in try Int.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(versie), 0) FROM fondsenregisters")) ?? 0 }
    }
}
