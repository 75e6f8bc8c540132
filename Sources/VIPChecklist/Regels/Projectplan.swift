import VIPModel

extension Catalogus {
    static let projectplan: [Regel] = [
        Regel("samenvatting", .fout, onderdeel: "Projectplan",
              beschrijving: "De samenvatting van het project is ingevuld; zij komt in de brief en in de overzichten "
                + "van de fondsendate.",
              bron: "C4, L8801",
              goed: [Voorbeeld("project:\n  samenvatting: Een wekelijks spreekuur voor mannen in Slotervaart.")],
              fout: [Voorbeeld("project:\n  samenvatting: ~", pad: "project.samenvatting"),
                     Voorbeeld("project:\n  samenvatting: \"   \"", pad: "project.samenvatting")]) { ctx, m in
            if ctx.aanvraag.project.samenvatting == nil {
                m.meld("project.samenvatting", "De samenvatting van het project ontbreekt. Vat in een paar zinnen samen "
                    + "wat u gaat doen, voor wie en waarom: \"Vertel iets over het project waar u geld voor aanvraagt. "
                    + "Beschrijf dat zo concreet mogelijk.\" De samenvatting komt in de brief aan elk fonds.")
            }
        },

        Regel("urgentie", .fout, onderdeel: "Projectplan",
              beschrijving: "De aanleiding van het project (de nood, de urgentie) is beschreven.",
              bron: "E1, L9424",
              goed: [Voorbeeld("project:\n  aanleiding: Mannen in Slotervaart vinden nergens hulp.")],
              fout: [Voorbeeld("project:\n  aanleiding: ~", pad: "project.aanleiding")]) { ctx, m in
            if ctx.aanvraag.project.aanleiding == nil {
                m.meld("project.aanleiding", "De aanleiding ontbreekt. \"Wat een bottleneck blijkt te zijn, is het "
                    + "duidelijk aantonen van de urgentie, de noodzaak, het probleem dat wordt aangepakt.\" Beschrijf in "
                    + "`project.aanleiding` welk gemis of welke nood u hebt gezien en waarom het project nu nodig is.")
            }
        },

        Regel("doel", .fout, onderdeel: "Projectplan",
              beschrijving: "Het doel van het project is ingevuld.",
              bron: "A9, L8208",
              goed: [Voorbeeld("project:\n  doel: Mannen een vertrouwde plek bieden.")],
              fout: [Voorbeeld("project:\n  doel: ~", pad: "project.doel")]) { ctx, m in
            if ctx.aanvraag.project.doel == nil {
                m.meld("project.doel", "Het doel van het project ontbreekt. Beschrijf in `project.doel` wat het project "
                    + "moet bereiken voor de doelgroep: welk gemis, welke schaarste of welk gebrek u wilt helpen oplossen.")
            }
        },

        Regel("doelgroep", .fout, onderdeel: "Projectplan",
              beschrijving: "De doelgroep is omschreven, met de problemen waar zij mee te maken heeft.",
              bron: "A6.2, L8622",
              goed: [Voorbeeld("project:\n  doelgroep:\n    onderbouwing: ~\n    omvang: ~")],
              fout: [Voorbeeld("project:\n  doelgroep:\n    omschrijving: ~", pad: "project.doelgroep.omschrijving"),
                     Voorbeeld("project:\n  doelgroep:\n    problematiek: ~", pad: "project.doelgroep.problematiek"),
                     Voorbeeld("project:\n  doelgroep: ~", pad: "project.doelgroep.problematiek")]) { ctx, m in
            let d = ctx.aanvraag.project.doelgroep
            if d.omschrijving == nil {
                m.meld("project.doelgroep.omschrijving", "De omschrijving van de doelgroep ontbreekt: \"Wat is de doelgroep "
                    + "waarop het project is gericht?\" Beschrijf wie u wilt bereiken (bijvoorbeeld leeftijd, achtergrond, wijk).")
            }
            if d.problematiek == nil {
                m.meld("project.doelgroep.problematiek", "De problematiek van de doelgroep ontbreekt: \"Wat zijn de problemen "
                    + "waar de doelgroep mee te maken heeft?\" Beschrijf ze kort en bondig in `project.doelgroep.problematiek`.")
            }
        },

        Regel("doelgroep_onderbouwd", .waarschuwing, onderdeel: "Projectplan",
              beschrijving: "De doelgroep is \"onderbouwd met cijfers en onderzoeksresultaten\": `doelgroep.onderbouwing` "
                + "heeft minstens één punt, en minstens één punt bevat een getal (een cijfer, of een telwoord zoals "
                + "\"vijftien\", \"honderd\", \"procent\", \"helft\") of noemt een bron (een woord als bron, onderzoek, "
                + "rapport, monitor, enquête, statistiek, publicatie, volgens, of CBS, GGD, SCP, RIVM, p., blz., een "
                + "webadres).",
              bron: "A6.2, L8626",
              goed: [Voorbeeld("project:\n  doelgroep:\n    onderbouwing: [Volgens het wijkteam vragen mannen zelden hulp.]"),
                     Voorbeeld("project:\n  doelgroep:\n    onderbouwing:\n      - De GGD ziet veel eenzaamheid.\n"
                               + "      - Mannen praten zelden over problemen."),
                     Voorbeeld("project:\n  doelgroep:\n    onderbouwing: [Een op de drie mannen heeft schulden.]"),
                     Voorbeeld("project:\n  doelgroep:\n    onderbouwing: [Uit bewonersonderzoek blijkt dat mannen weinig hulp zoeken.]")],
              fout: [Voorbeeld("project:\n  doelgroep:\n    onderbouwing: ~", pad: "project.doelgroep.onderbouwing"),
                     Voorbeeld("project:\n  doelgroep:\n    onderbouwing:\n      - Veel mannen hebben schulden.\n"
                               + "      - Een groot deel van de mannen zit thuis.",
                               pad: "project.doelgroep.onderbouwing")]) { ctx, m in
            let onderbouwing = ctx.aanvraag.project.doelgroep.onderbouwing
            if onderbouwing.isEmpty {
                m.meld("project.doelgroep.onderbouwing", "De doelgroep en haar problemen zijn niet onderbouwd. Het plan "
                    + "beschrijft ze \"onderbouwd met cijfers en onderzoeksresultaten\": zet in `project.doelgroep.onderbouwing` "
                    + "cijfers over de doelgroep, met de bron (bijvoorbeeld CBS, GGD, gemeente of een onderzoek), of wat uw "
                    + "eigen rondgang langs organisaties heeft opgeleverd.")
            } else if !onderbouwing.contains(where: { ProjectplanTekst.heeftGetal($0) || ProjectplanTekst.noemtBron($0) }) {
                m.meld("project.doelgroep.onderbouwing", "De onderbouwing van de doelgroep bevat geen cijfers en noemt geen "
                    + "bron. Een fonds wil de omvang van het probleem zien, \"onderbouwd met cijfers en onderzoeksresultaten\": "
                    + "voeg minstens één cijfer toe (hoeveel mensen, welk percentage) en noem waar het vandaan komt.")
            }
        },

        Regel("profijtgroep", .waarschuwing, onderdeel: "Projectplan",
              beschrijving: "De profijtgroep (de mensen die het project echt bereikt) is omschreven en haar aantal is gegeven.",
              bron: "E5, L9491",
              goed: [Voorbeeld("project:\n  profijtgroep:\n    aantal: 1")],
              fout: [Voorbeeld("project:\n  profijtgroep:\n    omschrijving: ~", pad: "project.profijtgroep.omschrijving"),
                     Voorbeeld("project:\n  profijtgroep:\n    aantal: ~", pad: "project.profijtgroep.aantal"),
                     Voorbeeld("project:\n  profijtgroep: ~", pad: "project.profijtgroep.omschrijving"),
                     Voorbeeld("project:\n  profijtgroep: ~", pad: "project.profijtgroep.aantal")]) { ctx, m in
            let p = ctx.aanvraag.project.profijtgroep
            let onderscheid = "De doelgroep en de profijtgroep \"hoeven niet met elkaar samen te vallen\": de profijtgroep "
                + "is de groep die echt bereikt zal worden door het project, en die is meestal kleiner."
            if p?.omschrijving == nil {
                m.meld("project.profijtgroep.omschrijving", "Omschrijf in `project.profijtgroep.omschrijving` wie het project "
                    + "daadwerkelijk bereikt. " + onderscheid)
            }
            if p?.aantal == nil {
                m.meld("project.profijtgroep.aantal", "Vul bij `project.profijtgroep.aantal` in hoeveel mensen het project "
                    + "naar verwachting bereikt. " + onderscheid)
            }
        },

        Regel("profijtgroep_binnen_doelgroep", .fout, onderdeel: "Projectplan",
              beschrijving: "Als beide gegeven zijn, is het aantal van de profijtgroep niet groter dan de omvang van de doelgroep.",
              bron: "E5, L9496",
              goed: [Voorbeeld("project:\n  profijtgroep:\n    aantal: 4500"),
                     Voorbeeld("project:\n  doelgroep:\n    omvang: ~\n  profijtgroep:\n    aantal: 9000")],
              fout: [Voorbeeld("project:\n  profijtgroep:\n    aantal: 4501", pad: "project.profijtgroep.aantal")]) { ctx, m in
            let p = ctx.aanvraag.project
            guard let aantal = p.profijtgroep?.aantal, let omvang = p.doelgroep.omvang, aantal > omvang else { return }
            m.meld("project.profijtgroep.aantal", "De profijtgroep (\(aantal) mensen) is groter dan de doelgroep (\(omvang) "
                + "mensen). De profijtgroep is het deel van de doelgroep dat het project echt bereikt, en \"zal kleiner "
                + "zijn\". Controleer beide getallen: `project.profijtgroep.aantal` en `project.doelgroep.omvang`.")
        },

        Regel("activiteiten", .fout, onderdeel: "Projectplan",
              beschrijving: "Het project heeft minstens één activiteit, elk met een naam en een omschrijving.",
              bron: "A6.3, L8629",
              goed: [Voorbeeld("project:\n  activiteiten:\n    - naam: Spreekuur\n      omschrijving: Wekelijks spreekuur.")],
              fout: [Voorbeeld("project:\n  activiteiten: ~", pad: "project.activiteiten"),
                     Voorbeeld("project:\n  activiteiten[1]:\n    naam: ~", pad: "project.activiteiten[1].naam"),
                     Voorbeeld("project:\n  activiteiten[2]:\n    omschrijving: ~", pad: "project.activiteiten[2].omschrijving")]) { ctx, m in
            let activiteiten = ctx.aanvraag.project.activiteiten
            if activiteiten.isEmpty {
                m.meld("project.activiteiten", "Het project heeft geen activiteiten. \"Welke activiteiten worden "
                    + "gerealiseerd, die aansluiten bij de doelgroep met zijn specifieke problemen en uitdagingen?\" "
                    + "Noem ze in `project.activiteiten`, elk met naam en omschrijving.")
            }
            for (i, a) in activiteiten.enumerated() {
                if a.naam == nil {
                    m.meld("project.activiteiten[\(i)].naam", "Activiteit \(i + 1) heeft geen naam. Geef elke activiteit een "
                        + "korte naam, zoals \"Inloopspreekuur\".")
                }
                if a.omschrijving == nil {
                    m.meld("project.activiteiten[\(i)].omschrijving", "De activiteit \(ProjectplanTekst.naam(a, i)) heeft geen "
                        + "omschrijving. Beschrijf wat er gebeurt, hoe vaak en voor wie.")
                }
            }
        },

        Regel("werkwijze", .fout, onderdeel: "Projectplan",
              beschrijving: "De werkwijze van het project is beschreven.",
              bron: "A6.4, L8634",
              goed: [Voorbeeld("project:\n  werkwijze:\n    motivering: ~")],
              fout: [Voorbeeld("project:\n  werkwijze:\n    omschrijving: ~", pad: "project.werkwijze.omschrijving"),
                     Voorbeeld("project:\n  werkwijze: ~", pad: "project.werkwijze.omschrijving")]) { ctx, m in
            if ctx.aanvraag.project.werkwijze.omschrijving == nil {
                m.meld("project.werkwijze.omschrijving", "De werkwijze ontbreekt: \"Welke werkwijze wordt gebruikt (en "
                    + "waarom)?\" Beschrijf in `project.werkwijze.omschrijving` hoe u de activiteiten aanpakt en wat uw "
                    + "aanpak typeert.")
            }
        },

        Regel("werkwijze_motivering", .waarschuwing, onderdeel: "Projectplan",
              beschrijving: "De werkwijze is gemotiveerd: \"Welke werkwijze wordt gebruikt (en waarom)\".",
              bron: "A6.4, L8634",
              goed: [Voorbeeld("project:\n  werkwijze:\n    motivering: Vertrouwen komt eerst.")],
              fout: [Voorbeeld("project:\n  werkwijze:\n    motivering: ~", pad: "project.werkwijze.motivering")]) { ctx, m in
            if ctx.aanvraag.project.werkwijze.motivering == nil {
                m.meld("project.werkwijze.motivering", "De werkwijze is niet gemotiveerd. Het plan beschrijft de werkwijze "
                    + "\"(en waarom)\": leg in `project.werkwijze.motivering` uit waarom deze aanpak past bij de doelgroep.")
            }
        },

        Regel("uitvoerders", .waarschuwing, onderdeel: "Projectplan",
              beschrijving: "Elke activiteit noemt wie haar uitvoert.",
              bron: "A6.4, L8636",
              goed: [Voorbeeld("project:\n  activiteiten[2]:\n    uitvoerders: vrijwilligers")],
              fout: [Voorbeeld("project:\n  activiteiten[2]:\n    uitvoerders: ~", pad: "project.activiteiten[2].uitvoerders"),
                     Voorbeeld("project:\n  activiteiten[0]:\n    uitvoerders: []", pad: "project.activiteiten[0].uitvoerders")]) { ctx, m in
            for (i, a) in ctx.aanvraag.project.activiteiten.enumerated() where a.uitvoerders.isEmpty {
                m.meld("project.activiteiten[\(i)].uitvoerders", "De activiteit \(ProjectplanTekst.naam(a, i)) noemt geen "
                    + "uitvoerders: \"wie voeren de activiteiten uit?\" Vul `uitvoerders` in met de namen of de rol "
                    + "(bijvoorbeeld \"taalvrijwilligers\").")
            }
        },

        Regel("projectleiding", .fout, onderdeel: "Projectplan",
              beschrijving: "De eindverantwoordelijke en de projectleider zijn genoemd: \"een betrokken en capabele "
                + "projectleider\" is \"een vereiste\".",
              bron: "A6.4, B16, L2748",
              goed: [Voorbeeld("project:\n  eindverantwoordelijke: Het bestuur")],
              fout: [Voorbeeld("project:\n  eindverantwoordelijke: ~", pad: "project.eindverantwoordelijke"),
                     Voorbeeld("project:\n  projectleider: ~", pad: "project.projectleider")]) { ctx, m in
            let p = ctx.aanvraag.project
            if p.eindverantwoordelijke == nil {
                m.meld("project.eindverantwoordelijke", "De eindverantwoordelijke ontbreekt: \"wie is de "
                    + "eindverantwoordelijke?\" Noem in `project.eindverantwoordelijke` wie verantwoordelijk is voor het "
                    + "project, meestal het bestuur.")
            }
            if p.projectleider == nil {
                m.meld("project.projectleider", "De projectleider ontbreekt. \"Een betrokken en capabele projectleider\" "
                    + "is \"een vereiste\": noem in `project.projectleider` wie het project trekt.")
            }
        },

        Regel("partners", .waarschuwing, onderdeel: "Projectplan",
              beschrijving: "Het project noemt minstens één samenwerkende partner.",
              bron: "A6.5, E12, L9145",
              goed: [Voorbeeld("project:\n  partners:\n    - naam: Buurtcentrum De Tagrijn\n      rol: ruimte\n      status: beoogd")],
              fout: [Voorbeeld("project:\n  partners: ~", pad: "project.partners")]) { ctx, m in
            if ctx.aanvraag.project.partners.isEmpty {
                m.meld("project.partners", "Het project noemt geen samenwerkende partners. \"Traceer mogelijkheden tot "
                    + "samenwerking: je kunt immers de nood niet in je eentje lenigen.\" Noem in `project.partners` met wie "
                    + "u samenwerkt en welke rol zij hebben, ook als het nog in gesprek of beoogd is.")
            }
        },

        Regel("periode", .fout, onderdeel: "Projectplan",
              beschrijving: "De periode van het project heeft een start- en een einddatum, en de start ligt niet na het "
                + "eind (een eendaags project heeft start = eind).",
              bron: "A6.6, L8645",
              goed: [Voorbeeld("project:\n  periode:\n    start: 2012-06-02\n    eind: 2012-06-02")],
              fout: [Voorbeeld("project:\n  periode:\n    start: ~", pad: "project.periode.start"),
                     Voorbeeld("project:\n  periode:\n    eind: ~", pad: "project.periode.eind"),
                     Voorbeeld("project:\n  periode: ~", pad: "project.periode.eind"),
                     Voorbeeld("project:\n  periode:\n    start: 2012-07-01", pad: "project.periode.eind")]) { ctx, m in
            let p = ctx.aanvraag.project.periode
            if p.start == nil {
                m.meld("project.periode.start", "De startdatum van het project ontbreekt: \"Wanneer start het project en "
                    + "voor wanneer is het eind voorzien? Van start naar finish.\" Vul `project.periode.start` in.")
            }
            if p.eind == nil {
                m.meld("project.periode.eind", "De einddatum van het project ontbreekt: \"voor wanneer is het eind "
                    + "voorzien?\" Vul `project.periode.eind` in.")
            }
            if let start = p.start, let eind = p.eind, start > eind {
                m.meld("project.periode.eind", "Het project eindigt (\(eind)) vóór het begint (\(start)). Controleer de "
                    + "data in `project.periode`; een eendaags project heeft dezelfde start- en einddatum.")
            }
        },

        Regel("activiteit_in_periode", .fout, onderdeel: "Projectplan",
              beschrijving: "De start- en einddatum van elke activiteit liggen binnen de periode van het project, en de "
                + "start ligt niet na het eind.",
              bron: "A6.6",
              goed: [Voorbeeld("project:\n  activiteiten[1]:\n    start: 2011-09-01\n    eind: 2011-09-01"),
                     Voorbeeld("project:\n  activiteiten[2]:\n    start: ~\n    eind: 2012-06-30"),
                     Voorbeeld("project:\n  periode:\n    start: ~")],
              fout: [Voorbeeld("project:\n  activiteiten[1]:\n    start: 2011-08-31", pad: "project.activiteiten[1].start"),
                     Voorbeeld("project:\n  activiteiten[2]:\n    eind: 2012-07-01", pad: "project.activiteiten[2].eind"),
                     Voorbeeld("project:\n  activiteiten[2]:\n    start: 2012-07-01", pad: "project.activiteiten[2].start"),
                     Voorbeeld("project:\n  activiteiten[1]:\n    eind: 2011-08-01", pad: "project.activiteiten[1].eind"),
                     Voorbeeld("project:\n  activiteiten[1]:\n    start: 2012-01-10\n    eind: 2012-01-09",
                               pad: "project.activiteiten[1].eind")]) { ctx, m in
            let p = ctx.aanvraag.project
            // An inverted period is reported by `periode`; then only each activity's own order is checked.
            let geldig = !(p.periode.start != nil && p.periode.eind != nil && p.periode.start! > p.periode.eind!)
            let van = geldig ? p.periode.start : nil, tot = geldig ? p.periode.eind : nil
            func buiten(_ d: Datum) -> Bool { (van.map { d < $0 } ?? false) || (tot.map { d > $0 } ?? false) }
            let periode = "de projectperiode (\(van.map { "\($0)" } ?? "?") tot en met \(tot.map { "\($0)" } ?? "?"))"
            for (i, a) in p.activiteiten.enumerated() {
                let naam = ProjectplanTekst.naam(a, i)
                if let start = a.start, buiten(start) {
                    m.meld("project.activiteiten[\(i)].start", "De activiteit \(naam) begint op \(start), buiten "
                        + periode + ". Pas de startdatum van de activiteit of de periode van het project aan.")
                }
                if let eind = a.eind, buiten(eind) {
                    m.meld("project.activiteiten[\(i)].eind", "De activiteit \(naam) eindigt op \(eind), buiten "
                        + periode + ". Pas de einddatum van de activiteit of de periode van het project aan.")
                } else if let start = a.start, let eind = a.eind, start > eind {
                    m.meld("project.activiteiten[\(i)].eind", "De activiteit \(naam) eindigt (\(eind)) vóór zij begint "
                        + "(\(start)). Controleer de data; een activiteit van één dag heeft dezelfde start- en einddatum.")
                }
            }
        },

        Regel("planning_per_activiteit", .waarschuwing, onderdeel: "Projectplan",
              beschrijving: "Elke activiteit heeft een aantal uren en een start- en einddatum: \"per activiteit "
                + "uitrekenen hoe lang je ermee bezig zult zijn\", zodat een planning ontstaat.",
              bron: "A10, L8244",
              goed: [Voorbeeld("project:\n  activiteiten[2]:\n    uren: 1\n    start: 2012-01-09\n    eind: 2012-01-09")],
              fout: [Voorbeeld("project:\n  activiteiten[1]:\n    uren: ~", pad: "project.activiteiten[1].uren"),
                     Voorbeeld("project:\n  activiteiten[0]:\n    start: ~", pad: "project.activiteiten[0].start"),
                     Voorbeeld("project:\n  activiteiten[2]:\n    eind: ~", pad: "project.activiteiten[2].eind"),
                     Voorbeeld("project:\n  activiteiten[+]:\n    naam: Afsluiting\n    omschrijving: Feest.",
                               pad: "project.activiteiten[3].eind")]) { ctx, m in
            let advies = "\"Laat de deelnemers zien dat je per activiteit kunt uitrekenen hoe lang je ermee bezig zult "
                + "zijn, dat kan in een tabel gezet worden zodat een planning ontstaat.\""
            for (i, a) in ctx.aanvraag.project.activiteiten.enumerated() {
                let pad = "project.activiteiten[\(i)]", naam = ProjectplanTekst.naam(a, i)
                if a.uren == nil {
                    m.meld("\(pad).uren", "Bij de activiteit \(naam) staat niet hoeveel uren ermee gemoeid zijn. "
                        + advies + " Vul `uren` in.")
                }
                if a.start == nil {
                    m.meld("\(pad).start", "Bij de activiteit \(naam) staat niet wanneer zij begint. Vul `start` in "
                        + "(zoals 2011-09-01), zodat de planning compleet is.")
                }
                if a.eind == nil {
                    m.meld("\(pad).eind", "Bij de activiteit \(naam) staat niet wanneer zij eindigt. Vul `eind` in "
                        + "(voor een activiteit van één dag dezelfde datum als `start`).")
                }
            }
        },

        Regel("resultaten", .fout, onderdeel: "Projectplan",
              beschrijving: "Het plan noemt minstens één verwacht resultaat.",
              bron: "A6.7, L8648",
              goed: [Voorbeeld("project:\n  resultaten: [30 mannen bezoeken het spreekuur.]")],
              fout: [Voorbeeld("project:\n  resultaten: ~", pad: "project.resultaten")]) { ctx, m in
            if ctx.aanvraag.project.resultaten.isEmpty {
                m.meld("project.resultaten", "Het plan noemt geen resultaten: \"Welke resultaten verwacht je en waarom?\" "
                    + "Noem in `project.resultaten` wat er na afloop bereikt is, zo concreet en telbaar mogelijk.")
            }
        },

        Regel("resultaten_motivering", .waarschuwing, onderdeel: "Projectplan",
              beschrijving: "Elk resultaat zegt waarom het verwacht wordt of waarom het ertoe doet (`waarom`).",
              bron: "A6.7, L8648",
              goed: [Voorbeeld("project:\n  resultaten[0]:\n    waarom: Vertrouwen.")],
              fout: [Voorbeeld("project:\n  resultaten[1]:\n    waarom: ~", pad: "project.resultaten[1].waarom"),
                     Voorbeeld("project:\n  resultaten[+]: 5 vaders gaan naar een ouderavond.",
                               pad: "project.resultaten[3].waarom")]) { ctx, m in
            for (i, r) in ctx.aanvraag.project.resultaten.enumerated() where r.waarom == nil {
                let wat = r.resultaat.map { "\"\($0)\"" } ?? "\(i + 1)"
                m.meld("project.resultaten[\(i)].waarom", "Bij resultaat \(wat) staat niet waarom: \"Welke resultaten "
                    + "verwacht je en waarom?\" Vul `waarom` in: waarom is dit resultaat haalbaar, en wat zegt het over het "
                    + "slagen van het project?")
            }
        },

        Regel("resultaten_meetbaar", .tip, onderdeel: "Projectplan",
              beschrijving: "Een resultaat zonder getal is moeilijk te meten: maak het telbaar. Als getal telt een cijfer "
                + "of een Nederlands telwoord (\"één\", \"twee\", \"vijftien\", \"vijfentwintig\", \"honderd\", maar "
                + "niet het lidwoord \"een\"), of \"procent\", \"helft\" of \"kwart\".",
              bron: "E11, L9255",
              goed: [Voorbeeld("project:\n  resultaten[0]:\n    resultaat: Twintig mannen bezoeken het spreekuur."),
                     Voorbeeld("project:\n  resultaten[0]:\n    resultaat: De helft van de bezoekers komt terug."),
                     Voorbeeld("project:\n  resultaten[0]:\n    resultaat: Vijfentwintig vaders doen mee."),
                     Voorbeeld("project:\n  resultaten[0]:\n    resultaat: ~")],
              fout: [Voorbeeld("project:\n  resultaten[2]:\n    resultaat: Veel mannen voelen zich gesteund.",
                               pad: "project.resultaten[2].resultaat"),
                     Voorbeeld("project:\n  resultaten[0]:\n    resultaat: Vaders vieren met een feest het einde van het project.",
                               pad: "project.resultaten[0].resultaat")]) { ctx, m in
            for (i, r) in ctx.aanvraag.project.resultaten.enumerated() {
                guard let tekst = r.resultaat, !ProjectplanTekst.heeftGetal(tekst) else { continue }
                m.meld("project.resultaten[\(i)].resultaat", "Het resultaat \"\(tekst)\" bevat geen getal. \"De te behalen "
                    + "resultaten zijn realistisch en duidelijk weergegeven\": maak het telbaar, bijvoorbeeld \"30 mannen "
                    + "bezoeken het spreekuur minstens twee keer\", zodat u bij de evaluatie kunt nagaan of het gehaald is.")
            }
        },

        Regel("evaluatie", .fout, onderdeel: "Projectplan",
              beschrijving: "Het plan zegt hoe, wanneer en door wie het project wordt geëvalueerd.",
              bron: "A6.8, L8650",
              goed: [Voorbeeld("project:\n  evaluatie:\n    door: Het bestuur.")],
              fout: [Voorbeeld("project:\n  evaluatie:\n    hoe: ~", pad: "project.evaluatie.hoe"),
                     Voorbeeld("project:\n  evaluatie:\n    wanneer: ~", pad: "project.evaluatie.wanneer"),
                     Voorbeeld("project:\n  evaluatie:\n    door: ~", pad: "project.evaluatie.door"),
                     Voorbeeld("project:\n  evaluatie: ~", pad: "project.evaluatie.wanneer")]) { ctx, m in
            let e = ctx.aanvraag.project.evaluatie
            let vraag = "\"Hoe, wanneer en door wie wordt het project geëvalueerd?\""
            if e.hoe == nil {
                m.meld("project.evaluatie.hoe", "Het plan zegt niet hoe het project wordt geëvalueerd. " + vraag
                    + " Beschrijf in `project.evaluatie.hoe` de methode, bijvoorbeeld een registratie, een vragenlijst of "
                    + "een groepsgesprek.")
            }
            if e.wanneer == nil {
                m.meld("project.evaluatie.wanneer", "Het plan zegt niet wanneer het project wordt geëvalueerd. " + vraag
                    + " Vul `project.evaluatie.wanneer` in, bijvoorbeeld halverwege en aan het eind.")
            }
            if e.door == nil {
                m.meld("project.evaluatie.door", "Het plan zegt niet door wie het project wordt geëvalueerd. " + vraag
                    + " Vul `project.evaluatie.door` in.")
            }
        },

        Regel("verslaglegging", .fout, onderdeel: "Projectplan",
              beschrijving: "Het plan zegt door wie en wanneer verslag wordt gedaan, en hoe het verslag gebruikt wordt.",
              bron: "A6.9, L8652",
              goed: [Voorbeeld("project:\n  verslaglegging:\n    gebruik: Verantwoording aan de fondsen.")],
              fout: [Voorbeeld("project:\n  verslaglegging:\n    door: ~", pad: "project.verslaglegging.door"),
                     Voorbeeld("project:\n  verslaglegging:\n    wanneer: ~", pad: "project.verslaglegging.wanneer"),
                     Voorbeeld("project:\n  verslaglegging:\n    gebruik: ~", pad: "project.verslaglegging.gebruik"),
                     Voorbeeld("project:\n  verslaglegging: ~", pad: "project.verslaglegging.door")]) { ctx, m in
            let v = ctx.aanvraag.project.verslaglegging
            if v.door == nil {
                m.meld("project.verslaglegging.door", "Het plan zegt niet door wie verslag wordt gedaan van het project. "
                    + "Vul `project.verslaglegging.door` in.")
            }
            if v.wanneer == nil {
                m.meld("project.verslaglegging.wanneer", "Het plan zegt niet wanneer verslag wordt gedaan van het project. "
                    + "Vul `project.verslaglegging.wanneer` in, bijvoorbeeld binnen twee maanden na afloop.")
            }
            if v.gebruik == nil {
                m.meld("project.verslaglegging.gebruik", "Het plan zegt niet wat de functie van het verslag is: \"hoe gebruik "
                    + "je het verslag in publiciteit, pr en als overgang naar een volgend project?\" Vul "
                    + "`project.verslaglegging.gebruik` in.")
            }
        },

        Regel("succes_en_faalfactoren", .waarschuwing, onderdeel: "Projectplan",
              beschrijving: "Het plan noemt minstens één succesfactor en minstens één faalfactor.",
              bron: "A8, L8859",
              goed: [Voorbeeld("project:\n  succesfactoren: Een vertrouwde ruimte.\n  faalfactoren: [Geen ruimte.]")],
              fout: [Voorbeeld("project:\n  succesfactoren: ~", pad: "project.succesfactoren"),
                     Voorbeeld("project:\n  faalfactoren: []", pad: "project.faalfactoren")]) { ctx, m in
            let p = ctx.aanvraag.project
            if p.succesfactoren.isEmpty {
                m.meld("project.succesfactoren", "Het plan noemt geen succesfactoren. Noem in `project.succesfactoren` wat "
                    + "nodig is om het project te laten slagen, zoals een vertrouwde ruimte of de juiste contactpersonen.")
            }
            if p.faalfactoren.isEmpty {
                m.meld("project.faalfactoren", "Het plan noemt geen faalfactoren. Noem in `project.faalfactoren` wat het "
                    + "project kan laten mislukken, en laat zien dat u daarop voorbereid bent.")
            }
        },

        Regel("vervolgstappen", .waarschuwing, onderdeel: "Projectplan",
              beschrijving: "Het plan beschrijft de vervolgstappen na afloop van het project.",
              bron: "A8, E15, L8861",
              goed: [Voorbeeld("project:\n  vervolg: Een tweede fase met vadergroepen.")],
              fout: [Voorbeeld("project:\n  vervolg: ~", pad: "project.vervolg")]) { ctx, m in
            if ctx.aanvraag.project.vervolg == nil {
                m.meld("project.vervolg", "De vervolgstappen ontbreken. Beschrijf in `project.vervolg` wat er na afloop "
                    + "gebeurt: hoe het project verder gaat, wie het overneemt of welke fase volgt.")
            }
        },

        Regel("deskundigheid", .waarschuwing, onderdeel: "Projectplan",
              beschrijving: "Het plan beschrijft de eigen deskundigheid: \"wat hebben wij in huis om dit project "
                + "succesvol aan te pakken\".",
              bron: "E2, L9258, L9428",
              goed: [Voorbeeld("project:\n  deskundigheid: Ervaringsdeskundigheid.")],
              fout: [Voorbeeld("project:\n  deskundigheid: ~", pad: "project.deskundigheid")]) { ctx, m in
            if ctx.aanvraag.project.deskundigheid == nil {
                m.meld("project.deskundigheid", "De deskundigheid ontbreekt: \"wat hebben wij in huis om dit project "
                    + "succesvol aan te pakken?\" Beschrijf in `project.deskundigheid` de ervaring, opleiding of "
                    + "methodische aanpak die u inbrengt.")
            }
        },

        Regel("positionering", .waarschuwing, onderdeel: "Projectplan",
              beschrijving: "De positionering noemt minstens één bestaand initiatief, de verhouding ertoe (aanvullend of "
                + "alternatief) en de toegevoegde waarde van het project.",
              bron: "E3, E4, L9263, L8408",
              goed: [Voorbeeld("project:\n  positionering:\n    bestaande_initiatieven:\n      - naam: Vadercentrum Adam\n"
                               + "    verhouding: alternatief")],
              fout: [Voorbeeld("project:\n  positionering: ~", pad: "project.positionering.bestaande_initiatieven"),
                     Voorbeeld("project:\n  positionering: ~", pad: "project.positionering.verhouding"),
                     Voorbeeld("project:\n  positionering: ~", pad: "project.positionering.toegevoegde_waarde"),
                     Voorbeeld("project:\n  positionering:\n    bestaande_initiatieven: ~",
                               pad: "project.positionering.bestaande_initiatieven"),
                     Voorbeeld("project:\n  positionering:\n    verhouding: ~", pad: "project.positionering.verhouding"),
                     Voorbeeld("project:\n  positionering:\n    toegevoegde_waarde: ~",
                               pad: "project.positionering.toegevoegde_waarde")]) { ctx, m in
            let p = ctx.aanvraag.project.positionering
            let vraag = "\"Ben je een alternatief voor al bestaande initiatieven of werk je aanvullend en zo ja, wat voeg "
                + "je dan toe dat er nog niet is?\""
            if p?.bestaandeInitiatieven.isEmpty ?? true {
                m.meld("project.positionering.bestaande_initiatieven", "De positionering noemt geen bestaande initiatieven. "
                    + "Maak een rondgang langs vergelijkbare initiatieven in de wijk en noem ze in "
                    + "`project.positionering.bestaande_initiatieven`, met wat zij doen.")
            }
            if p?.verhouding == nil {
                m.meld("project.positionering.verhouding", "De positionering zegt niet hoe het project zich verhoudt tot wat "
                    + "er al is. " + vraag + " Vul `project.positionering.verhouding` in: aanvullend of alternatief.")
            }
            if p?.toegevoegdeWaarde == nil {
                m.meld("project.positionering.toegevoegde_waarde", "De positionering noemt de toegevoegde waarde niet. "
                    + vraag + " Beschrijf in `project.positionering.toegevoegde_waarde` wat uw project toevoegt.")
            }
        },

        Regel("instroom", .waarschuwing, onderdeel: "Projectplan",
              beschrijving: "Instroom en doorstroom zijn beschreven: hoe komen mensen binnen, en hoe hebben ze daarna "
                + "daadwerkelijk profijt? Niet nodig voor een simpel project: één activiteit van hooguit één dag (start = "
                + "eind van de activiteit, of van de projectperiode als de activiteit geen data heeft), \"een eendaags "
                + "kinderfestival\".",
              bron: "E7, L8309–8347",
              goed: [Voorbeeld("project:\n  instroom: ~\n  doorstroom: ~\n  activiteiten:\n    - naam: Kinderfestival\n"
                               + "      omschrijving: Een middag met spelletjes.\n      start: 2012-06-02\n      eind: 2012-06-02"),
                     Voorbeeld("project:\n  instroom: ~\n  doorstroom: ~\n  periode:\n    start: 2012-06-02\n"
                               + "    eind: 2012-06-02\n  activiteiten:\n    - naam: Kinderfestival\n"
                               + "      omschrijving: Een middag met spelletjes.")],
              fout: [Voorbeeld("project:\n  instroom: ~", pad: "project.instroom"),
                     Voorbeeld("project:\n  doorstroom: ~", pad: "project.doorstroom"),
                     Voorbeeld("project:\n  instroom: ~\n  activiteiten:\n    - naam: Kinderfestival\n"
                               + "      omschrijving: Twee dagen spelletjes.\n      start: 2012-06-02\n      eind: 2012-06-03",
                               pad: "project.instroom"),
                     Voorbeeld("project:\n  doorstroom: ~\n  periode:\n    start: 2012-06-02\n    eind: 2012-06-02\n"
                               + "  activiteiten:\n    - naam: Kinderfestival\n      omschrijving: Spelletjes.\n"
                               + "    - naam: Opruimen\n      omschrijving: Na afloop.",
                               pad: "project.doorstroom")]) { ctx, m in
            let p = ctx.aanvraag.project
            if ProjectplanTekst.isSimpel(p) { return }
            if p.instroom == nil {
                m.meld("project.instroom", "De instroom is niet beschreven: \"hoe garandeer je dat mensen deel kunnen gaan "
                    + "nemen aan je project, hoe komen ze bij je binnen, via welke netwerken en activiteiten?\" Vul "
                    + "`project.instroom` in.")
            }
            if p.doorstroom == nil {
                m.meld("project.doorstroom", "De doorstroom is niet beschreven: \"als ze eenmaal bij je 'binnen' zijn, hoe "
                    + "hebben ze dan daadwerkelijk profijt van jouw activiteit?\" Vul `project.doorstroom` in.")
            }
        },

        Regel("eerst_ontlasten", .waarschuwing, onderdeel: "Projectplan",
              beschrijving: "Het plan springt niet meteen naar activeren: als elke activiteit `fase: activeren` heeft, "
                + "volgt een waarschuwing (\"Eerst ontlasten, dan empoweren, en vervolgens activeren\").",
              bron: "E6, L8278, L550",
              goed: [Voorbeeld("project:\n  activiteiten[1]:\n    fase: activeren\n  activiteiten[2]:\n    fase: activeren"),
                     Voorbeeld("project:\n  activiteiten[0]:\n    fase: ~\n  activiteiten[1]:\n    fase: activeren\n"
                               + "  activiteiten[2]:\n    fase: activeren"),
                     Voorbeeld("project:\n  activiteiten: ~")],
              fout: [Voorbeeld("project:\n  activiteiten[0]:\n    fase: activeren\n  activiteiten[1]:\n    fase: activeren\n"
                               + "  activiteiten[2]:\n    fase: activeren", pad: "project.activiteiten"),
                     Voorbeeld("project:\n  activiteiten:\n    - naam: Sollicitatietraining\n      omschrijving: Vijf lessen.\n"
                               + "      fase: activeren", pad: "project.activiteiten")]) { ctx, m in
            let activiteiten = ctx.aanvraag.project.activiteiten
            guard !activiteiten.isEmpty, activiteiten.allSatisfy({ $0.fase == .activeren }) else { return }
            m.meld("project.activiteiten", "Alle activiteiten zijn gericht op activeren. \"Eerst ontlasten, dan "
                + "empoweren, en vervolgens activeren\": eerst moeten hindernissen als schulden, een negatief zelfbeeld of "
                + "verslaving worden weggenomen, anders heeft het project \"geen kans van slagen\". Voeg een activiteit toe "
                + "die ontlast of empowert (en geef die `fase: ontlasten` of `fase: empoweren`), of leg uit waarom de "
                + "doelgroep daar al aan voorbij is.")
        },

        Regel("fase_per_activiteit", .tip, onderdeel: "Projectplan",
              beschrijving: "Elke activiteit zegt welke fase zij dient: ontlasten, empoweren of activeren.",
              bron: "E6, L8305",
              goed: [Voorbeeld("project:\n  activiteiten[2]:\n    fase: activeren")],
              fout: [Voorbeeld("project:\n  activiteiten[1]:\n    fase: ~", pad: "project.activiteiten[1].fase")]) { ctx, m in
            for (i, a) in ctx.aanvraag.project.activiteiten.enumerated() where a.fase == nil {
                m.meld("project.activiteiten[\(i)].fase", "Bij de activiteit \(ProjectplanTekst.naam(a, i)) staat niet welke "
                    + "fase zij dient. Denk aan het schema ontlasten-empoweren-activeren en vul `fase` in: ontlasten, "
                    + "empoweren of activeren.")
            }
        },

        Regel("afbakening", .tip, onderdeel: "Projectplan",
              beschrijving: "Meer dan 3 thema's of meer dan 6 activiteiten: breng het plan terug tot haalbare proporties "
                + "en overweeg een fasering (\"één werkveld kiezen\").",
              bron: "E8, E9, L7743, L8452",
              goed: [Voorbeeld("project:\n  thema: [emancipatie, opvoeding, participatie]\n  activiteiten:\n"
                               + ProjectplanTekst.activiteiten(6))],
              fout: [Voorbeeld("project:\n  thema[+]: armoede", pad: "project.thema"),
                     Voorbeeld("project:\n  activiteiten:\n" + ProjectplanTekst.activiteiten(7),
                               pad: "project.activiteiten")]) { ctx, m in
            let p = ctx.aanvraag.project
            let fasering = p.fasering == nil
                ? " Deel het project op in fases en beschrijf dat in `project.fasering`: dit plan is dan de eerste fase."
                : " Kijk of een deel ervan naar een volgende fase in `project.fasering` kan."
            if p.thema.count > 3 {
                m.meld("project.thema", "Het project heeft \(p.thema.count) thema's. Cursisten merkten \"dat het beter zou "
                    + "zijn om één werkveld te kiezen\": kies de twee of drie thema's die het project het best typeren."
                    + fasering)
            }
            if p.activiteiten.count > 6 {
                m.meld("project.activiteiten", "Het project heeft \(p.activiteiten.count) activiteiten. Dat is veel voor "
                    + "één aanvraag: breng het plan terug tot \"realistische dimensies\"." + fasering)
            }
        },
    ]
}

