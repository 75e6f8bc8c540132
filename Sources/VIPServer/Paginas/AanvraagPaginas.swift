import Foundation
import Hummingbird
import VIPChecklist
import VIPKit
import VIPModel

/// The aanvraag in the browser, one page per part of the course: its fields with the course's
/// question and the checklist's findings beside them; saving a page; the bijlagen page with its
/// uploads. Saving goes through `AanvraagDienst` as the API's PUT and PATCH do.
struct AanvraagPaginas {
    var paginas: Paginas
    var diensten: Diensten { paginas.diensten }
    var weergave: Weergave { paginas.weergave }
    var aanvragen: AanvraagDienst { diensten.aanvragen }

    func registreer(_ router: Router<VIPContext>) {
        paginas.op(router, .post, "/aanvragen", nieuweAanvraag)
        paginas.op(router, .post, "/importeren", importeren)
        paginas.op(router, .get, "/aanvragen/{id}", aanvraag)
        paginas.op(router, .get, "/aanvragen/{id}/{deel}", deel)
        paginas.op(router, .post, "/aanvragen/{id}/{deel}", bewaar)
        // The router prefers a constant segment to a parameter: where a longer route has one
        // (`bijlagen/upload`, `documenten/…`, `geschiedenis/…`), the page itself is named too.
        for vast in ["bijlagen", "documenten", "geschiedenis", "samenwerken", "fondsen"] {
            paginas.op(router, .get, "/aanvragen/{id}/\(vast)", deel)
            paginas.op(router, .post, "/aanvragen/{id}/\(vast)", bewaar)
        }
        paginas.op(router, .post, "/aanvragen/{id}/bijlagen/upload", upload)
        paginas.op(router, .post, "/aanvragen/{id}/bijlagen/verwijder", verwijderBestand)
        paginas.op(router, .post, "/aanvragen/{id}/fondsen/toevoegen", voegFondsToe)
    }

    /// The caller's own aanvraag (404 for anyone else's, as the API does). The docent of the
    /// cursist's cursus is sent to the read view: no page offers her the cursist's text to edit.
    func eigen(_ context: VIPContext) async throws -> AanvraagRij {
        let (g, _) = try paginas.aangemeld(context)
        let id = context.parameters.get("id", as: Int64.self)
        do {
            return try await aanvragen.eigen(id, voor: g)
        } catch let w as Weigering where w.status == .forbidden {
            throw DocentPaginas.AlleenLezen(naar: "/aanvragen/\(id ?? 0)/lezen")
        }
    }

    /// The last segment of `/aanvragen/{id}/{deel}`.
    static func slug(_ request: Request) -> String {
        String(request.uri.path.split(separator: "/").last ?? "")
    }

    /// `/aanvragen/3/hoofdlijnen` → (3, the page), for a page whose form can be saved.
    static func bewaarbaar(_ pad: String) -> (Int64, Pagina)? {
        let delen = pad.split(separator: "/")
        guard delen.count == 3, delen[0] == "aanvragen", let id = Int64(delen[1]),
              let pagina = Pagina.met(slug: String(delen[2])) else { return nil }
        return (id, pagina)
    }

    /// "U gebruikt 12 MB van uw 200 MB opslagruimte; 3 van de 20 aanvragen."
    static func quotum(_ diensten: Diensten, _ g: Gebruiker) async throws -> [String: Any] {
        let gebruik = try await diensten.aanvragen.gebruik(g)
        let grenzen = diensten.kern.grenzen
        let procent = grenzen.quotum > 0 ? min(100, gebruik.totaal * 100 / grenzen.quotum) : 100
        return ["tekst": "U gebruikt \(Bestanden.grootte(gebruik.totaal)) van uw \(Bestanden.grootte(grenzen.quotum)) "
                    + "opslagruimte (\(procent) %) en hebt \(gebruik.aanvragen) van de \(grenzen.aanvragenPerCursist) aanvragen.",
                "procent": procent, "bijnaVol": procent >= 80]
    }

    // MARK: New aanvragen

    @Sendable func nieuweAanvraag(_ request: Request, _ context: VIPContext) async throws -> Response {
        _ = try await paginas.formulier(request, context, limiet: Limieten.json)
        let (g, _) = try paginas.aangemeld(context)
        let a = try await aanvragen.maak(door: g, tekst: [])
        return Weergave.doorsturen("/aanvragen/\(a.id)/\(Pagina.alle[0].slug)")
    }

