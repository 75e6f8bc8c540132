import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VIPKit
import VIPModel
@testable import VIPServer

/// Reminders, notifications, invitations and one-click unsubscribe (cursus.md, "Reminders and
/// notifications"), driven by the settable clock of `Omgeving`: it stands at 21 September 2026,
/// bijeenkomst 1 (14 September) has passed, 2 is on 28 September, 3 on 5 October.
@Suite struct HerinneringTests {
    typealias Klas = CursusTussenDeBijeenkomstenTests.Klas

    static let dag: TimeInterval = 24 * 3600
    /// Only a title: everything else due by a bijeenkomst is missing.
    static let alleenTitel = Array("formaat: vip-aanvraag/1\nproject:\n  titel: Samen moestuinieren\n".utf8)

    /// The class with mail on, Fatima with only a title, Sanne with a whole aanvraag, Kim with none.
    static func klas(_ motor: String = "sqlite", dagen: Int = 3) async throws -> (Klas, AanvraagRij) {
        var k = try await Klas(motor: motor)
        k.o = try await Omgeving(motor: motor) { c in
            Omgeving.metMail(&c)
            c.herinneringDagen = dagen
        }
        // The class again on the database with mail on (Klas made its own).
        let o = k.o
        k.docent = try await o.gebruiker(.docent, "docent@school.nl")
        k.collega = try await o.gebruiker(.docent, "collega@school.nl")
        k.cursus = try await o.opslag.maakCursus(naam: "Najaar", docent: k.docent.id,
                                                 bijeenkomsten: ["2026-09-14", "2026-09-28", "2026-10-05", "2026-10-12"],
                                                 uitnodigingscode: "NAJAAR-1", tijd: o.klok.nu)
        k.fatima = try await o.gebruiker(.cursist, "fatima@thuis.nl", cursus: k.cursus.id)
        k.sanne = try await o.gebruiker(.cursist, "sanne@thuis.nl", cursus: k.cursus.id)
        k.kim = try await o.gebruiker(.cursist, "kim@thuis.nl", cursus: k.cursus.id)
        let a = try await o.aanvraag(k.fatima, alleenTitel)
        _ = try await o.aanvraag(k.sanne)
        return (k, a)
    }

    /// Every mail waiting in the outbox, claimed (so a second call sees only newer ones).
    static func mails(_ o: Omgeving) async throws -> [Mailbericht] {
        var uit: [Mailbericht] = []
        let nu = o.klok.nu.addingTimeInterval(3600 * 24 * 365)
        while let m = try await o.opslag.claimMail(nu: nu, tot: nu.addingTimeInterval(3600), door: "test") {
            uit.append(m.bericht)
            try await o.opslag.markeerVerstuurd(id: m.id, door: "test", tijd: nu)
        }
        return uit
    }

    /// The labels a reminder lists (its lines "- label:").
    static func velden(_ m: Mailbericht) -> [String] {
        m.tekst.split(separator: "\n").filter { $0.hasPrefix("- ") }.map { String($0.dropFirst(2).dropLast()) }
    }

    static func herinneraar(_ o: Omgeving) -> Herinneraar { Herinneraar(diensten: o.diensten, logboek: .stil) }

    // MARK: Reminders

