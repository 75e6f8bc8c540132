import VIPDocument
import VIPModel

/// The verantwoording (na-het-besluit.md): "stuur later een verslag over het project. Dat vinden
/// fondsen erg belangrijk. Ze weten dan dat hun geld goed is besteed" (L8999–9008). One for all
/// (`verantwoording`), and one per fund that gave (`verantwoording-<fonds>`), addressed to it:
/// begroot against werkelijk per post and per categorie, the dekking as promised and as received,
/// each planned resultaat with what was reached, and the verslag. Amounts to the cent.
public enum VerantwoordingBuilder {
    /// A difference: "+€ 85,00", "−€ 12,50" (a minus sign), "€ 0,00".
    public static func verschil(_ b: Bedrag) -> String {
        b == .zero ? b.description : (b > .zero ? "+" : "\u{2212}") + b.magnitude.description
    }

    static func bedrag(_ b: Bedrag?) -> [Inline] { [.text(b?.description ?? "\u{2014}")] }

    /// The verantwoording for all; with `fonds`, the one addressed to that fund.
    public static func blocks(_ a: Aanvraag, fonds index: Int? = nil) -> [Block] {
        let v = Verantwoording(a)
        let titel = a.project.titel ?? "het project"
        var b: [Block] = []
        if let index {
            b += aanFonds(a, fonds: index, v)
        } else {
            b += [.paragraph([.text("Verantwoording")], style: .title), .heading(level: 1, [.text(titel)])]
            b.append(Tekst.p("Hoe \(a.organisatie.naam ?? "wij") het geld voor \u{201C}\(titel)\u{201D} "
                + "besteedde en wat het project bereikte" + (v.peildatum.map { ", stand op \($0)." } ?? ".")))
        }
        b += financieel(v)
        b += dekking(v)
        b += resultaten(v)
        b += verslag(v)
        if index != nil {
            if let contact = Briefdelen.contact(a) { b.append(contact) }
            b.append(Tekst.p("Nogmaals hartelijk dank voor uw bijdrage aan \u{201C}\(titel)\u{201D}."))
            b += Briefdelen.groet(a)
        }
        return b
    }

    /// The letter part of a fund's verantwoording: address, kenmerk, what it gave and what came in.
    static func aanFonds(_ a: Aanvraag, fonds index: Int, _ v: Verantwoording) -> [Block] {
        let fonds = a.fondsen[index]
        let naam = fonds.naam ?? "uw fonds"
        let d = fonds.naam.flatMap(a.dekking(van:))
        let titel = a.project.titel ?? "het project"
        var b: [Block] = [Briefdelen.plaatsEnDatum(a, v.peildatum ?? d?.verantwoordingVoor), Briefdelen.adres(fonds)]
        var betreft: [Inline] = [.bold("Betreft: "), .text("verantwoording van het project \u{201C}\(titel)\u{201D}")]
        if let kenmerk = d?.kenmerk { betreft.append(.text(", uw kenmerk \(kenmerk)")) }
        b.append(.paragraph(betreft))
        b.append(.heading(level: 1, [.text("Verantwoording aan \(naam)")]))
        b.append(Tekst.p(fonds.aanhef ?? "Geachte heer, mevrouw,"))
        var zin = "U hebt"
        if let besluit = d?.besluitOp { zin += " op \(besluit)" }
        zin += " \(d?.geteldBedrag?.description ?? "een bijdrage") toegezegd voor ons project \u{201C}\(titel)\u{201D}."
        if let regel = v.dekking.first(where: { $0.naam == naam }), let binnen = regel.ontvangen {
            zin += " Wij ontvingen \(binnen)"
            if !regel.ontvangstdata.isEmpty {
                zin += " (" + Tekst.opsomming(regel.ontvangstdata.sorted().map(\.description)) + ")"
            }
            zin += "."
        }
        b.append(Tekst.p(zin + " Hieronder leest u hoe wij het geld hebben besteed en wat het project heeft bereikt"
            + (v.peildatum.map { ", met de stand op \($0)." } ?? ".")))
        if let voorwaarden = d?.voorwaarden {
            b.append(Tekst.p("Uw voorwaarden bij de toezegging: \(Tekst.zin(voorwaarden))"))
        }
        return b
    }

