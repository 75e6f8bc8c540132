import Foundation
import VIPChecklist
import VIPDocument
import VIPModel
import VIPPlanning

/// The printed documents of the speed-date (fondsendate.md, "Output"). All share one
/// letterhead: the event's title, with date and place in the footer.
public enum SpeeddateDocumenten {
    /// File stem and document, in the order they are written; `klok` gives the
    /// metadata date.
    public static func alle(_ s: Speeddate, klok: Klok = Klok()) -> [(naam: String, document: Document)] {
        [("projectenoverzicht", projectenoverzicht(s)), ("fondsenoverzicht", fondsenoverzicht(s)),
         ("schema", schema(s)), ("agenda-fondsen", agendaFondsen(s)), ("agenda-projecten", agendaProjecten(s)),
         ("niet-toegelaten", nietToegelaten(s))].map { naam, document in
            var document = document
            document.metadata.date = klok.datum(s.evenement.datum)
            return (naam, document)
        }
    }

    // MARK: - Shared

    static func document(_ s: Speeddate, titel: String, blocks: [Block]) -> Document {
        let e = s.evenement
        let plaats = [e.datum?.description, e.locatie].compactMap { $0 }.joined(separator: " · ")
        // The event's own date; `alle` stamps the injected clock's instead, so the same
        // input gives byte-identical output.
        let meta = Metadata(title: titel, subject: e.titel, creator: "vip", company: "", language: "nl-NL",
                            date: Klok().datum(e.datum))
        return Document(metadata: meta, letterhead: Letterhead(name: e.titel, logo: nil, footer: plaats.isEmpty ? [] : [plaats]),
                        blocks: blocks)
    }

    static func kop(_ s: Speeddate, _ titel: String) -> [Block] {
        let e = s.evenement
        var regel = [e.titel]
        if let d = e.datum { regel.append(d.description) }
        if let l = e.locatie { regel.append(l) }
        return [.paragraph([.text(titel)], style: .title), .paragraph([.bold(regel.joined(separator: " · "))])]
    }

    static func rij(_ label: String, _ waarde: String) -> Table.Row {
        Table.Row([[.bold(label)], [.text(waarde)]])
    }

    static func velden(_ rows: [Table.Row]) -> Block {
        .table(Table(columnWidths: [1.3, 3.7], alignments: [.left, .left], rows: rows))
    }

    /// `€ 1.000,00 – € 25.000,00`, `vanaf …`, `tot …`.
    static func bereik(_ f: Evenement.Fonds) -> String {
        switch (f.bedragMin, f.bedragMax) {
        case let (lo?, hi?): return "\(lo) – \(hi)"
        case let (lo?, nil): return "vanaf \(lo)"
        case let (nil, hi?): return "tot \(hi)"
        default: return "niet opgegeven"
        }
    }

