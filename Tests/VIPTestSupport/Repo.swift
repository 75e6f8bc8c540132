import Foundation

/// Paths in the repository, for every test target: the samples and fixtures are shared files
/// (Samples/, Tests/Fixtures/), found from here rather than copied into each target.
public enum Repo {
    /// The package root, found from this file's path (…/Tests/VIPTestSupport/Repo.swift).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    public static func path(_ rel: String) -> String { root.appendingPathComponent(rel).standardized.path }
    /// The project's document checker (Tests/DocumentChecker/README.md).
    public static let checker = path("Tests/DocumentChecker/check_document.py")
    /// Set by `make test-asan` (VIP_ZONDER_ORAKELS=1): that run looks for memory errors in our own
    /// code, and does not hand the documents it builds to the checker (LibreOffice, jing, pandoc
    /// and python-docx are not instrumented, and took most of its time); `make test` checks the
    /// same bytes. Every other assertion of those tests still runs there.
    public static let zonderOrakels = ProcessInfo.processInfo.environment["VIP_ZONDER_ORAKELS"] != nil
    /// The fully filled example aanvraag of the tests, with its logo and bijlage files
    /// beside it (Tests/Fixtures/leeswerf/).
    public static let fixtureFolder = path("Tests/Fixtures/leeswerf")
    public static let fixture = fixtureFolder + "/leeswerf.yaml"

    /// Every aanvraag among the samples and fixtures, relative to the root: what the pinned
    /// check results and the spelling tests go over.
    public static let aanvragen = [
        "Samples/buurtmoestuin.yaml", "Samples/kinderfestival.yaml", "Samples/concept-vol-fouten.yaml",
        "Tests/Fixtures/leeswerf/leeswerf.yaml", "Tests/Fixtures/review/goed.yaml",
        "Tests/Fixtures/review/matig.yaml", "Tests/Fixtures/review/zwak.yaml",
    ]

    /// The bytes of a file in the repository (a test's own input: a missing one is a failure).
    public static func bytes(_ rel: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path(rel)) else { fatalError("\(rel) is missing") }
        return [UInt8](data)
    }

    /// Copies the fixture folder (aanvraag, logo, bijlagen) into `dir`; returns the aanvraag's path there.
    public static func copyFixture(to dir: String) throws -> String {
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtureFolder) {
            try FileManager.default.copyItem(atPath: fixtureFolder + "/" + name, toPath: dir + "/" + name)
        }
        return dir + "/leeswerf.yaml"
    }

    /// A fresh temporary folder, removed by the caller when wanted.
    public static func tempDir(_ name: String = "vip-test") -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
