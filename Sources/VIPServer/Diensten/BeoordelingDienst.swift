import Foundation
import VIPChecklist
import VIPKit

/// The docent's work on aanvragen: opmerkingen (a docent, or a fellow cursist on an aanvraag
/// shared with the group, comments; its authors mark them afgehandeld) and the goedkeuring of a
/// version. Neither ever changes the authors' text.
struct BeoordelingDienst: Sendable {
    let kern: Kern
    var toegang: Toegang { Toegang(opslag: kern.opslag) }

    static let maxPad = 300
    static let maxTekst = 10_000
    static let alleenDocentPlaatst = "Opmerkingen bij een aanvraag plaatsen de docent en, als de aanvraag met de groep "
        + "is gedeeld, de medecursisten; u kunt ze wel afhandelen."
    static let alleenCursistHandeltAf = "Alleen de schrijvers van de aanvraag handelen een opmerking af."
    static let alleenDocentKeurtGoed = "Alleen de docent keurt een aanvraag goed."

    /// Who may place an opmerking (a docent of the cursus, a fellow cursist of a shared
    /// aanvraag): checked before a body is read.
    func magPlaatsen(_ id: Int64?, _ g: Gebruiker) async throws -> AanvraagRij {
        try await toegang.aanvraag(id, voor: g, als: [.docent, .medecursist], waarom: Self.alleenDocentPlaatst)
    }

    /// Places an opmerking on the current version; an empty `pad` is about the whole aanvraag.
    func plaats(aanvraag id: Int64?, door g: Gebruiker, pad: String, tekst: String) async throws -> Opmerking {
        let a = try await magPlaatsen(id, g)
        let p = pad.trimmingCharacters(in: .whitespacesAndNewlines)
        let t = tekst.trimmingCharacters(in: .whitespacesAndNewlines)
        guard p.count <= Self.maxPad, !p.contains(where: { $0.isNewline }) else {
            throw Weigering(.unprocessableContent, "Geef het veld waar de opmerking over gaat (`pad`, zoals "
                + "\"project.urgentie\"; hoogstens \(Self.maxPad) tekens), of laat het leeg voor de hele aanvraag.")
        }
        guard !t.isEmpty, t.count <= Self.maxTekst else {
            throw Weigering(.unprocessableContent, "Schrijf een opmerking van 1 tot \(Self.maxTekst) tekens.")
        }
        // The notification is written with the opmerking, in one transaction, and sent after it.
        let meldingen = MeldingDienst(kern: kern)
        let tekst = MeldingDienst.tekst(opmerkingOp: p, t, door: g)
        let o = try await kern.opslag.maakOpmerking(aanvraag: a.id, versie: a.versie, docent: g.id, pad: p, tekst: t,
                                                    tijd: kern.nu, melding: meldingen.nieuw(.opmerking, door: g.id, tekst: tekst))
        await meldingen.verstuurNa(a)
        return o
    }

    func opmerkingen(aanvraag id: Int64?, voor g: Gebruiker) async throws -> [Opmerking] {
        let a = try await toegang.aanvraag(id, voor: g)
        return try await kern.opslag.opmerkingen(aanvraag: a.id)
    }

    func magAfhandelen(_ id: Int64?, _ g: Gebruiker) async throws -> AanvraagRij {
        try await toegang.aanvraagAlsEigenaar(id, voor: g, waarom: Self.alleenCursistHandeltAf)
    }

    /// An author marks an opmerking handled (or open again).
    func handelAf(aanvraag id: Int64?, opmerking oid: Int64?, door g: Gebruiker, afgehandeld: Bool) async throws -> Opmerking {
        let a = try await magAfhandelen(id, g)
        guard let oid, let o = try await kern.opslag.zetAfgehandeld(opmerking: oid, aanvraag: a.id,
                                                                    tijd: afgehandeld ? kern.nu : nil) else {
            throw Weigering.nietGevonden("Deze opmerking bestaat niet bij deze aanvraag.")
        }
        return o
    }

    func magGoedkeuren(_ id: Int64?, _ g: Gebruiker) async throws -> AanvraagRij {
        try await toegang.aanvraagAlsDocent(id, voor: g, waarom: Self.alleenDocentKeurtGoed)
    }

    /// Approves `versie` when it has no fouten; 422 with `check` otherwise.
    func keurGoed(aanvraag id: Int64?, versie: Int, door g: Gebruiker) async throws -> AanvraagRij {
        let a = try await magGoedkeuren(id, g)
        guard let tekst = try await kern.opslag.tekst(aanvraag: a.id, versie: versie) else {
            throw Weigering.nietGevonden("Versie \(versie) van deze aanvraag bestaat niet.")
        }
        let r = try await kern.controleer(tekst)
        let fouten = r.bevindingen.count(.fout)
        if r.leesfout != nil || fouten > 0 {
            throw Weigering(.unprocessableContent, "Versie \(versie) heeft nog \(fouten) \(fouten == 1 ? "fout" : "fouten") "
                + "en kan niet worden goedgekeurd.", extra: [("check", CheckReport.json(r))])
        }
        // The notification is written with the approval (only a new one), and sent after it.
        let meldingen = MeldingDienst(kern: kern)
        do {
            try await kern.opslag.keurGoed(aanvraag: a.id, versie: versie, docent: g.id, tijd: kern.nu,
                                           melding: meldingen.nieuw(.goedkeuring, door: g.id,
                                                                    tekst: MeldingDienst.tekst(goedkeuring: versie, door: g)))
        } catch OpslagFout.nietGevonden {
            throw Weigering.nietGevonden("Versie \(versie) van deze aanvraag bestaat niet.")
        }
        await meldingen.verstuurNa(a)
        return try await kern.opslag.aanvraag(id: a.id) ?? a
    }

    /// The approval state of an aanvraag: its version, whether that is approved, the highest
    /// approved version.
    func goedkeuring(aanvraag id: Int64?, voor g: Gebruiker) async throws -> (AanvraagRij, [Goedkeuring]) {
        let a = try await toegang.aanvraag(id, voor: g)
        return (a, try await kern.opslag.goedkeuringen(aanvraag: a.id))
    }
}
