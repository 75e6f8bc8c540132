import Foundation

/// CPU-heavy work (parsing forms, checks, packages, bcrypt) runs on a few threads of its own:
/// never on an event loop, and never on the cooperative pool that answers every other request,
/// so a burst of heavy requests leaves `/gezond` and other users fast (server.md, "Hostile
/// clients"). On Linux both Swift's cooperative pool and Dispatch's global queues share
/// libdispatch's worker threads; plain threads do not. Jobs beyond the threads wait in order.
enum Zwaar {
    static let werkplaats = Werkplaats(draden: max(2, ProcessInfo.processInfo.activeProcessorCount))

    static func doe<T: Sendable>(_ werk: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { c in werkplaats.voegToe { c.resume(returning: werk()) } }
    }

    static func probeer<T: Sendable>(_ werk: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { c in werkplaats.voegToe { c.resume(with: Result { try werk() }) } }
    }
}

/// A fixed set of threads taking jobs from one queue.
final class Werkplaats: @unchecked Sendable {
    private let conditie = NSCondition()
    private var rij: [@Sendable () -> Void] = []
    private var kop = 0

    init(draden: Int) {
        for n in 0..<draden {
            let t = Thread { [unowned self] in self.werk() }
            t.name = "vip-zwaar-\(n)"
            t.stackSize = 8 << 20
            t.start()
        }
    }

    func voegToe(_ taak: @escaping @Sendable () -> Void) {
        conditie.lock()
        rij.append(taak)
        conditie.signal()
        conditie.unlock()
    }

    private func werk() {
        while true {
            conditie.lock()
            while kop == rij.count { conditie.wait() }
            let taak = rij[kop]
            kop += 1
            // Drop what was taken once the queue runs empty, so it does not grow for ever.
            if kop == rij.count { rij.removeAll(keepingCapacity: true); kop = 0 }
            conditie.unlock()
            taak()
        }
    }
}
