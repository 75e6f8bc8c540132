import Foundation
import Testing
@testable import VIPKit

/// `inVolgorde`, under the course build and the documents of one package: every index once,
/// the results in order, on several threads at once.
@Suite struct InVolgordeTests {
    @Test(arguments: [0, 1, 2, 3, 17, 400])
    func everyIndexOnceAndTheResultsInOrder(_ n: Int) {
        let gezien = Gezien()
        let uit = inVolgorde(n, gelijktijdig: true) { i -> String in
            gezien.voegToe(i, draad: Thread.current.description)
            // Uneven work, so that the threads finish out of order.
            if i % 3 == 0 { usleep(200) }
            return "#\(i)"
        }
        #expect(uit == (0..<n).map { "#\($0)" })
        #expect(gezien.indices.sorted() == Array(0..<n))
        if n >= 17 && ProcessInfo.processInfo.activeProcessorCount > 1 {
            #expect(gezien.draden.count > 1, "all work on one thread")
        }
    }

    @Test func withoutGelijktijdigEverythingRunsInOrderOnTheCallingThread() {
        let gezien = Gezien()
        let hier = Thread.current.description
        _ = inVolgorde(20, gelijktijdig: false) { i in gezien.voegToe(i, draad: Thread.current.description) }
        #expect(gezien.indices == Array(0..<20))
        #expect(gezien.draden == [hier])
    }
}

private final class Gezien: @unchecked Sendable {
    private let slot = NSLock()
    private(set) var indices: [Int] = []
    private(set) var draden: Set<String> = []

    func voegToe(_ i: Int, draad: String) {
        slot.lock()
        defer { slot.unlock() }
        indices.append(i)
        draden.insert(draad)
    }
}
