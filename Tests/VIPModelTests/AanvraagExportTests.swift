import Foundation
import Testing
@testable import VIPModel

/// The export writes the model back as `vip-aanvraag/1`: reading it gives the same model.
@Suite struct AanvraagExportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func lees(_ tekst: String) throws -> Aanvraag {
        try AanvraagReader.parse(Array(tekst.utf8), bestand: "aanvraag.yaml")
    }

    /// Every value with its path, as text: two models with the same list are the same aanvraag.
    static func waarden(_ a: Aanvraag) -> [String] {
        Veldentabel.aanvraag.waarden(in: a).map { "\($0.pad)=\(String(describing: $0.waarde))" }
    }

    @Test(arguments: ["buurtmoestuin.yaml", "kinderfestival.yaml", "concept-vol-fouten.yaml"])
    func hetzelfdeModelTerug(_ naam: String) throws {
        let tekst = try String(contentsOf: Self.root.appendingPathComponent("Samples/\(naam)"), encoding: .utf8)
        let model = try Self.lees(tekst)
        let export = AanvraagExport.yaml(model)
        let terug = try Self.lees(export)
        #expect(Self.waarden(terug) == Self.waarden(model))
        #expect(Self.waarden(model).count > 20)
        #expect(AanvraagExport.yaml(terug) == export)
    }

    @Test func vijandigeTekstBlijftTekst() throws {
        var a = Aanvraag()
        let vijandig = "<script>alert(1)</script> \"><img src=x onerror=alert(1)> {{x}} \u{202E}omgekeerd: - [a] # \\ \t"
        a.project.titel = vijandig
        a.organisatie.naam = "12:30"
        a.begroting.posten = [Post()]
        a.begroting.posten[0].post = "- item"
        a.begroting.posten[0].prijs = Bedrag(cents: 123_450)
        a.begroting.posten[0].aantal = Hoeveelheid(hundredths: 150)
        let terug = try Self.lees(AanvraagExport.yaml(a))
        #expect(terug.project.titel == vijandig.trimmedText)
        #expect(terug.organisatie.naam == "12:30")
        #expect(terug.begroting.posten.first?.post == "- item")
        #expect(terug.begroting.posten.first?.prijs == Bedrag(cents: 123_450))
        #expect(terug.begroting.posten.first?.aantal == Hoeveelheid(hundredths: 150))
    }

    @Test func dubbelGeciteerdOntsnapt() {
        #expect(AanvraagExport.dubbelGeciteerd("a\"b\\c\nd\u{7}") == "\"a\\\"b\\\\c\\nd\\u0007\"")
    }
}
