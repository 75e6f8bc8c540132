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
}
