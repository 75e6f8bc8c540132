import Foundation
import VIPOpdrachtregel

/// The server program: `vip server …` and `vip gebruiker …`, which `vip` hands over to it
/// (`Serverprogramma`). Its usage lines say `vip`, because that is how it is called.
@main
enum VIPServerProgramma {
    static let opdracht = Opdracht(
        "vip",
        samenvatting: "Van Idee naar Project in de browser: de server en zijn accounts.",
        subopdrachten: [Server.opdracht, GebruikerCommando.opdracht])

    static func main() {
        Opdrachtregel(opdracht, versie: "0.1.0").voerUit(Array(CommandLine.arguments.dropFirst()))
    }
}
