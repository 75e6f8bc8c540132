import Foundation
import Testing

/// Limits and hostile input (issue 6): every case is refused with a Dutch message and
/// exit 2, through the real CLI, quickly and without touching the input.
@Suite struct HostileInputTests {
    /// Writes `bytes` to a fresh file and runs `vip check` on it.
    func check(_ bytes: [UInt8], name: String = "aanvraag.yaml") throws
        -> (status: Int32, output: String, seconds: Double) {
        let dir = Repo.tempDir("vip-limits")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let start = Date()
        let r = try VipBinary.run(["check", path])
        return (r.status, r.stdout + r.stderr, Date().timeIntervalSince(start))
    }

    func check(_ text: String) throws -> (status: Int32, output: String, seconds: Double) {
        try check(Array(text.utf8))
    }

    @Test func fileAboveSizeLimit() throws {
        // 17 MB of valid YAML comments: only the size is wrong.
        var bytes = Array("formaat: vip-aanvraag/1\n".utf8)
        let line = Array(("# " + String(repeating: "x", count: 1021) + "\n").utf8)
        while bytes.count < 17 * 1_048_576 { bytes += line }
        let r = try check(bytes)
        #expect(r.status == 2)
        #expect(r.output.contains("groter dan 16 MB"), "\(r.output.prefix(300))")
        #expect(r.seconds < 30, "hang guard, not a speed test")
    }

    @Test func deepNesting() throws {
        let r = try check("formaat: vip-aanvraag/1\nproject: " + String(repeating: "[", count: 200)
                          + String(repeating: "]", count: 200) + "\n")
        #expect(r.status == 2)
        #expect(r.output.contains("te diep genest"), "\(r.output)")
    }

    @Test func deepNestingOfBlockMappings() throws {
        var text = "formaat: vip-aanvraag/1\n"
        for level in 0..<100 { text += String(repeating: " ", count: level) + "k\(level):\n" }
        let r = try check(text)
        #expect(r.status == 2)
        #expect(r.output.contains("te diep genest"), "\(r.output)")
    }

    @Test func tooManyAliases() throws {
        var text = "formaat: vip-aanvraag/1\nwoordenlijst:\n  - &w tuin\n"
        for _ in 0..<1_500 { text += "  - *w\n" }
        let r = try check(text)
        #expect(r.status == 2)
        #expect(r.output.contains("meer dan 1000 verwijzingen"), "\(r.output)")
    }

    /// Billion laughs: ten levels of ten aliases, 10^10 nodes once expanded. Refused by the
    /// reader's node limit, not by expanding it. The time bound only catches a hang (the
    /// expansion would take hours); speed is `make bench`'s business.
    @Test func aliasBombIsRefusedWithoutExpanding() throws {
        var text = "formaat: vip-aanvraag/1\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...9 {
            text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let r = try check(text)
        #expect(r.status == 2)
        #expect(r.output.contains("te groot"), "\(r.output)")
        #expect(r.seconds < 30, "aliasbom duurde \(r.seconds) s")
    }

