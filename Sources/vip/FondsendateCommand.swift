import ArgumentParser
import VIPOpdrachtregel
import Foundation
import VIPKit

/// `vip fondsendate`: the fund speed-date's overviews and schedule, for the organiser.
struct Fondsendate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fondsendate",
        abstract: "Maak de overzichten en het gespreksschema van een speeddate met fondsen.",
        discussion: """
            Leest een bestand in het formaat vip-fondsendate/1 met het evenement, de fondsen en de projecten \
            (paden naar aanvragen, vanaf de map van dat bestand). Alleen aanvragen zonder fouten die de docent \
            heeft goedgekeurd (acceptabel: ja) worden toegelaten. Schrijft in ODT en DOCX: projectenoverzicht, \
            fondsenoverzicht, schema, agenda-fondsen, agenda-projecten en niet-toegelaten, plus schema.csv en \
            toelating.csv. Standaardmap: fondsendate/ naast het bestand. Uitgangscode 0: klaar (ook als projecten \
            niet zijn toegelaten); 2: het bestand kon niet worden gebruikt.
            """)

    @Argument(help: ArgumentHelp("Het bestand van de speeddate.", valueName: "EVENEMENT"))
    var evenement: String

    @Option(name: .long, help: ArgumentHelp("De uitvoermap (standaard: fondsendate/ naast het bestand).",
                                            valueName: "MAP"))
    var uit: String?

    func run() throws {
        switch SpeeddateOpdracht(klok: Terminal.klok).voerUit(evenement, uit: uit) {
        case .success(let r):
            Terminal.uit(r.samenvatting + "\n\(r.geschreven.count) bestanden geschreven in \(r.map)")
        case .failure(let fout):
            Terminal.fout(fout.description)
            throw ExitCode(2)
        }
    }
}
