import Foundation
import Testing

/// Inputs that `make fuzz` reported, kept as regression tests. Each must be handled
/// (exit 0, 1 or 2 with a verdict or a Dutch reading error), never crash.
@Suite struct FuzzRegressionTests {
    static let inputs: [(name: String, bytes: [UInt8])] = [
        // FuzzAanvraag with VIP_FUZZ_BUILD=1 VIP_FUZZ_SPELLING=1: ASan stack-buffer-overflow
        // (WRITE of size 1104) in AanvraagReader.parse. Cause: the harness had been compiled
        // against an older `Aanvraag` layout (SwiftPM does not track the non-product module
        // VIPModel as an input of the fuzz target); with a fresh harness the input reads fine.
        // fuzz/run.sh now always recompiles the harness. Kept because it reads, checks and
        // builds a bare concept with comments in odd places.
        ("crash-dbcccab4", Array(("# Een vroeg concept, halverw,\n# maar nog lang nien.\nformaat: vip-aanvraag/1\n\n"
            + "organisatie:\n  # Testaanvraag voor de peer-review (vip review):is.\n#  VrouwVeo").utf8)),
        // FuzzAanvraag with spelling and build: libFuzzer out-of-memory (518 MB > 512 MB) on
        // the spec example while replaying the seed corpus; the live heap was 37 MB, the rest
        // ASan's quarantine. Alone the input takes 43 MB (release, /usr/bin/time).
        // fuzz/run.sh now sets ASAN_OPTIONS=quarantine_size_mb=64. Not a vip problem.
    ]

    @Test(arguments: inputs.map(\.name)) func handled(name: String) throws {
        let bytes = try #require(Self.inputs.first { $0.name == name }).bytes
        let dir = Repo.tempDir("vip-fuzz-regression")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/aanvraag.yaml"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let check = try VipBinary.run(["check", path])
        #expect([0, 1, 2].contains(check.status), "\(check.stdout)\(check.stderr)")
        #expect(!(check.stdout + check.stderr).contains("Fatal error"))
        let build = try VipBinary.run(["build", path, "--concept", "--uit", dir + "/uit"])
        #expect([0, 1, 2].contains(build.status), "\(build.stdout)\(build.stderr)")
        #expect(!(build.stdout + build.stderr).contains("Fatal error"))
    }
}
