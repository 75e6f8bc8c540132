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
                sjablonen: TemplateSet, gelijktijdig: Bool = false) throws(RenderFout) -> [Pakket.Uitvoer] {
    let taken = documenten.flatMap { d in formaten.map { (naam: "\(d.naam).\($0.fileExtension)", document: d.document, formaat: $0) } }
    let uitkomsten = inVolgorde(taken.count, gelijktijdig: gelijktijdig) { i in
        Result { () throws(DocumentError) -> [UInt8] in
            try renderDocument(taken[i].document, format: taken[i].formaat, templates: sjablonen)
        }
    }
    var uit: [Pakket.Uitvoer] = []
    for (taak, uitkomst) in zip(taken, uitkomsten) {
        switch uitkomst {
        case .success(let bytes): uit.append(Pakket.Uitvoer(naam: taak.naam, bytes: bytes))
        case .failure(let fout): throw RenderFout(bestand: taak.naam, fout: fout)
        }
    }
    return uit
}