    @Test(arguments: Motoren.alle) func eenKeerPerCursistOokNaEenHerstart(_ motor: String) async throws {
        let (k, a) = try await Self.klas(motor)
        let o = k.o
        // 7 days before bijeenkomst 2: too early.
        #expect(await Self.herinneraar(o).rondeHerinneringen() == 0)
        // 4 days before: still too early; 3 days before: due.
        o.klok.verzet(3 * Self.dag)
        #expect(await Self.herinneraar(o).rondeHerinneringen() == 0)
        o.klok.verzet(Self.dag)
        #expect(await Self.herinneraar(o).rondeHerinneringen() == 1)
        let mails = try await Self.mails(o)
        try #require(mails.count == 1)
        let m = mails[0]
        #expect(m.aan.adres == "fatima@thuis.nl" && m.soort == "herinnering")
        #expect(m.onderwerp == "Herinnering: huiswerk voor bijeenkomst 2 op 28 september 2026")
        // Exactly the missing fields of bijeenkomsten 1 and 2, each with the link to its page.
        let open = Huiswerk.tot(bijeenkomst: 2).filter { $0.pad != "project.titel" }
        #expect(!open.isEmpty)
        #expect(Self.velden(m) == open.map(\.label))
        for h in open { #expect(m.tekst.contains("http://vip.voorbeeld.nl/aanvragen/\(a.id)/\(h.pagina)")) }
        for h in Huiswerk.tot(bijeenkomst: 4) where !open.contains(h) {
            #expect(!Self.velden(m).contains(h.label), "\(h.label)")
        }
        #expect(m.html.contains("href=\"http://vip.voorbeeld.nl/aanvragen/\(a.id)/\(open[0].pagina)\""))
        // RFC 8058 one-click unsubscribe.
        let lijst = try #require(m.koppen.first { $0.naam == "List-Unsubscribe" }?.waarde)
        #expect(lijst.hasPrefix("<http://vip.voorbeeld.nl/afmelden/") && lijst.hasSuffix(">"))
        #expect(m.koppen.contains(Mailkop("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")))

        // Again: nothing. After a "restart" (new services on the same database): nothing.
        #expect(await Self.herinneraar(o).rondeHerinneringen() == 0)
        let weer = Diensten(opslag: o.opslag, configuratie: o.diensten.kern.configuratie)
        #expect(await Herinneraar(diensten: weer, logboek: .stil).rondeHerinneringen() == 0)
        // On the day itself still nothing new for her.
        o.klok.verzet(3 * Self.dag)
        #expect(await Self.herinneraar(o).rondeHerinneringen() == 0)
        #expect(try await Self.mails(o).isEmpty)
        let rijen = try await o.opslag.herinneringen(cursus: k.cursus.id)
        #expect(rijen.map(\.cursist) == [k.fatima.id] && rijen.map(\.nr) == [2])
        // Bijeenkomst 3 (5 October), 3 days before: her second reminder, now with its fields too.
        o.klok.verzet(4 * Self.dag)
        #expect(await Self.herinneraar(o).rondeHerinneringen() == 1)
        let derde = try await Self.mails(o)
        #expect(derde.map(\.onderwerp) == ["Herinnering: huiswerk voor bijeenkomst 3 op 5 oktober 2026"])
        #expect(derde.first.map(Self.velden) == Huiswerk.tot(bijeenkomst: 3).filter { $0.pad != "project.titel" }.map(\.label))
    }

    @Test func hetVenster() async throws {
        // With --herinnering-dagen 0 only on the day itself.
        let (k, _) = try await Self.klas(dagen: 0)
        let h = HerinneringDienst(kern: k.o.diensten.kern)
        let nu = k.o.klok.nu
        #expect(h.teHerinneren(k.cursus, nu: nu) == nil)
        #expect(h.teHerinneren(k.cursus, nu: nu.addingTimeInterval(6 * Self.dag)) == nil)
        #expect(h.teHerinneren(k.cursus, nu: nu.addingTimeInterval(7 * Self.dag)) == 2)
        // The day after: bijeenkomst 3 is 6 days away.
        #expect(h.teHerinneren(k.cursus, nu: nu.addingTimeInterval(8 * Self.dag)) == nil)
        let (k3, _) = try await Self.klas(dagen: 3)
        let h3 = HerinneringDienst(kern: k3.o.diensten.kern)
        #expect((0...8).map { h3.teHerinneren(k3.cursus, nu: nu.addingTimeInterval(Double($0) * Self.dag)) }
            == [nil, nil, nil, nil, 2, 2, 2, 2, nil])
    }

