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
                    } else if wie == .anoniem && anoniem == .unauthorized {
                        #expect(r.tekst.contains("project.titel=Nieuw"), "the login page keeps what was typed")
                    }
                    if r.status.code >= 400 && !(wie == .anoniem && anoniem == .unauthorized) {
                        // A Dutch page, never a stack trace or an empty body.
                        #expect(r.tekst.contains("<html lang=\"nl\""), "\(wie.rawValue): \(method) \(pad)")
                    }
                }
            }

            // Aanvragen: the authors' own pages; the read view also for a docent of the cursus and,
            // when shared, a fellow cursist; nothing for others.
            for a in [vanFatima, vanJoost, vanKim] {
                func rol(_ wie: Wie) -> String {
                    switch rollen.relatie(wie, a) {
                    case .auteur: return wie == .fatima || ids[wie] == a.eigenaar ? "eigenaar" : "mede"
                    case .docent: return "docent"
                    case .medecursist: return "medecursist"
                    case .organisator, .ander: return "ander"
                    }
                }
                let p = "/aanvragen/\(a.id)"
                let v = try await o.opslag.aanvraag(id: a.id)!.versie
                try await probeer(.get, "\(p)/hoofdlijnen", nil) { wie in
                    // A docent or fellow cursist is sent to the read view: no page offers her an input.
                    ["eigenaar": .ok, "mede": .ok, "docent": .seeOther, "medecursist": .seeOther, "ander": .notFound][rol(wie)]!
                }
                try await probeer(.get, "\(p)/lezen", nil) { wie in
                    ["eigenaar": .ok, "mede": .ok, "docent": .ok, "medecursist": .ok, "ander": .notFound][rol(wie)]!
                }
                for deel in ["geschiedenis", "samenwerken"] {
                    try await probeer(.get, "\(p)/\(deel)", nil) { wie in
                        ["eigenaar": .ok, "mede": .ok, "docent": .seeOther, "medecursist": .seeOther, "ander": .notFound][rol(wie)]!
                    }
                }
                try await probeer(.post, "\(p)/samenwerken/delen", "groep=\(a.gedeeld ? 1 : 0)") { wie in
                    ["eigenaar": .seeOther, "mede": .seeOther, "docent": .forbidden, "medecursist": .forbidden,
                     "ander": .notFound][rol(wie)]!
                }
                try await probeer(.post, "\(p)/opmerkingen", "pad=brief&tekst=Kan%20korter.") { wie in
                    ["eigenaar": .forbidden, "mede": .forbidden, "docent": .seeOther, "medecursist": .seeOther,
                     "ander": .notFound][rol(wie)]!
                }
                try await probeer(.post, "\(p)/opmerkingen/\(geplaatst[a.id]!)/afgehandeld", "afgehandeld=1") { wie in
                    ["eigenaar": .seeOther, "mede": .seeOther, "docent": .forbidden, "medecursist": .forbidden,
                     "ander": .notFound][rol(wie)]!
                }
                try await probeer(.post, "\(p)/goedkeuring", "versie=\(v)") { wie in
                    ["eigenaar": .forbidden, "mede": .forbidden, "docent": .seeOther, "medecursist": .forbidden,
                     "ander": .notFound][rol(wie)]!
                }
                // Saving a page last: the owner's save makes a new version; a co-author who saves
                // on the same version after her is told it moved on (409) and nothing is stored.
                // A docent or fellow cursist gets 403: she may read the aanvraag, never change it.
                // Without a session the login page answers 401 and keeps what was typed.
                try await probeer(.post, "\(p)/hoofdlijnen", "versie=\(v)&project.titel=Nieuw", anoniem: .unauthorized) { wie in
                    ["eigenaar": .seeOther, "mede": .conflict, "docent": .forbidden, "medecursist": .forbidden,
                     "ander": .notFound][rol(wie)]!
                }
                #expect(try await o.opslag.aanvraag(id: a.id)!.versie == v + 1, "alleen de eigenaar sloeg op")
                // After the decision, and the register's funds: the authors' own pages; a docent or
                // fellow cursist reads. A co-author adding the fund the owner just added changes
                // nothing and is sent back to the page.
                for slug in ["na-het-besluit", "fondsen"] {
                    try await probeer(.get, "\(p)/\(slug)", nil) { wie in
                        ["eigenaar": .ok, "mede": .ok, "docent": .seeOther, "medecursist": .seeOther, "ander": .notFound][rol(wie)]!
                    }
                }
                try await probeer(.post, "\(p)/fondsen/toevoegen", "versie=\(v + 1)&naam=Stichting%20Buurtkracht") { wie in
                    ["eigenaar": .seeOther, "mede": .seeOther, "docent": .forbidden, "medecursist": .forbidden,
                     "ander": .notFound][rol(wie)]!
                }
                #expect(try await o.opslag.aanvraag(id: a.id)!.versie == v + 2, "alleen de eigenaar voegde een fonds toe")
            }

            // The fund register: organisers and the beheerder.
            let organisatoren: Set<Wie> = [.organisator, .andereOrganisator, .beheerder]
            for pad in ["/fondsenregister", "/fondsenregister/fondsenregister.yaml"] {
                try await probeer(.get, pad, nil) { organisatoren.contains($0) ? .ok : .forbidden }
            }
            let tekst = String(decoding: Repo.sample("fondsenregister.yaml"), as: UTF8.self)
                .addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            try await probeer(.post, "/fondsenregister", "tekst=\(tekst)") { organisatoren.contains($0) ? .seeOther : .forbidden }

            // Cursussen: the docent's pages only for its docenten; the course page for its
            // cursisten (a docent is sent to her own page).
            for cursus in [c1, c2] {
                let docenten = rollen.docenten(van: cursus), cursisten = rollen.cursisten(van: cursus)
                for pad in ["/cursussen/\(cursus.id)", "/cursussen/\(cursus.id)/review"] {
                    try await probeer(.get, pad, nil) { docenten.contains($0) ? .ok : .notFound }
                }
                try await probeer(.get, "/cursus/\(cursus.id)", nil) { wie in
                    docenten.contains(wie) ? .seeOther : cursisten.contains(wie) ? .ok : .notFound
                }
                // Too few aanvragen for three: 422, but only for them.
                try await probeer(.post, "/cursussen/\(cursus.id)/review", "kies=1") {
                    docenten.contains($0) ? .unprocessableContent : .notFound
                }
                for (pad, body) in [("instellingen", "herinneringen=1&max_afwezig=2"), ("aanwezigheid/1", "cursist=0"),
                                    ("docenten", "email=nobody%40example.nl"), ("herinneringen", ""),
                                    ("uitnodigingen", "emails=nieuw%40thuis.nl")] {
                    try await probeer(.post, "/cursussen/\(cursus.id)/\(pad)", body) { wie in
                        // A cursist id of no cursist, an unknown docent: 422 on the page. Mail is off
                        // here: "Nu versturen" and the invitations say so (409).
                        let goed: HTTPResponse.Status = pad == "instellingen" ? .seeOther
                            : ["herinneringen", "uitnodigingen"].contains(pad) ? .conflict : .unprocessableContent
                        return docenten.contains(wie) ? goed : cursisten.contains(wie) ? .forbidden : .notFound
                    }
                }
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

            // Beheer: only the beheerder. Mail is off here, so an invitation answers with the link (201).
            try await probeer(.get, "/beheer", nil) { $0 == .beheerder ? .ok : .forbidden }
            var n = 0
            for wie in Wie.allCases {
                n += 1
                let r = try await c.vraag(.post, "/beheer/gebruikers", als: sessies[wie],
                                          tekst: Array("naam=Nieuw&email=nieuw\(n)%40school.nl&rol=docent".utf8),
                                          headers: Self.formulier)
                let status: HTTPResponse.Status = wie == .anoniem ? .seeOther : wie == .beheerder ? .created : .forbidden
                #expect(r.status == status, "\(wie.rawValue): POST /beheer/gebruikers gaf \(r.status.code)")
            }
            try await probeer(.post, "/beheer/gebruikers/\(ids[.kim]!)", "geblokkeerd=0") { $0 == .beheerder ? .seeOther : .forbidden }
            #expect(try await c.vraag(.get, "/", als: sessies[.beheerder], headers: Self.html).headers[.location] == "/beheer")

            // The account page: everyone signed in, her own settings.
            try await probeer(.get, "/account", nil) { _ in .ok }
            try await probeer(.post, "/account", "herinneringen=1&meldingen=1") { _ in .ok }
            // An unsubscribe link needs no session; an unknown token is 404 for everybody, also on GET.
            let onbekend = "/afmelden/" + String(repeating: "0", count: 32)
            try await probeer(.get, onbekend, nil, anoniem: .notFound) { _ in .notFound }
            try await probeer(.post, onbekend, "List-Unsubscribe=One-Click", anoniem: .notFound) { _ in .notFound }

            // Pages for anyone: no session needed, the same for everybody.
            for pad in ["/wachtwoord-vergeten", "/inloggen"] {
                for wie in Wie.allCases {
                    #expect(try await c.vraag(.get, pad, als: sessies[wie], headers: Self.html).status == .ok, "\(wie.rawValue): \(pad)")
                }
            }
            #expect(try await c.vraag(.get, "/wachtwoord-herstellen/" + String(repeating: "0", count: 32), headers: Self.html).status
                == .notFound)
        }
    }
}
