import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import VIPServer

/// The pages under the same promise as the API (`DrieRollenMatrixTests`): every page route,
/// tried by every actor against every other actor's resources. A page answers 404 for what
/// the caller may not see and 403 for what she may see but not change; without a session it
/// sends the visitor to the login page (303). A page that succeeds answers 200, or 303 after
/// a POST.
@Suite struct PaginaMatrixTests {
    typealias Wie = DrieRollen.Wie

    static let formulier: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .accept: "text/html"]
    static let html: HTTPFields = [.accept: "text/html"]

    @Test func elkePaginaTegenElkeActor() async throws {
        let o = try Omgeving()
        let rollen = try await DrieRollen(o)
        let (c1, c2, e1, e2) = (rollen.c1, rollen.c2, rollen.e1, rollen.e2)
        let (vanFatima, vanJoost, vanKim) = (rollen.vanFatima, rollen.vanJoost, rollen.vanKim)
        let (geplaatst, emails, ids) = (rollen.opmerkingen, rollen.emails, rollen.ids)

        try await o.test { c in
            var sessies: [Wie: Aangemeld] = [:]
            for (wie, email) in emails { sessies[wie] = try await c.meldAan(email) }

            func probeer(_ method: HTTPRequest.Method, _ pad: String, _ body: String?,
                         anoniem: HTTPResponse.Status = .seeOther, verwacht: (Wie) -> HTTPResponse.Status) async throws {
                for wie in Wie.allCases {
                    let r = try await c.vraag(method, pad, als: sessies[wie], tekst: body.map { Array($0.utf8) },
                                              headers: body == nil ? Self.html : Self.formulier)
                    let status = wie == .anoniem ? anoniem : verwacht(wie)
                    #expect(r.status == status, "\(wie.rawValue): \(method) \(pad) gaf \(r.status.code)")
                    if wie == .anoniem && anoniem == .seeOther {
                        #expect(r.headers[.location]?.hasPrefix("/inloggen") == true, "\(pad)")
                    } else if wie == .anoniem {
                        #expect(r.tekst.contains("project.titel=Nieuw"), "the login page keeps what was typed")
                    }
                    if r.status.code >= 400 && !(wie == .anoniem && anoniem == .unauthorized) {
                        // A Dutch page, never a stack trace or an empty body.
                        #expect(r.tekst.contains("<html lang=\"nl\""), "\(wie.rawValue): \(method) \(pad)")
                    }
                }
            }

            // Aanvragen: her own pages; the read view also for her docent; nothing for others.
            for a in [vanFatima, vanJoost, vanKim] {
                let docentVan = rollen.docent(van: a)
                func rol(_ wie: Wie) -> String {
                    ids[wie] == a.eigenaar ? "eigenaar" : ids[wie] == docentVan ? "docent" : "ander"
                }
                let p = "/aanvragen/\(a.id)"
                let v = try await o.opslag.aanvraag(id: a.id)!.versie
                try await probeer(.get, "\(p)/hoofdlijnen", nil) { wie in
                    // The docent is sent to the read view: no page offers her an input.
                    ["eigenaar": .ok, "docent": .seeOther, "ander": .notFound][rol(wie)]!
                }
                try await probeer(.get, "\(p)/lezen", nil) { wie in ["eigenaar": .ok, "docent": .ok, "ander": .notFound][rol(wie)]! }
                try await probeer(.get, "\(p)/geschiedenis", nil) { wie in
                    ["eigenaar": .ok, "docent": .seeOther, "ander": .notFound][rol(wie)]!
                }
                try await probeer(.post, "\(p)/opmerkingen", "pad=brief&tekst=Kan%20korter.") { wie in
                    ["eigenaar": .forbidden, "docent": .seeOther, "ander": .notFound][rol(wie)]!
                }
                try await probeer(.post, "\(p)/opmerkingen/\(geplaatst[a.id]!)/afgehandeld", "afgehandeld=1") { wie in
                    ["eigenaar": .seeOther, "docent": .forbidden, "ander": .notFound][rol(wie)]!
                }
                try await probeer(.post, "\(p)/goedkeuring", "versie=\(v)") { wie in
                    ["eigenaar": .forbidden, "docent": .seeOther, "ander": .notFound][rol(wie)]!
                }
                // Saving a page last: the owner's save makes a new version. The docent gets
                // 403: she may read the aanvraag, never change it. Without a session the
                // login page answers 401 and keeps what was typed, so logging in saves it.
                try await probeer(.post, "\(p)/hoofdlijnen", "versie=\(v)&project.titel=Nieuw", anoniem: .unauthorized) { wie in
                    ["eigenaar": .seeOther, "docent": .forbidden, "ander": .notFound][rol(wie)]!
                }
                #expect(try await o.opslag.aanvraag(id: a.id)!.versie == v + 1, "alleen de eigenaar sloeg op")
                // After the decision, and the register's funds: her own pages; the docent reads.
                for slug in ["na-het-besluit", "fondsen"] {
                    try await probeer(.get, "\(p)/\(slug)", nil) { wie in
                        ["eigenaar": .ok, "docent": .seeOther, "ander": .notFound][rol(wie)]!
                    }
                }
                try await probeer(.post, "\(p)/fondsen/toevoegen", "versie=\(v + 1)&naam=Stichting%20Buurtkracht") { wie in
                    ["eigenaar": .seeOther, "docent": .forbidden, "ander": .notFound][rol(wie)]!
                }
                #expect(try await o.opslag.aanvraag(id: a.id)!.versie == v + 2, "alleen de eigenaar voegde een fonds toe")
            }

            // The fund register: organisers only.
            let organisatoren: Set<Wie> = [.organisator, .andereOrganisator]
            for pad in ["/fondsenregister", "/fondsenregister/fondsenregister.yaml"] {
                try await probeer(.get, pad, nil) { organisatoren.contains($0) ? .ok : .forbidden }
            }
            let tekst = String(decoding: Repo.sample("fondsenregister.yaml"), as: UTF8.self)
                .addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            try await probeer(.post, "/fondsenregister", "tekst=\(tekst)") { organisatoren.contains($0) ? .seeOther : .forbidden }

            // Cursussen: only their own docent.
            for (cursus, eigen) in [(c1, Wie.docent), (c2, Wie.andereDocent)] {
                for pad in ["/cursussen/\(cursus.id)", "/cursussen/\(cursus.id)/review"] {
                    try await probeer(.get, pad, nil) { $0 == eigen ? .ok : .notFound }
                }
                // Too few aanvragen for three: 422, but only for her.
                try await probeer(.post, "/cursussen/\(cursus.id)/review", "kies=1") { $0 == eigen ? .unprocessableContent : .notFound }
            }

            // Events: only the organiser who made it; the form for organisers only.
            for (e, maker) in [(e1, Wie.organisator), (e2, Wie.andereOrganisator)] {
                for pad in ["/evenementen/\(e.id)", "/evenementen/\(e.id)/pakket.zip", "/evenementen/\(e.id)/bestanden/schema.csv"] {
                    try await probeer(.get, pad, nil) { $0 == maker ? .ok : .notFound }
                }
            }
            try await probeer(.get, "/evenementen/nieuw", nil) { wie in
                wie == .organisator || wie == .andereOrganisator ? .ok : .forbidden
            }
        }
    }
}
