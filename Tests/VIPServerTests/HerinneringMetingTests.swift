import Foundation
import Testing
@testable import VIPServer

/// The figure of the README: one reminder run for 1,000 cursisten on SQLite (every cursist with
/// a title-only aanvraag, so each gets a mail). Runs only with `VIP_METING_HERINNERINGEN=1`
/// (`scripts/herinneringen-meting.sh`); the number of cursisten from `VIP_METING_CURSISTEN`.
@Suite struct HerinneringMetingTests {
    static var aan: Bool { ProcessInfo.processInfo.environment["VIP_METING_HERINNERINGEN"] == "1" }

    @Test(.enabled(if: aan, "alleen met VIP_METING_HERINNERINGEN=1")) func rondeVoorDuizendCursisten() async throws {
        let n = Int(ProcessInfo.processInfo.environment["VIP_METING_CURSISTEN"] ?? "") ?? 1000
        let o = try Omgeving(Omgeving.metMail)
        let docent = try await o.gebruiker(.docent, "docent@school.nl")
        let cursus = try await o.opslag.maakCursus(naam: "Meting", docent: docent.id, bijeenkomsten: ["2026-09-14", "2026-09-28"],
                                                   uitnodigingscode: "METING", tijd: o.klok.nu)
        let tekst = HerinneringTests.alleenTitel
        let afgeleid = Kern.afgeleid(try await o.diensten.kern.controleer(tekst))
        for i in 0..<n {
            let g = try await o.opslag.maakGebruiker(email: "c\(i)@thuis.nl", naam: "Cursist \(i)", rol: .cursist,
                                                     wachtwoordHash: "", cursus: cursus.id, tijd: o.klok.nu)
            _ = try await o.opslag.maakAanvraag(eigenaar: g.id, tekst: tekst, afgeleid: afgeleid, tijd: o.klok.nu)
        }
        o.klok.verzet(4 * 24 * 3600)
        let h = Herinneraar(diensten: o.diensten, logboek: .stil)
        let begin = ContinuousClock.now
        let geschreven = await h.rondeHerinneringen()
        let eerste = ContinuousClock.now - begin
        let tweedeBegin = ContinuousClock.now
        let weer = await h.rondeHerinneringen()
        let tweede = ContinuousClock.now - tweedeBegin
        let wachtend = try await o.opslag.postbus(max: 0).wachtend
        #expect(geschreven == n && weer == 0 && wachtend == n)
        func ms(_ d: Duration) -> String { String(format: "%.0f ms", Double(d.components.seconds) * 1000
            + Double(d.components.attoseconds) / 1e15) }
        print("METING herinneringen: \(n) cursisten, \(geschreven) mails in het postvak in \(ms(eerste)); "
            + "tweede ronde (niets te doen): \(ms(tweede))")
    }
}
