import Dispatch
import Foundation

import VIPOpdrachtregel
import VIPServer

/// Runs async work from the synchronous command tree and waits for it.
func wachtOp(_ werk: @escaping @Sendable () async throws -> Void) throws {
    final class Uitkomst: @unchecked Sendable { var fout: (any Error)? }
    let uitkomst = Uitkomst()
    let klaar = DispatchSemaphore(value: 0)
    Task.detached {
        do { try await werk() } catch { uitkomst.fout = error }
        klaar.signal()
    }
    klaar.wait()
    if let fout = uitkomst.fout { throw fout }
}

func schrijfRegel(_ s: String) {
    FileHandle.standardOutput.write(Data((s + "\n").utf8))
}

/// `vip server [start]`, `vip server exporteer`, `vip server importeer`. Starting is the default
/// subcommand, so `vip server --poort 8080` starts; the options live on `start` because a
/// parent's options would take `--data` away from the other subcommands.
enum Server {
    static let opdracht = Opdracht(
        "server",
        samenvatting: Serverprogramma.serverUitleg,
        subopdrachten: [ServerStart.opdracht, Exporteer.opdracht, Importeer.opdracht],
        standaard: "start")
}

enum ServerStart {
    static let opdracht = Opdracht(
        "start",
        samenvatting: "Start vip in de browser: cursisten schrijven hun aanvraag, met de checklist naast elk veld.",
        uitleg: "Stopt netjes bij Ctrl-C of SIGTERM: lopende verzoeken worden afgemaakt (hoogstens 10 seconden).",
        opties: [
            .init("data", waarde: "MAP", "De map met de database (vip.sqlite).", standaard: "vip-data"),
            .init("adres", waarde: "ADRES", "Het adres waarop de server luistert.", standaard: "127.0.0.1"),
            .init("poort", waarde: "POORT", "De poort (0: een vrije poort).", standaard: "8080"),
            .init("database", waarde: "URL", "Een PostgreSQL-database (postgres://…) in plaats van SQLite."),
            .vlag("demo", "Laad bij een lege database een demo: accounts, een cursus en drie aanvragen."),
            .vlag("proxy", "Vertrouw de proxy op loopback voor X-Forwarded-For (het laatste adres) en X-Forwarded-Proto."),
            .init("extern-url", waarde: "URL", "Het adres waarop gebruikers vip bereiken, zoals https://vip.voorbeeld.nl "
                  + "(ook VIP_EXTERN_URL). Links in mails beginnen ermee; met https is de sessiecookie Secure."),
            .init("smtp", waarde: "URL", "Verstuur mail via SMTP: smtp://[gebruiker@]host[:587] (STARTTLS) of "
                  + "smtps://[gebruiker@]host[:465] (ook VIP_SMTP). Het wachtwoord komt uit VIP_SMTP_WACHTWOORD."),
            .init("smtp-ca", waarde: "BESTAND", "Een PEM-bestand met certificaten die vip naast die van het systeem "
                  + "vertrouwt voor --smtp (ook VIP_SMTP_CA)."),
            .init("sendmail", waarde: "PAD", "Verstuur mail met een sendmail-programma, zoals /usr/bin/msmtp of "
                  + "/usr/sbin/sendmail (-t -i; ook VIP_SENDMAIL)."),
            .init("afzender", waarde: "AFZENDER", "De afzender van elke mail: \"Naam <adres>\" (ook VIP_AFZENDER)."),
            .init("log", waarde: "FORMAAT", "Eén regel per verzoek op standaardfout.", standaard: "tekst",
                  keuzes: ["tekst", "json"]),
            .init("metrics-token", waarde: "TOKEN", "Met dit token beantwoordt /metrics ook verzoeken van buiten deze "
                  + "machine (Authorization: Bearer …; liever via VIP_METRICS_TOKEN, dan staat het niet in de proceslijst)."),
            .init("quotum-mib", waarde: "MIB", "Opslagruimte per cursist in MiB: tekst en bestanden samen.", standaard: "200"),
            .init("herinnering-dagen", waarde: "N", "Herinneringen aan het huiswerk gaan uit vanaf dit aantal dagen vóór "
                  + "een bijeenkomst tot en met de dag zelf (alleen met mail).", standaard: "3"),
        ],
        voerUit: run)

