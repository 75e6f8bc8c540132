import Foundation
import Testing
import VIPKit
import VIPModel
import VIPTestSupport
@testable import VIPServer

/// The check results kept in memory: a hit only for the same text, register and day; the
/// least recently used go first; a text's result is the same as a fresh check.
@Suite struct ControlecacheTests {
    static let checker = Checker()

    static func check(_ tekst: [UInt8]) -> CheckResultaat { Kern.controleer(tekst, checker) }

    @Test func eenTrefferAlleenVoorDezelfdeTekstRegisterEnDag() {
        let cache = Controlecache()
        let tekst = Array(Repo.sample("buurtmoestuin.yaml"))
        let vandaag = Datum(jaar: 2026, maand: 12, dag: 6)
        let sleutel = Controlecache.sleutel(tekst, register: 1, datum: vandaag)
        #expect(cache.zoek(sleutel, tekst: tekst) == nil)
        let vers = Self.check(tekst)
        cache.bewaar(sleutel, tekst: tekst, vers)
        let uitGeheugen = cache.zoek(sleutel, tekst: tekst)
        #expect(uitGeheugen.map { CheckReport.json($0) } == CheckReport.json(vers))
        // Another register version, another day, or one byte more: no hit.
        #expect(cache.zoek(Controlecache.sleutel(tekst, register: 2, datum: vandaag), tekst: tekst) == nil)
        #expect(cache.zoek(Controlecache.sleutel(tekst, register: 1, datum: Datum(jaar: 2026, maand: 12, dag: 7)),
                           tekst: tekst) == nil)
        let anders = tekst + Array("\n".utf8)
        #expect(cache.zoek(Controlecache.sleutel(anders, register: 1, datum: vandaag), tekst: anders) == nil)
        // A text that claims the key of another (a hash collision) is compared byte for byte.
        #expect(cache.zoek(sleutel, tekst: anders) == nil)
        #expect(cache.treffers == 1)
    }

    @Test func deMinstRecentGebruiktenGaanEerst() {
        let cache = Controlecache(maximum: 2)
        let r = Self.check(Array("formaat: vip-aanvraag/1\n".utf8))
        let teksten = (0..<3).map { Array("# \($0)\n".utf8) }
        let sleutels = teksten.map { Controlecache.sleutel($0, register: 0, datum: nil) }
        cache.bewaar(sleutels[0], tekst: teksten[0], r)
        cache.bewaar(sleutels[1], tekst: teksten[1], r)
        _ = cache.zoek(sleutels[0], tekst: teksten[0])  // 0 is used again, 1 is now the oldest
        cache.bewaar(sleutels[2], tekst: teksten[2], r)
        #expect(cache.aantal == 2)
        #expect(cache.zoek(sleutels[0], tekst: teksten[0]) != nil)
        #expect(cache.zoek(sleutels[1], tekst: teksten[1]) == nil)
        #expect(cache.zoek(sleutels[2], tekst: teksten[2]) != nil)
    }

    @Test func eenGroteTekstBlijftNietInHetGeheugen() {
        let cache = Controlecache(maximum: 10, maximumBytes: 1000)
        let groot = [UInt8](repeating: UInt8(ascii: "#"), count: 400)
        let sleutel = Controlecache.sleutel(groot, register: 0, datum: nil)
        cache.bewaar(sleutel, tekst: groot, Self.check(groot))
        #expect(cache.aantal == 0)
    }
}

/// Through the server: after a save, the editor page, the check API and a second page view
/// of the same version run no checklist; a new version is checked once.
@Suite struct ControlecacheRouteTests {
    @Test func eenOpgeslagenVersieWordtNietOpnieuwGecontroleerd() async throws {
        let o = try await Omgeving(motor: "sqlite")
        let fatima = try await o.gebruiker(.cursist, "fatima@thuis.nl")
        let tekst = Array(Repo.sample("buurtmoestuin.yaml"))
        try await o.test { c in
            let f = try await c.meldAan("fatima@thuis.nl")
            let gemaakt = try await c.vraag(.post, "/api/aanvragen", als: f, tekst: tekst,
                                            headers: [.contentType: "application/yaml"])
            #expect(gemaakt.status == .created)
            let id = gemaakt.object["id"] as! Int
            let cache = o.diensten.kern.controles
            let missersNaOpslaan = cache.missers
            for pad in ["/aanvragen/\(id)/hoofdlijnen", "/aanvragen/\(id)/begroting", "/api/aanvragen/\(id)/check"] {
                let r = try await c.vraag(.get, pad, als: f)
                #expect(r.status == .ok, "\(pad)")
            }
            #expect(cache.missers == missersNaOpslaan, "geen nieuwe controle voor een versie die al gecontroleerd is")
            #expect(cache.treffers >= 3)
            // A new version: checked once when saved, then read from memory.
            let nieuw = tekst + Array("# een opmerking\n".utf8)
            let opgeslagen = try await c.vraag(.put, "/api/aanvragen/\(id)", als: f, tekst: nieuw,
                                               headers: [.contentType: "application/yaml", .ifMatch: "\"1\""])
            #expect(opgeslagen.status == .ok)
            let missersNaNieuw = cache.missers
            #expect(missersNaNieuw == missersNaOpslaan + 1)
            _ = try await c.vraag(.get, "/aanvragen/\(id)/hoofdlijnen", als: f)
            #expect(cache.missers == missersNaNieuw)
        }
        _ = fatima
    }
}
