import Foundation
import VIPKit
import VIPModel

/// The installation's fund register as the checks use it: the newest stored version, read once
/// and kept while it stays the newest. Before each use the storage is asked for the number of the
/// newest version (one small query), so an import by another process on the same database counts
/// from the next request on.
public final class Registerbron: @unchecked Sendable {
    /// The register of one stored version; `leesfout` when the stored text cannot be read (a
    /// text stored by a vip whose reader was less strict): then there is no register to check with.
    public struct Stand: Sendable {
        public var rij: RegisterRij?
        public var register: Fondsenregister?
        public var leesfout: LeesFout?
        public var versie: Int { rij?.versie ?? 0 }
    }

    /// The name a stored register has in messages (as `--register fondsenregister.yaml` would).
    static let bestand = "fondsenregister.yaml"

    private let lock = NSLock()
    private var stand = Stand()

    init() {}

    /// The newest register of `opslag`.
    func huidig(_ opslag: any Opslag, limits: ReadLimits) async throws -> Stand {
        let versie = try await opslag.registerVersie()
        if let s = lock.withLock({ stand.versie == versie ? stand : nil }) { return s }
        guard versie > 0, let rij = try await opslag.register() else { return zet(Stand()) }
        if let s = lock.withLock({ stand.versie == rij.versie ? stand : nil }) { return s }
        return zet(await Zwaar.doe { Self.lees(rij, limits: limits) })
    }

    /// Keeps a version just stored, so the next request need not read it again.
    @discardableResult
    func zet(_ s: Stand) -> Stand {
        lock.withLock { if s.versie >= stand.versie || s.versie == 0 { stand = s } }
        return s
    }

    static func lees(_ rij: RegisterRij, limits: ReadLimits) -> Stand {
        do {
            return Stand(rij: rij, register: try FondsenregisterReader.parse(rij.tekst, bestand: bestand, limits: limits))
        } catch {
            return Stand(rij: rij, register: nil, leesfout: error)
        }
    }
}
