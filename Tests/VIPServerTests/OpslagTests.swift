import Foundation
import Testing
@testable import VIPServer

/// The storage contract, through the `Opslag` protocol only, so the same tests can run
/// against every engine (SQLite now; PostgreSQL joins `motoren` later).
enum Motoren {
    static func sqlite() throws -> any Opslag {
        try SQLiteOpslag(pad: Repo.tempDir() + "/vip.sqlite")
    }
    static let alle: [String] = ["sqlite"]
    static func maak(_ naam: String) throws -> any Opslag {
        switch naam {
        default: return try sqlite()
        }
    }
}

@Suite struct OpslagContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    static let afgeleid = Afgeleid(titel: "Moestuin", af: false, fouten: 2, waarschuwingen: 1)

    static func klas(_ o: any Opslag) async throws -> (Gebruiker, Gebruiker, Cursus) {
        let d = try await o.maakGebruiker(email: "d@x.nl", naam: "D", rol: .docent, wachtwoordHash: "h", cursus: nil, tijd: t0)
        let c = try await o.maakCursus(naam: "C", docent: d.id, bijeenkomsten: ["2026-09-01", "2026-09-08"],
                                       uitnodigingscode: "AAAA-BBBB", tijd: t0)
        let g = try await o.maakGebruiker(email: "c@x.nl", naam: "Cursist", rol: .cursist, wachtwoordHash: "h",
                                          cursus: c.id, tijd: t0)
        return (d, g, c)
    }

    @Test(arguments: Motoren.alle) func gebruikersEnCursussen(_ motor: String) async throws {
        let o = try Motoren.maak(motor)
        let (d, g, c) = try await Self.klas(o)
        #expect(try await o.gebruiker(email: "c@x.nl") == g)
        #expect(try await o.gebruiker(id: d.id) == d)
        #expect(try await o.gebruiker(email: "nee@x.nl") == nil)
        await #expect(throws: OpslagFout.emailBestaat) {
            _ = try await o.maakGebruiker(email: "c@x.nl", naam: "X", rol: .cursist, wachtwoordHash: "h", cursus: nil, tijd: Self.t0)
        }
        #expect(try await o.aantalGebruikers() == 2)
        #expect(try await o.cursus(uitnodigingscode: "AAAA-BBBB") == c)
        #expect(try await o.cursus(id: c.id)?.bijeenkomsten == ["2026-09-01", "2026-09-08"])
        try await o.zetWachtwoord(gebruiker: g.id, hash: "nieuw")
        #expect(try await o.gebruiker(id: g.id)?.wachtwoordHash == "nieuw")
    }

    @Test(arguments: Motoren.alle) func sessiesVerlopenEnEindigen(_ motor: String) async throws {
        let o = try Motoren.maak(motor)
        let (d, g, _) = try await Self.klas(o)
        let s1 = Sessie(tokenHash: "a", gebruiker: g.id, csrf: "x", verloopt: Self.t0.addingTimeInterval(60))
        let s2 = Sessie(tokenHash: "b", gebruiker: g.id, csrf: "y", verloopt: Self.t0.addingTimeInterval(60))
        let s3 = Sessie(tokenHash: "c", gebruiker: d.id, csrf: "z", verloopt: Self.t0.addingTimeInterval(60))
        for s in [s1, s2, s3] { try await o.maakSessie(s) }
        #expect(try await o.sessie(tokenHash: "a", nu: Self.t0)?.0 == s1)
        #expect(try await o.sessie(tokenHash: "a", nu: Self.t0)?.1 == g)
        #expect(try await o.sessie(tokenHash: "a", nu: Self.t0.addingTimeInterval(60)) == nil)
        try await o.beeindigSessies(gebruiker: g.id, behalve: "a")
        #expect(try await o.sessie(tokenHash: "b", nu: Self.t0) == nil)
        #expect(try await o.sessie(tokenHash: "a", nu: Self.t0) != nil)
        #expect(try await o.sessie(tokenHash: "c", nu: Self.t0) != nil)
        try await o.beeindigSessie(tokenHash: "a")
        #expect(try await o.sessie(tokenHash: "a", nu: Self.t0) == nil)
        // Clearing expired sessions keeps the live ones.
        let later = Sessie(tokenHash: "d", gebruiker: d.id, csrf: "w", verloopt: Self.t0.addingTimeInterval(120))
        try await o.maakSessie(later)
        try await o.ruimSessiesOp(nu: Self.t0.addingTimeInterval(60))
        #expect(try await o.sessie(tokenHash: "c", nu: Self.t0) == nil)
        #expect(try await o.sessie(tokenHash: "d", nu: Self.t0)?.0 == later)
    }

    @Test(arguments: Motoren.alle) func mislukteLogins(_ motor: String) async throws {
        let o = try Motoren.maak(motor)
        for i in 0..<3 { try await o.registreerMislukteLogin(email: "a@x.nl", tijd: Self.t0.addingTimeInterval(Double(i))) }
        try await o.registreerMislukteLogin(email: "b@x.nl", tijd: Self.t0)
        #expect(try await o.mislukteLogins(email: "a@x.nl", sinds: Self.t0.addingTimeInterval(1))
                == [Self.t0.addingTimeInterval(1), Self.t0.addingTimeInterval(2)])
        try await o.wisMislukteLogins(email: "a@x.nl")
        #expect(try await o.mislukteLogins(email: "a@x.nl", sinds: Self.t0).isEmpty)
        #expect(try await o.mislukteLogins(email: "b@x.nl", sinds: Self.t0).count == 1)
    }

    @Test(arguments: Motoren.alle) func versiesWordenByteVoorByteBewaard(_ motor: String) async throws {
        let o = try Motoren.maak(motor)
        let (d, g, _) = try await Self.klas(o)
        // CRLF, a BOM, trailing spaces, U+202E: stored exactly as sent.
        let teksten: [[UInt8]] = [
            [0xEF, 0xBB, 0xBF] + Array("formaat: vip-aanvraag/1\r\n".utf8),
            Array("formaat: vip-aanvraag/1\nproject:\n  titel: \"\u{202E}tuin\"   \n".utf8),
            Array("formaat: vip-aanvraag/1\n".utf8),
        ]
        let a = try await o.maakAanvraag(eigenaar: g.id, tekst: teksten[0], afgeleid: Self.afgeleid, tijd: Self.t0)
        #expect(a.versie == 1)
        #expect(a.eigenaarNaam == "Cursist")
        #expect(a.afgeleid == Self.afgeleid)
        var versie = 1
        for (i, t) in teksten.dropFirst().enumerated() {
            let af = Afgeleid(titel: "v\(i + 2)", af: i == 1, fouten: 0, waarschuwingen: i)
            versie = try await o.voegVersieToe(aanvraag: a.id, verwacht: versie, tekst: t, afgeleid: af,
                                               tijd: Self.t0.addingTimeInterval(Double(i + 1)))
        }
        #expect(versie == 3)
        let lijst = try await o.versies(aanvraag: a.id)
        #expect(lijst.map(\.versie) == [1, 2, 3])
        #expect(lijst.map(\.gewijzigd) == [Self.t0, Self.t0.addingTimeInterval(1), Self.t0.addingTimeInterval(2)])
        #expect(lijst.map(\.afgeleid.af) == [false, false, true])
        for (i, t) in teksten.enumerated() { #expect(try await o.tekst(aanvraag: a.id, versie: i + 1) == t) }
        #expect(try await o.tekst(aanvraag: a.id, versie: 4) == nil)
        let huidig = try #require(try await o.aanvraag(id: a.id))
        #expect(huidig.versie == 3)
        #expect(huidig.afgeleid.titel == "v3")
        #expect(huidig.gewijzigd == Self.t0.addingTimeInterval(2))
        #expect(try await o.aanvragen(eigenaar: g.id).map(\.id) == [a.id])
        #expect(try await o.aanvragen(docent: d.id).map(\.id) == [a.id])
        #expect(try await o.aanvragen(eigenaar: d.id).isEmpty)
        // Stale: nothing stored, the current version named.
        await #expect(throws: OpslagFout.verouderd(huidige: 3)) {
            _ = try await o.voegVersieToe(aanvraag: a.id, verwacht: 2, tekst: [1], afgeleid: Self.afgeleid, tijd: Self.t0)
        }
        await #expect(throws: OpslagFout.nietGevonden) {
            _ = try await o.voegVersieToe(aanvraag: 999, verwacht: 1, tekst: [1], afgeleid: Self.afgeleid, tijd: Self.t0)
        }
        #expect(try await o.versies(aanvraag: a.id).count == 3)
    }

    /// Many writers on the same version: exactly one wins, the others are told the version moved on.
    @Test(arguments: Motoren.alle) func gelijktijdigeSchrijvers(_ motor: String) async throws {
        let o = try Motoren.maak(motor)
        let (_, g, _) = try await Self.klas(o)
        let a = try await o.maakAanvraag(eigenaar: g.id, tekst: [0], afgeleid: Self.afgeleid, tijd: Self.t0)
        let uitkomsten = await withTaskGroup(of: Int?.self) { groep in
            for i in 0..<20 {
                groep.addTask {
                    try? await o.voegVersieToe(aanvraag: a.id, verwacht: 1, tekst: [UInt8(i + 1)], afgeleid: Self.afgeleid,
                                               tijd: Self.t0)
                }
            }
            var r: [Int?] = []
            for await u in groep { r.append(u) }
            return r
        }
        #expect(uitkomsten.compactMap { $0 } == [2])
        #expect(try await o.versies(aanvraag: a.id).count == 2)
        #expect(try await o.tekst(aanvraag: a.id, versie: 1) == [0])
    }
}

