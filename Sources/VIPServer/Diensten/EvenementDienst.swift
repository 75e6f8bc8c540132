import Foundation
import VIPKit

/// The organiser's fund speed-dates. Only the organiser who made an event sees it; to anyone
/// else it does not exist.
struct EvenementDienst: Sendable {
    let kern: Kern
    var toegang: Toegang { Toegang(opslag: kern.opslag) }

    static let alleenOrganisator = "Alleen een organisator maakt een speeddate."

    /// Stores a posted event text after reading it as `vip fondsendate` reads it; every cursus
    /// it names must exist.
    func maak(tekst: [UInt8], door g: Gebruiker) async throws -> EvenementRij {
        guard g.rol == .organisator else { throw Weigering.verboden(Self.alleenOrganisator) }
        let limits = kern.checker.limits
        let gelezen = try await Zwaar.probeer { try Speeddateplanning.lees(tekst, limits: limits) }
        var onbekend: [Int64] = []
        for c in gelezen.cursussen {
            if try await kern.opslag.cursus(id: c) == nil { onbekend.append(c) }
        }
        if !onbekend.isEmpty {
            throw Weigering(.unprocessableContent, "Onbekende \(onbekend.count == 1 ? "cursus" : "cursussen"): "
                + onbekend.map(String.init).joined(separator: ", ") + ". Er is niets opgeslagen.")
        }
        return try await kern.opslag.maakEvenement(organisator: g.id, tekst: tekst, titel: gelezen.evenement.titel,
                                                   datum: gelezen.evenement.datum?.iso, cursussen: gelezen.cursussen,
                                                   tijd: kern.nu)
    }

    func lijst(voor g: Gebruiker) async throws -> [EvenementRij] {
        g.rol == .organisator ? try await kern.opslag.evenementen(organisator: g.id) : []
    }

    func eigen(_ id: Int64?, _ g: Gebruiker) async throws -> EvenementRij {
        try await toegang.evenementAlsOrganisator(id, voor: g)
    }

    func planning(_ e: EvenementRij) async throws -> Speeddateplanning.Planning {
        try await Speeddateplanning(kern: kern).planning(e)
    }

    func pakket(_ e: EvenementRij) async throws -> [UInt8] {
        try await Speeddateplanning(kern: kern).pakket(e)
    }

    /// Every cursus of the installation with its docent and number of aanvragen (the form).
    func cursussen() async throws -> [(cursus: Cursus, docent: String, aanvragen: Int)] {
        var uit: [(Cursus, String, Int)] = []
        for c in try await kern.opslag.alleCursussen() {
            let docent = try await kern.opslag.gebruiker(id: c.docent)?.naam ?? "onbekend"
            uit.append((c, docent, try await kern.opslag.aanvragen(cursus: c.id).count))
        }
        return uit
    }
}
