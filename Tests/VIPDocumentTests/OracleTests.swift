import Foundation
import Testing
import VIPDocument
import VIPTestSupport

/// The produced files must pass the project's document checker (schemas, package rules,
/// LibreOffice load, pandoc, python-docx) and read back with their text intact. The two formats
/// run as parallel test cases; each oracle run takes a few seconds.
@Suite struct OracleTests {
    /// Not in `make test-asan` (see Repo.zonderOrakels).
    @Test(.disabled(if: Repo.zonderOrakels, "make test-asan: make test hands these bytes to the checker"),
          arguments: DocumentFormat.allCases)
    func passesTheOracles(format: DocumentFormat) throws {
        try #require(FileManager.default.fileExists(atPath: documentChecker),
                     "document checker not found at \(documentChecker)")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/aanvraag.\(format.rawValue)"
        let bytes = try renderDocument(sampleDocument(), format: format)
        #expect(FileManager.default.createFile(atPath: file, contents: Data(bytes)))

        // Keep a copy for inspection when asked (VIP_DOCUMENT_SAMPLES=/some/folder).
        if let keep = ProcessInfo.processInfo.environment["VIP_DOCUMENT_SAMPLES"] {
            _ = FileManager.default.createFile(atPath: keep + "/aanvraag.\(format.rawValue)", contents: Data(bytes))
        }
        let result = try runProcess(["python3", documentChecker, file])
        #expect(result.status == 0, "check_document.py failed for \(format):\n\(result.output)")
        #expect(!result.output.contains("SKIP soffice"), "LibreOffice must load the file:\n\(result.output)")
        #expect(result.output.contains("PASS soffice"), "\(result.output)")
    }

    @Test(arguments: DocumentFormat.allCases)
    func pandocReadsTheContent(format: DocumentFormat) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/aanvraag.\(format.rawValue)"
        let bytes = try renderDocument(sampleDocument(), format: format)
        #expect(FileManager.default.createFile(atPath: file, contents: Data(bytes)))

        let result = try runProcess(["pandoc", "-f", format.rawValue, "-t", "plain", "--standalone", "--wrap=none", file])
        #expect(result.status == 0, "\(result.output)")
        let text = result.output
        for expected in [
            "Aanvraag Buurtwerkplaats", "Inleiding", "€ 2.219,82", "gereedschap",
            "A & B < C > D \"dubbel\" 'enkel' — klaar.", "مرحبا بالعالم", "İstanbul ılık şeker dağ",
            "Feest 🎉", "Eerste punt", "Tweede punt", "Stap twee", "Opnieuw een",
            "Materiaal & gereedschap", "Huur <zaal>", "€ 1.234,56", "Subtotaal kosten", "Totaal",
            "Bijlagen", "Einde.", "Postbus 99", "9999 ZZ Elders",
        ] {
            #expect(text.contains(expected), "pandoc \(format) output lacks \"\(expected)\":\n\(text)")
        }
    }
}
