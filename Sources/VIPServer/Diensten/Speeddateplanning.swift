import Foundation
import VIPKit
import VIPModel

/// The organiser's fund speed-date through the server. Her `vip-fondsendate/1` text names
/// the cursussen that take part instead of `projecten`; the projects are every aanvraag of
/// those cursussen at its current version, `acceptabel` exactly when that version is
/// approved, presented by the cursist. Planning runs `vip fondsendate`'s own code on the same
/// files it would read (written to a private temporary folder), so admission, schedule and
/// documents are the command's.
public struct Speeddateplanning: Sendable {
    public var kern: Kern

    public init(kern: Kern) { self.kern = kern }

    /// The name of the event text in messages.
    static let bestand = "fondsendate.yaml"

    /// An event text as posted: read with the command's reader, `cursussen` taken out.
    public struct Gelezen: Sendable {
        public var evenement: Evenement
        public var cursussen: [Int64]
    }

    /// Reads a posted or stored event text. Unreadable: 422 with `leesfout`; `projecten`
    /// present, or `cursussen` missing or not a list of numbers: 422.
    public static func lees(_ tekst: [UInt8], limits: ReadLimits = .standard) throws -> Gelezen {
        let gelezen: EvenementReader.MetExtra
        do {
            gelezen = try EvenementReader.parse(tekst, bestand: bestand, extraKeys: ["cursussen"], limits: limits)
        } catch {
            throw leesfout(error)
        }
        if gelezen.heeftProjecten {
            throw Weigering(.unprocessableContent, "Laat `projecten` weg: de projecten zijn de aanvragen van de cursussen "
                + "onder `cursussen`, met de goedkeuring van hun docent.")
        }
        guard let node = gelezen.extra["cursussen"] else {
            throw Weigering(.unprocessableContent, "Het veld `cursussen` ontbreekt: geef de nummers van de cursussen die "
                + "meedoen, zoals `cursussen: [1, 2]`.")
        }
        var ids: [Int64] = []
        if case .sequence(let items) = node.kind {
            for item in items {
                guard case .scalar(let s, _) = item.kind, let id = Int64(s.trimmingCharacters(in: .whitespaces)) else {
                    throw Weigering(.unprocessableContent, "`cursussen` (regel \(item.mark.line)) bevat iets anders dan "
                        + "een cursusnummer.")
                }
                if !ids.contains(id) { ids.append(id) }
            }
        } else if !node.isNull {
            throw Weigering(.unprocessableContent, "`cursussen` (regel \(node.mark.line)) is een lijst met cursusnummers, "
                + "zoals `cursussen: [1, 2]`.")
        }
        return Gelezen(evenement: gelezen.evenement, cursussen: ids)
    }

    /// 422 with the same `leesfout` member as an unreadable aanvraag.
    static func leesfout(_ e: LeesFout) -> Weigering {
        let plek = e.mark.map { " (regel \($0.line), kolom \($0.column))" } ?? ""
        return Weigering(.unprocessableContent, "Het evenement kan niet worden gelezen\(plek): \(e.melding)", extra: [
            ("leesfout", .object([
                ("melding", .string(e.melding)),
                ("regel_nr", e.mark.map { JSON.int($0.line) } ?? .null),
                ("kolom", e.mark.map { JSON.int($0.column) } ?? .null),
                ("pad", .string(e.pad)),
            ])),
        ])
    }

    /// One project of the event: which aanvraag, at which version, approved or not.
    public struct Bron: Sendable {
        public var aanvraag: AanvraagRij
        public var goedgekeurd: Bool
        /// The file name the project has in the planning (`aanvraag-12.yaml`).
        public var bestand: String { "aanvraag-\(aanvraag.id).yaml" }
    }

    /// The event planned now, with the source of each project (same order as `deelnemers`).
    public struct Planning: Sendable {
        public var speeddate: Speeddate
        public var bronnen: [Bron]
        public func bron(_ d: Deelnemer) -> Bron { bronnen[d.index] }
    }

    /// The projects of the event as they stand now.
    public func bronnen(_ e: EvenementRij) async throws -> [Bron] {
        var bronnen: [Bron] = []
        for c in e.cursussen {
            let goedkeuringen = try await kern.opslag.goedkeuringen(cursus: c)
            for a in try await kern.opslag.aanvragen(cursus: c) {
                bronnen.append(Bron(aanvraag: a, goedgekeurd: goedkeuringen.keurt(aanvraag: a.id, versie: a.versie)))
            }
        }
        return bronnen
    }

