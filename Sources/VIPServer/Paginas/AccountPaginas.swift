import Foundation
import Hummingbird
import VIPKit

/// Logging in and out, signing up with an uitnodigingscode, changing the password.
struct AccountPaginas {
    var paginas: Paginas
    var diensten: Diensten { paginas.diensten }
    var weergave: Weergave { paginas.weergave }
    var accounts: AccountDienst { diensten.accounts }

    func registreer(_ router: Router<VIPContext>) {
        paginas.op(router, .get, "/inloggen", inloggenPagina)
        paginas.op(router, .post, "/inloggen", inloggen)
        paginas.op(router, .get, "/registreren", registrerenPagina)
        paginas.op(router, .post, "/registreren", registreren)
        paginas.op(router, .post, "/uitloggen", uitloggen)
        paginas.op(router, .get, "/wachtwoord", wachtwoordPagina)
        paginas.op(router, .post, "/wachtwoord", wachtwoord)
        paginas.op(router, .get, "/wachtwoord-vergeten", vergetenPagina)
        paginas.op(router, .post, "/wachtwoord-vergeten", vergeten)
        paginas.op(router, .get, "/wachtwoord-herstellen/{token}", kiezenPagina(.herstel))
        paginas.op(router, .post, "/wachtwoord-herstellen/{token}", kiezen(.herstel))
        paginas.op(router, .get, "/wachtwoord-instellen/{token}", kiezenPagina(.instellen))
        paginas.op(router, .post, "/wachtwoord-instellen/{token}", kiezen(.instellen))
        paginas.op(router, .get, "/account", accountPagina)
        paginas.op(router, .post, "/account", zetMailvoorkeuren)
        paginas.op(router, .get, "/afmelden/{token}", afmeldPagina)
        paginas.op(router, .post, "/afmelden/{token}", meldAf)
    }

    // MARK: The account page and one-click unsubscribe

    func accountGegevens(_ context: VIPContext, _ g: Gebruiker, _ v: Mailvoorkeuren, opgeslagen: Bool) -> [String: Any] {
        var d = paginas.basis(context, titel: "Uw account")
        d["email"] = g.email
        d["naam"] = g.naam
        d["isCursist"] = g.rol == .cursist
        d["herinneringen"] = v.herinneringen
        d["meldingen"] = v.meldingen
        d["opgeslagen"] = opgeslagen
        d["mailUit"] = !diensten.kern.configuratie.mailAan
        return d
    }

    @Sendable func accountPagina(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try paginas.aangemeld(context)
        let v = try await diensten.meldingen.voorkeuren(g)
        return Weergave.antwoord(weergave.html("account", accountGegevens(context, g, v, opgeslagen: false)))
    }

    @Sendable func zetMailvoorkeuren(_ request: Request, _ context: VIPContext) async throws -> Response {
        let f = try await paginas.formulier(request, context, limiet: Limieten.json)
        let (g, _) = try paginas.aangemeld(context)
        let v = Mailvoorkeuren(herinneringen: f["herinneringen"] == "1", meldingen: f["meldingen"] == "1")
        try await diensten.meldingen.zetVoorkeuren(g, v)
        return Weergave.antwoord(weergave.html("account", accountGegevens(context, g, v, opgeslagen: true)))
    }

    static func wat(_ soort: Afmeldsoort) -> String {
        switch soort {
        case .herinneringen: return "herinneringen aan het huiswerk"
        case .meldingen: return "meldingen van nieuwe opmerkingen en goedkeuringen"
        }
    }

    /// GET of an unsubscribe link: a page with a button, never the unsubscribe itself (a mail
    /// scanner that follows links must not turn anything off).
    @Sendable func afmeldPagina(_ request: Request, _ context: VIPContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        var d = paginas.basis(context, titel: "Afmelden")
        d["token"] = token
        d["afgemeld"] = false
        guard let soort = try await diensten.meldingen.afmelding(token: token)?.1 else {
            throw Weigering.nietGevonden("Deze afmeldlink kennen we niet. Controleer of u de hele link uit de e-mail hebt "
                + "gebruikt, of zet de e-mails uit op uw accountpagina.")
        }
        d["wat"] = Self.wat(soort)
        return Weergave.antwoord(weergave.html("afmelden", d))
    }

