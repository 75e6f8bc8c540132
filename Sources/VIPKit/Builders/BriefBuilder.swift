import Foundation
import VIPDocument
import VIPModel

/// The cover letter to one fund (book L8789–8847): who we are, the problem, the project,
/// the money (total, this fund's part, the dekkingsplan in short), the contact person,
/// signatures and the bijlagen.
public enum BriefBuilder {
    public static func blocks(_ a: Aanvraag, fonds index: Int) -> [Block] {
        let fonds = a.fondsen[index]
        let o = a.organisatie, p = a.project
        let orgNaam = o.naam ?? "onze organisatie"
        var b: [Block] = []

        // Place and date, then the fund's address.
        b.append(Briefdelen.plaatsEnDatum(a, a.brief.datum))
        b.append(Briefdelen.adres(fonds))
        b.append(.paragraph([.bold("Betreft: "), .text("aanvraag voor een bijdrage aan het project \u{201C}\(p.titel ?? "")\u{201D}")]))
        b.append(Tekst.p(fonds.aanhef ?? "Geachte heer, mevrouw,"))

        // Introduction: who are we.
        if let eigen = a.brief.inleiding {
            b += Tekst.alineas(eigen)
        } else {
            var intro = "Graag stellen wij \(orgNaam) aan u voor. Wij zijn een \(Tekst.rechtsvorm(o.rechtsvorm))"
            if let plaats = o.adres?.plaats { intro += " uit \(plaats)" }
            if let opgericht = o.opgericht { intro += ", opgericht op \(opgericht)" }
            intro += "."
            if let doel = o.doelstelling { intro += " Onze doelstelling: \(Tekst.zin(doel))" }
            b.append(Tekst.p(intro))
            if let titel = p.titel {
                b.append(Tekst.p("Met deze brief vragen wij uw steun voor ons project \u{201C}\(titel)\u{201D}."))
            }
        }

        // The background of the problem.
        b.append(.heading(level: 2, [.text("Waarom dit project nodig is")]))
        b += Tekst.alineas(p.aanleiding)
        if let dg = p.doelgroep.omschrijving {
            var s = "Het project is bedoeld voor: \(Tekst.zin(dg.prefix(1).lowercased() + dg.dropFirst()))"
            if let probl = p.doelgroep.problematiek { s += " Zij hebben te maken met: \(Tekst.zin(probl.prefix(1).lowercased() + probl.dropFirst()))" }
            b.append(Tekst.p(s))
        }

        // The project, concretely.
        b.append(.heading(level: 2, [.text("Wat wij gaan doen")]))
        b += Tekst.alineas(p.samenvatting)
        let acts = p.activiteiten.compactMap { act -> String? in
            guard let naam = act.naam else { return nil }
            let wanneer = Tekst.periode(act.start, act.eind)
            return naam + (act.omschrijving.map { ": \($0)" } ?? "") + (wanneer.isEmpty ? "" : " (\(wanneer))")
        }
        if !acts.isEmpty { b.append(Tekst.lijst(acts)) }
        let periode = Tekst.periode(p.periode.start, p.periode.eind)
        if !periode.isEmpty {
            b.append(Tekst.p(p.periode.start == p.periode.eind ? "Het project vindt plaats op \(periode)."
                                 : "Het project loopt van \(periode.replacing(" – ", with: " tot en met "))."))
        }
        if let doel = p.doel { b.append(Tekst.p("Ons doel: \(Tekst.zin(doel))")) }

        // The money.
        b.append(.heading(level: 2, [.text("Begroting en dekking")]))
        let totaal = a.begroting.totaal
        var geld = "De totale kosten van het project bedragen \(totaal)."
        if let gevraagd = fonds.naam.flatMap(a.gevraagd(van:)) {
            geld += " Van \(fonds.naam ?? "uw fonds") vragen wij een bijdrage van \(gevraagd)."
        }
        b.append(Tekst.p(geld))
        let anderen = a.dekkingsplan.filter { $0.fonds != fonds.naam }
        if !anderen.isEmpty {
            b.append(Tekst.p("Wij betalen het project niet alleen van uw bijdrage. De dekking in het kort:"))
            b.append(Tekst.lijst(anderen.map { d in
                "\(d.naam): \((d.telt ? d.geteldBedrag : d.bedrag) ?? .zero) (\(Tekst.status(d.status)))"
                    + (d.status == .afgewezen ? ", telt niet mee" : "")
            }))
        }
        b.append(Tekst.p("De begroting, het dekkingsplan en een overzicht van de aangeschreven fondsen vindt u in de bijlagen."))

        // Contact person: function, how and when reachable.
        if let contact = Briefdelen.contact(a) { b.append(contact) }

        if let slot = a.brief.slot {
            b += Tekst.alineas(slot)
        } else {
            b.append(Tekst.p("Wij hopen dat u ons project wilt steunen en zien uw reactie met belangstelling tegemoet."))
        }
        b += Briefdelen.groet(a)

        // Bijlagen, each described in a line.
        var bijlagen = a.bijlagen.compactMap { bijlage -> [Inline]? in
            guard let titel = bijlage.titel else { return nil }
            return [.bold(titel), .text(": " + (bijlage.toelichting ?? Tekst.bijlageSoort(bijlage.soort)))]
        }
        bijlagen.insert([.bold("Projectplan"), .text(": de volledige beschrijving van het project")], at: 0)
        bijlagen.insert([.bold("Begroting en dekkingsplan"), .text(": de kosten per post, de dekking en een toelichting")], at: 1)
        bijlagen.insert([.bold("Overzicht aangeschreven fondsen"), .text(": bij wie wij nog meer een aanvraag hebben ingediend")], at: 2)
        b.append(.paragraph([.bold("Bijlagen")], style: .small))
        b.append(.numberedList(bijlagen))
        return b
    }

