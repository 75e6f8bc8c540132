import Foundation
import Hummingbird

/// The beheer page: the accounts (invite, block, unblock) and the outbox (waiting and failed).
/// Anyone but a beheerder gets 403.
struct BeheerPaginas {
    var paginas: Paginas
    var diensten: Diensten { paginas.diensten }
    var weergave: Weergave { paginas.weergave }
    var beheer: BeheerDienst { diensten.beheer }

    func registreer(_ router: Router<VIPContext>) {
        paginas.op(router, .get, "/beheer", pagina)
        paginas.op(router, .post, "/beheer/gebruikers", nodigUit)
        paginas.op(router, .post, "/beheer/gebruikers/{id}", blokkeer)
    }

    func gegevens(_ context: VIPContext, _ g: Gebruiker) async throws -> [String: Any] {
        var d = paginas.basis(context, titel: "Beheer")
        let c = diensten.kern.configuratie
        d["mailUit"] = !c.mailAan
        d["mailweg"] = c.mail?.beschrijving ?? ""
        d["melding"] = false
        d["link"] = false
        d["fout"] = false
        d["invoer"] = ["naam": "", "email": ""]
        d["accounts"] = try await beheer.gebruikers(voor: g).map { a in
            ["id": String(a.id), "naam": a.naam, "email": a.email, "rol": a.rol.rawValue,
             "laatst": a.laatstIngelogd.map(Paginas.tijd) ?? (a.heeftWachtwoord ? "nog nooit" : "nog geen wachtwoord"),
             "status": a.geblokkeerd ? "geblokkeerd" : "actief", "geblokkeerd": a.geblokkeerd, "zelf": a.id == g.id,
             "csrf": context.sessie?.csrf ?? ""] as [String: Any]
        }
        let stand = try await beheer.postbus(voor: g)
        d["wachtend"] = stand.wachtend
        d["verstuurd"] = stand.verstuurd
        d["heeftMislukt"] = !stand.mislukt.isEmpty
        d["mislukt"] = stand.mislukt.map {
            ["aan": $0.aan, "onderwerp": $0.onderwerp, "fout": $0.fout, "pogingen": $0.pogingen,
             "aangemaakt": Paginas.tijd($0.aangemaakt)] as [String: Any]
        }
        return d
    }

    @Sendable func pagina(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try paginas.aangemeld(context)
        var d = try await gegevens(context, g)
        if let m = request.uri.queryParameters.get("melding") {
            d["melding"] = ["uitgenodigd": "De uitnodiging staat klaar in de postbus en wordt zo verstuurd.",
                            "geblokkeerd": "Het account is geblokkeerd; de sessies ervan zijn beëindigd.",
                            "gedeblokkeerd": "Het account is weer actief."][m] ?? false
        }
        return Weergave.antwoord(weergave.html("beheer", d))
    }

    @Sendable func nodigUit(_ request: Request, _ context: VIPContext) async throws -> Response {
        let f = try await paginas.formulier(request, context, limiet: Limieten.json)
        let (g, _) = try paginas.aangemeld(context)
        try beheer.beheerder(g)
        do {
            let (nieuw, link) = try await beheer.nodigUit(email: f["email"] ?? "", naam: f["naam"] ?? "",
                                                         rol: f["rol"] ?? "", door: g)
            guard let link else { return Weergave.doorsturen("/beheer?melding=uitgenodigd") }
            // Mail is off: the link is shown once, on this answer (never in an address or a log).
            var d = try await gegevens(context, g)
            d["link"] = link
            d["naam"] = nieuw.naam
            return Weergave.antwoord(weergave.html("beheer", d), status: .created)
        } catch let fout as Weigering {
            var d = try await gegevens(context, g)
            d["fout"] = fout.fout
            d["invoer"] = ["naam": f["naam"] ?? "", "email": f["email"] ?? ""]
            return Weergave.antwoord(weergave.html("beheer", d), status: fout.status)
        }
    }

    @Sendable func blokkeer(_ request: Request, _ context: VIPContext) async throws -> Response {
        let f = try await paginas.formulier(request, context, limiet: Limieten.json)
        let (g, _) = try paginas.aangemeld(context)
        let blokkeren = f["geblokkeerd"] == "1"
        _ = try await beheer.zetGeblokkeerd(context.parameters.get("id", as: Int64.self), blokkeren, door: g)
        return Weergave.doorsturen("/beheer?melding=" + (blokkeren ? "geblokkeerd" : "gedeblokkeerd"))
    }
}
