import Foundation
import VIPChecklist
import VIPKit
import VIPModel

/// Fouten and waarschuwingen of one onderdeel (suppressed ones do not count, as in `vip check`).
public struct Telling: Sendable, Equatable {
    public var fouten: Int
    public var waarschuwingen: Int
    /// Of these, the ones about a field still empty, by the bijeenkomst that field is due
    /// (`Tempo`): the progress counts show them as "nog te doen" until it has passed.
    public var leeg: [Int: Telling] = [:]

    public init(fouten: Int = 0, waarschuwingen: Int = 0, leeg: [Int: Telling] = [:]) {
        self.fouten = fouten
        self.waarschuwingen = waarschuwingen
        self.leeg = leeg
    }

    /// The counts at a pace: fouten and waarschuwingen that count now, and the findings that
    /// wait for a later bijeenkomst.
    func op(_ tempo: Tempo) -> (fouten: Int, waarschuwingen: Int, teDoen: Int) {
        var uit = (fouten: fouten, waarschuwingen: waarschuwingen, teDoen: 0)
        for (n, t) in leeg where !tempo.isDue(n) {
            uit.fouten -= t.fouten
            uit.waarschuwingen -= t.waarschuwingen
            uit.teDoen += t.fouten + t.waarschuwingen
        }
        return uit
    }

    /// The stored form of the counts per onderdeel (column `versies.onderdelen`): a first line
    /// `#2`, then one line per onderdeel, sorted, `naam fouten waarschuwingen` followed by
    /// `n:fouten:waarschuwingen` for the empty fields of bijeenkomst n; an aanvraag without
    /// findings is "".
    public static func codeer(_ t: [String: Telling]) -> String {
        guard !t.isEmpty else { return "" }
        return (["#2"] + t.sorted { $0.key < $1.key }.map { naam, w in
            ([naam, String(w.fouten), String(w.waarschuwingen)]
             + w.leeg.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value.fouten):\($0.value.waarschuwingen)" })
                .joined(separator: " ")
        }).joined(separator: "\n")
    }

    /// `codeer` read back; nil for text that is not in that form, or in the form of an older
    /// vip without the empty fields (counted again on first use, then stored).
    public static func decodeer(_ tekst: String) -> [String: Telling]? {
        var regels = tekst.split(separator: "\n")[...]
        guard let eerste = regels.popFirst() else { return [:] }
        guard eerste == "#2" else { return nil }
        var uit: [String: Telling] = [:]
        for regel in regels {
            let delen = regel.split(separator: " ")
            guard delen.count >= 3, let f = Int(delen[1]), let w = Int(delen[2]), f >= 0, w >= 0 else { return nil }
            var t = Telling(fouten: f, waarschuwingen: w)
            for deel in delen.dropFirst(3) {
                let getallen = deel.split(separator: ":").compactMap { Int($0) }
                guard getallen.count == 3, getallen.allSatisfy({ $0 >= 0 }) else { return nil }
                t.leeg[getallen[0]] = Telling(fouten: getallen[1], waarschuwingen: getallen[2])
            }
            uit[String(delen[0])] = t
        }
        return uit
    }
}

/// One row of a cursus's progress: a cursist and the aanvraag she changed last.
public struct VoortgangRij: Sendable {
    public var cursist: Gebruiker
    /// The last changed of the aanvragen she writes (began, or co-authors); nil when she has none.
    public var aanvraag: AanvraagRij?
    /// Per onderdeel, sorted by name.
    public var onderdelen: [(naam: String, telling: Telling)]
    /// The highest approved version, current or not.
    public var goedgekeurdeVersie: Int?
    /// Her current version is approved.
    public var goedgekeurd: Bool
    /// The bijeenkomsten the docent recorded her present and absent at.
    public var aanwezig: [Int] = []
    public var afwezig: [Int] = []
    /// The cursus's pace today (what counts as "nog te doen").
    var tempo = Tempo.alles

