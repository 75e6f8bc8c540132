import VIPDocument
import VIPModel

/// The list of funds approached, with amount and status (funds ask to name every fund
/// approached, yes or no).
public enum FondsenlijstBuilder {
    public static func blocks(_ a: Aanvraag) -> [Block] {
        var b: [Block] = [.paragraph([.text("Aangeschreven fondsen")], style: .title),
                          .heading(level: 1, [.text(a.project.titel ?? "Fondsen")])]
        b.append(Tekst.p("Voor dit project hebben wij de volgende fondsen aangeschreven."))
        var rows = [Table.Row([[.text("Fonds")], [.text("Contactpersoon")], [.text("Status")], [.text("Bedrag")]], kind: .header)]
        var totaal = Bedrag.zero
        for f in a.fondsen {
            let d = a.dekkingsplan.first { $0.fonds == f.naam }
            if let d, d.telt { totaal += d.bedrag ?? .zero }
            rows.append(Table.Row([[.text(f.naam ?? "")], [.text(f.terAttentieVan ?? "")], [.text(Tekst.status(d?.status))],
                                   [.text(d?.bedrag?.description ?? "")]]))
        }
        rows.append(Table.Row([[.text("Totaal gevraagd (zonder afgewezen)")], [], [], [.text(totaal.description)]], kind: .total))
        b.append(.table(Table(columnWidths: [3, 3, 2, 1.8], alignments: [.left, .left, .left, .right], rows: rows)))
        return b
    }

    public static func document(_ a: Aanvraag, huisstijl: Huisstijl) -> Document {
        huisstijl.document(titel: "Aangeschreven fondsen \(a.project.titel ?? "")", blocks: blocks(a))
    }
}
