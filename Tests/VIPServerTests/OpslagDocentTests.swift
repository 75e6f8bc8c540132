import Foundation
import Testing
@testable import VIPServer

/// The storage contract of issue 11 (cursus lists, opmerkingen, goedkeuringen, evenementen),
/// through the `Opslag` protocol only, for every engine in `Motoren`.
@Suite struct OpslagDocentContractTests {
    static let t0 = OpslagContractTests.t0
    static let afgeleid = OpslagContractTests.afgeleid

    @Test(arguments: Motoren.alle) func cursussenEnHunAanvragen(_ motor: String) async throws {
        let s = try await Motoren.maak(motor)
        let (docent, fatima, c1) = try await OpslagContractTests.klas(s)
        let c2 = try await s.maakCursus(naam: "C2", docent: docent.id, bijeenkomsten: [], uitnodigingscode: "CCCC-DDDD", tijd: Self.t0)
        let joost = try await s.maakGebruiker(email: "j@x.nl", naam: "Joost", rol: .cursist, wachtwoordHash: "h", cursus: c2.id,
                                              tijd: Self.t0)
        #expect(try await s.cursussen(docent: docent.id).map(\.id) == [c1.id, c2.id])
        #expect(try await s.cursussen(docent: fatima.id).isEmpty)
        #expect(try await s.cursisten(cursus: c1.id).map(\.id) == [fatima.id])
        let a = try await s.maakAanvraag(eigenaar: fatima.id, tekst: [1], afgeleid: Self.afgeleid, tijd: Self.t0)
        let b = try await s.maakAanvraag(eigenaar: joost.id, tekst: [2], afgeleid: Self.afgeleid, tijd: Self.t0)
        let a2 = try await s.maakAanvraag(eigenaar: fatima.id, tekst: [3], afgeleid: Self.afgeleid, tijd: Self.t0)
        #expect(try await s.aanvragen(cursus: c1.id).map(\.id) == [a.id, a2.id])
        #expect(try await s.aanvragen(cursus: c2.id).map(\.id) == [b.id])
        #expect(try await s.aanvragen(cursus: 999).isEmpty)
    }

    /// The counts per onderdeel and the filled paths travel with the version; a version stored
    /// without them (older schema, import) gets them once, and only when it has none.
    @Test(arguments: Motoren.alle) func afgeleidPerVersie(_ motor: String) async throws {
        let s = try await Motoren.maak(motor)
        let (_, fatima, c) = try await OpslagContractTests.klas(s)
        var met = Self.afgeleid
        met.onderdelen = ["begroting": Telling(fouten: 2, waarschuwingen: 1), "project.doel": Telling(waarschuwingen: 3)]
        let a = try await s.maakAanvraag(eigenaar: fatima.id, tekst: [1], afgeleid: met, tijd: Self.t0)
        let b = try await s.maakAanvraag(eigenaar: fatima.id, tekst: [2], afgeleid: Self.afgeleid, tijd: Self.t0)
        var rijen = try await s.aanvragen(cursus: c.id)
        #expect(rijen.map(\.afgeleid.onderdelen) == [met.onderdelen, nil])
        try await s.bewaarOnderdelen(aanvraag: b.id, versie: 1, onderdelen: Telling.codeer([:]))
        // Never over counts already there.
        try await s.bewaarOnderdelen(aanvraag: a.id, versie: 1, onderdelen: Telling.codeer([:]))
        rijen = try await s.aanvragen(cursus: c.id)
        #expect(rijen.map(\.afgeleid.onderdelen) == [met.onderdelen, [:]])
        // The filled paths, likewise (read one version at a time).
        #expect(try await s.ingevuld(aanvraag: a.id, versie: 1) == nil)
        #expect(try await s.ingevuld(aanvraag: a.id, versie: 9) == nil)
        try await s.bewaarIngevuld(aanvraag: a.id, versie: 1,
                                   ingevuld: Afgeleid.codeerIngevuld(["project.titel", "begroting.posten.bedrag"]))
        try await s.bewaarIngevuld(aanvraag: a.id, versie: 1, ingevuld: Afgeleid.codeerIngevuld([]))
        met.ingevuld = ["brief.slot"]
        #expect(try await s.voegVersieToe(aanvraag: b.id, verwacht: 1, tekst: [3], afgeleid: met, tijd: Self.t0) == 2)
        #expect(try await s.ingevuld(aanvraag: a.id, versie: 1) == "begroting.posten.bedrag\nproject.titel")
        #expect(try await s.ingevuld(aanvraag: b.id, versie: 2) == "brief.slot")
        #expect(try await s.ingevuld(aanvraag: b.id, versie: 1) == nil)
        rijen = try await s.aanvragen(cursus: c.id)
        #expect(rijen[1].afgeleid.onderdelen == met.onderdelen)
    }

