import Foundation
import Hummingbird
import VIPChecklist
import VIPKit
import VIPModel

/// The HTML pages: Dutch, server-rendered, working without JavaScript (plain forms, POST and
/// a redirect); `/static/vip.js` only improves them. Every form carries the session's CSRF
/// token as field `csrf`; without a session a page sends the visitor to the login page.
struct Paginas {
    var dienst: Dienst
    let weergave = Weergave.standaard

    func registreer(_ router: Router<VIPContext>) {
        func op(_ method: HTTPRequest.Method, _ pad: String,
                _ handler: @escaping @Sendable (Request, VIPContext) async throws -> Response) {
            router.on(RouterPath(pad), method: method, use: vang(handler))
        }
        op(.get, "/", start)
        op(.get, "/static/{naam}", statisch)
        op(.get, "/inloggen", inloggenPagina)
        op(.post, "/inloggen", inloggen)
        op(.get, "/registreren", registrerenPagina)
        op(.post, "/registreren", registreren)
        op(.post, "/uitloggen", uitloggen)
        op(.get, "/wachtwoord", wachtwoordPagina)
        op(.post, "/wachtwoord", wachtwoord)
        op(.get, "/cursus-maken", cursusPagina)
        op(.post, "/cursus-maken", cursusMaken)
        op(.post, "/aanvragen", nieuweAanvraag)
        op(.post, "/importeren", importeren)
        op(.get, "/aanvragen/{id}", aanvraag)
        op(.get, "/aanvragen/{id}/{deel}", deel)
        op(.post, "/aanvragen/{id}/{deel}", bewaar)
        // The router prefers a constant segment to a parameter: where a longer route below has
        // one (`bijlagen/upload`, `documenten/…`, `geschiedenis/…`), the page itself is named too.
        for vast in ["bijlagen", "documenten", "geschiedenis"] {
            op(.get, "/aanvragen/{id}/\(vast)", deel)
            op(.post, "/aanvragen/{id}/\(vast)", bewaar)
        }
        op(.post, "/aanvragen/{id}/bijlagen/upload", upload)
        op(.get, "/aanvragen/{id}/documenten/pakket.zip", pakketZip)
        op(.get, "/aanvragen/{id}/documenten/bestand", document)
        op(.post, "/aanvragen/{id}/geschiedenis/{n}/terugzetten", terugzetten)
        OrganisatorPaginas(paginas: self).registreer(router)
        ReviewPaginas(dienst: dienst).registreer(router)
        DocentPaginas(paginas: self).registreer(router)
    }

    // MARK: Errors and redirects

    struct Doorsturen: Error { var naar: String }

    /// Turns a refusal into a Dutch page (or, for the page script, JSON) and a missing session
    /// into the login page.
    func vang(_ handler: @escaping @Sendable (Request, VIPContext) async throws -> Response)
        -> @Sendable (Request, VIPContext) async throws -> Response {
        { request, context in
            do {
                do {
                    return try await handler(request, context)
                } catch let l as DocentPaginas.AlleenLezen {
                    // The docent reads; what would change the cursist's text is refused (403).
                    if request.method == .get || request.method == .head { throw Doorsturen(naar: l.naar) }
                    throw APIFout.verboden(DocentPaginas.AlleenLezen.melding)
                }
            } catch let d as Doorsturen {
                return Weergave.doorsturen(d.naar)
            } catch let fout as APIFout {
                if Self.wilJSON(request) { return try fout.response(from: request, context: context) }
                if fout.status == .unauthorized {
                    if let bewaard = try await bewaarBijVerlopenSessie(request, context) { return bewaard }
                    return Weergave.doorsturen("/inloggen?terug=" + Self.terugAdres(request))
                }
                var d = basis(context, titel: fout.status == .notFound ? "Niet gevonden" : "Dat lukte niet")
                d["melding"] = fout.fout
                d["status"] = Int(fout.status.code)
                return Weergave.antwoord(weergave.html("fout", d), status: fout.status)
            }
        }
    }

    /// A page saved after the session ended (without the page script): the login page, with
    /// what was typed kept in the form, so that logging in saves it. Nothing typed is lost.
    func bewaarBijVerlopenSessie(_ request: Request, _ context: VIPContext) async throws -> Response? {
        guard request.method == .post, Self.bewaarbaar(request.uri.path) != nil,
              request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else { return nil }
        let body = String(decoding: try await request.tekst(), as: UTF8.self)
        var d = basis(context, titel: "Inloggen")
        d["terug"] = request.uri.path
        d["email"] = ""
        d["fout"] = false
        d["gewijzigd"] = false
        d["aangemeld"] = false
        d["bewaard"] = body
        d["bewaardNaar"] = request.uri.path
        d["sessieVerlopen"] = true
        return Weergave.antwoord(weergave.html("inloggen", d), status: .unauthorized)
    }

    /// `/aanvragen/3/hoofdlijnen` → (3, the page), for a page whose form can be saved.
    static func bewaarbaar(_ pad: String) -> (Int64, Pagina)? {
        let delen = pad.split(separator: "/")
        guard delen.count == 3, delen[0] == "aanvragen", let id = Int64(delen[1]),
              let pagina = Pagina.met(slug: String(delen[2])) else { return nil }
        return (id, pagina)
    }