/// Text checks used only by the Projectplan rules.
enum ProjectplanTekst {
    /// "Inloopspreekuur", or "3" when the activity has no name.
    static func naam(_ a: Activiteit, _ i: Int) -> String { a.naam.map { "\"\($0)\"" } ?? "\(i + 1)" }

    /// A one-activity project of at most one day (L8346: "een eendaags kinderfestival"): the activity's own
    /// dates, or the project period where the activity has none, start and end on the same day.
    static func isSimpel(_ p: Project) -> Bool {
        guard p.activiteiten.count == 1, let a = p.activiteiten.first else { return false }
        guard let start = a.start ?? p.periode.start, let eind = a.eind ?? p.periode.eind else { return false }
        return start == eind
    }

    static let telwoordDelen = ["een", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
                                "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien",
                                "negentien", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig",
                                "negentig", "honderd", "duizend", "miljoen"]
    static let getalWoorden: Set<String> = ["procent", "helft", "kwart"]

    /// True for a Dutch cardinal: "twee", "vijftien", "vijfentwintig", "tweeëntwintig", "tweehonderd", but not the
    /// article "een", ordinals ("tweede") or words ending in "-en" ("vieren", "honderden").
    static func isTelwoord(_ woord: String) -> Bool {
        func getal(_ s: Substring) -> Bool {
            for deel in telwoordDelen where s.hasPrefix(deel) {
                let rest = s.dropFirst(deel.count)
                if rest.isEmpty || getal(rest) { return true }
                for en in ["en", "ën"] where rest.hasPrefix(en) {
                    let na = rest.dropFirst(en.count)
                    if !na.isEmpty && getal(na) { return true }
                }
            }
            return false
        }
        return woord != "een" && getal(Substring(woord))
    }

