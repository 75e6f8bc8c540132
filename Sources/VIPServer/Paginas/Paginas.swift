import Foundation
import Hummingbird
import VIPChecklist
import VIPKit
import VIPModel

/// The HTML pages: Dutch, server-rendered, working without JavaScript (plain forms, POST and
/// a redirect); `/static/vip.js` only improves them, through the documented JSON API. Every form
/// carries the session's CSRF token as field `csrf`; without a session a page sends the visitor
/// to the login page. The handlers translate forms and templates only: the work is done by the
/// same services (`Diensten`) as the API's.
struct Paginas: Sendable {
    var diensten: Diensten
    let weergave = Weergave.standaard
    var kern: Kern { diensten.kern }

    /// Registers a page route whose refusals become Dutch pages.
    func op(_ router: Router<VIPContext>, _ method: HTTPRequest.Method, _ pad: String,
            _ handler: @escaping @Sendable (Request, VIPContext) async throws -> Response) {
        router.on(RouterPath(pad), method: method, use: vang(handler))
    }

    func registreer(_ router: Router<VIPContext>) {
        StartPagina(paginas: self).registreer(router)
        AccountPaginas(paginas: self).registreer(router)
        AanvraagPaginas(paginas: self).registreer(router)
        DocumentPaginas(paginas: self).registreer(router)
        OrganisatorPaginas(paginas: self).registreer(router)
        RegisterPaginas(paginas: self).registreer(router)
        ReviewPaginas(paginas: self).registreer(router)
        DocentPaginas(paginas: self).registreer(router)
        CursistPaginas(paginas: self).registreer(router)
        BeheerPaginas(paginas: self).registreer(router)
    }

    // MARK: Errors and redirects

    struct Doorsturen: Error { var naar: String }

    /// Turns a refusal into a Dutch page and a missing session into the login page.
    func vang(_ handler: @escaping @Sendable (Request, VIPContext) async throws -> Response)
        -> @Sendable (Request, VIPContext) async throws -> Response {
        { request, context in
            do {
                do {
                    return try await handler(request, context)
                } catch let l as DocentPaginas.AlleenLezen {
                    // The docent reads; what would change the cursist's text is refused (403).
                    if request.method == .get || request.method == .head { throw Doorsturen(naar: l.naar) }
                    throw Weigering.verboden(DocentPaginas.AlleenLezen.melding)
                }
            } catch let d as Doorsturen {
                return Weergave.doorsturen(d.naar)
            } catch let fout as Weigering {
                if fout.status == .unauthorized {
                    if let bewaard = try await AccountPaginas(paginas: self).bewaarBijVerlopenSessie(request, context) {
                        return bewaard
                    }
                    return Weergave.doorsturen("/inloggen?terug=" + Self.terugAdres(request))
                }
                var d = basis(context, titel: fout.status == .notFound ? "Niet gevonden" : "Dat lukte niet")
                d["melding"] = fout.fout
                d["status"] = Int(fout.status.code)
                return Weergave.antwoord(weergave.html("fout", d), status: fout.status)
            }
        }
    }

    static func terugAdres(_ request: Request) -> String {
        let pad = request.method == .get ? request.uri.path : "/"
        return pad.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
    }

    /// Where to go after logging in: only a path of this site. server.md: one `/`, then no `/` or
    /// `\`, and no control characters anywhere; otherwise `/`.
    static func veiligTerug(_ s: String?) -> String {
        guard let s, s.hasPrefix("/") else { return "/" }
        let tweede = s.dropFirst().first
        guard tweede != "/", tweede != "\\", !s.contains("\\"),
              !s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.value == 0x7F })
        else { return "/" }
        return s
    }

    /// What every page shows: the signed-in person and the CSRF token for the forms.
    func basis(_ context: VIPContext, titel: String) -> [String: Any] {
        var d: [String: Any] = ["titel": titel, "csrf": context.sessie?.csrf ?? ""]
        if let g = context.gebruiker {
            d["gebruiker"] = ["naam": g.naam, "rol": g.rol.rawValue, "isDocent": g.rol == .docent,
                              "isBeheerder": g.rol == .beheerder]
        } else {
            d["gebruiker"] = false
        }
        return d
    }

    func aangemeld(_ context: VIPContext) throws -> (Gebruiker, Sessie) {
        try context.aangemeld()
    }

    /// The posted form, after checking its CSRF token (field `csrf`, or header `X-CSRF-Token`).
    func formulier(_ request: Request, _ context: VIPContext, limiet: Int = Limieten.aanvraag) async throws -> Formulier {
        let (_, s) = try aangemeld(context)
        let f = try await Formulier.lees(request, limiet: limiet)
        let gegeven = f["csrf"] ?? request.headers[CSRFMiddleware.header] ?? ""
        guard CSRFMiddleware.gelijk(gegeven, s.csrf) else {
            throw Weigering.verboden("Dit formulier is verlopen of kwam niet van deze site. Er is niets gewijzigd. "
                + "Laad de pagina opnieuw en probeer het nog eens.")
        }
        return f
    }

    /// A text for a `{{#naam}}…{{/naam}}` section: the template engine takes an empty string as
    /// true, so an empty text is `false`.
    static func ofNiets(_ s: String) -> Any { s.isEmpty ? false : s }

    /// "30 november 2026, 14:32".
    static func tijd(_ d: Date) -> String { Tijden.lang(d) }

    /// Per page: its findings counted at the course's pace, for the overview and the side menu.
    static func voortgang(_ bevindingen: [Bevinding], wachtlijst: Wachtlijst, actief: String? = nil)
        -> [(Pagina, [String: Any])] {
        zip(Pagina.alle, Paginastand.alle(bevindingen, wachtlijst: wachtlijst)).map { p, s in
            (p, ["slug": p.slug, "titel": p.titel, "status": s.status, "isFout": s.fouten > 0,
                 "isWaarschuwing": s.fouten == 0 && s.waarschuwingen > 0,
                 "isTeDoen": s.fouten == 0 && s.waarschuwingen == 0 && s.teDoen > 0,
                 "isInOrde": s.fouten == 0 && s.waarschuwingen == 0 && s.teDoen == 0,
                 "isProjectplan": p.groep == .projectplan, "actief": p.slug == actief,
                 "huidig": p.slug == actief ? "page" : "false"])
        }
    }
}