    static func contact(_ a: Aanvraag) -> String {
        guard let c = a.organisatie.contactpersoon else { return "" }
        let naam = [c.naam, c.functie.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        return [naam, c.telefoon, c.email].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
    }

    static func tafelTekst(_ s: Speeddate, _ g: Rooster.Gesprek) -> String {
        guard let f = s.fondsIndex(naam: g.fonds), s.evenement.fondsen[f].tafels > 1 else { return "" }
        return "tafel \(g.tafel)"
    }

    // MARK: - Projectenoverzicht voor de fondsen

    public static func projectenoverzicht(_ s: Speeddate) -> Document {
        var b = kop(s, "Projectenoverzicht voor de fondsen")
        let lijst = s.toegelatenOpTitel
        b.append(Tekst.p(lijst.isEmpty
            ? "Er zijn geen projecten toegelaten tot deze speeddate."
            : "Deze \(lijst.count == 1 ? "aanvraag is" : "\(lijst.count) aanvragen zijn") af en door de docent "
                + "goedgekeurd. Per project vindt u de kern van de aanvraag en het bedrag dat nog gedekt moet worden."))
        for (n, d) in lijst.enumerated() {
            guard let a = d.aanvraag else { continue }
            if n > 0 { b.append(.pageBreak) }
            b.append(.heading(level: 1, [.text(d.naam)]))
            var rows = [rij("Organisatie", d.organisatie)]
            rows.append(rij("Presentatoren", Tekst.opsomming(d.project.presentatoren)))
            rows.append(rij("Doelgroep", a.project.doelgroep.omschrijving ?? ""))
            if let regio = a.project.regio { rows.append(rij("Regio", regio)) }
            rows.append(rij("Thema’s", Tekst.opsomming(a.project.thema)))
            rows.append(rij("Begroting", a.begroting.totaal.description))
            rows.append(rij("Nog te dekken", Passing.nogTeDekken(a).description))
            rows.append(rij("Contactpersoon", contact(a)))
            b.append(velden(rows))
            b.append(.heading(level: 2, [.text("Samenvatting")]))
            b += Tekst.alineas(a.project.samenvatting ?? "Geen samenvatting opgegeven.")
        }
        return document(s, titel: "Projectenoverzicht \(s.evenement.titel)", blocks: b)
    }

    // MARK: - Fondsenoverzicht voor de deelnemers

    public static func fondsenoverzicht(_ s: Speeddate) -> Document {
        var b = kop(s, "Fondsenoverzicht voor de deelnemers")
        let fondsen = s.fondsenOpNaam.map { s.evenement.fondsen[$0] }
        b.append(Tekst.p(fondsen.isEmpty ? "Er zijn (nog) geen fondsen aangemeld."
            : "Deze fondsen zijn aanwezig. Bereid per fonds voor hoe uw project aansluit bij zijn doelstelling."))
        if !fondsen.isEmpty {
            var rows = [Table.Row([[.text("Fonds")], [.text("Thema’s")], [.text("Regio")], [.text("Bedrag")]], kind: .header)]
            for f in fondsen {
                rows.append(Table.Row([[.bold(f.naam)], [.text(f.thema.joined(separator: ", "))],
                                       [.text(f.regio.joined(separator: ", "))], [.text(bereik(f))]]))
            }
            b.append(.table(Table(columnWidths: [2.2, 2.6, 2.2, 2.6], alignments: [.left, .left, .left, .left], rows: rows)))
        }
        for f in fondsen {
            b.append(.heading(level: 1, [.text(f.naam)]))
            b += Tekst.alineas(f.doelstelling ?? "Geen doelstelling opgegeven.")
            var rows = [rij("Thema’s", Tekst.opsomming(f.thema)), rij("Regio", Tekst.opsomming(f.regio)),
                        rij("Bedrag", bereik(f))]
            if !f.vertegenwoordigers.isEmpty { rows.append(rij("Aanwezig", Tekst.opsomming(f.vertegenwoordigers))) }
            b.append(velden(rows))
        }
        return document(s, titel: "Fondsenoverzicht \(s.evenement.titel)", blocks: b)
    }

    // MARK: - Schema

    /// Funds per grid table, so that a grid stays readable on a portrait page.
    static let fondsenPerTabel = 5

    public static func schema(_ s: Speeddate) -> Document {
        let e = s.evenement
        var b = kop(s, "Schema van de gesprekken")
        let r = s.rooster
        if r.rondes == 0 {
            b.append(Tekst.p("Er zijn geen gesprekken gepland."))
        } else {
            b.append(Tekst.p("\(r.gesprekken.count) gesprekken in \(r.rondes) \(r.rondes == 1 ? "ronde" : "rondes") "
                + "van \(e.rondeduur) minuten" + (e.wisseltijd > 0 ? ", met \(e.wisseltijd) minuten om te wisselen" : "")
                + "; van \(Tijd.tekst(s.begin(ronde: 1))) tot \(Tijd.tekst(s.einde(ronde: r.rondes))). "
                + "Een leeg vak betekent dat het fonds die ronde vrij is."))
            let indices = Array(e.fondsen.indices)
            for start in stride(from: 0, to: indices.count, by: fondsenPerTabel) {
                let groep = Array(indices[start..<min(start + fondsenPerTabel, indices.count)])
                var rows = [Table.Row([[.text("Ronde")]] + groep.map { f in
                    let t = e.fondsen[f].tafels
                    return [.text(e.fondsen[f].naam + (t > 1 ? " (\(t) tafels)" : ""))]
                }, kind: .header)]
                for ronde in 1...r.rondes {
                    var cells: [[Inline]] = [[.bold("\(ronde)"), .lineBreak, .text(s.tijden(ronde: ronde))]]
                    for f in groep {
                        var cell: [Inline] = []
                        for g in r.gesprekken where g.ronde == ronde && g.fonds == e.fondsen[f].naam {
                            if !cell.isEmpty { cell.append(.lineBreak) }
                            cell.append(.text(s.deelnemer(id: g.project)?.naam ?? g.project))
                            let tafel = tafelTekst(s, g)
                            if !tafel.isEmpty { cell.append(.italic(" (\(tafel))")) }
                        }
                        cells.append(cell)
                    }
                    rows.append(Table.Row(cells))
                }
                b.append(.table(Table(columnWidths: [1.2] + groep.map { _ in 2 },
                                      alignments: Array(repeating: .left, count: groep.count + 1), rows: rows)))
            }
        }
        if !r.dropped.isEmpty {
            b.append(.heading(level: 2, [.text("Vervallen gesprekken")]))
            b.append(Tekst.p("Binnen het maximum van \(e.maxRondes ?? 0) rondes passen niet alle gekozen gesprekken. "
                + "Deze gesprekken zijn vervallen (de minst gewenste eerst):"))
            b.append(Tekst.lijst(r.dropped.map(s.beschrijving)))
        }
        let zonder = s.zonderPassendFonds.map(\.naam) + r.unserved.compactMap { s.deelnemer(id: $0)?.naam }
        if !zonder.isEmpty {
            b.append(.heading(level: 2, [.text("Projecten zonder gesprek")]))
            b.append(Tekst.lijst(zonder))
        }
        return document(s, titel: "Schema \(e.titel)", blocks: b)
    }

    // MARK: - Agendas

    public static func agendaFondsen(_ s: Speeddate) -> Document {
        let e = s.evenement
        var b = kop(s, "Agenda per fonds")
        if e.fondsen.isEmpty { b.append(Tekst.p("Er zijn geen fondsen aangemeld.")) }
        for (n, f) in s.fondsenOpNaam.enumerated() {
            let fonds = e.fondsen[f]
            if n > 0 { b.append(.pageBreak) }
            b.append(.heading(level: 1, [.text(fonds.naam)]))
            var regel: [String] = []
            if !fonds.vertegenwoordigers.isEmpty { regel.append("Aanwezig: \(Tekst.opsomming(fonds.vertegenwoordigers)).") }
            if fonds.tafels > 1 { regel.append("U heeft \(fonds.tafels) tafels.") }
            let lijst = s.gesprekken(fonds: f)
            regel.append(lijst.isEmpty ? "Er zijn voor u geen gesprekken gepland."
                : "U spreekt \(lijst.count == 1 ? "1 project" : "\(lijst.count) projecten").")
            b.append(Tekst.p(regel.joined(separator: " ")))
            guard !lijst.isEmpty else { continue }
            var rows = [Table.Row([[.text("Ronde")], [.text("Tijd")], [.text("Tafel")], [.text("Project")],
                                   [.text("Presentatoren")]], kind: .header)]
            for ronde in 1...max(1, s.rooster.rondes) {
                let hier = lijst.filter { $0.ronde == ronde }
                if hier.isEmpty {
                    rows.append(Table.Row([[.text("\(ronde)")], [.text(s.tijden(ronde: ronde))], [], [.italic("vrij")], []]))
                }
                for g in hier {
                    let d = s.deelnemer(id: g.project)
                    rows.append(Table.Row([[.text("\(ronde)")], [.text(s.tijden(ronde: ronde))], [.text("\(g.tafel)")],
                                           [.bold(d?.naam ?? g.project), .lineBreak, .text(d?.organisatie ?? "")],
                                           [.text(d.map { Tekst.opsomming($0.project.presentatoren) } ?? "")]]))
                }
            }
            b.append(.table(Table(columnWidths: [0.8, 1.5, 0.8, 3.8, 2.6], alignments: [.right, .left, .right, .left, .left],
                                  rows: rows)))
        }
        return document(s, titel: "Agenda per fonds \(e.titel)", blocks: b)
    }

    public static func agendaProjecten(_ s: Speeddate) -> Document {
        let e = s.evenement
        var b = kop(s, "Agenda per project")
        let lijst = s.toegelatenOpTitel
        if lijst.isEmpty { b.append(Tekst.p("Er zijn geen projecten toegelaten tot deze speeddate.")) }
        for (n, d) in lijst.enumerated() {
            if n > 0 { b.append(.pageBreak) }
            b.append(.heading(level: 1, [.text(d.naam)]))
            var regel = [d.organisatie.isEmpty ? nil : "\(d.organisatie).",
                         d.project.presentatoren.isEmpty ? nil : "Presentatoren: \(Tekst.opsomming(d.project.presentatoren))."]
                .compactMap { $0 }
            let gesprekken = s.gesprekken(project: d)
            if gesprekken.isEmpty {
                regel.append(s.kandidaten[d.index].isEmpty
                    ? "Er is geen fonds aanwezig dat bij uw project past; u bent welkom om de gesprekken bij te wonen."
                    : "Binnen het aantal rondes was helaas geen plaats voor een gesprek.")
            } else {
                regel.append("U heeft \(gesprekken.count == 1 ? "1 gesprek" : "\(gesprekken.count) gesprekken") "
                    + "van \(e.rondeduur) minuten.")
            }
            b.append(Tekst.p(regel.joined(separator: " ")))
            guard !gesprekken.isEmpty else { continue }
            var rows = [Table.Row([[.text("Ronde")], [.text("Tijd")], [.text("Fonds")], [.text("Tafel")],
                                   [.text("Waarom dit fonds")]], kind: .header)]
            for ronde in 1...s.rooster.rondes {
                guard let g = gesprekken.first(where: { $0.ronde == ronde }) else {
                    rows.append(Table.Row([[.text("\(ronde)")], [.text(s.tijden(ronde: ronde))], [.italic("vrij")], [], []]))
                    continue
                }
                let k = s.fondsIndex(naam: g.fonds).flatMap { f in s.kandidaten[d.index].first { $0.fonds == f } }
                rows.append(Table.Row([[.text("\(ronde)")], [.text(s.tijden(ronde: ronde))], [.bold(g.fonds)],
                                       [.text("\(g.tafel)")], [.text(k.map(waarom) ?? "")]]))
            }
            b.append(.table(Table(columnWidths: [0.8, 1.5, 2.4, 0.8, 4], alignments: [.right, .left, .left, .right, .left],
                                  rows: rows)))
        }
        return document(s, titel: "Agenda per project \(e.titel)", blocks: b)
    }

    /// Why a fund was matched, in words.
    static func waarom(_ k: Passing.Kandidaat) -> String {
        var delen: [String] = []
        if k.genoemd { delen.append(k.inDekkingsplan ? "staat in uw dekkingsplan" : "in uw dekkingsplan (afgewezen)") }
        if !k.gedeeldeThemas.isEmpty {
            delen.append("\(k.gedeeldeThemas.count == 1 ? "gedeeld thema" : "gedeelde thema’s"): "
                + Tekst.opsomming(k.gedeeldeThemas))
        }
        if k.bedragBinnenBereik { delen.append("uw tekort valt binnen het bedrag dat het fonds geeft") }
        return Tekst.hoofdletter(delen.joined(separator: "; "))
    }

    // MARK: - Niet toegelaten

    public static func nietToegelaten(_ s: Speeddate) -> Document {
        var b = kop(s, "Niet toegelaten projecten")
        let lijst = s.geweigerd
        b.append(Tekst.p("Alleen aanvragen die helemaal af zijn (geen fouten in de checklist) en door de docent zijn "
            + "goedgekeurd, worden gepresenteerd. "
            + "\(s.toegelaten.count) van de \(s.deelnemers.count) projecten zijn toegelaten."))
        if lijst.isEmpty {
            b.append(Tekst.p("Alle projecten zijn toegelaten."))
        } else {
            var rows = [Table.Row([[.text("Project")], [.text("Organisatie")], [.text("Reden")]], kind: .header)]
            for d in lijst {
                rows.append(Table.Row([[.text(d.naam)], [.text(d.organisatie)], [.text(kort(d))]]))
            }
            b.append(.table(Table(columnWidths: [2.5, 2.5, 4], alignments: [.left, .left, .left], rows: rows)))
        }
        for d in lijst {
            b.append(.heading(level: 2, [.text(d.naam)]))
            b.append(.paragraph([.text("Bestand: \(d.project.aanvraag)")], style: .small))
            if let fout = d.check.leesfout {
                b.append(Tekst.p("De aanvraag kon niet worden gelezen: \(fout.description)"))
            }
            if !d.fouten.isEmpty {
                b.append(Tekst.p("Nog niet af: \(CheckReport.aantal(d.fouten.count, "fout", "fouten")) in de checklist."))
                b.append(.bulletList(d.fouten.map { f in
                    [.text(f.melding), .italic(" [\(f.regel)" + (f.mark.map { ", regel \($0.line)" } ?? "") + "]")]
                }))
            }
            if !d.project.acceptabel { b.append(Tekst.p("Niet goedgekeurd door de docent (acceptabel: nee).")) }
        }
        return document(s, titel: "Niet toegelaten \(s.evenement.titel)", blocks: b)
    }

    /// The reason in a table cell: without the full list of fouten.
    static func kort(_ d: Deelnemer) -> String {
        var delen: [String] = []
        if d.check.leesfout != nil { delen.append("onleesbaar") }
        if !d.fouten.isEmpty { delen.append("niet af (\(CheckReport.aantal(d.fouten.count, "fout", "fouten")))") }
        if !d.project.acceptabel { delen.append("niet goedgekeurd") }
        return delen.joined(separator: "; ")
    }
}