    @Test func nietsAlsHetUitStaatOfZeAfgemeldIs() async throws {
        let (k, _) = try await Self.klas()
        let o = k.o
        o.klok.verzet(5 * Self.dag)
        // The cursus has reminders off: nothing, and "Nu versturen" says why (409).
        _ = try await o.diensten.cursussen.zetInstellingen(k.cursus, herinneringen: false, maxAfwezig: nil)
        #expect(await Self.herinneraar(o).rondeHerinneringen() == 0)
        try await o.test { c in
            let d = try await c.meldAan("docent@school.nl")
            let r = try await c.vraag(.post, "/api/cursussen/\(k.cursus.id)/herinneringen", als: d)
            #expect(r.status == .conflict && r.fout?.contains("Herinneringen staan uit") == true)
        }
        // On again, but Fatima turned them off: nothing for anyone (Sanne is done, Kim has none).
        _ = try await o.diensten.cursussen.zetInstellingen(k.cursus, herinneringen: true, maxAfwezig: nil)
        try await o.opslag.zetMailvoorkeuren(gebruiker: k.fatima.id, Mailvoorkeuren(herinneringen: false, meldingen: true))
        #expect(await Self.herinneraar(o).rondeHerinneringen() == 0)
        #expect(try await Self.mails(o).isEmpty)
        #expect(try await o.opslag.herinneringen(cursus: k.cursus.id).isEmpty)
        // On for her again: now hers.
        try await o.opslag.zetMailvoorkeuren(gebruiker: k.fatima.id, Mailvoorkeuren())
        #expect(await Self.herinneraar(o).rondeHerinneringen() == 1)
    }

    @Test func metMailUitNietsVastgelegd() async throws {
        let k = try await Klas()
        _ = try await k.o.aanvraag(k.fatima, Self.alleenTitel)
        k.o.klok.verzet(5 * Self.dag)
        #expect(await Self.herinneraar(k.o).rondeHerinneringen() == 0)
        try await k.o.test { c in
            let d = try await c.meldAan("docent@school.nl")
            let r = try await c.vraag(.post, "/api/cursussen/\(k.cursus.id)/herinneringen", als: d)
            #expect(r.status == .conflict && r.fout?.contains("mail uit") == true)
            let u = try await c.vraag(.post, "/api/cursussen/\(k.cursus.id)/uitnodigingen", als: d,
                                      json: ["emails": ["nieuw@thuis.nl"]])
            #expect(u.status == .conflict)
        }
        #expect(try await k.o.opslag.herinneringen(cursus: k.cursus.id).isEmpty)
        #expect(try await k.o.opslag.postbus(max: 0).wachtend == 0)
    }

