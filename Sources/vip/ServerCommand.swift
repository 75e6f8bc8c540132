import ArgumentParser
import Dispatch
import Foundation

#if VIP_SERVER
import VIPServer

/// Subcommands that exist when the server is built (not with VIP_ZONDER_SERVER=1).
let serverCommandos: [ParsableCommand.Type] = [Server.self, GebruikerCommando.self]

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
        abstract: "Start vip in de browser, of verhuis de gegevens (exporteer, importeer).",
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

    func run() throws {
        var c = ServerConfiguratie()
        c.data = data
        c.adres = adres
        c.poort = poort
        c.database = database
        c.demo = demo
        guard (0...65535).contains(poort) else { throw ValidationError("De poort moet tussen 0 en 65535 liggen.") }
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
        abstract: "Beheer accounts van docenten en organisatoren.",
        subcommands: [Toevoegen.self])

    struct Toevoegen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "toevoegen",
            abstract: "Maak een account voor een docent of organisator.",
            discussion: "Het wachtwoord komt van de standaardinvoer (één regel); zonder invoer maakt vip er een en "
                + "toont het. Cursisten melden zich zelf aan met de uitnodigingscode van hun cursus.")

        @Option(name: .long, help: ArgumentHelp("De map met de database (vip.sqlite).", valueName: "MAP"))
        var data = "vip-data"

        @Option(name: .long, help: ArgumentHelp("Een PostgreSQL-database (postgres://…).", valueName: "URL"))
        var database: String?

        @Option(name: .long, help: ArgumentHelp("docent of organisator.", valueName: "ROL"))
        var rol: String

        @Option(name: .long, help: ArgumentHelp("Het e-mailadres (de gebruikersnaam).", valueName: "E"))
        var email: String

        @Option(name: .long, help: ArgumentHelp("De naam zoals anderen die zien.", valueName: "N"))
        var naam: String

        func run() throws {
            guard let r = Rol(rawValue: rol), r != .cursist else {
                throw ValidationError("Onbekende rol `\(rol)`: kies docent of organisator.")
            }
            var c = ServerConfiguratie()
            c.data = data
            c.database = database
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
#else
let serverCommandos: [ParsableCommand.Type] = []
#endif
