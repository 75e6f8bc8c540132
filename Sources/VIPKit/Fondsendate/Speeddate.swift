import Foundation
import VIPChecklist
import VIPModel
import VIPPlanning

/// One project of the event after the gate: its aanvraag checked, admitted or not, and why.
public struct Deelnemer: Sendable {
    /// Position in the event's `projecten`, also the project's id in the schedule ("p0", "p1", …).
    public var index: Int
    public var project: Evenement.Project
    /// The aanvraag's path on disk (event folder + `aanvraag`).
    public var pad: String
    public var check: CheckResultaat
    /// Readable, no checklist fouten and approved by the docent.
    public var toegelaten: Bool
    /// Why not admitted, short, one entry per reason (empty when admitted).
    public var redenen: [String]

    public var aanvraag: Aanvraag? { check.aanvraag }
    public var id: String { "p\(index)" }

    /// The project's title, else the organisation, else the file as written.
    public var naam: String { aanvraag?.project.titel ?? aanvraag?.organisatie.naam ?? project.aanvraag }
    public var organisatie: String { aanvraag?.organisatie.naam ?? "" }
    /// The fouten of the checklist, for the organiser's overview.
    public var fouten: [Bevinding] { check.bevindingen.filter { $0.ernst == .fout } }
    /// The reasons as one line (for `toelating.csv` and the summary).
    public var reden: String { redenen.joined(separator: "; ") }
}

/// The planned speed-date: who is admitted, which funds fit whom, and the schedule.
public struct Speeddate: Sendable {
    public var evenement: Evenement
    /// Every project, in the event's order.
    public var deelnemers: [Deelnemer]
    /// Per project (same order), the fitting funds best first; empty for refused projects.
    public var kandidaten: [[Passing.Kandidaat]]
    public var rooster: Rooster

    /// Checks every aanvraag (a missing or unreadable one is refused with its reading
    /// error, not fatal), applies the gate, ranks the fitting funds and plans.
    public init(evenement e: Evenement, checker: Checker = Checker()) {
        evenement = e
        let basis = Uitvoermap.echtPad(e.map)
        deelnemers = e.projecten.enumerated().map { (i, project) in
            let pad = e.pad(van: project)
            var check: CheckResultaat
            // The path text is checked when reading; a symbolic link could still lead
            // elsewhere, which is refused here the same way.
            let echt = Uitvoermap.echtPad(pad)
            if echt != basis && !echt.hasPrefix(basis + "/") {
                check = CheckResultaat(bestand: pad, aanvraag: nil, leesfout: LeesFout(
                    bestand: pad, mark: nil,
                    melding: "Deze aanvraag verwijst (via een symbolische koppeling) naar een bestand buiten de map "
                        + "van de speeddate; kopieer het bestand naar die map."), bevindingen: [])
            } else {
                check = checker.check(path: pad)
            }
            var redenen: [String] = []
            if let fout = check.leesfout {
                redenen.append("onleesbaar: \(fout.description)")
            } else {
                let fouten = check.bevindingen.filter { $0.ernst == .fout }
                if !fouten.isEmpty {
                    redenen.append("niet af: " + CheckReport.aantal(fouten.count, "fout", "fouten") + " ("
                        + fouten.map { "\(Self.eersteZin($0.melding)) [\($0.regel)]" }.joined(separator: "; ") + ")")
                }
            }
            if !project.acceptabel { redenen.append("niet goedgekeurd") }
            return Deelnemer(index: i, project: project, pad: pad, check: check, toegelaten: redenen.isEmpty,
                             redenen: redenen)
        }
        let alle = deelnemers
        let gerangschikt = alle.map { d -> [Passing.Kandidaat] in
            guard d.toegelaten, let a = d.aanvraag else { return [] }
            return Passing.kandidaten(a, fondsen: e.fondsen)
        }
        kandidaten = gerangschikt
        let projecten = alle.filter(\.toegelaten).map { d in
            Rooster.Project(id: d.id, fits: gerangschikt[d.index].map { e.fondsen[$0.fonds].naam },
                            maxGesprekken: e.maxGesprekken)
        }
        rooster = Rooster(projects: projecten, fondsen: e.fondsen.map { Rooster.Fonds(id: $0.naam, tafels: $0.tafels) },
                          maxRondes: e.maxRondes)
    }

