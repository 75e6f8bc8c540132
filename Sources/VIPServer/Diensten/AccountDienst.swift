import Foundation

/// Accounts and sessions: signing up with an uitnodigingscode, signing in and out, changing the
/// password, and the limits on guessing (server.md: per email, per client address, per code).
struct AccountDienst: Sendable {
    let kern: Kern
    var opslag: any Opslag { kern.opslag }

    /// Spec: 10 failed logins for one email within 15 minutes → 429 until the oldest is 15 minutes old.
    static let perEmail = (limiet: 10, venster: 15.0 * 60)
    /// 100 failed logins from one client address within 15 minutes.
    static let perAdres = (limiet: 100, venster: 15.0 * 60)
    /// 20 unknown uitnodigingscodes per client address per hour.
    static let codesPerAdres = (limiet: 20, venster: 3600.0)

    /// Email addresses compare without case and surrounding space; no address is longer
    /// than 254 characters, so a longer one is cut there (also as the key of the login limit).
    static func normaliseer(_ email: String) -> String {
        String(email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().prefix(320))
    }

    static func isEmail(_ s: String) -> Bool {
        let delen = s.split(separator: "@", omittingEmptySubsequences: false)
        return delen.count == 2 && !delen[0].isEmpty && delen[1].contains(".") && !delen[1].hasPrefix(".")
            && !delen[1].hasSuffix(".") && s.count <= 254 && !s.contains(where: { $0.isWhitespace || $0.isNewline })
    }

    /// bcrypt reads 72 bytes; a longer password is refused rather than silently shortened.
    static func wachtwoordFout(_ wachtwoord: String) -> Weigering? {
        if wachtwoord.count < 10 { return Weigering(.unprocessableContent, "Het wachtwoord is te kort: gebruik minstens 10 tekens.") }
        if wachtwoord.utf8.count > 72 {
            return Weigering(.unprocessableContent, "Het wachtwoord is te lang: gebruik hoogstens 72 bytes (ongeveer 70 letters).")
        }
        return nil
    }

    static func emailSleutel(_ email: String) -> String { "email:" + email }
    static func adresSleutel(_ adres: String) -> String { "adres:" + adres }
    static func codeSleutel(_ adres: String) -> String { "code:" + adres }

    /// The limits an attempt to log in to `email` from `adres` counts against.
    static func loginGrenzen(email: String, adres: String?) -> [Pogingsgrens] {
        var g = [Pogingsgrens(sleutel: emailSleutel(email), limiet: perEmail.limiet, venster: perEmail.venster)]
        if let adres { g.append(Pogingsgrens(sleutel: adresSleutel(adres), limiet: perAdres.limiet, venster: perAdres.venster)) }
        return g
    }

    /// Reserves one attempt under `grenzen` (recorded as a failure until forgiven); 429 with
    /// `Retry-After` when a limit is reached, before any password is looked at.
    func reserveer(_ grenzen: [Pogingsgrens], melding: String) async throws -> [Int64] {
        let nu = kern.nu
        switch try await opslag.probeerPoging(grenzen, tijd: nu) {
        case .toegestaan(let ids):
            return ids
        case .geweigerd(let vrij):
            let seconden = max(1, Int(vrij.timeIntervalSince(nu).rounded(.up)))
            throw Weigering(.tooManyRequests, melding + " Probeer het over \((seconden + 59) / 60) minuten opnieuw.",
                            headers: [.retryAfter: String(seconden)])
        }
    }

    static let teVeelLogins = "Te veel mislukte aanmeldpogingen voor dit e-mailadres of vanaf dit adres."

