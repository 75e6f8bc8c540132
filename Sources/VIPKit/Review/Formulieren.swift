import VIPChecklist
import VIPDocument
import VIPModel

/// The rating form for the groups (review.md, "Beoordelingsformulier").
public enum Beoordelingsformulier {
    /// The criteria of the checklist in plain words, with what to look at.
    public static let criteria: [(naam: String, vraag: String)] = [
        ("Urgentie", "Is duidelijk waarom het project nodig is, en waarom nu?"),
        ("Doelgroep en profijtgroep", "Weet u voor wie het project is, hoeveel mensen het echt bereikt, en is dat onderbouwd?"),
        ("Haalbaarheid", "Zijn de activiteiten en de aanpak realistisch voor deze organisatie en deze tijd?"),
        ("Deskundigheid", "Laat de organisatie zien wat zij in huis heeft om dit te doen?"),
        ("Positionering", "Is duidelijk wat er al is en wat dit project toevoegt? Zijn er partners?"),
        ("Planning", "Is per activiteit duidelijk wie, wanneer en hoeveel uren?"),
        ("Resultaten", "Zijn de resultaten concreet en te tellen?"),
        ("Evaluatie", "Is duidelijk hoe, wanneer en door wie geëvalueerd en verslag gedaan wordt?"),
        ("Begroting en dekkingsplan", "Kloppen de bedragen, zijn ze onderbouwd, en betalen er meer partijen mee?"),
        ("Brief", "Is de brief helder, ongeveer twee A4, gericht aan de juiste persoon en goed ondertekend?"),
    ]

    public static func document(letters: [String]) -> Document {
        var b: [Block] = [.paragraph([.text("Beoordelingsformulier")], style: .title),
                          .heading(level: 1, [.text("Door de bril van een fonds")])]
        b.append(.paragraph([.text("Stelt u zich voor dat u medewerker bent van een vermogensfonds dat deze aanvragen "
            + "moet beoordelen. Waar kijkt u naar, en op grond van welke criteria beslist u of een aanvraag financiële "
            + "steun verdient?")]))
        b.append(.heading(level: 2, [.text("De opdracht")]))
        b.append(.numberedList([
            [.text("Maak een groepje van 2 of 3 cursisten.")],
            [.text("U krijgt twintig minuten om de aanvragen \(Tekst.opsomming(letters)) te lezen.")],
            [.text("Geef per onderdeel een cijfer van 1 (zwak) tot 5 (sterk) in de tabel hieronder.")],
            [.text("Maak een rangorde van goed naar slecht.")],
            [.text("Bedenk voor één van de aanvragen 3 verbeterpunten.")],
            [.text("Daarna bespreken we de bevindingen plenair.")],
        ]))
        b.append(.paragraph([.italic("De aanvragen zijn geanonimiseerd: namen, adressen en nummers zijn vervangen door "
            + "[persoon 1], [organisatie], [adres] enzovoort. Beoordeel de inhoud, niet wie de aanvrager is.")],
            style: .small))

        b.append(.heading(level: 2, [.text("Beoordeling per onderdeel")]))
        var rows = [Table.Row([[.text("Onderdeel")], [.text("Waar let u op?")]] + letters.map { [.text("Aanvraag \($0)")] },
                              kind: .header)]
        for c in criteria {
            rows.append(Table.Row([[.bold(c.naam)], [.text(c.vraag)]] + letters.map { _ in [] }))
        }
        rows.append(Table.Row([[.text("Totaal")], []] + letters.map { _ in [] }, kind: .total))
        b.append(.table(Table(columnWidths: [2.6, 5] + letters.map { _ in 1.3 },
                              alignments: [.left, .left] + letters.map { _ in .left }, rows: rows)))

        b.append(.heading(level: 2, [.text("Rangorde van goed naar slecht")]))
        var rang = [Table.Row([[.text("Plaats")], [.text("Aanvraag")], [.text("Waarom?")]], kind: .header)]
        for i in 1...max(letters.count, 1) {
            rang.append(Table.Row([[.text("\(i)")], [], [.lineBreak, .lineBreak]]))
        }
        b.append(.table(Table(columnWidths: [1, 1.5, 7], alignments: [.left, .left, .left], rows: rang)))

        b.append(.heading(level: 2, [.text("Drie verbeterpunten")]))
        b.append(.paragraph([.text("Voor aanvraag: ________")]))
        var punten = [Table.Row([[.text("Nr.")], [.text("Verbeterpunt: wat moet de aanvrager anders doen?")]], kind: .header)]
        for i in 1...3 { punten.append(Table.Row([[.text("\(i)")], [.lineBreak, .lineBreak, .lineBreak]])) }
        b.append(.table(Table(columnWidths: [1, 9], alignments: [.left, .left], rows: punten)))
        b.append(.paragraph([.text("Namen van de groep: ________________________________________")]))
        return Document(metadata: Metadata(), letterhead: Letterhead(name: "Peer-review – bijeenkomst 4",
                                                                      footer: ["Beoordelingsformulier"]),
                        blocks: b)
    }
}

