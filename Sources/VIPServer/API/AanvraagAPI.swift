import Foundation
import Hummingbird
import VIPChecklist
import VIPKit
import VIPModel

/// `/api/aanvragen`: a cursist's aanvragen, each a list of versions kept byte for byte.
struct AanvraagAPI {
    var diensten: Diensten
    var aanvragen: AanvraagDienst { diensten.aanvragen }

    func registreer(_ r: Routes) {
        r.on(.post, "/api/aanvragen", maak)
        r.on(.get, "/api/aanvragen", lijst)
        r.on(.get, "/api/aanvragen/{id}", toon)
        r.on(.put, "/api/aanvragen/{id}", bewaar)
        r.on(.patch, "/api/aanvragen/{id}", bewaarVelden)
        r.on(.get, "/api/aanvragen/{id}/versies", versies)
        r.on(.get, "/api/aanvragen/{id}/versies/{n}", versie)
        r.on(.get, "/api/aanvragen/{id}/check", check)
        r.on(.post, "/api/aanvragen/{id}/pakket", pakket)
        r.on(.post, "/api/aanvragen/{id}/auteurs", voegAuteurToe)
        r.on(.delete, "/api/aanvragen/{id}/auteurs/{gebruiker}", verwijderAuteur)
        r.on(.put, "/api/aanvragen/{id}/delen", deel)
    }

    static let yaml = "application/yaml; charset=utf-8"
    static func etag(_ versie: Int) -> String { "\"\(versie)\"" }

    func zichtbaar(_ context: VIPContext) async throws -> AanvraagRij {
        let (g, _) = try context.aangemeld()
        return try await aanvragen.zichtbaar(context.parameters.get("id", as: Int64.self), voor: g)
    }

    func eigen(_ context: VIPContext) async throws -> AanvraagRij {
        let (g, _) = try context.aangemeld()
        return try await aanvragen.eigen(context.parameters.get("id", as: Int64.self), voor: g)
    }

    /// `If-Match: "3"` (a weak `W/"3"` or a bare `3` is read the same way); 428 without it.
    static func verwachteVersie(_ request: Request, huidige: Int) throws -> Int {
        guard let header = request.headers[.ifMatch] else {
            throw Weigering(.preconditionRequired, "Geef met de header If-Match aan op welke versie uw wijziging voortbouwt "
                + "(If-Match: \"\(huidige)\"). Er is niets opgeslagen.")
        }
        var s = header.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("W/") { s.removeFirst(2) }
        if s.hasPrefix("\"") && s.hasSuffix("\"") && s.count >= 2 { s = String(s.dropFirst().dropLast()) }
        // An If-Match that names no version cannot match the current one.
        return Int(s) ?? -1
    }

    /// The API's face of a stale save: 412 with the current version as ETag.
    static func verouderd(_ huidige: Int) -> Weigering {
        Weigering(.preconditionFailed, "Deze aanvraag is intussen gewijzigd (nu versie \(huidige)). Uw tekst is niet "
            + "opgeslagen: lees de nieuwe versie en sla daarna opnieuw op.", headers: [.eTag: etag(huidige)])
    }

    // MARK: Routes

    struct Gemaakt: Encodable {
        var id: Int64
        var versie: Int
    }

    @Sendable func maak(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        guard g.rol == .cursist else { throw Weigering.verboden("Alleen een cursist schrijft een aanvraag.") }
        let a = try await aanvragen.maak(door: g, tekst: try await request.tekst())
        return try Antwoord.json(Gemaakt(id: a.id, versie: a.versie), status: .created,
                                 headers: [.eTag: Self.etag(a.versie), .location: "/api/aanvragen/\(a.id)"])
    }

    struct Rij: Encodable {
        var id: Int64
        var titel: String?
        var eigenaar: String
        /// Every author's name, the one who began it first.
        var auteurs: [String]
        var versie: Int
        var af: Bool
        var fouten: Int
        var waarschuwingen: Int
        var gewijzigd: String
    }

    @Sendable func lijst(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        return try Antwoord.json(try await aanvragen.lijst(voor: g).asyncMap { a in
            Rij(id: a.id, titel: a.afgeleid.titel, eigenaar: a.eigenaarNaam,
                auteurs: try await aanvragen.auteurs(a).map(\.naam), versie: a.versie, af: a.afgeleid.af,
                fouten: a.afgeleid.fouten, waarschuwingen: a.afgeleid.waarschuwingen, gewijzigd: Tijden.iso(a.gewijzigd))
        })
    }

    @Sendable func toon(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await zichtbaar(context)
        return Antwoord.bytes(try await aanvragen.tekst(a, a.versie), type: Self.yaml, headers: [.eTag: Self.etag(a.versie)])
    }

    struct Opgeslagen: Encodable {
        var versie: Int
        var check: JSON
    }

    @Sendable func bewaar(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        let verwacht = try Self.verwachteVersie(request, huidige: a.versie)
        let tekst = try await request.tekst()
        do {
            let o = try await aanvragen.bewaar(a, verwacht: verwacht, tekst: tekst)
            return try Antwoord.json(Opgeslagen(versie: o.versie, check: CheckReport.json(o.check)),
                                     headers: [.eTag: Self.etag(o.versie)])
        } catch let v as VerouderdeVersie {
            throw Self.verouderd(v.huidige)
        }
    }

