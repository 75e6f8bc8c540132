import Foundation

/// The mails of the server, in Dutch with the formal "u": each one text with its parts (greeting,
/// paragraphs, one button with its link, closing), written once as plain text and once as HTML
/// through the `mail` template (which escapes every value).
///
/// Adding a mail (reminders, notifications):
/// 1. a function here that builds its `Mailinhoud` and returns `bericht(soort:aan:)`, with every
///    link made by `Kern.link(_:)` (the extern-url); for a mail a person can turn off, call
///    `afmelden(via:)` on the message (RFC 8058: the link must take a POST without a session);
/// 2. the storage method that writes its cause takes it as `mail: Mailbericht?` and inserts it
///    in the same transaction (`SQLiteOpslag.voegMailToe`, `PostgresOpslag.voegMailToe`); a
///    mail with no cause of its own goes through `zetInPostbus`. "Exactly once" is a unique key
///    on the cause, written in that transaction, never a check before it;
/// 3. with mail off (`configuratie.mailAan` false) write no mail, and let the page say so;
/// 4. after the commit, `kern.wekker.wek()` so this process sends it at once.
struct Mailinhoud {
    var onderwerp: String
    var aanhef: String
    var alineas: [String]
    /// Links after the paragraphs, each on its own line (a reminder's fields).
    var lijst: [(tekst: String, url: String)] = []
    var knop: (tekst: String, url: String)?
    var naKnop: [String]
    var groet = "Met vriendelijke groet,"
    var ondertekening = "Van Idee naar Project"

    var tekst: String {
        var delen = [aanhef] + alineas
        if !lijst.isEmpty { delen.append(lijst.map { "- \($0.tekst):\n  \($0.url)" }.joined(separator: "\n")) }
        if let knop { delen.append(knop.url) }
        delen += naKnop
        delen.append(groet + "\n" + ondertekening)
        return delen.joined(separator: "\n\n") + "\n"
    }

    var html: String {
        var d: [String: Any] = ["onderwerp": onderwerp, "aanhef": aanhef, "alineas": alineas, "naKnop": naKnop,
                                "groet": groet, "ondertekening": ondertekening]
        d["heeftLijst"] = !lijst.isEmpty
        d["lijst"] = lijst.map { ["tekst": $0.tekst, "url": $0.url] }
        d["knop"] = knop.map { ["tekst": $0.tekst, "url": $0.url] } ?? false
        return Weergave.standaard.html("mail", d)
    }

    func bericht(soort: String, aan: Mailadres) -> Mailbericht {
        Mailbericht(soort: soort, aan: aan, onderwerp: onderwerp, tekst: tekst, html: html)
    }
}

enum Mails {
    /// "Wachtwoord vergeten?": a link `EXTERN/wachtwoord-herstellen/TOKEN`, valid one hour.
    static func herstel(aan g: Gebruiker, link: String) -> Mailbericht {
        Mailinhoud(
            onderwerp: "Een nieuw wachtwoord voor Van Idee naar Project",
            aanhef: "Beste \(g.naam),",
            alineas: ["U hebt gevraagd om een nieuw wachtwoord voor uw account bij Van Idee naar Project. Via de link "
                + "hieronder kiest u een nieuw wachtwoord. De link is een uur geldig en werkt één keer."],
            knop: ("Nieuw wachtwoord kiezen", link),
            naKnop: ["Hebt u dit niet zelf gevraagd? Dan hoeft u niets te doen: uw wachtwoord blijft zoals het is."]
        ).bericht(soort: "herstel", aan: Mailadres(naam: g.naam, adres: g.email))
    }

    /// An account made by the beheerder: a link `EXTERN/wachtwoord-instellen/TOKEN`, valid 7 days.
    static func uitnodiging(naam: String, email: String, rol: Rol, door: String, link: String) -> Mailbericht {
        let alsWat: String
        switch rol {
        case .docent: alsWat = "als docent: u maakt er cursussen aan en volgt uw groep"
        case .organisator: alsWat = "als organisator: u bereidt er de speeddate met fondsen voor"
        case .beheerder: alsWat = "als beheerder: u maakt er accounts aan en ziet of de mail goed verstuurd wordt"
        case .cursist: alsWat = "als cursist"
        }
        return Mailinhoud(
            onderwerp: "Uw account bij Van Idee naar Project",
            aanhef: "Beste \(naam),",
            alineas: ["\(door) heeft een account voor u gemaakt bij Van Idee naar Project, \(alsWat).",
                      "Via de link hieronder kiest u uw wachtwoord. De link is zeven dagen geldig en werkt één keer. "
                        + "Daarna logt u in met uw e-mailadres \(email) en dat wachtwoord."],
            knop: ("Wachtwoord kiezen", link),
            naKnop: ["Verwachtte u deze uitnodiging niet? Dan kunt u deze e-mail negeren."]
        ).bericht(soort: "uitnodiging", aan: Mailadres(naam: naam, adres: email))
    }
}
