import VIPModel

/// After the fund decides (na-het-besluit.md): the dekking after the decisions, the bedankbrief,
/// the verantwoording and the realisatie. "Stuur nadat de aanvraag is toegewezen een bedankbrief
/// en stuur later een verslag over het project" (L8999–9008); funds "knappen af" on projects
/// that send neither (L8954–8961); "het bedrag dat zij schenken" must be spent "aan het in de
/// brief genoemde doel" (L9009–9016).
extension Catalogus {
    static let naHetBesluit: [Regel] = [
        Regel("dekking_na_besluit", .waarschuwing, onderdeel: "Na het besluit",
              beschrijving: "Een fonds gaf minder dan gevraagd (`toegezegd_bedrag`), en daardoor sluit het dekkingsplan "
                + "niet meer: de dekking met de toegezegde bedragen is lager dan de begroting, en het tekort is niet "
                + "groter dan wat fondsen minder gaven (anders is het een fout van `dekking_sluitend`).",
              bron: "A1, B11, L9083",
              goed: [Voorbeeld("dekkingsplan[3]:\n  status: toegezegd\n  toegezegd_bedrag: 2500"),
                     Voorbeeld("dekkingsplan[3]:\n  status: toegezegd\n  toegezegd_bedrag: 2000\n"
                               + "dekkingsplan[+]:\n  bron: Wijkfonds Slotervaart\n  soort: overig\n  bedrag: 500\n"
                               + "  status: toegezegd")],
              fout: [Voorbeeld("dekkingsplan[3]:\n  status: toegezegd\n  toegezegd_bedrag: 2000", pad: "dekkingsplan"),
                     Voorbeeld("dekkingsplan[5]:\n  status: toegezegd\n  toegezegd_bedrag: 250", pad: "dekkingsplan")]) { ctx, m in
            let a = ctx.aanvraag
            guard let begroting = Hulp.begrotingTotaal(a.begroting) else { return }
            let minder = a.dekkingsplan.filter { $0.telt && $0.minderDanGevraagd != nil }
            let dekking = a.dekkingsplan.totaal
            guard !minder.isEmpty, dekking < begroting, begroting - dekking <= a.dekkingsplan.minderDanGevraagd else { return }
            let wie = Hulp.opsomming(minder.map { d in
                "\(d.naam) gaf \(d.geteldBedrag!.formatted()) in plaats van \(d.bedrag!.formatted())"
            })
            m.meld("dekkingsplan", "Het dekkingsplan sluit niet meer: \(wie). Er is nu een tekort van "
                + "\((begroting - dekking).formatted()): de dekking komt op \(dekking.formatted()), de begroting op "
                + "\(begroting.formatted()). \"Zoek zelf andere fondsen\": zoek het verschil bij een ander fonds, een "
                + "sponsor of uw eigen middelen, of maak het project kleiner, en laat het fonds weten wat u doet.")
        },

        Regel("bedankbrief", .tip, onderdeel: "Na het besluit",
              beschrijving: "Een fonds heeft toegezegd (`besluit_op`), het is meer dan 14 dagen later (`--datum`, of "
                + "vandaag) en er staat nog geen `bedankt_op`: \"Stuur nadat de aanvraag is toegewezen een "
                + "bedankbrief\". `vip build` maakt de brief (`bedankbrief-<fonds>`).",
              bron: "L8999–9008, L8954",
              goed: [Voorbeeld("dekkingsplan[3]:\n  status: toegezegd\n  besluit_op: 2011-04-01\n  bedankt_op: 2011-04-08"),
                     Voorbeeld("dekkingsplan[3]:\n  status: toegezegd\n  besluit_op: 2011-04-17"),
                     Voorbeeld("dekkingsplan[3]:\n  status: afgewezen\n  besluit_op: 2011-03-01")],
              fout: [Voorbeeld("dekkingsplan[3]:\n  status: toegezegd\n  besluit_op: 2011-04-16",
                               pad: "dekkingsplan[3].besluit_op")]) { ctx, m in
            guard let vandaag = ctx.datum else { return }
            for (i, d) in ctx.aanvraag.dekkingsplan.enumerated()
            where d.fonds != nil && d.status == .toegezegd && d.bedanktOp == nil {
                guard let besluit = d.besluitOp, vandaag.dayNumber - besluit.dayNumber > 14 else { continue }
                m.meld("dekkingsplan[\(i)].besluit_op", "\(d.naam) heeft op \(besluit) toegezegd en u hebt nog geen "
                    + "bedankbrief gestuurd. \"Stuur nadat de aanvraag is toegewezen een bedankbrief en stuur later een "
                    + "verslag over het project. Dat vinden fondsen erg belangrijk.\" `vip build` maakt de brief; zet "
                    + "daarna bij dit fonds `bedankt_op:` met de datum waarop u hem verstuurde.")
            }
        },

        Regel("verantwoording_termijn", .waarschuwing, onderdeel: "Na het besluit",
              beschrijving: "De verantwoording aan een fonds moet binnen 30 dagen binnen zijn (`verantwoording_voor`, "
                + "gerekend vanaf `--datum` of vandaag; ook als de datum al voorbij is) en de aanvraag heeft nog geen "
                + "`realisatie`: fondsen \"knappen af\" op projecten die geen verantwoording afleggen.",
              bron: "L8954–8961, L8999–9008",
              goed: [Voorbeeld("dekkingsplan[3]:\n  status: toegezegd\n  verantwoording_voor: 2011-06-01"),
                     Voorbeeld("dekkingsplan[3]:\n  status: toegezegd\n  verantwoording_voor: 2011-05-20\n"
                               + "realisatie:\n  peildatum: 2011-05-01\n  verslag:\n    goed: Veel vaders kwamen terug.")],
              fout: [Voorbeeld("dekkingsplan[3]:\n  status: toegezegd\n  verantwoording_voor: 2011-05-31",
                               pad: "dekkingsplan[3].verantwoording_voor"),
                     Voorbeeld("dekkingsplan[4]:\n  status: toegezegd\n  verantwoording_voor: 2011-04-01",
                               pad: "dekkingsplan[4].verantwoording_voor")]) { ctx, m in
            guard let vandaag = ctx.datum, ctx.aanvraag.gerealiseerd == nil else { return }
            for (i, d) in ctx.aanvraag.dekkingsplan.enumerated() where d.status == .toegezegd {
                guard let termijn = d.verantwoordingVoor, termijn.dayNumber - vandaag.dayNumber <= 30 else { continue }
                let wanneer = termijn < vandaag ? "had op \(termijn) binnen moeten zijn" : "moet op \(termijn) binnen zijn"
                m.meld("dekkingsplan[\(i)].verantwoording_voor", "De verantwoording aan \(d.naam) \(wanneer), en er is "
                    + "nog geen `realisatie`. Fondsen \"knappen af\" op projecten die \"geen verantwoording afleggen\". "
                    + "Vul `realisatie` in (werkelijke kosten, ontvangen bedragen, bereikte resultaten, verslag); "
                    + "`vip build` maakt dan de verantwoording. Lukt het niet op tijd, bel het fonds.")
            }
        },

        Regel("realisatie_post", .fout, onderdeel: "Na het besluit",
              beschrijving: "Elke post in `realisatie.posten` noemt een post van de begroting, met precies dezelfde naam: "
                + "\"Fondsen vinden het zeer belangrijk dat het bedrag dat zij schenken ook daadwerkelijk wordt "
                + "besteed aan het in de brief genoemde doel\". Kosten buiten de begroting staan onder "
                + "`realisatie.extra`.",
              bron: "L9009–9016",
              goed: [Voorbeeld("realisatie:\n  posten:\n    - post: Huur spreekkamer De Tagrijn\n      werkelijk: 1000")],
              fout: [Voorbeeld("realisatie:\n  posten:\n    - post: Huur spreekkamer\n      werkelijk: 1000",
                               pad: "realisatie.posten[0].post"),
                     Voorbeeld("realisatie:\n  posten:\n    - post: Huur spreekkamer De Tagrijn\n      werkelijk: 900\n"
                               + "    - post: Huur spreekkamer De Tagrijn\n      werkelijk: 100",
                               pad: "realisatie.posten[1].post")]) { ctx, m in
            guard let r = ctx.aanvraag.realisatie else { return }
            let namen = ctx.aanvraag.begroting.posten.compactMap(\.post)
            var gezien = Set<String>()
            for (i, p) in r.posten.enumerated() {
                guard let naam = p.post else { continue }
                let pad = "realisatie.posten[\(i)].post"
                guard namen.contains(naam) else {
                    var melding = "De post \"\(naam)\" staat niet in de begroting."
                    if let gok = Suggest.closest(to: naam, in: namen) { melding += " Bedoelde u \"\(gok)\"?" }
                    m.meld(pad, melding + " Noem in `realisatie.posten` elke begrotingspost met precies dezelfde naam: "
                        + "\"Fondsen vinden het zeer belangrijk dat het bedrag dat zij schenken ook daadwerkelijk wordt "
                        + "besteed aan het in de brief genoemde doel.\" Kosten die niet begroot waren horen onder "
                        + "`realisatie.extra`, met een toelichting.")
                    continue
                }
                if !gezien.insert(naam).inserted {
                    m.meld(pad, "De post \"\(naam)\" staat twee keer in `realisatie.posten`. Tel de bedragen op en noem "
                        + "de post één keer.")
                }
            }
        },

        Regel("realisatie_overschrijding", .waarschuwing, onderdeel: "Na het besluit",
              beschrijving: "Een post kostte werkelijk meer dan 10 % boven het begrote bedrag en heeft geen toelichting.",
              bron: "L9009–9016",
              goed: [Voorbeeld("realisatie:\n  posten:\n    - post: Huur spreekkamer De Tagrijn\n      werkelijk: 1100"),
                     Voorbeeld("realisatie:\n  posten:\n    - post: Huur spreekkamer De Tagrijn\n      werkelijk: 1500\n"
                               + "      toelichting: De huur ging per 1 januari omhoog.")],
              fout: [Voorbeeld("realisatie:\n  posten:\n    - post: Huur spreekkamer De Tagrijn\n      werkelijk: 1100.01",
                               pad: "realisatie.posten[0].werkelijk")]) { ctx, m in
            guard let r = ctx.aanvraag.realisatie else { return }
            for (i, p) in r.posten.enumerated() where p.toelichting == nil {
                guard let naam = p.post, let werkelijk = p.werkelijk,
                      let post = ctx.aanvraag.begroting.posten.first(where: { $0.post == naam }),
                      let begroot = post.berekendBedrag, Self.meerDanTienProcentBoven(werkelijk, begroot) else { continue }
                m.meld("realisatie.posten[\(i)].werkelijk", "\"\(naam)\" kostte \(werkelijk.formatted()), "
                    + "\((werkelijk - begroot).formatted()) meer dan begroot (\(begroot.formatted())). Een fonds wil weten "
                    + "waarom: schrijf bij deze post een `toelichting`.")
            }
        },

        Regel("realisatie_extra", .fout, onderdeel: "Na het besluit",
              beschrijving: "Elke post in `realisatie.extra` (kosten die niet in de begroting stonden) heeft een "
                + "toelichting: een fonds betaalt voor \"het in de brief genoemde doel\".",
              bron: "L9009–9016",
              goed: [Voorbeeld("realisatie:\n  extra:\n    - post: Reparatie deur spreekkamer\n      categorie: huisvesting\n"
                               + "      werkelijk: 85\n      toelichting: Na een inbraak in november.")],
              fout: [Voorbeeld("realisatie:\n  extra:\n    - post: Reparatie deur spreekkamer\n      werkelijk: 85",
                               pad: "realisatie.extra[0].toelichting")]) { ctx, m in
            guard let r = ctx.aanvraag.realisatie else { return }
            for (i, e) in r.extra.enumerated() where e.toelichting == nil {
                m.meld("realisatie.extra[\(i)].toelichting", "De kosten \"\(e.post ?? "zonder naam")\" stonden niet in de "
                    + "begroting. Leg in een `toelichting` uit waarom ze nodig waren: \"Fondsen vinden het zeer belangrijk "
                    + "dat het bedrag dat zij schenken ook daadwerkelijk wordt besteed aan het in de brief genoemde doel.\"")
            }
        },

        Regel("realisatie_ontvangen", .waarschuwing, onderdeel: "Na het besluit",
              beschrijving: "Met een `realisatie`: van een fonds dat toezegde is meer of minder ontvangen dan toegezegd "
                + "(`toegezegd_bedrag`, anders het gevraagde bedrag), of er is geld ontvangen van een fonds of bron die "
                + "niets toezegde. Een andere bron telt mee zodra er iets van is ontvangen.",
              bron: "L8999–9008",
              goed: [Voorbeeld("dekkingsplan[3]:\n  status: toegezegd\nrealisatie:\n  ontvangen:\n"
                               + "    - fonds: Oranje Fonds\n      bedrag: 1500\n    - fonds: Oranje Fonds\n      bedrag: 1000"),
                     Voorbeeld("dekkingsplan[3]:\n  status: toegezegd\n  toegezegd_bedrag: 2000\nrealisatie:\n  ontvangen:\n"
                               + "    - fonds: Oranje Fonds\n      bedrag: 2000\n      datum: 2011-09-15")],
              fout: [Voorbeeld("dekkingsplan[3]:\n  status: toegezegd\nrealisatie:\n  ontvangen:\n"
                               + "    - fonds: Oranje Fonds\n      bedrag: 2000", pad: "realisatie.ontvangen[0].bedrag"),
                     Voorbeeld("dekkingsplan[3]:\n  status: toegezegd\nrealisatie:\n  peildatum: 2012-07-01",
                               pad: "realisatie"),
                     Voorbeeld("realisatie:\n  ontvangen:\n    - fonds: Skanfonds\n      bedrag: 1767.50",
                               pad: "realisatie.ontvangen[0].fonds")]) { ctx, m in
            let a = ctx.aanvraag
            guard let r = a.gerealiseerd else { return }
            let ontvangen = Dictionary(grouping: r.ontvangen.indices.filter { r.ontvangen[$0].van != nil },
                                       by: { Hulp.naamSleutel(r.ontvangen[$0].van!) })
            func som(_ ix: [Int]) -> Bedrag { ix.reduce(.zero) { $0 + (r.ontvangen[$1].bedrag ?? .zero) } }
            var besproken = Set<String>()
            for d in a.dekkingsplan where d.status == .toegezegd {
                let sleutel = Hulp.naamSleutel(d.naam)
                // Own means and gifts in kind are not received as money: a source counts once it is.
                guard d.fonds != nil || ontvangen[sleutel] != nil, besproken.insert(sleutel).inserted,
                      let toegezegd = d.geteldBedrag else { continue }
                let ix = ontvangen[sleutel] ?? []
                let binnen = som(ix)
                guard binnen != toegezegd else { continue }
                let pad = ix.first.map { "realisatie.ontvangen[\($0)].bedrag" } ?? (r.ontvangen.isEmpty ? "realisatie"
                                                                                       : "realisatie.ontvangen")
                m.meld(pad, "Van \(d.naam) is \(binnen.formatted()) ontvangen, maar \(toegezegd.formatted()) toegezegd. "
                    + (binnen < toegezegd ? "Komt de rest nog (vaak na de verantwoording)? Zeg het in het verslag, of "
                                            + "vul de ontvangst aan."
                                          : "Klopt het bedrag? Meld het fonds wat u met het verschil doet."))
            }
            for (i, o) in r.ontvangen.enumerated() {
                guard let van = o.van else { continue }
                let toegezegd = a.dekkingsplan.contains { Hulp.naamSleutel($0.naam) == Hulp.naamSleutel(van) && $0.status == .toegezegd }
                guard !toegezegd else { continue }
                m.meld("realisatie.ontvangen[\(i)].\(o.fonds != nil ? "fonds" : "bron")", "Van \(van) is geld ontvangen, "
                    + "maar het dekkingsplan noemt geen toezegging van \(van). Zet die regel op `status: toegezegd` (met "
                    + "`toegezegd_bedrag` als het bedrag anders is), of schrijf de naam zoals in het dekkingsplan.")
            }
        },
    ]

    /// `werkelijk` is more than 10 % above `begroot` (exact: werkelijk × 10 > begroot × 11).
    static func meerDanTienProcentBoven(_ werkelijk: Bedrag, _ begroot: Bedrag) -> Bool {
        let (w, o1) = werkelijk.cents.multipliedReportingOverflow(by: 10)
        let (b, o2) = begroot.cents.multipliedReportingOverflow(by: 11)
        return o1 || o2 ? werkelijk > begroot : w > b
    }
}
