import VIPOpdrachtregel
import Foundation
import VIPKit

/// `vip review`: the peer review of bijeenkomst 4 (review.md). Exit codes: 0 done, 1 an
/// identifying string was still found in a participant's copy (nothing written), 2 unusable
/// input (unreadable file, wrong number of files, bad CSV).
enum Review {
    static let opdracht = Opdracht(
        "review",
        samenvatting: "Maak de peer-review van bijeenkomst 4: drie geanonimiseerde aanvragen, een beoordelingsformulier "
            + "en een docentenblad.",
        uitleg: """
            Zonder subcommando: `vip review A.yaml B.yaml C.yaml` of `vip review --kies 3 POOL…`.
            Uitgangscodes: 0 klaar; 1 er stond nog een naam of nummer in een kopie voor de deelnemers (er is niets \
            geschreven); 2 de invoer kon niet worden gebruikt.
            """,
        subopdrachten: [Maak.opdracht, Combineer.opdracht],
        standaard: "maak")

    enum Maak {
        static let opdracht = Opdracht(
            "maak",
            samenvatting: "Maak de kopieën voor de deelnemers (MAP/deelnemers/) en het docentenblad (MAP/docent/).",
            uitleg: """
                De aanvragen krijgen de letters A, B en C in een geschudde volgorde die niet van de volgorde van de \
                bestanden afhangt. Zonder --zaad wordt het zaad afgeleid van de inhoud van de drie aanvragen; vip \
                toont het gebruikte zaad, en met dezelfde --zaad krijgt u dezelfde letters terug. Namen, adressen, telefoonnummers, e-mailadressen, websites, KvK-, RSIN- en \
                IBAN-nummers, partners en bestaande initiatieven worden vervangen, ook in de lopende tekst. Voordat er \
                iets wordt geschreven, doorzoekt vip elke kopie nog eens op al deze gegevens.
                """,
            argumenten: [.init("AANVRAAG", "Drie aanvraagbestanden, of met --kies een groep aanvragen.", aantal: .willekeurig)],
            opties: [
                .init("uit", waarde: "MAP", "De uitvoermap (standaard: review/ in de huidige map).", standaard: "review"),
                .init("zaad", waarde: "N", "Getal voor het schudden van de letters (standaard: afgeleid van de inhoud van de "
                      + "aanvragen)."),
                .init("kies", waarde: "N", "Kies zelf N aanvragen (alleen 3) waarvan de scores het verst uit elkaar liggen."),
            ],
            voerUit: run)

        static func run(_ invoer: Invoer) throws -> Int32 {
            let aanvragen = invoer.argumenten, uit = invoer.optie("uit") ?? "review"
            let zaad: UInt64? = try invoer.getal("zaad"), kies: Int? = try invoer.getal("kies")
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
                return 0
            } catch let fout as ReviewFout {
                Terminal.fout(fout.description)
                return Uitgang.code(fout)
            }
        }
    }

    enum Combineer {
        static let opdracht = Opdracht(
            "combineer",
            samenvatting: "Combineer de rangordes van de groepen (Schulze) en vergelijk ze met die van de docent.",
            uitleg: """
                RANGORDES.csv: per groep één regel met de drie letters, best eerst, gescheiden door komma's of \
                puntkomma's, eventueel met de naam van de groep vooraan ("groep 1,B,A,C"). Een kopregel en regels \
                die met # beginnen worden overgeslagen. De referentierangorde komt uit docentenblad.json; zonder dat \
                bestand laat vip de afstand weg.
                """,
            argumenten: [.init("RANGORDES.csv", "Het CSV-bestand met de rangordes.")],
            opties: [.init("docentenblad", waarde: "PAD", "Het docentenblad (standaard: review/docent/docentenblad.json).")],
            voerUit: run)

        static func run(_ invoer: Invoer) throws -> Int32 {
            let bestand = invoer.argumenten[0], docentenblad = invoer.optie("docentenblad")
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
                return 0
            } catch let fout as ReviewFout {
                Terminal.fout(fout.description)
                return Uitgang.code(fout)
            }
        }
    }
}