    static func financieel(_ v: Verantwoording) -> [Block] {
        var b: [Block] = [.heading(level: 2, [.text("Begroot en werkelijk")])]
        var rows = [Table.Row([[.text("Post")], [.text("Begroot")], [.text("Werkelijk")], [.text("Verschil")]], kind: .header)]
        for c in v.categorieen {
            rows.append(Table.Row([[.bold(Tekst.hoofdletter(c.naam))], [], [], []]))
            for r in c.regels {
                var post: [Inline] = [.text(r.post)]
                if r.begroot == nil { post.append(.italic(" (niet begroot)")) }
                rows.append(Table.Row([post, bedrag(r.begroot ?? .zero), bedrag(r.werkelijk),
                                       [.text(r.verschil.map(verschil) ?? "\u{2014}")]]))
            }
            rows.append(Table.Row([[.text("Subtotaal \(c.naam)")], bedrag(c.begroot), bedrag(c.werkelijk),
                                   [.text(verschil(c.verschil))]], kind: .subtotal))
        }
        rows.append(Table.Row([[.text("Totaal")], bedrag(v.begroot), bedrag(v.werkelijk), [.text(verschil(v.verschil))]],
                              kind: .total))
        b.append(.table(Table(columnWidths: [4.2, 1.8, 1.8, 1.8], alignments: [.left, .right, .right, .right], rows: rows)))
        if !v.zonderWerkelijk.isEmpty {
            b.append(.paragraph([.text("Nog geen werkelijk bedrag bij: " + Tekst.opsomming(v.zonderWerkelijk) + ".")],
                                style: .small))
        }
        let toelichtingen = v.categorieen.flatMap(\.regels).compactMap { r in r.toelichting.map { (r.post, $0) } }
        if !toelichtingen.isEmpty {
            b.append(.heading(level: 3, [.text("Toelichting op de verschillen")]))
            b.append(.bulletList(toelichtingen.map { [.bold($0.0 + ": "), .text($0.1)] }))
        }
        return b
    }

    static func dekking(_ v: Verantwoording) -> [Block] {
        var b: [Block] = [.heading(level: 2, [.text("Dekking: toegezegd en ontvangen")])]
        var rows = [Table.Row([[.text("Bron")], [.text("Status")], [.text("Toegezegd")], [.text("Ontvangen")]], kind: .header)]
        for d in v.dekking {
            var status = d.status.map(Tekst.status) ?? "niet in het dekkingsplan"
            if let gevraagd = d.gevraagd, let toegezegd = d.toegezegd, toegezegd != gevraagd {
                status += " (gevraagd \(gevraagd))"
            }
            rows.append(Table.Row([[.text(d.naam)], [.text(status)], bedrag(d.toegezegd), bedrag(d.ontvangen)]))
        }
        rows.append(Table.Row([[.text("Totaal")], [], bedrag(v.toegezegd), bedrag(v.ontvangen)], kind: .total))
        b.append(.table(Table(columnWidths: [3.6, 2.6, 1.8, 1.8], alignments: [.left, .left, .right, .right], rows: rows)))
        b.append(Tekst.p("De werkelijke kosten zijn \(v.werkelijk); toegezegd is \(v.toegezegd), ontvangen \(v.ontvangen)."))
        return b
    }

    static func resultaten(_ v: Verantwoording) -> [Block] {
        guard !v.resultaten.isEmpty || !v.ookBereikt.isEmpty else { return [] }
        var b: [Block] = [.heading(level: 2, [.text("Resultaten")])]
        var rows = [Table.Row([[.text("Beoogd resultaat")], [.text("Bereikt")]], kind: .header)]
        for r in v.resultaten { rows.append(Table.Row([[.text(r.beoogd)], [.text(r.bereikt ?? "nog niet ingevuld")]])) }
        for r in v.ookBereikt { rows.append(Table.Row([[.text(r.resultaat), .italic(" (niet gepland)")], [.text(r.bereikt)]])) }
        b.append(.table(Table(columnWidths: [1, 1], alignments: [.left, .left], rows: rows)))
        return b
    }

    static func verslag(_ v: Verantwoording) -> [Block] {
        guard let s = v.verslag else { return [] }
        let delen = [("Wat ging goed", s.goed), ("Wat kan beter", s.beter), ("Hoe het verder gaat", s.vervolg)]
        guard delen.contains(where: { $0.1 != nil }) else { return [] }
        var b: [Block] = [.heading(level: 2, [.text("Verslag")])]
        for (kop, tekst) in delen {
            guard let tekst else { continue }
            b.append(.heading(level: 3, [.text(kop)]))
            b += Tekst.alineas(tekst)
        }
        return b
    }

    public static func document(_ a: Aanvraag, fonds index: Int? = nil, huisstijl: Huisstijl) -> Document {
        let aan = index.map { " – \(a.fondsen[$0].naam ?? "")" } ?? ""
        return huisstijl.document(titel: "Verantwoording \(a.project.titel ?? "")\(aan)", blocks: blocks(a, fonds: index))
    }
}
