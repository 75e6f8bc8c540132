import Foundation
import HummingbirdBcrypt
import VIPChecklist
import VIPKit
import VIPModel
import VIPSpelling

/// What every service shares: storage, configuration, the library's checker and the clock.
/// One per server; the services (`Diensten`) are small values over it.
public struct Kern: Sendable {
    public var opslag: any Opslag
    public var configuratie: ServerConfiguratie
    /// With Hunspell's Dutch dictionary, loaded once per process (`Hunspell.dutch` is a static let);
    /// without register and date, as `vip fondsendate` checks. Checks of an aanvraag use
    /// `actueleChecker()`.
    let checker: Checker
    /// The installation's fund register, read once per stored version.
    let registerbron = Registerbron()
    /// A hash to verify against when an email has no account, so a login takes as long either way.
    let dummyHash: String
    /// Findings per onderdeel of versions already checked (a version never changes).
    let onderdelen = OnderdelenCache()
    /// Check results of texts already checked with this register on this day.
    let controles = Controlecache()
    /// Packages already built, by version, formats, concept, register and day.
    let pakketten = Pakketcache()
    /// Wakes this process's outbox worker when a request wrote a mail.
    public let wekker = Wekker()
    /// `/metrics`: this application's counts.
    public let meters = Meters()

    public init(opslag: any Opslag, configuratie: ServerConfiguratie) {
        self.opslag = opslag
        self.configuratie = configuratie
        checker = Checker()
        dummyHash = Bcrypt.hash(Geheim.token(), cost: configuratie.bcryptKosten)
    }

    var nu: Date { configuratie.klok() }

    /// A link in a mail: the extern-url and `pad`.
    func link(_ pad: String) -> String { configuratie.basisURL + pad }

    /// The outbox worker of this configuration, or nil when mail is off.
    public func postbode(logboek: Logboek) -> Postbode? {
        guard let weg = configuratie.mail, let afzender = configuratie.afzender else { return nil }
        let host = URLComponents(string: configuratie.basisURL)?.host ?? "vip"
        return Postbode(opslag: opslag, vervoer: weg.vervoer(ehloNaam: host), afzender: afzender, klok: configuratie.klok,
                        wekker: wekker, logboek: logboek, meters: meters, interval: configuratie.postbodeInterval)
    }
    var grenzen: Grenzen { configuratie.grenzen }

    /// The file name every check object carries (spec: `"bestand": "aanvraag.yaml"`).
    static let bestand = "aanvraag.yaml"

    /// Today in the Netherlands by the server's clock: the `--datum` of every check.
    var vandaag: Datum { Datum.vandaag(nu) }

    /// The installation's fund register as it stands now (nil register: none, or unreadable).
    func register() async throws -> Registerbron.Stand {
        try await registerbron.huidig(opslag, limits: checker.limits)
    }

    /// The checker of an aanvraag in this installation, now: `vip check --register REGISTER --datum
    /// VANDAAG` with the installation's register (when there is one) and today's date by the
    /// server's clock. `/api/check`, `/api/aanvragen/{id}/check`, the pages, the package and the
    /// counts stored with a version all check with it.
    func actueleChecker() async throws -> Checker {
        var c = checker
        c.register = try await register().register
        c.datum = vandaag
        return c
    }

    /// Reads and checks bytes as `vip check` reads and checks a file.
    static func controleer(_ bytes: [UInt8], _ checker: Checker) -> CheckResultaat {
        checker.check(bytes: bytes, bestand: bestand)
    }

    /// Checks with `actueleChecker()` off the event loops and the cooperative pool; a text
    /// checked before with the same register on the same day is answered from `controles`.
    func controleer(_ bytes: [UInt8]) async throws -> CheckResultaat {
        try await controle(bytes).resultaat
    }

    /// As `controleer`, with what the pages derive from the result (kept with it).
    func controle(_ bytes: [UInt8]) async throws -> Controle {
        let stand = try await register()
        let datum = vandaag
        let sleutel = Controlecache.sleutel(bytes, register: stand.versie, datum: datum)
        if let c = controles.zoekControle(sleutel, tekst: bytes) { return c }
        var c = checker
        c.register = stand.register
        c.datum = datum
        let checker = c
        let r = await Zwaar.doe { Self.controleer(bytes, checker) }
        return controles.bewaar(sleutel, tekst: bytes, r)
    }

    /// As `controleer`, with a 422 with `leesfout` for an unreadable text.
    func controleerLeesbaar(_ bytes: [UInt8]) async throws -> CheckResultaat {
        let r = try await controleer(bytes)
        if r.leesfout != nil { throw Self.leesfout(r) }
        return r
    }

    /// 422 with the `leesfout` member of the check object.
    static func leesfout(_ r: CheckResultaat) -> Weigering {
        let e = r.leesfout ?? LeesFout(bestand: bestand, mark: nil, melding: "onbekende leesfout")
        guard case .object(let velden) = CheckReport.json(r), let lees = velden.first(where: { $0.0 == "leesfout" })?.1 else {
            return Weigering(.unprocessableContent, "De aanvraag kan niet worden gelezen: \(e.melding)")
        }
        let plek = e.mark.map { " (regel \($0.line), kolom \($0.column))" } ?? ""
        return Weigering(.unprocessableContent, "De aanvraag kan niet worden gelezen\(plek): \(e.melding)",
                         extra: [("leesfout", lees)])
    }

    static func afgeleid(_ r: CheckResultaat) -> Afgeleid {
        Afgeleid(titel: r.aanvraag?.project.titel, af: r.isAf, fouten: r.bevindingen.count(.fout),
                 waarschuwingen: r.bevindingen.count(.waarschuwing), onderdelen: Voortgang.onderdelen(r),
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

/// The service layer: everything the server does, for the JSON API and the pages alike. Both
/// faces translate HTTP (JSON on one side, forms and templates on the other) and call these;
/// they never call each other.
public struct Diensten: Sendable {
    public let kern: Kern

    public init(_ kern: Kern) { self.kern = kern }
    public init(opslag: any Opslag, configuratie: ServerConfiguratie) { kern = Kern(opslag: opslag, configuratie: configuratie) }

    var toegang: Toegang { Toegang(opslag: kern.opslag) }
    var accounts: AccountDienst { AccountDienst(kern: kern) }
    var cursussen: CursusDienst { CursusDienst(kern: kern) }
    var aanvragen: AanvraagDienst { AanvraagDienst(kern: kern) }
    var beoordelingen: BeoordelingDienst { BeoordelingDienst(kern: kern) }
    var evenementen: EvenementDienst { EvenementDienst(kern: kern) }
    var beheer: BeheerDienst { BeheerDienst(kern: kern) }
    var register: RegisterDienst { RegisterDienst(kern: kern) }
    var herinneringen: HerinneringDienst { HerinneringDienst(kern: kern) }
    var meldingen: MeldingDienst { MeldingDienst(kern: kern) }
}
