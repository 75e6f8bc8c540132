import VIPDocument
import VIPModel

/// The letter of thanks to a fund that gave (na-het-besluit.md): "Stuur nadat de aanvraag is
/// toegewezen een bedankbrief en stuur later een verslag over het project. Dat vinden fondsen erg
/// belangrijk. Ze weten dan dat hun geld goed is besteed." (L8999–9008). Addressed like the letter
/// of the aanvraag; it names the amount, the fund's kenmerk, what the project does next and when
/// the verantwoording comes.
public enum BedankbriefBuilder {
    /// The letter's date: when it is sent (`bedankt_op`), else the date of the decision, else the
    /// aanvraag's letter: never today, so the same input gives the same letter.
    static func datum(_ a: Aanvraag, _ d: Dekking?) -> Datum? { d?.bedanktOp ?? d?.besluitOp ?? a.brief.datum }

    public static func blocks(_ a: Aanvraag, fonds index: Int) -> [Block] {
        let fonds = a.fondsen[index]
        let d = fonds.naam.flatMap(a.dekking(van:))
        let p = a.project
        let titel = p.titel.map { "\u{201C}\($0)\u{201D}" } ?? "ons project"
        var b: [Block] = [Briefdelen.plaatsEnDatum(a, datum(a, d)), Briefdelen.adres(fonds)]

        var betreft: [Inline] = [.bold("Betreft: "), .text("uw bijdrage aan het project \(titel)")]
        if let kenmerk = d?.kenmerk { betreft.append(.text(", uw kenmerk \(kenmerk)")) }
        b.append(.paragraph(betreft))
        b.append(Tekst.p(fonds.aanhef ?? "Geachte heer, mevrouw,"))

        // The amount, and the difference when the fund gave less than asked.
        var dank = "Hartelijk dank voor uw bijdrage"
        if let bedrag = d?.geteldBedrag { dank += " van \(bedrag)" }
        dank += " aan ons project \(titel)"
        if let besluit = d?.besluitOp { dank += ", die u op \(besluit) hebt toegezegd" }
        if let kenmerk = d?.kenmerk { dank += " (uw kenmerk \(kenmerk))" }
        b.append(Tekst.p(dank + ". Met uw steun kunnen wij het project uitvoeren zoals wij het u beschreven."))
        if let d, let minder = d.minderDanGevraagd, let gevraagd = d.bedrag {
            b.append(Tekst.p("Wij vroegen u \(gevraagd); het verschil van \(minder) zoeken wij bij andere fondsen en "
                + "sponsors. Lukt dat niet volledig, dan passen wij het project aan en laten wij u weten wat dat betekent."))
        }
        if let voorwaarden = d?.voorwaarden {
            b.append(Tekst.p("Wij houden ons aan de voorwaarden bij uw toezegging: \(Tekst.zin(voorwaarden))"))
        }

        // What the project does next.
        b.append(.heading(level: 2, [.text("Hoe het nu verder gaat")]))
        let periode = Tekst.periode(p.periode.start, p.periode.eind)
        if !periode.isEmpty {
            b.append(Tekst.p(p.periode.start == p.periode.eind ? "Het project vindt plaats op \(periode)."
                                 : "Het project loopt van \(periode.replacing(" – ", with: " tot en met "))."))
        }
        let acts = p.activiteiten.compactMap { act -> String? in
            guard let naam = act.naam else { return nil }
            let wanneer = Tekst.periode(act.start, act.eind)
            return naam + (wanneer.isEmpty ? "" : " (\(wanneer))")
        }
        if !acts.isEmpty {
            b.append(Tekst.p("Dit zijn de volgende stappen:"))
            b.append(Tekst.lijst(acts))
        }

        // When the verantwoording comes.
        var verslag = "Na afloop ontvangt u van ons een verslag van het project en een financiële verantwoording"
        if let voor = d?.verantwoordingVoor {
            verslag += ", uiterlijk op \(voor)"
        } else if let wanneer = p.verslaglegging.wanneer {
            verslag += " (\(wanneer.prefix(1).lowercased() + wanneer.dropFirst()))"
        } else if let eind = p.periode.eind {
            verslag += ", na het einde van het project op \(eind)"
        }
        b.append(Tekst.p(verslag + ": wat wij met uw bijdrage hebben gedaan en wat het project heeft bereikt."))
        if let contact = Briefdelen.contact(a) { b.append(contact) }
        b.append(Tekst.p("Nogmaals hartelijk dank voor het vertrouwen in \(a.organisatie.naam ?? "onze organisatie")."))
        b += Briefdelen.groet(a)
        return b
    }

    public static func document(_ a: Aanvraag, fonds index: Int, huisstijl: Huisstijl) -> Document {
        huisstijl.document(titel: "Bedankbrief \(a.project.titel ?? "") – \(a.fondsen[index].naam ?? "")",
                           blocks: blocks(a, fonds: index))
    }
}
