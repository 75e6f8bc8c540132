import VIPOpdrachtregel
import Foundation
import VIPKit
import VIPModel

/// `vip fondsen`: the fund register (na-het-besluit.md).
enum Fondsen {
    static let opdracht = Opdracht(
        "fondsen",
        samenvatting: "Zoek fondsen in een fondsenregister.",
        subopdrachten: [Zoek.opdracht])

    enum Zoek {
        static let opdracht = Opdracht(
            "zoek",
            samenvatting: "Welke fondsen uit het register passen bij de aanvraag, de beste eerst?",
            uitleg: "Een fonds past als het een thema met het project deelt, landelijk werkt of in de plaats van "
                + "het project, het bedrag binnen zijn bereik valt en de datum plus zijn beslistermijn vóór de start "
                + "van het project ligt. Fondsen die het dekkingsplan al noemt, staan apart.",
            argumenten: [.init("AANVRAAG", "Het aanvraagbestand.")],
            opties: RegisterOpties.opties + [
                .init("bedrag", waarde: "BEDRAG", "Het bedrag (standaard: het grootste bedrag dat u een fonds vraagt)."),
                Uitvoerformaat.optie,
            ],
            voerUit: run)

        static func run(_ invoer: Invoer) throws -> Int32 {
            let opties = RegisterOpties(invoer)
            let bedrag = invoer.optie("bedrag")
            guard opties.register != nil else { throw Opdrachtfout("Geef het register op met --register REGISTER.") }
            if let bedrag, Bedrag.lees(bedrag) == nil {
                throw Opdrachtfout("Verwacht een bedrag als 3500 of 3.500,00 bij --bedrag; er staat \"\(bedrag)\".")
            }
            guard let register = try opties.leesRegister() else { return 2 }
            let datum = try opties.leesDatum() ?? Datum.vandaag()
            let aanvraag = invoer.argumenten[0]
            let a: Aanvraag
            do {
                a = try AanvraagReader.read(path: aanvraag)
            } catch {
                Terminal.fout(error.description)
                return 2
            }
            let r = FondsenZoeker(register: register).zoek(a, bedrag: bedrag.flatMap(Bedrag.lees), datum: datum)
            switch Uitvoerformaat(rawValue: invoer.optie("format") ?? "") ?? .tekst {
            case .tekst: Terminal.uit(r.tekst(titel: a.project.titel), regeleinde: false)
            case .json: Terminal.uit(r.json.serialised())
            }
            return 0
        }
    }
}
