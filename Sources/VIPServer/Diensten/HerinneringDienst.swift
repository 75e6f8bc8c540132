import Foundation
import VIPModel

/// Homework reminders (cursus.md, "Reminders and notifications"). From `--herinnering-dagen`
/// days before the next bijeenkomst up to and including its date, every cursist of a cursus with
/// reminders on, who has begun an aanvraag, lacks fields due by that bijeenkomst and has not
/// turned reminders off, gets one mail naming exactly those fields. Exactly once per cursist and
/// bijeenkomst: the row of `herinneringen` and the mail are written in one transaction, and only
/// when the row was new. The scheduled run (`Herinneraar`) and "Nu versturen" both come here.
///
/// Only the next bijeenkomst is reminded of: when two fall inside the window, its homework
/// already holds that of the earlier one, and one mail is enough.
struct HerinneringDienst: Sendable {
    let kern: Kern
    var opslag: any Opslag { kern.opslag }

    static let mailUit = "Op deze server staat mail uit (geen --smtp of --sendmail): er is niets verstuurd en niets "
        + "vastgelegd. Vraag de beheerder mail aan te zetten."
    static let uitVoorCursus = "Herinneringen staan uit voor deze cursus: er is niets verstuurd. Zet ze eerst aan bij "
        + "de instellingen van de cursus."

    /// The bijeenkomst whose reminders are due today for `c`: the next one, when today is at most
    /// `herinneringDagen` days before its date. nil when none is.
    func teHerinneren(_ c: Cursus, nu: Date) -> Int? {
        guard let nr = Tijden.volgende(c, nu: nu), let datum = Datum.parse(c.bijeenkomsten[nr - 1]),
              let vandaag = Tijden.vandaag(nu) else { return nil }
        let kalender = Calendar.current
        guard let van = kalender.date(from: DateComponents(year: vandaag.jaar, month: vandaag.maand, day: vandaag.dag)),
              let tot = kalender.date(from: DateComponents(year: datum.jaar, month: datum.maand, day: datum.dag)),
              let dagen = kalender.dateComponents([.day], from: van, to: tot).day else { return nil }
        return (0...max(0, kern.configuratie.herinneringDagen)).contains(dagen) ? nr : nil
    }

    /// "Nu versturen": the due reminders of `c` now. 409 with mail off or reminders off for the
    /// cursus (nothing is recorded then); the cursisten whose reminder was written now.
    func verstuurNu(_ c: Cursus) async throws -> [Int64] {
        guard kern.configuratie.mailAan else { throw Weigering(.conflict, Self.mailUit) }
        guard c.herinneringen else { throw Weigering(.conflict, Self.uitVoorCursus) }
        return try await verstuur(c)
    }

    /// The scheduled run: the due reminders of every cursus; how many were written.
    @discardableResult
    func verstuurAlles() async throws -> Int {
        guard kern.configuratie.mailAan else { return 0 }
        var n = 0
        for c in try await opslag.alleCursussen() where c.herinneringen {
            n += try await verstuur(c).count
        }
        return n
    }

    /// The due reminders of one cursus, written once each; the cursisten written for now.
    func verstuur(_ c: Cursus) async throws -> [Int64] {
        let nu = kern.nu
        guard kern.configuratie.mailAan, c.herinneringen, let nr = teHerinneren(c, nu: nu) else { return [] }
        let al = Set(try await opslag.herinneringen(cursus: c.id).filter { $0.nr == nr }.map(\.cursist))
        let cursisten = try await opslag.cursisten(cursus: c.id).filter { !$0.geblokkeerd && !al.contains($0.id) }
        guard !cursisten.isEmpty else { return [] }
        let laatste = Voortgang.laatste(try await opslag.aanvragen(cursus: c.id), try await opslag.auteurs(cursus: c.id))
        let datum = Datum.parse(c.bijeenkomsten[nr - 1])?.description ?? c.bijeenkomsten[nr - 1]
        var lijst: [NieuweHerinnering] = []
        for g in cursisten {
            guard let a = laatste[g.id] else { continue }
            let open = Huiswerk.open(tot: nr, ingevuld: try await kern.onderdelen.ingevuld(a, kern: kern))
            guard !open.isEmpty, try await opslag.mailvoorkeuren(gebruiker: g.id).herinneringen else { continue }
            let (url, hash) = MeldingDienst.afmeldlink(kern)
            let mail = Mails.herinnering(aan: g, cursus: c.naam, nr: nr, datum: datum,
                                         velden: open.map { Mails.Veldlink(label: $0.label, url: kern.link($0.adres(aanvraag: a.id))) },
                                         account: kern.link("/account"), afmelden: url)
            lijst.append(NieuweHerinnering(cursus: c.id, nr: nr, uit: UitgaandeMail(gebruiker: g.id, mail: mail,
                                                                                   afmeldHash: hash, afmeldsoort: .herinneringen)))
        }
        let geschreven = try await opslag.schrijfHerinneringen(lijst, tijd: nu)
        if !geschreven.isEmpty { kern.wekker.wek() }
        return geschreven
    }

