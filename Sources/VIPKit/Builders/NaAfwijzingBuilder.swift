import VIPDocument
import VIPModel

/// One page to call a fund that refused (na-het-besluit.md): the fund's contact, the five steps
/// of the book with room for the answers, and the register's fitting funds that have not been
/// asked. The book (L9072–9083): "Bel en vraag waarom de aanvraag is afgewezen. Vraag of je het
/// eventueel in een later stadium nog eens mag proberen. Vraag of men andere fondsen kent die het
/// project wel zouden kunnen ondersteunen. Vraag advies over hoe je het anders had kunnen doen.
/// Zoek zelf andere fondsen."
public enum NaAfwijzingBuilder {
    /// The book's five steps after a refusal, as questions for the call (the fifth is for the
    /// applicant: which funds to try instead).
    public static let vragen = [
        "Waarom is de aanvraag afgewezen?",
        "Mogen wij het in een later stadium nog eens proberen?",
        "Kent u andere fondsen die het project wel zouden kunnen ondersteunen?",
        "Hoe hadden wij het anders kunnen doen? Welk advies geeft u ons?",
        "Welke andere fondsen zoeken wij zelf?",
    ]

    /// The register's fitting funds shown on the sheet, at most: the page stays one page.
    static let maxFondsen = 4

    /// `zoekresultaat`: the register searched for this aanvraag (nil: no register given).
    public static func blocks(_ a: Aanvraag, fonds index: Int, register: Fondsenregister?,
                              zoekresultaat: FondsenZoeker.Resultaat?) -> [Block] {
        let fonds = a.fondsen[index]
        let naam = fonds.naam ?? "het fonds"
        let d = fonds.naam.flatMap(a.dekking(van:))
        let inRegister = fonds.naam.flatMap { register?.fonds($0) }
        var b: [Block] = [.paragraph([.text("Belblad na een afwijzing")], style: .title),
                          .heading(level: 1, [.text("\(naam): \(a.project.titel ?? "de aanvraag")")])]

        // Who to call, and what the call is about.
        var regels: [[Inline]] = []
        let tav = fonds.terAttentieVan ?? inRegister?.terAttentieVan
        regels.append([.bold("Contact: "), .text(tav ?? "de afdeling aanvragen (naam opzoeken)")])
        let bereikbaar = [inRegister?.telefoon.map { "telefoon \($0)" }, inRegister?.email.map { "e-mail \($0)" },
                          inRegister?.website].compactMap { $0 }
        if !bereikbaar.isEmpty { regels.append([.bold("Bereikbaar: "), .text(bereikbaar.joined(separator: ", "))]) }
        if let ad = fonds.adres ?? inRegister?.adres {
            let adres = [ad.straat, [ad.postcode, ad.plaats].compactMap { $0 }.joined(separator: " ")]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            if !adres.isEmpty { regels.append([.bold("Adres: "), .text(adres)]) }
        }
        var aanvraag = "\(d?.bedrag?.description ?? "een bijdrage") gevraagd"
        if let op = d?.aangevraagdOp { aanvraag += " op \(op)" }
        if let besluit = d?.besluitOp { aanvraag += ", afgewezen op \(besluit)" }
        if let kenmerk = d?.kenmerk { aanvraag += ", kenmerk \(kenmerk)" }
        regels.append([.bold("Aanvraag: "), .text(aanvraag)])
        for (i, regel) in regels.enumerated() {
            b.append(.paragraph(regel, style: i == regels.count - 1 ? .body : .address))
        }

        // The five questions, each with room for the answer.
        b.append(.heading(level: 2, [.text("Vijf vragen")]))
        var rijen = [Table.Row([[.text("Vraag")], [.text("Antwoord")]], kind: .header)]
        let ruimte: [Inline] = [.lineBreak, .lineBreak, .lineBreak]
        for (i, vraag) in vragen.enumerated() {
            rijen.append(Table.Row([[.text("\(i + 1). \(vraag)")], ruimte]))
        }
        b.append(.table(Table(columnWidths: [2.2, 3], alignments: [.left, .left], rows: rijen)))

        // "Zoek zelf andere fondsen": the register's suggestions.
        b.append(.heading(level: 2, [.text("Andere fondsen")]))
        if let r = zoekresultaat {
            if r.passend.isEmpty {
                b.append(Tekst.p("Het register noemt geen fonds dat past en dat u nog niet hebt gevraagd. Zoek verder in "
                    + "het Fondsenboek, de Fondsendisk, op de website van de FIN of op internet."))
            } else {
                b.append(Tekst.p("Uit het fondsenregister passen deze fondsen bij het project; u hebt ze nog niet "
                    + "gevraagd" + (r.bedrag.map { " (gezocht met \($0))" } ?? "") + ":"))
                var fondsen = [Table.Row([[.text("Fonds")], [.text("Waarom het past")], [.text("Contact")]], kind: .header)]
                for t in r.passend.prefix(maxFondsen) {
                    let waarom = [t.gedeeldeThemas.isEmpty ? nil : Tekst.opsomming(t.gedeeldeThemas),
                                  t.noemtPlaats ? "werkt in de plaats van het project" : "landelijk",
                                  t.fonds.bereik].compactMap { $0 }.joined(separator: "; ")
                    let contact = [t.fonds.terAttentieVan, t.fonds.telefoon, t.fonds.website].compactMap { $0 }
                    fondsen.append(Table.Row([[.text(t.fonds.naam)], [.text(waarom)],
                                              [.text(contact.joined(separator: ", "))]]))
                }
                b.append(.table(Table(columnWidths: [2, 3, 2.6], alignments: [.left, .left, .left], rows: fondsen)))
                if r.passend.count > maxFondsen {
                    b.append(.paragraph([.text("En nog \(r.passend.count - maxFondsen) andere fondsen uit het register.")],
                                        style: .small))
                }
            }
        } else {
            b.append(Tekst.p("Vermogensfondsen vindt u via de Fondsendisk, het Fondsenboek, de website van de FIN of via "
                + "zoeken op internet. Met een fondsenregister zet vip hier de fondsen die bij het project passen."))
        }
        return b
    }

    public static func document(_ a: Aanvraag, fonds index: Int, huisstijl: Huisstijl, register: Fondsenregister?,
                                zoekresultaat: FondsenZoeker.Resultaat?) -> Document {
        huisstijl.document(titel: "Belblad na afwijzing \(a.fondsen[index].naam ?? "")",
                           blocks: blocks(a, fonds: index, register: register, zoekresultaat: zoekresultaat))
    }
}
