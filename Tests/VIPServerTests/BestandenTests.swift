import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VIPKit
import VIPZip
@testable import VIPServer

/// Files belong to versions (server.md, "Files: bijlagen and logo") and the limits and quotas
/// ("Limits and quotas"): the storage contract on both engines, and the routes as a client that
/// knows only server.md calls them.
@Suite struct BestandenOpslagTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    static let afgeleid = Afgeleid(titel: "T", af: false, fouten: 0, waarschuwingen: 0)

    static func cursist(_ o: any Opslag, _ email: String = "c@x.nl") async throws -> Gebruiker {
        try await o.maakGebruiker(email: email, naam: "C", rol: .cursist, wachtwoordHash: "h", cursus: nil, tijd: t0)
    }

    @Test(arguments: Motoren.alle) func bestandenHorenBijVersies(_ motor: String) async throws {
        try await Motoren.met(motor) { o in
            let g = try await Self.cursist(o)
            let a = try await o.maakAanvraag(eigenaar: g.id, tekst: [1], afgeleid: Self.afgeleid, tijd: Self.t0)
            let eerste = [UInt8](repeating: 7, count: 1000), tweede = [UInt8](repeating: 8, count: 10)
            let v2 = try await o.voegVersieToe(aanvraag: a.id, verwacht: 1, tekst: [1], afgeleid: Self.afgeleid,
                                               bestanden: .zet(naam: "a.pdf", bytes: eerste), grenzen: Grenzen(), tijd: Self.t0)
            let v3 = try await o.voegVersieToe(aanvraag: a.id, verwacht: v2, tekst: [2], afgeleid: Self.afgeleid,
                                               tijd: Self.t0)
            let v4 = try await o.voegVersieToe(aanvraag: a.id, verwacht: v3, tekst: [2], afgeleid: Self.afgeleid,
                                               bestanden: .zet(naam: "a.pdf", bytes: tweede), grenzen: Grenzen(), tijd: Self.t0)
            let v5 = try await o.voegVersieToe(aanvraag: a.id, verwacht: v4, tekst: [2], afgeleid: Self.afgeleid,
                                               bestanden: .verwijder(naam: "a.pdf"), grenzen: Grenzen(), tijd: Self.t0)
            let v6 = try await o.voegVersieToe(aanvraag: a.id, verwacht: v5, tekst: [3], afgeleid: Self.afgeleid,
                                               bestanden: .vanVersie(2), grenzen: Grenzen(), tijd: Self.t0)
            #expect(try await o.bestanden(aanvraag: a.id, versie: 1) == [])
            let b2 = try #require(try await o.bestanden(aanvraag: a.id, versie: v2))
            #expect(b2 == [BestandInfo(naam: "a.pdf", grootte: 1000, sha256: Hash.sha256(eerste))])
            // A text save keeps the files; a new file of the same name changes the new version only.
            #expect(try await o.bestanden(aanvraag: a.id, versie: v3) == b2)
            #expect(try await o.bestanden(aanvraag: a.id, versie: v4)?.first?.sha256 == Hash.sha256(tweede))
            #expect(try await o.inhoud(sha256: b2[0].sha256) == eerste)
            #expect(try await o.bestanden(aanvraag: a.id, versie: v5) == [])
            #expect(try await o.bestanden(aanvraag: a.id, versie: v6) == b2)
            #expect(try await o.bestanden(aanvraag: a.id, versie: 99) == nil)
            // The same bytes are stored once: the quotum counts each distinct file once.
            let gebruik = try await o.gebruik(eigenaar: g.id)
            #expect(gebruik.bestanden == 1010)
            #expect(gebruik.tekst == 6)
            #expect(gebruik.aanvragen == 1)
        }
    }

    @Test(arguments: Motoren.alle) func grenzenWeigerenZonderIetsOpTeSlaan(_ motor: String) async throws {
        try await Motoren.met(motor) { o in
            let g = try await Self.cursist(o)
            var grenzen = Grenzen()
            grenzen.bestandenPerVersie = 2
            grenzen.bytesPerVersie = 100
            grenzen.aanvragenPerCursist = 2
            grenzen.quotum = 1000
            let a = try await o.maakAanvraag(eigenaar: g.id, tekst: [1], afgeleid: Self.afgeleid, grenzen: grenzen, tijd: Self.t0)
            var v = a.versie
            for naam in ["a", "b"] {
                v = try await o.voegVersieToe(aanvraag: a.id, verwacht: v, tekst: [1], afgeleid: Self.afgeleid,
                                              bestanden: .zet(naam: naam, bytes: Array(naam.utf8) + [0, 0]), grenzen: grenzen,
                                              tijd: Self.t0)
            }
            // A third file, and one that makes the version too big: refused, nothing stored.
            for (naam, grootte) in [("c", 3), ("a", 200)] {
                await #expect(throws: OpslagFout.self) {
                    _ = try await o.voegVersieToe(aanvraag: a.id, verwacht: v, tekst: [1], afgeleid: Self.afgeleid,
                                                  bestanden: .zet(naam: naam, bytes: [UInt8](repeating: 1, count: grootte)),
                                                  grenzen: grenzen, tijd: Self.t0)
                }
                #expect(try await o.aanvraag(id: a.id)?.versie == v)
            }
            // Over the quotum (text and files together): refused, nothing stored.
            do {
                _ = try await o.voegVersieToe(aanvraag: a.id, verwacht: v, tekst: [UInt8](repeating: 2, count: 2000),
                                              afgeleid: Self.afgeleid, bestanden: .geen, grenzen: grenzen, tijd: Self.t0)
                Issue.record("boven het quotum opgeslagen")
            } catch OpslagFout.quotum(let gebruik, let quotum) {
                #expect(quotum == 1000)
                #expect(gebruik > 1000)
            }
            #expect(try await o.aanvraag(id: a.id)?.versie == v)
            // At most two aanvragen.
            _ = try await o.maakAanvraag(eigenaar: g.id, tekst: [1], afgeleid: Self.afgeleid, grenzen: grenzen, tijd: Self.t0)
            await #expect(throws: OpslagFout.teVeelAanvragen(2)) {
                _ = try await o.maakAanvraag(eigenaar: g.id, tekst: [1], afgeleid: Self.afgeleid, grenzen: grenzen,
                                             tijd: Self.t0)
            }
            #expect(try await o.aanvragen(eigenaar: g.id).count == 2)
        }
    }

    /// Uploads of an older vip in the data folder join every version of their aanvraag.
    @Test(arguments: Motoren.alle) func oudeUploadsGaanDeDatabaseIn(_ motor: String) async throws {
        try await Motoren.met(motor) { o in
            let g = try await Self.cursist(o)
            let a = try await o.maakAanvraag(eigenaar: g.id, tekst: [1], afgeleid: Self.afgeleid, tijd: Self.t0)
            _ = try await o.voegVersieToe(aanvraag: a.id, verwacht: 1, tekst: [2], afgeleid: Self.afgeleid, tijd: Self.t0)
            let data = Repo.tempDir()
            let map = data + "/bestanden/\(a.id)"
            try FileManager.default.createDirectory(atPath: map, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: map + "/statuten.pdf", contents: Data([1, 2, 3]))
            FileManager.default.createFile(atPath: map + "/.verborgen", contents: Data([9]))
            try FileManager.default.createDirectory(atPath: data + "/bestanden/999", withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: data + "/bestanden/999/x.pdf", contents: Data([4]))
            #expect(try await OudeUploads.zetOver(data: data, opslag: o) == 1)
            for v in [1, 2] {
                #expect(try await o.bestanden(aanvraag: a.id, versie: v)?.map(\.naam) == ["statuten.pdf"])
            }
            #expect(!FileManager.default.fileExists(atPath: data + "/bestanden"))
            #expect(FileManager.default.fileExists(atPath: data + "/bestanden.overgezet/\(a.id)/statuten.pdf"))
            // Nothing left to move: a second start does nothing.
            #expect(try await OudeUploads.zetOver(data: data, opslag: o) == 0)
        }
    }
}

