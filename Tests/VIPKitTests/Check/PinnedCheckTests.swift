import Foundation
import Testing
import VIPChecklist
import VIPKit

/// The check JSON of every sample and fixture, pinned as `vip check --format json` printed it
/// before the speed work of issue 21 (Tests/Fixtures/check/). Making the checklist or the
/// spell check faster must not change one finding, line or column.
@Suite struct PinnedCheckTests {
    static let bestanden = Repo.aanvragen

    func verwacht(_ bestand: String) throws -> String {
        let naam = ((bestand as NSString).lastPathComponent as NSString).deletingPathExtension
        let data = try #require(FileManager.default.contents(atPath: Repo.path("Tests/Fixtures/check/\(naam).json")))
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: bestanden)
    func checkJSONIsUnchanged(bestand: String) throws {
        // Read from the repository, named as `vip check` run in its root names it.
        var r = Checker().check(path: Repo.path(bestand))
        r.bestand = bestand
        #expect(CheckReport.json([r]) == (try verwacht(bestand)))
    }

    /// `vip build` runs only the rules that report fouten: the same fouten, in the same order,
    /// with the same messages, as the whole checklist's.
    @Test(arguments: bestanden)
    func theBuildsChecklistFindsTheSameFouten(bestand: String) throws {
        let alles = Checker(spelling: nil).check(path: Repo.path(bestand))
        let fouten = Bouwer.foutenchecker.check(path: Repo.path(bestand))
        #expect(fouten.bevindingen.filter { $0.ernst == .fout } == alles.bevindingen.filter { $0.ernst == .fout })
        #expect(fouten.isAf == alles.isAf)
    }

    /// The spec's example (spec/voorbeelden/steunpilaar.yaml), which the rule examples lay
    /// their fragments over.
    @Test func checkJSONOfTheSpecExampleIsUnchanged() throws {
        let r = Checker().check(bytes: Array(Baseline.yaml.utf8), bestand: "steunpilaar.yaml")
        #expect(CheckReport.json([r]) == (try verwacht("steunpilaar.yaml")))
    }
}
