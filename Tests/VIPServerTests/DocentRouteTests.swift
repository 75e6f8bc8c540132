import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VIPKit
@testable import VIPServer

/// The docent's routes: voortgang, opmerkingen, goedkeuring, and the pakket of a cursist's aanvraag.
@Suite struct DocentRouteTests {
    @Test func onderdeelIsHetEersteDeelVanHetPad() {
        #expect(Voortgang.onderdeel("begroting.posten[2].bedrag") == "begroting")
        #expect(Voortgang.onderdeel("project.urgentie") == "project.urgentie")
        #expect(Voortgang.onderdeel("project.planning[1].wat") == "project.planning")
        #expect(Voortgang.onderdeel("fondsen[0].naam") == "fondsen")
        #expect(Voortgang.onderdeel("project") == "project")
        #expect(Voortgang.onderdeel("brief") == "brief")
        #expect(Voortgang.onderdeel("") == "algemeen")
    }

    @Test func voortgangEenRijPerCursist() async throws {
        let o = try Omgeving()
        let docent = try await o.gebruiker(.docent, "docent@school.nl")
        let ander = try await o.gebruiker(.docent, "ander@school.nl")
        let c = try await o.cursus(docent: docent)
        let fatima = try await o.gebruiker(.cursist, "fatima@thuis.nl", cursus: c.id)
        let joost = try await o.gebruiker(.cursist, "joost@thuis.nl", cursus: c.id)
        try await o.gebruiker(.cursist, "kim@thuis.nl", cursus: c.id)
        let lars = try await o.gebruiker(.cursist, "lars@thuis.nl", cursus: c.id)
        let vanFatima = try await o.aanvraag(fatima)
        let fouten = Repo.sample("concept-vol-fouten.yaml")
        let vanJoost = try await o.aanvraag(joost, fouten)
        // Lars has two: the one changed last counts, even though it is the older one.
        let larsOud = try await o.aanvraag(lars)
        o.klok.verzet(60)
        _ = try await o.aanvraag(lars, Repo.sample("kinderfestival.yaml"))
        try await o.nieuweVersie(larsOud, fouten)
        try await o.keurGoed(vanFatima, door: docent)

        try await o.test { client in
            #expect(try await client.vraag(.get, "/api/cursussen/\(c.id)/voortgang").status == .unauthorized)
            let a = try await client.meldAan("ander@school.nl")
            #expect(try await client.vraag(.get, "/api/cursussen/\(c.id)/voortgang", als: a).status == .notFound)
            _ = ander
            let f = try await client.meldAan("fatima@thuis.nl")
            #expect(try await client.vraag(.get, "/api/cursussen/\(c.id)/voortgang", als: f).status == .notFound)
            let d = try await client.meldAan("docent@school.nl")
            #expect(try await client.vraag(.get, "/api/cursussen/999/voortgang", als: d).status == .notFound)
            let r = try await client.vraag(.get, "/api/cursussen/\(c.id)/voortgang", als: d)
            #expect(r.status == .ok)
            let rijen = r.array
            #expect(rijen.map { $0["cursist"] as? String } == ["Fatima", "Joost", "Kim", "Lars"])
            for rij in rijen {
                #expect(Set(rij.keys).isSuperset(of: ["cursist", "aanvraag", "versie", "af", "fouten", "waarschuwingen",
                                                      "onderdelen", "goedgekeurd", "goedgekeurde_versie", "gewijzigd"]))
            }
            // Kim has none.
            #expect(rijen[2]["aanvraag"] is NSNull && rijen[2]["goedgekeurd"] as? Bool == false)
            #expect((rijen[2]["onderdelen"] as? [String: Any])?.isEmpty == true)
            // Fatima: approved at her current version.
            #expect(rijen[0]["aanvraag"] as? Int == Int(vanFatima.id))
            #expect(rijen[0]["goedgekeurd"] as? Bool == true && rijen[0]["goedgekeurde_versie"] as? Int == 1)
            #expect(rijen[0]["af"] as? Bool == true && rijen[0]["fouten"] as? Int == 0)
            // Lars: the older aanvraag, changed last, at version 2.
            #expect(rijen[3]["aanvraag"] as? Int == Int(larsOud.id) && rijen[3]["versie"] as? Int == 2)
            // Joost: the onderdelen add up to the totals and are grouped as the spec says,
            // counted here from the check's own findings.
            let joostRij = rijen[1]
            #expect(joostRij["aanvraag"] as? Int == Int(vanJoost.id))
            let onderdelen = try #require(joostRij["onderdelen"] as? [String: [String: Int]])
            var verwacht: [String: [String: Int]] = [:]
            for b in try await o.diensten.kern.controleer(fouten).bevindingen where !b.onderdrukt && b.ernst != .tip {
                let delen = b.pad.split(separator: ".").map { $0.split(separator: "[").first.map(String.init) ?? "" }
                let sleutel = delen.isEmpty ? "algemeen" : delen[0] == "project" && delen.count > 1
                    ? "project.\(delen[1])" : delen[0]
                verwacht[sleutel, default: ["fouten": 0, "waarschuwingen": 0]][b.ernst == .fout ? "fouten" : "waarschuwingen"]! += 1
            }
            #expect(onderdelen == verwacht)
            #expect(onderdelen.values.map { $0["fouten"]! }.reduce(0, +) == joostRij["fouten"] as? Int)
            #expect(onderdelen.values.map { $0["waarschuwingen"]! }.reduce(0, +) == joostRij["waarschuwingen"] as? Int)
            #expect((joostRij["fouten"] as? Int ?? 0) > 0)
            #expect(onderdelen.keys.contains { $0.hasPrefix("project.") })

            // A new version withdraws the approval; the approved version is still named.
            try await o.nieuweVersie(vanFatima, Repo.sample("buurtmoestuin.yaml"))
            let na = try await client.vraag(.get, "/api/cursussen/\(c.id)/voortgang", als: d).array[0]
            #expect(na["versie"] as? Int == 2 && na["goedgekeurd"] as? Bool == false && na["goedgekeurde_versie"] as? Int == 1)
        }
    }

    @Test func opmerkingenPlaatsenLezenAfhandelen() async throws {
        let o = try Omgeving()
        let docent = try await o.gebruiker(.docent, "docent@school.nl")
        let c = try await o.cursus(docent: docent)
        let fatima = try await o.gebruiker(.cursist, "fatima@thuis.nl", cursus: c.id)
        let a = try await o.aanvraag(fatima)
        let b = try await o.aanvraag(fatima)
        try await o.test { client in
            let d = try await client.meldAan("docent@school.nl")
            let f = try await client.meldAan("fatima@thuis.nl")
            let pad = "/api/aanvragen/\(a.id)/opmerkingen"
            let opmerking: [String: Any] = ["pad": "project.urgentie", "tekst": "Waarom juist nu? Noem een cijfer."]
            #expect(try await client.vraag(.post, pad, json: opmerking).status == .unauthorized)
            #expect(try await client.vraag(.post, pad, als: d, csrf: false, json: opmerking).status == .forbidden)
            #expect(try await client.vraag(.post, pad, als: f, json: opmerking).status == .forbidden)
            #expect(try await client.vraag(.post, pad, als: d, json: ["pad": "project.urgentie"]).status == .badRequest)
            #expect(try await client.vraag(.post, pad, als: d, json: ["pad": "project.urgentie", "tekst": "  "]).status
                    == .unprocessableContent)
            #expect(try await client.vraag(.post, pad, als: d, json: ["pad": "project.\nurgentie", "tekst": "x"]).status
                    == .unprocessableContent)
            #expect(try await client.vraag(.post, pad, als: d, json: ["pad": String(repeating: "p", count: 301), "tekst": "x"])
                .status == .unprocessableContent)
            #expect(try await o.opslag.opmerkingen(aanvraag: a.id).isEmpty)
            let r = try await client.vraag(.post, pad, als: d, json: opmerking)
            #expect(r.status == .created)
            let oid = try #require(r.object["id"] as? Int)

            for wie in [d, f] {
                let lijst = try await client.vraag(.get, pad, als: wie)
                #expect(lijst.status == .ok)
                let eerste = try #require(lijst.array.first)
                #expect(lijst.array.count == 1)
                #expect(eerste["id"] as? Int == oid && eerste["pad"] as? String == "project.urgentie")
                #expect(eerste["tekst"] as? String == "Waarom juist nu? Noem een cijfer.")
                #expect(eerste["docent"] as? String == "Docent" && eerste["afgehandeld"] as? Bool == false)
                #expect(eerste["geplaatst"] is String)
            }
            #expect(try await client.vraag(.get, "/api/aanvragen/\(b.id)/opmerkingen", als: f).array.isEmpty)
            #expect(try await client.vraag(.get, pad, als: f).array.first?["medecursist"] as? Bool == false)

            // About the whole aanvraag: an empty or absent `pad` (cursus.md).
            for lichaam: [String: Any] in [["pad": "", "tekst": "Mooi plan."], ["tekst": "Let op de spelling."]] {
                let geheel = try await client.vraag(.post, "/api/aanvragen/\(b.id)/opmerkingen", als: d, json: lichaam)
                #expect(geheel.status == .created)
            }
            let geheel = try await client.vraag(.get, "/api/aanvragen/\(b.id)/opmerkingen", als: f).array
            #expect(geheel.map { $0["pad"] as? String } == ["", ""])
            #expect(geheel.allSatisfy { $0["medecursist"] as? Bool == false })

            let patch = "\(pad)/\(oid)"
            #expect(try await client.vraag(.patch, patch, json: ["afgehandeld": true]).status == .unauthorized)
            #expect(try await client.vraag(.patch, patch, als: d, json: ["afgehandeld": true]).status == .forbidden)
            #expect(try await client.vraag(.patch, patch, als: f, csrf: false, json: ["afgehandeld": true]).status == .forbidden)
            #expect(try await client.vraag(.patch, patch, als: f, json: ["klaar": true]).status == .badRequest)
            // The opmerking belongs to aanvraag a, not b.
            #expect(try await client.vraag(.patch, "/api/aanvragen/\(b.id)/opmerkingen/\(oid)", als: f,
                                           json: ["afgehandeld": true]).status == .notFound)
            #expect(try await client.vraag(.patch, "\(pad)/999", als: f, json: ["afgehandeld": true]).status == .notFound)
            #expect(try await o.opslag.opmerkingen(aanvraag: a.id)[0].afgehandeld == nil)
            let ok = try await client.vraag(.patch, patch, als: f, json: ["afgehandeld": true])
            #expect(ok.status == .ok && ok.object["afgehandeld"] as? Bool == true)
            #expect(try await client.vraag(.get, pad, als: d).array.first?["afgehandeld"] as? Bool == true)
            let weer = try await client.vraag(.patch, patch, als: f, json: ["afgehandeld": false])
            #expect(weer.object["afgehandeld"] as? Bool == false)
            // A docent never changes the text.
            #expect(try await client.vraag(.put, "/api/aanvragen/\(a.id)", als: d, tekst: Repo.sample("buurtmoestuin.yaml"),
                                           headers: [.ifMatch: "\"1\""]).status == .forbidden)
        }
    }

    @Test func goedkeuringHoortBijEenVersie() async throws {
        let o = try Omgeving()
        let docent = try await o.gebruiker(.docent, "docent@school.nl")
        let c = try await o.cursus(docent: docent)
        let fatima = try await o.gebruiker(.cursist, "fatima@thuis.nl", cursus: c.id)
        let a = try await o.aanvraag(fatima, Repo.sample("concept-vol-fouten.yaml"))
        try await o.test { client in
            let d = try await client.meldAan("docent@school.nl")
            let f = try await client.meldAan("fatima@thuis.nl")
            let pad = "/api/aanvragen/\(a.id)/goedkeuring"
            #expect(try await client.vraag(.post, pad, json: ["versie": 1]).status == .unauthorized)
            #expect(try await client.vraag(.post, pad, als: f, json: ["versie": 1]).status == .forbidden)
            #expect(try await client.vraag(.post, pad, als: d, csrf: false, json: ["versie": 1]).status == .forbidden)
            #expect(try await client.vraag(.post, pad, als: d, json: [:] as [String: Any]).status == .badRequest)
            #expect(try await client.vraag(.post, pad, als: d, json: ["versie": "1"]).status == .badRequest)
            // A version with fouten: 422 with its check.
            let fout = try await client.vraag(.post, pad, als: d, json: ["versie": 1])
            #expect(fout.status == .unprocessableContent)
            let check = try #require(fout.object["check"] as? [String: Any])
            #expect(check["af"] as? Bool == false && check["bestand"] as? String == "aanvraag.yaml")
            #expect(try await o.opslag.goedkeuringen(aanvraag: a.id).isEmpty)
            #expect(try await client.vraag(.post, pad, als: d, json: ["versie": 7]).status == .notFound)

            // Version 2 is af: approved while it is current.
            let put = try await client.vraag(.put, "/api/aanvragen/\(a.id)", als: f, tekst: Repo.sample("buurtmoestuin.yaml"),
                                             headers: [.ifMatch: "\"1\""])
            #expect(put.status == .ok)
            let ok = try await client.vraag(.post, pad, als: d, json: ["versie": 2])
            #expect(ok.status == .created)
            #expect(ok.object["goedgekeurd"] as? Bool == true && ok.object["goedgekeurde_versie"] as? Int == 2)
            #expect(try await client.vraag(.post, pad, als: d, json: ["versie": 2]).status == .created)
            #expect(try await o.opslag.goedkeuringen(aanvraag: a.id).count == 1)
            let stand = try await client.vraag(.get, pad, als: f)
            #expect(stand.status == .ok && stand.object["goedgekeurd"] as? Bool == true)

            // Version 3 is not approved until the docent approves it again.
            let put3 = try await client.vraag(.put, "/api/aanvragen/\(a.id)", als: f,
                                              tekst: Repo.sample("buurtmoestuin.yaml") + Array("# bijgewerkt\n".utf8),
                                              headers: [.ifMatch: "\"2\""])
            #expect(put3.status == .ok)
            let na = try await client.vraag(.get, pad, als: f).object
            #expect(na["versie"] as? Int == 3 && na["goedgekeurd"] as? Bool == false && na["goedgekeurde_versie"] as? Int == 2)
            #expect(try await client.vraag(.post, pad, als: d, json: ["versie": 3]).object["goedgekeurd"] as? Bool == true)

            // The docent of the cursus builds the package of the approved version.
            let pakket = try await client.vraag(.post, "/api/aanvragen/\(a.id)/pakket?formaat=odt", als: d)
            #expect(pakket.status == .ok && pakket.headers[.contentType] == "application/zip")
            #expect(try Zipinhoud.lees(pakket.bytes).contains { $0.naam.hasSuffix(".odt") })
        }
    }
}
