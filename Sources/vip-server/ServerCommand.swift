import ArgumentParser
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
struct Server: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: Serverprogramma.serverUitleg,
        subcommands: [ServerStart.self, Exporteer.self, Importeer.self],
        defaultSubcommand: ServerStart.self)
}

struct ServerStart: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start vip in de browser: cursisten schrijven hun aanvraag, met de checklist naast elk veld.",
        discussion: "Stopt netjes bij Ctrl-C of SIGTERM: lopende verzoeken worden afgemaakt (hoogstens 10 seconden).")

    @Option(name: .long, help: ArgumentHelp("De map met de database (vip.sqlite).", valueName: "MAP"))
    var data = "vip-data"

    @Option(name: .long, help: ArgumentHelp("Het adres waarop de server luistert.", valueName: "ADRES"))
    var adres = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("De poort (0: een vrije poort).", valueName: "POORT"))
    var poort = 8080

    @Option(name: .long, help: ArgumentHelp("Een PostgreSQL-database (postgres://…) in plaats van SQLite.", valueName: "URL"))
    var database: String?

    @Flag(name: .long, help: "Laad bij een lege database een demo: accounts, een cursus en drie aanvragen.")
    var demo = false

    @Flag(name: .long, help: "Vertrouw de proxy op loopback voor X-Forwarded-For (het laatste adres) en X-Forwarded-Proto.")
    var proxy = false

    @Option(name: .long, help: ArgumentHelp("Het adres waarop gebruikers vip bereiken, zoals https://vip.voorbeeld.nl (ook "
        + "VIP_EXTERN_URL). Links in mails beginnen ermee; met https is de sessiecookie Secure.", valueName: "URL"))
    var externUrl: String?

    @Option(name: .long, help: ArgumentHelp("Verstuur mail via SMTP: smtp://[gebruiker@]host[:587] (STARTTLS) of "
        + "smtps://[gebruiker@]host[:465] (ook VIP_SMTP). Het wachtwoord komt uit VIP_SMTP_WACHTWOORD.", valueName: "URL"))
    var smtp: String?

    @Option(name: .long, help: ArgumentHelp("Een PEM-bestand met certificaten die vip naast die van het systeem vertrouwt "
        + "voor --smtp (ook VIP_SMTP_CA).", valueName: "BESTAND"))
    var smtpCa: String?

    @Option(name: .long, help: ArgumentHelp("Verstuur mail met een sendmail-programma, zoals /usr/bin/msmtp of "
        + "/usr/sbin/sendmail (-t -i; ook VIP_SENDMAIL).", valueName: "PAD"))
    var sendmail: String?

    @Option(name: .long, help: ArgumentHelp("De afzender van elke mail: \"Naam <adres>\" (ook VIP_AFZENDER).",
                                            valueName: "AFZENDER"))
    var afzender: String?

    @Option(name: .long, help: ArgumentHelp("tekst of json: één regel per verzoek op standaardfout.", valueName: "FORMAAT"))
    var log = "tekst"

    @Option(name: .long, help: ArgumentHelp("Met dit token beantwoordt /metrics ook verzoeken van buiten deze machine "
        + "(Authorization: Bearer …; liever via VIP_METRICS_TOKEN, dan staat het niet in de proceslijst).",
                                            valueName: "TOKEN"))
    var metricsToken: String?

    @Option(name: .long, help: ArgumentHelp("Opslagruimte per cursist in MiB: tekst en bestanden samen (standaard 200).",
                                            valueName: "MIB"))
    var quotumMib = 200

    @Option(name: .long, help: ArgumentHelp("Herinneringen aan het huiswerk gaan uit vanaf dit aantal dagen vóór een "
        + "bijeenkomst tot en met de dag zelf (standaard 3; alleen met mail).", valueName: "N"))
    var herinneringDagen = 3

    func run() throws {
        var c = ServerConfiguratie()
        c.data = data
        c.adres = adres
        c.poort = poort
        c.database = databaseUitOmgeving(database)
        c.demo = demo
        c.proxy = proxy
        let omgeving = ProcessInfo.processInfo.environment
        func optie(_ waarde: String?, _ variabele: String) -> String? {
            (waarde ?? omgeving[variabele]).flatMap { $0.isEmpty ? nil : $0 }
        }
        c.externURL = optie(externUrl, "VIP_EXTERN_URL")
        guard let formaat = Logformaat(rawValue: log) else { throw ValidationError("--log is tekst of json.") }
        c.log = formaat
        c.metricsToken = optie(metricsToken, "VIP_METRICS_TOKEN")
        if let a = optie(afzender, "VIP_AFZENDER") {
            guard let adres = Mailadres(a) else {
                throw ValidationError("--afzender \(a) is geen geldig adres: gebruik \"Naam <adres@voorbeeld.nl>\".")
            }
            c.afzender = adres
        }
        let smtpURL = optie(smtp, "VIP_SMTP"), sendmailPad = optie(sendmail, "VIP_SENDMAIL")
        if smtpURL != nil && sendmailPad != nil { throw ValidationError("Kies --smtp of --sendmail, niet allebei.") }
        if let smtpURL {
            do {
                c.mail = .smtp(try SMTPInstelling(url: smtpURL, wachtwoord: omgeving["VIP_SMTP_WACHTWOORD"],
                                                  caBestand: optie(smtpCa, "VIP_SMTP_CA")))
            } catch {
                Terminal.fout(error.melding)
                throw ExitCode(2)
            }
        } else if let sendmailPad {
            guard FileManager.default.isExecutableFile(atPath: sendmailPad) else {
                throw ValidationError("--sendmail \(sendmailPad) is geen uitvoerbaar programma.")
            }
            c.mail = .sendmail(sendmailPad)
        }
        guard (0...65535).contains(poort) else { throw ValidationError("De poort moet tussen 0 en 65535 liggen.") }
        guard (1...1_000_000).contains(quotumMib) else { throw ValidationError("--quotum-mib ligt tussen 1 en 1000000.") }
        c.grenzen.quotum = quotumMib * 1024 * 1024
        guard (0...60).contains(herinneringDagen) else { throw ValidationError("--herinnering-dagen ligt tussen 0 en 60.") }
        c.herinneringDagen = herinneringDagen
        let configuratie = c
        do {
            try wachtOp { try await VIPServerStart.draai(configuratie, schrijf: schrijfRegel) }
        } catch let fout as StartFout {
            Terminal.fout(fout.melding)
            throw ExitCode(2)
        }
    }
}

