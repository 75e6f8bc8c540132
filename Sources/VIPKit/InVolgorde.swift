import Foundation

/// `werk(0) … werk(n - 1)` in that order; with `gelijktijdig` on every core at once (the
/// results still in order, so the output does not depend on which finished first). Own threads
/// rather than `DispatchQueue.concurrentPerform`: Linux's libdispatch adds its workers a few
/// milliseconds late, and one package is rendered in less time than that.
func inVolgorde<T>(_ n: Int, gelijktijdig: Bool, _ werk: @escaping (Int) -> T) -> [T] {
    let draden = min(n, ProcessInfo.processInfo.activeProcessorCount)
    guard gelijktijdig, draden > 1 else { return (0..<n).map(werk) }
    var uit = [T?](repeating: nil, count: n)
    uit.withUnsafeMutableBufferPointer { vakken in
        // Each index is taken once and written by the thread that took it; all threads are
        // done (the semaphore) before `uit` is read or freed.
        nonisolated(unsafe) let vakken = vakken
        nonisolated(unsafe) let werk = werk
        let teller = Teller()
        let klaar = DispatchSemaphore(value: 0)
        let doe: @Sendable () -> Void = {
            while let i = teller.volgende(tot: n) { vakken[i] = werk(i) }
        }
        for _ in 1..<draden { Thread.detachNewThread { doe(); klaar.signal() } }
        doe()
        for _ in 1..<draden { klaar.wait() }
    }
    return uit.map { $0! }
}

/// The next index to take, shared by the threads of `inVolgorde`.
private final class Teller: @unchecked Sendable {
    private let slot = NSLock()
    private var volgend = 0

    func volgende(tot n: Int) -> Int? {
        slot.lock()
        defer { slot.unlock() }
        guard volgend < n else { return nil }
        volgend += 1
        return volgend - 1
    }
}
