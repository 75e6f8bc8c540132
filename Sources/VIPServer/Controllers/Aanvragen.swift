import Foundation
import Hummingbird
import VIPChecklist
import VIPDocument
import VIPKit
import VIPModel
import VIPZip

/// `/api/aanvragen`: a cursist's aanvragen, each a list of versions kept byte for byte.
struct Aanvragen {
    var dienst: Dienst

    func registreer(_ r: Routes) {
        r.on(.post, "/api/aanvragen", maak)
        r.on(.get, "/api/aanvragen", lijst)
        r.on(.get, "/api/aanvragen/{id}", toon)
        r.on(.put, "/api/aanvragen/{id}", bewaar)
        r.on(.get, "/api/aanvragen/{id}/versies", versies)
        r.on(.get, "/api/aanvragen/{id}/versies/{n}", versie)
        r.on(.get, "/api/aanvragen/{id}/check", check)
        r.on(.post, "/api/aanvragen/{id}/pakket", pakket)
    }

    static let yaml = "application/yaml; charset=utf-8"

    // MARK: Who sees what

    /// The aanvraag when the caller may see it; 404 otherwise (as if it did not exist).
    func zichtbaar(_ context: VIPContext) async throws -> (Gebruiker, AanvraagRij) {
        let (g, _) = try context.aangemeld()
        guard let id = context.parameters.get("id", as: Int64.self),
              let a = try await dienst.opslag.aanvraag(id: id) else { throw APIFout.nietGevonden() }
        switch g.rol {
        case .cursist:
            guard a.eigenaar == g.id else { throw APIFout.nietGevonden() }
        case .docent:
            guard let c = a.cursus, let cursus = try await dienst.opslag.cursus(id: c), cursus.docent == g.id else {
                throw APIFout.nietGevonden()
            }
        case .organisator:
            // Organisers see aanvragen only through their own events (next issue).
            throw APIFout.nietGevonden()
        }
        return (g, a)
    }

    /// The aanvraag when the caller owns it: 404 when she may not see it, 403 when she may
    /// only read it.
    func eigen(_ context: VIPContext) async throws -> AanvraagRij {
        let (g, a) = try await zichtbaar(context)
        guard a.eigenaar == g.id else {
            throw APIFout.verboden("Alleen de cursist zelf wijzigt haar aanvraag; een docent geeft opmerkingen.")
        }
        return a
    }

    static func etag(_ versie: Int) -> String { "\"\(versie)\"" }

    // MARK: Routes

    @Sendable func maak(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        guard g.rol == .cursist else { throw APIFout.verboden("Alleen een cursist schrijft een aanvraag.") }
        var tekst = try await request.tekst()
        if tekst.isEmpty { tekst = Array(Init.sjabloon.utf8) }
        let r = try await dienst.controleerLeesbaar(tekst)
        let a = try await dienst.opslag.maakAanvraag(eigenaar: g.id, tekst: tekst, afgeleid: Dienst.afgeleid(r),
                                                     tijd: dienst.nu)
        return Antwoord.json(.object([("id", .number(String(a.id))), ("versie", .int(a.versie))]), status: .created,
                             headers: [.eTag: Self.etag(a.versie), .location: "/api/aanvragen/\(a.id)"])
    }

    @Sendable func lijst(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        let rijen: [AanvraagRij]
        switch g.rol {
        case .cursist: rijen = try await dienst.opslag.aanvragen(eigenaar: g.id)
        case .docent: rijen = try await dienst.opslag.aanvragen(docent: g.id)
        case .organisator: rijen = []
        }
        return Antwoord.json(.array(rijen.map { a in
            .object([("id", .number(String(a.id))), ("titel", a.afgeleid.titel.map(JSON.string) ?? .null),
                     ("eigenaar", .string(a.eigenaarNaam)), ("versie", .int(a.versie)), ("af", .bool(a.afgeleid.af)),
                     ("fouten", .int(a.afgeleid.fouten)), ("waarschuwingen", .int(a.afgeleid.waarschuwingen)),
                     ("gewijzigd", Antwoord.tijd(a.gewijzigd))])
        }))
    }

    func tekst(_ a: AanvraagRij, _ versie: Int) async throws -> [UInt8] {
        guard let t = try await dienst.opslag.tekst(aanvraag: a.id, versie: versie) else {
            throw APIFout.nietGevonden("Versie \(versie) van deze aanvraag bestaat niet.")
        }
        return t
    }

    @Sendable func toon(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (_, a) = try await zichtbaar(context)
        return Antwoord.bytes(try await tekst(a, a.versie), type: Self.yaml, headers: [.eTag: Self.etag(a.versie)])
    }

    /// `If-Match: "3"` (a weak `W/"3"` or a bare `3` is read the same way).
    static func verwachteVersie(_ header: String) -> Int? {
        var s = header.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("W/") { s.removeFirst(2) }
        if s.hasPrefix("\"") && s.hasSuffix("\"") && s.count >= 2 { s = String(s.dropFirst().dropLast()) }
        return Int(s)
    }