    public static func document(_ a: Aanvraag, fonds index: Int, huisstijl: Huisstijl) -> Document {
        huisstijl.document(titel: "Aanvraag \(a.project.titel ?? "") – \(a.fondsen[index].naam ?? "")",
                           blocks: blocks(a, fonds: index))
    }
}

/// The parts every letter to a fund shares (the application, the bedankbrief, the verantwoording):
/// place and date, the fund's address, the contact person, the greeting with the signatures.
enum Briefdelen {
    static func plaatsEnDatum(_ a: Aanvraag, _ datum: Datum?) -> Block {
        .paragraph([.text([a.brief.plaats ?? a.organisatie.adres?.plaats, datum.map(\.description) ?? ""].compactMap { $0 }
            .filter { !$0.isEmpty }.joined(separator: ", "))], style: .right)
    }

    static func adres(_ fonds: Fonds) -> Block {
        var adres: [Inline] = [.text(fonds.naam ?? "")]
        if let tav = fonds.terAttentieVan { adres += [.lineBreak, .text("t.a.v. \(tav)")] }
        if let ad = fonds.adres {
            if let straat = ad.straat { adres += [.lineBreak, .text(straat)] }
            let pcPlaats = [ad.postcode, ad.plaats].compactMap { $0 }.joined(separator: "  ")
            if !pcPlaats.isEmpty { adres += [.lineBreak, .text(pcPlaats)] }
        }
        return .paragraph(adres, style: .address)
    }

    /// "Voor meer informatie kunt u contact opnemen met …": function, how and when reachable.
    static func contact(_ a: Aanvraag) -> Block? {
        guard let c = a.organisatie.contactpersoon, let naam = c.naam else { return nil }
        var s = "Voor meer informatie kunt u contact opnemen met \(naam)"
        if let f = c.functie { s += ", \(f)" }
        let hoe = [c.telefoon.map { "telefonisch op \($0)" }, c.email.map { "per e-mail via \($0)" }].compactMap { $0 }
        if !hoe.isEmpty { s += ". \(naam.split(separator: " ").first.map(String.init) ?? naam) is \(Tekst.opsomming(hoe)) bereikbaar" }
        if let wanneer = c.bereikbaar { s += ", \(wanneer)" }
        return Tekst.p(Tekst.zin(s))
    }

    /// "Met vriendelijke groet," and the signatures with the organisation's name.
    static func groet(_ a: Aanvraag) -> [Block] {
        var handtekening: [Inline] = []
        for (i, s) in a.brief.ondertekening.enumerated() {
            if i > 0 { handtekening += [.lineBreak, .lineBreak] }
            handtekening += [.lineBreak, .lineBreak, .text(s.naam ?? "")]
            if let f = s.functie { handtekening += [.lineBreak, .text(f)] }
        }
        handtekening += [.lineBreak, .text(a.organisatie.naam ?? "onze organisatie")]
        return [Tekst.p("Met vriendelijke groet,"), .paragraph(handtekening, style: .address)]
    }
}
