import Foundation
import Testing
import VIPChecklist
import VIPKit

/// The documentation in docs/ that is generated from the code stays current.
@Suite struct DocsTests {
    /// docs/checklist.md is the output of `vip regels --format markdown` (`make docs`).
    @Test func checklistIsCurrent() throws {
        let path = Repo.path("docs/checklist.md")
        let onDisk = try String(contentsOfFile: path, encoding: .utf8)
        let generated = Regelsoverzicht.markdown()
        #expect(onDisk == generated, "docs/checklist.md is stale: run `make docs` and commit it")
        // Every rule has its own row, so a stale file cannot hide behind an empty catalogue.
        for regel in Catalogus.alle {
            #expect(onDisk.contains("| `\(regel.id)` | \(regel.ernst.rawValue) |"), "\(regel.id) in docs/checklist.md")
        }
    }

    /// The hand-written documents exist and name what they must describe.
    @Test func handWrittenDocsCoverTheirSubject() throws {
        let formaat = try String(contentsOfFile: Repo.path("docs/aanvraagformaat.md"), encoding: .utf8)
        for veld in ["formaat", "organisatie", "project", "begroting", "dekkingsplan", "fondsen", "bijlagen", "brief",
                     "negeer", "woordenlijst", "realisatie", "toegezegd_bedrag", "vip-aanvraag/1"] {
            #expect(formaat.contains("`\(veld)"), "\(veld) in docs/aanvraagformaat.md")
        }
        let cli = try String(contentsOfFile: Repo.path("docs/cli.md"), encoding: .utf8)
        let help = try VipBinary.run(["--help"])
        // Every subcommand that `vip --help` lists has a section of its own in docs/cli.md.
        let commands = help.stdout.split(separator: "\n").drop { !$0.hasPrefix("SUBCOMMANDO'S:") }.dropFirst()
            .prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }  // not the wrapped help lines
            .compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0.allSatisfy(\.isLowercase) }  // not "Hulp bij één subcommando: …"
        #expect(commands.count >= 7, "\(commands) from \(help.stdout)")
        for command in commands {
            #expect(cli.contains("## `vip \(command)"), "vip \(command) in docs/cli.md")
        }
    }
}