    @Test func afgeleidCoderen() {
        let t = ["begroting": Telling(fouten: 2, waarschuwingen: 1),
                 "project.doel": Telling(waarschuwingen: 3, leeg: [4: Telling(waarschuwingen: 2), 2: Telling(fouten: 0, waarschuwingen: 1)])]
        #expect(Telling.codeer(t) == "#2\nbegroting 2 1\nproject.doel 0 3 2:0:1 4:0:2")
        #expect(Telling.decodeer(Telling.codeer(t)) == t)
        #expect(Telling.decodeer("") == [:])
        #expect(Telling.codeer([:]) == "")
        #expect(Telling.decodeer("#2\nbegroting 2") == nil)
        #expect(Telling.decodeer("#2\nbegroting -1 0") == nil)
        #expect(Telling.decodeer("#2\nbegroting 1 0 4:1") == nil)
        // The form of an older vip, without the empty fields: counted again.
        #expect(Telling.decodeer("begroting 2 1") == nil)
        // At a pace where bijeenkomst 2 has passed and 4 has not, the waarschuwingen of bijeenkomst 4 wait.
        let op = t["project.doel"]!.op(Tempo(voorbij: 2))
        #expect(op.fouten == 0 && op.waarschuwingen == 1 && op.teDoen == 2)
        let alles = t["project.doel"]!.op(.alles)
        #expect(alles.fouten == 0 && alles.waarschuwingen == 3 && alles.teDoen == 0)
        let paden: Set<String> = ["project.titel", "begroting.posten.bedrag"]
        #expect(Afgeleid.codeerIngevuld(paden) == "begroting.posten.bedrag\nproject.titel")
        #expect(Afgeleid.decodeerIngevuld(Afgeleid.codeerIngevuld(paden)) == paden)
        #expect(Afgeleid.decodeerIngevuld("") == [])
    }

    @Test(arguments: Motoren.alle) func opmerkingen(_ motor: String) async throws {
        let s = try await Motoren.maak(motor)
        let (docent, fatima, _) = try await OpslagContractTests.klas(s)
        let a = try await s.maakAanvraag(eigenaar: fatima.id, tekst: [1], afgeleid: Self.afgeleid, tijd: Self.t0)
        let b = try await s.maakAanvraag(eigenaar: fatima.id, tekst: [2], afgeleid: Self.afgeleid, tijd: Self.t0)
        let o1 = try await s.maakOpmerking(aanvraag: a.id, versie: 1, docent: docent.id, pad: "brief", tekst: "Korter.",
                                           tijd: Self.t0)
        let o2 = try await s.maakOpmerking(aanvraag: a.id, versie: 1, docent: docent.id, pad: "project.urgentie",
                                           tekst: "Een cijfer? \u{1F331} ‘zo’", tijd: Self.t0.addingTimeInterval(1.5))
        #expect(o1.docentNaam == "D" && o1.afgehandeld == nil && o1.pad == "brief" && o1.versie == 1)
        let lijst = try await s.opmerkingen(aanvraag: a.id)
        #expect(lijst == [o1, o2])
        #expect(lijst[1].tekst == "Een cijfer? \u{1F331} ‘zo’" && lijst[1].geplaatst == Self.t0.addingTimeInterval(1.5))
        #expect(try await s.opmerkingen(aanvraag: b.id).isEmpty)
        // Only on its own aanvraag.
        #expect(try await s.zetAfgehandeld(opmerking: o1.id, aanvraag: b.id, tijd: Self.t0) == nil)
        #expect(try await s.zetAfgehandeld(opmerking: 999, aanvraag: a.id, tijd: Self.t0) == nil)
        let klaar = try #require(try await s.zetAfgehandeld(opmerking: o1.id, aanvraag: a.id, tijd: Self.t0.addingTimeInterval(60)))
        #expect(klaar.afgehandeld == Self.t0.addingTimeInterval(60))
        #expect(try await s.opmerkingen(aanvraag: a.id)[0].afgehandeld == Self.t0.addingTimeInterval(60))
        #expect(try await s.zetAfgehandeld(opmerking: o1.id, aanvraag: a.id, tijd: nil)?.afgehandeld == nil)
    }