    /// The first sentence of a checklist message: the finding without the advice, so
    /// that a refusal reads "in short". A full stop inside quotes ("9.00 uur.") or
    /// without a following space does not end the sentence.
    public static func eersteZin(_ melding: String) -> String {
        var inQuote = false
        var i = melding.startIndex
        while i < melding.endIndex {
            let c = melding[i]
            if c == "\"" || c == "“" || c == "”" { inQuote.toggle() }
            let next = melding.index(after: i)
            if !inQuote && (c == "." || c == "?" || c == "!") && (next == melding.endIndex || melding[next] == " ") {
                return String(melding[..<next])
            }
            i = next
        }
        return melding
    }

    public var toegelaten: [Deelnemer] { deelnemers.filter(\.toegelaten) }
    public var geweigerd: [Deelnemer] { deelnemers.filter { !$0.toegelaten } }

    /// Admitted projects sorted by title (then event order), as the funds look them up.
    public var toegelatenOpTitel: [Deelnemer] {
        toegelaten.sorted { (Passing.normaal($0.naam), $0.index) < (Passing.normaal($1.naam), $1.index) }
    }

    /// Funds (indices) sorted by name, as participants look them up.
    public var fondsenOpNaam: [Int] {
        evenement.fondsen.indices.sorted {
            (Passing.normaal(evenement.fondsen[$0].naam), $0) < (Passing.normaal(evenement.fondsen[$1].naam), $1)
        }
    }

    public func deelnemer(id: String) -> Deelnemer? {
        guard id.hasPrefix("p"), let i = Int(id.dropFirst()), deelnemers.indices.contains(i) else { return nil }
        return deelnemers[i]
    }

    public func fondsIndex(naam: String) -> Int? { evenement.fondsen.firstIndex { $0.naam == naam } }

    /// Start of round `ronde` (1-based), minutes after midnight:
    /// aanvang + (ronde − 1) · (rondeduur + wisseltijd).
    public func begin(ronde: Int) -> Int {
        evenement.aanvang + (ronde - 1) * (evenement.rondeduur + evenement.wisseltijd)
    }

    public func einde(ronde: Int) -> Int { begin(ronde: ronde) + evenement.rondeduur }

    /// A reading error when the planned rounds pass midnight (see `Evenement.middernachtFout`);
    /// with `max_rondes` the reader has already refused such an event.
    public var middernachtFout: LeesFout? { evenement.middernachtFout(rondes: rooster.rondes) }

    /// `14:00–14:10`.
    public func tijden(ronde: Int) -> String { "\(Tijd.tekst(begin(ronde: ronde)))–\(Tijd.tekst(einde(ronde: ronde)))" }

    public func gesprekken(fonds: Int) -> [Rooster.Gesprek] {
        rooster.gesprekken.filter { $0.fonds == evenement.fondsen[fonds].naam }
    }

    public func gesprekken(project d: Deelnemer) -> [Rooster.Gesprek] {
        rooster.gesprekken.filter { $0.project == d.id }.sorted { $0.ronde < $1.ronde }
    }

    /// Admitted projects that no attending fund fits.
    public var zonderPassendFonds: [Deelnemer] { toegelaten.filter { kandidaten[$0.index].isEmpty } }

    /// A dropped conversation in words: "Speelfeest Moerwijk – Jantje Beton (3e keus; …)".
    public func beschrijving(_ d: Rooster.Dropped) -> String {
        let project = deelnemer(id: d.project)?.naam ?? d.project
        let waarom: String
        switch d.reason {
        case .fundFull: waarom = "het fonds heeft niet genoeg tafels binnen \(evenement.maxRondes ?? 0) rondes"
        case .projectRounds: waarom = "het project heeft meer gesprekken dan \(evenement.maxRondes ?? 0) rondes"
        }
        return "\(project) – \(d.fonds) (\(d.preferenceIndex + 1)e keus; \(waarom))"
    }

    // MARK: - CSV

