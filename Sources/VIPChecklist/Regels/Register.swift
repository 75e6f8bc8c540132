import VIPModel

/// The fund register's rules (na-het-besluit.md, "The fund register"): with `vip check --register`,
/// each fund of the dekkingsplan that the register knows is held to what the register says of it,
/// "elk met een eigen doelstelling, procedure en voorwaarden" (L7998–8007). Each finding stands at
/// the fund's dekkingsplan entry. Refused funds are left alone: nothing is asked of them any more.
extension Catalogus {
    static let register: [Regel] = [
        Regel("register_bedrag", .fout, onderdeel: "Fondsenregister",
              beschrijving: "Het bedrag dat u bij een fonds aanvraagt ligt binnen het bereik dat het register van dat "
                + "fonds noemt (minimum en maximum tellen mee). Alleen met `--register`.",
              bron: "L7998–8007",
              goed: [Voorbeeld("dekkingsplan[3]:\n  bedrag: 1000"),
                     Voorbeeld("dekkingsplan[3]:\n  bedrag: 500\n  status: afgewezen")],
              fout: [Voorbeeld("dekkingsplan[3]:\n  bedrag: 999.99", pad: "dekkingsplan[3].bedrag"),
                     Voorbeeld("dekkingsplan[4]:\n  bedrag: 60000", pad: "dekkingsplan[4].bedrag")]) { ctx, m in
            for (i, d, f) in Self.geregistreerd(ctx) {
                guard let bedrag = d.bedrag, !f.bedragPast(bedrag), let bereik = f.bereik else { continue }
                m.meld("dekkingsplan[\(i)].bedrag", "U vraagt \(bedrag.formatted()) van \(f.naam), maar dit fonds geeft "
                    + "volgens het register \(bereik). Pas het bedrag aan, of kies een ander fonds (`vip fondsen zoek`).")
            }
        },

        Regel("register_regio", .waarschuwing, onderdeel: "Fondsenregister",
              beschrijving: "Het fonds werkt volgens het register landelijk of in de plaats van het project "
                + "(`project.regio`; dezelfde regel als bij de fondsendate). Alleen met `--register`.",
              bron: "L7998–8007",
              goed: [Voorbeeld("fondsen[1]:\n  naam: Amsterdams Buurtfonds\ndekkingsplan[4]:\n  fonds: Amsterdams Buurtfonds")],
              fout: [Voorbeeld("project:\n  regio: Rotterdam Zuid\nfondsen[1]:\n  naam: Amsterdams Buurtfonds\n"
                               + "dekkingsplan[4]:\n  fonds: Amsterdams Buurtfonds", pad: "dekkingsplan[4].fonds")]) { ctx, m in
            let regio = ctx.aanvraag.project.regio
            for (i, d, f) in Self.geregistreerd(ctx) where !f.regio.isEmpty {
                guard !Regio.past(fonds: f.regio, project: regio) else { continue }
                m.meld("dekkingsplan[\(i)].fonds", "\(d.naam) werkt volgens het register in "
                    + "\(Hulp.opsomming(f.regio)), en het project speelt in \(regio ?? "een regio die niet is ingevuld"). "
                    + "\"Niet zeker of je binnen de doelstellingen van een fonds valt? Bellen!\"")
            }
        },

        Regel("register_termijn", .waarschuwing, onderdeel: "Fondsenregister",
              beschrijving: "Het fonds besluit op tijd: de datum van de aanvraag (`aangevraagd_op`, anders `--datum` of "
                + "vandaag) plus de beslistermijn uit het register valt vóór de start van het project. Geldt niet meer "
                + "als het fonds al besloot. Alleen met `--register`.",
              bron: "L7998–8007",
              goed: [Voorbeeld("dekkingsplan[3]:\n  aangevraagd_op: 2011-06-15"),
                     Voorbeeld("dekkingsplan[3]:\n  aangevraagd_op: 2011-08-01\n  status: toegezegd")],
              fout: [Voorbeeld("dekkingsplan[3]:\n  aangevraagd_op: 2011-08-01", pad: "dekkingsplan[3].fonds"),
                     Voorbeeld("project:\n  periode:\n    start: 2011-06-20", pad: "dekkingsplan[4].fonds")]) { ctx, m in
            let start = ctx.aanvraag.project.periode.start
            for (i, d, f) in Self.geregistreerd(ctx) where d.status != .toegezegd {
                guard let datum = d.aangevraagdOp ?? ctx.datum, let start, let weken = f.beslistermijnWeken,
                      !f.besluitVoor(start, aangevraagdOp: datum) else { continue }
                m.meld("dekkingsplan[\(i)].fonds", "\(d.naam) besluit volgens het register binnen \(weken) weken; na "
                    + "een aanvraag op \(datum) is dat na de start van het project op \(start). Vraag eerder aan, begin "
                    + "later, of bel het fonds of het sneller kan.")
            }
        },

        Regel("register_kosten", .waarschuwing, onderdeel: "Fondsenregister",
              beschrijving: "De begroting heeft geen post die het fonds volgens het register niet betaalt (`niet_voor`, "
                + "vergeleken met de naam en de categorie van elke post). Alleen met `--register`.",
              bron: "L7998–8007, L9009–9016",
              goed: [Voorbeeld("begroting:\n  posten[+]:\n    post: Reiskosten vrijwilligers\n    categorie: vrijwilligers\n"
                               + "    aantal: 1\n    prijs: 100")],
              fout: [Voorbeeld("begroting:\n  posten[+]:\n    post: Loon coördinator\n    categorie: personeel\n"
                               + "    aantal: 1\n    prijs: 100", pad: "dekkingsplan[3].fonds")]) { ctx, m in
            let posten = ctx.aanvraag.begroting.posten
            for (i, d, f) in Self.geregistreerd(ctx) {
                var gevonden: [String] = []
                for uitsluiting in f.nietVoor {
                    for p in posten where Self.noemt(p, uitsluiting) {
                        gevonden.append("\"\(p.post ?? p.categorie ?? "")\" (\(uitsluiting))")
                    }
                }
                guard !gevonden.isEmpty else { continue }
                m.meld("dekkingsplan[\(i)].fonds", "\(d.naam) betaalt volgens het register niet voor "
                    + "\(Hulp.opsomming(f.nietVoor)), en de begroting heeft \(Hulp.opsomming(gevonden)). Vraag dit fonds "
                    + "niet om die kosten: dek ze uit een andere bron, en zeg in de brief waarvoor u het geld van dit "
                    + "fonds gebruikt.")
            }
        },
    ]

    /// The dekkingsplan's funds that the register knows, not refused, with their register entry.
    static func geregistreerd(_ ctx: CheckContext) -> [(Int, Dekking, Fondsenregister.Fonds)] {
        guard let register = ctx.register else { return [] }
        return ctx.aanvraag.dekkingsplan.enumerated().compactMap { i, d in
            guard d.status != .afgewezen, let naam = d.fonds, let f = register.fonds(naam) else { return nil }
            return (i, d, f)
        }
    }

    /// Whether a post is a cost of the kind `uitsluiting` names: every word of it (of four letters or
    /// more, by its stem) occurs in the post's name or categorie ("personeel" in "personeelskosten").
    static func noemt(_ p: Post, _ uitsluiting: String) -> Bool {
        let woorden = Hulp.woorden([p.post, p.categorie].compactMap { $0 }.joined(separator: " "))
        let nodig = Hulp.woorden(uitsluiting).filter { $0.count >= 4 && !["voor", "door", "niet", "geen"].contains($0) }
        return !nodig.isEmpty && nodig.allSatisfy { w in
            let s = Hulp.stam(w)
            return woorden.contains { $0.contains(s) }
        }
    }
}
