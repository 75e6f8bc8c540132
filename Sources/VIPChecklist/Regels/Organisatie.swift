import VIPModel

extension Catalogus {
    static let organisatie: [Regel] = [
        Regel("verplichte_velden", .fout, onderdeel: "Organisatie",
              beschrijving: "Elk verplicht veld dat geen eigen regel heeft is ingevuld: de naam van de organisatie, "
                + "de projecttitel, en in elke lijst de velden die een onderdeel benoemen (naam van een fonds, post "
                + "en categorie van een begrotingspost, bron en soort of fonds en status in het dekkingsplan, titel en "
                + "soort van een bijlage, naam en rol van een partner, …), en straat, postcode en plaats van elk adres.",
              bron: "A1, A6",
              goed: [Voorbeeld("organisatie:\n  adres: ~")],
              fout: [
                Voorbeeld("organisatie:\n  naam: ~", pad: "organisatie.naam"),
                Voorbeeld("project:\n  titel: \"\"", pad: "project.titel"),
                Voorbeeld("begroting:\n  posten[1]:\n    categorie: ~", pad: "begroting.posten[1].categorie"),
                Voorbeeld("dekkingsplan[0]:\n  soort: ~", pad: "dekkingsplan[0].soort"),
                Voorbeeld("dekkingsplan[3]:\n  status: ~", pad: "dekkingsplan[3].status"),
                Voorbeeld("fondsen[1]:\n  adres:\n    postcode: ~", pad: "fondsen[1].adres.postcode"),
                Voorbeeld("bijlagen[+]:\n  titel: Jaarrekening", pad: "bijlagen[5].soort"),
                Voorbeeld("project:\n  partners[0]:\n    rol: ~", pad: "project.partners[0].rol"),
                Voorbeeld("brief:\n  ondertekening[0]:\n    functie: ~", pad: "brief.ondertekening[0].functie"),
                Voorbeeld("project:\n  resultaten[+]:\n    waarom: Omdat het kan.", pad: "project.resultaten[3].resultaat"),
              ]) { ctx, m in
            VerplichteVelden.controleer(ctx.inhoud ?? ctx.aanvraag.inhoud, tabel: .aanvraag, &m)
        },

        Regel("doelstelling_organisatie", .fout, onderdeel: "Organisatie",
              beschrijving: "De doelstelling van de organisatie (uit de statuten) is ingevuld.",
              bron: "A6.1, L8620",
              fout: [Voorbeeld("organisatie:\n  doelstelling: ~", pad: "organisatie.doelstelling")]) { ctx, m in
            if ctx.aanvraag.organisatie.doelstelling == nil {
                m.meld("organisatie.doelstelling", "De doelstelling van de organisatie ontbreekt. \"Wat is de doelstelling "
                    + "van de organisatie?\" is het eerste onderdeel van het projectplan; neem de doelstelling uit de statuten over.")
            }
        },

        Regel("rechtsvorm", .fout, onderdeel: "Organisatie",
              beschrijving: "De rechtsvorm is stichting, vereniging, stichting-in-oprichting of informele-groep.",
              bron: "L7691, L9088",
              goed: [Voorbeeld("organisatie:\n  rechtsvorm: informele-groep")],
              fout: [Voorbeeld("organisatie:\n  rechtsvorm: ~", pad: "organisatie.rechtsvorm"),
                     Voorbeeld("organisatie:\n  rechtsvorm: bv", pad: "organisatie.rechtsvorm")]) { ctx, m in
            let toegestaan = ["stichting", "vereniging", "stichting-in-oprichting", "informele-groep"]
            guard let r = ctx.aanvraag.organisatie.rechtsvorm else {
                m.meld("organisatie.rechtsvorm", "De rechtsvorm ontbreekt. Kies uit: " + toegestaan.joined(separator: ", ")
                    + ". Fondsen geven alleen geld aan stichtingen en verenigingen, of via een organisatie die dat is.")
                return
            }
            if !toegestaan.contains(r) {
                var melding = "De rechtsvorm `\(r)` kent vip niet"
                if let guess = Suggest.closest(to: r.lowercased(), in: toegestaan) { melding += "; bedoelde u `\(guess)`?" }
                m.meld("organisatie.rechtsvorm", melding + " Kies uit: " + toegestaan.joined(separator: ", ") + ".")
            }
        },

        Regel("kvk_nummer", .fout, onderdeel: "Organisatie",
              beschrijving: "Een stichting of vereniging noemt haar KvK-nummer: precies 8 cijfers (spaties mogen).",
              bron: "L7958",
              goed: [Voorbeeld("organisatie:\n  kvk: 5301 2345"),
                     Voorbeeld("organisatie:\n  rechtsvorm: informele-groep\n  kvk: ~\n  iban: ~\n  bestuur: ~\n"
                               + "  rsin: ~\n  anbi: ~")],
              fout: [Voorbeeld("organisatie:\n  kvk: ~", pad: "organisatie.kvk"),
                     Voorbeeld("organisatie:\n  kvk: \"5301234\"", pad: "organisatie.kvk")]) { ctx, m in
            let o = ctx.aanvraag.organisatie
            if let kvk = o.kvk {
                let digits = kvk.filter { !$0.isWhitespace }
                if digits.count != 8 || !digits.allSatisfy(\.isASCIIDigitChar) {
                    m.meld("organisatie.kvk", "Het KvK-nummer \(kvk) is niet geldig: een KvK-nummer bestaat uit precies 8 cijfers.")
                }
            } else if o.isRechtspersoon {
                m.meld("organisatie.kvk", "Het KvK-nummer ontbreekt. Een \(o.rechtsvorm ?? "") staat ingeschreven bij de "
                    + "Kamer van Koophandel; fondsen vragen het nummer en een uittreksel.")
            }
        },

        Regel("iban", .fout, onderdeel: "Organisatie",
              beschrijving: "Een stichting of vereniging noemt haar IBAN; elk opgegeven IBAN klopt (controlegetal "
                + "volgens ISO 13616 en de juiste lengte voor het land, NL: 18 tekens).",
              bron: "praktijk",
              goed: [Voorbeeld("organisatie:\n  iban: NL91 ABNA 0417 1643 00")],
              fout: [Voorbeeld("organisatie:\n  iban: ~", pad: "organisatie.iban"),
                     Voorbeeld("organisatie:\n  iban: NL92ABNA0417164300", pad: "organisatie.iban"),
                     Voorbeeld("organisatie:\n  iban: NL91ABNA041716430", pad: "organisatie.iban")]) { ctx, m in
            let o = ctx.aanvraag.organisatie
            if let iban = o.iban {
                if !Hulp.ibanGeldig(iban) {
                    m.meld("organisatie.iban", "Het IBAN \(iban) klopt niet (controlegetal of lengte; een Nederlands IBAN "
                        + "heeft 18 tekens, zoals NL91 ABNA 0417 1643 00). Neem het over van een bankafschrift.")
                }
            } else if o.isRechtspersoon {
                m.meld("organisatie.iban", "Het IBAN ontbreekt. Een fonds maakt het geld over naar de rekening van de "
                    + "organisatie; vul `organisatie.iban` in.")
            }
        },

        Regel("rsin", .fout, onderdeel: "Organisatie",
              beschrijving: "Een opgegeven RSIN bestaat uit 9 cijfers en voldoet aan de elfproef; `anbi: true` "
                + "zonder RSIN is een waarschuwing.",
              bron: "praktijk",
              goed: [Voorbeeld("organisatie:\n  rsin: ~\n  anbi: false")],
              fout: [Voorbeeld("organisatie:\n  rsin: \"850123459\"", pad: "organisatie.rsin"),
                     Voorbeeld("organisatie:\n  rsin: \"85012345\"", pad: "organisatie.rsin"),
                     Voorbeeld("organisatie:\n  rsin: ~", pad: "organisatie.anbi", ernst: .waarschuwing)]) { ctx, m in
            let o = ctx.aanvraag.organisatie
            if let rsin = o.rsin {
                let digits = Hulp.alleenCijfers(rsin)
                if !Hulp.elfproef(digits) {
                    m.meld("organisatie.rsin", "Het RSIN \(rsin) is niet geldig: het bestaat uit 9 cijfers en moet voldoen "
                        + "aan de elfproef. Het staat op het uittreksel van de KvK.")
                }
            } else if o.anbi == true {
                m.meld("organisatie.anbi", "De organisatie is een ANBI, maar het RSIN ontbreekt. Fondsen controleren de "
                    + "ANBI-status met het RSIN; vul `organisatie.rsin` in.", ernst: .waarschuwing)
            }
        },

        Regel("postcode", .fout, onderdeel: "Organisatie",
              beschrijving: "Een opgegeven postcode heeft de vorm 1234 AB (1234ab wordt vanzelf 1234 AB).",
              bron: "praktijk",
              goed: [Voorbeeld("organisatie:\n  adres:\n    postcode: 1065kh")],
              fout: [Voorbeeld("organisatie:\n  adres:\n    postcode: \"106 KH\"", pad: "organisatie.adres.postcode"),
                     Voorbeeld("fondsen[0]:\n  adres:\n    postcode: \"0123 AB\"", pad: "fondsen[0].adres.postcode")]) { ctx, m in
            let a = ctx.aanvraag
            var adressen: [(String, Adres?)] = [("organisatie.adres", a.organisatie.adres)]
            for (i, f) in a.fondsen.enumerated() { adressen.append(("fondsen[\(i)].adres", f.adres)) }
            for (pad, adres) in adressen {
                if let pc = adres?.postcode, !Postcode.isValid(pc) {
                    m.meld("\(pad).postcode", "De postcode \(pc) heeft niet de vorm 1234 AB (vier cijfers, niet met 0 "
                        + "beginnend, een spatie en twee letters).")
                }
            }
        },

        Regel("contactpersoon", .fout, onderdeel: "Organisatie",
              beschrijving: "De contactpersoon heeft naam, functie, wanneer bereikbaar, en een telefoonnummer of e-mailadres.",
              bron: "C6, L8815",
              goed: [Voorbeeld("organisatie:\n  contactpersoon:\n    telefoon: ~")],
              fout: [Voorbeeld("organisatie:\n  contactpersoon: ~", pad: "organisatie.contactpersoon"),
                     Voorbeeld("organisatie:\n  contactpersoon:\n    bereikbaar: ~", pad: "organisatie.contactpersoon.bereikbaar"),
                     Voorbeeld("organisatie:\n  contactpersoon:\n    telefoon: ~\n    email: ~",
                               pad: "organisatie.contactpersoon.telefoon")]) { ctx, m in
            guard let c = ctx.aanvraag.organisatie.contactpersoon else {
                m.meld("organisatie.contactpersoon", "Er is geen contactpersoon. \"Maak de functie van de contactpersoon "
                    + "duidelijk, laat weten wanneer die bereikbaar is en hoe.\" Vul naam, functie, telefoon of e-mail en "
                    + "bereikbaarheid in.")
                return
            }
            let pad = "organisatie.contactpersoon"
            if c.naam == nil { m.meld("\(pad).naam", "De naam van de contactpersoon ontbreekt.") }
            if c.functie == nil {
                m.meld("\(pad).functie", "De functie van de contactpersoon ontbreekt: \"Maak de functie van de contactpersoon duidelijk.\"")
            }
            if c.bereikbaar == nil {
                m.meld("\(pad).bereikbaar", "Vermeld wanneer de contactpersoon bereikbaar is, bijvoorbeeld "
                    + "\"dinsdag en donderdag van 9.00 tot 12.00 uur\".")
            }
            if c.telefoon == nil && c.email == nil {
                m.meld("\(pad).telefoon", "De contactpersoon heeft geen telefoonnummer en geen e-mailadres; een fonds moet "
                    + "weten hoe de contactpersoon bereikbaar is. Vul er minstens één in.")
            }
        },

        Regel("contactgegevens", .fout, onderdeel: "Organisatie",
              beschrijving: "Een opgegeven e-mailadres is geldig; een opgegeven telefoonnummer is een Nederlands nummer "
                + "(10 cijfers, of +31 met 9 cijfers).",
              bron: "D13, L8938",
              goed: [Voorbeeld("organisatie:\n  contactpersoon:\n    telefoon: \"+31 6 12345678\""),
                     Voorbeeld("organisatie:\n  contactpersoon:\n    telefoon: 020-6123456")],
              fout: [Voorbeeld("organisatie:\n  contactpersoon:\n    email: naima@steunpilaar",
                               pad: "organisatie.contactpersoon.email"),
                     Voorbeeld("organisatie:\n  contactpersoon:\n    telefoon: \"06 1234567\"",
                               pad: "organisatie.contactpersoon.telefoon")]) { ctx, m in
            guard let c = ctx.aanvraag.organisatie.contactpersoon else { return }
            if let e = c.email, !Hulp.emailGeldig(e) {
                m.meld("organisatie.contactpersoon.email", "Het e-mailadres \(e) is niet geldig (zoals naam@organisatie.nl).")
            }
            if let t = c.telefoon, !Hulp.telefoonGeldig(t) {
                m.meld("organisatie.contactpersoon.telefoon", "Het telefoonnummer \(t) is geen Nederlands nummer: "
                    + "10 cijfers (zoals 06 12345678 of 020 6123456), of +31 gevolgd door 9 cijfers.")
            }
        },

        Regel("bestuur", .fout, onderdeel: "Organisatie",
              beschrijving: "Een stichting of vereniging noemt minstens één bestuurslid met naam en functie.",
              bron: "H7, L9088",
              fout: [Voorbeeld("organisatie:\n  bestuur: ~", pad: "organisatie.bestuur"),
                     Voorbeeld("organisatie:\n  bestuur:\n    - naam: Fatima Bouzid", pad: "organisatie.bestuur")]) { ctx, m in
            let o = ctx.aanvraag.organisatie
            guard o.isRechtspersoon else { return }
            if !o.bestuur.contains(where: { $0.naam != nil && $0.functie != nil }) {
                m.meld("organisatie.bestuur", "Noem het bestuur van de \(o.rechtsvorm ?? "organisatie"): minstens één "
                    + "bestuurslid met naam en functie (voorzitter, secretaris, penningmeester).")
            }
        },

        Regel("bestuur_en_uitvoering", .waarschuwing, onderdeel: "Organisatie",
              beschrijving: "De projectleider of een uitvoerder van een activiteit is niet ook bestuurslid: \"Houd bestuur "
                + "en uitvoering van de activiteiten gescheiden\".",
              bron: "H1, L9104",
              fout: [Voorbeeld("project:\n  projectleider: Fatima Bouzid", pad: "project.projectleider"),
                     Voorbeeld("project:\n  activiteiten[1]:\n    uitvoerders: [Hasan Yilmaz]",
                               pad: "project.activiteiten[1].uitvoerders[0]")]) { ctx, m in
            let a = ctx.aanvraag
            let bestuur = Set(a.organisatie.bestuur.compactMap(\.naam).map(Hulp.persoon))
            guard !bestuur.isEmpty else { return }
            let advies = "\"Houd bestuur en uitvoering van de activiteiten gescheiden.\" Een fonds wil zien dat het "
                + "bestuur toezicht houdt op wie het werk doet."
            if let pl = a.project.projectleider, bestuur.contains(Hulp.persoon(pl)) {
                m.meld("project.projectleider", "De projectleider \(pl) is ook bestuurslid. " + advies)
            }
            for (i, act) in a.project.activiteiten.enumerated() {
                for (j, u) in act.uitvoerders.enumerated() where bestuur.contains(Hulp.persoon(u)) {
                    m.meld("project.activiteiten[\(i)].uitvoerders[\(j)]",
                           "\(u) voert de activiteit \(act.naam ?? "") uit en is ook bestuurslid. " + advies)
                }
            }
        },

        Regel("familie_in_bestuur", .tip, onderdeel: "Organisatie",
              beschrijving: "Twee bestuursleden hebben dezelfde achternaam (tussenvoegsels niet meegerekend): bevestig "
                + "dat zij geen familie zijn.",
              bron: "H2, L9113",
              goed: [Voorbeeld("organisatie:\n  bestuur[1]:\n    naam: Joyce van Bouzidi")],
              fout: [Voorbeeld("organisatie:\n  bestuur[2]:\n    naam: Karim el Bouzid", pad: "organisatie.bestuur[2].naam")]) { ctx, m in
            var seen: [String: String] = [:]
            for (i, p) in ctx.aanvraag.organisatie.bestuur.enumerated() {
                guard let naam = p.naam, let achternaam = Hulp.achternaam(naam) else { continue }
                if let eerder = seen[achternaam] {
                    m.meld("organisatie.bestuur[\(i)].naam", "\(naam) en \(eerder) hebben dezelfde achternaam. Fondsen "
                        + "willen geen familieleden samen in het bestuur; bevestig in de aanvraag dat zij geen familie zijn.")
                } else {
                    seen[achternaam] = naam
                }
            }
        },
    ]
}
