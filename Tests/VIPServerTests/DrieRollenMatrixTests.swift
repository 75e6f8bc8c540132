import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import VIPServer

/// Three roles, each also in another cursus or event: every route is tried by every actor
/// against every other actor's resources. 401 without a session, 404 for what the caller may
/// not see, 403 for what she may see but not change.
@Suite struct DrieRollenMatrixTests {
    typealias Wie = DrieRollen.Wie

    @Test func elkeRouteTegenElkeActor() async throws {
        let o = try Omgeving()
        let rollen = try await DrieRollen(o)
        let (c1, c2, e1, e2) = (rollen.c1, rollen.c2, rollen.e1, rollen.e2)
        let (vanFatima, vanJoost, vanKim) = (rollen.vanFatima, rollen.vanJoost, rollen.vanKim)
        let (opmerkingen, emails, ids) = (rollen.opmerkingen, rollen.emails, rollen.ids)
        let tekst = Repo.sample("buurtmoestuin.yaml")

        try await o.test { c in
            var sessies: [Wie: Aangemeld] = [:]
            for (wie, email) in emails { sessies[wie] = try await c.meldAan(email) }

            /// Expected answers for one route on one aanvraag, by relation: an author (who began
            /// it or writes with her), a docent of its cursus, a fellow cursist of a shared
            /// aanvraag, an organiser, anyone else signed in.
            struct Regel {
                var eigenaar: HTTPResponse.Status
                var docent: HTTPResponse.Status
                var medecursist: HTTPResponse.Status
                var organisator: HTTPResponse.Status = .notFound
                var ander: HTTPResponse.Status = .notFound
            }
            for a in [vanFatima, vanJoost, vanKim] {
                let p = "/api/aanvragen/\(a.id)"
                let oid = opmerkingen[a.id]!
                let routes: [(HTTPRequest.Method, String, () async throws -> ([UInt8]?, HTTPFields), Regel)] = [
                    (.get, p, { (nil, [:]) }, Regel(eigenaar: .ok, docent: .ok, medecursist: .ok)),
                    (.get, "\(p)/versies", { (nil, [:]) }, Regel(eigenaar: .ok, docent: .ok, medecursist: .ok)),
                    (.get, "\(p)/versies/1", { (nil, [:]) }, Regel(eigenaar: .ok, docent: .ok, medecursist: .ok)),
                    (.get, "\(p)/check", { (nil, [:]) }, Regel(eigenaar: .ok, docent: .ok, medecursist: .ok)),
                    (.get, "\(p)/bestanden", { (nil, [:]) }, Regel(eigenaar: .ok, docent: .ok, medecursist: .ok)),
                    (.put, p, {
                        let v = try await o.opslag.aanvraag(id: a.id)!.versie
                        return (tekst, [.ifMatch: "\"\(v)\""])
                    }, Regel(eigenaar: .ok, docent: .forbidden, medecursist: .forbidden)),
                    (.post, "\(p)/pakket?formaat=odt", { (nil, [:]) },
                     Regel(eigenaar: .ok, docent: .ok, medecursist: .forbidden, organisator: .forbidden)),
                    (.get, "\(p)/opmerkingen", { (nil, [:]) }, Regel(eigenaar: .ok, docent: .ok, medecursist: .ok)),
                    (.post, "\(p)/opmerkingen", { (Array(#"{"pad":"brief","tekst":"Kan korter."}"#.utf8), [:]) },
                     Regel(eigenaar: .forbidden, docent: .created, medecursist: .created)),
                    (.patch, "\(p)/opmerkingen/\(oid)", { (Array(#"{"afgehandeld":true}"#.utf8), [:]) },
                     Regel(eigenaar: .ok, docent: .forbidden, medecursist: .forbidden)),
                    (.get, "\(p)/goedkeuring", { (nil, [:]) }, Regel(eigenaar: .ok, docent: .ok, medecursist: .ok)),
                    // A cursist of another cursus: never a co-author here (422, nothing added).
                    (.post, "\(p)/auteurs", {
                        (Array(#"{"email":"\#(a.cursus == c1.id ? "joost" : "kim")@thuis.nl"}"#.utf8), [:])
                    },
                     Regel(eigenaar: .unprocessableContent, docent: .forbidden, medecursist: .forbidden)),
                    (.delete, "\(p)/auteurs/\(a.eigenaar)", { (nil, [:]) },
                     Regel(eigenaar: .forbidden, docent: .forbidden, medecursist: .forbidden)),
                    // Sharing as it already is: the answer, not the state, is under test.
                    (.put, "\(p)/delen", { (Array(#"{"groep":\#(a.gedeeld)}"#.utf8), [:]) },
                     Regel(eigenaar: .ok, docent: .forbidden, medecursist: .forbidden)),
                    (.post, "\(p)/goedkeuring", {
                        let v = try await o.opslag.aanvraag(id: a.id)!.versie
                        return (Array(#"{"versie":\#(v)}"#.utf8), [:])
                    }, Regel(eigenaar: .forbidden, docent: .created, medecursist: .forbidden)),
                    // The register's funds: searched by whoever sees the aanvraag, added by its owner
                    // (after the approval above: a fund without an amount is a fout).
                    (.get, "\(p)/fondsen?datum=2024-11-01", { (nil, [:]) }, Regel(eigenaar: .ok, docent: .ok, medecursist: .ok)),
                    (.post, "\(p)/fondsen", {
                        let v = try await o.opslag.aanvraag(id: a.id)!.versie
                        return (Array(#"{"naam":"Kleine Plannen Fonds"}"#.utf8), [.ifMatch: "\"\(v)\""])
                    }, Regel(eigenaar: .ok, docent: .forbidden, medecursist: .forbidden)),
                ]
                for (method, pad, maakBody, regel) in routes {
                    for wie in Wie.allCases {
                        let (body, headers) = try await maakBody()
                        let r = try await c.vraag(method, pad, als: sessies[wie], tekst: body, headers: headers)
                        let verwacht: HTTPResponse.Status
                        if wie == .anoniem { verwacht = .unauthorized } else {
                            switch rollen.relatie(wie, a) {
                            case .auteur: verwacht = regel.eigenaar
                            case .docent: verwacht = regel.docent
                            case .medecursist: verwacht = regel.medecursist
                            case .organisator: verwacht = regel.organisator
                            case .ander: verwacht = regel.ander
                            }
                        }
                        #expect(r.status == verwacht, "\(wie.rawValue): \(method) \(pad) gaf \(r.status.code) \(r.fout ?? "")")
                        if r.status.code >= 400 { #expect(r.fout != nil) }
                    }
                }
            }
            // The relations held: nobody was added or taken off, sharing is as it was.
            #expect(try await o.opslag.auteurs(aanvraag: vanFatima.id).map(\.id) == [rollen.fatima.id, rollen.sanne.id])
            #expect(try await o.opslag.auteurs(aanvraag: vanKim.id).map(\.id) == [rollen.kim.id])
            let fatimaNa = try await o.opslag.aanvraag(id: vanFatima.id)!, kimNa = try await o.opslag.aanvraag(id: vanKim.id)!
            #expect(fatimaNa.gedeeld && !kimNa.gedeeld)
            // The fellow cursist's opmerking is marked as hers.
            let vanKimOpFatima = try await o.opslag.opmerkingen(aanvraag: vanFatima.id).filter { $0.docent == rollen.kim.id }
            #expect(vanKimOpFatima.count == 1 && vanKimOpFatima.allSatisfy(\.vanMedecursist))
            // Kim's own PUTs made new versions: her approval no longer holds until the docent
            // approved again (the POST before the register's routes did); adding a fund made one more.
            let kimVersies = try await o.opslag.versies(aanvraag: vanKim.id).count
            #expect(kimVersies == 3)
            #expect(try await o.opslag.goedkeuringen(aanvraag: vanKim.id).map(\.versie) == [1, 2])

            // Cursussen: their docenten; the course page also for its cursisten, who may see the
            // cursus but not change it (403).
            for cursus in [c1, c2] {
                let docenten = rollen.docenten(van: cursus), cursisten = rollen.cursisten(van: cursus)
                let i = "/api/cursussen/\(cursus.id)"
                let routes: [(HTTPRequest.Method, String, [UInt8]?, HTTPResponse.Status, HTTPResponse.Status)] = [
                    (.get, "\(i)/voortgang", nil, .ok, .notFound),
                    (.post, "\(i)/review/combineer", Array(#"{"rangordes":[["A","B","C"]]}"#.utf8), .ok, .notFound),
                    // Too few aanvragen in either cursus for three: 422, but only for them.
                    (.post, "\(i)/review", Array(#"{"kies":3}"#.utf8), .unprocessableContent, .notFound),
                    (.get, i, nil, .ok, .ok),
                    (.patch, i, Array(#"{"max_afwezig":2}"#.utf8), .ok, .forbidden),
                    // Fatima is no docent: 422 for a docent of the cursus, nothing added.
                    (.post, "\(i)/docenten", Array(#"{"email":"fatima@thuis.nl"}"#.utf8), .unprocessableContent, .forbidden),
                    (.delete, "\(i)/docenten/\(rollen.organisator.id)", nil, .notFound, .forbidden),
                    (.put, "\(i)/aanwezigheid/1", Array("[]".utf8), .ok, .forbidden),
                    (.put, "\(i)/aanwezigheid/99", Array("[]".utf8), .notFound, .forbidden),
                    // Mail is off here: a docent of the cursus hears so (409, nothing recorded or sent).
                    (.post, "\(i)/herinneringen", nil, .conflict, .forbidden),
                    (.post, "\(i)/uitnodigingen", Array(#"{"emails":["nieuw@thuis.nl"]}"#.utf8), .conflict, .forbidden),
                    // An invalid address: 422 before anything else, nothing sent.
                    (.post, "\(i)/uitnodigingen", Array(#"{"emails":["geen adres"]}"#.utf8), .unprocessableContent,
                     .forbidden),
                ]
                for (method, pad, body, docent, cursist) in routes {
                    for wie in Wie.allCases {
                        let r = try await c.vraag(method, pad, als: sessies[wie], tekst: body)
                        let verwacht: HTTPResponse.Status = wie == .anoniem ? .unauthorized : docenten.contains(wie) ? docent
                            : cursisten.contains(wie) ? cursist : .notFound
                        #expect(r.status == verwacht, "\(wie.rawValue): \(method) \(pad) gaf \(r.status.code) \(r.fout ?? "")")
                    }
                }
            }
            #expect(try await o.opslag.cursus(id: c1.id)!.docenten.count == 2)
            // Events: only the organiser who made it.
            for (e, maker) in [(e1, Wie.organisator), (e2, Wie.andereOrganisator)] {
                for pad in ["/api/evenementen/\(e.id)", "/api/evenementen/\(e.id)/pakket"] {
                    for wie in Wie.allCases {
                        let r = try await c.vraag(.get, pad, als: sessies[wie])
                        let verwacht: HTTPResponse.Status = wie == .anoniem ? .unauthorized : wie == maker ? .ok : .notFound
                        #expect(r.status == verwacht, "\(wie.rawValue): GET \(pad) gaf \(r.status.code) \(r.fout ?? "")")
                    }
                }
            }
            // The fund register: organisers and the beheerder read and replace it; everyone else may
            // not (403).
            let organisatoren: Set<Wie> = [.organisator, .andereOrganisator, .beheerder]
            for (method, body) in [(HTTPRequest.Method.get, nil as [UInt8]?), (.put, Repo.sample("fondsenregister.yaml"))] {
                for wie in Wie.allCases {
                    let r = try await c.vraag(method, "/api/fondsenregister", als: sessies[wie], tekst: body)
                    let verwacht: HTTPResponse.Status = wie == .anoniem ? .unauthorized : organisatoren.contains(wie) ? .ok : .forbidden
                    #expect(r.status == verwacht, "\(wie.rawValue): \(method) /api/fondsenregister gaf \(r.status.code) \(r.fout ?? "")")
                    if r.status.code >= 400 { #expect(r.fout != nil) }
                }
            }
            // A change without the CSRF token: 403, nothing stored.
            let versie = try await o.opslag.registerVersie()
            let zonder = try await c.vraag(.put, "/api/fondsenregister", als: sessies[.organisator], csrf: false,
                                           tekst: Repo.sample("fondsenregister.yaml"))
            let versieNa = try await o.opslag.registerVersie()
            #expect(zonder.status == .forbidden && versieNa == versie)
            let zonderAanvraag = try await c.vraag(.post, "/api/aanvragen/\(vanFatima.id)/fondsen", als: sessies[.fatima],
                                                   csrf: false, tekst: Array(#"{"naam":"Stichting Buurtkracht"}"#.utf8),
                                                   headers: [.ifMatch: "\"\(try await o.opslag.aanvraag(id: vanFatima.id)!.versie)\""])
            #expect(zonderAanvraag.status == .forbidden)

            // Making things: each role its own.
            let maken: [(String, [UInt8], Set<Wie>)] = [
                ("/api/aanvragen", tekst, [.fatima, .joost, .kim, .sanne]),
                ("/api/cursussen", Array(#"{"naam":"X","bijeenkomsten":[]}"#.utf8), [.docent, .andereDocent, .coDocent]),
                ("/api/evenementen", Array(Evenementtekst.sample(cursussen: [c1.id]).utf8), [.organisator, .andereOrganisator]),
            ]
            for (pad, body, mogen) in maken {
                for wie in Wie.allCases {
                    let r = try await c.vraag(.post, pad, als: sessies[wie], tekst: body)
                    let verwacht: HTTPResponse.Status = wie == .anoniem ? .unauthorized : mogen.contains(wie) ? .created : .forbidden
                    #expect(r.status == verwacht, "\(wie.rawValue): POST \(pad) gaf \(r.status.code) \(r.fout ?? "")")
                }
            }
            // Beheer: only the beheerder; everyone else 403, no session 401.
            var n = 0
            let beheer: [(HTTPRequest.Method, String, () -> [UInt8]?, HTTPResponse.Status)] = [
                (.get, "/api/gebruikers", { nil }, .ok),
                (.get, "/api/beheer/mail", { nil }, .ok),
                (.patch, "/api/gebruikers/\(ids[.kim]!)", { Array(#"{"geblokkeerd":false}"#.utf8) }, .ok),
                (.post, "/api/gebruikers", {
                    n += 1
                    return Array(#"{"email":"nieuw\#(n)@school.nl","naam":"Nieuw","rol":"docent"}"#.utf8)
                }, .created),
            ]
            for (method, pad, body, eigen) in beheer {
                for wie in Wie.allCases {
                    let r = try await c.vraag(method, pad, als: sessies[wie], tekst: body())
                    let verwacht: HTTPResponse.Status = wie == .anoniem ? .unauthorized : wie == .beheerder ? eigen : .forbidden
                    #expect(r.status == verwacht, "\(wie.rawValue): \(method) \(pad) gaf \(r.status.code) \(r.fout ?? "")")
                    if r.status.code >= 400 { #expect(r.fout != nil) }
                }
            }
            // The beheerder sees no aanvraag.
            #expect(try await c.vraag(.get, "/api/aanvragen", als: sessies[.beheerder]).array.isEmpty)

            // Lists show only one's own.
            #expect(try await c.vraag(.get, "/api/evenementen", als: sessies[.organisator]).array.compactMap { $0["id"] as? Int }
                .contains(Int(e1.id)))
            #expect(!(try await c.vraag(.get, "/api/evenementen", als: sessies[.organisator]).array.compactMap { $0["id"] as? Int }
                .contains(Int(e2.id))))
            let kimLijst = try await c.vraag(.get, "/api/aanvragen", als: sessies[.kim]).array.compactMap { $0["id"] as? Int }
            #expect(kimLijst.contains(Int(vanKim.id)) && !kimLijst.contains(Int(vanFatima.id)))
            // A co-author lists the aanvraag she writes with its owner and every author.
            let sanneLijst = try await c.vraag(.get, "/api/aanvragen", als: sessies[.sanne]).array
            let samen = try #require(sanneLijst.first { $0["id"] as? Int == Int(vanFatima.id) })
            #expect(samen["eigenaar"] as? String == rollen.fatima.naam)
            #expect(samen["auteurs"] as? [String] == [rollen.fatima.naam, rollen.sanne.naam])
        }
    }
}