    static func run(_ invoer: Invoer) throws -> Int32 {
        let poort = try invoer.getal("poort", Int.self) ?? 8080
        let quotumMib = try invoer.getal("quotum-mib", Int.self) ?? 200
        let herinneringDagen = try invoer.getal("herinnering-dagen", Int.self) ?? 3
        var c = ServerConfiguratie()
        c.data = invoer.optie("data") ?? "vip-data"
        c.adres = invoer.optie("adres") ?? "127.0.0.1"
        c.poort = poort
        c.database = databaseUitOmgeving(invoer.optie("database"))
        c.demo = invoer.vlag("demo")
        c.proxy = invoer.vlag("proxy")
        let omgeving = ProcessInfo.processInfo.environment
        func optie(_ waarde: String?, _ variabele: String) -> String? {
            (waarde ?? omgeving[variabele]).flatMap { $0.isEmpty ? nil : $0 }
        }
        c.externURL = optie(invoer.optie("extern-url"), "VIP_EXTERN_URL")
        guard let formaat = Logformaat(rawValue: invoer.optie("log") ?? "") else { throw Opdrachtfout("--log is tekst of json.") }
        c.log = formaat
        c.metricsToken = optie(invoer.optie("metrics-token"), "VIP_METRICS_TOKEN")
        if let a = optie(invoer.optie("afzender"), "VIP_AFZENDER") {
            guard let adres = Mailadres(a) else {
                throw Opdrachtfout("--afzender \(a) is geen geldig adres: gebruik \"Naam <adres@voorbeeld.nl>\".")
            }
            c.afzender = adres
        }
        let smtpURL = optie(invoer.optie("smtp"), "VIP_SMTP"), sendmailPad = optie(invoer.optie("sendmail"), "VIP_SENDMAIL")
        if smtpURL != nil && sendmailPad != nil { throw Opdrachtfout("Kies --smtp of --sendmail, niet allebei.") }
        if let smtpURL {
            do {
                c.mail = .smtp(try SMTPInstelling(url: smtpURL, wachtwoord: omgeving["VIP_SMTP_WACHTWOORD"],
                                                  caBestand: optie(invoer.optie("smtp-ca"), "VIP_SMTP_CA")))
            } catch {
                Terminal.fout(error.melding)
                return 2
            }
        } else if let sendmailPad {
            guard FileManager.default.isExecutableFile(atPath: sendmailPad) else {
                throw Opdrachtfout("--sendmail \(sendmailPad) is geen uitvoerbaar programma.")
            }
            c.mail = .sendmail(sendmailPad)
        }
        guard (0...65535).contains(poort) else { throw Opdrachtfout("De poort moet tussen 0 en 65535 liggen.") }
        guard (1...1_000_000).contains(quotumMib) else { throw Opdrachtfout("--quotum-mib ligt tussen 1 en 1000000.") }
        c.grenzen.quotum = quotumMib * 1024 * 1024
        guard (0...60).contains(herinneringDagen) else { throw Opdrachtfout("--herinnering-dagen ligt tussen 0 en 60.") }
        c.herinneringDagen = herinneringDagen
        let configuratie = c
        do {
            try wachtOp { try await VIPServerStart.draai(configuratie, schrijf: schrijfRegel) }
            return 0
        } catch let fout as StartFout {
            Terminal.fout(fout.melding)
            return 2
        }
    }
}

enum GebruikerCommando {
    static let opdracht = Opdracht(
        "gebruiker",
        samenvatting: Serverprogramma.gebruikerUitleg,
        subopdrachten: [Toevoegen.opdracht])

    enum Toevoegen {
        static let opdracht = Opdracht(
            "toevoegen",
            samenvatting: "Maak een account voor een docent, organisator of beheerder (de eerste beheerder maakt u zo).",
            uitleg: "Het wachtwoord komt van de standaardinvoer (één regel); zonder invoer maakt vip er een en "
                + "toont het. Cursisten melden zich zelf aan met de uitnodigingscode van hun cursus.",
            opties: [
                .init("data", waarde: "MAP", "De map met de database (vip.sqlite).", standaard: "vip-data"),
                .init("database", waarde: "URL", "Een PostgreSQL-database (postgres://…)."),
                .init("rol", waarde: "ROL", "docent, organisator of beheerder.", verplicht: true),
                .init("email", waarde: "E", "Het e-mailadres (de gebruikersnaam).", verplicht: true),
                .init("naam", waarde: "N", "De naam zoals anderen die zien.", verplicht: true),
            ],
            voerUit: run)

        static func run(_ invoer: Invoer) throws -> Int32 {
            let rol = invoer.optie("rol") ?? "", email = invoer.optie("email") ?? "", naam = invoer.optie("naam") ?? ""
            guard let r = Rol(rawValue: rol), r != .cursist else {
                throw Opdrachtfout("Onbekende rol `\(rol)`: kies docent, organisator of beheerder.")
            }
            var c = ServerConfiguratie()
            c.data = invoer.optie("data") ?? "vip-data"
            c.database = databaseUitOmgeving(invoer.optie("database"))
            var wachtwoord = isatty(STDIN_FILENO) == 1 ? nil : readLine(strippingNewline: true)
            var gegenereerd = false
            if wachtwoord?.isEmpty ?? true {
                wachtwoord = GebruikerToevoegen.genereerWachtwoord()
                gegenereerd = true
            }
            let w = wachtwoord!
            let (e, n, configuratie, toon) = (email, naam, c, gegenereerd)
            do {
                try wachtOp {
                    let g = try await GebruikerToevoegen.voegToe(configuratie, rol: r, email: e, naam: n, wachtwoord: w)
                    schrijfRegel("Account gemaakt: \(g.naam) <\(g.email)>, rol \(g.rol.rawValue).")
                    if toon { schrijfRegel("Wachtwoord: \(w)") }
                }
                return 0
            } catch let fout as StartFout {
                Terminal.fout(fout.melding)
                return 2
            }
        }
    }
}
