import VIPModel

/// "Huur spreekkamer" or, for a post without description, "post 3".
private func postNaam(_ p: Post, _ i: Int) -> String {
    if let post = p.post { return "\"\(post)\"" }
    return "post \(i + 1)"
}

private func isCategorie(_ p: Post, _ naam: String) -> Bool {
    p.categorie.map { Hulp.naamSleutel($0) == naam } ?? false
}

/// The post text names a shortfall or fixed costs: a word containing "tekort" (but not
/// "tekortkoming"), or "vaste lasten" / "vastelasten".
private func noemtStructureleKosten(_ tekst: String) -> String? {
    let klein = tekst.lowercased()
    // Most texts name neither; splitting them into words was most of this rule's time.
    guard klein.contains("tekort") || klein.contains("vaste") else { return nil }
    let woorden = klein.split(whereSeparator: { !$0.isLetter }).map(String.init)
    if let w = woorden.first(where: { $0.contains("tekort") && !$0.contains("tekortkoming") }) { return w }
    if let w = woorden.first(where: { $0.contains("vastelasten") }) { return w }
    for (a, b) in zip(woorden, woorden.dropFirst()) where a == "vaste" && b.hasPrefix("lasten") { return "vaste lasten" }
    return nil
}

extension Catalogus {
    static let begroting: [Regel] = [
        Regel("begroting", .fout, onderdeel: "Begroting",
              beschrijving: "De begroting heeft minstens één post.",
              bron: "A1, A6.10",
              goed: [Voorbeeld("begroting:\n  posten:\n    - post: Zaalhuur\n      categorie: huisvesting\n"
                               + "      aantal: 1\n      prijs: 100")],
              fout: [Voorbeeld("begroting:\n  posten: ~", pad: "begroting.posten")]) { ctx, m in
            if ctx.aanvraag.begroting.posten.isEmpty {
                m.meld("begroting.posten", "De begroting heeft nog geen posten. Zet elke uitgave van het project als "
                    + "post onder `begroting.posten`, met categorie, aantal, eenheid en prijs per eenheid.")
            }
        },

        Regel("post_bedrag", .fout, onderdeel: "Begroting",
              beschrijving: "Elke post heeft een aantal groter dan 0 en een prijs van 0 of meer; een opgegeven `bedrag` "
                + "is gelijk aan aantal × prijs. Een post met alleen een vast `bedrag` (zonder aantal en prijs) mag; "
                + "een post zonder aantal, prijs en bedrag, of met maar één van aantal en prijs, niet.",
              bron: "B2",
              goed: [Voorbeeld("begroting:\n  posten[2]:\n    bedrag: 1200"),
                     Voorbeeld("begroting:\n  posten[6]:\n    aantal: ~\n    prijs: ~\n    bedrag: 350"),
                     Voorbeeld("begroting:\n  posten[4]:\n    aantal: 2.5\n    prijs: 0.99\n    bedrag: 2.48"),
                     Voorbeeld("begroting:\n  posten[6]:\n    prijs: 0")],
              fout: [Voorbeeld("begroting:\n  posten[0]:\n    aantal: 0", pad: "begroting.posten[0].aantal"),
                     Voorbeeld("begroting:\n  posten[0]:\n    aantal: -2", pad: "begroting.posten[0].aantal"),
                     Voorbeeld("begroting:\n  posten[0]:\n    prijs: -25", pad: "begroting.posten[0].prijs"),
                     Voorbeeld("begroting:\n  posten[2]:\n    bedrag: 1250", pad: "begroting.posten[2].bedrag"),
                     Voorbeeld("begroting:\n  posten[4]:\n    aantal: 2.5\n    prijs: 0.99\n    bedrag: 2.47",
                               pad: "begroting.posten[4].bedrag"),
                     Voorbeeld("begroting:\n  posten[6]:\n    aantal: ~\n    prijs: ~", pad: "begroting.posten[6].prijs"),
                     Voorbeeld("begroting:\n  posten[6]:\n    aantal: ~", pad: "begroting.posten[6].aantal"),
                     Voorbeeld("begroting:\n  posten[6]:\n    prijs: ~\n    bedrag: 350", pad: "begroting.posten[6].prijs"),
                     Voorbeeld("begroting:\n  posten[6]:\n    aantal: ~\n    prijs: ~\n    bedrag: -350",
                               pad: "begroting.posten[6].bedrag")]) { ctx, m in
            for (i, p) in ctx.aanvraag.begroting.posten.enumerated() {
                let pad = "begroting.posten[\(i)]", naam = postNaam(p, i)
                if let aantal = p.aantal, aantal.hundredths <= 0 {
                    m.meld("\(pad).aantal", "Het aantal van post \(naam) is \(aantal); het moet groter zijn dan 0. "
                        + "Haal de post weg als hij niet nodig is.")
                }
                if let prijs = p.prijs, prijs < .zero {
                    m.meld("\(pad).prijs", "De prijs van post \(naam) is negatief (\(prijs.formatted())). Een bijdrage of "
                        + "korting hoort in het dekkingsplan, niet als negatieve post in de begroting.")
                }
                switch (p.aantal, p.prijs) {
                case (nil, nil):
                    if let bedrag = p.bedrag {
                        if bedrag < .zero {
                            m.meld("\(pad).bedrag", "Het bedrag van post \(naam) is negatief (\(bedrag.formatted())). "
                                + "Een bijdrage of korting hoort in het dekkingsplan, niet als negatieve post.")
                        }
                    } else {
                        m.meld("\(pad).prijs", "Post \(naam) heeft geen bedrag. Vul `aantal`, `eenheid` en `prijs` "
                            + "(per eenheid) in, zodat een fonds ziet hoe het bedrag is opgebouwd.")
                    }
                case (nil, _?):
                    m.meld("\(pad).aantal", "Post \(naam) heeft een prijs maar geen aantal. Vul `aantal` in "
                        + "(bijvoorbeeld 1 voor een vast bedrag).")
                case (_?, nil):
                    m.meld("\(pad).prijs", "Post \(naam) heeft een aantal maar geen prijs. Vul `prijs` in: het "
                        + "bedrag per \(p.eenheid ?? "eenheid").")
                case let (aantal?, prijs?):
                    guard let product = aantal.times(prijs), product.magnitude <= Bedrag.maximum else {
                        m.meld("\(pad).prijs", "Aantal × prijs van post \(naam) is meer dan \(Bedrag.maximum.formatted()). "
                            + "Controleer het aantal en de prijs.")
                        continue
                    }
                    if let bedrag = p.bedrag, bedrag != product {
                        m.meld("\(pad).bedrag", "Het bedrag van post \(naam) is \(bedrag.formatted()), maar aantal × prijs "
                            + "is \(aantal) × \(prijs.formatted()) = \(product.formatted()). Verbeter het bedrag, of laat "
                            + "`bedrag` weg: vip rekent het dan zelf uit.")
                    }
                }
            }
        },

        Regel("geen_eigen_inzet", .fout, onderdeel: "Begroting",
              beschrijving: "Geen post met `inzet: eigen-vrijwilligers` heeft een prijs: \"Je kunt je eigen inzet niet "
                + "kapitaliseren als het een vrijwilligersinitiatief betreft.\" Onkostenvergoedingen voor vrijwilligers "
                + "(`categorie: vrijwilligers`) mogen wel.",
              bron: "B6, L8744",
              goed: [Voorbeeld("begroting:\n  posten[7]:\n    inzet: eigen-vrijwilligers"),
                     Voorbeeld("begroting:\n  posten[+]:\n    post: Inzet initiatiefneemsters\n    categorie: personeel\n"
                               + "    aantal: 200\n    eenheid: uur\n    prijs: 0\n    inzet: eigen-vrijwilligers")],
              fout: [Voorbeeld("begroting:\n  posten[+]:\n    post: Inzet initiatiefneemsters\n    categorie: personeel\n"
                               + "    aantal: 200\n    eenheid: uur\n    prijs: 20\n    inzet: eigen-vrijwilligers",
                               pad: "begroting.posten[9].prijs"),
                     Voorbeeld("begroting:\n  posten[+]:\n    post: Inzet initiatiefneemsters\n    categorie: personeel\n"
                               + "    bedrag: 4000\n    inzet: eigen-vrijwilligers",
                               pad: "begroting.posten[9].bedrag")]) { ctx, m in
            for (i, p) in ctx.aanvraag.begroting.posten.enumerated() where p.inzet == .eigenVrijwilligers {
                guard !isCategorie(p, "vrijwilligers") else { continue }
                let pad = "begroting.posten[\(i)]"
                let veld: String, bedrag: Bedrag
                if let prijs = p.prijs, prijs > .zero { veld = "prijs"; bedrag = prijs }
                else if let b = p.bedrag, b > .zero { veld = "bedrag"; bedrag = b }
                else { continue }
                m.meld("\(pad).\(veld)", "Post \(postNaam(p, i)) is eigen inzet van vrijwilligers, maar heeft een "
                    + "\(veld) van \(bedrag.formatted()). \"Je kunt je eigen inzet niet kapitaliseren als het een "
                    + "vrijwilligersinitiatief betreft.\" Zet \(veld == "prijs" ? "de" : "het") \(veld) op 0 of haal de "
                    + "post weg; een onkostenvergoeding voor vrijwilligers hoort in een post met `categorie: vrijwilligers`.")
            }
        },

        Regel("natura_gedekt", .fout, onderdeel: "Begroting",
              beschrijving: "Het totaal van de posten met `inzet: pro-deo` is gelijk aan het totaal van de bijdragen in "
                + "natura (`soort: natura`, niet afgewezen) in het dekkingsplan: gratis professioneel werk staat als kosten "
                + "én als eigen inbreng.",
              bron: "B8, L8755",
              goed: [Voorbeeld("begroting:\n  posten[3]:\n    inzet: betaald\ndekkingsplan[1]:\n  soort: eigen-middelen"),
                     Voorbeeld("begroting:\n  posten[3]:\n    prijs: 50\n"
                               + "dekkingsplan[1]:\n  bedrag: 1000\ndekkingsplan[+]:\n  bron: Gratis drukwerk\n"
                               + "  soort: natura\n  bedrag: 500\n  status: afgewezen")],
              fout: [Voorbeeld("begroting:\n  posten[3]:\n    prijs: 80", pad: "dekkingsplan[1].bedrag"),
                     Voorbeeld("begroting:\n  posten[3]:\n    inzet: betaald", pad: "dekkingsplan[1].bedrag"),
                     Voorbeeld("dekkingsplan[1]:\n  status: afgewezen", pad: "begroting.posten[3].inzet"),
                     Voorbeeld("dekkingsplan[1]:\n  soort: sponsor", pad: "begroting.posten[3].inzet")]) { ctx, m in
            let a = ctx.aanvraag
            guard Hulp.begrotingTotaal(a.begroting) != nil else { return }
            let proDeo = a.begroting.posten.enumerated().filter { $0.element.inzet == .proDeo }
            let natura = a.dekkingsplan.enumerated().filter { $0.element.soort == .natura && $0.element.telt }
            let kosten = proDeo.reduce(Bedrag.zero) { $0 + ($1.element.berekendBedrag ?? .zero) }
            let inbreng = natura.reduce(Bedrag.zero) { $0 + ($1.element.bedrag ?? .zero) }
            guard kosten != inbreng else { return }
            let pad = natura.first.map { "dekkingsplan[\($0.offset)].bedrag" }
                ?? proDeo.first.map { "begroting.posten[\($0.offset)].inzet" } ?? "dekkingsplan"
            m.meld(pad, "De pro-deo-inzet in de begroting (\(kosten.formatted())) is niet gelijk aan de bijdragen in "
                + "natura in het dekkingsplan (\(inbreng.formatted())). Werk dat iemand u gratis levert, staat in de "
                + "begroting als kosten (`inzet: pro-deo`) én in het dekkingsplan als eigen inbreng (`soort: natura`), "
                + "met hetzelfde bedrag.")
        },

        Regel("post_onderbouwd", .waarschuwing, onderdeel: "Begroting",
              beschrijving: "Een post die geschat is of geen onderbouwing heeft (\"natte-vingerwerk\") en meer dan 10% "
                + "van de begroting is; kleinere geschatte posten zijn prima.",
              bron: "B2, B3, L8680, L8685",
              goed: [Voorbeeld("begroting:\n  posten[5]:\n    aantal: 69\n  posten[8]:\n    prijs: 720"),
                     Voorbeeld("begroting:\n  posten[6]:\n    onderbouwing: ~")],
              fout: [Voorbeeld("begroting:\n  posten[5]:\n    aantal: 69\n  posten[8]:\n    prijs: 720.01",
                               pad: "begroting.posten[8].onderbouwing"),
                     Voorbeeld("begroting:\n  posten[3]:\n    onderbouwing: ~", pad: "begroting.posten[3].onderbouwing"),
                     Voorbeeld("begroting:\n  posten[2]:\n    onderbouwing: schatting",
                               pad: "begroting.posten[2].onderbouwing")]) { ctx, m in
            let b = ctx.aanvraag.begroting
            guard let totaal = Hulp.begrotingTotaal(b) else { return }
            for (i, p) in b.posten.enumerated() where p.onderbouwing == nil || p.onderbouwing == .schatting {
                guard let bedrag = p.berekendBedrag, Hulp.meerDanTienProcent(bedrag, van: totaal) else { continue }
                let hoe = p.onderbouwing == nil ? "heeft geen onderbouwing" : "is geschat"
                m.meld("begroting.posten[\(i)].onderbouwing", "Post \(postNaam(p, i)) (\(bedrag.formatted())) \(hoe) en "
                    + "is meer dan 10% van de begroting (\(totaal.formatted())). Een fonds herkent \"natte-vingerwerk\". "
                    + "Vraag een offerte op en voeg die toe (`onderbouwing: offerte`), of reken het bedrag uit "
                    + "(`onderbouwing: berekening`, met een `toelichting`).")
            }
        },

        Regel("offerte_bijgevoegd", .fout, onderdeel: "Begroting",
              beschrijving: "Een post met `onderbouwing: offerte` noemt in `offerte` de titel van een bijlage met "
                + "`soort: offerte` (\"voeg offertes toe\"); titels worden vergeleken zonder op hoofdletters en extra "
                + "spaties te letten.",
              bron: "B4, L8805",
              goed: [Voorbeeld("begroting:\n  posten[0]:\n    offerte: \"  offerte de  tagrijn \"")],
              fout: [Voorbeeld("begroting:\n  posten[0]:\n    offerte: ~", pad: "begroting.posten[0].offerte"),
                     Voorbeeld("begroting:\n  posten[4]:\n    offerte: Offerte boekwinkel", pad: "begroting.posten[4].offerte"),
                     Voorbeeld("bijlagen[4]:\n  soort: overig", pad: "begroting.posten[6].offerte"),
                     Voorbeeld("begroting:\n  posten[2]:\n    onderbouwing: offerte", pad: "begroting.posten[2].offerte")]) { ctx, m in
            let a = ctx.aanvraag
            let offertes = Set(a.bijlagen.filter { $0.soort == .offerte }.compactMap(\.titel).map(Hulp.naamSleutel))
            for (i, p) in a.begroting.posten.enumerated() where p.onderbouwing == .offerte {
                let pad = "begroting.posten[\(i)].offerte"
                guard let titel = p.offerte else {
                    m.meld(pad, "Post \(postNaam(p, i)) is onderbouwd met een offerte, maar noemt die niet. \"Voeg "
                        + "offertes toe\": zet de offerte bij `bijlagen` (met `soort: offerte`) en noem haar titel in `offerte`.")
                    continue
                }
                guard !offertes.contains(Hulp.naamSleutel(titel)) else { continue }
                var melding = "Post \(postNaam(p, i)) noemt de offerte \"\(titel)\", maar "
                if a.bijlagen.contains(where: { $0.titel.map(Hulp.naamSleutel) == Hulp.naamSleutel(titel) }) {
                    melding += "die bijlage heeft niet `soort: offerte`. Zet de soort van die bijlage op offerte."
                } else {
                    melding += "die staat niet bij de bijlagen. \"Voeg offertes toe\": neem haar op in `bijlagen` met "
                        + "`soort: offerte`"
                    let titels = a.bijlagen.filter { $0.soort == .offerte }.compactMap(\.titel)
                    if let guess = Suggest.closest(to: titel, in: titels) { melding += ", of bedoelde u \"\(guess)\"?" }
                    else { melding += "." }
                }
                m.meld(pad, melding)
            }
        },

        Regel("geen_structurele_kosten", .fout, onderdeel: "Begroting",
              beschrijving: "Geen post heeft `categorie: exploitatie` of noemt een (exploitatie)tekort of vaste lasten: "
                + "fondsen betalen projecten, geen \"exploitatietekorten\" of \"structurele financiering\". Gezocht wordt "
                + "naar woorden met \"tekort\" erin (niet \"tekortkoming\") en naar \"vaste lasten\".",
              bron: "B12, B13, L8133, L9009",
              goed: [Voorbeeld("begroting:\n  posten[6]:\n    post: Training omgaan met tekortkomingen"),
                     Voorbeeld("begroting:\n  posten[6]:\n    post: Vaste presentielijsten")],
              fout: [Voorbeeld("begroting:\n  posten[6]:\n    categorie: Exploitatie", pad: "begroting.posten[6].categorie"),
                     Voorbeeld("begroting:\n  posten[6]:\n    post: Aanvulling exploitatietekort 2011",
                               pad: "begroting.posten[6].post"),
                     Voorbeeld("begroting:\n  posten[6]:\n    post: Dekking tekort buurthuis", pad: "begroting.posten[6].post"),
                     Voorbeeld("begroting:\n  posten[6]:\n    post: Vaste lasten kantoor", pad: "begroting.posten[6].post")]) { ctx, m in
            let advies = "\"Fondsen zijn er niet voor structurele financiering van jouw organisatie\": zij betalen "
                + "projecten, geen exploitatietekorten. Neem alleen kosten op die het project zelf maakt."
            for (i, p) in ctx.aanvraag.begroting.posten.enumerated() {
                let pad = "begroting.posten[\(i)]"
                if isCategorie(p, "exploitatie") {
                    m.meld("\(pad).categorie", "Post \(postNaam(p, i)) heeft de categorie exploitatie. " + advies)
                }
                if let tekst = p.post, let woord = noemtStructureleKosten(tekst) {
                    m.meld("\(pad).post", "Post \(postNaam(p, i)) noemt \"\(woord)\": dat zijn structurele kosten van de "
                        + "organisatie. " + advies)
                }
            }
        },

        Regel("toelichting_begroting", .fout, onderdeel: "Begroting",
              beschrijving: "De begroting heeft een toelichting (\"Een toelichting op de begroting\").",
              bron: "A1, L7951",
              fout: [Voorbeeld("begroting:\n  toelichting: ~", pad: "begroting.toelichting")]) { ctx, m in
            if ctx.aanvraag.begroting.toelichting == nil {
                m.meld("begroting.toelichting", "De toelichting op de begroting ontbreekt. Een aanvraag bevat \"een "
                    + "toelichting op de begroting\": leg in `begroting.toelichting` uit waarop de bedragen zijn gebaseerd "
                    + "(offertes, tarieven, berekeningen) en wat niet begroot is.")
            }
        },

        Regel("onvoorzien", .tip, onderdeel: "Begroting",
              beschrijving: "De posten met `categorie: onvoorzien` zijn samen meer dan 10% van de begroting.",
              bron: "praktijk",
              goed: [Voorbeeld("begroting:\n  posten[5]:\n    aantal: 69\n  posten[8]:\n    prijs: 720"),
                     Voorbeeld("begroting:\n  posten[8]:\n    categorie: algemeen\n    prijs: 800")],
              fout: [Voorbeeld("begroting:\n  posten[8]:\n    prijs: 800", pad: "begroting.posten[8]"),
                     Voorbeeld("begroting:\n  posten[5]:\n    aantal: 69\n  posten[8]:\n    prijs: 720.01",
                               pad: "begroting.posten[8]"),
                     Voorbeeld("begroting:\n  posten[+]:\n    post: Extra onvoorzien\n    categorie: Onvoorzien\n"
                               + "    aantal: 1\n    prijs: 600\n    onderbouwing: schatting", pad: "begroting.posten[8]")]) { ctx, m in
            let b = ctx.aanvraag.begroting
            guard let totaal = Hulp.begrotingTotaal(b) else { return }
            let posten = b.posten.enumerated().filter { isCategorie($0.element, "onvoorzien") }
            guard let eerste = posten.first else { return }
            let onvoorzien = posten.reduce(Bedrag.zero) { $0 + ($1.element.berekendBedrag ?? .zero) }
            guard Hulp.meerDanTienProcent(onvoorzien, van: totaal) else { return }
            m.meld("begroting.posten[\(eerste.offset)]", "Onvoorzien (\(onvoorzien.formatted())) is meer dan 10% van de "
                + "begroting (\(totaal.formatted())). Een fonds ziet liever onderbouwde posten; houd onvoorzien op "
                + "hoogstens \(Bedrag(cents: totaal.cents / 10).formatted()) en begroot wat u verwacht als eigen post.")
        },
    ]
}