    /// A `vip-aanvraag/1` file becomes a new aanvraag, its text stored as it is.
    @Sendable func importeren(_ request: Request, _ context: VIPContext) async throws -> Response {
        let f = try await paginas.formulier(request, context, limiet: Limieten.aanvraag + 64 * 1024)
        let (g, _) = try paginas.aangemeld(context)
        guard g.rol == .cursist else { throw Weigering.verboden("Alleen een cursist schrijft een aanvraag.") }
        let bytes = f.bestanden["bestand"]?.bytes ?? Array((f["tekst"] ?? "").utf8)
        guard !bytes.isEmpty else {
            throw Weigering(.unprocessableContent, "Kies een bestand (vip-aanvraag/1, .yaml) om te importeren.")
        }
        if bytes.count > Limieten.aanvraag { throw Weigering.teGroot(Limieten.aanvraag) }
        do {
            let a = try await aanvragen.maak(door: g, tekst: bytes)
            return Weergave.doorsturen("/aanvragen/\(a.id)/\(Pagina.alle[0].slug)")
        } catch let w as Weigering where w.status == .unprocessableContent {
            throw Weigering(.unprocessableContent, w.fout.replacingOccurrences(of: "De aanvraag kan niet", with: "Dit bestand kan niet")
                + " Er is niets opgeslagen.")
        }
    }

    @Sendable func aanvraag(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        return Weergave.doorsturen("/aanvragen/\(a.id)/\(Pagina.alle[0].slug)")
    }

    // MARK: The pages of one aanvraag

    /// What every page of one aanvraag shows: its title, the side menu with the progress per
    /// part, the extra pages.
    func aanvraagBasis(_ context: VIPContext, _ a: AanvraagRij, _ r: CheckResultaat, wachtlijst: Wachtlijst,
                       titel: String, actief: String) -> [String: Any] {
        var d = paginas.basis(context, titel: titel)
        d["aanvraagId"] = String(a.id)
        d["aanvraagTitel"] = r.aanvraag?.project.titel ?? "Aanvraag zonder titel"
        d["versie"] = a.versie
        let delen = Paginas.voortgang(r.bevindingen, wachtlijst: wachtlijst, actief: actief).map(\.1)
        d["delen"] = delen.filter { $0["isProjectplan"] as? Bool != true }
            .filter { !["woordenlijst", "na-het-besluit"].contains($0["slug"] as? String ?? "") }
        d["projectplan"] = delen.filter { $0["isProjectplan"] as? Bool == true }
        d["afronding"] = delen.filter { ($0["slug"] as? String) == "woordenlijst" }
        // "Na het besluit" comes after Documenten: it is the part after the aanvraag is sent.
        d["extra"] = [("documenten", "Documenten"), ("na-het-besluit", "Na het besluit"), ("geschiedenis", "Versies"),
                      ("samenwerken", "Samenwerken"), ("uitwisselen", "Importeren en exporteren")]
            .map { slug, t in
                ["slug": slug, "titel": t, "actief": slug == actief, "huidig": slug == actief ? "page" : "false",
                 "isDeel": Pagina.met(slug: slug) != nil]
            }
        let stand = Paginastand.alle(r.bevindingen, wachtlijst: wachtlijst)
        d["fouten"] = stand.reduce(0) { $0 + $1.fouten }
        d["waarschuwingen"] = stand.reduce(0) { $0 + $1.waarschuwingen }
        d["teDoen"] = stand.reduce(0) { $0 + $1.teDoen }
        d["af"] = r.isAf
        return d
    }

