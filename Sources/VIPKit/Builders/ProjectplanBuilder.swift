import VIPDocument
import VIPModel

/// The project plan: the ten parts of L8620–8662 plus the two of homework 4
/// (L8849–8861), in the course's order, with the planning table and the results.
public enum ProjectplanBuilder {
    public static func blocks(_ a: Aanvraag) -> [Block] {
        let p = a.project, o = a.organisatie
        var b: [Block] = [.paragraph([.text("Projectplan")], style: .title),
                          .heading(level: 1, [.text(p.titel ?? "Projectplan")])]
        b.append(.paragraph([.bold(o.naam ?? ""), .text(p.regio.map { " · \($0)" } ?? "")]))
        if p.samenvatting != nil || p.aanleiding != nil || p.doel != nil {
            b.append(.heading(level: 2, [.text("Het project in het kort")]))
            b += Tekst.alineas(p.samenvatting)
            if p.aanleiding != nil {
                b.append(.heading(level: 3, [.text("Aanleiding")]))
                b += Tekst.alineas(p.aanleiding)
            }
            if p.doel != nil {
                b.append(.heading(level: 3, [.text("Doel")]))
                b += Tekst.alineas(p.doel)
            }
            if !p.thema.isEmpty { b.append(Tekst.p("Thema’s: \(Tekst.opsomming(p.thema)).")) }
        }

        var n = 0
        func deel(_ titel: String) -> Block { n += 1; return .heading(level: 2, [.text("\(n). \(titel)")]) }

        b.append(deel("Doelstelling van de organisatie"))
        b += Tekst.alineas(o.doelstelling ?? "Nog niet ingevuld.")
        if let d = p.deskundigheid {
            b.append(.heading(level: 3, [.text("Wat wij in huis hebben")]))
            b += Tekst.alineas(d)
        }

        b.append(deel("Doelgroep en problematiek"))
        b += Tekst.alineas(p.doelgroep.omschrijving)
        b += Tekst.alineas(p.doelgroep.problematiek)
        if let omvang = p.doelgroep.omvang { b.append(Tekst.p("Omvang van de doelgroep: ongeveer \(omvang) personen.")) }
        if !p.doelgroep.onderbouwing.isEmpty {
            b.append(.paragraph([.italic("Onderbouwing:")]))
            b.append(Tekst.lijst(p.doelgroep.onderbouwing))
        }
        if let pg = p.profijtgroep {
            b.append(.heading(level: 3, [.text("Profijtgroep")]))
            b.append(Tekst.p([pg.omschrijving, pg.aantal.map { "Aantal: \($0)." }].compactMap { $0 }.joined(separator: " ")))
        }

        b.append(deel("Activiteiten"))
        for act in p.activiteiten {
            b.append(.paragraph([.bold(act.naam ?? ""), .text(act.omschrijving.map { ": \($0)" } ?? "")]))
        }

        b.append(deel("Werkwijze, uitvoering en verantwoordelijkheid"))
        b += Tekst.alineas(p.werkwijze.omschrijving)
        if let m = p.werkwijze.motivering {
            b.append(.heading(level: 3, [.text("Waarom deze werkwijze")]))
            b += Tekst.alineas(m)
        }
        let stromen = [("Instroom", p.instroom), ("Doorstroom", p.doorstroom), ("Uitstroom", p.uitstroom)]
        for (titel, tekst) in stromen where tekst != nil {
            b.append(.heading(level: 3, [.text(titel)]))
            b += Tekst.alineas(tekst)
        }
        if !p.aanpak.isEmpty {
            b.append(Tekst.p("Aanpak: \(Tekst.opsomming(p.aanpak.map(\.rawValue))) (eerst ontlasten, dan empoweren, "
                + "en vervolgens activeren)."))
        }
        var leiding: [String] = []
        if let pl = p.projectleider { leiding.append("Projectleider: \(pl).") }
        if let ev = p.eindverantwoordelijke { leiding.append("Eindverantwoordelijke: \(ev).") }
        if !leiding.isEmpty { b.append(Tekst.p(leiding.joined(separator: " "))) }

        b.append(deel("Samenwerkende partners"))
        if p.partners.isEmpty { b.append(Tekst.p("Er zijn nog geen partners.")) }
        for partner in p.partners {
            let status = partner.status.map { " (\($0 == .inGesprek ? "in gesprek" : $0.rawValue))" } ?? ""
            b.append(.paragraph([.bold(partner.naam ?? ""), .text(status + (partner.rol.map { ": \($0)" } ?? ""))]))
        }
        if let pos = p.positionering {
            b.append(.heading(level: 3, [.text("Bestaande initiatieven")]))
            if !pos.bestaandeInitiatieven.isEmpty {
                b.append(.bulletList(pos.bestaandeInitiatieven.map { [.bold($0.naam ?? ""), .text($0.wat.map { ": \($0)" } ?? "")] }))
            }
            if let v = pos.verhouding { b.append(Tekst.p("Ons project is \(v.rawValue) op wat er al is.")) }
            b += Tekst.alineas(pos.toegevoegdeWaarde)
        }

        b.append(deel("Planning"))
        let periode = Tekst.periode(p.periode.start, p.periode.eind)
        b.append(Tekst.p(periode.isEmpty ? "De periode is nog niet bepaald." : "Looptijd: \(periode)."))
        if let f = p.fasering { b += Tekst.alineas(f) }
        if !p.activiteiten.isEmpty {
            var rows = [Table.Row([[.text("Activiteit")], [.text("Fase")], [.text("Uitvoerders")], [.text("Uren")],
                                   [.text("Periode")]], kind: .header)]
            var uren = Hoeveelheid(0)
            for act in p.activiteiten {
                rows.append(Table.Row([[.text(act.naam ?? "")], [.text(Tekst.fase(act.fase))],
                                       [.text(act.uitvoerders.joined(separator: ", "))],
                                       [.text(act.uren.map(\.description) ?? "")],
                                       [.text(Tekst.periode(act.start, act.eind))]]))
                uren.hundredths += act.uren?.hundredths ?? 0
            }
            rows.append(Table.Row([[.text("Totaal")], [], [], [.text(uren.description)], []], kind: .total))
            b.append(.table(Table(columnWidths: [3, 1.6, 3, 0.9, 2.6], alignments: [.left, .left, .left, .right, .left],
                                  rows: rows)))
        }

        b.append(deel("Resultaten"))
        if !p.resultaten.isEmpty {
            var rows = [Table.Row([[.text("Resultaat")], [.text("Waarom")]], kind: .header)]
            for r in p.resultaten { rows.append(Table.Row([[.text(r.resultaat ?? "")], [.text(r.waarom ?? "")]])) }
            b.append(.table(Table(columnWidths: [1, 1], alignments: [.left, .left], rows: rows)))
        }

        b.append(deel("Evaluatie"))
        b.append(.bulletList([
            [.bold("Hoe: "), .text(p.evaluatie.hoe ?? "")], [.bold("Wanneer: "), .text(p.evaluatie.wanneer ?? "")],
            [.bold("Door wie: "), .text(p.evaluatie.door ?? "")],
        ]))

        b.append(deel("Verslaglegging"))
        b.append(.bulletList([
            [.bold("Door wie: "), .text(p.verslaglegging.door ?? "")],
            [.bold("Wanneer: "), .text(p.verslaglegging.wanneer ?? "")],
            [.bold("Gebruik van het verslag: "), .text(p.verslaglegging.gebruik ?? "")],
        ]))

        b.append(deel("Begroting en dekkingsplan"))
        b.append(Tekst.p("De totale kosten bedragen \(a.begroting.totaal); de dekking (zonder afgewezen aanvragen) "
            + "bedraagt \(a.dekkingsplan.totaal). De begroting per post, het dekkingsplan en de toelichting staan in "
            + "de bijlage Begroting en dekkingsplan."))

        b.append(deel("Succes- en faalfactoren"))
        if !p.succesfactoren.isEmpty {
            b.append(.paragraph([.italic("Succesfactoren")]))
            b.append(Tekst.lijst(p.succesfactoren))
        }
        if !p.faalfactoren.isEmpty {
            b.append(.paragraph([.italic("Faalfactoren")]))
            b.append(Tekst.lijst(p.faalfactoren))
        }

        b.append(deel("Vervolgstappen"))
        b += Tekst.alineas(p.vervolg ?? "Nog niet ingevuld.")
        return b
    }

    public static func document(_ a: Aanvraag, huisstijl: Huisstijl) -> Document {
        huisstijl.document(titel: "Projectplan \(a.project.titel ?? "")", blocks: blocks(a))
    }
}
