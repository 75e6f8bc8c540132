import Foundation
@testable import VIPServer

/// The cast of the three-role matrices (`DrieRollenMatrixTests` for the API,
/// `PaginaMatrixTests` for the pages): each role also in another cursus or event, a cursist
/// whose aanvraag is approved, and an opmerking on every aanvraag by its own docent. Working
/// together (cursus.md): cursus 1 has a second docent, Sanne writes Fatima's aanvraag with her,
/// and Fatima shares it with the group, so Kim reads it as a fellow cursist.
struct DrieRollen {
    enum Wie: String, CaseIterable {
        case anoniem, fatima, joost, kim, docent, andereDocent, organisator, andereOrganisator, coDocent, sanne, beheerder
    }

    /// What someone is to an aanvraag, worked out from the cast (not by the server).
    enum Relatie { case auteur, docent, medecursist, organisator, ander }

    var docent, andereDocent, organisator, andereOrganisator, fatima, joost, kim, coDocent, sanne, beheerder: Gebruiker
    var c1, c2: Cursus
    var vanFatima, vanJoost, vanKim: AanvraagRij
    var e1, e2: EvenementRij
    /// Aanvraag → the opmerking its docent placed on `brief`.
    var opmerkingen: [Int64: Int64]
    var emails: [Wie: String]
    var ids: [Wie: Int64]

    init(_ o: Omgeving) async throws {
        docent = try await o.gebruiker(.docent, "docent@school.nl")
        andereDocent = try await o.gebruiker(.docent, "ander@school.nl")
        organisator = try await o.gebruiker(.organisator, "org@school.nl")
        andereOrganisator = try await o.gebruiker(.organisator, "org2@school.nl")
        // The beheerder hands out accounts and sees no aanvraag, cursus or event.
        beheerder = try await o.gebruiker(.beheerder, "beheer@school.nl")
        c1 = try await o.cursus(docent: docent)
        c2 = try await o.cursus(docent: andereDocent)
        fatima = try await o.gebruiker(.cursist, "fatima@thuis.nl", cursus: c1.id)
        joost = try await o.gebruiker(.cursist, "joost@thuis.nl", cursus: c2.id)
        // Kim's aanvraag is approved.
        kim = try await o.gebruiker(.cursist, "kim@thuis.nl", cursus: c1.id)
        coDocent = try await o.gebruiker(.docent, "co@school.nl")
        try await o.opslag.voegDocentToe(cursus: c1.id, gebruiker: coDocent.id)
        c1 = try await o.opslag.cursus(id: c1.id)!
        sanne = try await o.gebruiker(.cursist, "sanne@thuis.nl", cursus: c1.id)
        vanFatima = try await o.aanvraag(fatima)
        try await o.opslag.voegAuteurToe(aanvraag: vanFatima.id, gebruiker: sanne.id)
        try await o.opslag.zetGedeeld(aanvraag: vanFatima.id, gedeeld: true)
        vanFatima = try await o.opslag.aanvraag(id: vanFatima.id)!
        vanJoost = try await o.aanvraag(joost)
        vanKim = try await o.aanvraag(kim, Repo.sample("kinderfestival.yaml"))
        try await o.keurGoed(vanKim, door: docent)
        e1 = try await o.opslag.maakEvenement(organisator: organisator.id,
                                              tekst: Array(Evenementtekst.sample(cursussen: [c1.id]).utf8),
                                              titel: "E1", datum: nil, cursussen: [c1.id], tijd: o.klok.nu)
        e2 = try await o.opslag.maakEvenement(organisator: andereOrganisator.id,
                                              tekst: Array(Evenementtekst.sample(cursussen: [c2.id]).utf8),
                                              titel: "E2", datum: nil, cursussen: [c2.id], tijd: o.klok.nu)
        // The installation's fund register, imported by the first organiser.
        _ = try await o.opslag.bewaarRegister(tekst: Repo.sample("fondsenregister.yaml"), door: organisator.id, verwacht: 0,
                                              tijd: o.klok.nu)
        opmerkingen = [:]
        for (a, d) in [(vanFatima, docent), (vanJoost, andereDocent), (vanKim, docent)] {
            opmerkingen[a.id] = try await o.opslag.maakOpmerking(aanvraag: a.id, versie: 1, docent: d.id, pad: "brief",
                                                                 tekst: "Korter.", tijd: o.klok.nu).id
        }
        emails = [.fatima: "fatima@thuis.nl", .joost: "joost@thuis.nl", .kim: "kim@thuis.nl",
                  .docent: "docent@school.nl", .andereDocent: "ander@school.nl",
                  .organisator: "org@school.nl", .andereOrganisator: "org2@school.nl", .coDocent: "co@school.nl",
                  .sanne: "sanne@thuis.nl", .beheerder: "beheer@school.nl"]
        ids = [.fatima: fatima.id, .joost: joost.id, .kim: kim.id, .docent: docent.id,
               .andereDocent: andereDocent.id, .organisator: organisator.id, .andereOrganisator: andereOrganisator.id,
               .coDocent: coDocent.id, .sanne: sanne.id, .beheerder: beheerder.id]
    }

    /// The docenten of the cursus an aanvraag belongs to.
    func docenten(van a: AanvraagRij) -> Set<Wie> { a.cursus == c1.id ? [.docent, .coDocent] : [.andereDocent] }

    /// The docenten of a cursus.
    func docenten(van c: Cursus) -> Set<Wie> { c.id == c1.id ? [.docent, .coDocent] : [.andereDocent] }

    /// The cursisten of a cursus.
    func cursisten(van c: Cursus) -> Set<Wie> { c.id == c1.id ? [.fatima, .kim, .sanne] : [.joost] }

    /// What `wie` is to aanvraag `a`.
    func relatie(_ wie: Wie, _ a: AanvraagRij) -> Relatie {
        let auteurs: [Int64: Set<Wie>] = [vanFatima.id: [.fatima, .sanne], vanJoost.id: [.joost], vanKim.id: [.kim]]
        if auteurs[a.id]!.contains(wie) { return .auteur }
        if docenten(van: a).contains(wie) { return .docent }
        let c = a.cursus == c1.id ? c1 : c2
        if a.id == vanFatima.id && cursisten(van: c).contains(wie) { return .medecursist }
        if wie == .organisator || wie == .andereOrganisator { return .organisator }
        return .ander
    }
}
