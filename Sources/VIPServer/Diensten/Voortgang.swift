import Foundation
import VIPChecklist
import VIPKit
import VIPModel

/// Fouten and waarschuwingen of one onderdeel (suppressed ones do not count, as in `vip check`).
public struct Telling: Sendable, Equatable {
    public var fouten: Int
    public var waarschuwingen: Int
    public init(fouten: Int = 0, waarschuwingen: Int = 0) {
        self.fouten = fouten
        self.waarschuwingen = waarschuwingen
    }

    /// The stored form of the counts per onderdeel (column `versies.onderdelen`): one line
    /// per onderdeel, sorted, `naam fouten waarschuwingen`; an aanvraag without findings is "".
    public static func codeer(_ t: [String: Telling]) -> String {
        t.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.fouten) \($0.value.waarschuwingen)" }
            .joined(separator: "\n")
    }

    /// `codeer` read back; nil for text that is not in that form.
    public static func decodeer(_ tekst: String) -> [String: Telling]? {
        var uit: [String: Telling] = [:]
        for regel in tekst.split(separator: "\n") {
            let delen = regel.split(separator: " ")
            guard delen.count == 3, let f = Int(delen[1]), let w = Int(delen[2]), f >= 0, w >= 0 else { return nil }
            uit[String(delen[0])] = Telling(fouten: f, waarschuwingen: w)
        }
        return uit
    }
}

/// One row of a cursus's progress: a cursist and the aanvraag she changed last.
public struct VoortgangRij: Sendable {
    public var cursist: Gebruiker
    /// The last changed of her aanvragen; nil when she has none.
    public var aanvraag: AanvraagRij?
    /// Per onderdeel, sorted by name.
    public var onderdelen: [(naam: String, telling: Telling)]
    /// The highest approved version, current or not.
    public var goedgekeurdeVersie: Int?
    /// Her current version is approved.
    public var goedgekeurd: Bool
}

/// `GET /api/cursussen/{id}/voortgang` and the docent's cursus page.
public struct Voortgang: Sendable {
    public var kern: Kern

    public init(kern: Kern) { self.kern = kern }

    /// The onderdeel of a finding's path: its first segment, for `project.*` the first two,
    /// without list indices (`begroting.posten[2].bedrag` → `begroting`, `project.urgentie`
    /// → `project.urgentie`). A finding about the whole aanvraag has no path: `algemeen`.
    public static func onderdeel(_ pad: String) -> String {
        let delen = pad.split(separator: ".").map { deel in String(deel.prefix { $0 != "[" }) }
        guard let eerste = delen.first, !eerste.isEmpty else { return "algemeen" }
        if eerste == "project", delen.count > 1, !delen[1].isEmpty { return "project.\(delen[1])" }
        return eerste
    }

    /// The field-table paths (without indices) that hold a value in `a`.
    public static func ingevuld(_ a: Aanvraag) -> Set<String> {
        Set(Veldentabel.aanvraag.waarden(in: a).map { Veldentabel.zonderIndex($0.pad) })
    }

    public static func onderdelen(_ bevindingen: [Bevinding]) -> [String: Telling] {
        var uit: [String: Telling] = [:]
        for b in bevindingen where !b.onderdrukt && (b.ernst == .fout || b.ernst == .waarschuwing) {
            let o = onderdeel(b.pad)
            var t = uit[o] ?? Telling()
            if b.ernst == .fout { t.fouten += 1 } else { t.waarschuwingen += 1 }
            uit[o] = t
        }
        return uit
    }

    /// The rows of the cursus, one per cursist in sign-up order.
    public func rijen(cursus: Cursus) async throws -> [VoortgangRij] {
        let opslag = kern.opslag
        let cursisten = try await opslag.cursisten(cursus: cursus.id)
        let aanvragen = try await opslag.aanvragen(cursus: cursus.id)
        let goedkeuringen = try await opslag.goedkeuringen(cursus: cursus.id)
        var laatste: [Int64: AanvraagRij] = [:]
        for a in aanvragen {
            // Several: the one changed last (the newer aanvraag on a tie).
            if let eerder = laatste[a.eigenaar], (eerder.gewijzigd, eerder.id) > (a.gewijzigd, a.id) { continue }
            laatste[a.eigenaar] = a
        }
        var rijen: [VoortgangRij] = []
        for c in cursisten {
            let a = laatste[c.id]
            var onderdelen: [(naam: String, telling: Telling)] = []
            if let a {
                onderdelen = try await kern.onderdelen.onderdelen(a, kern: kern).sorted { $0.key < $1.key }
                    .map { (naam: $0.key, telling: $0.value) }
            }
            rijen.append(VoortgangRij(
                cursist: c, aanvraag: a, onderdelen: onderdelen,
                goedgekeurdeVersie: a.flatMap { goedkeuringen.laatste(aanvraag: $0.id) },
                goedgekeurd: a.map { goedkeuringen.keurt(aanvraag: $0.id, versie: $0.versie) } ?? false))
        }
        return rijen
    }