    @Sendable func deel(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        let slug = Self.slug(request)
        let documenten = DocumentPaginas(paginas: paginas)
        switch slug {
        case "documenten": return try await documenten.documenten(request, context, a)
        case "geschiedenis": return try await documenten.geschiedenis(request, context, a)
        case "uitwisselen": return try await documenten.uitwisselen(request, context, a)
        case "samenwerken": return try await CursistPaginas(paginas: paginas).samenwerken(request, context, a)
        case "export.yaml": return try await documenten.export(a)
        default: break
        }
        guard let pagina = Pagina.met(slug: slug) else { throw Weigering.nietGevonden("Deze pagina bestaat niet.") }
        // The check of the stored version with its inputs' values, kept with it: a page of a
        // version shown before walks no model.
        let controle = try await aanvragen.controle(a, a.versie)
        let r = controle.resultaat
        guard let model = r.aanvraag else { throw Kern.leesfout(r) }
        let q = request.uri.queryParameters
        var melding: [String: Any]? = nil
        if let v = q.get("opgeslagen"), let n = Int(v) {
            melding = ["soort": "succes", "tekst": "Opgeslagen als versie \(n) om \(Tijden.klok(a.gewijzigd))."]
        }
        if q.get("geupload") != nil {
            melding = ["soort": "succes", "tekst": "Het bestand is toegevoegd en de aanvraag is opgeslagen."]
        }
        if q.get("verwijderd") != nil {
            melding = ["soort": "succes", "tekst": "Het bestand is uit de nieuwe versie gehaald; oudere versies houden het."]
        }
        var extra: [String: Any] = [:]
        if pagina.slug == "fondsen" {
            extra["register"] = try await Fondsenzoekweergave(diensten: diensten)
                .gegevens(a, model, bedrag: q.get("bedrag"), datum: q.get("datum"))
            if let naam = q.get("toegevoegd"), let register = try await diensten.register.huidig().register,
               let fonds = register.fonds(naam) {
                melding = ["soort": "succes", "tekst": "\(fonds.naam) staat nu bij uw fondsen, met adres en aanhef uit het "
                    + "register, en in het dekkingsplan met de status ‘verwacht’. Vul in het dekkingsplan in hoeveel u bij dit "
                    + "fonds aanvraagt."]
            }
        }
        let html = try await onderdeel(context, a, r, pagina, invulling: controle.invulling, bevindingen: r.bevindingen,
                                       versie: a.versie, melding: melding, model: model, extra: extra, controle: controle)
        return Weergave.antwoord(html)
    }

    /// The page of one part: its fields with their values and findings.
    func onderdeel(_ context: VIPContext, _ a: AanvraagRij, _ r: CheckResultaat, _ pagina: Pagina,
                   invulling: Invulling, bevindingen: [Bevinding], versie: Int, melding: [String: Any]?,
                   model: Aanvraag?, opgeslagen: Invulling? = nil, extra: [String: Any] = [:],
                   controle: Controle? = nil) async throws -> String {
        let (g, _) = try paginas.aangemeld(context)
        let (_, goedkeuringen) = try await diensten.beoordelingen.goedkeuring(aanvraag: a.id, voor: g)
        let goedkeuring = DocentPaginas.goedkeuring(versie: a.versie, goedgekeurd: goedkeuringen.laatste(aanvraag: a.id),
                                                    voorCursist: true)
        let opmerkingen = try await diensten.beoordelingen.opmerkingen(aanvraag: a.id, voor: g)
        let wachtlijst: Wachtlijst
        if let controle {
            wachtlijst = try await aanvragen.wachtlijst(a, controle)
        } else {
            wachtlijst = try await aanvragen.wachtlijst(a, r)
        }
        var d = aanvraagBasis(context, a, r, wachtlijst: wachtlijst, titel: pagina.titel, actief: pagina.slug)
        var w = Veldweergave(invulling: invulling, bevindingen: bevindingen.filter { pagina.toont($0.pad) },
                             wachtlijst: wachtlijst)
        var velden: [[String: Any]] = []
        d["naHetBesluit"] = false
        if pagina.slug == "na-het-besluit", let model = model ?? r.aanvraag {
            // Its own layout: the decision per fund and the realisatie as tables (the field table still
            // names every input, its label and its findings).
            d["naHetBesluit"] = NaHetBesluitweergave(model: model, invulling: invulling).gegevens(&w)
        }
        for pad in pagina.velden where pagina.slug != "na-het-besluit" {
            guard let v = Veldentabel.aanvraag.veld(pad) else { continue }
            if pagina.slug == "begroting" && pad == "begroting" {
                d["begroting"] = begroting(&w, v, model: model)
                continue
            }
            var veld = w.veld(v, pad: pad)
            if pagina.velden.count == 1 && v.heeftVelden {
                // The part is this one section or list: the page's heading and question say it already.
                veld["legendVerborgen"] = true
                if v.vraag == pagina.vraag || v.label == pagina.titel { veld["heeftVraag"] = false }
            }
            if let ouder = Self.ouder(pad), !pagina.velden.contains(ouder.pad) {
                // A field of a section split over pages: "Doelgroep: omschrijving", with the
                // section's question when the field has none.
                veld["label"] = "\(ouder.label): \(v.label.lowercased())"
                if v.vraag == nil, let vraag = ouder.vraag {
                    veld["vraag"] = vraag
                    veld["heeftVraag"] = true
                }
            }
            if let opgeslagen {
                // After logging in with kept text: the stored value beside each field that differs.
                let nu = opgeslagen[pad], getypt = invulling[pad]
                if nu != getypt {
                    veld["opgeslagenWaarde"] = nu.isEmpty ? "(leeg)" : nu
                }
            }
            velden.append(veld)
        }
        d["velden"] = velden
        d["pagina"] = ["slug": pagina.slug, "titel": pagina.titel, "vraag": pagina.vraag,
                       "isProjectplan": pagina.groep == .projectplan, "isBijlagen": pagina.slug == "bijlagen",
                       "isBegroting": pagina.slug == "begroting"]
        let algemeen = w.bevindingen.map(w.weergave)
        d["algemeen"] = algemeen
        d["heeftAlgemeen"] = !algemeen.isEmpty
        d["versie"] = versie
        d["melding"] = melding ?? false
        d["uploadMiB"] = Limieten.upload / 1024 / 1024
        d["uploadBytes"] = Limieten.upload
        d["bijlageSoorten"] = BijlageSoort.allCases.map { ["waarde": $0.rawValue] }
        if pagina.slug == "bijlagen" {
            let bestanden = try await aanvragen.bestanden(a)
            d["bestanden"] = bestanden.map { b in
                ["naam": b.naam, "grootte": Bestanden.grootte(b.grootte),
                 "adres": "/api/aanvragen/\(a.id)/bestanden/\(b.naam)"] as [String: Any]
            }
            d["heeftBestanden"] = !bestanden.isEmpty
            d["quotum"] = try await Self.quotum(diensten, g)
            d["maxBestanden"] = diensten.kern.grenzen.bestandenPerVersie
            d["maxBestandenMiB"] = diensten.kern.grenzen.bytesPerVersie / 1024 / 1024
        }
        DocentPaginas.cursistDeel(&d, pagina: pagina, opmerkingen: opmerkingen, goedkeuring: goedkeuring)
        // In the order of the course; "Na het besluit" comes after Documenten, outside that order.
        let volgorde = Pagina.alle.filter { $0.groep != .naHetBesluit }
        if pagina.groep == .naHetBesluit {
            d["vorige"] = ["slug": "documenten", "titel": "Documenten"]
            d["volgende"] = ["slug": "geschiedenis", "titel": "Versies"]
        } else if let i = volgorde.firstIndex(where: { $0.slug == pagina.slug }) {
            d["vorige"] = i > 0 ? ["slug": volgorde[i - 1].slug, "titel": volgorde[i - 1].titel] : false
            d["volgende"] = i + 1 < volgorde.count ? ["slug": volgorde[i + 1].slug, "titel": volgorde[i + 1].titel]
                : ["slug": "documenten", "titel": "Documenten"]
        }
        d["register"] = false
        for (k, v) in extra { d[k] = v }
        return weergave.html("onderdeel", d)
    }

