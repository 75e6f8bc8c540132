import Foundation
import Testing
import VIPModel
import VIPSpelling
@testable import VIPChecklist

/// Rules whose examples need services that only VIPKit wires (the generated letter);
/// their examples run in VIPKitTests.
let needsDocuments: Set<String> = ["brief_lengte"]

let checklistSpec: String = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent("../shared/spec/checklist.md").standardized.path
}()

/// The rows of the catalogue table in checklist.md: id and ernst.
func specRules() throws -> [(id: String, ernst: String)] {
    let text = try String(contentsOfFile: checklistSpec, encoding: .utf8)
    return text.split(separator: "\n").compactMap { line in
        let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        guard cells.count >= 4, cells[0].hasPrefix("`"), cells[0].hasSuffix("`") else { return nil }
        return (String(cells[0].dropFirst().dropLast()), cells[1])
    }
}

func sourceLocation(_ v: Voorbeeld) -> SourceLocation {
    let name = URL(fileURLWithPath: v.file).lastPathComponent
    return SourceLocation(fileID: "VIPChecklist/\(name)", filePath: v.file, line: v.line, column: 1)
}

func findings(_ v: Voorbeeld, spelling: (any Spelling)? = nil) throws -> [Bevinding] {
    let a = try Overlay.aanvraag(base: Baseline.yaml, patch: v.yaml)
    return try Checklist().check(CheckContext(aanvraag: a, spelling: spelling))
}

@Suite struct CatalogueTests {
    @Test func registryMatchesTheSpecCatalogue() throws {
        let spec = try specRules()
        #expect(spec.count >= 65)
        let ours = Catalogus.alle.map(\.id)
        #expect(Set(ours).count == ours.count, "duplicate rule ids")
        #expect(Set(spec.map(\.id)) == Set(ours))
        for row in spec {
            #expect(Catalogus.alle.first { $0.id == row.id }?.ernst.rawValue == row.ernst, "severity of \(row.id)")
        }
    }

    @Test func everyRuleDescribesItself() {
        for r in Catalogus.alle {
            #expect(!r.beschrijving.isEmpty && !r.bron.isEmpty, "\(r.id)")
            #expect(Catalogus.onderdelen.contains(r.onderdeel), "\(r.id)")
            if !needsDocuments.contains(r.id) {
                #expect(!r.fout.isEmpty, "\(r.id) has no failing example")
            }
        }
    }

    @Test func baselineHasNoFindingsAtAll() throws {
        let found = try findings(Voorbeeld(""), spelling: TestSpelling.shared).filter { !needsDocuments.contains($0.regel) }
        #expect(found.isEmpty, "\(found.map { "\($0.regel) \($0.pad): \($0.melding)" })")
    }

    @Test(arguments: Catalogus.alle.map(\.id).filter { !needsDocuments.contains($0) })
    func examples(_ id: String) throws {
        let regel = try #require(Catalogus.alle.first { $0.id == id })
        for v in regel.goed {
            let hits = try findings(v, spelling: TestSpelling.shared).filter { $0.regel == id && !$0.onderdrukt }
            if !hits.isEmpty {
                Issue.record("passing example of \(id) reported: \(hits.map { "\($0.pad): \($0.melding)" })",
                             sourceLocation: sourceLocation(v))
            }
        }
        for v in regel.fout {
            let hits = try findings(v, spelling: TestSpelling.shared).filter { $0.regel == id }
            let ernst = v.ernst ?? regel.ernst
            if !hits.contains(where: { $0.pad == (v.pad ?? $0.pad) && $0.ernst == ernst }) {
                let got = hits.map { "\($0.ernst) \($0.pad)" }
                Issue.record("failing example of \(id) not reported at \(v.pad ?? "?") as \(ernst); got \(got)",
                             sourceLocation: sourceLocation(v))
            }
        }
    }

    @Test func negeerSuppressesWaarschuwingenButNotFouten() throws {
        let yaml = "negeer:\n  - regel: bestuur_en_uitvoering\n    reden: Kleine groep.\n"
            + "project:\n  projectleider: Fatima Bouzid"
        let warn = try findings(Voorbeeld(yaml))
        let hit = try #require(warn.first { $0.regel == "bestuur_en_uitvoering" })
        #expect(hit.onderdrukt && hit.reden == "Kleine groep.")
        let fout = try findings(Voorbeeld("negeer:\n  - regel: iban\n    reden: x\norganisatie:\n  iban: ~"))
        let f = try #require(fout.first { $0.regel == "iban" })
        #expect(!f.onderdrukt && f.ernst == .fout)
        #expect(!fout.isAf)
    }

    @Test func unknownRuleInNegeerIsAReadingError() throws {
        #expect(throws: LeesFout.self) { try findings(Voorbeeld("negeer:\n  - regel: ibn\n")) }
    }

    @Test func findingsCarryTheirPlaceInTheFile() throws {
        let a = try AanvraagReader.parse(Baseline.yaml.replacingOccurrences(of: "iban: NL91ABNA0417164300",
                                                                           with: "iban: NL00ABNA0417164300"),
                                         bestand: "x.yaml")
        let f = try #require(try Checklist().check(CheckContext(aanvraag: a)).first { $0.regel == "iban" })
        let line = Baseline.yaml.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("iban: NL91") }! + 1
        #expect(f.mark == SourceMark(line: line, column: 9))
    }
}

/// The real Dutch dictionary (hunspell-nl); the tests require it, as `make setup` installs it.
enum TestSpelling {
    static let shared: (any Spelling)? = Hunspell.dutch
}
