import Foundation
import HTTPTypes
import Hummingbird
import VIPKit

/// The docent's cursus: progress per cursist, and the peer review of bijeenkomst 4.
struct Cursusdocent {
    var dienst: Dienst
    var toegang: Toegang { Toegang(opslag: dienst.opslag) }

    func registreer(_ r: Routes) {
        r.on(.get, "/api/cursussen/{id}/voortgang", voortgang)
        r.on(.post, "/api/cursussen/{id}/review", review)
        r.on(.post, "/api/cursussen/{id}/review/combineer", combineer)
    }

    func cursus(_ context: VIPContext) async throws -> Cursus {
        let (g, _) = try context.aangemeld()
        return try await toegang.cursusAlsDocent(context.parameters.get("id", as: Int64.self), voor: g)
    }

    @Sendable func voortgang(_ request: Request, _ context: VIPContext) async throws -> Response {
        let c = try await cursus(context)
        return Antwoord.json(Voortgang.json(try await Voortgang(dienst: dienst).rijen(cursus: c)))
    }

    /// `{"aanvragen": [id, id, id]}` or `{"kies": 3}`, optionally `"zaad"` (as `vip review --zaad`).
    static func keuze(_ object: [String: Any]) throws -> (Reviewronde.Keuze, UInt64?) {
        var zaad: UInt64?
        if let z = object["zaad"] {
            guard let n = geheel(z), n >= 0 else {
                throw APIFout.ongeldigeJSON("`zaad` is een geheel getal van 0 of meer.")
            }
            zaad = UInt64(n)
        }
        switch (object["aanvragen"], object["kies"]) {
        case (let lijst?, nil):
            guard let items = lijst as? [Any] else {
                throw APIFout.ongeldigeJSON("`aanvragen` is een lijst met drie aanvraagnummers.")
            }
            var ids: [Int64] = []
            for item in items {
                guard let id = geheel(item) else {
                    throw APIFout.ongeldigeJSON("`aanvragen` is een lijst met drie aanvraagnummers.")
                }
                ids.append(Int64(id))
            }
            return (.aanvragen(ids), zaad)
        case (nil, let kies?):
            guard let n = geheel(kies) else { throw APIFout.ongeldigeJSON("`kies` is een getal: 3.") }
            return (.kies(n), zaad)
        default:
            throw APIFout.ongeldigeJSON("geef `aanvragen` (drie aanvraagnummers) of `kies` (3), niet allebei.")
        }
    }

    @Sendable func review(_ request: Request, _ context: VIPContext) async throws -> Response {
        let c = try await cursus(context)
        let (keuze, zaad) = try Self.keuze(try await request.jsonObject())
        let uitkomst = try await Reviewronde(dienst: dienst).maak(cursus: c, keuze: keuze, zaad: zaad)
        return Antwoord.bytes(uitkomst.zip, type: "application/zip", headers: [
            .contentDisposition: "attachment; filename=\"review-cursus-\(c.id).zip\"",
            HTTPField.Name("X-VIP-Zaad")!: String(uitkomst.uitvoer.zaad),
        ])
    }

    /// `{"rangordes": "<CSV>" | [["B","A","C"], …] | [{"groep","rangorde"}, …],
    ///   "referentie": ["B","A","C"] | "docentenblad": {…}}`.
    @Sendable func combineer(_ request: Request, _ context: VIPContext) async throws -> Response {
        _ = try await cursus(context)
        let object = try await request.jsonObject(limiet: Limieten.aanvraag)
        let groepen = try Reviewronde.groepen(object["rangordes"])
        let referentie = try Reviewronde.referentie(object)
        return Antwoord.json(Reviewronde.json(try Reviewronde.combineer(groepen, referentie: referentie)))
    }
}