@Suite struct SQLiteMigratieTests {
    @Test func nieuweDatabaseKrijgtHetSchemaEnWAL() async throws {
        let pad = Repo.tempDir() + "/vip.sqlite"
        let o = try SQLiteOpslag(pad: pad)
        #expect(try await o.schemaVersie() == SQLiteOpslag.bekendeVersie)
        let modus = try await o.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(modus == "wal")
        let sync = try await o.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(sync == 2)   // FULL
        try await o.sluit()
        // Opening again migrates nothing and keeps the data.
        let weer = try SQLiteOpslag(pad: pad)
        #expect(try await weer.schemaVersie() == SQLiteOpslag.bekendeVersie)
    }

    @Test func migratiesLopenVooruitInVolgorde() async throws {
        let pad = Repo.tempDir() + "/vip.sqlite"
        let v1 = try SQLiteOpslag(pad: pad)
        _ = try await v1.maakGebruiker(email: "a@x.nl", naam: "A", rol: .docent, wachtwoordHash: "h", cursus: nil, tijd: Date())
        try await v1.sluit()
        let extra = SQLiteOpslag.migraties + ["ALTER TABLE gebruikers ADD COLUMN telefoon TEXT"]
        let v2 = try SQLiteOpslag(pad: pad, migraties: extra)
        #expect(try await v2.schemaVersie() == SQLiteOpslag.migraties.count + 1)
        #expect(try await v2.gebruiker(email: "a@x.nl")?.naam == "A")
        try await v2.sluit()
        // An older vip (fewer migrations) refuses the newer database with a Dutch message.
        do {
            _ = try SQLiteOpslag(pad: pad)
            Issue.record("een oudere vip opende een nieuwere database")
        } catch OpslagFout.nieuwereDatabase(let melding) {
            #expect(melding.contains("nieuwere vip"))
            #expect(melding.contains("schemaversie \(SQLiteOpslag.migraties.count + 1)"))
        }
    }
}
