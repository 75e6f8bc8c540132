import Foundation
import Hummingbird
import VIPKit

/// `/api/cursussen`: a docent creates a cursus; cursisten sign up with its code.
struct Cursussen {
    var dienst: Dienst

    func registreer(_ r: Routes) {
        r.on(.post, "/api/cursussen", maak)
    }

    @Sendable func maak(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        guard g.rol == .docent else { throw APIFout.verboden("Alleen een docent kan een cursus aanmaken.") }
        let object = try await request.jsonObject()
        let velden = Velden(object: object)
        let naam = try velden.tekst("naam").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let lijst = object["bijeenkomsten"] as? [Any] else {
            throw APIFout.ongeldigeJSON("het veld `bijeenkomsten` (een lijst met datums) ontbreekt.")
        }
        guard !naam.isEmpty, naam.count <= 200 else {
            throw APIFout(.unprocessableContent, "Geef de cursus een naam (hoogstens 200 tekens).")
        }
        var data: [String] = []
        for item in lijst {
            guard let d = item as? String, Self.isDatum(d) else {
                throw APIFout(.unprocessableContent, "Elke bijeenkomst is een datum als \"2026-09-01\".")
            }
            data.append(d)
        }
        guard data.count <= 50 else { throw APIFout(.unprocessableContent, "Hoogstens 50 bijeenkomsten.") }
        var laatste: Error?
        // A fresh code collides only by a rare chance; try again then.
        for _ in 0..<5 {
            do {
                let c = try await dienst.opslag.maakCursus(naam: naam, docent: g.id, bijeenkomsten: data,
                                                         uitnodigingscode: Geheim.uitnodigingscode(), tijd: dienst.nu)
                return Antwoord.json(.object([("id", .number(String(c.id))),
                                              ("uitnodigingscode", .string(c.uitnodigingscode))]), status: .created)
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
}

/// `/api/aanmelden`: a cursist signs up with a cursus's uitnodigingscode.
struct Aanmelden {
    var dienst: Dienst

    func registreer(_ r: Routes) {
        r.on(.post, "/api/aanmelden", meldAan)
    }

    static func isEmail(_ s: String) -> Bool {
        let delen = s.split(separator: "@", omittingEmptySubsequences: false)
        return delen.count == 2 && !delen[0].isEmpty && delen[1].contains(".") && !delen[1].hasPrefix(".")
            && !delen[1].hasSuffix(".") && s.count <= 254 && !s.contains(where: { $0.isWhitespace })
    }

    @Sendable func meldAan(_ request: Request, _ context: VIPContext) async throws -> Response {
        let object = try await request.jsonObject()
        // Checked in the spec's order: unknown code 404, a missing or bad field 422, email taken 409.
        let code = (object["uitnodigingscode"] as? String ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        guard !code.isEmpty, let cursus = try await dienst.opslag.cursus(uitnodigingscode: code) else {
            throw APIFout.nietGevonden("Deze uitnodigingscode kennen wij niet. Controleer de code die u van uw docent kreeg.")
        }
        let naam = (object["naam"] as? String ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let email = Sessies.normaliseer(object["email"] as? String ?? "")
        guard let wachtwoord = object["wachtwoord"] as? String, !naam.isEmpty, naam.count <= 200, Self.isEmail(email) else {
            throw APIFout(.unprocessableContent, "Vul uw naam, een geldig e-mailadres en een wachtwoord in.")
        }
        if let fout = Sessies.wachtwoordFout(wachtwoord) { throw fout }
        do {
            let g = try await dienst.opslag.maakGebruiker(email: email, naam: naam, rol: .cursist,
                                                         wachtwoordHash: await dienst.hash(wachtwoord),
                                                         cursus: cursus.id, tijd: dienst.nu)
            return Antwoord.json(.object([("id", .number(String(g.id))), ("naam", .string(g.naam)),
                                          ("rol", .string(g.rol.rawValue)), ("cursus", .number(String(cursus.id)))]),
                                 status: .created)
        } catch OpslagFout.emailBestaat {
            throw APIFout(.conflict, "Er is al een account met dit e-mailadres. Meld u aan, of gebruik een ander adres.")
        }
    }
}
