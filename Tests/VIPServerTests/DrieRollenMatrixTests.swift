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

            /// Expected answers for one route on one aanvraag, by relation: its owner, the docent
            /// of its cursus, an organiser, anyone else signed in.
            struct Regel {
                var eigenaar: HTTPResponse.Status
                var docent: HTTPResponse.Status
                var organisator: HTTPResponse.Status = .notFound
                var ander: HTTPResponse.Status = .notFound
            }
            for a in [vanFatima, vanJoost, vanKim] {
                let docentVan = rollen.docent(van: a)
                let p = "/api/aanvragen/\(a.id)"
                let oid = opmerkingen[a.id]!
                let routes: [(HTTPRequest.Method, String, () async throws -> ([UInt8]?, HTTPFields), Regel)] = [
                    (.get, p, { (nil, [:]) }, Regel(eigenaar: .ok, docent: .ok)),
                    (.get, "\(p)/versies", { (nil, [:]) }, Regel(eigenaar: .ok, docent: .ok)),
                    (.get, "\(p)/versies/1", { (nil, [:]) }, Regel(eigenaar: .ok, docent: .ok)),
                    (.get, "\(p)/check", { (nil, [:]) }, Regel(eigenaar: .ok, docent: .ok)),
                    (.put, p, {
                        let v = try await o.opslag.aanvraag(id: a.id)!.versie
                        return (tekst, [.ifMatch: "\"\(v)\""])
                    }, Regel(eigenaar: .ok, docent: .forbidden)),
                    (.post, "\(p)/pakket?formaat=odt", { (nil, [:]) },
                     Regel(eigenaar: .ok, docent: .ok, organisator: .forbidden)),
                    (.get, "\(p)/opmerkingen", { (nil, [:]) }, Regel(eigenaar: .ok, docent: .ok)),
                    (.post, "\(p)/opmerkingen", { (Array(#"{"pad":"brief","tekst":"Kan korter."}"#.utf8), [:]) },
                     Regel(eigenaar: .forbidden, docent: .created)),
                    (.patch, "\(p)/opmerkingen/\(oid)", { (Array(#"{"afgehandeld":true}"#.utf8), [:]) },
                     Regel(eigenaar: .ok, docent: .forbidden)),
                    (.get, "\(p)/goedkeuring", { (nil, [:]) }, Regel(eigenaar: .ok, docent: .ok)),
                    (.post, "\(p)/goedkeuring", {
                        let v = try await o.opslag.aanvraag(id: a.id)!.versie
                        return (Array(#"{"versie":\#(v)}"#.utf8), [:])
                    }, Regel(eigenaar: .forbidden, docent: .created)),
                    // The register's funds: searched by whoever sees the aanvraag, added by its owner
                    // (after the approval above: a fund without an amount is a fout).
                    (.get, "\(p)/fondsen?datum=2024-11-01", { (nil, [:]) }, Regel(eigenaar: .ok, docent: .ok)),
                    (.post, "\(p)/fondsen", {
                        let v = try await o.opslag.aanvraag(id: a.id)!.versie
                        return (Array(#"{"naam":"Kleine Plannen Fonds"}"#.utf8), [.ifMatch: "\"\(v)\""])
                    }, Regel(eigenaar: .ok, docent: .forbidden)),
                ]
                for (method, pad, maakBody, regel) in routes {
                    for wie in Wie.allCases {
                        let (body, headers) = try await maakBody()
                        let r = try await c.vraag(method, pad, als: sessies[wie], tekst: body, headers: headers)
                        let verwacht: HTTPResponse.Status
                        if wie == .anoniem { verwacht = .unauthorized }
                        else if ids[wie] == a.eigenaar { verwacht = regel.eigenaar }
                        else if ids[wie] == docentVan { verwacht = regel.docent }
                        else if wie == .organisator || wie == .andereOrganisator { verwacht = regel.organisator }
                        else { verwacht = regel.ander }
                        #expect(r.status == verwacht, "\(wie.rawValue): \(method) \(pad) gaf \(r.status.code) \(r.fout ?? "")")
                        if r.status.code >= 400 { #expect(r.fout != nil) }
                    }
                }
            }
            // Kim's own PUTs made new versions: her approval no longer holds until the docent
            // approved again (the POST before the register's routes did); adding a fund made one more.
            let kimVersies = try await o.opslag.versies(aanvraag: vanKim.id).count
            #expect(kimVersies == 3)
            #expect(try await o.opslag.goedkeuringen(aanvraag: vanKim.id).map(\.versie) == [1, 2])

            // Cursussen: only their own docent.
            for (cursus, eigenDocent) in [(c1, Wie.docent), (c2, Wie.andereDocent)] {
                let routes: [(HTTPRequest.Method, String, [UInt8]?, HTTPResponse.Status)] = [
                    (.get, "/api/cursussen/\(cursus.id)/voortgang", nil, .ok),
                    (.post, "/api/cursussen/\(cursus.id)/review/combineer", Array(#"{"rangordes":[["A","B","C"]]}"#.utf8), .ok),
                    // Too few aanvragen in either cursus for three: 422, but only for her.
                    (.post, "/api/cursussen/\(cursus.id)/review", Array(#"{"kies":3}"#.utf8), .unprocessableContent),
                ]
                for (method, pad, body, eigen) in routes {
                    for wie in Wie.allCases {
                        let r = try await c.vraag(method, pad, als: sessies[wie], tekst: body)
                        let verwacht: HTTPResponse.Status = wie == .anoniem ? .unauthorized : wie == eigenDocent ? eigen : .notFound
                        #expect(r.status == verwacht, "\(wie.rawValue): \(method) \(pad) gaf \(r.status.code) \(r.fout ?? "")")
                    }
                }
            }
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
            // The fund register: organisers read and replace it; everyone else may not (403).
            let organisatoren: Set<Wie> = [.organisator, .andereOrganisator]
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
                ("/api/aanvragen", tekst, [.fatima, .joost, .kim]),
                ("/api/cursussen", Array(#"{"naam":"X","bijeenkomsten":[]}"#.utf8), [.docent, .andereDocent]),
                ("/api/evenementen", Array(Evenementtekst.sample(cursussen: [c1.id]).utf8), [.organisator, .andereOrganisator]),
            ]
            for (pad, body, mogen) in maken {
                for wie in Wie.allCases {
                    let r = try await c.vraag(.post, pad, als: sessies[wie], tekst: body)
                    let verwacht: HTTPResponse.Status = wie == .anoniem ? .unauthorized : mogen.contains(wie) ? .created : .forbidden
                    #expect(r.status == verwacht, "\(wie.rawValue): POST \(pad) gaf \(r.status.code) \(r.fout ?? "")")
                }
            }
            // Lists show only one's own.
            #expect(try await c.vraag(.get, "/api/evenementen", als: sessies[.organisator]).array.compactMap { $0["id"] as? Int }
                .contains(Int(e1.id)))
            #expect(!(try await c.vraag(.get, "/api/evenementen", als: sessies[.organisator]).array.compactMap { $0["id"] as? Int }
                .contains(Int(e2.id))))
            let kimLijst = try await c.vraag(.get, "/api/aanvragen", als: sessies[.kim]).array.compactMap { $0["id"] as? Int }
            #expect(kimLijst.contains(Int(vanKim.id)) && !kimLijst.contains(Int(vanFatima.id)))
        }
    }
}