    /// The section a field of the page stands in, when it is not at the top.
    static func ouder(_ pad: String) -> Veld? {
        guard let punt = pad.lastIndex(of: "."), punt != pad.startIndex else { return nil }
        let ouder = String(pad[..<punt])
        return ouder.contains(".") || ouder != "project" ? Veldentabel.aanvraag.veld(ouder) : nil
    }

    /// The begroting as a table: one row per post with its amount and the running total, the
    /// subtotals per categorie, and the total.
    func begroting(_ w: inout Veldweergave, _ v: Veld, model: Aanvraag?) -> [String: Any] {
        guard let posten = v["posten"], let toelichting = v["toelichting"] else { return [:] }
        let rijen = w.items(posten, pad: "begroting.posten")
        let modelPosten = model?.begroting.posten ?? []
        var lopend = Bedrag.zero
        var uit: [[String: Any]] = []
        for (i, rij) in rijen.enumerated() {
            var r = rij
            // In the table every input is one line, and its column heading is its label.
            for (sleutel, kop) in [("post", "omschrijving"), ("categorie", "categorie"), ("aantal", "aantal"),
                                   ("eenheid", "eenheid"), ("prijs", "prijs per eenheid")] {
                guard var cel = r["veld_" + sleutel] as? [String: Any] else { continue }
                if sleutel == "post" { cel["isProza"] = false; cel["isTekst"] = true }
                cel["heeftHint"] = false
                cel["heeftAriaLabel"] = true
                cel["ariaLabel"] = rij["isNieuw"] as? Bool == true ? "Nieuwe post: \(kop)" : "Post \(i + 1): \(kop)"
                r["veld_" + sleutel] = cel
            }
            if i < modelPosten.count, rij["isNieuw"] as? Bool != true {
                let bedrag = modelPosten[i].berekendBedrag
                lopend += bedrag ?? .zero
                r["bedrag"] = bedrag?.formatted() ?? "—"
                r["lopend"] = lopend.formatted()
            } else {
                r["bedrag"] = ""
                r["lopend"] = ""
            }
            uit.append(r)
        }
        let perCategorie = (model?.begroting.perCategorie ?? []).map { c in
            ["categorie": c.categorie, "aantal": c.posten.count, "subtotaal": c.subtotaal.formatted()] as [String: Any]
        }
        let eigen = w.neem("begroting.posten") + w.neem("begroting")
        return ["rijen": uit, "categorieen": perCategorie, "heeftCategorieen": !perCategorie.isEmpty,
                "totaal": (model?.begroting.totaal ?? .zero).formatted(), "bevindingen": eigen,
                "heeftBevindingen": !eigen.isEmpty, "toelichting": w.veld(toelichting, pad: "begroting.toelichting")]
    }

