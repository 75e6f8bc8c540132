import Foundation
import Testing
@testable import VIPServer

/// The storage contract, through the `Opslag` protocol only, run against every engine in
/// `Motoren`: accounts, sessions, versions byte for byte, concurrent writers on one version,
/// ordering, migrations (fresh, forward, refusal of newer) and transactions.
@Suite struct OpslagContractTests {
    /// Says clearly when the PostgreSQL half of the contract did not run (and why).
    @Test(Motoren.postgresNodig) func postgresIsBereikbaarEnDuurzaam() async throws {
        try await Motoren.met("postgres") { o in
            let p = try #require(o as? PostgresOpslag)
            #expect(try await p.schemaVersie() == Migraties.bekendeVersie)
            // An answered write waits for the WAL on disk, whatever the server's default.
            #expect(try await p.een("SHOW synchronous_commit", String.self) == "on")
        }
    }

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
        try await Motoren.met(motor) { o in try await Self.gebruikersEnCursussen(o) }
    }

    static func gebruikersEnCursussen(_ o: any Opslag) async throws {
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
        try await Motoren.met(motor) { o in try await Self.sessiesVerlopenEnEindigen(o) }
    }

    static func sessiesVerlopenEnEindigen(_ o: any Opslag) async throws {
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

    @Test(arguments: Motoren.alle) func pogingen(_ motor: String) async throws {
        try await Motoren.met(motor) { o in try await Self.pogingen(o) }
    }

    /// The limit per key: attempts are recorded until the limit, then refused until the oldest
    /// that counts is `venster` old; forgiven attempts and a cleared key no longer count.
    static func pogingen(_ o: any Opslag) async throws {
        let a = Pogingsgrens(sleutel: "email:a@x.nl", limiet: 3, venster: 60)
        let b = Pogingsgrens(sleutel: "adres:1.2.3.4", limiet: 5, venster: 60)
        var ids: [[Int64]] = []
        for i in 0..<3 {
            guard case .toegestaan(let r) = try await o.probeerPoging([a, b], tijd: Self.t0.addingTimeInterval(Double(i))) else {
                Issue.record("poging \(i) geweigerd"); return
            }
            #expect(r.count == 2)
            ids.append(r)
        }
        // The fourth within the minute: refused until the first is 60 s old; nothing recorded.
        #expect(try await o.probeerPoging([a, b], tijd: Self.t0.addingTimeInterval(10)) == .geweigerd(vrij: Self.t0.addingTimeInterval(60)))
        // The address alone still has room (3 of 5).
        guard case .toegestaan = try await o.probeerPoging([b], tijd: Self.t0.addingTimeInterval(11)) else {
            Issue.record("adres geweigerd"); return
        }
        // A forgiven attempt no longer counts.
        try await o.vergeefPogingen(ids: ids[2])
        guard case .toegestaan = try await o.probeerPoging([a], tijd: Self.t0.addingTimeInterval(12)) else {
            Issue.record("na vergeven geweigerd"); return
        }
        // Once the oldest is 60 s old it is free again.
        #expect(try await o.probeerPoging([a], tijd: Self.t0.addingTimeInterval(20)) == .geweigerd(vrij: Self.t0.addingTimeInterval(60)))
        guard case .toegestaan = try await o.probeerPoging([a], tijd: Self.t0.addingTimeInterval(60.5)) else {
            Issue.record("na het venster geweigerd"); return
        }
        // Cleared: the email has room again at once.
        try await o.wisPogingen(sleutel: a.sleutel)
        for i in 0..<3 {
            guard case .toegestaan = try await o.probeerPoging([a], tijd: Self.t0.addingTimeInterval(61 + Double(i))) else {
                Issue.record("na wissen geweigerd"); return
            }
        }
    }

    @Test(arguments: Motoren.alle) func versiesWordenByteVoorByteBewaard(_ motor: String) async throws {
        try await Motoren.met(motor) { o in try await Self.versiesWordenByteVoorByteBewaard(o) }
    }

    static func versiesWordenByteVoorByteBewaard(_ o: any Opslag) async throws {
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

    /// Many writers on the same version, through two separate pools on one database (as two
    /// processes would be): exactly one wins, the others are told the version moved on.
    @Test(arguments: Motoren.alle) func gelijktijdigeSchrijvers(_ motor: String) async throws {
        let db = try Motoren.nieuw(motor)
        // Two PostgreSQL processes may start together on a fresh database: the migration lock
        // lets one migrate and the other find the schema done.
        let (a, b): (any Opslag, any Opslag)
        if motor == "postgres" {
            async let x = db.open()
            async let y = db.open()
            (a, b) = try await (x, y)
        } else {
            a = try await db.open()
            b = try await db.open()
        }
        #expect(try await b.schemaVersie() == Migraties.bekendeVersie)
        let (_, g, _) = try await Self.klas(a)
        let rij = try await a.maakAanvraag(eigenaar: g.id, tekst: [0], afgeleid: Self.afgeleid, tijd: Self.t0)
        let uitkomsten = await withTaskGroup(of: Result<Int, OpslagFout>.self) { groep in
            for i in 0..<20 {
                let o = i.isMultiple(of: 2) ? a : b
                groep.addTask {
                    do {
                        return .success(try await o.voegVersieToe(aanvraag: rij.id, verwacht: 1, tekst: [UInt8(i + 1)],
                                                                  afgeleid: Self.afgeleid, tijd: Self.t0))
                    } catch let fout as OpslagFout {
                        return .failure(fout)
                    } catch {
                        return .failure(.nietGevonden)
                    }
                }
            }
            var r: [Result<Int, OpslagFout>] = []
            for await u in groep { r.append(u) }
            return r
        }
        #expect(uitkomsten.compactMap { try? $0.get() } == [2])
        // Every loser was told the current version; none failed otherwise.
        #expect(uitkomsten.filter { if case .failure(.verouderd(huidige: 2)) = $0 { true } else { false } }.count == 19)
        let versies = try await b.versies(aanvraag: rij.id)
        #expect(versies.map(\.versie) == [1, 2])
        #expect(try await a.tekst(aanvraag: rij.id, versie: 1) == [0])
        // The next writer builds on the winner.
        #expect(try await b.voegVersieToe(aanvraag: rij.id, verwacht: 2, tekst: [99], afgeleid: Self.afgeleid,
                                          tijd: Self.t0) == 3)
        try await a.sluit()
        try await b.sluit()
    }

    /// Lists come out in the same order on both engines: aanvragen by id, versions by number,
    /// failed logins by time, bijeenkomsten as given, whatever the order of insertion.
    @Test(arguments: Motoren.alle) func volgorde(_ motor: String) async throws {
        try await Motoren.met(motor) { o in
            let d = try await o.maakGebruiker(email: "d@x.nl", naam: "D", rol: .docent, wachtwoordHash: "h", cursus: nil,
                                              tijd: Self.t0)
            let data = ["2026-12-01", "2026-09-01", "2026-10-15", "2026-09-08"]
            let c = try await o.maakCursus(naam: "C", docent: d.id, bijeenkomsten: data, uitnodigingscode: "V", tijd: Self.t0)
            #expect(try await o.cursus(id: c.id)?.bijeenkomsten == data)
            let zus = try await o.maakGebruiker(email: "z@x.nl", naam: "Zus", rol: .cursist, wachtwoordHash: "h", cursus: c.id,
                                                tijd: Self.t0)
            let anna = try await o.maakGebruiker(email: "a@x.nl", naam: "Anna", rol: .cursist, wachtwoordHash: "h",
                                                 cursus: c.id, tijd: Self.t0)
            var ids: [Int64] = []
            for (i, eigenaar) in [zus, anna, zus, anna, zus].enumerated() {
                // Later aanvragen get earlier times: the order is the id, not the time.
                ids.append(try await o.maakAanvraag(eigenaar: eigenaar.id, tekst: [UInt8(i)], afgeleid: Self.afgeleid,
                                                    tijd: Self.t0.addingTimeInterval(Double(-i))).id)
            }
            #expect(ids == ids.sorted())
            #expect(Set(ids).count == 5)
            #expect(try await o.aanvragen(docent: d.id).map(\.id) == ids)
            #expect(try await o.aanvragen(eigenaar: zus.id).map(\.id) == [ids[0], ids[2], ids[4]])
            // Times keep their milliseconds and drop the rest, the same on both engines.
            let a = try await o.maakAanvraag(eigenaar: anna.id, tekst: [1], afgeleid: Self.afgeleid,
                                             tijd: Self.t0.addingTimeInterval(0.1239))
            #expect(try await o.aanvraag(id: a.id)?.gewijzigd == Date(timeIntervalSince1970: 1_790_000_000_123 / 1000))
        }
    }

    /// Migrations on a fresh database, forward from an older schema, and the refusal of a
    /// newer one by an older vip, with the same Dutch message on both engines.
    @Test(arguments: Motoren.alle) func migraties(_ motor: String) async throws {
        let db = try Motoren.nieuw(motor)
        let v1 = try await db.open(migraties: Array(db.migraties.prefix(1)))
        #expect(try await v1.schemaVersie() == 1)
        _ = try await v1.maakGebruiker(email: "a@x.nl", naam: "A", rol: .docent, wachtwoordHash: "h", cursus: nil, tijd: Self.t0)
        try await v1.sluit()
        // This vip: forward to the known version, data kept.
        let nu = try await db.open()
        #expect(try await nu.schemaVersie() == Migraties.bekendeVersie)
        #expect(try await nu.gebruiker(email: "a@x.nl")?.naam == "A")
        try await nu.sluit()
        // A newer vip adds a migration; opening again migrates nothing more.
        let nieuwer = try await db.open(migraties: db.migraties + ["ALTER TABLE gebruikers ADD COLUMN telefoon TEXT"])
        #expect(try await nieuwer.schemaVersie() == Migraties.bekendeVersie + 1)
        #expect(try await nieuwer.gebruiker(email: "a@x.nl")?.naam == "A")
        try await nieuwer.sluit()
        // This (older) vip refuses it.
        do {
            let o = try await db.open()
            try await o.sluit()
            Issue.record("een oudere vip opende een nieuwere database")
        } catch OpslagFout.nieuwereDatabase(let melding) {
            #expect(melding.contains("nieuwere vip"))
            #expect(melding.contains("schemaversie \(Migraties.bekendeVersie + 1)"))
            #expect(melding.contains("Werk vip bij"))
        }
    }

    /// A failed transaction keeps nothing: an import whose last row breaks a constraint leaves
    /// the database empty, on both engines.
    @Test(arguments: Motoren.alle) func transactieHoudtNiets(_ motor: String) async throws {
        try await Motoren.met(motor) { o in
            let gebruikers = Schema.overgedragen(in: Migraties.bekendeVersie)[0]
            let rij = { (id: Int64, email: String) -> [Waarde] in
                [.geheel(id), .tekst(email), .tekst("N"), .tekst("docent"), .null, .tekst("h"), .geheel(0), .geheel(0), .null,
                 .geheel(1), .geheel(1)]
            }
            await #expect(throws: (any Error).self) {
                try await o.vulLeeg(Self.rijen([(gebruikers, [rij(1, "a@x.nl"), rij(2, "b@x.nl"), rij(3, "a@x.nl")])]))
            }
            #expect(try await o.aantalGebruikers() == 0)
            // The same rows without the duplicate go in, and the next account gets the next id.
            try await o.vulLeeg(Self.rijen([(gebruikers, [rij(1, "a@x.nl"), rij(7, "b@x.nl")])]))
            #expect(try await o.aantalGebruikers() == 2)
            let c = try await o.maakGebruiker(email: "c@x.nl", naam: "C", rol: .docent, wachtwoordHash: "h", cursus: nil,
                                              tijd: Self.t0)
            #expect(c.id == 8)
            // Only into an empty database.
            await #expect(throws: OverdrachtFout.self) { try await o.vulLeeg(Self.rijen([(gebruikers, [rij(9, "d@x.nl")])])) }
            #expect(try await o.aantalGebruikers() == 3)
        }
    }

    /// The rows one after the other, as a dump gives them.
    static func rijen(_ inhoud: [(Tabel, [[Waarde]])]) -> @Sendable () throws -> (Tabel, [Waarde])? {
        let alle = inhoud.flatMap { t, rijen in rijen.map { (t, $0) } }
        let teller = Teller()
        return { teller.volgende(alle) }
    }

    final class Teller: @unchecked Sendable {
        private let lock = NSLock()
        private var i = 0
        func volgende<T>(_ lijst: [T]) -> T? {
            lock.withLock {
                guard i < lijst.count else { return nil }
                defer { i += 1 }
                return lijst[i]
            }
        }
    }

    /// The schema described once (`Schema`) is what the migrations make, at every version, on
    /// both engines: every table with exactly its columns. The export's table list comes from it,
    /// so a new table or column cannot be forgotten by the export.
    @Test(arguments: Motoren.alle) func schemaIsWatDeMigratiesMaken(_ motor: String) async throws {
        let db = try Motoren.nieuw(motor)
        for versie in 1...Migraties.bekendeVersie {
            let o = try await db.open(migraties: Array(db.migraties.prefix(versie)))
            let echt = try await o.kolommen()
            let beschreven = Schema.kolommen(in: versie)
            #expect(Set(echt.keys) == Set(beschreven.keys), "versie \(versie): tabellen")
            for (tabel, kolommen) in beschreven {
                #expect(echt[tabel] == kolommen, "versie \(versie), tabel \(tabel)")
            }
            try await o.sluit()
        }
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
