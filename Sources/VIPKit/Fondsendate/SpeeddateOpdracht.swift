import Foundation
import VIPDocument
import VIPModel

/// `vip fondsendate EVENEMENT.yaml [--uit MAP]`: read, gate, plan, write.
///
/// A `BuildFout` when the event file cannot be used or nothing can be written (exit 2,
/// cli.md); refused projects are normal output, listed in `niet-toegelaten` and
/// `toelating.csv`.
public struct SpeeddateOpdracht: Sendable {
    public var checker: Checker
    public var formaten: [DocumentFormat]
    public var sjablonen: TemplateSet
    /// The date in the documents' metadata (the executable passes SOURCE_DATE_EPOCH).
    public var klok: Klok

    public init(checker: Checker = Checker(), formaten: [DocumentFormat] = [.odt, .docx],
                sjablonen: TemplateSet = .standard, klok: Klok = Klok()) {
        self.checker = checker
        self.formaten = formaten
        self.sjablonen = sjablonen
        self.klok = klok
    }

    /// What a run wrote.
    public struct Resultaat: Sendable {
        /// The planning in a few lines (admitted, refused, rounds).
        public var samenvatting: String
        public var map: String
        /// Full paths.
        public var geschreven: [String]
    }

    /// Default output folder: `fondsendate/` next to the event file.
    public static func standaardMap(voor bestand: String) -> String {
        let dir = (bestand as NSString).deletingLastPathComponent
        return ((dir.isEmpty ? "." : dir) as NSString).appendingPathComponent("fondsendate")
    }

    /// Every output file, made in memory first so that a failure writes nothing.
    public func maak(_ s: Speeddate) throws(BuildFout) -> [Pakket.Uitvoer] {
        var files: [Pakket.Uitvoer]
        do {
            files = try renderAlle(SpeeddateDocumenten.alle(s, klok: klok), formaten: formaten, sjablonen: sjablonen)
        } catch {
            throw .document(bron: s.evenement.bestand, error)
        }
        files.append(Pakket.Uitvoer(naam: "schema.csv", bytes: Array(s.schemaCSV.utf8)))
        files.append(Pakket.Uitvoer(naam: "toelating.csv", bytes: Array(s.toelatingCSV.utf8)))
        return files
    }

    /// The names `maak` gives its files, in its order, without rendering them (for a list of
    /// downloads).
    public func namen(_ s: Speeddate) -> [String] {
        SpeeddateDocumenten.alle(s, klok: klok).flatMap { d in formaten.map { "\(d.naam).\($0.fileExtension)" } }
            + ["schema.csv", "toelating.csv"]
    }

    /// Runs the whole command.
    public func voerUit(_ bestand: String, uit: String? = nil) -> Result<Resultaat, BuildFout> {
        let evenement: Evenement
        do {
            evenement = try EvenementReader.read(path: bestand, limits: checker.limits)
        } catch {
            return .failure(.leesfout(error))
        }
        let map = uit ?? Self.standaardMap(voor: bestand)
        do {
            try Uitvoermap.controleer(map, invoer: [bestand] + evenement.projecten.map { evenement.pad(van: $0) })
            let s = Speeddate(evenement: evenement, checker: checker)
            // Planned rounds that pass midnight are refused before anything is written.
            if let fout = s.middernachtFout { return .failure(.leesfout(fout)) }
            let files = try maak(s)
            try Uitvoermap.schrijf(files, naar: map)
            return .success(Resultaat(samenvatting: s.samenvatting, map: map,
                                      geschreven: files.map { (map as NSString).appendingPathComponent($0.naam) }))
        } catch {
            return .failure(error)
        }
    }
}
