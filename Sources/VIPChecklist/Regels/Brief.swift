import VIPModel

extension Catalogus {
    static let brief: [Regel] = [
        Regel("bijlagen_wettelijk", .fout, onderdeel: "Brief en bijlagen",
              beschrijving: "Een stichting of vereniging voegt de statuten en een uittreksel van de KvK bij; een "
                + "organisatie die bij de datum van de brief meer dan een jaar bestaat ook het jaarverslag "
                + "(waarschuwing).",
              bron: "A1, A2, H8, L7958, L8607",
              goed: [Voorbeeld("organisatie:\n  rechtsvorm: informele-groep\n  kvk: ~\n  iban: ~\n  bestuur: ~\n"
                               + "bijlagen: [{titel: Offerte De Tagrijn, soort: offerte}, {titel: Offerte boekhandel, "
                               + "soort: offerte}, {titel: Offerte drukkerij, soort: offerte}]\n"
                               + "brief:\n  ondertekening: [{naam: Naima El Amrani, functie: coördinator}]"),
                     Voorbeeld("organisatie:\n  opgericht: 2010-06-15")],
              fout: [Voorbeeld("bijlagen[0]:\n  soort: overig", pad: "bijlagen"),
                     Voorbeeld("bijlagen[1]:\n  soort: overig", pad: "bijlagen"),
                     Voorbeeld("organisatie:\n  opgericht: 2010-06-14", pad: "bijlagen", ernst: .waarschuwing)]) { ctx, m in
            let a = ctx.aanvraag
            guard a.organisatie.isRechtspersoon else { return }
            let soorten = Set(a.bijlagen.compactMap(\.soort))
            let vorm = a.organisatie.rechtsvorm ?? "organisatie"
            if !soorten.contains(.statuten) {
                m.meld("bijlagen", "De statuten ontbreken in de bijlagen. Een fonds vraagt van een \(vorm) altijd "
                    + "\"het jaarverslag, een uittreksel van de Kamer van Koophandel en de statuten\". Voeg een bijlage "
                    + "toe met `soort: statuten`.")
            }
            if !soorten.contains(.kvkUittreksel) {
                m.meld("bijlagen", "Het uittreksel van de Kamer van Koophandel ontbreekt in de bijlagen. Vraag een "
                    + "recent uittreksel op bij de KvK en voeg een bijlage toe met `soort: kvk-uittreksel`.")
            }
            if !soorten.contains(.jaarverslag), let opgericht = a.organisatie.opgericht, let datum = a.brief.datum,
               let jaarLater = Datum(jaar: opgericht.jaar + 1, maand: opgericht.maand,
                                     dag: min(opgericht.dag, opgericht.maand == 2 ? 28 : opgericht.dag)),
               jaarLater < datum {
                m.meld("bijlagen", "De organisatie bestaat sinds \(opgericht) meer dan een jaar; fondsen vragen dan ook "
                    + "het jaarverslag. Voeg een bijlage toe met `soort: jaarverslag`.", ernst: .waarschuwing)
            }
        },

        Regel("bijlage_dubbel", .fout, onderdeel: "Brief en bijlagen",
              beschrijving: "Elk bestand staat maar bij één bijlage: een bestand dat twee keer wordt genoemd, gaat toch "
                + "maar één keer mee in het pakket, en het fonds mist dan wat u bedoelde.",
              bron: "server.md (Files: bijlagen and logo), L8607",
              goed: [Voorbeeld("bijlagen[0]:\n  bestand: statuten.pdf\nbijlagen[1]:\n  bestand: kvk.pdf"),
                     Voorbeeld("bijlagen[0]:\n  bestand: statuten.pdf")],
              fout: [Voorbeeld("bijlagen[0]:\n  bestand: statuten.pdf\nbijlagen[2]:\n  bestand: statuten.pdf",
                               pad: "bijlagen[2].bestand"),
                     Voorbeeld("bijlagen[0]:\n  bestand: stukken/offerte.pdf\nbijlagen[1]:\n  bestand: stukken/offerte.pdf",
                               pad: "bijlagen[1].bestand")]) { ctx, m in
            var eerste: [String: Int] = [:]
            for (i, b) in ctx.aanvraag.bijlagen.enumerated() {
                guard let bestand = b.bestand else { continue }
                if let j = eerste[bestand] {
                    m.meld("bijlagen[\(i)].bestand", "Het bestand \(bestand) staat al bij bijlage \(j + 1) "
                        + "(\(ctx.aanvraag.bijlagen[j].titel ?? "zonder titel")). Een bestand gaat één keer mee in het pakket: "
                        + "kies voor deze bijlage het goede bestand, of haal de dubbele bijlage weg.")
                } else {
                    eerste[bestand] = i
                }
            }
        },

        Regel("andere_organisatie", .fout, onderdeel: "Brief en bijlagen",
              beschrijving: "Een bijlage van een andere organisatie dan de aanvrager heeft een toelichting die zegt "
                + "waarom, en hoe de organisaties zich tot elkaar verhouden.",
              bron: "C12, L8831",
              goed: [Voorbeeld("bijlagen[0]:\n  organisatie: stichting steunpilaar"),
                     Voorbeeld("bijlagen[0]:\n  organisatie: Stichting Welzijn West\n  toelichting: Steunpilaar valt "
                               + "onder de paraplu van Welzijn West.")],
              fout: [Voorbeeld("bijlagen[0]:\n  organisatie: Stichting Welzijn West", pad: "bijlagen[0].toelichting")]) { ctx, m in
            let a = ctx.aanvraag
            let eigen = a.organisatie.naam.map(Hulp.persoon)
            for (i, b) in a.bijlagen.enumerated() {
                guard let org = b.organisatie, Hulp.persoon(org) != eigen, b.toelichting == nil else { continue }
                m.meld("bijlagen[\(i)].toelichting", "De bijlage \(b.titel ?? "") is van \(org), niet van "
                    + "\(a.organisatie.naam ?? "de aanvrager"). \"Vermeld duidelijk waarom en hoe de organisaties zich tot "
                    + "elkaar verhouden\": schrijf dat in `toelichting`.")
            }
        },

        Regel("ondertekening", .waarschuwing, onderdeel: "Brief en bijlagen",
              beschrijving: "De brief wordt ondertekend door minstens één persoon; wie ondertekent en geen bestuurslid is, "
                + "krijgt een tip.",
              bron: "C, H",
              goed: [Voorbeeld("organisatie:\n  rechtsvorm: informele-groep\n  kvk: ~\n  iban: ~\n  bestuur: ~\n"
                               + "brief:\n  ondertekening: [{naam: Naima El Amrani, functie: coördinator}]")],
              fout: [Voorbeeld("brief:\n  ondertekening: ~", pad: "brief.ondertekening"),
                     Voorbeeld("brief:\n  ondertekening: [{naam: Naima El Amrani, functie: coördinator}]",
                               pad: "brief.ondertekening[0].naam", ernst: .tip)]) { ctx, m in
            let a = ctx.aanvraag
            let namen = a.brief.ondertekening.compactMap(\.naam)
            if namen.isEmpty {
                m.meld("brief.ondertekening", "Niemand ondertekent de brief. Laat de brief ondertekenen door een of twee "
                    + "bestuursleden, bijvoorbeeld de voorzitter; noem hen onder `brief.ondertekening`.")
                return
            }
            let bestuur = Set(a.organisatie.bestuur.compactMap(\.naam).map(Hulp.persoon))
            guard !bestuur.isEmpty else { return }
            for (i, o) in a.brief.ondertekening.enumerated() {
                if let naam = o.naam, !bestuur.contains(Hulp.persoon(naam)) {
                    m.meld("brief.ondertekening[\(i)].naam", "\(naam) ondertekent de brief maar staat niet in het bestuur. "
                        + "Een fonds verwacht de handtekening van een bestuurslid, dat namens de organisatie tekent.",
                           ernst: .tip)
                }
            }
        },

        Regel("brief_lengte", .waarschuwing, onderdeel: "Brief en bijlagen",
              beschrijving: "De brief zoals vip die maakt is \"ongeveer twee A4\": tussen 1,5 en 2,5 bladzijden. De "
                + "schatting van het aantal bladzijden is geijkt op brieven die LibreOffice echt heeft opgemaakt.",
              bron: "C13, L8841",
              // A refused fund gets no letter: however long its letter would be, it does not count.
              goed: [Voorbeeld("fondsen[+]:\n  naam: Fonds Nee\n  aanhef: "
                                + String(repeating: "Geachte leden van het bestuur van het fonds, ", count: 200)
                                + "\ndekkingsplan[+]:\n  fonds: Fonds Nee\n  bedrag: 100\n  status: afgewezen")],
              fout: [Voorbeeld("brief:\n  slot: " + String(repeating: "Wij danken u hartelijk voor uw aandacht. ", count: 200),
                               pad: "brief"),
                     Voorbeeld("fondsen[+]:\n  naam: Fonds Ja\n  aanhef: "
                                + String(repeating: "Geachte leden van het bestuur van het fonds, ", count: 200)
                                + "\ndekkingsplan[+]:\n  fonds: Fonds Ja\n  bedrag: 100\n  status: aangevraagd",
                               pad: "brief")]) { ctx, m in
            let a = ctx.aanvraag
            guard let paginas = ctx.briefPaginas, !a.fondsen.isEmpty else { return }
            // All letters share the text but the fund's part; the longest decides.
            let schattingen = a.brieffondsen.map { paginas(a, $0) }
            guard let langste = schattingen.max(), let kortste = schattingen.min() else { return }
            func pagina(_ p: Double) -> String {
                let tienden = Int((p * 10).rounded())
                return "\(tienden / 10),\(tienden % 10)"
            }
            if langste > 2.5 {
                m.meld("brief", "De brief wordt ongeveer \(pagina(langste)) bladzijden lang. \"De brief moet niet te lang en "
                    + "niet te kort zijn; ongeveer twee A4 is goed.\" Kort de samenvatting, de aanleiding of uw eigen "
                    + "inleiding en slot in; de details staan in het projectplan.")
            } else if kortste < 1.5 {
                m.meld("brief", "De brief wordt maar ongeveer \(pagina(kortste)) bladzijde lang. \"De brief moet niet te lang "
                    + "en niet te kort zijn; ongeveer twee A4 is goed.\" Vertel meer over de achtergrond van de problematiek "
                    + "en over het project, zo concreet mogelijk.")
            }
        },

        Regel("spelling", .waarschuwing, onderdeel: "Brief en bijlagen",
              beschrijving: "Alle lopende tekst gaat door een Nederlandse spellingcontrole (hunspell met het "
                + "nl-woordenboek). Namen die elders in de aanvraag staan, getallen, e-mailadressen, webadressen en de "
                + "woorden in `woordenlijst` tellen niet als fout; samenstellingen met een streepje worden per deel "
                + "gecontroleerd.",
              bron: "C14, E20, L8844, L9203",
              goed: [Voorbeeld("project:\n  vervolg: Zie www.steunpilaar.example of mail naima@steunpilaar.example, "
                               + "of bel 06-12345678 voor de 2e fase."),
                     Voorbeeld("woordenlijst: [vadergroepen, koffiedrinkers]\nproject:\n  vervolg: Koffiedrinkers zijn welkom."),
                     Voorbeeld("project:\n  vervolg: Samen met Fatima Bouzid en de Tagrijn, in Pieter Calandlaan.")],
              fout: [Voorbeeld("project:\n  vervolg: Wij zoeken een vaste ruimte en strukturele samenwerking.",
                               pad: "project.vervolg"),
                     Voorbeeld("project:\n  resultaten[0]:\n    waarom: Een tweede bezoek laat zien dat er vertrouwen is "
                               + "onstaan.", pad: "project.resultaten[0].waarom")]) { ctx, m in
            guard let spelling = ctx.spelling else { return }
            Spellingcontrole(aanvraag: ctx.aanvraag, spelling: spelling).run(&m)
        },

        Regel("gecorrigeerd", .tip, onderdeel: "Brief en bijlagen",
              beschrijving: "`brief.gecorrigeerd_door` is leeg: laat de brief corrigeren door iemand die goed Nederlands spreekt.",
              bron: "C14, L8844",
              fout: [Voorbeeld("brief:\n  gecorrigeerd_door: ~", pad: "brief.gecorrigeerd_door")]) { ctx, m in
            if ctx.aanvraag.brief.gecorrigeerdDoor == nil {
                m.meld("brief.gecorrigeerd_door", "\"Laat de brief altijd door iemand die goed Nederlands spreekt "
                    + "corrigeren.\" Vul daarna in wie dat gedaan heeft (`brief.gecorrigeerd_door`).")
            }
        },
    ]
}
