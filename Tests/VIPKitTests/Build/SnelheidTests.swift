import Foundation
import Testing
import VIPChecklist
import VIPModel
import VIPSpelling
@testable import VIPKit

/// The shortcuts of issue 12 keep behaviour: the dictionary is loaded only for prose,
/// and the line splitting on bytes splits as `split(separator: "\n")` does.
@Suite struct SnelheidTests {
    static let zonderProza = """
        formaat: vip-aanvraag/1
        organisatie:
          naam: Stichting Zonder Tekst
        """

    @Test func noProseLoadsNoDictionary() throws {
        let deferred = try #require(Hunspell.Deferred(dictionary: "nl"))
        let a = try AanvraagReader.parse(Self.zonderProza)
        #expect(!Checklist.heeftProza(a))
        let bevindingen = try Checker(spelling: deferred).check(a)
        #expect(!bevindingen.isEmpty)   // plenty missing, but no spelling to check
        #expect(!deferred.isLoaded)
    }

    @Test func proseGivesTheFindingsOfTheLoadedDictionary() throws {
        let a = try AanvraagReader.read(path: Repo.path("Samples/buurtmoestuin.yaml"))
        let tekst = try String(contentsOfFile: Repo.path("Samples/buurtmoestuin.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "bewoners bij elkaar", with: "bewonrs bij elkaar")
        let fout = try AanvraagReader.parse(tekst)
        #expect(Checklist.heeftProza(a))
        let deferred = try #require(Hunspell.Deferred(dictionary: "nl"))
        for aanvraag in [a, fout] {
            let lazy = try Checker(spelling: deferred).check(aanvraag)
            let eager = try Checker(spelling: Hunspell.dutch).check(aanvraag)
            #expect(lazy.map(\.melding) == eager.map(\.melding))
        }
        #expect(deferred.isLoaded)
    }

    @Test func linesSplitAsStringSplitDoes() {
        for s in ["", "\n", "a", "a\nb", "a\n\nb\n", "\r\na\r\nb", "é\nñ\u{301}\n", "x\r\n\ny", "\n\n\n"] {
            #expect(s.lines == s.split(separator: "\n", omittingEmptySubsequences: false), "\(s.debugDescription)")
        }
        let delen = ["\n", "\r", "\r\n", "a", "é", "\u{301}", "€", "𝄞", " ", "\n\n"]
        var g = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let s = (0..<Int.random(in: 0...10, using: &g)).map { _ in delen.randomElement(using: &g)! }.joined()
            #expect(s.lines == s.split(separator: "\n", omittingEmptySubsequences: false), "\(s.debugDescription)")
        }
    }
}
