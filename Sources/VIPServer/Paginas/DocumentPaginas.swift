import Foundation
import Hummingbird
import VIPChecklist
import VIPKit
import VIPModel

/// The documents of an aanvraag (build, download one or all), its versions (and putting an old
/// one back), import and export.
struct DocumentPaginas {
    var paginas: Paginas
    var diensten: Diensten { paginas.diensten }
    var weergave: Weergave { paginas.weergave }
    var aanvragen: AanvraagDienst { diensten.aanvragen }

    func registreer(_ router: Router<VIPContext>) {
        paginas.op(router, .get, "/aanvragen/{id}/documenten/pakket.zip", pakketZip)
        paginas.op(router, .get, "/aanvragen/{id}/documenten/bestand", document)
        paginas.op(router, .post, "/aanvragen/{id}/geschiedenis/{n}/terugzetten", terugzetten)
    }

    // MARK: Documents

    func opties(_ request: Request) throws -> BuildOpties {
        let q = request.uri.queryParameters
        var opties = BuildOpties()
        opties.formaten = try AanvraagDienst.formaten(q.get("formaat"))
        opties.concept = AanvraagDienst.isConcept(q.get("concept"))
        return opties
    }

    func documenten(_ request: Request, _ context: VIPContext, _ a: AanvraagRij) async throws -> Response {
        let r = try await aanvragen.check(a, a.versie)
        var d = AanvraagPaginas(paginas: paginas).aanvraagBasis(context, a, r, wachtlijst: try await aanvragen.wachtlijst(a, r),
                                                                titel: "Documenten", actief: "documenten")
        // Building the package counts every fout, due or not.
        d["fouten"] = r.bevindingen.count(.fout)
        let q = request.uri.queryParameters
        let opties = try opties(request)
        d["concept"] = opties.concept || !r.isAf
        d["formaat"] = q.get("formaat") ?? "beide"
        d["formaten"] = [("beide", "ODT en DOCX"), ("odt", "Alleen ODT (LibreOffice)"), ("docx", "Alleen DOCX (Word)")]
            .map { w, t in ["waarde": w, "tekst": t, "gekozen": (q.get("formaat") ?? "beide") == w] as [String: Any] }
        d["algemeen"] = r.bevindingen.filter { !$0.onderdrukt && $0.ernst == .fout }.map { b -> [String: Any] in
            var v = Veldweergave.bevinding(b)
            let p = Pagina.van(b.pad)
            v["pagina"] = p?.slug ?? ""
            v["paginaTitel"] = p?.titel ?? ""
            v["heeftPagina"] = p != nil
            return v
        }
        d["gebouwd"] = false
        d["bouwfout"] = false
        if q.get("bouw") != nil {
            do {
                let pakket = try await aanvragen.pakket(a, versie: a.versie, opties: opties)
                defer { pakket.ruimOp() }
                let query = "formaat=\(d["formaat"] as? String ?? "beide")&concept=\(opties.concept ? "1" : "0")"
                let namen = r.aanvraag.map(Self.fondsnamen) ?? [:]
                let bestanden = pakket.bestanden.map { b -> [String: Any] in
                    let (omschrijving, naHetBesluit) = Self.omschrijving(b.naam, fondsen: namen)
                    return ["naam": b.naam, "grootte": Bestanden.grootte(pakket.grootte(b)), "omschrijving": omschrijving,
                            "naHetBesluit": naHetBesluit,
                            "adres": "bestand?naam=" + (b.naam.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                                + "&" + query]
                }
                let na = bestanden.filter { $0["naHetBesluit"] as? Bool == true }
                d["gebouwd"] = ["query": query, "bestanden": bestanden.filter { $0["naHetBesluit"] as? Bool != true },
                                "naHetBesluit": na, "heeftNaHetBesluit": !na.isEmpty]
            } catch let fout as Weigering {
                d["bouwfout"] = fout.fout
            }
        }
        return Weergave.antwoord(weergave.html("documenten", d))
    }

    /// The funds of the aanvraag by the slug their files carry (`brief-oranje-fonds`).
    static func fondsnamen(_ a: Aanvraag) -> [String: String] {
        var uit: [String: String] = [:]
        for (slug, f) in zip(Pakket(aanvraag: a, map: "", opties: BuildOpties()).fondsSlugs, a.fondsen) {
            uit[slug] = f.naam ?? slug
        }
        return uit
    }

    /// What a file of the package is, in Dutch, and whether it belongs to the time after the funds
    /// decided (na-het-besluit.md): sent later, one by one, never in `aanvraag-<fonds>.zip`.
    static func omschrijving(_ naam: String, fondsen: [String: String]) -> (String, Bool) {
        var stam = naam
        var soort = ""
        for (ext, tekst) in [(".odt", " (ODT, LibreOffice)"), (".docx", " (DOCX, Word)"), (".pdf", " (PDF)"), (".zip", "")]
            where stam.hasSuffix(ext) {
            stam.removeLast(ext.count)
            soort = tekst
        }
        func fonds(_ voorvoegsel: String) -> String? {
            guard stam.hasPrefix(voorvoegsel) else { return nil }
            let slug = String(stam.dropFirst(voorvoegsel.count))
            return fondsen[slug] ?? slug
        }
        if let f = fonds("bedankbrief-") {
            return ("Bedankbrief aan \(f), dat toezegde. Stuur hem binnen twee weken na de toezegging" + soort, true)
        }
        if let f = fonds("na-afwijzing-") {
            return ("Belblad na de afwijzing door \(f): bel het fonds met de vijf vragen uit het boek; met fondsen uit het "
                + "register die passen, als er een register is" + soort, true)
        }
        if let f = fonds("verantwoording-") {
            return ("Verantwoording aan \(f): begroot en werkelijk, toegezegd en ontvangen, resultaten en verslag" + soort, true)
        }
        if stam == "verantwoording" {
            return ("Verantwoording voor alle fondsen: begroot en werkelijk, toegezegd en ontvangen, resultaten en verslag"
                + soort, true)
        }
        if let f = fonds("aanvraag-") { return ("Alles voor \(f) in één zip: brief, projectplan, begroting, fondsenlijst en bijlagen", false) }
        if let f = fonds("brief-") { return ("Brief aan \(f)" + soort, false) }
        switch stam {
        case "projectplan": return ("Projectplan" + soort, false)
        case "begroting": return ("Begroting met dekkingsplan en toelichting" + soort, false)
        case "fondsenlijst": return ("Lijst van de aangeschreven fondsen" + soort, false)
        default: return (naam, false)
        }
    }

    @Sendable func pakketZip(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await AanvraagPaginas(paginas: paginas).eigen(context)
        let pakket = try await aanvragen.pakket(a, versie: a.versie, opties: try opties(request))
        return pakket.antwoord(type: "application/zip", headers: [
            .contentDisposition: "attachment; filename=\"aanvraag-\(a.id)-versie-\(a.versie).zip\"",
        ])
    }

    @Sendable func document(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await AanvraagPaginas(paginas: paginas).eigen(context)
        let naam = request.uri.queryParameters.get("naam") ?? ""
        let pakket = try await aanvragen.pakket(a, versie: a.versie, opties: try opties(request))
        guard let b = pakket.bestanden.first(where: { $0.naam == naam }) else {
            pakket.ruimOp()
            throw Weigering.nietGevonden("Dit document zit niet in het pakket.")
        }
        let type = naam.hasSuffix(".odt") ? "application/vnd.oasis.opendocument.text"
            : naam.hasSuffix(".docx") ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            : naam.hasSuffix(".zip") ? "application/zip" : naam.hasSuffix(".pdf") ? "application/pdf"
            : "application/octet-stream"
        let veilig = Bestanden.veiligeNaam(naam)
        return pakket.antwoord(b, type: type, headers: [.contentDisposition: "attachment; filename=\"\(veilig)\""])
    }

    // MARK: Versions, import and export

    func geschiedenis(_ request: Request, _ context: VIPContext, _ a: AanvraagRij) async throws -> Response {
        let r = try await aanvragen.check(a, a.versie)
        var d = AanvraagPaginas(paginas: paginas).aanvraagBasis(context, a, r, wachtlijst: try await aanvragen.wachtlijst(a, r),
                                                                titel: "Versies", actief: "geschiedenis")
        let lijst = try await aanvragen.versies(a)
        d["versies"] = lijst.reversed().map { v in
            ["versie": v.versie, "gewijzigd": Paginas.tijd(v.gewijzigd), "af": v.afgeleid.af, "fouten": v.afgeleid.fouten,
             "waarschuwingen": v.afgeleid.waarschuwingen, "isHuidig": v.versie == a.versie,
             "titel": v.afgeleid.titel ?? "zonder titel"] as [String: Any]
        }
        d["huidigeVersie"] = a.versie
        d["teruggezet"] = request.uri.queryParameters.get("teruggezet") ?? false
        return Weergave.antwoord(weergave.html("geschiedenis", d))
    }

    /// "Deze versie terugzetten": the old text and files become the newest version; nothing is lost.
    @Sendable func terugzetten(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await AanvraagPaginas(paginas: paginas).eigen(context)
        let f = try await paginas.formulier(request, context, limiet: Limieten.json)
        guard let n = context.parameters.get("n", as: Int.self) else { throw Weigering.nietGevonden() }
        do {
            _ = try await aanvragen.zetTerug(a, versie: n, verwacht: Int(f["versie"] ?? "") ?? -1)
        } catch let v as VerouderdeVersie {
            throw Weigering(.conflict, "Deze aanvraag is intussen gewijzigd (nu versie \(v.huidige)). Er is niets "
                + "teruggezet; bekijk de versies opnieuw en kies nog eens.")
        }
        return Weergave.doorsturen("/aanvragen/\(a.id)/geschiedenis?teruggezet=\(n)")
    }

    func uitwisselen(_ request: Request, _ context: VIPContext, _ a: AanvraagRij) async throws -> Response {
        let r = try await aanvragen.check(a, a.versie)
        var d = AanvraagPaginas(paginas: paginas).aanvraagBasis(context, a, r, wachtlijst: try await aanvragen.wachtlijst(a, r),
                                                                titel: "Importeren en exporteren", actief: "uitwisselen")
        d["limietMiB"] = Limieten.aanvraag / 1024 / 1024
        return Weergave.antwoord(weergave.html("uitwisselen", d))
    }

    /// The export of the model of the current version: reading it gives the same aanvraag.
    func export(_ a: AanvraagRij) async throws -> Response {
        let r = try await aanvragen.check(a, a.versie)
        guard let model = r.aanvraag else { throw Kern.leesfout(r) }
        return Antwoord.bytes(Array(AanvraagExport.yaml(model).utf8), type: AanvraagAPI.yaml, headers: [
            .contentDisposition: "attachment; filename=\"aanvraag-\(a.id).yaml\"",
        ])
    }
}
