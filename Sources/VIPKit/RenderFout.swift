import VIPDocument

/// A document that could not be rendered: which output file, and why.
public struct RenderFout: Error, Sendable, Equatable, CustomStringConvertible {
    /// The output file name, e.g. `brief-oranje-fonds.docx`.
    public var bestand: String
    public var fout: DocumentError

    public var description: String {
        "\(bestand) kon niet worden gemaakt: \(fout.errorDescription ?? "\(fout)")"
    }
}

/// Every document in every format, in that order (document by document), as output
/// files named `<stam>.<extensie>`. The one place where the package, the speed-date and
/// the review render their documents.
func renderAlle(_ documenten: [(naam: String, document: Document)], formaten: [DocumentFormat],
                sjablonen: TemplateSet) throws(RenderFout) -> [Pakket.Uitvoer] {
    var uit: [Pakket.Uitvoer] = []
    for (naam, document) in documenten {
        for formaat in formaten {
            let bestand = "\(naam).\(formaat.fileExtension)"
            do {
                uit.append(Pakket.Uitvoer(naam: bestand,
                                          bytes: try renderDocument(document, format: formaat, templates: sjablonen)))
            } catch {
                throw RenderFout(bestand: bestand, fout: error)
            }
        }
    }
    return uit
}
