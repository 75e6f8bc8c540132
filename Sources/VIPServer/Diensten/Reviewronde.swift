import Foundation
import VIPKit
import VIPPlanning
import VIPZip

/// The peer review of bijeenkomst 4 through the server: the same `Peerreview` as `vip review`
/// (same set, same letters for the same texts, same anonymisation and leak check), with the
/// aanvragen of one cursus at their current versions.
public struct Reviewronde: Sendable {
    public var dienst: Dienst

    public init(dienst: Dienst) { self.dienst = dienst }

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
        let alle = try await dienst.opslag.aanvragen(cursus: cursus.id)
        let gekozen: [AanvraagRij]
        switch keuze {
        case .aanvragen(let ids):
            guard ids.count == Peerreview.letters.count else {
                throw APIFout(.unprocessableContent, ReviewFout.nietDrie(gegeven: ids.count).description)
            }
            guard Set(ids).count == ids.count else {
                throw APIFout(.unprocessableContent, "Kies drie verschillende aanvragen.")
            }
            gekozen = try ids.map { id in
                guard let a = alle.first(where: { $0.id == id }) else {
                    throw APIFout(.unprocessableContent, "Aanvraag \(id) hoort niet bij deze cursus.")
                }
                return a
            }
        case .kies(let n):
            gekozen = alle
            if n != 3 { throw APIFout(.unprocessableContent, ReviewFout.kiesAantal(n).description) }
        }
        var teksten: [(AanvraagRij, [UInt8])] = []
        for a in gekozen {
            teksten.append((a, try await dienst.opslag.tekst(aanvraag: a.id, versie: a.versie) ?? []))
        }
        let d = dienst
        let gelezen = teksten
        let uitkomst: Result<Uitkomst, APIFout> = await Zwaar.doe {
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
                    return .failure(APIFout(.internalServerError, "De review kon niet worden gemaakt: \(fout.description)"))
                default:
                    return .failure(APIFout(.unprocessableContent, fout.description))
                }
            } catch {
                return .failure(APIFout(.internalServerError, "De review kon niet worden gemaakt: \(error)"))
            }
        }
        return try uitkomst.get()
    }

    // MARK: Combining the groups' rankings

    /// The groups' rankings as `vip review combineer` reads them: the CSV text, or a list of
    /// rankings (`["B","A","C"]`) or of groups (`{"groep": "…", "rangorde": […]}`).
    public static func groepen(_ waarde: Any?) throws -> [Combineer.Groep] {
        let bestand = "rangordes"
        if let csv = waarde as? String {
            do { return try Combineer.lees(csv, bestand: bestand) } catch {
                throw APIFout(.unprocessableContent, "\(error)")
            }
        }
        guard let lijst = waarde as? [Any] else {
            throw APIFout.ongeldigeJSON("het veld `rangordes` (CSV-tekst of een lijst van rangordes) ontbreekt.")
        }
        // The same checks as for the CSV: written as CSV lines, one per group.
        var regels: [String] = []
        for (i, item) in lijst.enumerated() {
            var naam = "groep \(i + 1)"
            var rang: [Any]?
            if let r = item as? [Any] {
                rang = r
            } else if let o = item as? [String: Any] {
                if let n = o["groep"] as? String, !n.isEmpty { naam = n }
                rang = o["rangorde"] as? [Any]
            }
            guard let letters = rang as? [String] else {
                throw APIFout.ongeldigeJSON("rangorde \(i + 1) is geen lijst met letters.")
            }
            // A name cannot break the line: no separators, quotes or a leading `#`.
            let schoon = String(naam.map { ",;\"\n\r".contains($0) ? " " : $0 }).drop { $0 == "#" || $0 == " " }
            regels.append(([schoon.isEmpty ? "groep \(i + 1)" : String(schoon)] + letters).joined(separator: ","))
        }
        do { return try Combineer.lees(regels.joined(separator: "\n"), bestand: bestand) } catch {
            throw APIFout(.unprocessableContent, "\(error)")
        }
    }

    /// The reference ranking: `referentie` (`["B","A","C"]`) or the docentenblad's JSON
    /// object (`docentenblad`); nil when neither is given.
    public static func referentie(_ object: [String: Any]) throws -> [String]? {
        if let r = object["referentie"] {
            guard let letters = r as? [String], !letters.isEmpty else {
                throw APIFout.ongeldigeJSON("`referentie` is een lijst met letters, zoals [\"B\", \"A\", \"C\"].")
            }
            return letters.map { $0.uppercased() }
        }
        if let blad = object["docentenblad"] {
            guard let data = try? JSONSerialization.data(withJSONObject: blad) else {
                throw APIFout.ongeldigeJSON("`docentenblad` is het JSON-object uit docent/docentenblad.json.")
            }
            do { return try Combineer.referentie(json: data, bestand: "docentenblad") } catch {
                throw APIFout(.unprocessableContent, "\(error)")
            }
        }
        return nil
    }

    public static func combineer(_ groepen: [Combineer.Groep], referentie: [String]?) throws -> Combineer.Uitslag {
        do { return try Combineer.combineer(groepen, referentie: referentie) } catch {
            throw APIFout(.unprocessableContent, "\(error)")
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
    static func zip(_ bestanden: [(String, [UInt8])]) throws -> [UInt8] {
        try ZipWriter.archive(bestanden.map { naam, bytes in
            ZipEntry(name: naam, data: bytes, method: naam.hasSuffix(".zip") || naam.hasSuffix(".odt")
                || naam.hasSuffix(".docx") ? .stored : .deflated)
        })
    }
}
