import Dispatch
import Foundation
import VIPKit

/// The files of one stored version, as the package builder asks for them: `bestand:` and `logo:`
/// name a file of the version by its name; a path such as `bijlagen/statuten.pdf` (an aanvraag
/// written beside its files for `vip build`) finds the file by its last part. The bytes are read
/// when the builder asks, one file at a time, so a package holds about one file in memory.
struct Versiebron: Bestandsbron, Sendable {
    let opslag: any Opslag
    let bestanden: [String: BestandInfo]

    init(opslag: any Opslag, aanvraag: Int64, versie: Int) async throws {
        self.opslag = opslag
        let lijst = try await opslag.bestanden(aanvraag: aanvraag, versie: versie) ?? []
        bestanden = Dictionary(lijst.map { ($0.naam, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func bestaat(_ pad: String) -> Bool { info(pad) != nil }

    func info(_ pad: String) -> BestandInfo? {
        bestanden[pad] ?? bestanden[(pad as NSString).lastPathComponent]
    }

    /// Called by the package builder on a `Zwaar` thread (never on the cooperative pool), so
    /// waiting here for the database is allowed.
    func inhoud(_ pad: String) -> [UInt8]? {
        guard let b = info(pad) else { return nil }
        let uitkomst = Uitkomst()
        let klaar = DispatchSemaphore(value: 0)
        let opslag = opslag
        Task {
            uitkomst.zet(try? await opslag.inhoud(sha256: b.sha256))
            klaar.signal()
        }
        klaar.wait()
        return uitkomst.waarde
    }

    final class Uitkomst: @unchecked Sendable {
        private let lock = NSLock()
        private var w: [UInt8]?
        func zet(_ v: [UInt8]?) { lock.withLock { w = v } }
        var waarde: [UInt8]? { lock.withLock { w } }
    }
}