    /// When each reminder of the cursus was written, per cursist: bijeenkomst and time.
    func verstuurd(_ c: Cursus) async throws -> [Int64: [VerstuurdeHerinnering]] {
        Dictionary(grouping: try await opslag.herinneringen(cursus: c.id), by: \.cursist)
    }

    // MARK: Invitations

    static let maxUitnodigingen = 100

    /// Mails an invitation to each address: the cursus's uitnodigingscode and the sign-up link
    /// with it. All or nothing: one invalid address (or more than 100) is a 422 and nothing is
    /// sent, and the mails go into the outbox in one transaction (a request that fails halfway
    /// and is sent again mails nobody twice). Whether an address already has an account is never
    /// looked at (no enumeration).
    /// How many distinct addresses got a mail.
    func nodigUit(_ c: Cursus, emails invoer: [String], door g: Gebruiker) async throws -> Int {
        let emails = invoer.map(AccountDienst.normaliseer).filter { !$0.isEmpty }
        guard !emails.isEmpty else {
            throw Weigering(.unprocessableContent, "Vul minstens één e-mailadres in. Er is niets verstuurd.")
        }
        guard emails.count <= Self.maxUitnodigingen else {
            throw Weigering(.unprocessableContent, "Hoogstens \(Self.maxUitnodigingen) adressen per keer. Er is niets "
                + "verstuurd.")
        }
        let fout = emails.filter { !(AccountDienst.isEmail($0) && Mailadres.isGeldig($0)) }
        guard fout.isEmpty else {
            let lijst = fout.prefix(5).joined(separator: ", ") + (fout.count > 5 ? " en \(fout.count - 5) andere" : "")
            throw Weigering(.unprocessableContent, "Dit is geen geldig e-mailadres: \(lijst). Er is niets verstuurd; "
                + "verbeter het adres en probeer het opnieuw.")
        }
        guard kern.configuratie.mailAan else { throw Weigering(.conflict, Self.mailUit) }
        var uniek: [String] = []
        for e in emails where !uniek.contains(e) { uniek.append(e) }
        let code = c.uitnodigingscode
        let veilig = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let link = kern.link("/registreren?code=" + (code.addingPercentEncoding(withAllowedCharacters: veilig) ?? code))
        try await opslag.zetInPostbus(uniek.map {
            Mails.cursusuitnodiging(aan: $0, cursus: c.naam, door: g.naam, code: code, link: link)
        }, tijd: kern.nu)
        kern.wekker.wek()
        return uniek.count
    }
}

/// Notifications of new opmerkingen and goedkeuringen to the authors of the aanvraag, at most
/// one mail per aanvraag per hour (cursus.md): each event is a row of `meldingen`; a bundle is
/// due when the aanvraag had no notification in the last hour, and then all its waiting events
/// become one mail per author in one transaction (`schrijfMeldingmails`), once. The first event
/// goes out at once (the request that caused it sends it); what comes in within the hour waits
/// for the scheduled run an hour after that mail. Also the mail settings and one-click
/// unsubscribe.
struct MeldingDienst: Sendable {
    let kern: Kern
    var opslag: any Opslag { kern.opslag }

    static let bundelduur: TimeInterval = 3600

    /// An unsubscribe link for a mail: `EXTERN/afmelden/TOKEN`, and the token's SHA-256 to store.
    static func afmeldlink(_ kern: Kern) -> (url: String, hash: String) {
        let token = Geheim.token()
        return (kern.link("/afmelden/" + token), Hash.sha256(token))
    }

    /// The event to record with its cause, in the same transaction (`maakOpmerking`,
    /// `keurGoed`); nil with mail off (no backlog when mail is turned on later).
    func nieuw(_ soort: Melding.Soort, door: Int64, tekst: String) -> NieuweMelding? {
        guard kern.configuratie.mailAan else { return nil }
        return NieuweMelding(soort: soort, door: door, tekst: String(tekst.prefix(400)))
    }

    /// After the cause's commit: sends what is due for `a` now. Never fails the request that
    /// caused it: what is not sent now goes with the scheduled run.
    func verstuurNa(_ a: AanvraagRij) async {
        guard kern.configuratie.mailAan else { return }
        _ = try? await verstuur(aanvraag: a.id)
    }