    @Test func nuVersturenInDeAPIEnOpDePagina() async throws {
        let (k, _) = try await Self.klas()
        let o = k.o
        o.klok.verzet(4 * Self.dag)
        try await o.test { c in
            let d = try await c.meldAan("docent@school.nl")
            let p = "/api/cursussen/\(k.cursus.id)/herinneringen"
            let r = try await c.vraag(.post, p, als: d)
            #expect(r.status == .ok)
            #expect(r.object["verstuurd"] as? [Int] == [Int(k.fatima.id)])
            #expect(try await c.vraag(.post, p, als: d).object["verstuurd"] as? [Int] == [])
            // The course page says when it was sent, per cursist.
            let pagina = try await c.vraag(.get, "/cursussen/\(k.cursus.id)", als: d, headers: [.accept: "text/html"])
            #expect(pagina.tekst.contains("Herinnering bijeenkomst 2 verstuurd op 25 september 2026"))
            #expect(pagina.tekst.contains("Nu versturen"))
            // The form: nothing more to send, and the page says so.
            let f = try await c.vraag(.post, "/cursussen/\(k.cursus.id)/herinneringen", als: d, tekst: [],
                                      headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(f.status == .seeOther)
            #expect(f.headers[.location] == "/cursussen/\(k.cursus.id)?gedaan=herinneringen-0#herinneringen-kop")
            // A cursist of the cursus: 403, nothing sent.
            let fatima = try await c.meldAan("fatima@thuis.nl")
            #expect(try await c.vraag(.post, p, als: fatima).status == .forbidden)
        }
        // A new cursist who lacks fields: the form sends hers, and the page counts it.
        let nieuw = try await o.gebruiker(.cursist, "noor@thuis.nl", cursus: k.cursus.id)
        _ = try await o.aanvraag(nieuw, Self.alleenTitel)
        try await o.test { c in
            let d = try await c.meldAan("docent@school.nl")
            let f = try await c.vraag(.post, "/cursussen/\(k.cursus.id)/herinneringen", als: d, tekst: [],
                                      headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(f.headers[.location] == "/cursussen/\(k.cursus.id)?gedaan=herinneringen-1#herinneringen-kop")
            let pagina = try await c.vraag(.get, "/cursussen/\(k.cursus.id)?gedaan=herinneringen-1", als: d,
                                           headers: [.accept: "text/html"])
            #expect(pagina.tekst.contains("Er is 1 herinnering verstuurd."))
        }
    }

    @Test(.enabled(if: Motoren.postgresURL != nil, Comment(rawValue: Motoren.nietGedraaid)))
    func tweeProcessenOpPostgreSQL() async throws {
        let db = try Motoren.nieuw("postgres")
        let eerste = try await db.open(), tweede = try await db.open()
        let klok = Klok()
        func diensten(_ opslag: any Opslag) -> Diensten {
            var c = Omgeving.configuratie(map: Repo.tempDir(), klok: klok)
            Omgeving.metMail(&c)
            return Diensten(opslag: opslag, configuratie: c)
        }
        let a = diensten(eerste), b = diensten(tweede)
        let docent = try await eerste.maakGebruiker(email: "docent@school.nl", naam: "Docent", rol: .docent,
                                                    wachtwoordHash: "", cursus: nil, tijd: klok.nu)
        let cursus = try await eerste.maakCursus(naam: "Najaar", docent: docent.id, bijeenkomsten: ["2026-09-14", "2026-09-28"],
                                                 uitnodigingscode: "NAJAAR-2", tijd: klok.nu)
        var ids: [Int64] = []
        var aanvragen: [AanvraagRij] = []
        for i in 0..<25 {
            let g = try await eerste.maakGebruiker(email: "c\(i)@thuis.nl", naam: "Cursist \(i)", rol: .cursist,
                                                   wachtwoordHash: "", cursus: cursus.id, tijd: klok.nu)
            aanvragen.append(try await eerste.maakAanvraag(eigenaar: g.id, tekst: Self.alleenTitel,
                                                           afgeleid: Kern.afgeleid(a.kern.controleer(Self.alleenTitel)),
                                                           tijd: klok.nu))
            ids.append(g.id)
        }
        klok.verzet(5 * Self.dag)
        // Two processes at the same moment, a few times over.
        var totaal = 0
        for _ in 0..<3 {
            async let x = a.herinneringen.verstuurAlles()
            async let y = b.herinneringen.verstuurAlles()
            totaal += try await x + y
        }
        #expect(totaal == 25)
        #expect(try await eerste.postbus(max: 0).wachtend == 25)
        #expect(Set(try await tweede.herinneringen(cursus: cursus.id).map(\.cursist)) == Set(ids))
        // A notification bundle that both processes find due at once: written by one.
        for x in aanvragen.prefix(10) {
            try await eerste.voegMeldingToe(aanvraag: x.id, soort: .opmerking, door: docent.id, tekst: "Kan korter.",
                                            tijd: klok.nu)
        }
        var bundels = 0
        for _ in 0..<3 {
            async let x = a.meldingen.verstuur()
            async let y = b.meldingen.verstuur()
            bundels += try await x + y
        }
        #expect(bundels == 10)
        #expect(try await eerste.postbus(max: 0).wachtend == 35)
        try await eerste.sluit()
        try await tweede.sluit()
    }

    @Test func deDienstKijktBijDeStart() async throws {
        let (k, _) = try await Self.klas()
        k.o.klok.verzet(4 * Self.dag)
        let taak = Task { try await Self.herinneraar(k.o).run() }
        var gezien = 0
        for _ in 0..<100 where gezien == 0 {
            try await Task.sleep(for: .milliseconds(50))
            gezien = try await k.o.opslag.herinneringen(cursus: k.cursus.id).count
        }
        taak.cancel()
        #expect(gezien == 1)
    }

    // MARK: Notifications

    @Test(arguments: Motoren.alle) func meldingenGebundeldPerUur(_ motor: String) async throws {
        let (k, a) = try await Self.klas(motor)
        let o = k.o
        try await o.opslag.voegAuteurToe(aanvraag: a.id, gebruiker: k.sanne.id)
        try await o.test { c in
            let d = try await c.meldAan("docent@school.nl")
            let p = "/api/aanvragen/\(a.id)/opmerkingen"
            // The first opmerking goes out at once, to both authors.
            #expect(try await c.vraag(.post, p, als: d, json: ["pad": "project.doel", "tekst": "Eerste."]).status == .created)
            let eerste = try await Self.mails(o)
            #expect(Set(eerste.map(\.aan.adres)) == ["fatima@thuis.nl", "sanne@thuis.nl"])
            #expect(eerste.allSatisfy { $0.tekst.contains("“Eerste.”") && $0.soort == "melding" })
            #expect(eerste.allSatisfy { $0.koppen.contains(Mailkop("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")) })
            // Two more within the hour wait, also for the scheduled run.
            o.klok.verzet(600)
            _ = try await c.vraag(.post, p, als: d, json: ["pad": "", "tekst": "Tweede."])
            o.klok.verzet(600)
            _ = try await c.vraag(.post, p, als: d, json: ["pad": "brief", "tekst": "Derde."])
            #expect(await Self.herinneraar(o).rondeMeldingen() == 0)
            #expect(try await Self.mails(o).isEmpty)
            // An hour after the first mail: one mail per author naming both.
            o.klok.verzet(2400)
            #expect(await Self.herinneraar(o).rondeMeldingen() == 1)
            #expect(await Self.herinneraar(o).rondeMeldingen() == 0)
            let bundel = try await Self.mails(o)
            #expect(bundel.count == 2)
            for m in bundel {
                #expect(m.tekst.contains("“Tweede.”") && m.tekst.contains("“Derde.”") && !m.tekst.contains("“Eerste.”"))
                #expect(m.onderwerp.hasPrefix("2 nieuwe berichten"))
            }
            // More than an hour later, a goedkeuring: at once again, and Sanne turned them off.
            try await o.opslag.zetMailvoorkeuren(gebruiker: k.sanne.id, Mailvoorkeuren(herinneringen: true, meldingen: false))
            o.klok.verzet(3601)
            await o.diensten.meldingen.meld(a, soort: .goedkeuring, door: k.docent.id,
                                            tekst: MeldingDienst.tekst(goedkeuring: 1, door: k.docent))
            let derde = try await Self.mails(o)
            #expect(derde.map(\.aan.adres) == ["fatima@thuis.nl"])
            #expect(derde.first?.tekst.contains("versie 1 van uw aanvraag goedgekeurd") == true)
        }
    }

    /// The storage's promise, on both engines: a bundle is written once, and never within the hour
    /// of the aanvraag's last notification, however stale the caller's view.
    @Test(arguments: Motoren.alle) func eenBundelEenKeer(_ motor: String) async throws {
        let (k, a) = try await Self.klas(motor)
        let opslag = k.o.opslag, nu = k.o.klok.nu, grens = nu.addingTimeInterval(-3600)
        func uit(_ hash: String) -> UitgaandeMail {
            UitgaandeMail(gebruiker: k.fatima.id, mail: Mails.herstel(aan: k.fatima, link: "x"), afmeldHash: hash,
                          afmeldsoort: .meldingen)
        }
        try await opslag.voegMeldingToe(aanvraag: a.id, soort: .opmerking, door: k.docent.id, tekst: "Eén.", tijd: nu)
        let w = try await opslag.wachtendeMeldingen(aanvraag: nil, vorigeVoor: grens)
        #expect(w.map(\.tekst) == ["Eén."] && w.map(\.door) == [k.docent.id])
        #expect(try await opslag.schrijfMeldingmails(aanvraag: a.id, meldingen: w.map(\.id), mails: [uit("h1")],
                                                     vorigeVoor: grens, tijd: nu))
        // The same bundle again, as a process that read it before the first wrote it: nothing.
        #expect(try await !opslag.schrijfMeldingmails(aanvraag: a.id, meldingen: w.map(\.id), mails: [uit("h2")],
                                                      vorigeVoor: grens, tijd: nu))
        // A new one within the hour is not due; written anyway with a stale view: refused, and kept.
        try await opslag.voegMeldingToe(aanvraag: a.id, soort: .goedkeuring, door: k.docent.id, tekst: "Twee.",
                                        tijd: nu.addingTimeInterval(60))
        #expect(try await opslag.wachtendeMeldingen(aanvraag: a.id, vorigeVoor: grens.addingTimeInterval(60)).isEmpty)
        let later = try await opslag.wachtendeMeldingen(aanvraag: a.id, vorigeVoor: nu)
        #expect(later.map(\.tekst) == ["Twee."] && later.map(\.soort) == [.goedkeuring])
        #expect(try await !opslag.schrijfMeldingmails(aanvraag: a.id, meldingen: later.map(\.id), mails: [uit("h3")],
                                                      vorigeVoor: nu.addingTimeInterval(-1), tijd: nu.addingTimeInterval(60)))
        #expect(try await opslag.wachtendeMeldingen(aanvraag: a.id, vorigeVoor: nu).map(\.tekst) == ["Twee."])
        #expect(try await opslag.postbus(max: 0).wachtend == 1)
        #expect(try await opslag.afmeldtoken(hash: "h1")?.gebruiker == k.fatima.id)
        #expect(try await opslag.afmeldtoken(hash: "h2") == nil)
        #expect(try await opslag.afmeldtoken(hash: "h3") == nil)
    }

    @Test func eenMedecursistMeldtNietZichzelf() async throws {
        let (k, a) = try await Self.klas()
        let o = k.o
        try await o.opslag.zetGedeeld(aanvraag: a.id, gedeeld: true)
        try await o.test { c in
            let kim = try await c.meldAan("kim@thuis.nl")
            let r = try await c.vraag(.post, "/api/aanvragen/\(a.id)/opmerkingen", als: kim,
                                      json: ["pad": "", "tekst": "Mooi plan!"])
            #expect(r.status == .created)
        }
        let mails = try await Self.mails(o)
        #expect(mails.map(\.aan.adres) == ["fatima@thuis.nl"])
        #expect(mails.first?.tekst.contains("Medecursist Kim schreef een opmerking over de hele aanvraag") == true)
    }

    // MARK: Unsubscribe and settings

    @Test func afmeldenMetEenKlikZonderSessie() async throws {
        let (k, _) = try await Self.klas()
        let o = k.o
        o.klok.verzet(4 * Self.dag)
        #expect(await Self.herinneraar(o).rondeHerinneringen() == 1)
        let m = try #require(try await Self.mails(o).first)
        let kop = try #require(m.koppen.first { $0.naam == "List-Unsubscribe" }?.waarde)
        let pad = String(kop.dropFirst("<http://vip.voorbeeld.nl".count).dropLast())
        #expect(pad.hasPrefix("/afmelden/") && pad.count > "/afmelden/".count + 30)
        #expect(m.tekst.contains("http://vip.voorbeeld.nl" + pad))
        // Only the hash is stored.
        #expect(try await o.opslag.afmeldtoken(hash: String(pad.dropFirst("/afmelden/".count))) == nil)
        try await o.test { c in
            // GET shows a page with a button and turns nothing off (a link scanner may follow it).
            let pagina = try await c.vraag(.get, pad, headers: [.accept: "text/html"])
            #expect(pagina.status == .ok && pagina.tekst.contains("<form method=\"post\" action=\"\(pad)\""))
            #expect(pagina.tekst.contains("herinneringen aan het huiswerk"))
            #expect(try await o.opslag.mailvoorkeuren(gebruiker: k.fatima.id) == Mailvoorkeuren())
            // The mail program's one-click POST: no session, no CSRF token.
            let r = try await c.vraag(.post, pad, tekst: Array("List-Unsubscribe=One-Click".utf8),
                                      headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(r.status == .ok && r.tekst.contains("U bent afgemeld"))
            #expect(try await o.opslag.mailvoorkeuren(gebruiker: k.fatima.id)
                == Mailvoorkeuren(herinneringen: false, meldingen: true))
            // Again: still fine. An unknown token: 404.
            #expect(try await c.vraag(.post, pad, tekst: []).status == .ok)
            #expect(try await c.vraag(.post, "/afmelden/" + String(repeating: "a", count: 32), tekst: []).status == .notFound)
        }
        // Bijeenkomst 3 comes near: no reminder for her now.
        o.klok.verzet(7 * Self.dag)
        #expect(await Self.herinneraar(o).rondeHerinneringen() == 0)
    }

    @Test func accountpagina() async throws {
        let (k, _) = try await Self.klas()
        try await k.o.test { c in
            let f = try await c.meldAan("fatima@thuis.nl")
            let html: HTTPFields = [.accept: "text/html"]
            let pagina = try await c.vraag(.get, "/account", als: f, headers: html)
            #expect(pagina.status == .ok)
            #expect(pagina.tekst.contains("id=\"herinneringen\" name=\"herinneringen\" value=\"1\" checked"))
            #expect(pagina.tekst.contains("id=\"meldingen\" name=\"meldingen\" value=\"1\" checked"))
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .accept: "text/html"]
            // Without the CSRF token: 403, nothing changed.
            let zonder = try await c.vraag(.post, "/account", als: f, csrf: false, tekst: Array("meldingen=1".utf8),
                                           headers: form)
            #expect(zonder.status == .forbidden)
            #expect(try await k.o.opslag.mailvoorkeuren(gebruiker: k.fatima.id) == Mailvoorkeuren())
            let r = try await c.vraag(.post, "/account", als: f, tekst: Array("meldingen=1".utf8), headers: form)
            #expect(r.status == .ok && r.tekst.contains("Uw keuzes voor e-mail zijn opgeslagen."))
            #expect(try await k.o.opslag.mailvoorkeuren(gebruiker: k.fatima.id)
                == Mailvoorkeuren(herinneringen: false, meldingen: true))
            #expect(r.tekst.contains("id=\"herinneringen\" name=\"herinneringen\" value=\"1\">"))
        }
    }

    // MARK: Invitations

    @Test func uitnodigingenPerMail() async throws {
        let (k, _) = try await Self.klas()
        let o = k.o
        try await o.test { c in
            let d = try await c.meldAan("docent@school.nl")
            let p = "/api/cursussen/\(k.cursus.id)/uitnodigingen"
            // One invalid address: 422 in Dutch, nothing sent.
            let fout = try await c.vraag(.post, p, als: d, json: ["emails": ["noor@thuis.nl", "geen-adres"]])
            #expect(fout.status == .unprocessableContent && fout.fout?.contains("geen-adres") == true)
            #expect(try await o.opslag.postbus(max: 0).wachtend == 0)
            let teVeel = try await c.vraag(.post, p, als: d, json: ["emails": (0...100).map { "c\($0)@thuis.nl" }])
            #expect(teVeel.status == .unprocessableContent)
            #expect(try await c.vraag(.post, p, als: d, json: ["emails": [String]()]).status == .unprocessableContent)
            // An existing account and a new address get the same mail (no enumeration); a repeat once.
            let r = try await c.vraag(.post, p, als: d, json: ["emails": ["Noor@Thuis.nl", "fatima@thuis.nl", "noor@thuis.nl"]])
            #expect(r.status == .accepted && r.object["uitgenodigd"] as? Int == 2)
            let mails = try await Self.mails(o)
            #expect(mails.map(\.aan.adres).sorted() == ["fatima@thuis.nl", "noor@thuis.nl"])
            for m in mails {
                #expect(m.tekst.contains("NAJAAR-1"))
                #expect(m.tekst.contains("http://vip.voorbeeld.nl/registreren?code=NAJAAR-1"))
            }
            // The form on the course page.
            let f = try await c.vraag(.post, "/cursussen/\(k.cursus.id)/uitnodigingen", als: d,
                                      tekst: Array("emails=a%40thuis.nl%0D%0Ab%40thuis.nl%2C+c%40thuis.nl".utf8),
                                      headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(f.headers[.location] == "/cursussen/\(k.cursus.id)?gedaan=uitnodigingen-3#uitnodigen-kop")
            #expect(try await Self.mails(o).count == 3)
        }
    }
}