struct GebruikerCommando: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gebruiker",
        abstract: Serverprogramma.gebruikerUitleg,
        subcommands: [Toevoegen.self])

    struct Toevoegen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "toevoegen",
            abstract: "Maak een account voor een docent, organisator of beheerder (de eerste beheerder maakt u zo).",
            discussion: "Het wachtwoord komt van de standaardinvoer (één regel); zonder invoer maakt vip er een en "
                + "toont het. Cursisten melden zich zelf aan met de uitnodigingscode van hun cursus.")

        @Option(name: .long, help: ArgumentHelp("De map met de database (vip.sqlite).", valueName: "MAP"))
        var data = "vip-data"

        @Option(name: .long, help: ArgumentHelp("Een PostgreSQL-database (postgres://…).", valueName: "URL"))
        var database: String?

        @Option(name: .long, help: ArgumentHelp("docent, organisator of beheerder.", valueName: "ROL"))
        var rol: String

        @Option(name: .long, help: ArgumentHelp("Het e-mailadres (de gebruikersnaam).", valueName: "E"))
        var email: String

        @Option(name: .long, help: ArgumentHelp("De naam zoals anderen die zien.", valueName: "N"))
        var naam: String

        func run() throws {
            guard let r = Rol(rawValue: rol), r != .cursist else {
                throw ValidationError("Onbekende rol `\(rol)`: kies docent, organisator of beheerder.")
            }
            var c = ServerConfiguratie()
            c.data = data
            c.database = databaseUitOmgeving(database)
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
            } catch let fout as StartFout {
                Terminal.fout(fout.melding)
                throw ExitCode(2)
            }
        }
    }
}
