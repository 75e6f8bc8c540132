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

@Suite struct DeferredSpellingTests {
    /// Loading the dictionary on first use changes nothing in the findings. Suggestions are
    /// compared without their text: hunspell stops looking for suggestions after a budget of
    /// process CPU time (`clock()`), which the other tests running in parallel in this process
    /// use up at random, so the same word may or may not get one here.
    @Test func deferredDictionaryGivesTheSameFindings() throws {
        let a = try AanvraagReader.parse(Baseline.yaml.replacingOccurrences(
            of: "  vervolg: >", with: "  vervolg: >\n    Een wijk-inisiatief voor vadergroepn en buurtbewonrs."))
        let deferred = try #require(Hunspell.Deferred(dictionary: "nl"))
        #expect(!deferred.isLoaded)
        let eager = try Checklist().check(CheckContext(aanvraag: a, spelling: Hunspell.dutch)).filter { $0.regel == "spelling" }
        let lazy = try Checklist().check(CheckContext(aanvraag: a, spelling: deferred)).filter { $0.regel == "spelling" }
        #expect(!eager.isEmpty)
        let zonderSuggestie = { (m: String) in
            m.replacingOccurrences(of: #"\(regel (\d+), [^)]*\?\)"#, with: "(regel $1)", options: .regularExpression)
        }
        #expect(lazy.map { zonderSuggestie($0.melding) } == eager.map { zonderSuggestie($0.melding) })
        #expect(lazy.map(\.pad) == eager.map(\.pad))
        #expect(deferred.isLoaded)
    }

    /// A background load and a lookup that waits for it give the same answers.
    @Test func prefetchThenLookUp() throws {
        let deferred = try #require(Hunspell.Deferred(dictionary: "nl"))
        deferred.prefetch()
        deferred.prefetch()
        #expect(deferred.isCorrect("fietsenstalling") && !deferred.isCorrect("fietsenstaling"))
        #expect(deferred.isLoaded)
    }

    @Test func aMissingDictionaryIsNil() {
        #expect(Hunspell.Deferred(dictionary: "nl", folders: ["/nonexistent"]) == nil)
    }
}
