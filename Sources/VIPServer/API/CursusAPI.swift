import Foundation
import HTTPTypes
import Hummingbird
import VIPKit

/// `/api/cursussen`: a docent creates a cursus, follows its progress, and runs the peer review
/// of bijeenkomst 4.
struct CursusAPI {
    var diensten: Diensten
    var cursussen: CursusDienst { diensten.cursussen }

    func registreer(_ r: Routes) {
        r.on(.post, "/api/cursussen", maak)
        r.on(.get, "/api/cursussen/{id}/voortgang", voortgang)
        r.on(.post, "/api/cursussen/{id}/review", review)
        r.on(.post, "/api/cursussen/{id}/review/combineer", combineer)
    }

    struct NieuweCursus: Decodable {
        var naam: String
        var bijeenkomsten: [String]
    }

    struct Gemaakt: Encodable {
        var id: Int64
        var uitnodigingscode: String
    }

    @Sendable func maak(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        guard g.rol == .docent else { throw Weigering.verboden("Alleen een docent kan een cursus aanmaken.") }
        let v = try await request.json(NieuweCursus.self)
        let c = try await cursussen.maak(naam: v.naam, bijeenkomsten: v.bijeenkomsten, docent: g)
        return try Antwoord.json(Gemaakt(id: c.id, uitnodigingscode: c.uitnodigingscode), status: .created)
    }

    func cursus(_ context: VIPContext) async throws -> Cursus {
        let (g, _) = try context.aangemeld()
        return try await cursussen.alsDocent(context.parameters.get("id", as: Int64.self), g)
    }

    struct Onderdeel: Encodable {
        var fouten: Int
        var waarschuwingen: Int
    }

    /// One row of `GET /api/cursussen/{id}/voortgang`.
    struct VoortgangAntwoord: Encodable {
        var cursist: String
        var cursist_id: Int64
        var aanvraag: Int64?
        var versie: Int?
        var af: Bool
        var fouten: Int
        var waarschuwingen: Int
        var onderdelen: Geordend<Onderdeel>
        var goedgekeurd: Bool
        var goedgekeurde_versie: Int?
        var gewijzigd: String?

        init(_ r: VoortgangRij) {
            let a = r.aanvraag
            cursist = r.cursist.naam
            cursist_id = r.cursist.id
            aanvraag = a?.id
            versie = a?.versie
            af = a?.afgeleid.af ?? false
            fouten = a?.afgeleid.fouten ?? 0
            waarschuwingen = a?.afgeleid.waarschuwingen ?? 0
            onderdelen = Geordend(r.onderdelen.map { ($0.naam, Onderdeel(fouten: $0.telling.fouten,
                                                                         waarschuwingen: $0.telling.waarschuwingen)) })
            goedgekeurd = r.goedgekeurd
            goedgekeurde_versie = r.goedgekeurdeVersie
            gewijzigd = a.map { Tijden.iso($0.gewijzigd) }
        }
    }

    @Sendable func voortgang(_ request: Request, _ context: VIPContext) async throws -> Response {
        let c = try await cursus(context)
        return try Antwoord.json(try await cursussen.voortgang(c).map(VoortgangAntwoord.init))
    }

    /// `{"aanvragen": [id, id, id]}` or `{"kies": 3}`, optionally `"zaad"` (as `vip review --zaad`).
    struct ReviewKeuze: Decodable {
        var aanvragen: [Int64]?
        var kies: Int?
        var zaad: UInt64?

        func keuze() throws -> Reviewronde.Keuze {
            switch (aanvragen, kies) {
            case (let ids?, nil): return .aanvragen(ids)
            case (nil, let n?): return .kies(n)
            default: throw Weigering.ongeldigeJSON("geef `aanvragen` (drie aanvraagnummers) of `kies` (3), niet allebei.")
            }
        }
    }

    @Sendable func review(_ request: Request, _ context: VIPContext) async throws -> Response {
        let c = try await cursus(context)
        let v = try await request.json(ReviewKeuze.self)
        let uitkomst = try await cursussen.review(c, keuze: try v.keuze(), zaad: v.zaad)
        return Antwoord.bytes(uitkomst.zip, type: "application/zip", headers: [
            .contentDisposition: "attachment; filename=\"review-cursus-\(c.id).zip\"",
            HTTPField.Name("X-VIP-Zaad")!: String(uitkomst.uitvoer.zaad),
        ])
    }

    /// `{"rangordes": "<CSV>" | [["B","A","C"], …] | [{"groep","rangorde"}, …],
    ///   "referentie": ["B","A","C"] | "docentenblad": {…}}`.
    struct Combinatie: Decodable {
        var rangordes: Reviewronde.Rangordes
        var referentie: [String]?
        var docentenblad: RuweJSON?
    }

    @Sendable func combineer(_ request: Request, _ context: VIPContext) async throws -> Response {
        _ = try await cursus(context)
        let v = try await request.json(Combinatie.self, limiet: Limieten.aanvraag)
        let groepen = try Reviewronde.groepen(v.rangordes)
        let referentie = try Reviewronde.referentie(v.referentie, docentenblad: v.docentenblad?.bytes)
        return Antwoord.json(Reviewronde.json(try Reviewronde.combineer(groepen, referentie: referentie)))
    }
}

/// An object with keys in a given order (names that are data, such as onderdelen).
struct Geordend<T: Encodable>: Encodable {
    var paren: [(String, T)]
    init(_ paren: [(String, T)]) { self.paren = paren }

    struct Sleutel: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Sleutel.self)
        for (k, v) in paren { try c.encode(v, forKey: Sleutel(stringValue: k)) }
    }
}

/// Any JSON value of a request, kept as its bytes (the docentenblad is read by the library).
struct RuweJSON: Decodable {
    var bytes: [UInt8]

    init(from decoder: any Decoder) throws {
        bytes = Array(try Self.waarde(decoder).serialised(pretty: false).utf8)
    }

    struct Sleutel: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { self.intValue = intValue; stringValue = String(intValue) }
    }

    static func waarde(_ decoder: any Decoder) throws -> JSON {
        if let c = try? decoder.container(keyedBy: Sleutel.self) {
            return .object(try c.allKeys.map { k in (k.stringValue, try waarde(try c.superDecoder(forKey: k))) })
        }
        if var l = try? decoder.unkeyedContainer() {
            var items: [JSON] = []
            while !l.isAtEnd { items.append(try waarde(try l.superDecoder())) }
            return .array(items)
        }
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { return .null }
        if let b = try? c.decode(Bool.self) { return .bool(b) }
        if let i = try? c.decode(Int64.self) { return .number(String(i)) }
        if let d = try? c.decode(Double.self) { return .number(String(d)) }
        return .string(try c.decode(String.self))
    }
}
