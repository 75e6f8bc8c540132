import Foundation
import Testing
@testable import VIPServer

/// The storage contract of issue 18 on every engine: one-time links, invitations with their mail
/// in one transaction, blocking, and the outbox's claims and leases (several workers, never the
/// same mail twice).
@Suite struct PostvakContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    static func mail(_ n: Int) -> Mailbericht {
        Mailbericht(soort: "test", aan: Mailadres(naam: "Ontvanger \(n)", adres: "r\(n)@x.nl"), onderwerp: "Bericht \(n)",
                    tekst: "Tekst \(n) met link https://vip.test/wachtwoord-herstellen/geheim", html: "<p>Tekst \(n)</p>")
    }

    @Test(arguments: Motoren.alle) func tokensEenmaalBruikbaar(_ motor: String) async throws {
        try await Motoren.met(motor) { o in
            let g = try await o.maakGebruiker(email: "c@x.nl", naam: "C", rol: .cursist, wachtwoordHash: "oud", cursus: nil,
                                              tijd: Self.t0)
            try await o.maakSessie(Sessie(tokenHash: "s1", gebruiker: g.id, csrf: "c", verloopt: Self.t0.addingTimeInterval(3600)))
            let t = Eenmalig(tokenHash: "h1", gebruiker: g.id, soort: .herstel, verloopt: Self.t0.addingTimeInterval(3600))
            try await o.maakToken(t, mail: Self.mail(1), tijd: Self.t0)
            #expect(try await o.postbus(max: 10).wachtend == 1, "the mail is written with the token")
            #expect(try await o.token(hash: "h1", nu: Self.t0) == t)
            #expect(try await o.token(hash: "h1", nu: Self.t0.addingTimeInterval(3600)) == nil, "expired")
            #expect(try await o.gebruikToken(hash: "h1", nu: Self.t0.addingTimeInterval(3601), wachtwoordHash: "nieuw") == nil)
            #expect(try await o.gebruikToken(hash: "h1", nu: Self.t0.addingTimeInterval(10), wachtwoordHash: "nieuw") == g.id)
            #expect(try await o.gebruiker(id: g.id)?.wachtwoordHash == "nieuw")
            #expect(try await o.sessie(tokenHash: "s1", nu: Self.t0) == nil, "every session ended")
            #expect(try await o.gebruikToken(hash: "h1", nu: Self.t0.addingTimeInterval(20), wachtwoordHash: "derde") == nil,
                    "used once")
            #expect(try await o.token(hash: "h1", nu: Self.t0) == nil)

            // Ten requests with one token at once: exactly one sets the password.
            try await o.maakToken(Eenmalig(tokenHash: "h2", gebruiker: g.id, soort: .herstel,
                                           verloopt: Self.t0.addingTimeInterval(3600)), mail: nil, tijd: Self.t0)
            let gelukt = try await withThrowingTaskGroup(of: Int64?.self) { groep in
                for i in 0..<10 { groep.addTask { try await o.gebruikToken(hash: "h2", nu: Self.t0, wachtwoordHash: "p\(i)") } }
                var n = 0
                for try await r in groep where r != nil { n += 1 }
                return n
            }
            #expect(gelukt == 1)
        }
    }

    @Test(arguments: Motoren.alle) func uitnodigingMetMailInEenTransactie(_ motor: String) async throws {
        try await Motoren.met(motor) { o in
            let d = try await o.nodigUit(email: "d@x.nl", naam: "Daan", rol: .docent, tokenHash: "t1",
                                         verloopt: Self.t0.addingTimeInterval(7 * 86400), mail: Self.mail(1), tijd: Self.t0)
            #expect(d.rol == .docent && !d.heeftWachtwoord)
            #expect(try await o.gebruiker(email: "d@x.nl")?.heeftWachtwoord == false)
            #expect(try await o.token(hash: "t1", nu: Self.t0)?.soort == .instellen)
            #expect(try await o.postbus(max: 10).wachtend == 1)
            // A taken address stores nothing: no account, no token, no mail.
            await #expect(throws: OpslagFout.emailBestaat) {
                _ = try await o.nodigUit(email: "d@x.nl", naam: "Ander", rol: .organisator, tokenHash: "t2",
                                         verloopt: Self.t0.addingTimeInterval(60), mail: Self.mail(2), tijd: Self.t0)
            }
            #expect(try await o.token(hash: "t2", nu: Self.t0) == nil)
            #expect(try await o.postbus(max: 10).wachtend == 1)
            // Without mail (mail off): the account and its token only.
            _ = try await o.nodigUit(email: "o@x.nl", naam: "Olga", rol: .organisator, tokenHash: "t3",
                                     verloopt: Self.t0.addingTimeInterval(60), mail: nil, tijd: Self.t0)
            #expect(try await o.postbus(max: 10).wachtend == 1)
            #expect(try await o.gebruikers().map(\.email) == ["d@x.nl", "o@x.nl"])
        }
    }

    @Test(arguments: Motoren.alle) func blokkerenBeeindigtSessies(_ motor: String) async throws {
        try await Motoren.met(motor) { o in
            let g = try await o.maakGebruiker(email: "c@x.nl", naam: "C", rol: .docent, wachtwoordHash: "h", cursus: nil,
                                              tijd: Self.t0)
            try await o.maakSessie(Sessie(tokenHash: "s", gebruiker: g.id, csrf: "c", verloopt: Self.t0.addingTimeInterval(60)))
            try await o.zetLaatstIngelogd(gebruiker: g.id, tijd: Self.t0)
            #expect(try await o.gebruiker(id: g.id)?.laatstIngelogd == Self.t0)
            #expect(try await o.zetGeblokkeerd(gebruiker: g.id, true)?.geblokkeerd == true)
            #expect(try await o.sessie(tokenHash: "s", nu: Self.t0) == nil)
            try await o.maakSessie(Sessie(tokenHash: "s2", gebruiker: g.id, csrf: "c", verloopt: Self.t0.addingTimeInterval(60)))
            #expect(try await o.sessie(tokenHash: "s2", nu: Self.t0) == nil, "a blocked account has no working session")
            #expect(try await o.zetGeblokkeerd(gebruiker: g.id, false)?.geblokkeerd == false)
            #expect(try await o.sessie(tokenHash: "s2", nu: Self.t0) != nil)
            #expect(try await o.zetGeblokkeerd(gebruiker: 999, true) == nil)
        }
    }

    /// Several mails in one transaction: all or none. The engine refuses one of them (a trigger
    /// stands in for a failure halfway, a full disk or a lost connection): nothing is stored.
    @Test(arguments: Motoren.alle) func eenPartijMailsHeelOfNiets(_ motor: String) async throws {
        try await Motoren.met(motor) { o in
            #expect(try await o.zetInPostbus([], tijd: Self.t0).isEmpty)
            let ids = try await o.zetInPostbus([Self.mail(1), Self.mail(2), Self.mail(3)], tijd: Self.t0)
            #expect(ids.count == 3 && ids == ids.sorted() && Set(ids).count == 3)
            #expect(try await o.postbus(max: 10).wachtend == 3)
            try await Self.weigerBijInvoegen(o)
            let weiger = Mailbericht(soort: "test", aan: Mailadres(naam: "W", adres: "weiger@x.nl"), onderwerp: "W",
                                     tekst: "W", html: "<p>W</p>")
            await #expect(throws: (any Error).self) {
                try await o.zetInPostbus([Self.mail(4), weiger, Self.mail(5)], tijd: Self.t0)
            }
            #expect(try await o.postbus(max: 10).wachtend == 3, "nothing of the refused batch is stored")
            var geclaimd: [String] = []
            while let m = try await o.claimMail(nu: Self.t0, tot: Self.t0.addingTimeInterval(60), door: "A") {
                geclaimd.append(m.bericht.aan.adres)
            }
            #expect(geclaimd == ["r1@x.nl", "r2@x.nl", "r3@x.nl"])
        }
    }

    /// Makes the engine refuse every new outbox row for weiger@x.nl.
    static func weigerBijInvoegen(_ o: any Opslag) async throws {
        if let s = o as? SQLiteOpslag {
            try await s.pool.write { db in
                try db.execute(sql: """
                    CREATE TRIGGER weiger BEFORE INSERT ON postvak_uit WHEN NEW.aan = 'weiger@x.nl'
                    BEGIN SELECT RAISE(ABORT, 'geweigerd'); END
                    """)
            }
        } else if let p = o as? PostgresOpslag {
            try await p.voerUit("""
                CREATE OR REPLACE FUNCTION weiger() RETURNS trigger AS $$
                BEGIN IF NEW.aan = 'weiger@x.nl' THEN RAISE EXCEPTION 'geweigerd'; END IF; RETURN NEW; END
                $$ LANGUAGE plpgsql
                """)
            try await p.voerUit("CREATE TRIGGER weiger BEFORE INSERT ON postvak_uit FOR EACH ROW EXECUTE FUNCTION weiger()")
        } else {
            Issue.record("unknown engine \(type(of: o))")
        }
    }

    @Test(arguments: Motoren.alle) func claimsEnLeases(_ motor: String) async throws {
        try await Motoren.met(motor) { o in
            let id = try await o.zetInPostbus(Self.mail(1), tijd: Self.t0)
            let a = try #require(try await o.claimMail(nu: Self.t0, tot: Self.t0.addingTimeInterval(300), door: "A"))
            #expect(a.id == id && a.bericht == Self.mail(1).metID(a.bericht.messageID) && a.pogingen == 0)
            #expect(try await o.claimMail(nu: Self.t0.addingTimeInterval(10), tot: Self.t0.addingTimeInterval(310), door: "B") == nil,
                    "leased to A")
            // A's process died: after the lease B may claim it; A's late answer changes nothing.
            let b = try #require(try await o.claimMail(nu: Self.t0.addingTimeInterval(301), tot: Self.t0.addingTimeInterval(601),
                                                       door: "B"))
            #expect(b.id == id)
            try await o.markeerVerstuurd(id: id, door: "A", tijd: Self.t0)
            #expect(try await o.postbus(max: 10).wachtend == 1)
            // B fails once: tried again later, not before.
            try await o.markeerPoging(id: id, door: "B", fout: "421 druk", volgende: Self.t0.addingTimeInterval(400),
                                      tijd: Self.t0.addingTimeInterval(302))
            #expect(try await o.claimMail(nu: Self.t0.addingTimeInterval(399), tot: Self.t0.addingTimeInterval(999), door: "B") == nil)
            let c = try #require(try await o.claimMail(nu: Self.t0.addingTimeInterval(400), tot: Self.t0.addingTimeInterval(700),
                                                       door: "C"))
            #expect(c.pogingen == 1)
            try await o.markeerVerstuurd(id: id, door: "C", tijd: Self.t0.addingTimeInterval(401))
            let stand = try await o.postbus(max: 10)
            #expect(stand.wachtend == 0 && stand.verstuurd == 1 && stand.mislukt.isEmpty)

            // Failed for good: shown with its error and attempts; its body is gone.
            let id2 = try await o.zetInPostbus(Self.mail(2), tijd: Self.t0)
            _ = try #require(try await o.claimMail(nu: Self.t0, tot: Self.t0.addingTimeInterval(300), door: "A"))
            try await o.markeerPoging(id: id2, door: "A", fout: "550 onbekend", volgende: nil, tijd: Self.t0)
            let na = try await o.postbus(max: 10)
            #expect(na.aantalMislukt == 1 && na.mislukt.first?.aan == "r2@x.nl" && na.mislukt.first?.fout == "550 onbekend"
                    && na.mislukt.first?.pogingen == 1)
            let rijen = try await o.tabelGroottes()
            #expect(rijen["postvak_uit"] == 2)
        }
    }

    @Test(arguments: Motoren.alle) func wekkenBijDeStart(_ motor: String) async throws {
        try await Motoren.met(motor) { o in
            let id = try await o.zetInPostbus(Self.mail(1), tijd: Self.t0)
            _ = try await o.claimMail(nu: Self.t0, tot: Self.t0.addingTimeInterval(300), door: "A")
            try await o.markeerPoging(id: id, door: "A", fout: "weg", volgende: Self.t0.addingTimeInterval(3600), tijd: Self.t0)
            #expect(try await o.claimMail(nu: Self.t0.addingTimeInterval(1), tot: Self.t0.addingTimeInterval(300), door: "A") == nil)
            try await o.wekPostbus(nu: Self.t0.addingTimeInterval(1))
            #expect(try await o.claimMail(nu: Self.t0.addingTimeInterval(1), tot: Self.t0.addingTimeInterval(300), door: "A")?.id == id)
        }
    }

    /// Four workers (two connections each on PostgreSQL) claim 60 mails at once: every mail is
    /// claimed exactly once.
    @Test(arguments: Motoren.alle) func gelijktijdigeClaimsNooitDubbel(_ motor: String) async throws {
        let db = try Motoren.nieuw(motor)
        let opslagen = [try await db.open(), try await db.open()]
        for n in 0..<60 { try await opslagen[0].zetInPostbus(Self.mail(n), tijd: Self.t0) }
        let ids = try await withThrowingTaskGroup(of: [Int64].self) { groep in
            for w in 0..<4 {
                let o = opslagen[w % 2]
                groep.addTask {
                    var mijn: [Int64] = []
                    while let m = try await o.claimMail(nu: Self.t0, tot: Self.t0.addingTimeInterval(300), door: "W\(w)") {
                        mijn.append(m.id)
                        try await o.markeerVerstuurd(id: m.id, door: "W\(w)", tijd: Self.t0)
                    }
                    return mijn
                }
            }
            var alle: [Int64] = []
            for try await m in groep { alle += m }
            return alle
        }
        #expect(ids.count == 60 && Set(ids).count == 60)
        #expect(try await opslagen[0].postbus(max: 0).verstuurd == 60)
        for o in opslagen { try await o.sluit() }
    }
}

extension Mailbericht {
    func metID(_ id: String) -> Mailbericht {
        var m = self
        m.messageID = id
        return m
    }
}
