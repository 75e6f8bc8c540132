import Foundation
import VIPKit
import VIPModel
import VIPSpelling

/// Spelling is off by default (Hunspell is slow and not what is being fuzzed);
/// VIP_FUZZ_SPELLING=1 turns it on. VIP_FUZZ_BUILD=1 also builds the package
/// (all documents, both formats, in memory) for every input that reads.
private let checker: Checker = {
    let spelling = ProcessInfo.processInfo.environment["VIP_FUZZ_SPELLING"] == "1"
    return Checker(spelling: spelling ? Hunspell.dutch : nil)
}()
private let bouwen = ProcessInfo.processInfo.environment["VIP_FUZZ_BUILD"] == "1"

/// One input: read it as an aanvraag; when it reads, run the whole checklist.
/// Reading errors are expected; crashes, hangs and sanitizer reports are findings.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    guard let aanvraag = try? AanvraagReader.parse(bytes, bestand: "fuzz.yaml") else { return 0 }
    _ = try? checker.check(aanvraag)
    if bouwen {
        // The folder does not exist, so logo and bijlagen are not found (a BuildFout at most).
        _ = try? Pakket(aanvraag: aanvraag, map: "/nonexistent-vip-fuzz", opties: BuildOpties()).maak()
    }
    return 0
}