    /// POST of an unsubscribe link (RFC 8058: `List-Unsubscribe=One-Click` from the mail program,
    /// or the page's button): no session and no CSRF token needed, the unguessable token is the
    /// proof. Turns that kind of mail off.
    @Sendable func meldAf(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (_, soort) = try await diensten.meldingen.meldAf(token: context.parameters.get("token") ?? "")
        var d = paginas.basis(context, titel: "Afgemeld")
        d["afgemeld"] = true
        d["wat"] = Self.wat(soort)
        return Weergave.antwoord(weergave.html("afmelden", d))
    }

    func loginGegevens(_ context: VIPContext, terug: String, email: String = "", fout: String? = nil,
                       bewaard: String = "", bewaardNaar: String = "") -> [String: Any] {
        var d = paginas.basis(context, titel: "Inloggen")
        d["terug"] = terug
        d["email"] = email
        d["fout"] = fout ?? false
        d["gewijzigd"] = false
        d["aangemeld"] = false
        d["hersteld"] = false
        d["bewaard"] = bewaard
        d["bewaardNaar"] = bewaardNaar
        d["sessieVerlopen"] = !bewaard.isEmpty
        return d
    }

    @Sendable func inloggenPagina(_ request: Request, _ context: VIPContext) async throws -> Response {
        let q = request.uri.queryParameters
        var d = loginGegevens(context, terug: Paginas.veiligTerug(q.get("terug")))
        d["gewijzigd"] = q.get("gewijzigd") != nil
        d["aangemeld"] = q.get("aangemeld") != nil
        d["hersteld"] = q.get("hersteld") != nil
        return Weergave.antwoord(weergave.html("inloggen", d))
    }

    /// A page's form posted after the session ended (without the page script): the login page,
    /// with what was typed kept in the form. Nothing typed is lost, and nothing is saved by
    /// logging in alone.
    func bewaarBijVerlopenSessie(_ request: Request, _ context: VIPContext) async throws -> Response? {
        guard request.method == .post, AanvraagPaginas.bewaarbaar(request.uri.path) != nil,
              request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else { return nil }
        let body = String(decoding: try await request.tekst(), as: UTF8.self)
        let d = loginGegevens(context, terug: request.uri.path, bewaard: body, bewaardNaar: request.uri.path)
        return Weergave.antwoord(weergave.html("inloggen", d), status: .unauthorized)
    }

    @Sendable func inloggen(_ request: Request, _ context: VIPContext) async throws -> Response {
        // Room for a page's form kept while the session had ended.
        let f = try await Formulier.lees(request, limiet: Limieten.aanvraag)
        let terug = Paginas.veiligTerug(f["terug"])
        let bewaard = f["bewaard"] ?? ""
        do {
            let (g, sessie, token) = try await accounts.inloggen(email: f["email"] ?? "", wachtwoord: f["wachtwoord"] ?? "",
                                                                 adres: context.adres)
            var r = Weergave.doorsturen(terug)
            // What was typed before the session ended is shown beside the stored version, on a page
            // of her own with her new CSRF token; it is saved only when she presses Opslaan there.
            if !bewaard.isEmpty, let (id, pagina) = AanvraagPaginas.bewaarbaar(f["bewaardNaar"] ?? "") {
                var ctx = context
                ctx.gebruiker = g
                ctx.sessie = sessie
                if let a = try? await diensten.aanvragen.eigen(id, voor: g) {
                    let formulier = try Formulier.urlencoded(bewaard)
                    r = try await AanvraagPaginas(paginas: paginas).toonBewaard(ctx, a, pagina, formulier)
                }
            }
            r.setCookie(Sessiecookie(diensten.kern.configuratie).zet(token, context))
            return r
        } catch let fout as Weigering {
            let d = loginGegevens(context, terug: terug, email: f["email"] ?? "", fout: fout.fout, bewaard: bewaard,
                                  bewaardNaar: f["bewaardNaar"] ?? "")
            var r = Weergave.antwoord(weergave.html("inloggen", d), status: fout.status)
            for h in fout.headers { r.headers.append(h) }
            return r
        }
    }