    // MARK: Saving a page

    @Sendable func bewaar(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        let f = try await paginas.formulier(request, context)
        guard let pagina = Pagina.met(slug: Self.slug(request)) else {
            throw Weigering.nietGevonden("Deze pagina bestaat niet.")
        }
        let invulling = Invulling(waarden: f.waarden)
        return try await sla(context, a, pagina, invulling: invulling, versie: Int(f["versie"] ?? "") ?? -1) {
            invulling.toegepast(op: $0, pagina: pagina)
        }
    }

    /// Saves through `AanvraagDienst.bewaarVelden` (as `PATCH /api/aanvragen/{id}` does). A stale
    /// form or an unreadable value shows the page again with what was typed, and a Dutch message;
    /// nothing is stored then.
    func sla(_ context: VIPContext, _ a: AanvraagRij, _ pagina: Pagina, invulling: Invulling, versie: Int,
             bestanden: BestandWijziging = .geen, klaar: String? = nil,
             wijzig: @escaping @Sendable (YAMLWaarde) -> YAMLWaarde) async throws -> Response {
        func opnieuw(_ status: HTTPResponse.Status, _ tekst: String, _ huidig: CheckResultaat,
                     bevindingen: [Bevinding]) async throws -> Response {
            let html = try await onderdeel(context, a, huidig, pagina, invulling: invulling, bevindingen: bevindingen,
                                           versie: a.versie, melding: ["soort": "fout", "tekst": tekst], model: nil)
            return Weergave.antwoord(html, status: status)
        }
        do {
            let (o, _) = try await aanvragen.bewaarVelden(a, verwacht: versie, bestanden: bestanden, wijzig: wijzig)
            return Weergave.doorsturen(klaar ?? "/aanvragen/\(a.id)/\(pagina.slug)?opgeslagen=\(o.versie)")
        } catch let f as AanvraagDienst.VeldFout {
            let veld = Veldentabel.aanvraag.veld(f.fout.pad)?.label
            let tekst = "Niet opgeslagen: " + (veld.map { "bij ‘\($0)’: " } ?? "") + f.fout.melding
                + " Verbeter het en sla opnieuw op; wat u typte staat er nog."
            let fout = Bevinding(regel: "leesfout", ernst: .fout, melding: f.fout.melding, pad: f.fout.pad)
            return try await opnieuw(.unprocessableContent, tekst, f.huidig, bevindingen: [fout])
        } catch let v as VerouderdeVersie {
            let huidig = try await aanvragen.check(a, a.versie)
            return try await opnieuw(.conflict, "Deze aanvraag is intussen gewijzigd, in een ander venster of op een ander "
                + "apparaat (nu versie \(v.huidige)). Wat u hier typte, is nog niet opgeslagen en staat hieronder. Kijk het na "
                + "en klik opnieuw op ‘Opslaan’: dan wordt het bewaard bovenop de nieuwe versie.", huidig,
                bevindingen: huidig.bevindingen)
        }
    }

