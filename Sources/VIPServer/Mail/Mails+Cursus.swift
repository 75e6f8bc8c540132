import Foundation

/// The mails of the course between the meetings (cursus.md, "Reminders and notifications"):
/// the homework reminder, the bundled notification and the invitation to a cursus. A reminder
/// and a notification can be turned off: both carry the one-click unsubscribe headers
/// (`afmelden(via:)`) and say in the text where to turn them off.
extension Mails {
    /// One homework item in a mail: its label and the full link to its page.
    struct Veldlink: Sendable, Equatable {
        var label: String
        var url: String
    }

    /// The reminder of bijeenkomst `nr` on `datum` ("4 december 2026"): exactly the fields
    /// `velden`, each with the link to its page.
    static func herinnering(aan g: Gebruiker, cursus: String, nr: Int, datum: String, velden: [Veldlink],
                            account: String, afmelden: String) -> Mailbericht {
        let aantal = velden.count == 1 ? "Dit onderdeel is" : "Deze \(velden.count) onderdelen zijn"
        var m = Mailinhoud(
            onderwerp: "Herinnering: huiswerk voor bijeenkomst \(nr) op \(datum)",
            aanhef: "Beste \(g.naam),",
            alineas: ["Op \(datum) is bijeenkomst \(nr) van de cursus \(cursus). \(aantal) van uw aanvraag nog niet "
                + "ingevuld en horen bij het huiswerk voor die bijeenkomst:"],
            lijst: velden.map { (tekst: $0.label, url: $0.url) },
            knop: nil,
            naKnop: ["Via elke link komt u direct op de pagina waar u het onderdeel invult.",
                     "Wilt u geen herinneringen meer ontvangen? Zet ze uit op uw accountpagina (\(account)) of "
                        + "meld u hier af: \(afmelden)"]
        ).bericht(soort: "herinnering", aan: Mailadres(naam: g.naam, adres: g.email))
        m.afmelden(via: afmelden)
        return m
    }

    /// The notification of what came in on an aanvraag since the last one: every melding in
    /// `regels`, oldest first, and a link to the aanvraag.
    static func melding(aan g: Gebruiker, titel: String, regels: [String], link: String, account: String,
                        afmelden: String) -> Mailbericht {
        let onderwerp = regels.count == 1 ? "Nieuw bij uw aanvraag ‘\(titel)’" : "\(regels.count) nieuwe berichten bij uw aanvraag ‘\(titel)’"
        var m = Mailinhoud(
            onderwerp: onderwerp,
            aanhef: "Beste \(g.naam),",
            alineas: ["Bij uw aanvraag ‘\(titel)’ is iets nieuws:"] + regels,
            knop: ("Aanvraag bekijken", link),
            naKnop: ["U krijgt hoogstens één zo’n e-mail per uur per aanvraag; wat daarna binnenkomt, bundelen we.",
                     "Wilt u deze meldingen niet meer ontvangen? Zet ze uit op uw accountpagina (\(account)) of "
                        + "meld u hier af: \(afmelden)"]
        ).bericht(soort: "melding", aan: Mailadres(naam: g.naam, adres: g.email))
        m.afmelden(via: afmelden)
        return m
    }

    /// An invitation to a cursus: its uitnodigingscode and the sign-up link with the code in it.
    static func cursusuitnodiging(aan email: String, cursus: String, door: String, code: String, link: String) -> Mailbericht {
        Mailinhoud(
            onderwerp: "Uitnodiging voor de cursus \(cursus)",
            aanhef: "Beste cursist,",
            alineas: ["\(door) nodigt u uit voor de cursus \(cursus) bij Van Idee naar Project. Daar schrijft u stap "
                + "voor stap uw fondsaanvraag, en ziet u uw huiswerk voor elke bijeenkomst.",
                      "Via de knop maakt u een account aan. De uitnodigingscode van de cursus is \(code); die staat al "
                        + "ingevuld."],
            knop: ("Account aanmaken", link),
            naKnop: ["Hebt u al een account? Dan kunt u gewoon inloggen. Verwachtte u deze uitnodiging niet? Dan kunt u "
                + "deze e-mail negeren."]
        ).bericht(soort: "cursusuitnodiging", aan: Mailadres(adres: email))
    }
}