    @Sendable func registrerenPagina(_ request: Request, _ context: VIPContext) async throws -> Response {
        var d = paginas.basis(context, titel: "Account aanmaken")
        d["code"] = request.uri.queryParameters.get("code") ?? ""
        d["naam"] = ""
        d["email"] = ""
        d["fout"] = false
        return Weergave.antwoord(weergave.html("registreren", d))
    }

    @Sendable func registreren(_ request: Request, _ context: VIPContext) async throws -> Response {
        let f = try await Formulier.lees(request, limiet: Limieten.json)
        if (f["wachtwoord"] ?? "") != (f["herhaal"] ?? "") {
            return registratieFout(context, f, Weigering(.unprocessableContent, "De twee wachtwoorden zijn niet gelijk."))
        }
        do {
            _ = try await accounts.registreer(code: f["code"] ?? "", naam: f["naam"] ?? "", email: f["email"] ?? "",
                                              wachtwoord: f["wachtwoord"] ?? "", adres: context.adres)
            return Weergave.doorsturen("/inloggen?aangemeld=1")
        } catch let fout as Weigering {
            return registratieFout(context, f, fout)
        }
    }

    func registratieFout(_ context: VIPContext, _ f: Formulier, _ fout: Weigering) -> Response {
        var d = paginas.basis(context, titel: "Account aanmaken")
        d["code"] = f["code"] ?? ""
        d["naam"] = f["naam"] ?? ""
        d["email"] = f["email"] ?? ""
        d["fout"] = fout.fout
        return Weergave.antwoord(weergave.html("registreren", d), status: fout.status)
    }

    @Sendable func uitloggen(_ request: Request, _ context: VIPContext) async throws -> Response {
        _ = try await paginas.formulier(request, context, limiet: Limieten.json)
        if let s = context.sessie { try await accounts.uitloggen(s) }
        var r = Weergave.doorsturen("/inloggen")
        r.setCookie(Sessiecookie(diensten.kern.configuratie).wis(context))
        return r
    }

    @Sendable func wachtwoordPagina(_ request: Request, _ context: VIPContext) async throws -> Response {
        _ = try paginas.aangemeld(context)
        var d = paginas.basis(context, titel: "Wachtwoord wijzigen")
        d["fout"] = false
        return Weergave.antwoord(weergave.html("wachtwoord", d))
    }

    @Sendable func wachtwoord(_ request: Request, _ context: VIPContext) async throws -> Response {
        let f = try await paginas.formulier(request, context, limiet: Limieten.json)
        let (g, s) = try paginas.aangemeld(context)
        do {
            if (f["nieuw"] ?? "") != (f["herhaal"] ?? "") {
                throw Weigering(.unprocessableContent, "De twee nieuwe wachtwoorden zijn niet gelijk.")
            }
            try await accounts.wijzigWachtwoord(g, s, oud: f["oud"] ?? "", nieuw: f["nieuw"] ?? "", adres: context.adres)
            var d = paginas.basis(context, titel: "Wachtwoord gewijzigd")
            d["gelukt"] = true
            d["fout"] = false
            return Weergave.antwoord(weergave.html("wachtwoord", d))
        } catch let fout as Weigering {
            var d = paginas.basis(context, titel: "Wachtwoord wijzigen")
            d["fout"] = fout.fout
            return Weergave.antwoord(weergave.html("wachtwoord", d), status: fout.status)
        }
    }

    // MARK: A forgotten password, and the links of the mails

    func vergetenGegevens(_ context: VIPContext) -> [String: Any] {
        var d = paginas.basis(context, titel: "Wachtwoord vergeten")
        d["mailUit"] = !diensten.kern.configuratie.mailAan
        d["verstuurd"] = false
        d["fout"] = false
        d["email"] = ""
        return d
    }