    /// Checks the login limits and the password, and starts a session (the API and the login
    /// page). The attempt counts as a failure from before the password is checked, so parallel
    /// guesses cannot pass the limit; a success takes it back and clears the count of the email.
    func inloggen(email invoer: String, wachtwoord: String, adres: String?) async throws -> (Gebruiker, Sessie, String) {
        let email = Self.normaliseer(invoer)
        let ids = try await reserveer(Self.loginGrenzen(email: email, adres: adres), melding: Self.teVeelLogins)
        let gebruiker = try await opslag.gebruiker(email: email)
        // An invited account without a password yet matches nothing, in the same time.
        let hash = gebruiker.flatMap { $0.heeftWachtwoord ? $0.wachtwoordHash : nil }
        let klopt = await kern.klopt(wachtwoord, hash ?? kern.dummyHash)
        guard let gebruiker, hash != nil, klopt else {
            throw Weigering(.unauthorized, "Het e-mailadres of het wachtwoord klopt niet.")
        }
        // A blocked account: said only to whom knows the password, and it stays a failed login.
        guard !gebruiker.geblokkeerd else { throw Self.geblokkeerd }
        try await opslag.vergeefPogingen(ids: ids)
        try await opslag.wisPogingen(sleutel: Self.emailSleutel(email))
        // Expired sessions are of no use to anyone; clear them when a new one starts.
        let nu = kern.nu
        try await opslag.ruimSessiesOp(nu: nu)
        let token = Geheim.token()
        let sessie = Sessie(tokenHash: Hash.sha256(token), gebruiker: gebruiker.id, csrf: Geheim.token(),
                            verloopt: nu.addingTimeInterval(kern.configuratie.sessieDuur))
        try await opslag.maakSessie(sessie)
        try await opslag.zetLaatstIngelogd(gebruiker: gebruiker.id, tijd: nu)
        return (gebruiker, sessie, token)
    }

    static let geblokkeerd = Weigering.verboden("Dit account is geblokkeerd. Neem contact op met de beheerder van deze "
        + "installatie als u denkt dat dit niet klopt.")

    // MARK: A forgotten password, and setting the first one

    /// Spec: at most 5 reset mails per address per hour.
    static let herstelPerEmail = (limiet: 5, venster: 3600.0)
    /// Besides: at most 30 requests per client address per hour (429; this says nothing about accounts).
    static let herstelPerAdres = (limiet: 30, venster: 3600.0)
    static let herstelGeldig: TimeInterval = 3600
    /// The one answer to "Wachtwoord vergeten?", account or not.
    static let herstelMelding = "Als er een account met dit e-mailadres is, ontvangt u binnen enkele minuten een e-mail "
        + "met een link om een nieuw wachtwoord te kiezen. Kijk ook bij uw ongewenste e-mail."
    static let instellenGeldig: TimeInterval = 7 * 24 * 3600
    /// Every answer to "Wachtwoord vergeten?" takes at least this long, whether or not a mail was
    /// written, so the time does not tell whether an account exists.
    static let herstelMinimaleDuur: Duration = .milliseconds(250)

    /// "Wachtwoord vergeten?": when `email` has an account (not blocked) and fewer than 5 reset mails
    /// went to it this hour, a token valid one hour and its mail go into the outbox together. The
    /// caller answers the same whatever happened; with mail off nothing is written.
    func wachtwoordVergeten(email invoer: String, adres: String?) async throws {
        let begin = ContinuousClock.now
        if let adres {
            _ = try await reserveer([Pogingsgrens(sleutel: "herstel-adres:" + adres, limiet: Self.herstelPerAdres.limiet,
                                                  venster: Self.herstelPerAdres.venster)],
                                    melding: "Te veel aanvragen voor een nieuw wachtwoord vanaf dit adres.")
        }
        let email = Self.normaliseer(invoer)
        if kern.configuratie.mailAan, Self.isEmail(email) {
            // Counted whether or not the address has an account; over the limit nothing happens.
            let grens = Pogingsgrens(sleutel: "herstel:" + email, limiet: Self.herstelPerEmail.limiet,
                                     venster: Self.herstelPerEmail.venster)
            if case .toegestaan = try await opslag.probeerPoging([grens], tijd: kern.nu),
               let g = try await opslag.gebruiker(email: email), !g.geblokkeerd {
                let token = Geheim.token()
                let nu = kern.nu
                try await opslag.maakToken(Eenmalig(tokenHash: Hash.sha256(token), gebruiker: g.id, soort: .herstel,
                                                    verloopt: nu.addingTimeInterval(Self.herstelGeldig)),
                                           mail: Mails.herstel(aan: g, link: kern.link("/wachtwoord-herstellen/" + token)),
                                           tijd: nu)
                kern.wekker.wek()
            }
        }
        try? await Task.sleep(until: begin + Self.herstelMinimaleDuur, clock: .continuous)
    }

    /// The token of a link when it can still be used (the page shows the form only then).
    func eenmalig(token: String) async throws -> Eenmalig? {
        guard Self.isToken(token) else { return nil }
        return try await opslag.token(hash: Hash.sha256(token), nu: kern.nu)
    }

    static func isToken(_ t: String) -> Bool { t.utf8.count == 32 && t.utf8.allSatisfy { Hex.isHex($0) } }