    static func wilJSON(_ request: Request) -> Bool {
        request.headers[.accept]?.contains("application/json") == true
    }

    static func terugAdres(_ request: Request) -> String {
        let pad = request.method == .get ? request.uri.path : "/"
        return pad.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
    }

    /// What every page shows: the signed-in person and the CSRF token for the forms.
    func basis(_ context: VIPContext, titel: String) -> [String: Any] {
        var d: [String: Any] = ["titel": titel, "csrf": context.sessie?.csrf ?? ""]
        if let g = context.gebruiker {
            d["gebruiker"] = ["naam": g.naam, "rol": g.rol.rawValue, "isDocent": g.rol == .docent]
        } else {
            d["gebruiker"] = false
        }
        return d
    }

    func aangemeld(_ context: VIPContext) throws -> (Gebruiker, Sessie) {
        guard let g = context.gebruiker, let s = context.sessie else { throw APIFout.nietAangemeld }
        return (g, s)
    }

    /// The posted form, after checking its CSRF token (field `csrf`, or header `X-CSRF-Token`
    /// from the page script).
    func formulier(_ request: Request, _ context: VIPContext, limiet: Int = Limieten.aanvraag) async throws -> Formulier {
        let (_, s) = try aangemeld(context)
        let f = try await Formulier.lees(request, limiet: limiet)
        let gegeven = f["csrf"] ?? request.headers[CSRFMiddleware.header] ?? ""
        guard CSRFMiddleware.gelijk(gegeven, s.csrf) else {
            throw APIFout.verboden("Dit formulier is verlopen of kwam niet van deze site. Er is niets gewijzigd. "
                + "Laad de pagina opnieuw en probeer het nog eens.")
        }
        return f
    }

    /// The last segment of `/aanvragen/{id}/{deel}`.
    static func slug(_ request: Request) -> String {
        String(request.uri.path.split(separator: "/").last ?? "")
    }

    // MARK: Static files and the start page

    @Sendable func statisch(_ request: Request, _ context: VIPContext) async throws -> Response {
        guard let naam = context.parameters.get("naam"), let r = Weergave.statisch(naam) else {
            throw APIFout.nietGevonden("Dit bestand bestaat niet.")
        }
        return r
    }

    @Sendable func start(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try aangemeld(context)
        var d = basis(context, titel: "Overzicht")
        switch g.rol {
        case .cursist:
            var lijst: [[String: Any]] = []
            for a in try await dienst.opslag.aanvragen(eigenaar: g.id) {
                let r = try await check(a, a.versie)
                let goedgekeurd = try await dienst.opslag.goedkeuringen(aanvraag: a.id).laatste(aanvraag: a.id)
                lijst.append([
                    "goedkeuring": DocentPaginas.goedkeuring(versie: a.versie, goedgekeurd: goedgekeurd, voorCursist: true),
                    "id": String(a.id), "titel": a.afgeleid.titel ?? "Aanvraag zonder titel", "versie": a.versie,
                    "gewijzigd": Self.tijd(a.gewijzigd), "af": a.afgeleid.af,
                    "fouten": a.afgeleid.fouten, "waarschuwingen": a.afgeleid.waarschuwingen,
                    "delen": Self.voortgang(r.bevindingen).map { $0.1 },
                ])
            }
            d["aanvragen"] = lijst
            d["geenAanvragen"] = lijst.isEmpty
            d["limietMiB"] = Limieten.aanvraag / 1024 / 1024
            return Weergave.antwoord(weergave.html("overzicht", d))
        case .docent:
            let rijen = try await dienst.opslag.aanvragen(docent: g.id)
            d["aanvragen"] = rijen.map { a in
                ["id": String(a.id), "titel": a.afgeleid.titel ?? "Aanvraag zonder titel", "eigenaar": a.eigenaarNaam,
                 "versie": a.versie, "fouten": a.afgeleid.fouten, "waarschuwingen": a.afgeleid.waarschuwingen,
                 "gewijzigd": Self.tijd(a.gewijzigd)] as [String: Any]
            }
            d["geenAanvragen"] = rijen.isEmpty
            let cursussen = try await dienst.opslag.cursussen(docent: g.id)
            d["heeftCursussen"] = !cursussen.isEmpty
            d["cursussen"] = cursussen.map { c in
                ["id": String(c.id), "naam": c.naam, "code": c.uitnodigingscode, "bijeenkomsten": c.bijeenkomsten.count]
                    as [String: Any]
            }
            return Weergave.antwoord(weergave.html("docent", d))
        case .organisator:
            return try await OrganisatorPaginas(paginas: self).start(context, g, d)
        }
    }

    /// Dutch time of day in the Netherlands, "14:32".
    static func klokTijd(_ d: Date) -> String {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        let u = c.dateComponents([.hour, .minute], from: d)
        return String(format: "%02d:%02d", u.hour ?? 0, u.minute ?? 0)
    }

