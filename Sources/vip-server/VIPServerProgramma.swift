import ArgumentParser
import Foundation
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

extension ParsableCommand {
    /// Parses the command line and runs the command. ArgumentParser exits 64 on bad arguments;
    /// cli.md says 2. Help and the version go to standard output with 0.
    public static func voerUit() -> Never {
        do {
            var command = try parseAsRoot()
            try command.run()
            Foundation.exit(0)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            if exitCode(for: error) == .success {
                Terminal.uit(fullMessage(for: error))
                Foundation.exit(0)
            }
            Terminal.fout(fullMessage(for: error))
            Foundation.exit(2)
        }
    }
}