    /// A new password through a reset or set-password link: unknown, used or expired 404; a bad
    /// password 422 (the token stays usable); then the token is used, the password set and every
    /// session of the account ended, in one transaction.
    func wachtwoordHerstellen(token: String, nieuw: String) async throws {
        let ongeldig = Weigering.nietGevonden("Deze link is ongeldig, al gebruikt of verlopen. Vraag een nieuwe aan via "
            + "‘Wachtwoord vergeten?’ op de inlogpagina.")
        guard let t = try await eenmalig(token: token) else { throw ongeldig }
        if let fout = Self.wachtwoordFout(nieuw) { throw fout }
        let hash = await kern.hash(nieuw)
        guard let id = try await opslag.gebruikToken(hash: t.tokenHash, nu: kern.nu, wachtwoordHash: hash) else { throw ongeldig }
        if let g = try await opslag.gebruiker(id: id) { try await opslag.wisPogingen(sleutel: Self.emailSleutel(g.email)) }
    }

    /// The session of a cookie's token, when it is valid.
    func sessie(token: String) async throws -> (Sessie, Gebruiker)? {
        guard !token.isEmpty, token.utf8.count <= 128 else { return nil }
        return try await opslag.sessie(tokenHash: Hash.sha256(token), nu: kern.nu)
    }

    func uitloggen(_ s: Sessie) async throws {
        try await opslag.beeindigSessie(tokenHash: s.tokenHash)
    }

    /// Wrong `oud`: 403 (and it counts as a failed login); a bad `nieuw`: 422; then every other
    /// session of the account ends.
    func wijzigWachtwoord(_ g: Gebruiker, _ s: Sessie, oud: String, nieuw: String, adres: String?) async throws {
        let ids = try await reserveer(Self.loginGrenzen(email: g.email, adres: adres), melding: Self.teVeelLogins)
        guard await kern.klopt(oud, g.wachtwoordHash) else {
            throw Weigering.verboden("Het huidige wachtwoord klopt niet. Uw wachtwoord is niet gewijzigd.")
        }
        try await opslag.vergeefPogingen(ids: ids)
        if let fout = Self.wachtwoordFout(nieuw) { throw fout }
        try await opslag.zetWachtwoord(gebruiker: g.id, hash: await kern.hash(nieuw))
        try await opslag.beeindigSessies(gebruiker: g.id, behalve: s.tokenHash)
    }

    /// Signs up a cursist with a cursus's uitnodigingscode (the API and the sign-up page).
    /// Checked in the spec's order: unknown code 404 (counted per client address), a missing or
    /// bad field 422, email taken 409.
    func registreer(code invoer: String, naam invoerNaam: String, email invoerEmail: String, wachtwoord: String?,
                    adres: String?) async throws -> (Gebruiker, Cursus) {
        let code = invoer.trimmingCharacters(in: .whitespaces).uppercased()
        var ids: [Int64] = []
        if let adres {
            ids = try await reserveer([Pogingsgrens(sleutel: Self.codeSleutel(adres), limiet: Self.codesPerAdres.limiet,
                                                    venster: Self.codesPerAdres.venster)],
                                      melding: "Te veel onbekende uitnodigingscodes vanaf dit adres.")
        }
        guard !code.isEmpty, code.count <= 64, let cursus = try await opslag.cursus(uitnodigingscode: code) else {
            throw Weigering.nietGevonden("Deze uitnodigingscode kennen wij niet. Controleer de code die u van uw docent kreeg.")
        }
        try await opslag.vergeefPogingen(ids: ids)
        let naam = invoerNaam.trimmingCharacters(in: .whitespacesAndNewlines)
        let email = Self.normaliseer(invoerEmail)
        guard let wachtwoord, !naam.isEmpty, naam.count <= 200, Self.isEmail(email) else {
            throw Weigering(.unprocessableContent, "Vul uw naam, een geldig e-mailadres en een wachtwoord in.")
        }
        if let fout = Self.wachtwoordFout(wachtwoord) { throw fout }
        do {
            let g = try await opslag.maakGebruiker(email: email, naam: naam, rol: .cursist,
                                                  wachtwoordHash: await kern.hash(wachtwoord), cursus: cursus.id,
                                                  tijd: kern.nu)
            return (g, cursus)
        } catch OpslagFout.emailBestaat {
            throw Weigering(.conflict, "Er is al een account met dit e-mailadres. Meld u aan, of gebruik een ander adres.")
        }
    }
}