    /// A figure: an ASCII digit, a Dutch cardinal (not "een"), or "procent", "helft", "kwart".
    static func heeftGetal(_ s: String) -> Bool {
        if Hulp.heeftCijfer(s) { return true }
        return Hulp.woorden(s).contains { getalWoorden.contains($0) || isTelwoord($0) }
    }

    static let bronStammen = ["bron", "onderzoek", "rapport", "monitor", "statistiek", "enquête", "enquete", "peiling",
                              "publicatie", "volgens", "http", "www."]
    static let bronAfkortingen: Set<String> = ["cbs", "ggd", "scp", "rivm", "cpb", "wrr"]

    /// Names a source: a word like bron, onderzoek(sresultaten), rapport, monitor, volgens; an institute such as
    /// CBS or GGD; a page reference ("p. 15", "blz. 3"); a web address.
    static func noemtBron(_ s: String) -> Bool {
        let lower = s.lowercased()
        if bronStammen.contains(where: { lower.contains($0) }) { return true }
        if Hulp.woorden(lower).contains(where: { bronAfkortingen.contains($0) }) { return true }
        return lower.split(whereSeparator: \.isWhitespace).contains { raw in
            let t = raw.drop { $0 == "(" || $0 == "[" }
            return ["p.", "pp.", "blz.", "pag."].contains { t.hasPrefix($0) }
        }
    }

    /// `n` minimal activities as a YAML list (for examples).
    static func activiteiten(_ n: Int) -> String {
        (1...n).map { "    - naam: Activiteit \($0)\n      omschrijving: Omschrijving.\n" }.joined()
    }
}