    /// `schema.csv`: one line per conversation, in round, fund and table order.
    public var schemaCSV: String {
        var lines = ["ronde,aanvang,einde,fonds,tafel,project,organisatie"]
        for g in rooster.gesprekken {
            let d = deelnemer(id: g.project)
            lines.append(CSV.regel(["\(g.ronde)", Tijd.tekst(begin(ronde: g.ronde)), Tijd.tekst(einde(ronde: g.ronde)),
                                    g.fonds, "\(g.tafel)", d?.naam ?? g.project, d?.organisatie ?? ""]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `toelating.csv`: every project in the event's order, `ja`/`nee`, the reason.
    public var toelatingCSV: String {
        var lines = ["project,organisatie,toegelaten,reden"]
        for d in deelnemers {
            lines.append(CSV.regel([d.naam, d.organisatie, d.toegelaten ? "ja" : "nee", d.reden]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Summary

    /// What `vip fondsendate` prints: admitted, rounds and times, drops.
    public var samenvatting: String {
        var out: [String] = []
        let kop = evenement.titel + (evenement.datum.map { " (\($0))" } ?? "")
        out.append("\(kop): \(toegelaten.count) van \(deelnemers.count) projecten toegelaten.")
        for d in geweigerd {
            out.append("  niet toegelaten: \(d.naam) (\(d.project.aanvraag)): "
                + d.redenen.map { $0.hasPrefix("niet af") ? String($0.prefix(while: { $0 != "(" })).trimmedText : $0 }
                    .joined(separator: "; "))
        }
        if rooster.rondes == 0 {
            out.append("Schema: geen gesprekken.")
        } else {
            out.append("Schema: \(rooster.gesprekken.count) gesprekken in \(rooster.rondes) "
                + (rooster.rondes == 1 ? "ronde" : "rondes")
                + ", van \(Tijd.tekst(begin(ronde: 1))) tot \(Tijd.tekst(einde(ronde: rooster.rondes))).")
        }
        if !rooster.dropped.isEmpty {
            out.append("Vervallen door max_rondes \(evenement.maxRondes ?? 0): \(rooster.dropped.count) "
                + (rooster.dropped.count == 1 ? "gesprek" : "gesprekken") + ":")
            for d in rooster.dropped { out.append("  \(beschrijving(d))") }
        }
        for id in rooster.unserved {
            out.append("Let op: \(deelnemer(id: id)?.naam ?? id) krijgt geen gesprek; verhoog max_rondes of het aantal tafels.")
        }
        for d in zonderPassendFonds {
            out.append("Let op: voor \(d.naam) is geen passend fonds aanwezig (geen gedeeld thema en regio, "
                + "en geen fonds uit het dekkingsplan).")
        }
        return out.joined(separator: "\n")
    }
}

/// CSV as spreadsheets read it (RFC 4180 quoting, LF line ends, UTF-8 without BOM).
public enum CSV {
    /// A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
    /// apostrophe, so that a spreadsheet shows it as text and never runs it as a formula (a
    /// project titled `=HYPERLINK(…)` stays a title). The apostrophe is part of the cell;
    /// quoting follows. The first scalar counts (CR LF is one Swift character).
    public static func veld(_ cel: String) -> String {
        let s = cel.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true ? "'" + cel : cel
        // By scalar: CR LF is one Swift character, equal to neither CR nor LF.
        guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || s.hasPrefix(" ") || s.hasSuffix(" ") else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func regel(_ velden: [String]) -> String { velden.map(veld).joined(separator: ",") }

    /// Parses CSV written by `regel` (and RFC 4180 in general), for tests and tools.
    public static func lees(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var i = text.startIndex
        var rowHasContent = false
        while i < text.endIndex {
            let c = text[i]
            if quoted {
                if c == "\"" {
                    let next = text.index(after: i)
                    if next < text.endIndex && text[next] == "\"" { field.append("\""); i = next } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
                rowHasContent = true
            } else if c == "," {
                row.append(field); field = ""; rowHasContent = true
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                row.append(field); rows.append(row); row = []; field = ""; rowHasContent = false
            } else {
                field.append(c); rowHasContent = true
            }
            i = text.index(after: i)
        }
        if rowHasContent || !field.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
