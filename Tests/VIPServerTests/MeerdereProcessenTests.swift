import Foundation
import Testing
@testable import VIPServer

/// A shared installation: two real `vip server` processes on one PostgreSQL database serve the
/// same data; a session made on one works on the other; two PUTs on one version through the
/// two processes give one 200 and one 412. And the commands move a whole installation between
/// SQLite and PostgreSQL (`vip server exporteer` / `importeer`).
@Suite(.serialized, Motoren.postgresNodig) struct MeerdereProcessenTests {
    typealias Server = ProcesTests.Server

    static func json(_ o: Any) throws -> Data { try JSONSerialization.data(withJSONObject: o) }

    static func meldAan(_ poort: Int, _ email: String, _ wachtwoord: String) async throws -> [String: String] {
        let s = try await ProcesTests.vraag(poort, "POST", "/api/sessie", body: try json(["email": email, "wachtwoord": wachtwoord]))
        try #require(s.status == 200, "aanmelden \(email) op \(poort): \(s.status)")
        let cookie = try #require(s.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        return ["Cookie": cookie, "X-CSRF-Token": try #require(s.json["csrf"] as? String)]
    }

    @Test func tweeServersOpEenDatabase() async throws {
        let db = try Motoren.nieuw("postgres")
        // The docent's account through the real command, on the PostgreSQL database.
        let toevoegen = try draai(Repo.vip, ["gebruiker", "toevoegen"] + db.argumenten
                                  + ["--rol", "docent", "--email", "d@school.nl", "--naam", "Docent"])
        #expect(toevoegen.status == 0, "\(toevoegen.stderr)")
        let regel = try #require(toevoegen.stdout.split(separator: "\n").first { $0.hasPrefix("Wachtwoord: ") })
        let wachtwoord = String(regel.dropFirst("Wachtwoord: ".count))

        let leeg = Repo.tempDir("vip-pg-data")
        let a = try Server(data: leeg, extra: db.argumenten)
        let b = try Server(data: leeg, extra: db.argumenten)
        defer { for s in [a, b] where s.proces.isRunning { _ = s.stop(SIGTERM) } }
        #expect(a.poort != b.poort)

        // A session made on A works on B, for reading and for changing (with its CSRF token).
        let docent = try await Self.meldAan(a.poort, "d@school.nl", wachtwoord)
        let wie = try await ProcesTests.vraag(b.poort, "GET", "/api/sessie", headers: docent)
        #expect(wie.status == 200)
        #expect(wie.json["naam"] as? String == "Docent")
        let cursus = try await ProcesTests.vraag(b.poort, "POST", "/api/cursussen",
                                                 body: try Self.json(["naam": "C", "bijeenkomsten": ["2026-09-01"]]),
                                                 headers: docent)
        #expect(cursus.status == 201)
        let code = try #require(cursus.json["uitnodigingscode"] as? String)

        // A cursist signs up on A, signs in on B, makes an aanvraag on A.
        #expect(try await ProcesTests.vraag(a.poort, "POST", "/api/aanmelden", body: try Self.json([
            "uitnodigingscode": code, "naam": "Fatima", "email": "f@thuis.nl", "wachtwoord": "cursist-wachtwoord"])).status == 201)
        let cursist = try await Self.meldAan(b.poort, "f@thuis.nl", "cursist-wachtwoord")
        let basis = "formaat: vip-aanvraag/1\nproject:\n  titel: "
        let nieuw = try await ProcesTests.vraag(a.poort, "POST", "/api/aanvragen", body: Data((basis + "Eerste\n").utf8),
                                                headers: cursist)
        #expect(nieuw.status == 201)
        let id = try #require(nieuw.json["id"] as? Int)

        // Two PUTs on version 1, at the same time, one through each process.
        let metVersie = cursist.merging(["If-Match": "\"1\""]) { $1 }
        let (poortA, poortB) = (a.poort, b.poort)
        async let viaA = ProcesTests.vraag(poortA, "PUT", "/api/aanvragen/\(id)", body: Data((basis + "Via A\n").utf8),
                                           headers: metVersie)
        async let viaB = ProcesTests.vraag(poortB, "PUT", "/api/aanvragen/\(id)", body: Data((basis + "Via B\n").utf8),
                                           headers: metVersie)
        let (ra, rb) = try await (viaA, viaB)
        #expect([ra.status, rb.status].sorted() == [200, 412])
        let winnaar = ra.status == 200 ? "Via A" : "Via B"
        for server in [a, b] {
            let versies = try await ProcesTests.vraag(server.poort, "GET", "/api/aanvragen/\(id)/versies", headers: cursist)
            #expect(((try JSONSerialization.jsonObject(with: versies.body)) as? [Any])?.count == 2)
            let huidig = try await ProcesTests.vraag(server.poort, "GET", "/api/aanvragen/\(id)", headers: cursist)
            #expect(String(decoding: huidig.body, as: UTF8.self) == basis + winnaar + "\n")
            #expect(huidig.headers["etag"] == "\"2\"")
        }

        // The docent's side through both processes: an opmerking placed on A is seen on B, and
        // the cursus's progress on B shows the winning version.
        let opmerking = try await ProcesTests.vraag(a.poort, "POST", "/api/aanvragen/\(id)/opmerkingen",
                                                    body: try Self.json(["pad": "project.titel", "tekst": "Korter graag."]),
                                                    headers: docent)
        #expect(opmerking.status == 201)
        let gezien = try await ProcesTests.vraag(b.poort, "GET", "/api/aanvragen/\(id)/opmerkingen", headers: cursist)
        let lijst = (try JSONSerialization.jsonObject(with: gezien.body)) as? [[String: Any]] ?? []
        #expect(lijst.map { $0["tekst"] as? String } == ["Korter graag."])
        let cursusID = try #require(cursus.json["id"] as? Int)
        let voortgang = try await ProcesTests.vraag(b.poort, "GET", "/api/cursussen/\(cursusID)/voortgang", headers: docent)
        let rijen = (try JSONSerialization.jsonObject(with: voortgang.body)) as? [[String: Any]] ?? []
        #expect(rijen.map { $0["versie"] as? Int } == [2])

        // A version without fouten saved on A is approved on B; the organiser's event on A gives
        // its package on B, with that aanvraag admitted.
        let goed = try await ProcesTests.vraag(a.poort, "PUT", "/api/aanvragen/\(id)", body: Data(Repo.sample("buurtmoestuin.yaml")),
                                               headers: cursist.merging(["If-Match": "\"2\""]) { $1 })
        #expect(goed.status == 200)
        let keur = try await ProcesTests.vraag(b.poort, "POST", "/api/aanvragen/\(id)/goedkeuring",
                                               body: try Self.json(["versie": 3]), headers: docent)
        #expect(keur.status == 201, "\(String(decoding: keur.body, as: UTF8.self))")
        let na = try await ProcesTests.vraag(a.poort, "GET", "/api/cursussen/\(cursusID)/voortgang", headers: docent)
        let rij = ((try JSONSerialization.jsonObject(with: na.body)) as? [[String: Any]])?.first
        #expect(rij?["goedgekeurd"] as? Bool == true)
        let org = try draai(Repo.vip, ["gebruiker", "toevoegen"] + db.argumenten
                            + ["--rol", "organisator", "--email", "o@school.nl", "--naam", "Olga"])
        let orgWachtwoord = String(try #require(org.stdout.split(separator: "\n").first { $0.hasPrefix("Wachtwoord: ") })
            .dropFirst("Wachtwoord: ".count))
        let organisator = try await Self.meldAan(b.poort, "o@school.nl", orgWachtwoord)
        let evenement = try await ProcesTests.vraag(a.poort, "POST", "/api/evenementen",
                                                    body: Data(Evenementtekst.sample(cursussen: [Int64(cursusID)]).utf8),
                                                    headers: organisator)
        #expect(evenement.status == 201, "\(String(decoding: evenement.body, as: UTF8.self))")
        let evenementID = try #require(evenement.json["id"] as? Int)
        let pakket = try await ProcesTests.vraag(b.poort, "GET", "/api/evenementen/\(evenementID)/pakket", headers: organisator)
        #expect(pakket.status == 200)
        #expect(pakket.body.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(pakket.body.range(of: Data("toelating.csv".utf8)) != nil)

        // Signing out on B ends the session on A too.
        #expect(try await ProcesTests.vraag(b.poort, "DELETE", "/api/sessie", headers: cursist).status == 204)
        #expect(try await ProcesTests.vraag(a.poort, "GET", "/api/sessie", headers: cursist).status == 401)
        #expect(a.stop(SIGTERM) == 0)
        #expect(b.stop(SIGTERM) == 0)
    }

    /// The commands, both ways: SQLite → PostgreSQL → SQLite gives the same dump, byte for byte
    /// (what the dump holds is checked in `OverdrachtTests`).
    @Test func exporteerEnImporteerTussenDeMotoren() async throws {
        let sqlite = try Motoren.nieuw("sqlite")
        let postgres = try Motoren.nieuw("postgres")
        let terug = try Motoren.nieuw("sqlite")
        let o = try await sqlite.open()
        try await OverdrachtTests.vul(o)
        try await o.sluit()
        let map = Repo.tempDir("vip-export")
        let eerste = try draai(Repo.vip, ["server", "exporteer"] + sqlite.argumenten)
        #expect(eerste.status == 0, "\(eerste.stderr)")
        #expect(eerste.stderr.contains("Sessies"))
        let pad1 = map + "/1.export"
        try Data(eerste.stdout.utf8).write(to: URL(fileURLWithPath: pad1))

        let naarPostgres = try draai(Repo.vip, ["server", "importeer"] + postgres.argumenten + [pad1])
        #expect(naarPostgres.status == 0, "\(naarPostgres.stderr)")
        #expect(naarPostgres.stdout.contains("Geïmporteerd: gebruikers: 5"))
        // Not twice: the database is no longer empty.
        let nogmaals = try draai(Repo.vip, ["server", "importeer"] + postgres.argumenten + [pad1])
        #expect(nogmaals.status == 2)
        #expect(nogmaals.stderr.contains("niet leeg"), "\(nogmaals.stderr)")

        let tweede = try draai(Repo.vip, ["server", "exporteer"] + postgres.argumenten)
        #expect(tweede.status == 0, "\(tweede.stderr)")
        #expect(tweede.stdout == eerste.stdout)
        let pad2 = map + "/2.export"
        try Data(tweede.stdout.utf8).write(to: URL(fileURLWithPath: pad2))
        let naarSQLite = try draai(Repo.vip, ["server", "importeer"] + terug.argumenten + [pad2])
        #expect(naarSQLite.status == 0, "\(naarSQLite.stderr)")
        let derde = try draai(Repo.vip, ["server", "exporteer"] + terug.argumenten)
        #expect(derde.stdout == eerste.stdout)
    }
}

/// An older `vip` meets a database a newer one migrated: the commands refuse it in Dutch, exit 2,
/// and leave it as it is, on both engines.
@Suite struct OudereVipTests {
    @Test(arguments: Motoren.alle) func weigertEenNieuwereDatabase(_ motor: String) async throws {
        let db = try Motoren.nieuw(motor)
        let nieuwer = try await db.open(migraties: db.migraties + ["CREATE TABLE later (id BIGINT)"])
        try await nieuwer.sluit()
        for args in [["server", "--poort", "0"], ["server", "exporteer"],
                     ["gebruiker", "toevoegen", "--rol", "docent", "--email", "d@x.nl", "--naam", "D"]] {
            let r = try draai(Repo.vip, args + db.argumenten)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains("schemaversie \(Migraties.bekendeVersie + 1)"), "\(args): \(r.stderr)")
            #expect(r.stderr.contains("nieuwere vip"), "\(args): \(r.stderr)")
        }
        let weer = try await db.open(migraties: db.migraties + ["CREATE TABLE later (id BIGINT)"])
        #expect(try await weer.schemaVersie() == Migraties.bekendeVersie + 1)
        #expect(try await weer.aantalGebruikers() == 0)
        try await weer.sluit()
    }
}