    /// After logging in with text kept from an ended session: the page with that text in its
    /// form and the stored value beside each field that differs. Nothing is saved until she
    /// presses Opslaan on this page (with her own new CSRF token).
    func toonBewaard(_ context: VIPContext, _ a: AanvraagRij, _ pagina: Pagina, _ f: Formulier) async throws -> Response {
        let r = try await aanvragen.check(a, a.versie)
        guard let model = r.aanvraag else { throw Kern.leesfout(r) }
        let html = try await onderdeel(context, a, r, pagina, invulling: Invulling(waarden: f.waarden),
                                       bevindingen: r.bevindingen, versie: a.versie, melding: [
                                           "soort": "let-op", "tekst": "U bent weer ingelogd. Wat u typte voordat uw sessie "
                                               + "verliep, staat hieronder in de velden en is nog niet opgeslagen; bij elk veld "
                                               + "dat verschilt, staat wat er nu is opgeslagen. Kijk het na en klik op ‘Opslaan’ "
                                               + "om uw tekst te bewaren.",
                                       ], model: model, opgeslagen: Invulling(model))
        return Weergave.antwoord(html)
    }

    // MARK: Bijlagen

    /// The upload form: the file and its bijlage entry in one new version, through the same
    /// operation as `PUT /api/aanvragen/{id}/bestanden/{naam}`.
    @Sendable func upload(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        if let lengte = request.headers[.contentLength].flatMap({ Int($0) }), lengte > Limieten.uploadFormulier {
            throw Weigering.teGroot(Limieten.upload)
        }
        let f = try await paginas.formulier(request, context, limiet: Limieten.uploadFormulier)
        guard let bestand = f.bestanden["bestand"] else {
            throw Weigering(.unprocessableContent, "Kies een bestand om toe te voegen.")
        }
        if bestand.bytes.count > Limieten.upload { throw Weigering.teGroot(Limieten.upload) }
        let naam = Bestanden.veiligeNaam(bestand.naam)
        let titel = (f["titel"] ?? "").trimmedText.isEmpty ? naam : (f["titel"] ?? "")
        let soort = BijlageSoort(rawValue: f["soort"] ?? "") ?? .overig
        let pagina = Pagina.met(slug: "bijlagen")!
        return try await sla(context, a, pagina, invulling: Invulling(waarden: [:]), versie: Int(f["versie"] ?? "") ?? -1,
                             bestanden: .zet(naam: naam, bytes: bestand.bytes),
                             klaar: "/aanvragen/\(a.id)/bijlagen?geupload=1") { boom in
            var items: [YAMLWaarde] = []
            if case .lijst(let l)? = boom["bijlagen"] { items = l }
            // Uploading a file of a name already listed replaces the file; the entry stays.
            let al = items.contains { item in
                if case .tekst(let b)? = item["bestand"] { return b == naam }
                return false
            }
            if !al {
                items.append(.map([.init("titel", .tekst(titel)), .init("soort", .tekst(soort.rawValue)),
                                   .init("bestand", .tekst(naam))]))
            }
            return Invulling.zet(boom, sleutels: ["bijlagen"], .lijst(items))
        }
    }

    // MARK: Fondsen from the register

    /// "Toevoegen aan mijn fondsen": the register fund with its address in `fondsen` and in the
    /// dekkingsplan, in one new version (as `POST /api/aanvragen/{id}/fondsen`).
    @Sendable func voegFondsToe(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        let f = try await paginas.formulier(request, context, limiet: Limieten.json)
        let naam = f["naam"] ?? ""
        do {
            let t = try await aanvragen.voegFondsToe(a, verwacht: Int(f["versie"] ?? "") ?? -1, naam: naam)
            let naam = t.fonds.naam.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return Weergave.doorsturen("/aanvragen/\(a.id)/fondsen?toegevoegd=\(naam)#v-fondsen")
        } catch is VerouderdeVersie {
            throw Weigering(.conflict, "Deze aanvraag is intussen gewijzigd, in een ander venster of op een ander apparaat. "
                + "Er is niets toegevoegd; open de pagina Fondsen opnieuw en kies het fonds nog eens.")
        } catch let fout as AanvraagDienst.VeldFout {
            throw Weigering(.unprocessableContent, "Niet toegevoegd: \(fout.fout.melding)")
        }
    }

    /// "Verwijderen": a new version without the file (the bijlage entry stays until she removes it).
    @Sendable func verwijderBestand(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        let f = try await paginas.formulier(request, context, limiet: Limieten.json)
        do {
            _ = try await aanvragen.verwijderBestand(a, verwacht: Int(f["versie"] ?? "") ?? -1, naam: f["naam"] ?? "")
        } catch is VerouderdeVersie {
            throw Weigering(.conflict, "Deze aanvraag is intussen gewijzigd. Er is niets verwijderd; laad de pagina opnieuw.")
        }
        return Weergave.doorsturen("/aanvragen/\(a.id)/bijlagen?verwijderd=1")
    }
}
