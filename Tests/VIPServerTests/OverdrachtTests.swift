import Foundation
import Testing
@testable import VIPServer

/// `vip server exporteer` and `importeer`: everything moves between the engines without loss,
/// and a round trip gives the same dump byte for byte.
@Suite struct OverdrachtTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    /// Texts no YAML reader would pass, to prove the bytes are kept, not the meaning.
    static let teksten: [[UInt8]] = [
        [0xEF, 0xBB, 0xBF] + Array("formaat: vip-aanvraag/1\r\nproject:\r\n  titel: \"Tuin\"\r\n".utf8),
        Array("formaat: vip-aanvraag/1\n  titel: \"\u{202E}moestuin ünïcødé\"   \n".utf8),
        [0x00, 0xFF, 0xFE, 0x0A, 0x80],
        [],
    ]

    /// Accounts, a cursus, aanvragen with several versions, a session and a failed login.
    static func vul(_ o: any Opslag) async throws {
        let d = try await o.maakGebruiker(email: "docent@x.nl", naam: "Doortje \"D\" d'Eau", rol: .docent,
                                          wachtwoordHash: "$2b$11$abcdefghijklmnopqrstuu", cursus: nil, tijd: t0)
        _ = try await o.maakGebruiker(email: "org@x.nl", naam: "Olga", rol: .organisator, wachtwoordHash: "$2b$04$x",
                                      cursus: nil, tijd: t0.addingTimeInterval(0.001))
        let c = try await o.maakCursus(naam: "Voorjaar / 2027", docent: d.id, bijeenkomsten: ["2027-03-01", "2027-02-01"],
                                       uitnodigingscode: "ABCD-EFGH", tijd: t0)
        let leeg = try await o.maakCursus(naam: "Leeg", docent: d.id, bijeenkomsten: [], uitnodigingscode: "LEEG", tijd: t0)
        var cursisten: [Gebruiker] = []
        for i in 0..<3 {
            cursisten.append(try await o.maakGebruiker(email: "c\(i)@x.nl", naam: "Cursist \(i)", rol: .cursist,
                                                       wachtwoordHash: "hash-\(i)", cursus: c.id, tijd: t0))
        }
        for (i, g) in cursisten.enumerated() {
            let a = try await o.maakAanvraag(eigenaar: g.id, tekst: teksten[i],
                                             afgeleid: Afgeleid(titel: i == 0 ? nil : "Titel \(i)", af: i == 1, fouten: i,
                                                                waarschuwingen: 2 * i),
                                             tijd: t0.addingTimeInterval(Double(i)))
            for v in 1...(i + 1) {
                _ = try await o.voegVersieToe(aanvraag: a.id, verwacht: v, tekst: teksten[(i + v) % teksten.count],
                                              afgeleid: Afgeleid(titel: "v\(v)", af: false, fouten: 0, waarschuwingen: v),
                                              tijd: t0.addingTimeInterval(Double(100 * v) + 0.5))
            }
        }
        // The docent's and the organiser's rows: opmerkingen (one handled), approvals, an event.
        let eerste = try await o.aanvragen(cursus: c.id)
        let op = try await o.maakOpmerking(aanvraag: eerste[0].id, versie: 1, docent: d.id, pad: "project.titel",
                                           tekst: "Maak de titel \"korter\"\nen concreter.", tijd: t0)
        _ = try await o.maakOpmerking(aanvraag: eerste[1].id, versie: 2, docent: d.id, pad: "begroting.posten[0].bedrag",
                                      tekst: "Klopt dit?", tijd: t0.addingTimeInterval(1))
        _ = try await o.zetAfgehandeld(opmerking: op.id, aanvraag: eerste[0].id, tijd: t0.addingTimeInterval(7.25))
        try await o.keurGoed(aanvraag: eerste[1].id, versie: 3, docent: d.id, tijd: t0)
        try await o.keurGoed(aanvraag: eerste[0].id, versie: 1, docent: d.id, tijd: t0)
        let organisator = try #require(try await o.gebruiker(email: "org@x.nl"))
        _ = try await o.maakEvenement(organisator: organisator.id, tekst: Array("formaat: vip-fondsendate/1\r\n".utf8) + [0xFF],
                                      titel: "Speeddate", datum: "2027-05-01", cursussen: [leeg.id, c.id], tijd: t0)
        // The fund register in two versions, the newest bytes no reader would pass.
        _ = try await o.bewaarRegister(tekst: Array("formaat: vip-fondsenregister/1\nfondsen: []\n".utf8),
                                       door: organisator.id, verwacht: 0, tijd: t0)
        _ = try await o.bewaarRegister(tekst: [0xEF, 0xBB, 0xBF, 0x00, 0xFF], door: organisator.id, verwacht: nil,
                                       tijd: t0.addingTimeInterval(0.25))
        try await o.maakSessie(Sessie(tokenHash: "s", gebruiker: d.id, csrf: "c", verloopt: t0.addingTimeInterval(3600)))
        _ = try await o.probeerPoging([Pogingsgrens(sleutel: "email:docent@x.nl", limiet: 10, venster: 900)], tijd: t0)
    }

    static func dump(_ o: any Opslag) async throws -> String {
        let regels = Regels()
        _ = try await Overdracht.exporteer(o) { regels.voeg($0) }
        return regels.tekst
    }

    final class Regels: @unchecked Sendable {
        private let lock = NSLock()
        private var regels: [String] = []
        func voeg(_ r: String) { lock.withLock { regels.append(r) } }
        var tekst: String { lock.withLock { regels.joined(separator: "\n") + "\n" } }
    }

    /// Source engine → other engine → a fresh database of the source engine: three equal dumps,
    /// and the data reads back the same through the storage protocol.
    @Test(arguments: ["sqlite>sqlite"] + (Motoren.postgresURL == nil ? [] : ["sqlite>postgres", "postgres>sqlite"]))
    func rondreis(_ richting: String) async throws {
        let motoren = richting.split(separator: ">").map(String.init)
        let bron = try Motoren.nieuw(motoren[0])
        let doel = try Motoren.nieuw(motoren[1])
        let terug = try Motoren.nieuw(motoren[0])
        let o = try await bron.open()
        try await Self.vul(o)
        let eerste = try await Self.dump(o)
        try await o.sluit()
        #expect(eerste.hasPrefix("{\"formaat\":\"vip-export/1\",\"schemaversie\":\(Migraties.bekendeVersie)}\n"))
        #expect(!eerste.contains("\"sessies\""))

        let samenvatting = try await Overdracht.importeer(try Overdracht.lees(Array(eerste.utf8)), in: doel.configuratie)
        #expect(samenvatting.rijen.map(\.tabel) == Schema.overgedragen(in: Migraties.bekendeVersie).map(\.naam))
        #expect(samenvatting.rijen.first { $0.tabel == "gebruikers" }?.aantal == 5)
        #expect(samenvatting.rijen.first { $0.tabel == "versies" }?.aantal == 9)
        #expect(samenvatting.rijen.first { $0.tabel == "opmerkingen" }?.aantal == 2)
        #expect(samenvatting.rijen.first { $0.tabel == "evenement_cursussen" }?.aantal == 2)
        let p = try await doel.open()
        let tweede = try await Self.dump(p)
        #expect(tweede == eerste)
        // Read back through the protocol: accounts with their hashes, every version's bytes.
        let d = try #require(try await p.gebruiker(email: "docent@x.nl"))
        #expect(d.wachtwoordHash == "$2b$11$abcdefghijklmnopqrstuu")
        #expect(d.naam == "Doortje \"D\" d'Eau")
        #expect(try await p.cursus(uitnodigingscode: "ABCD-EFGH")?.bijeenkomsten == ["2027-03-01", "2027-02-01"])
        let rijen = try await p.aanvragen(docent: d.id)
        #expect(rijen.map(\.versie) == [2, 3, 4])
        for (i, rij) in rijen.enumerated() {
            #expect(try await p.tekst(aanvraag: rij.id, versie: 1) == Self.teksten[i])
            #expect(try await p.versies(aanvraag: rij.id).first?.gewijzigd == Self.t0.addingTimeInterval(Double(i)))
        }
        #expect(rijen[0].gewijzigd == Self.t0.addingTimeInterval(100.5))
        let opmerkingen = try await p.opmerkingen(aanvraag: rijen[0].id)
        #expect(opmerkingen.map(\.tekst) == ["Maak de titel \"korter\"\nen concreter."])
        #expect(opmerkingen.first?.afgehandeld == Self.t0.addingTimeInterval(7.25))
        #expect(try await p.goedkeuringen(aanvraag: rijen[1].id).map(\.versie) == [3])
        let organisator = try #require(try await p.gebruiker(email: "org@x.nl"))
        let evenement = try #require(try await p.evenementen(organisator: organisator.id).first)
        #expect(evenement.tekst == Array("formaat: vip-fondsendate/1\r\n".utf8) + [0xFF])
        #expect(evenement.cursussen.count == 2)
        #expect(evenement.datum == "2027-05-01")
        #expect(try await p.register() == RegisterRij(versie: 2, tekst: [0xEF, 0xBB, 0xBF, 0x00, 0xFF], door: organisator.id,
                                                      tijd: Self.t0.addingTimeInterval(0.25)))
        #expect(try await p.bewaarRegister(tekst: [1], door: organisator.id, verwacht: 2, tijd: Self.t0).versie == 3)
        // Sessions stay behind: everyone signs in again.
        #expect(try await p.sessie(tokenHash: "s", nu: Self.t0) == nil)
        // New rows continue after the imported ids, and saving goes on where it was.
        let nieuw = try await p.maakGebruiker(email: "nieuw@x.nl", naam: "N", rol: .docent, wachtwoordHash: "h", cursus: nil,
                                              tijd: Self.t0)
        #expect(nieuw.id == 6)
        #expect(try await p.voegVersieToe(aanvraag: rijen[0].id, verwacht: 2, tekst: [1], afgeleid: Overdracht.leeg,
                                          tijd: Self.t0) == 3)
        try await p.sluit()

        _ = try await Overdracht.importeer(try Overdracht.lees(Array(tweede.utf8)), in: terug.configuratie)
        let t = try await terug.open()
        #expect(try await Self.dump(t) == eerste)
        try await t.sluit()
    }

    /// A dump of an older schema goes into a database made at that schema, which is then
    /// migrated forward, as a start of this vip would.
    @Test(arguments: Motoren.alle) func oudeExportWordtBijgewerkt(_ motor: String) async throws {
        let bron = try Motoren.nieuw("sqlite")
        let o = try await bron.open(migraties: Array(bron.migraties.prefix(1)))
        _ = try await o.maakGebruiker(email: "a@x.nl", naam: "A", rol: .docent, wachtwoordHash: "h", cursus: nil, tijd: Self.t0)
        try await o.sluit()
        // The export of version 1 as that vip wrote it: the tables it had.
        let o2 = try await bron.open()
        let dump = try await Self.dump(o2)
        try await o2.sluit()
        // Without the columns later migrations added to its tables (schema 5: gebruikers).
        let oud = dump.replacingOccurrences(of: "\"schemaversie\":\(Migraties.bekendeVersie)", with: "\"schemaversie\":1")
            .replacingOccurrences(of: "\"geblokkeerd\":0,", with: "").replacingOccurrences(of: "\"laatst_ingelogd\":null,", with: "")
            .replacingOccurrences(of: "\"mail_herinneringen\":1,", with: "").replacingOccurrences(of: "\"mail_meldingen\":1,", with: "")
        let gelezen = try Overdracht.lees(Array(oud.utf8))
        #expect(gelezen.schemaversie == 1)
        let doel = try Motoren.nieuw(motor)
        _ = try await Overdracht.importeer(gelezen, in: doel.configuratie)
        let d = try await doel.open()
        #expect(try await d.schemaVersie() == Migraties.bekendeVersie)
        #expect(try await d.gebruiker(email: "a@x.nl")?.naam == "A")
        try await d.sluit()
    }

    /// Only into an empty database; a broken or foreign dump is refused before anything is stored.
    @Test(arguments: Motoren.alle) func weigeringen(_ motor: String) async throws {
        let db = try Motoren.nieuw(motor)
        let o = try await db.open()
        try await Self.vul(o)
        let dump = try await Self.dump(o)
        try await o.sluit()
        await #expect(throws: OverdrachtFout.self) {
            _ = try await Overdracht.importeer(try Overdracht.lees(Array(dump.utf8)), in: db.configuratie)
        }
        do {
            _ = try await Overdracht.importeer(try Overdracht.lees(Array(dump.utf8)), in: db.configuratie)
        } catch let fout as OverdrachtFout {
            #expect(fout.melding.contains("niet leeg"))
            #expect(fout.melding.contains("gebruikers: 5"))
        }
        let regels = dump.split(separator: "\n").map(String.init)
        let afgekapt = regels.dropLast(2).joined(separator: "\n")
        #expect(throws: OverdrachtFout.self) { try Overdracht.lees(Array(afgekapt.utf8)) }
        let nieuwer = dump.replacingOccurrences(of: "\"schemaversie\":\(Migraties.bekendeVersie)",
                                                with: "\"schemaversie\":\(Migraties.bekendeVersie + 1)")
        #expect(throws: OverdrachtFout.self) { try Overdracht.lees(Array(nieuwer.utf8)) }
        #expect(throws: OverdrachtFout.self) { try Overdracht.lees(Array("{\"formaat\":\"iets/1\"}\n".utf8)) }
        let vreemd = dump.replacingOccurrences(of: "\"wachtwoord_hash\"", with: "\"wachtwoord\"")
        #expect(throws: OverdrachtFout.self) { try Overdracht.lees(Array(vreemd.utf8)) }
        // Nothing of the refused imports reached a fresh database.
        let leeg = try Motoren.nieuw(motor)
        _ = try? await Overdracht.importeer(try Overdracht.lees(Array(afgekapt.utf8)), in: leeg.configuratie)
        let l = try await leeg.open()
        #expect(try await l.aantalGebruikers() == 0)
        try await l.sluit()
    }
}

extension Overdracht {
    static let leeg = Afgeleid(titel: nil, af: false, fouten: 0, waarschuwingen: 0)
}
