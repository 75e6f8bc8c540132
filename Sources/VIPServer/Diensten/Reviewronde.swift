import Foundation
import VIPKit
import VIPPlanning
import VIPZip

/// The peer review of bijeenkomst 4 through the server: the same `Peerreview` as `vip review`
/// (same set, same letters for the same texts, same anonymisation and leak check), with the
/// aanvragen of one cursus at their current versions.
public struct Reviewronde: Sendable {
    public var kern: Kern

    public init(kern: Kern) { self.kern = kern }

    /// What the docent asks for: three aanvragen of her cursus, or `kies` from all of them.
    public enum Keuze: Sendable {
        case aanvragen([Int64])
        case kies(Int)
    }

    public struct Uitkomst: Sendable {
        /// `deelnemers/…` and `docent/…`, as `vip review` writes them.
        public var zip: [UInt8]
        public var uitvoer: Peerreview.Uitvoer
    }

    /// The name an aanvraag goes by in the docentenblad (only the docent sees it).
    static func bestand(_ a: AanvraagRij) -> String {
        "\(a.eigenaarNaam) (aanvraag \(a.id), versie \(a.versie))"
    }

    public func maak(cursus: Cursus, keuze: Keuze, zaad: UInt64? = nil) async throws -> Uitkomst {
        let alle = try await kern.opslag.aanvragen(cursus: cursus.id)
        let gekozen: [AanvraagRij]
        switch keuze {
        case .aanvragen(let ids):
            guard ids.count == Peerreview.letters.count else {
                throw Weigering(.unprocessableContent, ReviewFout.nietDrie(gegeven: ids.count).description)
            }
            guard Set(ids).count == ids.count else {
                throw Weigering(.unprocessableContent, "Kies drie verschillende aanvragen.")
            }
            gekozen = try ids.map { id in
                guard let a = alle.first(where: { $0.id == id }) else {
                    throw Weigering(.unprocessableContent, "Aanvraag \(id) hoort niet bij deze cursus.")
                }
                return a
            }
        case .kies(let n):
            gekozen = alle
            if n != 3 { throw Weigering(.unprocessableContent, ReviewFout.kiesAantal(n).description) }
        }
        var teksten: [(AanvraagRij, [UInt8])] = []
        for a in gekozen {
            teksten.append((a, try await kern.opslag.tekst(aanvraag: a.id, versie: a.versie) ?? []))
        }
        let d = kern
        let gelezen = teksten
        let uitkomst: Result<Uitkomst, Weigering> = await Zwaar.doe {
            let review = Peerreview(checker: d.checker)
            let resultaten = gelezen.map { r in d.checker.check(bytes: r.1, bestand: Self.bestand(r.0)) }
                .filter { $0.leesfout == nil }
            do {
                var drie = resultaten
                if case .kies(let n) = keuze { drie = try review.kies(resultaten, aantal: n) }
                let uitvoer = try review.maak(drie, zaad: zaad)
                let entries = uitvoer.deelnemers.map { ("deelnemers/" + $0.naam, $0.bytes) }
                    + uitvoer.docent.map { ("docent/" + $0.naam, $0.bytes) }
                return .success(Uitkomst(zip: try Archief.zip(entries), uitvoer: uitvoer))
            } catch let fout as ReviewFout {
                switch fout {
                case .document, .uitvoer:
                    return .failure(Weigering(.internalServerError, "De review kon niet worden gemaakt: \(fout.description)"))
                default:
                    return .failure(Weigering(.unprocessableContent, fout.description))
                }
            } catch {
                return .failure(Weigering(.internalServerError, "De review kon niet worden gemaakt: \(error)"))
            }
        }
        return try uitkomst.get()
    }

    // MARK: Combining the groups' rankings