    /// Plans the event and hands the planning and the folder it was made in to `werk`;
    /// the folder is removed afterwards.
    func metPlanning<T: Sendable>(_ e: EvenementRij,
                                  _ werk: @escaping @Sendable (Planning, String) throws -> T) async throws -> T {
        var gelezen = try Self.lees(e.tekst, limits: kern.checker.limits)
        let bronnen = try await bronnen(e)
        var teksten: [[UInt8]] = []
        for b in bronnen {
            teksten.append(try await kern.opslag.tekst(aanvraag: b.aanvraag.id, versie: b.aanvraag.versie) ?? [])
        }
        let map = (NSTemporaryDirectory() as NSString).appendingPathComponent("vip-fondsendate-\(UUID().uuidString)")
        gelezen.evenement.bestand = (map as NSString).appendingPathComponent(Self.bestand)
        gelezen.evenement.projecten = bronnen.map {
            Evenement.Project(aanvraag: $0.bestand, acceptabel: $0.goedgekeurd, presentatoren: [$0.aanvraag.eigenaarNaam])
        }
        let evenement = gelezen.evenement
        let checker = kern.checker
        let alleTeksten = teksten
        let uitkomst: Result<T, Error> = await Zwaar.doe {
            Result {
                let fm = FileManager.default
                try fm.createDirectory(atPath: map, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                defer { try? fm.removeItem(atPath: map) }
                for (b, tekst) in zip(bronnen, alleTeksten) {
                    guard fm.createFile(atPath: (map as NSString).appendingPathComponent(b.bestand), contents: Data(tekst),
                                        attributes: [.posixPermissions: 0o600]) else {
                        throw Weigering(.internalServerError, "De speeddate kon niet worden gepland (tijdelijke map).")
                    }
                }
                let s = Speeddate(evenement: evenement, checker: checker)
                return try werk(Planning(speeddate: s, bronnen: bronnen), map)
            }
        }
        return try uitkomst.get()
    }

    /// The planning as it stands now (for the event's JSON and pages).
    public func planning(_ e: EvenementRij) async throws -> Planning {
        try await metPlanning(e) { p, _ in p }
    }

    /// What `vip fondsendate` writes at this moment, as a zip. A schedule that runs past
    /// midnight is refused with 422, as the command refuses it.
    public func pakket(_ e: EvenementRij) async throws -> [UInt8] {
        try Archief.zip(try await bestanden(e).map { ($0.naam, $0.bytes) })
    }

    /// The files of `pakket`, one by one (the organiser's page offers each for download).
    public func bestanden(_ e: EvenementRij) async throws -> [Pakket.Uitvoer] {
        let checker = kern.checker
        return try await metPlanning(e) { p, _ in
            if let fout = p.speeddate.middernachtFout {
                throw Weigering(.unprocessableContent, "Het schema kan niet worden gemaakt: \(fout.melding)")
            }
            do {
                return try SpeeddateOpdracht(checker: checker).maak(p.speeddate)
            } catch {
                throw Weigering(.internalServerError, "De documenten van de speeddate konden niet worden gemaakt: \(error)")
            }
        }
    }

    // MARK: JSON

    public static func json(_ e: EvenementRij, _ p: Planning) -> JSON {
        let s = p.speeddate
        let ev = s.evenement
        func project(_ id: String) -> JSON {
            guard let d = s.deelnemer(id: id) else { return .null }
            return .number(String(p.bron(d).aanvraag.id))
        }
        return .object([
            ("id", .number(String(e.id))),
            ("titel", .string(ev.titel)),
            ("datum", ev.datum.map { JSON.string($0.iso) } ?? .null),
            ("locatie", ev.locatie.map(JSON.string) ?? .null),
            ("aanvang", .string(ev.aanvangTekst)),
            ("rondeduur", .int(ev.rondeduur)),
            ("wisseltijd", .int(ev.wisseltijd)),
            ("cursussen", .array(e.cursussen.map { .number(String($0)) })),
            ("fondsen", .array(ev.fondsen.map { f in
                .object([("naam", .string(f.naam)), ("tafels", .int(f.tafels)), ("thema", .array(f.thema.map(JSON.string))),
                         ("regio", .array(f.regio.map(JSON.string)))])
            })),
            ("projecten", .array(s.deelnemers.map { d in
                let b = p.bron(d)
                return .object([
                    ("aanvraag", .number(String(b.aanvraag.id))), ("versie", .int(b.aanvraag.versie)),
                    ("cursist", .string(b.aanvraag.eigenaarNaam)), ("titel", .string(d.naam)),
                    ("organisatie", .string(d.organisatie)), ("goedgekeurd", .bool(b.goedgekeurd)),
                    ("toegelaten", .bool(d.toegelaten)), ("redenen", .array(d.redenen.map(JSON.string))),
                ])
            })),
            ("rondes", .int(s.rooster.rondes)),
            ("gesprekken", .array(s.rooster.gesprekken.map { g in
                .object([("ronde", .int(g.ronde)), ("aanvang", .string(Tijd.tekst(s.begin(ronde: g.ronde)))),
                         ("einde", .string(Tijd.tekst(s.einde(ronde: g.ronde)))), ("fonds", .string(g.fonds)),
                         ("tafel", .int(g.tafel)), ("aanvraag", project(g.project)),
                         ("project", .string(s.deelnemer(id: g.project)?.naam ?? g.project))])
            })),
            ("planningsfout", s.middernachtFout.map { JSON.string($0.melding) } ?? .null),
            ("samenvatting", .string(s.samenvatting)),
        ])
    }
}