    /// "30 november 2026, 14:32".
    static func tijd(_ d: Date) -> String {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        let u = c.dateComponents([.year, .month, .day], from: d)
        let maanden = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                       "oktober", "november", "december"]
        return "\(u.day ?? 1) \(maanden[(u.month ?? 1) - 1]) \(u.year ?? 2000), \(klokTijd(d))"
    }

    /// Per page: its findings counted (fouten, waarschuwingen), for the overview and the side menu.
    static func voortgang(_ bevindingen: [Bevinding], actief: String? = nil) -> [(Pagina, [String: Any])] {
        var fouten: [String: Int] = [:], waarschuwingen: [String: Int] = [:]
        for b in bevindingen where !b.onderdrukt {
            let slug = Pagina.van(b.pad)?.slug ?? ""
            if b.ernst == .fout { fouten[slug, default: 0] += 1 }
            if b.ernst == .waarschuwing { waarschuwingen[slug, default: 0] += 1 }
        }
        return Pagina.alle.map { p in
            let f = fouten[p.slug] ?? 0, w = waarschuwingen[p.slug] ?? 0
            let status = f > 0 ? "\(f) \(f == 1 ? "fout" : "fouten")"
                : w > 0 ? "\(w) \(w == 1 ? "waarschuwing" : "waarschuwingen")" : "in orde"
            return (p, ["slug": p.slug, "titel": p.titel, "status": status, "isFout": f > 0,
                        "isWaarschuwing": f == 0 && w > 0, "isInOrde": f == 0 && w == 0,
                        "isProjectplan": p.groep == .projectplan, "actief": p.slug == actief,
                        "huidig": p.slug == actief ? "page" : "false"])
        }
    }

    // MARK: Accounts

    @Sendable func inloggenPagina(_ request: Request, _ context: VIPContext) async throws -> Response {
        var d = basis(context, titel: "Inloggen")
        d["terug"] = Self.veiligTerug(request.uri.queryParameters.get("terug"))
        d["email"] = ""
        d["fout"] = false
        d["gewijzigd"] = request.uri.queryParameters.get("gewijzigd") != nil
        d["aangemeld"] = request.uri.queryParameters.get("aangemeld") != nil
        d["bewaard"] = ""
        d["bewaardNaar"] = ""
        d["sessieVerlopen"] = false
        return Weergave.antwoord(weergave.html("inloggen", d))
    }

    /// Only an address of this site (`/…`, not `//host`) to return to after logging in.
    static func veiligTerug(_ s: String?) -> String {
        guard let s, s.hasPrefix("/"), !s.hasPrefix("//"), !s.contains("\\") else { return "/" }
        return s
    }

    @Sendable func inloggen(_ request: Request, _ context: VIPContext) async throws -> Response {
        // Room for a page's form kept while the session had ended.
        let f = try await Formulier.lees(request, limiet: Limieten.aanvraag)
        let terug = Self.veiligTerug(f["terug"])
        do {
            let (g, sessie, token) = try await Sessies(dienst: dienst).inloggen(email: f["email"] ?? "",
                                                                                wachtwoord: f["wachtwoord"] ?? "")
            var r = Weergave.doorsturen(terug)
            // What was typed before the session ended is saved now, as the page's own save would.
            if let bewaard = f["bewaard"], !bewaard.isEmpty, let (id, pagina) = Self.bewaarbaar(f["bewaardNaar"] ?? ""),
               let a = try await dienst.opslag.aanvraag(id: id), a.eigenaar == g.id {
                var ctx = context
                ctx.gebruiker = g
                ctx.sessie = sessie
                let formulier = Formulier.urlencoded(bewaard)
                let invulling = Invulling(waarden: formulier.waarden)
                r = try await sla(request, ctx, a, pagina, invulling: invulling, versie: Int(formulier["versie"] ?? "") ?? -1) {
                    invulling.toegepast(op: $0, pagina: pagina)
                }
            }
            r.setCookie(Sessies.sessieCookie(token))
            return r
        } catch let fout as APIFout {
            var d = basis(context, titel: "Inloggen")
            d["terug"] = terug
            d["bewaard"] = f["bewaard"] ?? ""
            d["bewaardNaar"] = f["bewaardNaar"] ?? ""
            d["sessieVerlopen"] = !(f["bewaard"] ?? "").isEmpty
            d["email"] = f["email"] ?? ""
            d["fout"] = fout.fout
            d["gewijzigd"] = false
            d["aangemeld"] = false
            return Weergave.antwoord(weergave.html("inloggen", d), status: fout.status)
        }
    }

    @Sendable func registrerenPagina(_ request: Request, _ context: VIPContext) async throws -> Response {
        var d = basis(context, titel: "Account aanmaken")
        d["code"] = request.uri.queryParameters.get("code") ?? ""
        d["naam"] = ""
        d["email"] = ""
        d["fout"] = false
        return Weergave.antwoord(weergave.html("registreren", d))
    }

    @Sendable func registreren(_ request: Request, _ context: VIPContext) async throws -> Response {
        let f = try await Formulier.lees(request, limiet: Limieten.json)
        if (f["wachtwoord"] ?? "") != (f["herhaal"] ?? "") {
            return registratieFout(context, f, APIFout(.unprocessableContent, "De twee wachtwoorden zijn niet gelijk."))
        }
        do {
            _ = try await Aanmelden(dienst: dienst).registreer([
                "uitnodigingscode": f["code"] ?? "", "naam": f["naam"] ?? "", "email": f["email"] ?? "",
                "wachtwoord": f["wachtwoord"] ?? "",
            ])
            return Weergave.doorsturen("/inloggen?aangemeld=1")
        } catch let fout as APIFout {
            return registratieFout(context, f, fout)
        }
    }

    func registratieFout(_ context: VIPContext, _ f: Formulier, _ fout: APIFout) -> Response {
        var d = basis(context, titel: "Account aanmaken")
        d["code"] = f["code"] ?? ""
        d["naam"] = f["naam"] ?? ""
        d["email"] = f["email"] ?? ""
        d["fout"] = fout.fout
        return Weergave.antwoord(weergave.html("registreren", d), status: fout.status)
    }

    @Sendable func uitloggen(_ request: Request, _ context: VIPContext) async throws -> Response {
        _ = try await formulier(request, context, limiet: Limieten.json)
        if let s = context.sessie { try await dienst.opslag.beeindigSessie(tokenHash: s.tokenHash) }
        var r = Weergave.doorsturen("/inloggen")
        r.setCookie(Cookie(name: Sessies.cookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
        return r
    }

    @Sendable func wachtwoordPagina(_ request: Request, _ context: VIPContext) async throws -> Response {
        _ = try aangemeld(context)
        var d = basis(context, titel: "Wachtwoord wijzigen")
        d["fout"] = false
        return Weergave.antwoord(weergave.html("wachtwoord", d))
    }

    @Sendable func wachtwoord(_ request: Request, _ context: VIPContext) async throws -> Response {
        let f = try await formulier(request, context, limiet: Limieten.json)
        let (g, s) = try aangemeld(context)
        do {
            if (f["nieuw"] ?? "") != (f["herhaal"] ?? "") {
                throw APIFout(.unprocessableContent, "De twee nieuwe wachtwoorden zijn niet gelijk.")
            }
            try await Sessies(dienst: dienst).wijzigWachtwoord(g, s, oud: f["oud"] ?? "", nieuw: f["nieuw"] ?? "")
            var d = basis(context, titel: "Wachtwoord gewijzigd")
            d["gelukt"] = true
            d["fout"] = false
            return Weergave.antwoord(weergave.html("wachtwoord", d))
        } catch let fout as APIFout {
            var d = basis(context, titel: "Wachtwoord wijzigen")
            d["fout"] = fout.fout
            return Weergave.antwoord(weergave.html("wachtwoord", d), status: fout.status)
        }
    }

    // MARK: Cursussen (docent)

    func docent(_ context: VIPContext) throws -> Gebruiker {
        let (g, _) = try aangemeld(context)
        guard g.rol == .docent else { throw APIFout.verboden("Alleen een docent kan een cursus aanmaken.") }
        return g
    }

    @Sendable func cursusPagina(_ request: Request, _ context: VIPContext) async throws -> Response {
        _ = try docent(context)
        var d = basis(context, titel: "Nieuwe cursus")
        d["naam"] = ""
        d["data"] = ""
        d["fout"] = false
        return Weergave.antwoord(weergave.html("cursus-maken", d))
    }

    @Sendable func cursusMaken(_ request: Request, _ context: VIPContext) async throws -> Response {
        let g = try docent(context)
        let f = try await formulier(request, context, limiet: Limieten.json)
        let data = (f["data"] ?? "").split(whereSeparator: { $0 == "\n" || $0 == "," || $0 == " " })
            .map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        do {
            let c = try await Cursussen(dienst: dienst).maak(naam: f["naam"] ?? "", bijeenkomsten: data, docent: g)
            return Weergave.doorsturen("/cursussen/\(c.id)")
        } catch let fout as APIFout {
            var d = basis(context, titel: "Nieuwe cursus")
            d["naam"] = f["naam"] ?? ""
            d["data"] = f["data"] ?? ""
            d["fout"] = fout.fout
            return Weergave.antwoord(weergave.html("cursus-maken", d), status: fout.status)
        }
    }

    // MARK: Aanvragen

    /// The caller's own aanvraag (404 for anyone else's, as the API does). The docent of the
    /// cursist's cursus is sent to the read view: no page offers her the cursist's text to edit.
    func eigen(_ context: VIPContext) async throws -> AanvraagRij {
        let (g, _) = try aangemeld(context)
        guard let id = context.parameters.get("id", as: Int64.self), let a = try await dienst.opslag.aanvraag(id: id)
        else { throw APIFout.nietGevonden() }
        if a.eigenaar != g.id, try await Toegang(opslag: dienst.opslag).isDocent(van: a, g) {
            throw DocentPaginas.AlleenLezen(naar: "/aanvragen/\(a.id)/lezen")
        }
        guard a.eigenaar == g.id else { throw APIFout.nietGevonden() }
        return a
    }

    func tekst(_ a: AanvraagRij, _ versie: Int) async throws -> [UInt8] {
        guard let t = try await dienst.opslag.tekst(aanvraag: a.id, versie: versie) else {
            throw APIFout.nietGevonden("Versie \(versie) van deze aanvraag bestaat niet.")
        }
        return t
    }

    func check(_ a: AanvraagRij, _ versie: Int) async throws -> CheckResultaat {
        let t = try await tekst(a, versie)
        let d = dienst
        return await Zwaar.doe { d.controleer(t) }
    }

    @Sendable func nieuweAanvraag(_ request: Request, _ context: VIPContext) async throws -> Response {
        _ = try await formulier(request, context, limiet: Limieten.json)
        let (g, _) = try aangemeld(context)
        guard g.rol == .cursist else { throw APIFout.verboden("Alleen een cursist schrijft een aanvraag.") }
        let tekst = Array(Init.sjabloon.utf8)
        let r = try await dienst.controleerLeesbaar(tekst)
        let a = try await dienst.opslag.maakAanvraag(eigenaar: g.id, tekst: tekst, afgeleid: Dienst.afgeleid(r),
                                                     tijd: dienst.nu)
        return Weergave.doorsturen("/aanvragen/\(a.id)/\(Pagina.alle[0].slug)")
    }

    /// A `vip-aanvraag/1` file becomes a new aanvraag, its text stored as it is.
    @Sendable func importeren(_ request: Request, _ context: VIPContext) async throws -> Response {
        let f = try await formulier(request, context, limiet: Limieten.aanvraag + 64 * 1024)
        let (g, _) = try aangemeld(context)
        guard g.rol == .cursist else { throw APIFout.verboden("Alleen een cursist schrijft een aanvraag.") }
        let bytes = f.bestanden["bestand"]?.bytes ?? Array((f["tekst"] ?? "").utf8)
        guard !bytes.isEmpty else {
            throw APIFout(.unprocessableContent, "Kies een bestand (vip-aanvraag/1, .yaml) om te importeren.")
        }
        if bytes.count > Limieten.aanvraag { throw APIFout.teGroot(Limieten.aanvraag) }
        let d = dienst
        let r = await Zwaar.doe { d.controleer(bytes) }
        if let e = r.leesfout {
            let plek = e.mark.map { " (regel \($0.line), kolom \($0.column))" } ?? ""
            throw APIFout(.unprocessableContent, "Dit bestand kan niet worden gelezen\(plek): \(e.melding) "
                + "Er is niets opgeslagen.")
        }
        let a = try await dienst.opslag.maakAanvraag(eigenaar: g.id, tekst: bytes, afgeleid: Dienst.afgeleid(r),
                                                     tijd: dienst.nu)
        return Weergave.doorsturen("/aanvragen/\(a.id)/\(Pagina.alle[0].slug)")
    }

    @Sendable func aanvraag(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        return Weergave.doorsturen("/aanvragen/\(a.id)/\(Pagina.alle[0].slug)")
    }

    /// What every page of one aanvraag shows: its title, the side menu with the progress per
    /// part, the extra pages.
    func aanvraagBasis(_ context: VIPContext, _ a: AanvraagRij, _ r: CheckResultaat, titel: String,
                       actief: String) -> [String: Any] {
        var d = basis(context, titel: titel)
        d["aanvraagId"] = String(a.id)
        d["aanvraagTitel"] = r.aanvraag?.project.titel ?? "Aanvraag zonder titel"
        d["versie"] = a.versie
        let delen = Self.voortgang(r.bevindingen, actief: actief).map(\.1)
        d["delen"] = delen.filter { $0["isProjectplan"] as? Bool != true }
            .filter { ($0["slug"] as? String) != "woordenlijst" }
        d["projectplan"] = delen.filter { $0["isProjectplan"] as? Bool == true }
        d["afronding"] = delen.filter { ($0["slug"] as? String) == "woordenlijst" }
        d["extra"] = [("documenten", "Documenten"), ("geschiedenis", "Versies"), ("uitwisselen", "Importeren en exporteren")]
            .map { slug, t in ["slug": slug, "titel": t, "actief": slug == actief, "huidig": slug == actief ? "page" : "false"] }
        d["fouten"] = r.bevindingen.count(.fout)
        d["waarschuwingen"] = r.bevindingen.count(.waarschuwing)
        d["af"] = r.isAf
        return d
    }

    @Sendable func deel(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        let slug = Self.slug(request)
        switch slug {
        case "documenten": return try await documenten(request, context, a)
        case "geschiedenis": return try await geschiedenis(request, context, a)
        case "uitwisselen": return try await uitwisselen(request, context, a)
        case "export.yaml": return try await export(a)
        default: break
        }
        guard let pagina = Pagina.met(slug: slug) else { throw APIFout.nietGevonden("Deze pagina bestaat niet.") }
        let r = try await check(a, a.versie)
        guard let model = r.aanvraag else { throw Dienst.leesfout(r) }
        let q = request.uri.queryParameters
        var melding: [String: Any]? = nil
        if let v = q.get("opgeslagen"), let n = Int(v) {
            melding = ["soort": "succes", "tekst": "Opgeslagen als versie \(n) om \(Self.klokTijd(a.gewijzigd))."]
        }
        if q.get("geupload") != nil {
            melding = ["soort": "succes", "tekst": "Het bestand is toegevoegd en de aanvraag is opgeslagen."]
        }
        let opmerkingen = try await dienst.opslag.opmerkingen(aanvraag: a.id)
        let goedkeuring = DocentPaginas.goedkeuring(
            versie: a.versie, goedgekeurd: try await dienst.opslag.goedkeuringen(aanvraag: a.id).laatste(aanvraag: a.id),
            voorCursist: true)
        let html = onderdeel(context, a, r, pagina, invulling: Invulling(model), bevindingen: r.bevindingen,
                             versie: a.versie, melding: melding, model: model, opmerkingen: opmerkingen,
                             goedkeuring: goedkeuring)
        return Weergave.antwoord(html)
    }

    /// The page of one part: its fields with their values and findings.
    func onderdeel(_ context: VIPContext, _ a: AanvraagRij, _ r: CheckResultaat, _ pagina: Pagina,
                   invulling: Invulling, bevindingen: [Bevinding], versie: Int, melding: [String: Any]?,
                   model: Aanvraag?, opmerkingen: [Opmerking] = [], goedkeuring: [String: Any]? = nil) -> String {
        var d = aanvraagBasis(context, a, r, titel: pagina.titel, actief: pagina.slug)
        var w = Veldweergave(invulling: invulling, bevindingen: bevindingen.filter { Pagina.van($0.pad)?.slug == pagina.slug })
        var velden: [[String: Any]] = []
        for pad in pagina.velden {
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
            velden.append(veld)
        }
        d["velden"] = velden
        d["pagina"] = ["slug": pagina.slug, "titel": pagina.titel, "vraag": pagina.vraag,
                       "isProjectplan": pagina.groep == .projectplan, "isBijlagen": pagina.slug == "bijlagen",
                       "isBegroting": pagina.slug == "begroting"]
        let algemeen = w.bevindingen.map(Veldweergave.bevinding)
        d["algemeen"] = algemeen
        d["heeftAlgemeen"] = !algemeen.isEmpty
        d["versie"] = versie
        d["melding"] = melding ?? false
        d["uploadMiB"] = Limieten.upload / 1024 / 1024
        d["uploadBytes"] = Limieten.upload
        d["bijlageSoorten"] = BijlageSoort.allCases.map { ["waarde": $0.rawValue] }
        DocentPaginas.cursistDeel(&d, pagina: pagina, opmerkingen: opmerkingen, goedkeuring: goedkeuring)
        if let i = Pagina.alle.firstIndex(where: { $0.slug == pagina.slug }) {
            d["vorige"] = i > 0 ? ["slug": Pagina.alle[i - 1].slug, "titel": Pagina.alle[i - 1].titel] : false
            d["volgende"] = i + 1 < Pagina.alle.count ? ["slug": Pagina.alle[i + 1].slug, "titel": Pagina.alle[i + 1].titel]
                : ["slug": "documenten", "titel": "Documenten"]
        }
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
        let f = try await formulier(request, context)
        guard let pagina = Pagina.met(slug: Self.slug(request)) else {
            throw APIFout.nietGevonden("Deze pagina bestaat niet.")
        }
        let invulling = Invulling(waarden: f.waarden)
        return try await sla(request, context, a, pagina, invulling: invulling, versie: Int(f["versie"] ?? "") ?? -1) {
            invulling.toegepast(op: $0, pagina: pagina)
        }
    }

    /// Applies `wijzig` to the export of the current version and stores the result as the next
    /// version, when `versie` is still the current one. A stale form or an unreadable value
    /// shows the page again with what was typed, and a Dutch message; nothing is stored then.
    func sla(_ request: Request, _ context: VIPContext, _ a: AanvraagRij, _ pagina: Pagina, invulling: Invulling,
             versie: Int, wijzig: (YAMLWaarde) -> YAMLWaarde) async throws -> Response {
        let huidig = try await check(a, a.versie)
        guard let model = huidig.aanvraag else { throw Dienst.leesfout(huidig) }
        let nieuw = Array(AanvraagExport.schrijf(wijzig(AanvraagExport.boom(model))).utf8)
        let d = dienst
        let r = await Zwaar.doe { d.controleer(nieuw) }
        let json = Self.wilJSON(request)

        func opnieuw(_ status: HTTPResponse.Status, _ tekst: String, bevindingen: [Bevinding]) -> Response {
            if json {
                return Antwoord.json(.object([("fout", .string(tekst)), ("versie", .int(a.versie))]), status: status)
            }
            let html = onderdeel(context, a, huidig, pagina, invulling: invulling, bevindingen: bevindingen,
                                 versie: a.versie, melding: ["soort": "fout", "tekst": tekst], model: nil)
            return Weergave.antwoord(html, status: status)
        }

        if let e = r.leesfout {
            let veld = Veldentabel.aanvraag.veld(e.pad)?.label
            let tekst = "Niet opgeslagen: " + (veld.map { "bij ‘\($0)’: " } ?? "") + e.melding
                + " Verbeter het en sla opnieuw op; wat u typte staat er nog."
            if json {
                return Antwoord.json(.object([("fout", .string(tekst)), ("pad", .string(e.pad)),
                                              ("versie", .int(a.versie))]), status: .unprocessableContent)
            }
            let fout = Bevinding(regel: "leesfout", ernst: .fout, melding: e.melding, pad: e.pad)
            return opnieuw(.unprocessableContent, tekst, bevindingen: [fout])
        }
        let verouderd = "Deze aanvraag is intussen gewijzigd, in een ander venster of op een ander apparaat (nu versie "
            + "\(a.versie)). Wat u hier typte, is nog niet opgeslagen en staat hieronder. Kijk het na en klik opnieuw op "
            + "‘Opslaan’: dan wordt het bewaard bovenop de nieuwe versie."
        guard versie == a.versie else { return opnieuw(.conflict, verouderd, bevindingen: huidig.bevindingen) }
        var nieuweVersie = a.versie
        var tijd = a.gewijzigd
        // Saving what is already stored (a script saving an unchanged page) makes no new version.
        if nieuw != (try await tekst(a, a.versie)) {
            do {
                tijd = dienst.nu
                nieuweVersie = try await dienst.opslag.voegVersieToe(aanvraag: a.id, verwacht: versie, tekst: nieuw,
                                                                     afgeleid: Dienst.afgeleid(r), tijd: tijd)
            } catch OpslagFout.verouderd {
                return opnieuw(.conflict, verouderd, bevindingen: huidig.bevindingen)
            }
        }
        if json { return Self.opgeslagenJSON(nieuweVersie, tijd: tijd, r) }
        return Weergave.doorsturen("/aanvragen/\(a.id)/\(pagina.slug)?opgeslagen=\(nieuweVersie)")
    }

    /// For the page script: the new version, the time, and every finding by path (the script
    /// puts each beside its field, as text).
    static func opgeslagenJSON(_ versie: Int, tijd: Date, _ r: CheckResultaat) -> Response {
        let bevindingen = r.bevindingen.filter { !$0.onderdrukt }.map { b -> JSON in
            let d = Veldweergave.bevinding(b)
            return .object([("pad", .string(b.pad)), ("pagina", .string(Pagina.van(b.pad)?.slug ?? "")),
                            ("ernst", .string(b.ernst.rawValue)), ("ernstLabel", .string(d["ernstLabel"] as? String ?? "")),
                            ("regel", .string(b.regel)), ("melding", .string(d["melding"] as? String ?? b.melding))])
        }
        let delen = voortgang(r.bevindingen).map { p, d in
            JSON.object([("slug", .string(p.slug)), ("status", .string(d["status"] as? String ?? ""))])
        }
        return Antwoord.json(.object([("versie", .int(versie)), ("opgeslagen", .string(klokTijd(tijd))),
                                      ("titel", .string(r.aanvraag?.project.titel ?? "Aanvraag zonder titel")),
                                      ("bevindingen", .array(bevindingen)), ("delen", .array(delen))]))
    }

    // MARK: Bijlagen

    @Sendable func upload(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        if let lengte = request.headers[.contentLength].flatMap({ Int($0) }), lengte > Limieten.uploadFormulier {
            throw APIFout.teGroot(Limieten.upload)
        }
        let f = try await formulier(request, context, limiet: Limieten.uploadFormulier)
        guard let bestand = f.bestanden["bestand"] else {
            throw APIFout(.unprocessableContent, "Kies een bestand om toe te voegen.")
        }
        if bestand.bytes.count > Limieten.upload { throw APIFout.teGroot(Limieten.upload) }
        let naam = Self.bestandsnaam(bestand.naam)
        let titel = (f["titel"] ?? "").trimmedText.isEmpty ? naam : (f["titel"] ?? "")
        let soort = BijlageSoort(rawValue: f["soort"] ?? "") ?? .overig
        let map = dienst.bestandenMap(a.id)
        try FileManager.default.createDirectory(atPath: map, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let pagina = Pagina.met(slug: "bijlagen")!
        let antwoord = try await sla(request, context, a, pagina, invulling: Invulling(waarden: [:]),
                                     versie: Int(f["versie"] ?? "") ?? -1) { boom in
            var items: [YAMLWaarde] = []
            if case .lijst(let l)? = boom["bijlagen"] { items = l }
            items.append(.map([.init("titel", .tekst(titel)), .init("soort", .tekst(soort.rawValue)),
                               .init("bestand", .tekst(naam))]))
            return Invulling.zet(boom, sleutels: ["bijlagen"], .lijst(items))
        }
        if antwoord.status == .seeOther {
            try Data(bestand.bytes).write(to: URL(fileURLWithPath: (map as NSString).appendingPathComponent(naam)))
            return Weergave.doorsturen("/aanvragen/\(a.id)/bijlagen?geupload=1")
        }
        return antwoord
    }

    /// A file name that is safe in the folder of uploads: letters, digits, `.`, `-`, `_`.
    static func bestandsnaam(_ s: String) -> String {
        let basis = (s as NSString).lastPathComponent
        var uit = String(basis.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "-" })
        while uit.hasPrefix(".") { uit.removeFirst() }
        if uit.isEmpty { uit = "bijlage" }
        return String(uit.suffix(100))
    }

    // MARK: Documents

    func opties(_ request: Request) throws -> BuildOpties {
        let q = request.uri.queryParameters
        var opties = BuildOpties()
        switch q.get("formaat") ?? "beide" {
        case "odt": opties.formaten = [.odt]
        case "docx": opties.formaten = [.docx]
        default: opties.formaten = [.odt, .docx]
        }
        opties.concept = q.get("concept") == "1"
        return opties
    }

    func documenten(_ request: Request, _ context: VIPContext, _ a: AanvraagRij) async throws -> Response {
        let r = try await check(a, a.versie)
        var d = aanvraagBasis(context, a, r, titel: "Documenten", actief: "documenten")
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
                let bestanden = try await Aanvragen.pakketBestanden(dienst, aanvraag: a.id, tekst: try await tekst(a, a.versie),
                                                                    opties: opties)
                let query = "formaat=\(d["formaat"] as? String ?? "beide")&concept=\(opties.concept ? "1" : "0")"
                d["gebouwd"] = ["query": query, "bestanden": bestanden.map { b in
                    ["naam": b.naam, "grootte": Self.grootte(b.bytes.count),
                     "adres": "bestand?naam=" + (b.naam.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                        + "&" + query] as [String: Any]
                }]
            } catch let fout as APIFout {
                d["bouwfout"] = fout.fout
            }
        }
        return Weergave.antwoord(weergave.html("documenten", d))
    }

    static func grootte(_ n: Int) -> String {
        n < 1024 * 1024 ? "\(max(1, n / 1024)) kB" : String(format: "%.1f MB", Double(n) / 1_048_576).replacingOccurrences(of: ".", with: ",")
    }

    @Sendable func pakketZip(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        let bestanden = try await Aanvragen.pakketBestanden(dienst, aanvraag: a.id, tekst: try await tekst(a, a.versie),
                                                            opties: try opties(request))
        let zip = try Aanvragen.zip(bestanden)
        return Antwoord.bytes(zip, type: "application/zip", headers: [
            .contentDisposition: "attachment; filename=\"aanvraag-\(a.id)-versie-\(a.versie).zip\"",
        ])
    }

    @Sendable func document(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        let naam = request.uri.queryParameters.get("naam") ?? ""
        let bestanden = try await Aanvragen.pakketBestanden(dienst, aanvraag: a.id, tekst: try await tekst(a, a.versie),
                                                            opties: try opties(request))
        guard let b = bestanden.first(where: { $0.naam == naam }) else {
            throw APIFout.nietGevonden("Dit document zit niet in het pakket.")
        }
        let type = naam.hasSuffix(".odt") ? "application/vnd.oasis.opendocument.text"
            : naam.hasSuffix(".docx") ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            : naam.hasSuffix(".zip") ? "application/zip" : naam.hasSuffix(".pdf") ? "application/pdf"
            : "application/octet-stream"
        let veilig = Self.bestandsnaam(naam)
        return Antwoord.bytes(b.bytes, type: type, headers: [.contentDisposition: "attachment; filename=\"\(veilig)\""])
    }

    // MARK: Versions, import and export

    func geschiedenis(_ request: Request, _ context: VIPContext, _ a: AanvraagRij) async throws -> Response {
        let r = try await check(a, a.versie)
        var d = aanvraagBasis(context, a, r, titel: "Versies", actief: "geschiedenis")
        let lijst = try await dienst.opslag.versies(aanvraag: a.id)
        d["versies"] = lijst.reversed().map { v in
            ["versie": v.versie, "gewijzigd": Self.tijd(v.gewijzigd), "af": v.afgeleid.af, "fouten": v.afgeleid.fouten,
             "waarschuwingen": v.afgeleid.waarschuwingen, "isHuidig": v.versie == a.versie,
             "titel": v.afgeleid.titel ?? "zonder titel"] as [String: Any]
        }
        d["huidigeVersie"] = a.versie
        d["teruggezet"] = request.uri.queryParameters.get("teruggezet") ?? false
        return Weergave.antwoord(weergave.html("geschiedenis", d))
    }

    /// "Deze versie terugzetten": the old text becomes the newest version; nothing is lost.
    @Sendable func terugzetten(_ request: Request, _ context: VIPContext) async throws -> Response {
        let a = try await eigen(context)
        let f = try await formulier(request, context, limiet: Limieten.json)
        guard let n = context.parameters.get("n", as: Int.self) else { throw APIFout.nietGevonden() }
        let oud = try await tekst(a, n)
        guard Int(f["versie"] ?? "") == a.versie else {
            throw APIFout(.conflict, "Deze aanvraag is intussen gewijzigd (nu versie \(a.versie)). Er is niets "
                + "teruggezet; bekijk de versies opnieuw en kies nog eens.")
        }
        let r = try await dienst.controleerLeesbaar(oud)
        do {
            _ = try await dienst.opslag.voegVersieToe(aanvraag: a.id, verwacht: a.versie, tekst: oud,
                                                      afgeleid: Dienst.afgeleid(r), tijd: dienst.nu)
        } catch OpslagFout.verouderd {
            throw APIFout(.conflict, "Deze aanvraag is intussen gewijzigd. Er is niets teruggezet; probeer het opnieuw.")
        }
        return Weergave.doorsturen("/aanvragen/\(a.id)/geschiedenis?teruggezet=\(n)")
    }

    func uitwisselen(_ request: Request, _ context: VIPContext, _ a: AanvraagRij) async throws -> Response {
        let r = try await check(a, a.versie)
        var d = aanvraagBasis(context, a, r, titel: "Importeren en exporteren", actief: "uitwisselen")
        d["limietMiB"] = Limieten.aanvraag / 1024 / 1024
        return Weergave.antwoord(weergave.html("uitwisselen", d))
    }

    /// The export of the model of the current version: reading it gives the same aanvraag.
    func export(_ a: AanvraagRij) async throws -> Response {
        let r = try await check(a, a.versie)
        guard let model = r.aanvraag else { throw Dienst.leesfout(r) }
        return Antwoord.bytes(Array(AanvraagExport.yaml(model).utf8), type: Aanvragen.yaml, headers: [
            .contentDisposition: "attachment; filename=\"aanvraag-\(a.id).yaml\"",
        ])
    }
}
