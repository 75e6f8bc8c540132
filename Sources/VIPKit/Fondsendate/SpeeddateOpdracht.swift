import Foundation
import VIPDocument
import VIPModel

/// `vip fondsendate EVENEMENT.yaml [--uit MAP]`: read, gate, plan, write.
///
/// Exit codes (cli.md): 2 when the event file cannot be used or nothing can be written;
/// otherwise 0 — refused projects are normal output, listed in `niet-toegelaten` and
/// `toelating.csv`.
public struct SpeeddateOpdracht: Sendable {
    public var checker: Checker
    public var formaten: [DocumentFormat]
    public var sjablonen: TemplateSet

    public init(checker: Checker = Checker(), formaten: [DocumentFormat] = [.odt, .docx],
                sjablonen: TemplateSet = .standard) {
        self.checker = checker
        self.formaten = formaten
        self.sjablonen = sjablonen
    }

    /// Default output folder: `fondsendate/` next to the event file.
    public static func standaardMap(voor bestand: String) -> String {
        let dir = (bestand as NSString).deletingLastPathComponent
        return ((dir.isEmpty ? "." : dir) as NSString).appendingPathComponent("fondsendate")
    }

    /// Every output file, made in memory first so that a failure writes nothing.
    public func maak(_ s: Speeddate) throws(BuildFout) -> [Pakket.Uitvoer] {
        var files: [Pakket.Uitvoer] = []
        for (naam, doc) in SpeeddateDocumenten.alle(s) {
            for formaat in formaten {
                let bestand = "\(naam).\(formaat.fileExtension)"
                do {
                    files.append(Pakket.Uitvoer(naam: bestand, bytes: try renderDocument(doc, format: formaat,
                                                                                          templates: sjablonen)))
                } catch {
                    throw BuildFout(melding: "\(s.evenement.bestand): \(bestand) kon niet worden gemaakt: "
                        + ((error as? LocalizedError)?.errorDescription ?? "\(error)"))
                }
            }
        }
        files.append(Pakket.Uitvoer(naam: "schema.csv", bytes: Array(s.schemaCSV.utf8)))
        files.append(Pakket.Uitvoer(naam: "toelating.csv", bytes: Array(s.toelatingCSV.utf8)))
        return files
    }

    /// Runs the whole command; `melding` is the summary (exit 0) or the error (exit 2).
    public func voerUit(_ bestand: String, uit: String? = nil) -> BuildResultaat {
        let evenement: Evenement
        do {
            evenement = try EvenementReader.read(path: bestand, limits: checker.limits)
        } catch {
            return BuildResultaat(bestand: bestand, exitCode: 2, melding: error.description)
        }
        let map = uit ?? Self.standaardMap(voor: bestand)
        do {
            try Uitvoermap.controleer(map, invoer: [bestand] + evenement.projecten.map { evenement.pad(van: $0) })
        } catch {
            return BuildResultaat(bestand: bestand, exitCode: error.exitCode, melding: error.melding)
        }
        let s = Speeddate(evenement: evenement, checker: checker)
        if let fout = s.middernachtFout {
            return BuildResultaat(bestand: bestand, exitCode: 2, melding: fout.description)
        }
        do {
            let files = try maak(s)
            try Uitvoermap.schrijf(files, naar: map)
            return BuildResultaat(bestand: bestand, exitCode: 0,
                                  geschreven: files.map { (map as NSString).appendingPathComponent($0.naam) },
                                  melding: s.samenvatting + "\n\(files.count) bestanden geschreven in \(map)")
        } catch {
            return BuildResultaat(bestand: bestand, exitCode: error.exitCode, melding: error.melding)
        }
    }
}