@Suite struct BestandRouteTests {
    static let buurtmoestuin = Repo.sample("buurtmoestuin.yaml")

    /// A cursist with the sample aanvraag and a signed-in session, on `motor`.
    static func opzet(_ motor: String, grenzen: Grenzen = Grenzen()) async throws -> (Omgeving, Gebruiker, AanvraagRij) {
        let o = try await Omgeving(motor: motor, grenzen: grenzen)
        let d = try await o.gebruiker(.docent, "docent@school.nl")
        let c = try await o.cursus(docent: d)
        let g = try await o.gebruiker(.cursist, "fatima@thuis.nl", cursus: c.id)
        let a = try await o.aanvraag(g, Self.buurtmoestuin)
        return (o, g, a)
    }

    static func zet(_ c: any TestClientProtocol, _ s: Aangemeld, _ id: Int64, _ naam: String, _ bytes: [UInt8],
                    versie: Int?) async throws -> TestResponse {
        try await c.vraag(.put, "/api/aanvragen/\(id)/bestanden/\(naam)", als: s, tekst: bytes,
                          headers: versie.map { [.ifMatch: "\"\($0)\""] } ?? [:])
    }

    @Test(arguments: Motoren.alle) func uploadenLezenEnVerwijderen(_ motor: String) async throws {
        let (o, _, a) = try await Self.opzet(motor)
        try await o.test { c in
            let s = try await c.meldAan("fatima@thuis.nl")
            let pdf = Array("%PDF-1.4 statuten".utf8)
            // Refusals store nothing: no If-Match, a bad name, a stale version.
            #expect(try await Self.zet(c, s, a.id, "statuten.pdf", pdf, versie: nil).status == .preconditionRequired)
            for naam in [".verborgen", "a%2Fb", String(repeating: "x", count: 101), "spatie%20erin"] {
                let r = try await Self.zet(c, s, a.id, naam, pdf, versie: 1)
                #expect(r.status == .unprocessableContent, "\(naam): \(r.status)")
                #expect(r.fout != nil)
            }
            #expect(try await Self.zet(c, s, a.id, "statuten.pdf", pdf, versie: 7).status == .preconditionFailed)
            #expect(try await o.opslag.aanvraag(id: a.id)?.versie == 1)

            let gezet = try await Self.zet(c, s, a.id, "statuten.pdf", pdf, versie: 1)
            #expect(gezet.status == .created)
            #expect(gezet.object["versie"] as? Int == 2)
            #expect(gezet.object["naam"] as? String == "statuten.pdf")
            #expect(gezet.object["grootte"] as? Int == pdf.count)
            #expect(gezet.object["sha256"] as? String == Hash.sha256(pdf))
            // Same text, one more file.
            #expect(try await o.opslag.tekst(aanvraag: a.id, versie: 2) == Self.buurtmoestuin)

            let lijst = try await c.vraag(.get, "/api/aanvragen/\(a.id)/bestanden", als: s)
            #expect(lijst.status == .ok)
            #expect(lijst.array.map { $0["naam"] as? String } == ["statuten.pdf"])
            #expect(try await c.vraag(.get, "/api/aanvragen/\(a.id)/bestanden?versie=1", als: s).array.isEmpty)
            let lees = try await c.vraag(.get, "/api/aanvragen/\(a.id)/bestanden/statuten.pdf", als: s)
            #expect(lees.status == .ok)
            #expect(lees.bytes == pdf)
            #expect(lees.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(lees.headers[.cacheControl] == "no-store")
            #expect(try await c.vraag(.get, "/api/aanvragen/\(a.id)/bestanden/statuten.pdf?versie=1", als: s).status
                    == .notFound)

            // The docent reads the files; she cannot change them.
            let d = try await c.meldAan("docent@school.nl")
            #expect(try await c.vraag(.get, "/api/aanvragen/\(a.id)/bestanden/statuten.pdf", als: d).bytes == pdf)
            #expect(try await Self.zet(c, d, a.id, "x.pdf", pdf, versie: 2).status == .forbidden)
            #expect(try await c.vraag(.delete, "/api/aanvragen/\(a.id)/bestanden/statuten.pdf", als: d,
                                      headers: [.ifMatch: "\"2\""]).status == .forbidden)

            let weg = try await c.vraag(.delete, "/api/aanvragen/\(a.id)/bestanden/statuten.pdf", als: s,
                                        headers: [.ifMatch: "\"2\""])
            #expect(weg.status == .ok)
            #expect(weg.object["versie"] as? Int == 3)
            #expect(try await c.vraag(.get, "/api/aanvragen/\(a.id)/bestanden", als: s).array.isEmpty)
            #expect(try await c.vraag(.delete, "/api/aanvragen/\(a.id)/bestanden/statuten.pdf", als: s,
                                      headers: [.ifMatch: "\"3\""]).status == .notFound)
            // Version 2 keeps its file.
            #expect(try await c.vraag(.get, "/api/aanvragen/\(a.id)/bestanden/statuten.pdf?versie=2", als: s).bytes == pdf)
        }
    }

    /// A re-upload of a file of the same name never changes an older version's package.
    @Test(arguments: Motoren.alle) func herUploadLaatOudPakketOngemoeid(_ motor: String) async throws {
        let (o, _, a) = try await Self.opzet(motor)
        try await o.test { c in
            let s = try await c.meldAan("fatima@thuis.nl")
            // The aanvraag names the file as a bijlage.
            var tekst = String(decoding: Self.buurtmoestuin, as: UTF8.self)
            tekst = tekst.replacingOccurrences(of: "bijlagen:\n", with: "bijlagen:\n  - titel: Foto's\n    soort: overig\n"
                + "    bestand: fotos.jpg\n")
            #expect(tekst.contains("bestand: fotos.jpg"))
            let put = try await c.vraag(.put, "/api/aanvragen/\(a.id)", als: s, tekst: Array(tekst.utf8),
                                        headers: [.ifMatch: "\"1\""])
            #expect(put.status == .ok)
            #expect(try await Self.zet(c, s, a.id, "fotos.jpg", [1, 2, 3], versie: 2).status == .created)
            let voor = try await c.vraag(.post, "/api/aanvragen/\(a.id)/pakket?versie=3&formaat=odt", als: s)
            #expect(voor.status == .ok)
            #expect(try await Self.zet(c, s, a.id, "fotos.jpg", [4, 5, 6, 7], versie: 3).status == .created)
            let na = try await c.vraag(.post, "/api/aanvragen/\(a.id)/pakket?versie=3&formaat=odt", als: s)
            #expect(na.bytes == voor.bytes)
            // The file is in every fund's zip, and version 4's package has the new bytes.
            let zip = try ZipReader(bytes: voor.bytes)
            let fonds = try #require(zip.entryNames.first { $0.hasPrefix("aanvraag-") && $0.hasSuffix(".zip") })
            #expect(try ZipReader(bytes: try zip.read(fonds)).read("bijlagen/fotos.jpg") == [1, 2, 3])
            let nieuw = try ZipReader(bytes: try await c.vraag(.post, "/api/aanvragen/\(a.id)/pakket?versie=4&formaat=odt",
                                                               als: s).bytes)
            #expect(try ZipReader(bytes: try nieuw.read(fonds)).read("bijlagen/fotos.jpg") == [4, 5, 6, 7])
        }
    }

    @Test(arguments: Motoren.alle) func quotumEnGrenzen(_ motor: String) async throws {
        var grenzen = Grenzen()
        grenzen.bestandenPerVersie = 2
        grenzen.aanvragenPerCursist = 2
        // Three versions of the text, one more aanvraag, and some room: each version's text counts.
        grenzen.quotum = Self.buurtmoestuin.count * 5 + 5000
        let quotum = grenzen.quotum
        let (o, _, a) = try await Self.opzet(motor, grenzen: grenzen)
        try await o.test { c in
            let s = try await c.meldAan("fatima@thuis.nl")
            // An identical PUT: 200 with the current version, nothing stored.
            let zelfde = try await c.vraag(.put, "/api/aanvragen/\(a.id)", als: s, tekst: Self.buurtmoestuin,
                                           headers: [.ifMatch: "\"1\""])
            #expect(zelfde.status == .ok)
            #expect(zelfde.object["versie"] as? Int == 1)
            #expect(try await o.opslag.versies(aanvraag: a.id).count == 1)
            // Files per version.
            #expect(try await Self.zet(c, s, a.id, "a.pdf", [1], versie: 1).status == .created)
            #expect(try await Self.zet(c, s, a.id, "b.pdf", [2], versie: 2).status == .created)
            let derde = try await Self.zet(c, s, a.id, "c.pdf", [3], versie: 3)
            #expect(derde.status == .contentTooLarge)
            #expect(derde.fout?.contains("hoogstens 2 bestanden") == true)
            // Over the quotum: 507 with what to do; nothing stored.
            let groot = try await Self.zet(c, s, a.id, "a.pdf", [UInt8](repeating: 9, count: quotum), versie: 3)
            #expect(groot.status.code == 507)
            #expect(groot.fout?.contains("Verwijder een oude aanvraag") == true)
            #expect(try await o.opslag.aanvraag(id: a.id)?.versie == 3)
            // At most two aanvragen.
            #expect(try await c.vraag(.post, "/api/aanvragen", als: s, tekst: Self.buurtmoestuin).status == .created)
            let teVeel = try await c.vraag(.post, "/api/aanvragen", als: s, tekst: Self.buurtmoestuin)
            #expect(teVeel.status.code == 507)
            #expect(teVeel.fout?.contains("2 aanvragen") == true)
            // The overview shows how much is used.
            let overzicht = try await c.vraag(.get, "/", als: s)
            #expect(overzicht.tekst.contains("opslagruimte"))
            #expect(overzicht.tekst.contains("2 van de 2 aanvragen"))
        }
    }

    /// A version named twice in `bijlagen` is a fout; its concept package holds the file once.
    @Test func bijlageDubbelEnEenKeerInHetPakket() async throws {
        let (o, _, a) = try await Self.opzet("sqlite")
        try await o.test { c in
            let s = try await c.meldAan("fatima@thuis.nl")
            var tekst = String(decoding: Self.buurtmoestuin, as: UTF8.self)
            let bijlage = "  - titel: Groot\n    soort: overig\n    bestand: groot.bin\n"
            tekst = tekst.replacingOccurrences(of: "bijlagen:\n", with: "bijlagen:\n" + String(repeating: bijlage, count: 30))
            let put = try await c.vraag(.put, "/api/aanvragen/\(a.id)", als: s, tekst: Array(tekst.utf8),
                                        headers: [.ifMatch: "\"1\""])
            #expect(put.status == .ok)
            let check = try #require(put.object["check"] as? [String: Any])
            let dubbel = (check["bevindingen"] as? [[String: Any]] ?? []).filter { $0["regel"] as? String == "bijlage_dubbel" }
            #expect(dubbel.count == 29)
            #expect(try await Self.zet(c, s, a.id, "groot.bin", [UInt8](repeating: 5, count: 100_000), versie: 2).status
                    == .created)
            // Not af: only as a concept.
            #expect(try await c.vraag(.post, "/api/aanvragen/\(a.id)/pakket", als: s).status == .unprocessableContent)
            let pakket = try await c.vraag(.post, "/api/aanvragen/\(a.id)/pakket?concept=1&formaat=odt", als: s)
            #expect(pakket.status == .ok)
            let zip = try ZipReader(bytes: pakket.bytes)
            for fonds in zip.entryNames where fonds.hasPrefix("aanvraag-") {
                let binnen = try ZipReader(bytes: try zip.read(fonds))
                #expect(binnen.entryNames.filter { $0.hasPrefix("bijlagen/") } == ["bijlagen/groot.bin"])
            }
        }
    }
}
