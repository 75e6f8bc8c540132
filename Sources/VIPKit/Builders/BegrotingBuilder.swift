import VIPDocument
import VIPModel

/// The budget: posts per categorie with subtotals and total, the dekkingsplan (afgewezen
/// shown but not counted), the toelichting and the offertes.
public enum BegrotingBuilder {
    public static func blocks(_ a: Aanvraag) -> [Block] {
        var b: [Block] = [.paragraph([.text("Begroting en dekkingsplan")], style: .title),
                          .heading(level: 1, [.text(a.project.titel ?? "Begroting")])]
        b.append(.heading(level: 2, [.text("Begroting")]))
        var rows = [Table.Row([[.text("Post")], [.text("Aantal")], [.text("Prijs")], [.text("Bedrag")]], kind: .header)]
        for groep in a.begroting.perCategorie {
            rows.append(Table.Row([[.bold(Tekst.hoofdletter(groep.categorie))], [], [], []]))
            for post in groep.posten {
                var naam: [Inline] = [.text(post.post ?? "")]
                if post.inzet == .proDeo { naam.append(.italic(" (pro deo, ook in de dekking)")) }
                if post.inzet == .eigenVrijwilligers { naam.append(.italic(" (eigen vrijwilligers)")) }
                let aantal = post.aantal.map { "\($0)" + (post.eenheid.map { " \($0)" } ?? "") } ?? ""
                rows.append(Table.Row([naam, [.text(aantal)], [.text(post.prijs?.description ?? "")],
                                       [.text(post.berekendBedrag?.description ?? "")]]))
            }
            rows.append(Table.Row([[.text("Subtotaal \(groep.categorie)")], [], [], [.text(groep.subtotaal.description)]],
                                  kind: .subtotal))
        }
        rows.append(Table.Row([[.text("Totaal begroting")], [], [], [.text(a.begroting.totaal.description)]], kind: .total))
        b.append(.table(Table(columnWidths: [5, 2, 1.6, 1.8], alignments: [.left, .right, .right, .right], rows: rows)))

        b.append(.heading(level: 2, [.text("Dekkingsplan")]))
        var dek = [Table.Row([[.text("Bron")], [.text("Soort")], [.text("Status")], [.text("Bedrag")]], kind: .header)]
        for d in a.dekkingsplan {
            let soort = d.fonds != nil ? "fonds" : Tekst.soort(d.soort)
            var status = Tekst.status(d.status) + (d.status == .afgewezen ? " (telt niet mee)" : "")
            // A fund that gave another amount than asked counts with what it gave.
            if let gevraagd = d.bedrag, let gegeven = d.toegezegdBedrag, gegeven != gevraagd, d.telt {
                status += " (gevraagd \(gevraagd))"
            }
            let bedrag = (d.telt ? d.geteldBedrag : d.bedrag)?.description ?? ""
            dek.append(Table.Row([[.text(d.naam)], [.text(soort)], [.text(status)],
                                  [d.telt ? .text(bedrag) : .italic(bedrag)]]))
        }
        dek.append(Table.Row([[.text("Totaal dekking")], [], [], [.text(a.dekkingsplan.totaal.description)]], kind: .total))
        let verschil = a.dekkingsplan.totaal - a.begroting.totaal
        if verschil != .zero {
            dek.append(Table.Row([[.text(verschil < .zero ? "Nog te dekken" : "Overschot")], [], [],
                                  [.text(verschil.magnitude.description)]], kind: .subtotal))
        }
        b.append(.table(Table(columnWidths: [4.0, 3.0, 2.2, 1.8], alignments: [.left, .left, .left, .right], rows: dek)))

        b.append(.heading(level: 2, [.text("Toelichting")]))
        b += Tekst.alineas(a.begroting.toelichting ?? "Nog niet ingevuld.")
        let toelichtingen = a.begroting.posten.compactMap { p in p.toelichting.map { (p.post ?? "", $0) } }
        if !toelichtingen.isEmpty {
            b.append(.bulletList(toelichtingen.map { [.bold($0.0 + ": "), .text($0.1)] }))
        }
        let offertes = a.bijlagen.filter { $0.soort == .offerte }.compactMap(\.titel)
        if !offertes.isEmpty {
            b.append(.heading(level: 3, [.text("Offertes (bijgevoegd)")]))
            b.append(Tekst.lijst(offertes))
        }
        return b
    }

    public static func document(_ a: Aanvraag, huisstijl: Huisstijl) -> Document {
        huisstijl.document(titel: "Begroting \(a.project.titel ?? "")", blocks: blocks(a))
    }
}
