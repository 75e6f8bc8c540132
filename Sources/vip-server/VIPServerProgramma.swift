import ArgumentParser
import VIPOpdrachtregel

/// The server program: `vip server …` and `vip gebruiker …`, which `vip` hands over to it
/// (`Serverprogramma`). Its usage lines say `vip`, because that is how it is called.
@main
struct VIPServerProgramma: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vip",
        abstract: "Van Idee naar Project in de browser: de server en zijn accounts.",
        version: "0.1.0",
        subcommands: [Server.self, GebruikerCommando.self],
        helpNames: [.short, .long, .customLong("hulp")]
    )

    static func main() { voerUit() }
}
