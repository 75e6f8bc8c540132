import Foundation
import VIPKit
import VIPPlanning

/// Cursussen: a docent makes one and runs it with others; its course page, progress,
/// attendance and settings (cursus.md); the peer review of bijeenkomst 4.
struct CursusDienst: Sendable {
    let kern: Kern
    var toegang: Toegang { Toegang(opslag: kern.opslag) }

    /// A new cursus of docent `g` with a fresh uitnodigingscode.
    func maak(naam invoer: String, bijeenkomsten data: [String], docent g: Gebruiker) async throws -> Cursus {
        guard g.rol == .docent else { throw Weigering.verboden("Alleen een docent kan een cursus aanmaken.") }
        let naam = invoer.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !naam.isEmpty, naam.count <= 200 else {
            throw Weigering(.unprocessableContent, "Geef de cursus een naam (hoogstens 200 tekens).")
        }
        guard data.allSatisfy(Self.isDatum) else {
            throw Weigering(.unprocessableContent, "Elke bijeenkomst is een datum als \"2026-09-01\".")
        }
        guard data.count <= 50 else { throw Weigering(.unprocessableContent, "Hoogstens 50 bijeenkomsten.") }
        var laatste: Error?
        // A fresh code collides only by a rare chance; try again then.
        for _ in 0..<5 {
            do {
                return try await kern.opslag.maakCursus(naam: naam, docent: g.id, bijeenkomsten: data,
                                                        uitnodigingscode: Geheim.uitnodigingscode(), tijd: kern.nu)
            } catch {
                laatste = error
            }
        }
        throw laatste!
    }

