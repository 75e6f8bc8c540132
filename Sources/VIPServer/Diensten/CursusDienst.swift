import Foundation
import VIPKit
import VIPPlanning

/// Cursussen: a docent makes one; its progress and the peer review of bijeenkomst 4.
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
}