/// The docent's sheet (review.md, "Docentenblad"): which letter is which aanvraag, findings,
/// score, reference ranking and verbeterpunten. Never given to participants.
public struct Docentenblad: Sendable {
    public struct Toegewezen: Sendable {
        public var letter: String
        public var beoordeling: Beoordeling
        public init(letter: String, beoordeling: Beoordeling) {
            self.letter = letter
            self.beoordeling = beoordeling
        }
    }
    /// In letter order.
    public var aanvragen: [Toegewezen]

    public init(aanvragen: [Toegewezen]) { self.aanvragen = aanvragen.sorted { $0.letter < $1.letter } }

    /// The reference ranking, good to bad: by score, ties by letter (so it is deterministic).
    public var rangorde: [String] {
        aanvragen.sorted { ($0.beoordeling.score, $1.letter) > ($1.beoordeling.score, $0.letter) }.map(\.letter)
    }

    /// `docentenblad.json`, with exactly the fields of review.md.
    public var json: JSON {
        .object([
            ("toewijzing", .object(aanvragen.map { ($0.letter, .string($0.beoordeling.bestand)) })),
            ("rangorde", .array(rangorde.map(JSON.string))),
            ("aanvragen", .object(aanvragen.map { a in
                (a.letter, .object([
                    ("score", .int(a.beoordeling.score)),
                    ("verbeterpunten", .array(a.beoordeling.verbeterpunten.map(JSON.string))),
                    ("bevindingen", CheckReport.bevindingen(a.beoordeling.bevindingen)),
                ]))
            })),
        ])
    }

    public var document: Document {
        var b: [Block] = [.paragraph([.text("Docentenblad")], style: .title),
                          .heading(level: 1, [.text("Peer-review: de drie aanvragen")])]
        b.append(.paragraph([.bold("Alleen voor de docent. "), .text("Geef dit blad niet aan de deelnemers: het zegt welke "
            + "aanvraag welke letter heeft.")]))
        b.append(.heading(level: 2, [.text("Toewijzing en referentierangorde")]))
        let rang = rangorde
        var rows = [Table.Row([[.text("Aanvraag")], [.text("Bestand")], [.text("Score")], [.text("Plaats")]], kind: .header)]
        for a in aanvragen {
            rows.append(Table.Row([[.bold(a.letter)], [.text(a.beoordeling.bestand)], [.text("\(a.beoordeling.score)")],
                                   [.text("\((rang.firstIndex(of: a.letter) ?? 0) + 1)")]]))
        }
        b.append(.table(Table(columnWidths: [1.2, 6, 1, 1], alignments: [.left, .left, .right, .right], rows: rows)))
        b.append(.paragraph([.text("Referentierangorde van goed naar slecht: \(rang.joined(separator: ", ")).")]))
        b.append(.paragraph([.italic("Berekening: \(Beoordeling.formule). Bij gelijke score gaat de eerste letter voor.")],
                            style: .small))
        for a in aanvragen {
            let bev = a.beoordeling.bevindingen
            b.append(.heading(level: 2, [.text("Aanvraag \(a.letter)")]))
            let n = { (e: Ernst) in bev.filter { $0.ernst == e && !$0.onderdrukt }.count }
            b.append(.paragraph([.text("\(a.beoordeling.bestand): score \(a.beoordeling.score); \(n(.fout)) fouten, "
                + "\(n(.waarschuwing)) waarschuwingen, \(n(.tip)) tips.")]))
            b.append(.heading(level: 3, [.text("Verbeterpunten")]))
            b.append(.numberedList(a.beoordeling.verbeterpunten.map { [.text($0)] }))
            if !bev.isEmpty {
                b.append(.heading(level: 3, [.text("Bevindingen van de checklist")]))
                var t = [Table.Row([[.text("Ernst")], [.text("Melding")], [.text("Regel")]], kind: .header)]
                for x in bev {
                    let ernst = x.ernst.rawValue + (x.onderdrukt ? " (genegeerd)" : "")
                    t.append(Table.Row([[.text(ernst)], [.text(x.melding)], [.text(x.regel)]]))
                }
                b.append(.table(Table(columnWidths: [1.6, 7, 2], alignments: [.left, .left, .left], rows: t)))
            }
        }
        return Document(metadata: Metadata(title: "Docentenblad peer-review"),
                        letterhead: Letterhead(name: "Docentenblad – niet uitdelen", footer: []), blocks: b)
    }
}
