import Dispatch
import Foundation
import HummingbirdBcrypt
import VIPChecklist
import VIPKit
import VIPModel
import VIPSpelling

/// What every controller shares: storage, configuration, and the library's checker.
public struct Dienst: Sendable {
    public var opslag: any Opslag
    public var configuratie: ServerConfiguratie
    /// With Hunspell's Dutch dictionary, loaded once per process (`Hunspell.dutch` is a static let).
    let checker: Checker
    /// A hash to verify against when an email has no account, so a login takes as long either way.
    let dummyHash: String
    /// Findings per onderdeel of versions already checked (a version never changes).
    let onderdelen = OnderdelenCache()

    public init(opslag: any Opslag, configuratie: ServerConfiguratie) {
        self.opslag = opslag
        self.configuratie = configuratie
        checker = Checker()
        dummyHash = Bcrypt.hash(Geheim.token(), cost: configuratie.bcryptKosten)
    }

    var nu: Date { configuratie.klok() }

    /// The file name every check object carries (spec: `"bestand": "aanvraag.yaml"`).
    static let bestand = "aanvraag.yaml"

    /// Reads and checks bytes as `vip check` reads and checks a file.
    func controleer(_ bytes: [UInt8]) -> CheckResultaat {
        checker.check(bytes: bytes, bestand: Self.bestand)
    }

    /// Checks off the event loops; a 422 with `leesfout` for an unreadable text.
    func controleerLeesbaar(_ bytes: [UInt8]) async throws -> CheckResultaat {
        let r = await Zwaar.doe { self.controleer(bytes) }
        if r.leesfout != nil { throw Self.leesfout(r) }
        return r
    }

    /// 422 with the `leesfout` member of the check object.
    static func leesfout(_ r: CheckResultaat) -> APIFout {
        let e = r.leesfout ?? LeesFout(bestand: bestand, mark: nil, melding: "onbekende leesfout")
        guard case .object(let velden) = CheckReport.json(r), let lees = velden.first(where: { $0.0 == "leesfout" })?.1 else {
            return APIFout(.unprocessableContent, "De aanvraag kan niet worden gelezen: \(e.melding)")
        }
        let plek = e.mark.map { " (regel \($0.line), kolom \($0.column))" } ?? ""
        return APIFout(.unprocessableContent, "De aanvraag kan niet worden gelezen\(plek): \(e.melding)",
                       extra: [("leesfout", lees)])
    }

    static func afgeleid(_ r: CheckResultaat) -> Afgeleid {
        Afgeleid(titel: r.aanvraag?.project.titel, af: r.isAf, fouten: r.bevindingen.count(.fout),
                 waarschuwingen: r.bevindingen.count(.waarschuwing), onderdelen: Voortgang.onderdelen(r.bevindingen),
                 ingevuld: r.aanvraag.map(Voortgang.ingevuld) ?? [])
    }

    func hash(_ wachtwoord: String) async -> String {
        let kosten = configuratie.bcryptKosten
        return await Zwaar.doe { Bcrypt.hash(wachtwoord, cost: kosten) }
    }

    func klopt(_ wachtwoord: String, _ hash: String) async -> Bool {
        await Zwaar.doe { Bcrypt.verify(wachtwoord, hash: hash) }
    }
}

/// CPU-heavy work (checks, packages, bcrypt) runs on Dispatch's pool, never on an event loop.
enum Zwaar {
    static let rij = DispatchQueue(label: "vip.zwaar", qos: .userInitiated, attributes: .concurrent)

    static func doe<T: Sendable>(_ werk: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { c in rij.async { c.resume(returning: werk()) } }
    }

    static func probeer<T: Sendable>(_ werk: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { c in rij.async { c.resume(with: Result { try werk() }) } }
    }
}
