import Foundation
import HTTPTypes
import Hummingbird
import VIPKit

/// `/api/cursussen`: a docent creates a cursus, runs it with other docenten, follows its
/// progress and attendance, and runs the peer review of bijeenkomst 4; a cursist reads its
/// course page (cursus.md).
struct CursusAPI {
    var diensten: Diensten
    var cursussen: CursusDienst { diensten.cursussen }

    func registreer(_ r: Routes) {
        r.on(.post, "/api/cursussen", maak)
        r.on(.get, "/api/cursussen/{id}", toon)
        r.on(.patch, "/api/cursussen/{id}", wijzig)
        r.on(.post, "/api/cursussen/{id}/docenten", voegDocentToe)
        r.on(.delete, "/api/cursussen/{id}/docenten/{gebruiker}", verwijderDocent)
        r.on(.put, "/api/cursussen/{id}/aanwezigheid/{n}", zetAanwezigheid)
        r.on(.post, "/api/cursussen/{id}/herinneringen", verstuurHerinneringen)
        r.on(.post, "/api/cursussen/{id}/uitnodigingen", nodigUit)
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
        /// Findings about empty fields whose bijeenkomst has not passed (counted in `fouten` and
        /// `waarschuwingen` too, as the check counts them).
        var nog_te_doen: Int
        var aanwezig: [Int]
        var afwezig: [Int]

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
            nog_te_doen = r.totaal.teDoen
            aanwezig = r.aanwezig
            afwezig = r.afwezig
        }
    }

    // MARK: The course page

    /// `GET /api/cursussen/{id}`: for a docent of the cursus and for a cursist who follows it.
    struct CursusAntwoord: Encodable {
        var id: Int64
        var naam: String
        var docenten: [AanvraagAPI.Persoon]
        var bijeenkomsten: [String]
        var volgende: Int?
        var herinneringen: Bool
        var max_afwezig: Int
        /// A docent's only.
        var uitnodigingscode: String?
        /// A cursist's only.
        var huiswerk: [HuiswerkAntwoord]?
        var open_opmerkingen: Int?
        var gedeeld: [Gedeeld]?

        struct HuiswerkAntwoord: Encodable {
            var pad: String
            var label: String
            var pagina: String
        }

        struct Gedeeld: Encodable {
            var aanvraag: Int64
            var titel: String?
            var eigenaar: String
        }

        enum Sleutel: String, CodingKey {
            case id, naam, docenten, bijeenkomsten, volgende, herinneringen, max_afwezig, uitnodigingscode, huiswerk,
                 open_opmerkingen, gedeeld
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Sleutel.self)
            try c.encode(id, forKey: .id)
            try c.encode(naam, forKey: .naam)
            try c.encode(docenten, forKey: .docenten)
            try c.encode(bijeenkomsten, forKey: .bijeenkomsten)
            if let volgende { try c.encode(volgende, forKey: .volgende) } else { try c.encodeNil(forKey: .volgende) }
            try c.encode(herinneringen, forKey: .herinneringen)
            try c.encode(max_afwezig, forKey: .max_afwezig)
            if let uitnodigingscode { try c.encode(uitnodigingscode, forKey: .uitnodigingscode) }
            if let huiswerk { try c.encode(huiswerk, forKey: .huiswerk) }
            if let open_opmerkingen { try c.encode(open_opmerkingen, forKey: .open_opmerkingen) }
            if let gedeeld { try c.encode(gedeeld, forKey: .gedeeld) }
        }

        init(_ o: CursusDienst.Overzicht) {
            let c = o.cursus
            id = c.id
            naam = c.naam
            docenten = o.docenten.map { AanvraagAPI.Persoon(id: $0.id, naam: $0.naam) }
            bijeenkomsten = c.bijeenkomsten
            volgende = o.volgende
            herinneringen = c.herinneringen
            max_afwezig = c.maxAfwezig
            if let p = o.persoonlijk {
                huiswerk = p.huiswerk.map { h in
                    HuiswerkAntwoord(pad: h.pad, label: h.label, pagina: p.aanvraag.map { h.adres(aanvraag: $0.id) } ?? "")
                }
                open_opmerkingen = p.open.count
                gedeeld = p.gedeeld.map { Gedeeld(aanvraag: $0.id, titel: $0.afgeleid.titel, eigenaar: $0.eigenaarNaam) }
            } else {
                uitnodigingscode = c.uitnodigingscode
            }
        }
    }

    @Sendable func toon(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        let c = try await cursussen.zichtbaar(context.parameters.get("id", as: Int64.self), g)
        return try Antwoord.json(CursusAntwoord(try await cursussen.overzicht(c, voor: g)))
    }

    /// `{"herinneringen": bool, "max_afwezig": n}`, either or both.
    struct Instellingen: Decodable {
        var herinneringen: Bool?
        var max_afwezig: Int?
    }

    /// A change to the cursus: a docent of it; a cursist who follows it gets 403.
    func alsDocent(_ context: VIPContext) async throws -> (Cursus, Gebruiker) {
        let (g, _) = try context.aangemeld()
        let c = try await cursussen.teWijzigen(context.parameters.get("id", as: Int64.self), g,
                                               waarom: CursusDienst.alleenDocenten)
        return (c, g)
    }

    @Sendable func wijzig(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (c, g) = try await alsDocent(context)
        let v = try await request.json(Instellingen.self)
        let na = try await cursussen.zetInstellingen(c, herinneringen: v.herinneringen, maxAfwezig: v.max_afwezig)
        return try Antwoord.json(CursusAntwoord(try await cursussen.overzicht(na, voor: g)))
    }

    @Sendable func voegDocentToe(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (c, _) = try await alsDocent(context)
        let v = try await request.json(AanvraagAPI.Email.self)
        let d = try await cursussen.voegDocentToe(c, email: v.email)
        return try Antwoord.json(AanvraagAPI.Persoon(id: d.id, naam: d.naam), status: .created)
    }

    @Sendable func verwijderDocent(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (c, _) = try await alsDocent(context)
        try await cursussen.verwijderDocent(c, gebruiker: context.parameters.get("gebruiker", as: Int64.self))
        return Response(status: .noContent)
    }

    struct AanwezigheidRegel: Codable {
        var cursist: Int64
        var aanwezig: Bool
    }

    @Sendable func zetAanwezigheid(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (c, _) = try await alsDocent(context)
        let nr = try cursussen.bijeenkomst(c, context.parameters.get("n", as: Int.self))
        let v = try await request.json([AanwezigheidRegel].self)
        let lijst = try await cursussen.zetAanwezigheid(c, nr: nr, v.map {
            Aanwezigheid(nr: nr, cursist: $0.cursist, aanwezig: $0.aanwezig)
        })
        return try Antwoord.json(lijst.map { AanwezigheidRegel(cursist: $0.cursist, aanwezig: $0.aanwezig) })
    }

    struct Verstuurd: Encodable {
        var verstuurd: [Int64]
    }

    /// "Nu versturen": the reminders due now, each once; 409 with mail off or reminders off.
    @Sendable func verstuurHerinneringen(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (c, _) = try await alsDocent(context)
        return try Antwoord.json(Verstuurd(verstuurd: try await diensten.herinneringen.verstuurNu(c)))
    }

    struct Uitnodigingen: Decodable {
        var emails: [String]
    }

    struct Uitgenodigd: Encodable {
        var uitgenodigd: Int
    }

    /// Invitations by mail to the cursus: 202 with how many distinct addresses got one.
    @Sendable func nodigUit(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (c, g) = try await alsDocent(context)
        let v = try await request.json(Uitnodigingen.self)
        let n = try await diensten.herinneringen.nodigUit(c, emails: v.emails, door: g)
        return try Antwoord.json(Uitgenodigd(uitgenodigd: n), status: .accepted)
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
