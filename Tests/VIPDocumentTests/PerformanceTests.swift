import Foundation
import Testing
import VIPDocument

@Suite struct PerformanceTests {
    /// Templates are parsed once and shared; rendering on many threads at once must
    /// give the same bytes as rendering alone.
    @Test func concurrentRendersMatchSerialOnes() async throws {
        let expected = try DocumentFormat.allCases.map { try renderDocument(sampleDocument(), format: $0) }
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<16 {
                let format = DocumentFormat.allCases[i % 2]
                group.addTask { try renderDocument(sampleDocument(), format: format) == expected[i % 2] }
            }
            for try await same in group { #expect(same) }
        }
    }

    /// A package of five documents in both formats. The target (about 2 ms) holds for a
    /// release build; the bound here is loose so a loaded debug run does not flake.
    @Test func packageOfFiveDocumentsIsFast() throws {
        let documents = (0..<5).map { _ in sampleDocument() }
        _ = try renderDocument(documents[0], format: .odt)   // templates parsed once, outside the clock
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for document in documents {
                for format in DocumentFormat.allCases { _ = try renderDocument(document, format: format) }
            }
        }
        print("10 renders (5 documents × 2 formats): \(elapsed)")
        #expect(elapsed < .milliseconds(500))
    }
}
