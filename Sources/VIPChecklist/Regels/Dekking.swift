import VIPModel

/// The project themes that the doelstelling names: a theme matches when one of its words of four or
/// more letters, or that word's stem, occurs in a word of the doelstelling (also inside compounds:
/// "opvoeding" in "opvoedingsondersteuning").
private func gedeeldeThemas(_ themas: [String], _ doelstelling: String) -> [String] {
    let woorden = Hulp.woorden(doelstelling)
    return themas.filter { thema in
        Hulp.woorden(thema).contains { t in
            guard t.count >= 4 else { return woorden.contains(t) }
            let s = Hulp.stam(t)
            return woorden.contains { $0.contains(s) }
        }
    }
}

extension Catalogus {
    static let dekking: [Regel] = [
        Regel("dekkingsplan", .fout, onderdeel: "Dekkingsplan en fondsen",
              beschrijving: "Het dekkingsplan heeft minstens één regel, en elke regel een bedrag groter dan nul.",
              bron: "A1",
              goed: [Voorbeeld("dekkingsplan[+]:\n  bron: Gemeente Amsterdam\n  soort: overheid\n  bedrag: 1000\n"
                               + "  status: afgewezen")],
              fout: [Voorbeeld("dekkingsplan: ~", pad: "dekkingsplan"),
                     Voorbeeld("dekkingsplan[2]:\n  bedrag: 0", pad: "dekkingsplan[2].bedrag"),
                     Voorbeeld("dekkingsplan[2]:\n  bedrag: ~", pad: "dekkingsplan[2].bedrag"),
                     Voorbeeld("dekkingsplan[2]:\n  bedrag: -150", pad: "dekkingsplan[2].bedrag")]) { ctx, m in
            let plan = ctx.aanvraag.dekkingsplan
            if plan.isEmpty {
                m.meld("dekkingsplan", "Er is geen dekkingsplan. Laat zien hoe de begroting betaald wordt: eigen "
                    + "middelen, bijdragen in natura, deelnemers, sponsors, overheid en de fondsen die u aanschrijft.")
            }
            for (i, d) in plan.enumerated() {
                let pad = "dekkingsplan[\(i)].bedrag"
                if let bedrag = d.bedrag {
                    if bedrag <= .zero {
                        m.meld(pad, "Het bedrag van \(d.naam) in het dekkingsplan is \(bedrag.formatted()); het moet groter "
                            + "zijn dan nul. Vul het bedrag in dat u verwacht of vraagt, of haal de regel weg.")
                    }
                } else {
                    m.meld(pad, "Bij \(d.naam) in het dekkingsplan staat geen bedrag. Vul in hoeveel deze bron bijdraagt "
                        + "of hoeveel u bij dit fonds aanvraagt.")
                }
            }
        },

        Regel("dekking_sluitend", .fout, onderdeel: "Dekkingsplan en fondsen",
              beschrijving: "Het dekkingsplan, zonder afgewezen regels en met `toegezegd_bedrag` waar dat er staat, is tot "
                + "op de cent gelijk aan het totaal van de begroting; de melding noemt het tekort of overschot. Een "
                + "tekort dat niet groter is dan wat fondsen minder gaven dan gevraagd, meldt `dekking_na_besluit`.",
              bron: "A1, B11",
              goed: [Voorbeeld("dekkingsplan[+]:\n  bron: Gemeente Amsterdam\n  soort: overheid\n  bedrag: 1000\n"
                               + "  status: afgewezen"),
                     Voorbeeld("begroting:\n  posten[2]:\n    prijs: 175\ndekkingsplan[4]:\n  bedrag: 1967.50"),
                     Voorbeeld("dekkingsplan[3]:\n  status: toegezegd\n  toegezegd_bedrag: 2000")],
              fout: [Voorbeeld("begroting:\n  posten[2]:\n    prijs: 175", pad: "dekkingsplan"),
                     Voorbeeld("begroting:\n  posten[5]:\n    prijs: 12.51", pad: "dekkingsplan"),
                     Voorbeeld("dekkingsplan[4]:\n  status: afgewezen", pad: "dekkingsplan"),
                     Voorbeeld("dekkingsplan[0]:\n  bedrag: 500", pad: "dekkingsplan"),
                     Voorbeeld("dekkingsplan[0]:\n  bedrag: 100\ndekkingsplan[3]:\n  status: toegezegd\n"
                               + "  toegezegd_bedrag: 2000", pad: "dekkingsplan"),
                     Voorbeeld("dekkingsplan: ~", pad: "dekkingsplan")]) { ctx, m in
            let a = ctx.aanvraag
            guard let begroting = Hulp.begrotingTotaal(a.begroting) else { return }
            let dekking = a.dekkingsplan.totaal
            guard dekking != begroting else { return }
            // A tekort that funds giving less than asked explain is `dekking_na_besluit`'s warning: the
            // aanvraag was sluitend when it was sent, and the bedankbrief must still be built.
            if dekking < begroting, begroting - dekking <= a.dekkingsplan.minderDanGevraagd { return }
            let verschil = (begroting - dekking).magnitude.formatted()
            let afgewezen = a.dekkingsplan.reduce(Bedrag.zero) { $0 + ($1.telt ? .zero : ($1.bedrag ?? .zero)) }
            let totalen = "het dekkingsplan komt op \(dekking.formatted())"
                + (afgewezen > .zero ? " (afgewezen aanvragen, \(afgewezen.formatted()), tellen niet mee)" : "")
                + ", de begroting op \(begroting.formatted())."
            if dekking < begroting {
                m.meld("dekkingsplan", "Er is een tekort van \(verschil): " + totalen + " Zoek aanvullende dekking "
                    + "(eigen middelen, sponsors, nog een fonds) of verlaag de begroting, zodat beide gelijk zijn.")
            } else {
                m.meld("dekkingsplan", "Er is een overschot van \(verschil): " + totalen + " Vraag niet meer dan "
                    + "het project kost: verlaag een bijdrage in het dekkingsplan, zodat beide gelijk zijn.")
            }
        },

        Regel("cofinanciering", .waarschuwing, onderdeel: "Dekkingsplan en fondsen",
              beschrijving: "Eén bron of fonds (niet afgewezen) dekt de hele begroting: laat zien dat anderen meebetalen "
                + "(\"je laat zien dat je een fonds niet vraagt om alles te betalen\").",
              bron: "B9, L8776",
              goed: [Voorbeeld("dekkingsplan[+]:\n  fonds: Oranje Fonds\n  bedrag: 6667.50\n  status: afgewezen"),
                     Voorbeeld("dekkingsplan[3]:\n  bedrag: 6667.49"),
                     Voorbeeld("begroting:\n  posten: ~")],
              fout: [Voorbeeld("dekkingsplan:\n  - fonds: Oranje Fonds\n    bedrag: 6667.50\n    status: aangevraagd",
                               pad: "dekkingsplan[0].bedrag"),
                     Voorbeeld("dekkingsplan[5]:\n  bedrag: 7000", pad: "dekkingsplan[5].bedrag")]) { ctx, m in
            let a = ctx.aanvraag
            guard let begroting = Hulp.begrotingTotaal(a.begroting), begroting > .zero else { return }
            for (i, d) in a.dekkingsplan.enumerated() where d.telt {
                guard let bedrag = d.bedrag, bedrag >= begroting else { continue }
                m.meld("dekkingsplan[\(i)].bedrag", "\(d.naam) betaalt met \(bedrag.formatted()) de hele begroting "
                    + "(\(begroting.formatted())). \"Deuren gaan bij mogelijke financiers gemakkelijker open\" als "
                    + "anderen meebetalen: \"je laat zien dat je een fonds niet vraagt om alles te betalen\". Zoek "
                    + "cofinanciering: eigen middelen, een tweede fonds, sponsors of de gemeente.")
            }
        },

        Regel("toezeggingen", .tip, onderdeel: "Dekkingsplan en fondsen",
              beschrijving: "Geen regel van het dekkingsplan is toegezegd (\"als je laat zien dat je al enkele "
                + "subsidienten hebt gevonden\").",
              bron: "B9, L8776",
              goed: [Voorbeeld("dekkingsplan[0]:\n  status: aangevraagd")],
              fout: [Voorbeeld("dekkingsplan[0]:\n  status: aangevraagd\ndekkingsplan[1]:\n  status: verwacht",
                               pad: "dekkingsplan")]) { ctx, m in
            guard !ctx.aanvraag.dekkingsplan.contains(where: { $0.status == .toegezegd }) else { return }
            m.meld("dekkingsplan", "Nog geen enkele bijdrage in het dekkingsplan is toegezegd. \"Deuren gaan bij "
                + "mogelijke financiers gemakkelijker open, als je laat zien dat je al enkele subsidienten hebt "
                + "gevonden.\" Probeer eerst een toezegging te krijgen, bijvoorbeeld van een partner, de gemeente of "
                + "uw eigen organisatie, en zet die op `status: toegezegd`.")
        },

        Regel("aanvullende_bronnen", .tip, onderdeel: "Dekkingsplan en fondsen",
              beschrijving: "Alle meegetelde regels van het dekkingsplan zijn fondsen: zoek sponsoring, lokale "
                + "partners of eigen middelen om het bedrag dat u fondsen vraagt te verlagen.",
              bron: "B5, L8689",
              goed: [Voorbeeld("dekkingsplan:\n  - fonds: Oranje Fonds\n    bedrag: 4000\n    status: aangevraagd\n"
                               + "  - bron: Bakkerij Yilmaz\n    soort: sponsor\n    bedrag: 2667.50\n    status: verwacht"),
                     Voorbeeld("dekkingsplan: ~")],
              fout: [Voorbeeld("dekkingsplan:\n  - fonds: Oranje Fonds\n    bedrag: 4000\n    status: aangevraagd\n"
                               + "  - fonds: Skanfonds\n    bedrag: 2667.50\n    status: aangevraagd", pad: "dekkingsplan"),
                     Voorbeeld("dekkingsplan:\n  - fonds: Oranje Fonds\n    bedrag: 6667.50\n    status: aangevraagd\n"
                               + "  - bron: Bakkerij Yilmaz\n    soort: sponsor\n    bedrag: 500\n    status: afgewezen",
                               pad: "dekkingsplan")]) { ctx, m in
            let geteld = ctx.aanvraag.dekkingsplan.filter(\.telt)
            guard !geteld.isEmpty, geteld.allSatisfy({ $0.fonds != nil }) else { return }
            m.meld("dekkingsplan", "Het dekkingsplan bestaat alleen uit fondsen. Verlaag het bedrag dat u bij fondsen "
                + "aanvraagt door ook aanvullende bronnen aan te boren: sponsoring door bedrijven, samenwerking met lokale "
                + "partners, een deelnemersbijdrage of eigen middelen.")
        },

        Regel("meerdere_fondsen", .waarschuwing, onderdeel: "Dekkingsplan en fondsen",
              beschrijving: "Er staan minder dan twee verschillende fondsen in `fondsen` (\"Schrijf altijd meerdere "
                + "fondsen aan.\").",
              bron: "C9, L8824",
              goed: [Voorbeeld("fondsen[+]:\n  naam: VSBfonds")],
              fout: [Voorbeeld("fondsen:\n  - naam: Oranje Fonds", pad: "fondsen"),
                     Voorbeeld("fondsen: ~", pad: "fondsen"),
                     Voorbeeld("fondsen[1]:\n  naam: \" oranje fonds\"", pad: "fondsen")]) { ctx, m in
            let fondsen = ctx.aanvraag.fondsen
            let namen = fondsen.compactMap(\.naam)
            let aantal = Set(namen.map(Hulp.naamSleutel)).count + fondsen.filter { $0.naam == nil }.count
            guard aantal < 2 else { return }
            let wie = namen.first.map { "maar één fonds aangeschreven (\($0))" } ?? "geen enkel fonds aangeschreven"
            m.meld("fondsen", "Er wordt \(wie). \"Schrijf altijd meerdere fondsen aan.\" Zoek fondsen met een "
                + "doelstelling die bij het project past, neem ze op in `fondsen` en verdeel het gevraagde bedrag in het "
                + "dekkingsplan.")
        },

        Regel("fondsen_consistent", .fout, onderdeel: "Dekkingsplan en fondsen",
              beschrijving: "Elk fonds in het dekkingsplan staat in `fondsen`, en elk fonds in `fondsen` staat in het "
                + "dekkingsplan (ook als de aanvraag is afgewezen). Namen worden vergeleken zonder op hoofdletters en "
                + "extra spaties te letten.",
              bron: "A1, C5",
              goed: [Voorbeeld("dekkingsplan[4]:\n  fonds: \" skanfonds\""),
                     Voorbeeld("fondsen[+]:\n  naam: VSBfonds\ndekkingsplan[+]:\n  fonds: VSBfonds\n  bedrag: 1000\n"
                               + "  status: afgewezen")],
              fout: [Voorbeeld("dekkingsplan[4]:\n  fonds: Skan Fonds", pad: "dekkingsplan[4].fonds"),
                     Voorbeeld("dekkingsplan[4]:\n  fonds: Skan Fonds", pad: "fondsen[1].naam"),
                     Voorbeeld("fondsen[+]:\n  naam: VSBfonds", pad: "fondsen[2].naam")]) { ctx, m in
            let a = ctx.aanvraag
            let fondsen = a.fondsen.compactMap(\.naam)
            let gevraagd = a.dekkingsplan.compactMap(\.fonds)
            let inFondsen = Set(fondsen.map(Hulp.naamSleutel)), inPlan = Set(gevraagd.map(Hulp.naamSleutel))
            for (i, d) in a.dekkingsplan.enumerated() {
                guard let naam = d.fonds, !inFondsen.contains(Hulp.naamSleutel(naam)) else { continue }
                var melding = "Het dekkingsplan noemt het fonds \(naam), maar dat staat niet bij `fondsen`."
                if let guess = Suggest.closest(to: naam, in: fondsen) { melding += " Bedoelde u \(guess)?" }
                m.meld("dekkingsplan[\(i)].fonds", melding + " Elk fonds dat u aanschrijft staat in `fondsen`, met "
                    + "adres en aanhef, zodat het een eigen brief krijgt.")
            }
            for (i, f) in a.fondsen.enumerated() {
                guard let naam = f.naam, !inPlan.contains(Hulp.naamSleutel(naam)) else { continue }
                var melding = "Het fonds \(naam) staat niet in het dekkingsplan."
                if let guess = Suggest.closest(to: naam, in: gevraagd) { melding += " Bedoelde u daar \(guess)?" }
                m.meld("fondsen[\(i)].naam", melding + " Zet in het dekkingsplan hoeveel u bij dit fonds aanvraagt "
                    + "(`fonds: \(naam)`), of haal het fonds weg als u het niet aanschrijft.")
            }
        },

        Regel("fonds_geadresseerd", .waarschuwing, onderdeel: "Dekkingsplan en fondsen",
              beschrijving: "Elk fonds heeft `ter_attentie_van`, `aanhef` en `adres` (\"Zoek van tevoren uit wie de "
                + "contactpersonen … zijn\"); één melding per ontbrekend veld.",
              bron: "C15, L8969",
              goed: [Voorbeeld("fondsen[+]:\n  naam: VSBfonds\n  ter_attentie_van: de heer C. Bakker\n"
                               + "  aanhef: Geachte heer Bakker,\n  adres:\n    straat: Postbus 16\n"
                               + "    postcode: 3500 AA\n    plaats: Utrecht")],
              fout: [Voorbeeld("fondsen[1]:\n  ter_attentie_van: ~", pad: "fondsen[1].ter_attentie_van"),
                     Voorbeeld("fondsen[1]:\n  aanhef: ~", pad: "fondsen[1].aanhef"),
                     Voorbeeld("fondsen[0]:\n  adres: ~", pad: "fondsen[0].adres"),
                     Voorbeeld("fondsen[+]:\n  naam: VSBfonds", pad: "fondsen[2].aanhef")]) { ctx, m in
            for (i, f) in ctx.aanvraag.fondsen.enumerated() {
                let pad = "fondsen[\(i)]", naam = f.naam ?? "fonds \(i + 1)"
                let zoekUit = "\"Zoek van tevoren uit wie de contactpersonen bij bepaalde fondsen zijn, aan wie je de "
                    + "brief moet richten.\""
                if f.terAttentieVan == nil {
                    m.meld("\(pad).ter_attentie_van", "Bij \(naam) staat niet aan wie de brief gericht is. " + zoekUit
                        + " Vul `ter_attentie_van` in, bijvoorbeeld \"mevrouw A. de Vries\".")
                }
                if f.aanhef == nil {
                    m.meld("\(pad).aanhef", "Bij \(naam) ontbreekt de aanhef van de brief. Vul `aanhef` in, "
                        + "bijvoorbeeld \"Geachte mevrouw De Vries,\".")
                }
                if f.adres == nil {
                    m.meld("\(pad).adres", "Bij \(naam) ontbreekt het adres. Vul `adres` in met straat (of postbus), "
                        + "postcode en plaats; het komt in de brief.")
                }
            }
        },

        Regel("fonds_doelstelling", .tip, onderdeel: "Dekkingsplan en fondsen",
              beschrijving: "De doelstelling van een fonds noemt geen van de thema's van het project (`project.thema`; "
                + "een thema telt als een woord ervan, of de stam, in de doelstelling voorkomt, ook in samenstellingen): "
                + "\"Niet zeker of je binnen de doelstellingen van een fonds valt? Bellen!\" Een fonds zonder "
                + "doelstelling of een project zonder thema's geeft geen tip.",
              bron: "D4, I4, L8976",
              goed: [Voorbeeld("fondsen[1]:\n  doelstelling: ~"),
                     Voorbeeld("fondsen[1]:\n  doelstelling: Emanciperen van vrouwen en meisjes."),
                     Voorbeeld("fondsen[1]:\n  doelstelling: Opvoedingsondersteuning in de wijk."),
                     Voorbeeld("project:\n  thema: ~\nfondsen[1]:\n  doelstelling: Natuurbehoud en dierenwelzijn.")],
              fout: [Voorbeeld("fondsen[1]:\n  doelstelling: Natuurbehoud en dierenwelzijn.",
                               pad: "fondsen[1].doelstelling")]) { ctx, m in
            let a = ctx.aanvraag
            guard !a.project.thema.isEmpty else { return }
            for (i, f) in a.fondsen.enumerated() {
                guard let doelstelling = f.doelstelling, gedeeldeThemas(a.project.thema, doelstelling).isEmpty else {
                    continue
                }
                m.meld("fondsen[\(i)].doelstelling", "De doelstelling van \(f.naam ?? "fonds \(i + 1)") noemt geen "
                    + "van de thema's van het project (\(a.project.thema.joined(separator: ", "))). \"Niet zeker of je "
                    + "binnen de doelstellingen van een fonds valt? Bellen!\" Bel het fonds voordat u de aanvraag "
                    + "instuurt, of kies een fonds waarvan de doelstelling bij het project past.")
            }
        },
    ]
}