    /// `YYYY-MM-DD`, a real calendar date.
    static func isDatum(_ s: String) -> Bool {
        let delen = s.split(separator: "-", omittingEmptySubsequences: false)
        guard s.count == 10, delen.count == 3, let j = Int(delen[0]), let m = Int(delen[1]), let d = Int(delen[2]),
              delen[0].count == 4, delen[1].count == 2, delen[2].count == 2, (1...12).contains(m), d >= 1 else { return false }
        let schrikkel = (j % 4 == 0 && j % 100 != 0) || j % 400 == 0
        let dagen = [31, schrikkel ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= dagen[m - 1]
    }

    /// The cursus when `g` is its docent; 404 for anyone else.
    func alsDocent(_ id: Int64?, _ g: Gebruiker) async throws -> Cursus {
        try await toegang.cursusAlsDocent(id, voor: g)
    }

    func cursussen(docent g: Gebruiker) async throws -> [Cursus] {
        try await kern.opslag.cursussen(docent: g.id)
    }

    func voortgang(_ c: Cursus) async throws -> [VoortgangRij] {
        try await Voortgang(kern: kern).rijen(cursus: c)
    }

    func review(_ c: Cursus, keuze: Reviewronde.Keuze, zaad: UInt64?) async throws -> Reviewronde.Uitkomst {
        try await Reviewronde(kern: kern).maak(cursus: c, keuze: keuze, zaad: zaad)
    }

    func aanvragen(_ c: Cursus) async throws -> [AanvraagRij] {
        try await kern.opslag.aanvragen(cursus: c.id)
    }

    // MARK: The course page (cursus.md)

    /// The cursus when `g` follows it or is one of its docenten; 404 for anyone else.
    func zichtbaar(_ id: Int64?, _ g: Gebruiker) async throws -> Cursus {
        try await toegang.cursus(id, voor: g)
    }

    /// The cursus when `g` is one of its docenten, to change it: 404 when she may not see it,
    /// 403 with `waarom` for a cursist who follows it.
    func teWijzigen(_ id: Int64?, _ g: Gebruiker, waarom: String) async throws -> Cursus {
        let c = try await zichtbaar(id, g)
        guard c.docenten.contains(g.id) else { throw Weigering.verboden(waarom) }
        return c
    }

    static let alleenDocenten = "Alleen een docent van de cursus wijzigt haar, houdt de aanwezigheid bij en voegt docenten "
        + "toe. Er is niets gewijzigd."

    /// What the course page shows: the cursus with its docenten and the next bijeenkomst, and
    /// for a cursist what is hers (`Persoonlijk`).
    struct Overzicht: Sendable {
        var cursus: Cursus
        var docenten: [Gebruiker]
        /// The next bijeenkomst (from 1): the first whose date is today or later.
        var volgende: Int?
        var persoonlijk: Persoonlijk?
    }

    /// A cursist's part of the course page.
    struct Persoonlijk: Sendable {
        /// The last changed of the aanvragen she writes; nil when she has not begun one.
        var aanvraag: AanvraagRij?
        /// What that aanvraag still lacks for the next bijeenkomst.
        var huiswerk: [Huiswerk]
        /// The docenten's opmerkingen on her aanvragen that she has not handled yet.
        var open: [(aanvraag: AanvraagRij, opmerking: Opmerking)]
        /// The aanvragen of the cursus shared with the group, her own among them.
        var gedeeld: [AanvraagRij]
    }

    func overzicht(_ c: Cursus, voor g: Gebruiker) async throws -> Overzicht {
        let opslag = kern.opslag
        var docenten: [Gebruiker] = []
        for id in c.docenten { if let d = try await opslag.gebruiker(id: id) { docenten.append(d) } }
        let volgende = Tijden.volgende(c, nu: kern.nu)
        var uit = Overzicht(cursus: c, docenten: docenten, volgende: volgende)
        guard g.rol == .cursist else { return uit }
        let eigen = try await opslag.aanvragen(auteur: g.id)
        let aanvraag = eigen.max { ($0.gewijzigd, $0.id) < ($1.gewijzigd, $1.id) }
        var huiswerk: [Huiswerk] = []
        if let aanvraag, let volgende {
            huiswerk = Huiswerk.open(tot: volgende, ingevuld: try await kern.onderdelen.ingevuld(aanvraag, kern: kern))
        }
        var open: [(aanvraag: AanvraagRij, opmerking: Opmerking)] = []
        for a in eigen {
            for o in try await opslag.opmerkingen(aanvraag: a.id) where o.afgehandeld == nil && !o.vanMedecursist {
                open.append((a, o))
            }
        }
        let gedeeld = try await opslag.aanvragen(cursus: c.id).filter(\.gedeeld)
        uit.persoonlijk = Persoonlijk(aanvraag: aanvraag, huiswerk: huiswerk, open: open, gedeeld: gedeeld)
        return uit
    }

    // MARK: Working together

    /// Adds an existing docent account, by email, to the docenten of `c`; 422 when no docent
    /// has that address (one answer for an unknown address and for another role).
    func voegDocentToe(_ c: Cursus, email: String) async throws -> Gebruiker {
        guard let d = try await kern.opslag.gebruiker(email: AccountDienst.normaliseer(email)), d.rol == .docent else {
            throw Weigering(.unprocessableContent, "Er is geen docent met dit e-mailadres. Vraag uw collega eerst een "
                + "docentaccount aan te maken (vip gebruiker) en probeer het dan opnieuw.")
        }
        try await kern.opslag.voegDocentToe(cursus: c.id, gebruiker: d.id)
        return d
    }

    /// Takes a docent off `c`: 404 when she is none of its docenten, 409 for the last one.
    func verwijderDocent(_ c: Cursus, gebruiker id: Int64?) async throws {
        guard let id, c.docenten.contains(id) else {
            throw Weigering.nietGevonden("Deze docent hoort niet bij deze cursus.")
        }
        do {
            try await kern.opslag.verwijderDocent(cursus: c.id, gebruiker: id)
        } catch OpslagFout.laatsteDocent {
            throw Weigering(.conflict, "Een cursus houdt minstens één docent. Voeg eerst een andere docent toe. "
                + "Er is niets gewijzigd.")
        } catch OpslagFout.nietGevonden {
            throw Weigering.nietGevonden("Deze docent hoort niet bij deze cursus.")
        }
    }

    /// Turns reminders on or off, sets how many absences are allowed before a cursist is marked.
    func zetInstellingen(_ c: Cursus, herinneringen: Bool?, maxAfwezig: Int?) async throws -> Cursus {
        if let m = maxAfwezig, !(0...50).contains(m) {
            throw Weigering(.unprocessableContent, "`max_afwezig` is een getal van 0 tot en met 50. Er is niets gewijzigd.")
        }
        try await kern.opslag.zetInstellingen(cursus: c.id, herinneringen: herinneringen, maxAfwezig: maxAfwezig)
        return try await kern.opslag.cursus(id: c.id) ?? c
    }

    /// `nr` when the cursus has a bijeenkomst of that number (from 1); 404 otherwise.
    func bijeenkomst(_ c: Cursus, _ nr: Int?) throws -> Int {
        guard let nr, nr >= 1, nr <= c.bijeenkomsten.count else {
            throw Weigering.nietGevonden("Deze cursus heeft geen bijeenkomst met dit nummer.")
        }
        return nr
    }

    /// Records who was at bijeenkomst `nr`: 404 for a bijeenkomst the cursus does not have, 422
    /// for someone who does not follow it (nothing is recorded then).
    func zetAanwezigheid(_ c: Cursus, nr: Int?, _ lijst: [Aanwezigheid]) async throws -> [Aanwezigheid] {
        let nr = try bijeenkomst(c, nr)
        guard lijst.count <= 1000 else { throw Weigering(.unprocessableContent, "Hoogstens 1000 cursisten per keer.") }
        let cursisten = Set(try await kern.opslag.cursisten(cursus: c.id).map(\.id))
        if let vreemd = lijst.first(where: { !cursisten.contains($0.cursist) }) {
            throw Weigering(.unprocessableContent, "Cursist \(vreemd.cursist) volgt deze cursus niet. Er is niets vastgelegd.")
        }
        try await kern.opslag.zetAanwezigheid(cursus: c.id, nr: nr, lijst.map {
            Aanwezigheid(nr: nr, cursist: $0.cursist, aanwezig: $0.aanwezig)
        })
        return try await kern.opslag.aanwezigheid(cursus: c.id).filter { $0.nr == nr }
    }
}