    @Sendable func vergetenPagina(_ request: Request, _ context: VIPContext) async throws -> Response {
        Weergave.antwoord(weergave.html("wachtwoord-vergeten", vergetenGegevens(context)))
    }

    /// The same page whether or not the address has an account.
    @Sendable func vergeten(_ request: Request, _ context: VIPContext) async throws -> Response {
        let f = try await Formulier.lees(request, limiet: Limieten.json)
        var d = vergetenGegevens(context)
        do {
            try await accounts.wachtwoordVergeten(email: f["email"] ?? "", adres: context.adres)
            // With mail off nothing was sent: the page says that mail is off instead.
            d["verstuurd"] = diensten.kern.configuratie.mailAan
            d["melding"] = AccountDienst.herstelMelding
            return Weergave.antwoord(weergave.html("wachtwoord-vergeten", d))
        } catch let fout as Weigering {
            d["fout"] = fout.fout
            d["email"] = f["email"] ?? ""
            var r = Weergave.antwoord(weergave.html("wachtwoord-vergeten", d), status: fout.status)
            for h in fout.headers { r.headers.append(h) }
            return r
        }
    }

    func kiezenGegevens(_ context: VIPContext, _ soort: Tokensoort, token: String) -> [String: Any] {
        var d = paginas.basis(context, titel: soort == .herstel ? "Nieuw wachtwoord kiezen" : "Wachtwoord kiezen")
        d["kop"] = soort == .herstel ? "Nieuw wachtwoord kiezen" : "Welkom: kies uw wachtwoord"
        d["inleiding"] = soort == .herstel
            ? "Kies een nieuw wachtwoord voor uw account. Daarna bent u op al uw apparaten afgemeld en logt u opnieuw in."
            : "Er is een account voor u gemaakt. Kies het wachtwoord waarmee u voortaan inlogt."
        d["instellen"] = soort == .instellen
        d["actie"] = (soort == .herstel ? "/wachtwoord-herstellen/" : "/wachtwoord-instellen/") + token
        d["ongeldig"] = false
        d["fout"] = false
        return d
    }

    func kiezenPagina(_ soort: Tokensoort) -> @Sendable (Request, VIPContext) async throws -> Response {
        { request, context in
            let token = context.parameters.get("token") ?? ""
            var d = kiezenGegevens(context, soort, token: token)
            guard try await accounts.eenmalig(token: token) != nil else {
                d["ongeldig"] = true
                return Weergave.antwoord(weergave.html("wachtwoord-kiezen", d), status: .notFound)
            }
            return Weergave.antwoord(weergave.html("wachtwoord-kiezen", d))
        }
    }

    /// No session and no CSRF token: the token in the address is the proof, and it works once.
    func kiezen(_ soort: Tokensoort) -> @Sendable (Request, VIPContext) async throws -> Response {
        { request, context in
            let token = context.parameters.get("token") ?? ""
            let f = try await Formulier.lees(request, limiet: Limieten.json)
            var d = kiezenGegevens(context, soort, token: token)
            do {
                if (f["nieuw"] ?? "") != (f["herhaal"] ?? "") {
                    throw Weigering(.unprocessableContent, "De twee wachtwoorden zijn niet gelijk.")
                }
                try await accounts.wachtwoordHerstellen(token: token, nieuw: f["nieuw"] ?? "")
                var r = Weergave.doorsturen("/inloggen?hersteld=1")
                // Whoever was signed in on this browser is no longer: the account's sessions ended.
                if context.sessie != nil { r.setCookie(Sessiecookie(diensten.kern.configuratie).wis(context)) }
                return r
            } catch let fout as Weigering {
                if fout.status == .notFound { d["ongeldig"] = true } else { d["fout"] = fout.fout }
                return Weergave.antwoord(weergave.html("wachtwoord-kiezen", d), status: fout.status)
            }
        }
    }
}
