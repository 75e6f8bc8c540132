import Foundation
import Testing
import VIPKit
import VIPTestSupport
@testable import VIPServer

/// Packages built once per version, formats, concept, register and day: the same bytes from
/// memory, a new build for a new version or other options, and a bounded folder count on disk.
@Suite struct PakketcacheTests {
    @Test func hetzelfdePakketWordtEenKeerGebouwd() async throws {
        let o = try await Omgeving(motor: "sqlite")
        _ = try await o.gebruiker(.cursist, "fatima@thuis.nl")
        let tekst = Array(Repo.sample("buurtmoestuin.yaml"))
        try await o.test { c in
            let f = try await c.meldAan("fatima@thuis.nl")
            let gemaakt = try await c.vraag(.post, "/api/aanvragen", als: f, tekst: tekst,
                                            headers: [.contentType: "application/yaml"])
            let id = gemaakt.object["id"] as! Int
            let cache = o.diensten.kern.pakketten
            let eerste = try await c.vraag(.post, "/api/aanvragen/\(id)/pakket?formaat=odt", als: f)
            #expect(eerste.status == .ok && cache.gebouwd == 1)
            let tweede = try await c.vraag(.post, "/api/aanvragen/\(id)/pakket?formaat=odt", als: f)
            #expect(tweede.status == .ok && cache.gebouwd == 1 && cache.treffers == 1)
            #expect(tweede.bytes == eerste.bytes && !eerste.bytes.isEmpty)
            // A single document from the documents page: the same build.
            let brief = try await c.vraag(.get, "/aanvragen/\(id)/documenten/bestand?naam=projectplan.odt&formaat=odt&concept=0",
                                          als: f)
            #expect(cache.gebouwd == 1, "status \(brief.status)")
            // Other options, or a new version: built again.
            _ = try await c.vraag(.post, "/api/aanvragen/\(id)/pakket?formaat=docx", als: f)
            #expect(cache.gebouwd == 2)
            let nieuw = tekst + Array("# nog een regel\n".utf8)
            let opgeslagen = try await c.vraag(.put, "/api/aanvragen/\(id)", als: f, tekst: nieuw,
                                               headers: [.contentType: "application/yaml", .ifMatch: "\"1\""])
            #expect(opgeslagen.status == .ok)
            let derde = try await c.vraag(.post, "/api/aanvragen/\(id)/pakket?formaat=odt", als: f)
            #expect(derde.status == .ok && cache.gebouwd == 3)
            // The older version's package is still the same bytes.
            let oud = try await c.vraag(.post, "/api/aanvragen/\(id)/pakket?formaat=odt&versie=1", als: f)
            #expect(oud.bytes == eerste.bytes)
        }
        o.diensten.kern.pakketten.leeg()
    }

    static func nepPakket(_ inhoud: String) throws -> Pakketmap {
        let map = (NSTemporaryDirectory() as NSString).appendingPathComponent("vip-pakket-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: map, withIntermediateDirectories: true)
        let zip = (map as NSString).appendingPathComponent("pakket.zip")
        try Data(inhoud.utf8).write(to: URL(fileURLWithPath: zip))
        return Pakketmap(map: map, bestanden: [], zip: zip)
    }

    static func sleutel(_ versie: Int) -> Pakketcache.Sleutel {
        Pakketcache.Sleutel(aanvraag: 1, versie: versie, formaten: ["odt"], concept: false, pdf: false, register: 0, datum: nil)
    }

    @Test func deOudsteMapGaatWegEnEenAntwoordRuimtEenBewaardPakketNietOp() throws {
        let cache = Pakketcache(maximum: 2)
        let een = cache.bewaar(Self.sleutel(1), try Self.nepPakket("een"))
        let twee = cache.bewaar(Self.sleutel(2), try Self.nepPakket("twee"))
        een.ruimOp()  // an answer is done with it: the cache keeps the folder
        #expect(FileManager.default.fileExists(atPath: een.zip))
        _ = cache.zoek(Self.sleutel(1))  // 1 used again: 2 is now the oldest
        let drie = cache.bewaar(Self.sleutel(3), try Self.nepPakket("drie"))
        #expect(cache.aantal == 2)
        #expect(!FileManager.default.fileExists(atPath: twee.map))
        #expect(cache.zoek(Self.sleutel(2)) == nil)
        #expect(cache.zoek(Self.sleutel(1)) != nil && cache.zoek(Self.sleutel(3)) != nil)
        cache.leeg()
        #expect(!FileManager.default.fileExists(atPath: een.map) && !FileManager.default.fileExists(atPath: drie.map))
    }

    @Test func eenTeGrootPakketBlijftVanHetAntwoord() throws {
        let cache = Pakketcache(maximum: 4, maximumBytes: 8)
        let groot = cache.bewaar(Self.sleutel(1), try Self.nepPakket("meer dan vier bytes"))
        #expect(cache.aantal == 0 && !groot.gedeeld)
        groot.ruimOp()
        #expect(!FileManager.default.fileExists(atPath: groot.map))
    }
}