    @Sendable func bewaar(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        guard let ifMatch = request.headers[.ifMatch] else {
            throw APIFout(.preconditionRequired, "Geef met de header If-Match aan op welke versie uw wijziging voortbouwt "
                + "(If-Match: \"\(a.versie)\"). Er is niets opgeslagen.")
        }
        let tekst = try await request.tekst()
        let r = try await dienst.controleerLeesbaar(tekst)
        let verouderd = APIFout(.preconditionFailed, "Deze aanvraag is intussen gewijzigd (nu versie \(a.versie)). "
            + "Uw tekst is niet opgeslagen: lees de nieuwe versie en sla daarna opnieuw op.",
                                headers: [.eTag: Self.etag(a.versie)])
        guard let verwacht = Self.verwachteVersie(ifMatch) else { throw verouderd }
        do {
            let versie = try await dienst.opslag.voegVersieToe(aanvraag: a.id, verwacht: verwacht, tekst: tekst,
                                                               afgeleid: Dienst.afgeleid(r), tijd: dienst.nu)
            return Antwoord.json(.object([("versie", .int(versie)), ("check", CheckReport.json(r))]),
                                 headers: [.eTag: Self.etag(versie)])
        } catch OpslagFout.verouderd(let huidige) {
            var f = verouderd
            f.fout = "Deze aanvraag is intussen gewijzigd (nu versie \(huidige)). Uw tekst is niet opgeslagen: lees de "
                + "nieuwe versie en sla daarna opnieuw op."
            f.headers = [.eTag: Self.etag(huidige)]
            throw f
        }
    }

    @Sendable func versies(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (_, a) = try await zichtbaar(context)
        let lijst = try await dienst.opslag.versies(aanvraag: a.id)
        return Antwoord.json(.array(lijst.map { v in
            .object([("versie", .int(v.versie)), ("gewijzigd", Antwoord.tijd(v.gewijzigd)), ("af", .bool(v.afgeleid.af))])
        }))
    }

    @Sendable func versie(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (_, a) = try await zichtbaar(context)
        guard let n = context.parameters.get("n", as: Int.self) else {
            throw APIFout.nietGevonden("Deze versie van de aanvraag bestaat niet.")
        }
        return Antwoord.bytes(try await tekst(a, n), type: Self.yaml, headers: [.eTag: Self.etag(n)])
    }

    @Sendable func check(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (_, a) = try await zichtbaar(context)
        let tekst = try await tekst(a, a.versie)
        let d = dienst
        let r = await Zwaar.doe { d.controleer(tekst) }
        return Antwoord.json(CheckReport.json(r), headers: [.eTag: Self.etag(a.versie)])
    }

    @Sendable func pakket(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try context.aangemeld()
        if g.rol == .organisator {
            throw APIFout.verboden("Een organisator bouwt geen pakket van een aanvraag; dat doen de cursist en de docent.")
        }
        let (_, a) = try await zichtbaar(context)
        let q = request.uri.queryParameters
        var opties = BuildOpties()
        switch q.get("formaat") ?? "beide" {
        case "beide": opties.formaten = [.odt, .docx]
        case "odt": opties.formaten = [.odt]
        case "docx": opties.formaten = [.docx]
        case let f: throw APIFout(.unprocessableContent, "Onbekend formaat `\(f)`: kies odt, docx of beide.")
        }
        opties.concept = ["1", "ja", "true"].contains(q.get("concept") ?? "")
        var versie = a.versie
        if let v = q.get("versie") {
            guard let n = Int(v) else { throw APIFout.nietGevonden("Versie \(v) van deze aanvraag bestaat niet.") }
            versie = n
        }
        let tekst = try await tekst(a, versie)
        let d = dienst
        let gekozen = opties
        // Logo and bijlagen are looked up in the aanvraag's own folder (uploads come with the pages).
        let map = (d.configuratie.data as NSString).appendingPathComponent("bestanden/\(a.id)")
        let uitkomst: Result<[UInt8], APIFout> = await Zwaar.doe {
            let r = d.controleer(tekst)
            if r.leesfout != nil { return .failure(Dienst.leesfout(r)) }
            if !r.isAf && !gekozen.concept {
                let n = r.bevindingen.count(.fout)
                return .failure(APIFout(.unprocessableContent, "De aanvraag is nog niet af (\(n) \(n == 1 ? "fout" : "fouten")); "
                    + "er is geen pakket gemaakt. Vraag een concept (concept=1) voor een versie met CONCEPT op elke pagina.",
                                        extra: [("check", CheckReport.json(r))]))
            }
            do {
                let bestanden = try Pakket(aanvraag: r.aanvraag!, map: map, opties: gekozen).maak()
                let entries = bestanden.map { b in
                    ZipEntry(name: b.naam, data: b.bytes, method: b.naam.hasSuffix(".zip") || b.naam.hasSuffix(".odt")
                        || b.naam.hasSuffix(".docx") ? .stored : .deflated)
                }
                return .success(try ZipWriter.archive(entries))
            } catch let fout as BuildFout {
                return .failure(APIFout(.unprocessableContent, fout.description))
            } catch {
                return .failure(APIFout(.internalServerError, "Het pakket kon niet worden gemaakt: \(error)"))
            }
        }
        let zip = try uitkomst.get()
        return Antwoord.bytes(zip, type: "application/zip", headers: [
            .contentDisposition: "attachment; filename=\"aanvraag-\(a.id)-versie-\(versie).zip\"",
            .eTag: Self.etag(versie),
        ])
    }
}
