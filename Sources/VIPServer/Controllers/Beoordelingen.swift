import Foundation
import Hummingbird
import VIPChecklist
import VIPKit

/// The docent's work on aanvragen: opmerkingen (she comments, the cursist marks them
/// afgehandeld) and goedkeuring of a version. A docent never changes a cursist's text.
struct Beoordelingen {
    var dienst: Dienst
    var toegang: Toegang { Toegang(opslag: dienst.opslag) }

    func registreer(_ r: Routes) {
        r.on(.post, "/api/aanvragen/{id}/opmerkingen", plaats)
        r.on(.get, "/api/aanvragen/{id}/opmerkingen", lijst)
        r.on(.patch, "/api/aanvragen/{id}/opmerkingen/{oid}", handelAf)
        r.on(.post, "/api/aanvragen/{id}/goedkeuring", keurGoed)
        r.on(.get, "/api/aanvragen/{id}/goedkeuring", goedkeuring)
    }

    static let maxPad = 300
    static let maxTekst = 10_000

    static func json(_ o: Opmerking) -> JSON {
        .object([("id", .number(String(o.id))), ("pad", .string(o.pad)), ("tekst", .string(o.tekst)),
                 ("docent", .string(o.docentNaam)), ("geplaatst", Antwoord.tijd(o.geplaatst)),
                 ("afgehandeld", .bool(o.afgehandeld != nil)), ("versie", .int(o.versie))])
    }

    // MARK: Opmerkingen

    /// Places an opmerking on the current version; for page controllers too.
    func plaats(aanvraag id: Int64?, door g: Gebruiker, pad: String, tekst: String) async throws -> Opmerking {
        let a = try await toegang.aanvraagAlsDocent(id, voor: g, waarom: "Alleen de docent plaatst opmerkingen bij een "
            + "aanvraag; u kunt ze wel afhandelen.")
        let p = pad.trimmingCharacters(in: .whitespacesAndNewlines)
        let t = tekst.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !p.isEmpty, p.count <= Self.maxPad, !p.contains(where: { $0.isNewline }) else {
            throw APIFout(.unprocessableContent, "Geef het veld waar de opmerking over gaat (`pad`, zoals "
                + "\"project.urgentie\"; hoogstens \(Self.maxPad) tekens).")
        }
        guard !t.isEmpty, t.count <= Self.maxTekst else {
            throw APIFout(.unprocessableContent, "Schrijf een opmerking van 1 tot \(Self.maxTekst) tekens.")
        }
        return try await dienst.opslag.maakOpmerking(aanvraag: a.id, versie: a.versie, docent: g.id, pad: p, tekst: t,
                                                     tijd: dienst.nu)
    }

    @Sendable func plaats(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        let id = context.parameters.get("id", as: Int64.self)
        // Who may do it first: a body is only read for the docent of the cursus.
        _ = try await toegang.aanvraagAlsDocent(id, voor: g, waarom: "Alleen de docent plaatst opmerkingen bij een "
            + "aanvraag; u kunt ze wel afhandelen.")
        let velden = Velden(object: try await request.jsonObject())
        let o = try await plaats(aanvraag: id, door: g, pad: try velden.tekst("pad"), tekst: try velden.tekst("tekst"))
        return Antwoord.json(.object([("id", .number(String(o.id)))]), status: .created)
    }

    @Sendable func lijst(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        let a = try await toegang.aanvraag(context.parameters.get("id", as: Int64.self), voor: g)
        return Antwoord.json(.array(try await dienst.opslag.opmerkingen(aanvraag: a.id).map(Self.json)))
    }

    /// The owner marks an opmerking handled (or open again); for page controllers too.
    func handelAf(aanvraag id: Int64?, opmerking oid: Int64?, door g: Gebruiker, afgehandeld: Bool) async throws -> Opmerking {
        let a = try await toegang.aanvraagAlsEigenaar(id, voor: g, waarom: "Alleen de cursist zelf handelt een "
            + "opmerking af.")
        guard let oid, let o = try await dienst.opslag.zetAfgehandeld(opmerking: oid, aanvraag: a.id,
                                                                      tijd: afgehandeld ? dienst.nu : nil) else {
            throw APIFout.nietGevonden("Deze opmerking bestaat niet bij deze aanvraag.")
        }
        return o
    }

