import Testing
import VIPChecklist
import VIPModel
@testable import VIPKit

/// The examples of rules that need the generated documents (brief_lengte), run with
/// the services VIPKit wires; the other rules' examples run in VIPChecklistTests.
@Suite struct RuleExamplesWithDocumentsTests {
    @Test func briefLengteExamples() throws {
        let regel = try #require(Catalogus.alle.first { $0.id == "brief_lengte" })
        #expect(!regel.fout.isEmpty)
        let checker = Checker()
        for v in regel.goed + [Voorbeeld("")] {
            let a = try Overlay.aanvraag(base: Baseline.yaml, patch: v.yaml)
            #expect(try checker.check(a).filter { $0.regel == "brief_lengte" }.isEmpty, "\(v.yaml)")
        }
        for v in regel.fout {
            let a = try Overlay.aanvraag(base: Baseline.yaml, patch: v.yaml)
            let hits = try checker.check(a).filter { $0.regel == "brief_lengte" }
            #expect(hits.contains { $0.pad == v.pad && $0.ernst == (v.ernst ?? regel.ernst) }, "\(hits)")
        }
    }

    @Test func shortLetterIsReportedAsShort() throws {
        let a = try Overlay.aanvraag(base: Baseline.yaml, patch: """
            project:
              aanleiding: Er is geen plek.
              samenvatting: Een spreekuur.
              activiteiten: [{naam: Spreekuur, omschrijving: Wekelijks., uitvoerders: [Aarti Ramdin], uren: 10, fase: ontlasten, start: 2011-09-01, eind: 2011-10-01}]
            bijlagen: [{titel: Statuten, soort: statuten}, {titel: Uittreksel, soort: kvk-uittreksel}]
            """)
        let hit = try #require(try Checker().check(a).first { $0.regel == "brief_lengte" })
        #expect(hit.melding.contains("maar ongeveer"))
    }

    @Test func baselineIsCleanWithEveryService() throws {
        let a = try AanvraagReader.parse(Baseline.yaml)
        let found = try Checker().check(a)
        #expect(found.isEmpty, "\(found.map { "\($0.regel): \($0.melding)" })")
    }
}
