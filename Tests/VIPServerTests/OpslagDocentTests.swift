import Foundation
import Testing
@testable import VIPServer

/// The storage methods of issue 11 (opmerkingen, goedkeuringen, evenementen, cursus lists).
@Suite struct OpslagDocentTests {
    @Test func opmerkingenGoedkeuringenEnEvenementen() async throws {
        let o = try Omgeving()
        let s = o.opslag
        let docent = try await o.gebruiker(.docent, "docent@school.nl")
        let org = try await o.gebruiker(.organisator, "org@school.nl")
        let c1 = try await o.cursus(docent: docent)
        let c2 = try await o.cursus(docent: docent)
        #expect(try await s.cursussen(docent: docent.id).map(\.id) == [c1.id, c2.id])
        #expect(try await s.cursussen(docent: org.id).isEmpty)
        let fatima = try await o.gebruiker(.cursist, "fatima@thuis.nl", cursus: c1.id)
        let joost = try await o.gebruiker(.cursist, "joost@thuis.nl", cursus: c2.id)
        #expect(try await s.cursisten(cursus: c1.id).map(\.id) == [fatima.id])
        let a = try await o.aanvraag(fatima)
        let b = try await o.aanvraag(joost)
        #expect(try await s.aanvragen(cursus: c1.id).map(\.id) == [a.id])
        #expect(try await s.aanvragen(cursus: c2.id).map(\.id) == [b.id])

        // Opmerkingen: oldest first, handled and open again, only on their own aanvraag.
        let o1 = try await s.maakOpmerking(aanvraag: a.id, versie: 1, docent: docent.id, pad: "brief", tekst: "Korter.",
                                           tijd: o.klok.nu)
        let o2 = try await s.maakOpmerking(aanvraag: a.id, versie: 1, docent: docent.id, pad: "project.urgentie",
                                           tekst: "Een cijfer?", tijd: o.klok.nu)
        #expect(o1.docentNaam == "Docent" && o1.afgehandeld == nil)
        #expect(try await s.opmerkingen(aanvraag: a.id).map(\.id) == [o1.id, o2.id])
        #expect(try await s.zetAfgehandeld(opmerking: o1.id, aanvraag: b.id, tijd: o.klok.nu) == nil)
        let klaar = try #require(try await s.zetAfgehandeld(opmerking: o1.id, aanvraag: a.id, tijd: o.klok.nu))
        #expect(klaar.afgehandeld != nil)
        #expect(try await s.zetAfgehandeld(opmerking: o1.id, aanvraag: a.id, tijd: nil)?.afgehandeld == nil)

        // Goedkeuringen: per version, twice is once, a missing version is refused.
        try await s.keurGoed(aanvraag: a.id, versie: 1, docent: docent.id, tijd: o.klok.nu)
        try await s.keurGoed(aanvraag: a.id, versie: 1, docent: docent.id, tijd: o.klok.nu)
        await #expect(throws: OpslagFout.nietGevonden) {
            try await s.keurGoed(aanvraag: a.id, versie: 2, docent: docent.id, tijd: o.klok.nu)
        }
        #expect(try await s.goedkeuringen(aanvraag: a.id).map(\.versie) == [1])
        #expect(try await s.goedkeuringen(cursus: c1.id).map(\.aanvraag) == [a.id])
        #expect(try await s.goedkeuringen(cursus: c2.id).isEmpty)

        // Evenementen: the text byte for byte, cursussen in the given order without repeats.
        let tekst = Array("formaat: vip-fondsendate/1\n".utf8)
        let e = try await s.maakEvenement(organisator: org.id, tekst: tekst, titel: "Middag", datum: "2026-06-01",
                                          cursussen: [c2.id, c1.id, c2.id], tijd: o.klok.nu)
        let terug = try #require(try await s.evenement(id: e.id))
        #expect(terug == e && terug.tekst == tekst && terug.cursussen == [c2.id, c1.id] && terug.datum == "2026-06-01")
        o.klok.verzet(10)
        let later = try await s.maakEvenement(organisator: org.id, tekst: tekst, titel: "Later", datum: nil, cursussen: [],
                                              tijd: o.klok.nu)
        #expect(try await s.evenementen(organisator: org.id).map(\.id) == [later.id, e.id])
        #expect(try await s.evenementen(organisator: docent.id).isEmpty)
        #expect(try await s.evenement(id: 999) == nil)
    }
}
