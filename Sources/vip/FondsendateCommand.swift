import VIPOpdrachtregel
import Foundation
import VIPKit

/// `vip fondsendate`: the fund speed-date's overviews and schedule, for the organiser.
enum Fondsendate {
    static let opdracht = Opdracht(
        "fondsendate",
        samenvatting: "Maak de overzichten en het gespreksschema van een speeddate met fondsen.",
        uitleg: """
            Leest een bestand in het formaat vip-fondsendate/1 met het evenement, de fondsen en de projecten \
            (paden naar aanvragen, vanaf de map van dat bestand). Alleen aanvragen zonder fouten die de docent \
            heeft goedgekeurd (acceptabel: ja) worden toegelaten. Schrijft in ODT en DOCX: projectenoverzicht, \
            fondsenoverzicht, schema, agenda-fondsen, agenda-projecten en niet-toegelaten, plus schema.csv en \
            toelating.csv. Standaardmap: fondsendate/ naast het bestand. Uitgangscode 0: klaar (ook als projecten \
            niet zijn toegelaten); 2: het bestand kon niet worden gebruikt.
            """,
        argumenten: [.init("EVENEMENT", "Het bestand van de speeddate.")],
        opties: [.init("uit", waarde: "MAP", "De uitvoermap (standaard: fondsendate/ naast het bestand).")]) { invoer in
        switch SpeeddateOpdracht(klok: Terminal.klok).voerUit(invoer.argumenten[0], uit: invoer.optie("uit")) {
        case .success(let r):
            Terminal.uit(r.samenvatting + "\n\(r.geschreven.count) bestanden geschreven in \(r.map)")
            return 0
        case .failure(let fout):
            Terminal.fout(fout.description)
            return 2
        }
    }
}