    public static func json(_ rijen: [VoortgangRij]) -> JSON {
        .array(rijen.map { r in
            let a = r.aanvraag
            return .object([
                ("cursist", .string(r.cursist.naam)),
                ("cursist_id", .number(String(r.cursist.id))),
                ("aanvraag", a.map { JSON.number(String($0.id)) } ?? .null),
                ("versie", a.map { JSON.int($0.versie) } ?? .null),
                ("af", .bool(a?.afgeleid.af ?? false)),
                ("fouten", .int(a?.afgeleid.fouten ?? 0)),
                ("waarschuwingen", .int(a?.afgeleid.waarschuwingen ?? 0)),
                ("onderdelen", .object(r.onderdelen.map { o in
                    (o.naam, .object([("fouten", .int(o.telling.fouten)),
                                      ("waarschuwingen", .int(o.telling.waarschuwingen))]))
                })),
                ("goedgekeurd", .bool(r.goedgekeurd)),
                ("goedgekeurde_versie", r.goedgekeurdeVersie.map { JSON.int($0) } ?? .null),
                ("gewijzigd", a.map { Antwoord.tijd($0.gewijzigd) } ?? .null),
            ])
        })
    }
}

/// A version's text never changes, so its counts per onderdeel (and the fields it fills) are
/// kept by aanvraag and version, one cache per `Kern` (so per database): a cursus page checks
/// each aanvraag once, not on every view. Several processes on one database each keep their own.
public final class OnderdelenCache: @unchecked Sendable {
    struct Sleutel: Hashable {
        var aanvraag: Int64
        var versie: Int
    }
    private let lock = NSLock()
    private var tellingen: [Sleutel: [String: Telling]] = [:]
    private var gevuld: [Sleutel: Set<String>] = [:]
    private let maximum = 20_000

    init() {}

    /// The counts stored with the version; for an older or imported version without them,
    /// checked once, kept here and stored, so the next page (and the next process) reads them.
    func onderdelen(_ a: AanvraagRij, kern: Kern) async throws -> [String: Telling] {
        if let opgeslagen = a.afgeleid.onderdelen { return opgeslagen }
        let sleutel = Sleutel(aanvraag: a.id, versie: a.versie)
        if let t = lees(sleutel) { return t }
        let tekst = try await kern.opslag.tekst(aanvraag: a.id, versie: a.versie) ?? []
        let t = Voortgang.onderdelen(try await kern.controleer(tekst).bevindingen)
        bewaar(sleutel, t)
        try await kern.opslag.bewaarOnderdelen(aanvraag: a.id, versie: a.versie, onderdelen: Telling.codeer(t))
        return t
    }

    /// The table paths (without indices, `project.partners[].naam`) that the current version of
    /// `a` fills, for the homework on the cursus page: read (not checked) once per version.
    /// The filled paths of a version with all their ancestors (`project.doel` also gives
    /// `project`): from memory, else from the stored column, else parsed once and stored.
    func ingevuld(_ a: AanvraagRij, kern: Kern) async throws -> Set<String> {
        let sleutel = Sleutel(aanvraag: a.id, versie: a.versie)
        if let g = lock.withLock({ gevuld[sleutel] }) { return g }
        let paden: Set<String>
        if let opgeslagen = try await kern.opslag.ingevuld(aanvraag: a.id, versie: a.versie) {
            paden = Afgeleid.decodeerIngevuld(opgeslagen)
        } else {
            let tekst = try await kern.opslag.tekst(aanvraag: a.id, versie: a.versie) ?? []
            paden = await Zwaar.doe { () -> Set<String> in
                guard let model = try? AanvraagReader.parse(tekst, bestand: Kern.bestand) else { return [] }
                return Voortgang.ingevuld(model)
            }
            try await kern.opslag.bewaarIngevuld(aanvraag: a.id, versie: a.versie, ingevuld: Afgeleid.codeerIngevuld(paden))
        }
        var g = paden
        // Every prefix that ends before a `.` or a `[`: `project.partners[].naam` also gives
        // `project` and `project.partners`.
        for pad in paden {
            for i in pad.indices where pad[i] == "." || pad[i] == "[" { g.insert(String(pad[..<i])) }
        }
        lock.withLock {
            if gevuld.count >= maximum { gevuld.removeAll(keepingCapacity: true) }
            gevuld[sleutel] = g
        }
        return g
    }

    private func lees(_ sleutel: Sleutel) -> [String: Telling]? {
        lock.lock()
        defer { lock.unlock() }
        return tellingen[sleutel]
    }

    private func bewaar(_ sleutel: Sleutel, _ t: [String: Telling]) {
        lock.lock()
        defer { lock.unlock() }
        if tellingen.count >= maximum { tellingen.removeAll(keepingCapacity: true) }
        tellingen[sleutel] = t
    }
}