    /// The fields of one page, as the page script sends them: `{"pagina", "waarden": {pad: [tekst…]}}`.
    struct Velden: Decodable {
        var pagina: String
        var waarden: [String: [String]]
    }

    /// What the page script shows after a save: the version, the time, each finding beside its
    /// field (in words) and how far each page is.
    struct VeldenOpgeslagen: Encodable {
        var versie: Int
        var gewijzigd: String
        var opgeslagen: String
        var titel: String
        var check: JSON
        var bevindingen: [Bevindingweergave]
        var delen: [Paginastand]
    }

    @Sendable func bewaarVelden(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        let verwacht = try Self.verwachteVersie(request, huidige: a.versie)
        let v = try await request.json(Velden.self, limiet: Limieten.aanvraag)
        guard let pagina = Pagina.met(slug: v.pagina) else {
            throw Weigering(.unprocessableContent, "Onbekende pagina `\(v.pagina)`.")
        }
        let invulling = Invulling(waarden: v.waarden)
        do {
            let (o, _) = try await aanvragen.bewaarVelden(a, verwacht: verwacht) { invulling.toegepast(op: $0, pagina: pagina) }
            let wachtlijst = try await aanvragen.wachtlijst(a, o.check)
            return try Antwoord.json(VeldenOpgeslagen(
                versie: o.versie, gewijzigd: Tijden.iso(o.tijd), opgeslagen: Tijden.klok(o.tijd),
                titel: o.check.aanvraag?.project.titel ?? "Aanvraag zonder titel", check: CheckReport.json(o.check),
                bevindingen: o.check.bevindingen.filter { !$0.onderdrukt }.map { Bevindingweergave($0, wacht: wachtlijst.wacht($0)) },
                delen: Paginastand.alle(o.check.bevindingen, wachtlijst: wachtlijst)), headers: [.eTag: Self.etag(o.versie)])
        } catch let v as VerouderdeVersie {
            throw Self.verouderd(v.huidige)
        } catch let f as AanvraagDienst.VeldFout {
            let veld = Veldentabel.aanvraag.veld(f.fout.pad)?.label
            throw Weigering(.unprocessableContent, "Niet opgeslagen: " + (veld.map { "bij ‘\($0)’: " } ?? "") + f.fout.melding,
                            extra: [("pad", .string(f.fout.pad))])
        }
    }

    struct Versie: Encodable {
        var versie: Int
        var gewijzigd: String
        var af: Bool
    }

    @Sendable func versies(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await zichtbaar(context)
        return try Antwoord.json(try await aanvragen.versies(a).map {
            Versie(versie: $0.versie, gewijzigd: Tijden.iso($0.gewijzigd), af: $0.afgeleid.af)
        })
    }

    @Sendable func versie(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await zichtbaar(context)
        guard let n = context.parameters.get("n", as: Int.self) else {
            throw Weigering.nietGevonden("Deze versie van de aanvraag bestaat niet.")
        }
        return Antwoord.bytes(try await aanvragen.tekst(a, n), type: Self.yaml, headers: [.eTag: Self.etag(n)])
    }

    @Sendable func check(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await zichtbaar(context)
        let r = try await aanvragen.check(a, a.versie)
        return Antwoord.json(CheckReport.json(r), headers: [.eTag: Self.etag(a.versie)])
    }

    @Sendable func pakket(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        let a = try await aanvragen.voorPakket(context.parameters.get("id", as: Int64.self), voor: g)
        let q = request.uri.queryParameters
        var opties = BuildOpties()
        opties.formaten = try AanvraagDienst.formaten(q.get("formaat"))
        opties.concept = AanvraagDienst.isConcept(q.get("concept"))
        var versie = a.versie
        if let v = q.get("versie") {
            guard let n = Int(v) else { throw Weigering.nietGevonden("Versie \(v) van deze aanvraag bestaat niet.") }
            versie = n
        }
        let pakket = try await aanvragen.pakket(a, versie: versie, opties: opties)
        return pakket.antwoord(type: "application/zip", headers: [
            .contentDisposition: "attachment; filename=\"aanvraag-\(a.id)-versie-\(versie).zip\"",
            .eTag: Self.etag(versie),
        ])
    }

    // MARK: Writing together (cursus.md)

    struct Email: Decodable { var email: String }

    /// A person as the course routes name her.
    struct Persoon: Encodable {
        var id: Int64
        var naam: String
    }

    @Sendable func voegAuteurToe(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        let v = try await request.json(Email.self)
        let c = try await aanvragen.voegAuteurToe(a, email: v.email)
        return try Antwoord.json(Persoon(id: c.id, naam: c.naam), status: .created)
    }

    @Sendable func verwijderAuteur(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        try await aanvragen.verwijderAuteur(a, gebruiker: context.parameters.get("gebruiker", as: Int64.self))
        return Response(status: .noContent)
    }

    struct Delen: Codable { var groep: Bool }

    @Sendable func deel(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        let v = try await request.json(Delen.self)
        let na = try await aanvragen.deel(a, groep: v.groep)
        return try Antwoord.json(Delen(groep: na.gedeeld))
    }
}
