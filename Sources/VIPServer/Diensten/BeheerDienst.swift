import Foundation

/// The beheerder's work (beheer.md, "Accounts"): the accounts of the installation, inviting
/// docenten, organisers and beheerders (an account without a password, and a mail with a link to
/// set one), blocking, and the outbox. Anyone else gets 403.
struct BeheerDienst: Sendable {
    let kern: Kern
    var opslag: any Opslag { kern.opslag }

    static let alleenBeheerder = "Alleen een beheerder mag accounts beheren."

    func beheerder(_ g: Gebruiker) throws {
        guard g.rol == .beheerder else { throw Weigering.verboden(Self.alleenBeheerder) }
    }

    func gebruikers(voor g: Gebruiker) async throws -> [Gebruiker] {
        try beheerder(g)
        return try await opslag.gebruikers()
    }

    /// The new account, and the set-password link when mail is off (the beheerder hands it over
    /// herself); with mail on, the link goes only into the invitation mail.
    func nodigUit(email invoer: String, naam invoerNaam: String, rol tekst: String,
                  door g: Gebruiker) async throws -> (Gebruiker, link: String?) {
        try beheerder(g)
        let email = AccountDienst.normaliseer(invoer)
        let naam = invoerNaam.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let rol = Rol(rawValue: tekst), rol != .cursist else {
            throw Weigering(.unprocessableContent, "Kies als rol docent, organisator of beheerder. Cursisten maken zelf een "
                + "account met de uitnodigingscode van hun cursus.")
        }
        guard !naam.isEmpty, naam.count <= 200, AccountDienst.isEmail(email), Mailadres.isGeldig(email) else {
            throw Weigering(.unprocessableContent, "Vul een naam en een geldig e-mailadres in.")
        }
        let token = Geheim.token()
        let link = kern.link("/wachtwoord-instellen/" + token)
        let mail = kern.configuratie.mailAan
            ? Mails.uitnodiging(naam: naam, email: email, rol: rol, door: g.naam, link: link) : nil
        do {
            let nieuw = try await opslag.nodigUit(email: email, naam: naam, rol: rol, tokenHash: Hash.sha256(token),
                                                  verloopt: kern.nu.addingTimeInterval(AccountDienst.instellenGeldig),
                                                  mail: mail, tijd: kern.nu)
            if mail != nil { kern.wekker.wek() }
            return (nieuw, mail == nil ? link : nil)
        } catch OpslagFout.emailBestaat {
            throw Weigering(.conflict, "Er is al een account met dit e-mailadres.")
        }
    }

    /// Blocks or unblocks an account; blocking ends its sessions. Her own account she cannot
    /// block (then no one might be left to unblock it).
    func zetGeblokkeerd(_ id: Int64?, _ geblokkeerd: Bool, door g: Gebruiker) async throws -> Gebruiker {
        try beheerder(g)
        guard let id, try await opslag.gebruiker(id: id) != nil else { throw Weigering.nietGevonden("Dit account bestaat niet.") }
        if id == g.id && geblokkeerd {
            throw Weigering(.unprocessableContent, "U kunt uw eigen account niet blokkeren.")
        }
        guard let gewijzigd = try await opslag.zetGeblokkeerd(gebruiker: id, geblokkeerd) else {
            throw Weigering.nietGevonden("Dit account bestaat niet.")
        }
        return gewijzigd
    }

    func postbus(voor g: Gebruiker, max: Int = 50) async throws -> Postbusstand {
        try beheerder(g)
        return try await opslag.postbus(max: max)
    }
}
