import Foundation

/// Writes log lines to standard error from a thread of its own. A request never waits for the
/// log: when standard error is slow or blocked (a full pipe that nobody reads, a stalled
/// journald), a `write` on a request's thread would stop that thread, and with one cooperative
/// thread per core the whole server. Lines wait in a bounded queue; when it is full, new lines
/// are dropped and counted, and the next line written says how many were lost.
final class Logschrijver: @unchecked Sendable {
    static let standaard = Logschrijver(fd: 2)

    private let fd: Int32
    private let maximum: Int
    private let conditie = NSCondition()
    private var wachtrij: [String] = []
    private var verloren = 0
    private var bezig = false

    init(fd: Int32, maximum: Int = 10_000) {
        self.fd = fd
        self.maximum = maximum
        let t = Thread { [unowned self] in self.werk() }
        t.name = "vip-log"
        t.start()
    }

    func schrijf(_ regel: String) {
        conditie.lock()
        if wachtrij.count >= maximum {
            verloren += 1
        } else {
            wachtrij.append(regel)
        }
        conditie.signal()
        conditie.unlock()
    }

    /// Waits until every queued line is written, at most `seconden` (at shutdown).
    func leeg(seconden: Double = 2) {
        let tot = Date().addingTimeInterval(seconden)
        conditie.lock()
        while (!wachtrij.isEmpty || bezig) && conditie.wait(until: tot) {}
        conditie.unlock()
    }

    private func werk() {
        while true {
            conditie.lock()
            while wachtrij.isEmpty { conditie.wait() }
            var regels = wachtrij
            wachtrij.removeAll(keepingCapacity: true)
            if verloren > 0 {
                regels.insert("(\(verloren) logregels niet geschreven: de uitvoer liep niet door)", at: 0)
                verloren = 0
            }
            bezig = true
            conditie.unlock()
            var bytes = Array(regels.joined(separator: "\n").utf8)
            bytes.append(UInt8(ascii: "\n"))
            var begin = 0
            while begin < bytes.count {
                let n = bytes[begin...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    break  // standard error is gone: nothing more can be said
                }
                begin += n
            }
            conditie.lock()
            bezig = false
            conditie.broadcast()
            conditie.unlock()
        }
    }
}