    @Sendable func handelAf(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        let id = context.parameters.get("id", as: Int64.self)
        _ = try await toegang.aanvraagAlsEigenaar(id, voor: g, waarom: "Alleen de cursist zelf handelt een opmerking af.")
        let object = try await request.jsonObject()
        guard let afgehandeld = object["afgehandeld"] as? Bool else {
            throw APIFout.ongeldigeJSON("het veld `afgehandeld` (true of false) ontbreekt.")
        }
        let o = try await handelAf(aanvraag: id, opmerking: context.parameters.get("oid", as: Int64.self), door: g,
                                   afgehandeld: afgehandeld)
        return Antwoord.json(Self.json(o))
    }

    // MARK: Goedkeuring

    /// The approval state of an aanvraag, for the cursist and her docent.
    static func goedkeuringJSON(_ a: AanvraagRij, _ lijst: [Goedkeuring]) -> JSON {
        .object([("versie", .int(a.versie)), ("goedgekeurd", .bool(lijst.keurt(aanvraag: a.id, versie: a.versie))),
                 ("goedgekeurde_versie", lijst.laatste(aanvraag: a.id).map { JSON.int($0) } ?? .null)])
    }

    /// Approves `versie` when it has no fouten; 422 with `check` otherwise. For page controllers too.
    func keurGoed(aanvraag id: Int64?, versie: Int, door g: Gebruiker) async throws -> AanvraagRij {
        let a = try await toegang.aanvraagAlsDocent(id, voor: g, waarom: "Alleen de docent keurt een aanvraag goed.")
        guard let tekst = try await dienst.opslag.tekst(aanvraag: a.id, versie: versie) else {
            throw APIFout.nietGevonden("Versie \(versie) van deze aanvraag bestaat niet.")
        }
        let d = dienst
        let r = await Zwaar.doe { d.controleer(tekst) }
        let fouten = r.bevindingen.count(.fout)
        if r.leesfout != nil || fouten > 0 {
            throw APIFout(.unprocessableContent, "Versie \(versie) heeft nog \(fouten) \(fouten == 1 ? "fout" : "fouten") "
                + "en kan niet worden goedgekeurd.", extra: [("check", CheckReport.json(r))])
        }
        do {
            try await dienst.opslag.keurGoed(aanvraag: a.id, versie: versie, docent: g.id, tijd: dienst.nu)
        } catch OpslagFout.nietGevonden {
            throw APIFout.nietGevonden("Versie \(versie) van deze aanvraag bestaat niet.")
        }
        return a
    }

    @Sendable func keurGoed(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        let id = context.parameters.get("id", as: Int64.self)
        _ = try await toegang.aanvraagAlsDocent(id, voor: g, waarom: "Alleen de docent keurt een aanvraag goed.")
        let object = try await request.jsonObject()
        guard let versie = geheel(object["versie"]) else {
            throw APIFout.ongeldigeJSON("het veld `versie` (een getal) ontbreekt.")
        }
        let a = try await keurGoed(aanvraag: id, versie: versie, door: g)
        let lijst = try await dienst.opslag.goedkeuringen(aanvraag: a.id)
        let nu = try await dienst.opslag.aanvraag(id: a.id) ?? a
        return Antwoord.json(Self.goedkeuringJSON(nu, lijst), status: .created)
    }

    @Sendable func goedkeuring(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        let a = try await toegang.aanvraag(context.parameters.get("id", as: Int64.self), voor: g)
        return Antwoord.json(Self.goedkeuringJSON(a, try await dienst.opslag.goedkeuringen(aanvraag: a.id)))
    }
}