    @Test func binaryJunk() throws {
        // Deterministic junk with NUL bytes, as a zip or an image would be.
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        var bytes: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]
        for _ in 0..<4096 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(UInt8(truncatingIfNeeded: seed >> 56))
        }
        let r = try check(bytes)
        #expect(r.status == 2)
        #expect(r.output.contains("binaire gegevens"), "\(r.output)")
    }

    @Test func invalidUTF8() throws {
        // Latin-1 "ë" (0xEB) where UTF-8 is expected, as an old editor saves it.
        let r = try check(Array("formaat: vip-aanvraag/1\norganisatie:\n  naam: Stichting Re".utf8) + [0xEB]
                          + Array("l\n".utf8))
        #expect(r.status == 2)
        #expect(r.output.contains("geen geldige UTF-8"), "\(r.output)")
    }

    @Test func emptyFile() throws {
        for bytes in [[], Array("\n\n".utf8), Array("# alleen commentaar\n".utf8)] as [[UInt8]] {
            let r = try check(bytes)
            #expect(r.status == 2)
            #expect(r.output.contains("leeg"), "\(r.output)")
        }
    }

    @Test func directoryGivenAsFile() throws {
        let dir = Repo.tempDir("vip-limits")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try VipBinary.run(["check", dir])
        #expect(r.status == 2)
        #expect((r.stdout + r.stderr).contains("Dit is een map, geen bestand"), "\(r.stdout + r.stderr)")
    }

    @Test func missingFile() throws {
        let r = try VipBinary.run(["check", Repo.tempDir("vip-limits") + "/bestaat-niet.yaml"])
        #expect(r.status == 2)
        #expect((r.stdout + r.stderr).contains("bestaat niet"), "\(r.stdout + r.stderr)")
    }

    /// chmod 000 does not stop root (CI runs as root), so the test runs only for other users.
    @Test(.enabled(if: getuid() != 0, "root kan elk bestand lezen")) func unreadableFile() throws {
        let dir = Repo.tempDir("vip-limits")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/aanvraag.yaml"
        try String(contentsOfFile: Repo.path("Samples/buurtmoestuin.yaml"), encoding: .utf8)
            .write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0)
        defer { chmod(path, 0o644) }
        let r = try VipBinary.run(["check", path])
        #expect(r.status == 2)
        #expect((r.stdout + r.stderr).contains("kan niet worden gelezen"), "\(r.stdout + r.stderr)")
    }

    /// An output folder below a regular file cannot be made, also not by root: nothing
    /// is written and the input keeps its bytes.
    @Test func outputFolderThatCannotBeWritten() throws {
        let dir = Repo.tempDir("vip-limits")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = dir + "/aanvraag.yaml"
        let original = try Data(contentsOf: URL(fileURLWithPath: Repo.path("Samples/buurtmoestuin.yaml")))
        try original.write(to: URL(fileURLWithPath: input))
        let blocker = dir + "/gewoon-bestand"
        try Data("geen map".utf8).write(to: URL(fileURLWithPath: blocker))
        let before = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()

        let r = try VipBinary.run(["build", input, "--uit", blocker + "/uit"])
        #expect(r.status == 2)
        #expect((r.stdout + r.stderr).contains("De uitvoermap"), "\(r.stdout + r.stderr)")
        #expect((r.stdout + r.stderr).contains("kan niet worden gemaakt"), "\(r.stdout + r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == original, "de invoer is veranderd")
        #expect(try Data(contentsOf: URL(fileURLWithPath: blocker)) == Data("geen map".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == before,
                "er is iets geschreven naast de invoer")
    }

    /// Ordinary input, only large: 10 000 begroting posts stay far below every limit.
    @Test func tenThousandPostsAreOrdinaryInput() throws {
        let sample = try String(contentsOfFile: Repo.path("Samples/buurtmoestuin.yaml"), encoding: .utf8)
        let start = try #require(sample.range(of: "begroting:\n  posten:\n"))
        let end = try #require(sample.range(of: "  toelichting: >", range: start.upperBound..<sample.endIndex))
        var posts = """
            - post: Ontwerp en begeleiding aanleg door hovenier (pro deo)
              categorie: deskundigheid
              aantal: 24
              eenheid: uur
              prijs: 55
              inzet: pro-deo
              onderbouwing: berekening
              toelichting: Kees Brouwer werkt pro deo; zijn gebruikelijke uurtarief is 55 euro.

        """
        let count = 9_999
        for k in 0..<count {
            posts += """
                - post: Materiaal voor onderdeel \(k + 1)
                  categorie: \(["aanleg", "activiteiten", "publiciteit"][k % 3])
                  aantal: 1
                  eenheid: pakket
                  prijs: "0,80"
                  onderbouwing: schatting

            """
        }
        // Begroting: 1 320,00 + 9 999 × 0,80 = 9 319,20; other sources and funds: 6 020,00.
        var text = sample.replacingCharacters(in: start.upperBound..<end.lowerBound, with: posts)
        text = text.replacingOccurrences(of: "bedrag: \"3.443,75\"", with: "bedrag: \"3.299,20\"")
        let r = try check(text)
        #expect(r.status == 0, "\(r.output.suffix(2000))")
        #expect(!r.output.contains("leesfout"))
    }
}
