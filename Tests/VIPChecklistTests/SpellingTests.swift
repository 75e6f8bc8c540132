import Testing
import VIPModel
import VIPSpelling
@testable import VIPChecklist

@Suite struct SpellingTests {
    func spelling(_ yaml: String) throws -> [Bevinding] {
        let a = try AanvraagReader.parse(Baseline.yaml + "\n" + yaml)
        return try Checklist().check(CheckContext(aanvraag: a, spelling: Hunspell.dutch)).filter { $0.regel == "spelling" }
    }

    @Test func namesTheLineOfEachUnknownWordInsideAFoldedText() throws {
        let a = try AanvraagReader.parse(Baseline.yaml.replacingOccurrences(
            of: "    maatschappelijk werk; de tweede fase richt zich op vadergroepen.",
            with: "    maatschappelijk werk; de tweede fase richt zich op vadergroepn."))
        let hits = try Checklist().check(CheckContext(aanvraag: a, spelling: Hunspell.dutch)).filter { $0.regel == "spelling" }
        let hit = try #require(hits.first)
        let line = Baseline.yaml.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("richt zich op vadergroepen.") }! + 1
        #expect(hit.pad == "project.vervolg")
        #expect(hit.melding.contains("\"vadergroepn\" (regel \(line)"), "\(hit.melding)")
    }

    @Test func hyphenatedCompoundsAreCheckedPerPart() throws {
        #expect(try spelling("").isEmpty)
        let a = try AanvraagReader.parse(Baseline.yaml.replacingOccurrences(
            of: "  vervolg: >", with: "  vervolg: >\n    Een buurt-initiatief en een wijk-inisiatief."))
        let hits = try Checklist().check(CheckContext(aanvraag: a, spelling: Hunspell.dutch)).filter { $0.regel == "spelling" }
        #expect(hits.count == 1)
        #expect(hits.first?.melding.contains("wijk-inisiatief") == true)
        #expect(hits.first?.melding.contains("buurt-initiatief") == false)
    }
}