    /// Records an event for the authors of `a` on its own and sends what is due for it now.
    func meld(_ a: AanvraagRij, soort: Melding.Soort, door: Int64, tekst: String) async {
        guard let m = nieuw(soort, door: door, tekst: tekst) else { return }
        do {
            try await opslag.voegMeldingToe(aanvraag: a.id, soort: m.soort, door: m.door, tekst: m.tekst, tijd: kern.nu)
        } catch { return }
        await verstuurNa(a)
    }

    /// Writes every due bundle (or only that of `aanvraag`); how many bundles were written.
    @discardableResult
    func verstuur(aanvraag: Int64? = nil) async throws -> Int {
        guard kern.configuratie.mailAan else { return 0 }
        let nu = kern.nu
        let grens = nu.addingTimeInterval(-Self.bundelduur)
        let wachtend = try await opslag.wachtendeMeldingen(aanvraag: aanvraag, vorigeVoor: grens)
        var n = 0
        for (id, meldingen) in Dictionary(grouping: wachtend, by: \.aanvraag).sorted(by: { $0.key < $1.key }) {
            guard let a = try await opslag.aanvraag(id: id) else { continue }
            let titel = a.afgeleid.titel ?? "zonder titel"
            var mails: [UitgaandeMail] = []
            for g in try await opslag.auteurs(aanvraag: id) where !g.geblokkeerd {
                let regels = meldingen.filter { $0.door != g.id }.map(\.tekst)
                guard !regels.isEmpty, try await opslag.mailvoorkeuren(gebruiker: g.id).meldingen else { continue }
                let (url, hash) = Self.afmeldlink(kern)
                let mail = Mails.melding(aan: g, titel: titel, regels: regels, link: kern.link("/aanvragen/\(id)"),
                                         account: kern.link("/account"), afmelden: url)
                mails.append(UitgaandeMail(gebruiker: g.id, mail: mail, afmeldHash: hash, afmeldsoort: .meldingen))
            }
            if try await opslag.schrijfMeldingmails(aanvraag: id, meldingen: meldingen.map(\.id), mails: mails,
                                                    vorigeVoor: grens, tijd: nu) {
                n += 1
                if !mails.isEmpty { kern.wekker.wek() }
            }
        }
        return n
    }

    /// What the mail says about an opmerking: who, where, and its text.
    static func tekst(opmerking o: Opmerking, door g: Gebruiker) -> String {
        tekst(opmerkingOp: o.pad, o.tekst, door: g)
    }

    static func tekst(opmerkingOp pad: String, _ opmerking: String, door g: Gebruiker) -> String {
        let wie = g.rol == .docent ? "Docent \(g.naam)" : "Medecursist \(g.naam)"
        let waar = pad.isEmpty ? "over de hele aanvraag" : "bij \(Veldentabel.aanvraag.veld(Veldentabel.zonderIndex(pad))?.label ?? pad)"
        let t = opmerking.count > 300 ? String(opmerking.prefix(300)) + "…" : opmerking
        return "\(wie) schreef een opmerking \(waar): “\(t)”"
    }

    static func tekst(goedkeuring versie: Int, door g: Gebruiker) -> String {
        "Docent \(g.naam) heeft versie \(versie) van uw aanvraag goedgekeurd."
    }

    // MARK: Settings and unsubscribe

    func voorkeuren(_ g: Gebruiker) async throws -> Mailvoorkeuren {
        try await opslag.mailvoorkeuren(gebruiker: g.id)
    }

    func zetVoorkeuren(_ g: Gebruiker, _ v: Mailvoorkeuren) async throws {
        try await opslag.zetMailvoorkeuren(gebruiker: g.id, v)
    }

    /// The account and the kind of mail an unsubscribe link turns off; nil for an unknown token.
    func afmelding(token: String) async throws -> (Gebruiker, Afmeldsoort)? {
        guard token.count <= 128, let t = try await opslag.afmeldtoken(hash: Hash.sha256(token)),
              let g = try await opslag.gebruiker(id: t.gebruiker) else { return nil }
        return (g, t.soort)
    }

    /// One-click unsubscribe: turns that kind of mail off for the token's account. 404 for an
    /// unknown token; doing it twice changes nothing more.
    func meldAf(token: String) async throws -> (Gebruiker, Afmeldsoort) {
        guard let gevonden = try await afmelding(token: token) else {
            throw Weigering.nietGevonden("Deze afmeldlink kennen we niet. Controleer of u de hele link uit de e-mail "
                + "hebt gebruikt, of zet de e-mails uit op uw accountpagina.")
        }
        let (g, soort) = gevonden
        var v = try await opslag.mailvoorkeuren(gebruiker: g.id)
        switch soort {
        case .herinneringen: v.herinneringen = false
        case .meldingen: v.meldingen = false
        }
        try await opslag.zetMailvoorkeuren(gebruiker: g.id, v)
        return (g, soort)
    }
}