    /// Her fouten, waarschuwingen and findings waiting for a later bijeenkomst, at the pace.
    var totaal: (fouten: Int, waarschuwingen: Int, teDoen: Int) {
        onderdelen.reduce((0, 0, 0)) { s, o in
            let t = o.telling.op(tempo)
            return (s.0 + t.fouten, s.1 + t.waarschuwingen, s.2 + t.teDoen)
        }
    }
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

    /// Fouten and waarschuwingen per onderdeel, with those about fields still empty by their
    /// bijeenkomst (`Tempo`).
    public static func onderdelen(_ r: CheckResultaat) -> [String: Telling] {
        let gevuld = Tempo.gevuld(r.aanvraag)
        var uit: [String: Telling] = [:]
        for b in r.bevindingen where !b.onderdrukt && (b.ernst == .fout || b.ernst == .waarschuwing) {
            let o = onderdeel(b.pad)
            var t = uit[o] ?? Telling()
            let fout = b.ernst == .fout
            if fout { t.fouten += 1 } else { t.waarschuwingen += 1 }
            if let n = Tempo.bijeenkomst(b, gevuld: gevuld) {
                if fout { t.leeg[n, default: Telling()].fouten += 1 } else { t.leeg[n, default: Telling()].waarschuwingen += 1 }
            }
            uit[o] = t
        }
        return uit
    }

    /// For each cursist of the cursus (by id) the last changed of the aanvragen she writes.
    static func laatste(_ aanvragen: [AanvraagRij], _ auteurs: [Auteurschap]) -> [Int64: AanvraagRij] {
        let perId = Dictionary(uniqueKeysWithValues: aanvragen.map { ($0.id, $0) })
        var uit: [Int64: AanvraagRij] = [:]
        for au in auteurs {
            guard let a = perId[au.aanvraag] else { continue }
            // Several: the one changed last (the newer aanvraag on a tie).
            if let eerder = uit[au.auteur], (eerder.gewijzigd, eerder.id) > (a.gewijzigd, a.id) { continue }
            uit[au.auteur] = a
        }
        return uit
    }

    /// The rows of the cursus, one per cursist in sign-up order.
    public func rijen(cursus: Cursus) async throws -> [VoortgangRij] {
        let opslag = kern.opslag
        async let cursisten = opslag.cursisten(cursus: cursus.id)
        async let aanvragen = opslag.aanvragen(cursus: cursus.id)
        async let auteurs = opslag.auteurs(cursus: cursus.id)
        async let goedkeuringen = opslag.goedkeuringen(cursus: cursus.id)
        async let aanwezigheid = opslag.aanwezigheid(cursus: cursus.id)
        let laatste = Self.laatste(try await aanvragen, try await auteurs)
        let gk = try await goedkeuringen
        let tempo = Tempo(cursus: cursus, vandaag: Tijden.vandaag(kern.nu))
        var lijst: [Int64: (aanwezig: [Int], afwezig: [Int])] = [:]
        for a in try await aanwezigheid {
            if a.aanwezig { lijst[a.cursist, default: ([], [])].aanwezig.append(a.nr) }
            else { lijst[a.cursist, default: ([], [])].afwezig.append(a.nr) }
        }
        var rijen: [VoortgangRij] = []
        for c in try await cursisten {
            let a = laatste[c.id]
            var onderdelen: [(naam: String, telling: Telling)] = []
            if let a {
                onderdelen = try await kern.onderdelen.onderdelen(a, kern: kern).sorted { $0.key < $1.key }
                    .map { (naam: $0.key, telling: $0.value) }
            }
            rijen.append(VoortgangRij(
                cursist: c, aanvraag: a, onderdelen: onderdelen,
                goedgekeurdeVersie: a.flatMap { gk.laatste(aanvraag: $0.id) },
                goedgekeurd: a.map { gk.keurt(aanvraag: $0.id, versie: $0.versie) } ?? false,
                aanwezig: lijst[c.id]?.aanwezig ?? [], afwezig: lijst[c.id]?.afwezig ?? [], tempo: tempo))
        }
        return rijen
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
        let t = Voortgang.onderdelen(try await kern.controleer(tekst))
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
