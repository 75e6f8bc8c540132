import Foundation
import Testing
@testable import VIPServer

/// A transport that records what it was given, and fails while `stuk` is set.
final class NepVervoer: Mailvervoer, @unchecked Sendable {
    private let lock = NSLock()
    private var _ontvangen: [(aan: String, bericht: String)] = []
    private var _stuk: Bezorgfout?
    var ontvangen: [(aan: String, bericht: String)] { lock.withLock { _ontvangen } }
    var stuk: Bezorgfout? {
        get { lock.withLock { _stuk } }
        set { lock.withLock { _stuk = newValue } }
    }

    func verstuur(_ bericht: [UInt8], van: String, aan: String) async throws(Bezorgfout) {
        if let f = stuk { throw f }
        lock.withLock { _ontvangen.append((aan, String(decoding: bericht, as: UTF8.self))) }
    }
}

/// The outbox worker with a fake transport and a clock the test moves: sending, growing waits,
/// giving up after 48 hours, a refusal, and two workers on one database.
@Suite struct PostbodeTests {
    static func postbode(_ o: any Opslag, _ v: NepVervoer, _ klok: Klok, logboek: Logboek = .stil) -> Postbode {
        Postbode(opslag: o, vervoer: v, afzender: Mailadres("VIP <vip@voorbeeld.nl>")!, klok: { klok.nu }, wekker: Wekker(),
                 logboek: logboek, meters: nil)
    }

    @Test(arguments: Motoren.alle) func verstuurtEnWistDeInhoud(_ motor: String) async throws {
        try await Motoren.met(motor) { o in
            let klok = Klok()
            let v = NepVervoer()
            let id = try await o.zetInPostbus(PostvakContractTests.mail(1), tijd: klok.nu)
            #expect(await Self.postbode(o, v, klok).werkAf() == 1)
            #expect(v.ontvangen.count == 1 && v.ontvangen[0].aan == "r1@x.nl")
            #expect(v.ontvangen[0].bericht.contains("Subject: Bericht 1"))
            let stand = try await o.postbus(max: 10)
            #expect(stand.wachtend == 0 && stand.verstuurd == 1)
            // What was sent is history without its body: the link with its token is gone.
            var rijen: [[Waarde]] = []
            let verzamel = Verzamelaar()
            try await o.leesAlles(Schema.overgedragen(in: Migraties.bekendeVersie).filter { $0.naam == "postvak_uit" }) { _, rij in
                verzamel.voegToe(rij)
            }
            rijen = verzamel.rijen
            #expect(rijen.count == 1)
            #expect(!rijen[0].contains(.tekst(PostvakContractTests.mail(1).tekst)))
            _ = id
            #expect(await Self.postbode(o, v, klok).werkAf() == 0, "nothing twice")
        }
    }

    @Test func groeiendeWachttijdenEnOpgevenNa48Uur() async throws {
        try await Motoren.met("sqlite") { o in
            let klok = Klok()
            let v = NepVervoer()
            v.stuk = Bezorgfout("Geen verbinding")
            try await o.zetInPostbus(PostvakContractTests.mail(1), tijd: klok.nu)
            let p = Self.postbode(o, v, klok)
            let begin = klok.nu
            var pogingen = 0
            var tijden: [TimeInterval] = []
            while try await o.postbus(max: 1).wachtend == 1 && pogingen < 200 {
                #expect(await p.werkAf() == 1)
                pogingen += 1
                tijden.append(klok.nu.timeIntervalSince(begin))
                // Not a second before its time.
                klok.verzet(Postbode.wachttijd(naPoging: pogingen) - 1)
                #expect(await p.werkAf() == 0)
                klok.verzet(1)
            }
            // First attempt at once, the second within 30 s, then doubling waits up to an hour,
            // until 48 hours have passed.
            #expect(tijden[0] == 0 && tijden[1] <= 30)
            #expect(tijden.last! >= 47 * 3600 && tijden.last! <= 48 * 3600 + 60)
            #expect(pogingen > 40 && pogingen < 70)
            let stand = try await o.postbus(max: 1)
            #expect(stand.aantalMislukt == 1 && stand.mislukt[0].fout == "Geen verbinding" && stand.mislukt[0].pogingen == pogingen)
            // The mail server is back: nothing more goes out for a failed mail.
            v.stuk = nil
            klok.verzet(3600)
            #expect(await p.werkAf() == 0 && v.ontvangen.isEmpty)
        }
    }

    @Test func eenWeigeringFaaltMeteen() async throws {
        try await Motoren.met("sqlite") { o in
            let klok = Klok()
            let v = NepVervoer()
            v.stuk = Bezorgfout("550 onbekende ontvanger", blijvend: true)
            try await o.zetInPostbus(PostvakContractTests.mail(1), tijd: klok.nu)
            #expect(await Self.postbode(o, v, klok).werkAf() == 1)
            #expect(try await o.postbus(max: 1).aantalMislukt == 1)
        }
    }

    /// Two workers (two processes' worth: their own storage connections) on one database: every
    /// mail is sent once.
    @Test(arguments: Motoren.alle) func tweePostbodesElkeMailEenmaal(_ motor: String) async throws {
        let db = try Motoren.nieuw(motor)
        let a = try await db.open(), b = try await db.open()
        let klok = Klok()
        let v = NepVervoer()
        for n in 0..<40 { try await a.zetInPostbus(PostvakContractTests.mail(n), tijd: klok.nu) }
        async let x = Self.postbode(a, v, klok).werkAf()
        async let y = Self.postbode(b, v, klok).werkAf()
        let (nx, ny) = await (x, y)
        #expect(nx + ny == 40)
        #expect(v.ontvangen.count == 40 && Set(v.ontvangen.map(\.aan)).count == 40)
        try await a.sluit()
        try await b.sluit()
    }

    @Test func logNoemtGeenAdres() async throws {
        try await Motoren.met("sqlite") { o in
            let klok = Klok()
            let v = NepVervoer()
            let regels = Verzamelaar()
            try await o.zetInPostbus(PostvakContractTests.mail(1), tijd: klok.nu)
            v.stuk = Bezorgfout("550 <r1@x.nl>: onbekend")
            await Self.postbode(o, v, klok, logboek: Logboek(formaat: .json) { regels.voegToe([.tekst($0)]) }).werkAf()
            v.stuk = nil
            klok.verzet(60)
            await Self.postbode(o, v, klok, logboek: Logboek { regels.voegToe([.tekst($0)]) }).werkAf()
            let tekst = regels.rijen.map { "\($0)" }.joined(separator: "\n")
            #expect(regels.rijen.count == 2)
            #expect(!tekst.contains("@"))
            #expect(tekst.contains("\\\"uitkomst\\\":\\\"later\\\"") && tekst.contains("uitkomst=verstuurd"))
        }
    }
}

final class Verzamelaar: @unchecked Sendable {
    private let lock = NSLock()
    private var _rijen: [[Waarde]] = []
    var rijen: [[Waarde]] { lock.withLock { _rijen } }
    func voegToe(_ r: [Waarde]) { lock.withLock { _rijen.append(r) } }
}
