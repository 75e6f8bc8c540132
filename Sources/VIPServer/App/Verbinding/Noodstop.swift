import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM or SIGINT ends the process within 10 s, whatever its requests are doing
/// (server.md). The service group stops accepting and lets running requests finish; should one
/// of them not finish (a job that cannot be cancelled), this stops the process just before the
/// 10 s are up. Everything answered is already committed, so nothing answered is lost.
enum Noodstop {
    nonisolated(unsafe) private static var bronnen: [any DispatchSourceSignal] = []
    private static let rij = DispatchQueue(label: "vip.noodstop")

    static func installeer(na termijn: TimeInterval = 9.5, melding: @escaping @Sendable (String) -> Void) {
        rij.sync {
            guard bronnen.isEmpty else { return }
            for signaal in [SIGTERM, SIGINT] {
                let bron = DispatchSource.makeSignalSource(signal: signaal, queue: rij)
                bron.setEventHandler {
                    // A plain thread: it needs neither Dispatch's workers nor the cooperative pool.
                    let t = Thread {
                        Thread.sleep(forTimeInterval: termijn)
                        melding("vip server: verzoeken liepen na \(Int(termijn)) s nog; het proces stopt nu. "
                            + "Alles wat al beantwoord was, is bewaard.")
                        _exit(0)
                    }
                    t.start()
                }
                bron.resume()
                bronnen.append(bron)
            }
        }
    }
}