    @Test(arguments: Motoren.alle) func goedkeuringenPerVersie(_ motor: String) async throws {
        let s = try await Motoren.maak(motor)
        let (docent, fatima, c) = try await OpslagContractTests.klas(s)
        let a = try await s.maakAanvraag(eigenaar: fatima.id, tekst: [1], afgeleid: Self.afgeleid, tijd: Self.t0)
        try await s.keurGoed(aanvraag: a.id, versie: 1, docent: docent.id, tijd: Self.t0)
        // Twice is once; a version that does not exist is refused.
        try await s.keurGoed(aanvraag: a.id, versie: 1, docent: docent.id, tijd: Self.t0.addingTimeInterval(5))
        await #expect(throws: OpslagFout.nietGevonden) {
            try await s.keurGoed(aanvraag: a.id, versie: 2, docent: docent.id, tijd: Self.t0)
        }
        #expect(try await s.goedkeuringen(aanvraag: a.id) == [Goedkeuring(aanvraag: a.id, versie: 1, docent: docent.id, tijd: Self.t0)])
        _ = try await s.voegVersieToe(aanvraag: a.id, verwacht: 1, tekst: [2], afgeleid: Self.afgeleid, tijd: Self.t0)
        try await s.keurGoed(aanvraag: a.id, versie: 2, docent: docent.id, tijd: Self.t0)
        #expect(try await s.goedkeuringen(aanvraag: a.id).map(\.versie) == [1, 2])
        #expect(try await s.goedkeuringen(cursus: c.id).map(\.versie) == [1, 2])
        #expect(try await s.goedkeuringen(cursus: 999).isEmpty)
    }

    @Test(arguments: Motoren.alle) func evenementen(_ motor: String) async throws {
        let s = try await Motoren.maak(motor)
        let (docent, _, c1) = try await OpslagContractTests.klas(s)
        let c2 = try await s.maakCursus(naam: "C2", docent: docent.id, bijeenkomsten: [], uitnodigingscode: "EEEE-FFFF", tijd: Self.t0)
        let org = try await s.maakGebruiker(email: "o@x.nl", naam: "O", rol: .organisator, wachtwoordHash: "h", cursus: nil,
                                            tijd: Self.t0)
        // The text byte for byte; cursussen in the given order without repeats.
        let tekst: [UInt8] = Array("formaat: vip-fondsendate/1\r\n# é\n".utf8) + [0xEF, 0xBB, 0xBF]
        let e = try await s.maakEvenement(organisator: org.id, tekst: tekst, titel: "Middag", datum: "2026-06-01",
                                          cursussen: [c2.id, c1.id, c2.id], tijd: Self.t0)
        let terug = try #require(try await s.evenement(id: e.id))
        #expect(terug == e && terug.tekst == tekst && terug.cursussen == [c2.id, c1.id] && terug.datum == "2026-06-01")
        #expect(terug.organisator == org.id && terug.titel == "Middag" && terug.aangemaakt == Self.t0)
        let later = try await s.maakEvenement(organisator: org.id, tekst: tekst, titel: "Later", datum: nil, cursussen: [],
                                              tijd: Self.t0.addingTimeInterval(10))
        #expect(later.datum == nil && later.cursussen.isEmpty)
        // Newest first.
        #expect(try await s.evenementen(organisator: org.id).map(\.id) == [later.id, e.id])
        #expect(try await s.evenementen(organisator: docent.id).isEmpty)
        #expect(try await s.evenement(id: 999) == nil)
    }
}
