import ArgumentParser
import VIPOpdrachtregel
import Foundation
import VIPKit
import VIPModel

/// `vip fondsen`: the fund register (na-het-besluit.md).
struct Fondsen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fondsen",
        abstract: "Zoek fondsen in een fondsenregister.",
        subcommands: [Zoek.self])

    struct Zoek: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "zoek",
            abstract: "Welke fondsen uit het register passen bij de aanvraag, de beste eerst?",
            discussion: "Een fonds past als het een thema met het project deelt, landelijk werkt of in de plaats van "
                + "het project, het bedrag binnen zijn bereik valt en de datum plus zijn beslistermijn vóór de start "
                + "van het project ligt. Fondsen die het dekkingsplan al noemt, staan apart.")

        @Argument(help: ArgumentHelp("Het aanvraagbestand.", valueName: "AANVRAAG"))
        var aanvraag: String

        @OptionGroup var opties: RegisterOpties

        @Option(name: .long, help: ArgumentHelp("Het bedrag (standaard: het grootste bedrag dat u een fonds vraagt).",
                                                valueName: "BEDRAG"))
        var bedrag: String?

        @Option(name: .long, help: "Uitvoer: tekst of json.")
        var format: Uitvoerformaat = .tekst

        func validate() throws {
            guard opties.register != nil else { throw ValidationError("Geef het register op met --register REGISTER.") }
            if let bedrag, Bedrag.lees(bedrag) == nil {
                throw ValidationError("Verwacht een bedrag als 3500 of 3.500,00 bij --bedrag; er staat \"\(bedrag)\".")
            }
        }

        func run() throws {
            guard let register = try opties.leesRegister() else { throw ExitCode(2) }
            let datum = try opties.leesDatum() ?? Datum.vandaag()
            let a: Aanvraag
            do {
                a = try AanvraagReader.read(path: aanvraag)
            } catch {
                Terminal.fout(error.description)
                throw ExitCode(2)
            }
            let r = FondsenZoeker(register: register).zoek(a, bedrag: bedrag.flatMap(Bedrag.lees), datum: datum)
            switch format {
            case .tekst: Terminal.uit(r.tekst(titel: a.project.titel), regeleinde: false)
            case .json: Terminal.uit(r.json.serialised())
            }
        }
    }
}
