import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import VIPServer

/// Two cursisten in two cursussen (each with its own docent), an organiser and an anonymous
/// client try every route against each other's aanvragen: 401 without a session, 404 for
/// what the caller may not see, 403 for what she may see but not change.
@Suite struct AutorisatieMatrixTests {
    enum Wie: String, CaseIterable { case anoniem, eigenaar, andereCursist, docent, andereDocent, organisator, beheerder }

    @Test func matrix() async throws {
        let o = try Omgeving()
        let docent = try await o.gebruiker(.docent, "docent@school.nl")
        let andereDocent = try await o.gebruiker(.docent, "ander@school.nl")
        try await o.gebruiker(.organisator, "org@school.nl")
        try await o.gebruiker(.beheerder, "beheer@school.nl")
        let c1 = try await o.cursus(docent: docent)
        let c2 = try await o.cursus(docent: andereDocent)
        let fatima = try await o.gebruiker(.cursist, "fatima@thuis.nl", cursus: c1.id)
        let joost = try await o.gebruiker(.cursist, "joost@thuis.nl", cursus: c2.id)
        let vanFatima = try await o.aanvraag(fatima)
        let vanJoost = try await o.aanvraag(joost)
        let emails: [Wie: String] = [.eigenaar: "fatima@thuis.nl", .andereCursist: "joost@thuis.nl", .docent: "docent@school.nl",
                                     .andereDocent: "ander@school.nl", .organisator: "org@school.nl",
                                     .beheerder: "beheer@school.nl"]
        // Not the stored text: a PUT of exactly the current text stores nothing.
        let tekst = AanvraagRouteTests.buurtmoestuin + Array("# gewijzigd\n".utf8)

        try await o.test { c in
            var sessies: [Wie: Aangemeld] = [:]
            for (wie, email) in emails { sessies[wie] = try await c.meldAan(email) }

            // Per route: the expected status for each caller on Fatima's aanvraag.
            typealias Rij = (HTTPRequest.Method, String, [UInt8]?, [Wie: HTTPResponse.Status])
            let id = vanFatima.id
            let lezen: [Wie: HTTPResponse.Status] = [.anoniem: .unauthorized, .eigenaar: .ok, .andereCursist: .notFound,
                                                     .docent: .ok, .andereDocent: .notFound, .organisator: .notFound,
                                                     .beheerder: .notFound]
            let rijen: [Rij] = [
                (.get, "/api/aanvragen/\(id)", nil, lezen),
                (.get, "/api/aanvragen/\(id)/versies", nil, lezen),
                (.get, "/api/aanvragen/\(id)/versies/1", nil, lezen),
                (.get, "/api/aanvragen/\(id)/check", nil, lezen),
                (.put, "/api/aanvragen/\(id)", tekst, [.anoniem: .unauthorized, .eigenaar: .ok, .andereCursist: .notFound,
                                                        .docent: .forbidden, .andereDocent: .notFound, .organisator: .notFound, .beheerder: .notFound]),
                (.post, "/api/aanvragen/\(id)/pakket", nil, [.anoniem: .unauthorized, .eigenaar: .ok, .andereCursist: .notFound,
                                                              .docent: .ok, .andereDocent: .notFound, .organisator: .forbidden, .beheerder: .notFound]),
                (.get, "/api/aanvragen/999999", nil, [.anoniem: .unauthorized, .eigenaar: .notFound, .andereCursist: .notFound,
                                                      .docent: .notFound, .andereDocent: .notFound, .organisator: .notFound, .beheerder: .notFound]),
                (.put, "/api/aanvragen/999999", tekst, [.anoniem: .unauthorized, .eigenaar: .notFound, .andereCursist: .notFound,
                                                        .docent: .notFound, .andereDocent: .notFound, .organisator: .notFound, .beheerder: .notFound]),
                (.post, "/api/aanvragen", tekst, [.anoniem: .unauthorized, .eigenaar: .created, .andereCursist: .created,
                                                  .docent: .forbidden, .andereDocent: .forbidden, .organisator: .forbidden, .beheerder: .forbidden]),
                (.post, "/api/cursussen", Array(#"{"naam":"X","bijeenkomsten":[]}"#.utf8),
                 [.anoniem: .unauthorized, .eigenaar: .forbidden, .andereCursist: .forbidden, .docent: .created,
                  .andereDocent: .created, .organisator: .forbidden, .beheerder: .forbidden]),
            ]
            for (method, pad, body, verwacht) in rijen {
                for wie in Wie.allCases {
                    var headers: HTTPFields = [:]
                    if method == .put {
                        // Always the current version, so only authorisation can refuse it.
                        let huidig = try await o.opslag.aanvraag(id: id)?.versie ?? 1
                        headers[.ifMatch] = "\"\(huidig)\""
                    }
                    let r = try await c.vraag(method, pad, als: sessies[wie], tekst: body, headers: headers)
                    #expect(r.status == verwacht[wie], "\(wie.rawValue): \(method) \(pad) gaf \(r.status.code) \(r.fout ?? "")")
                    if r.status.code >= 400 { #expect(r.fout != nil, "\(wie.rawValue): \(method) \(pad) zonder fout") }
                }
            }
            // Fatima's text was changed by herself only.
            let versies = try await o.opslag.versies(aanvraag: id)
            #expect(versies.count == 2)

            // The list shows what the caller may see, and nothing else.
            let lijst = { (wie: Wie) async throws -> Set<Int> in
                Set(try await c.vraag(.get, "/api/aanvragen", als: sessies[wie]).array.compactMap { $0["id"] as? Int })
            }
            #expect(try await c.vraag(.get, "/api/aanvragen").status == .unauthorized)
            let eigenFatima = try await lijst(.eigenaar)
            #expect(eigenFatima.contains(Int(vanFatima.id)) && !eigenFatima.contains(Int(vanJoost.id)))
            let eigenJoost = try await lijst(.andereCursist)
            #expect(eigenJoost.contains(Int(vanJoost.id)) && !eigenJoost.contains(Int(vanFatima.id)))
            #expect(try await lijst(.docent) == eigenFatima)
            #expect(try await lijst(.andereDocent) == eigenJoost)
            #expect(try await lijst(.organisator).isEmpty)
            #expect(try await lijst(.beheerder).isEmpty)
        }
    }
}
