import ArgumentParser
import VIPOpdrachtregel
import Foundation
import VIPKit

/// `vip review`: the peer review of bijeenkomst 4 (review.md). Exit codes: 0 done, 1 an
/// identifying string was still found in a participant's copy (nothing written), 2 unusable
/// input (unreadable file, wrong number of files, bad CSV).
struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Maak de peer-review van bijeenkomst 4: drie geanonimiseerde aanvragen, een beoordelingsformulier "
            + "en een docentenblad.",
        discussion: """
            Zonder subcommando: `vip review A.yaml B.yaml C.yaml` of `vip review --kies 3 POOL…`.
            Uitgangscodes: 0 klaar; 1 er stond nog een naam of nummer in een kopie voor de deelnemers (er is niets \
            geschreven); 2 de invoer kon niet worden gebruikt.
            """,
        subcommands: [Maak.self, Combineer.self],
        defaultSubcommand: Maak.self,
        helpNames: [.short, .long, .customLong("hulp")]
    )

    struct Maak: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "maak",
            abstract: "Maak de kopieën voor de deelnemers (MAP/deelnemers/) en het docentenblad (MAP/docent/).",
            discussion: """
                De aanvragen krijgen de letters A, B en C in een geschudde volgorde die niet van de volgorde van de \
                bestanden afhangt. Zonder --zaad wordt het zaad afgeleid van de inhoud van de drie aanvragen; vip \
                toont het gebruikte zaad, en met dezelfde --zaad krijgt u dezelfde letters terug. Namen, adressen, telefoonnummers, e-mailadressen, websites, KvK-, RSIN- en \
                IBAN-nummers, partners en bestaande initiatieven worden vervangen, ook in de lopende tekst. Voordat er \
                iets wordt geschreven, doorzoekt vip elke kopie nog eens op al deze gegevens.
                """,
            helpNames: [.short, .long, .customLong("hulp")]
        )

        @Argument(help: ArgumentHelp("Drie aanvraagbestanden, of met --kies een groep aanvragen.", valueName: "AANVRAAG"))
        var aanvragen: [String] = []

        @Option(name: .long, help: ArgumentHelp("De uitvoermap (standaard: review/ in de huidige map).", valueName: "MAP"))
        var uit: String = "review"

        @Option(name: .long, help: ArgumentHelp("Getal voor het schudden van de letters (standaard: afgeleid van de "
                                                + "inhoud van de aanvragen).", valueName: "N"))
        var zaad: UInt64?

        @Option(name: .long, help: ArgumentHelp("Kies zelf N aanvragen (alleen 3) waarvan de scores het verst uit elkaar liggen.",
                                                valueName: "N"))
        var kies: Int?

        func run() throws {
            let review = Peerreview(klok: Terminal.klok)
            do {
                if kies == nil && aanvragen.count != 3 {
                    throw ReviewFout.geenDrie(gegeven: aanvragen.count)
                }
                var gelezen = try review.lees(aanvragen)
                if let kies { gelezen = try review.kies(gelezen, aantal: kies) }
                let uitvoer = try review.maak(gelezen, zaad: zaad)
                try Peerreview.schrijf(uitvoer, naar: uit, invoer: aanvragen)
                Terminal.uit("Zaad: \(uitvoer.zaad) (herhaal met --zaad \(uitvoer.zaad))")
                for t in uitvoer.toewijzing.sorted(by: { $0.letter < $1.letter }) {
                    let score = uitvoer.docentenblad.aanvragen.first { $0.letter == t.letter }?.beoordeling.score ?? 0
                    Terminal.uit("Aanvraag \(t.letter): \(t.bestand) (score \(score))")
                }
                Terminal.uit("Referentierangorde: \(uitvoer.docentenblad.rangorde.joined(separator: ", "))")
                Terminal.uit("Voor de deelnemers: \(uitvoer.deelnemers.count) bestanden in "
                    + "\((uit as NSString).appendingPathComponent("deelnemers"))")
                Terminal.uit("Voor de docent: \(uitvoer.docent.count) bestanden in \((uit as NSString).appendingPathComponent("docent"))")
            } catch let fout as ReviewFout {
                Terminal.fout(fout.description)
                throw ExitCode(Uitgang.code(fout))
            }
        }
    }

    struct Combineer: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "combineer",
            abstract: "Combineer de rangordes van de groepen (Schulze) en vergelijk ze met die van de docent.",
            discussion: """
                RANGORDES.csv: per groep één regel met de drie letters, best eerst, gescheiden door komma's of \
                puntkomma's, eventueel met de naam van de groep vooraan ("groep 1,B,A,C"). Een kopregel en regels \
                die met # beginnen worden overgeslagen. De referentierangorde komt uit docentenblad.json; zonder dat \
                bestand laat vip de afstand weg.
                """,
            helpNames: [.short, .long, .customLong("hulp")]
        )

        @Argument(help: ArgumentHelp("Het CSV-bestand met de rangordes.", valueName: "RANGORDES.csv"))
        var bestand: String

        @Option(name: .long, help: ArgumentHelp("Het docentenblad (standaard: review/docent/docentenblad.json).",
                                                valueName: "PAD"))
        var docentenblad: String?

        func run() throws {
            do {
                guard let data = FileManager.default.contents(atPath: bestand) else {
                    throw ReviewFout.bestandOnleesbaar(bestand)
                }
                let groepen = try VIPKit.Combineer.lees(String(decoding: data, as: UTF8.self), bestand: bestand)
                var referentie: [String]?
                let pad = docentenblad ?? "review/docent/docentenblad.json"
                if let json = FileManager.default.contents(atPath: pad) {
                    referentie = try VIPKit.Combineer.referentie(json: json, bestand: pad)
                } else if docentenblad != nil {
                    throw ReviewFout.docentenbladOnleesbaar(pad)
                } else {
                    Terminal.fout("Let op: \(pad) niet gevonden; de afstand tot de rangorde van de docent wordt "
                        + "weggelaten. Geef het docentenblad met --docentenblad PAD.")
                }
                let uitslag = try VIPKit.Combineer.combineer(groepen, referentie: referentie)
                Terminal.uit(VIPKit.Combineer.tabel(uitslag), regeleinde: false)
            } catch let fout as ReviewFout {
                Terminal.fout(fout.description)
                throw ExitCode(Uitgang.code(fout))
            }
        }
    }
}