    /// The groups' rankings as `vip review combineer` reads them: the CSV text, or a list of
    /// rankings (`["B","A","C"]`) or of groups (`{"groep": "…", "rangorde": […]}`).
    public enum Rangordes: Sendable, Decodable {
        case csv(String)
        case lijst([Rangorde])

        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) { self = .csv(s); return }
            self = .lijst(try c.decode([Rangorde].self))
        }
    }

    public struct Rangorde: Sendable, Decodable {
        public var groep: String?
        public var rangorde: [String]

        enum Sleutel: String, CodingKey { case groep, rangorde }

        public init(from decoder: any Decoder) throws {
            if let letters = try? decoder.singleValueContainer().decode([String].self) {
                groep = nil
                rangorde = letters
                return
            }
            let c = try decoder.container(keyedBy: Sleutel.self)
            groep = try c.decodeIfPresent(String.self, forKey: .groep)
            rangorde = try c.decode([String].self, forKey: .rangorde)
        }
    }

    public static func groepen(_ rangordes: Rangordes) throws -> [Combineer.Groep] {
        let bestand = "rangordes"
        let csv: String
        switch rangordes {
        case .csv(let tekst):
            csv = tekst
        case .lijst(let lijst):
            // The same checks as for the CSV: written as CSV lines, one per group.
            var regels: [String] = []
            for (i, item) in lijst.enumerated() {
                let naam = item.groep.flatMap { $0.isEmpty ? nil : $0 } ?? "groep \(i + 1)"
                // A name cannot break the line: no separators, quotes or a leading `#`.
                let schoon = String(naam.map { ",;\"\n\r".contains($0) ? " " : $0 }).drop { $0 == "#" || $0 == " " }
                regels.append(([schoon.isEmpty ? "groep \(i + 1)" : String(schoon)] + item.rangorde).joined(separator: ","))
            }
            csv = regels.joined(separator: "\n")
        }
        do { return try Combineer.lees(csv, bestand: bestand) } catch {
            throw Weigering(.unprocessableContent, "\(error)")
        }
    }

    /// The reference ranking: `referentie` (`["B","A","C"]`) or the docentenblad's JSON
    /// object (`docentenblad`, as its bytes); nil when neither is given.
    public static func referentie(_ letters: [String]?, docentenblad: [UInt8]?) throws -> [String]? {
        if let letters {
            guard !letters.isEmpty else {
                throw Weigering.ongeldigeJSON("`referentie` is een lijst met letters, zoals [\"B\", \"A\", \"C\"].")
            }
            return letters.map { $0.uppercased() }
        }
        if let blad = docentenblad {
            do { return try Combineer.referentie(json: Data(blad), bestand: "docentenblad") } catch {
                throw Weigering(.unprocessableContent, "\(error)")
            }
        }
        return nil
    }

    public static func combineer(_ groepen: [Combineer.Groep], referentie: [String]?) throws -> Combineer.Uitslag {
        do { return try Combineer.combineer(groepen, referentie: referentie) } catch {
            throw Weigering(.unprocessableContent, "\(error)")
        }
    }

    /// The result as JSON, with the table `vip review combineer` prints.
    public static func json(_ u: Combineer.Uitslag) -> JSON {
        func afstand(_ r: [String]) -> [(String, JSON)] {
            guard let ref = u.referentie, let d = try? Kendall.distance(r, ref), let tau = try? Kendall.tau(r, ref) else {
                return [("afstand", .null), ("tau", .null)]
            }
            return [("afstand", .int(d)), ("tau", .number(String(format: "%.2f", tau)))]
        }
        let l = u.schulze.candidates
        var paren: [(String, JSON)] = []
        for i in l.indices {
            for j in l.indices where i != j { paren.append(("\(l[i])>\(l[j])", .int(u.schulze.pairwise[i][j]))) }
        }
        return .object([
            ("groepen", .array(u.groepen.map { g in
                .object([("naam", .string(g.naam)), ("rangorde", .array(g.rangorde.map(JSON.string)))] + afstand(g.rangorde))
            })),
            ("schulze", .object([
                ("rangorde", .array(u.schulze.ranking.map(JSON.string))),
                ("gelijk", .array(u.schulze.ties.map { .array($0.map(JSON.string)) })),
                ("paren", .object(paren)),
            ] + afstand(u.schulze.ranking))),
            ("referentie", u.referentie.map { .array($0.map(JSON.string)) } ?? .null),
            ("tabel", .string(Combineer.tabel(u))),
        ])
    }
}

/// The zips the server hands out: documents that are zips themselves stored, the rest deflated.
enum Archief {
    static func entry(_ naam: String, _ bytes: [UInt8]) -> ZipEntry {
        ZipEntry(name: naam, data: bytes, method: naam.hasSuffix(".zip") || naam.hasSuffix(".odt")
            || naam.hasSuffix(".docx") ? .stored : .deflated)
    }

    static func zip(_ bestanden: [(String, [UInt8])]) throws -> [UInt8] {
        try ZipWriter.archive(bestanden.map { entry($0.0, $0.1) })
    }
}
