import Foundation
import Testing
import VIPKit
import VIPModel
import VIPPlanning

/// Fit and preference (fondsendate.md, "Schema"), and the schedule built on them.
@Suite struct FondsendatePassingTests {
    /// A small aanvraag with only what fit and preference look at.
    static func aanvraag(thema: [String], regio: String?, begroting: Int = 5000,
                         dekking: [(fonds: String, status: String)] = [], toegezegd: Int = 0) throws -> Aanvraag {
        var yaml = "formaat: vip-aanvraag/1\nproject:\n  titel: Test\n"
        yaml += "  thema: [\(thema.joined(separator: ", "))]\n"
        if let regio { yaml += "  regio: \(regio)\n" }
        yaml += "begroting:\n  posten:\n    - post: Kosten\n      bedrag: \(begroting)\n"
        yaml += "dekkingsplan:\n"
        if toegezegd > 0 {
            yaml += "  - bron: Eigen geld\n    soort: eigen-middelen\n    bedrag: \(toegezegd)\n    status: toegezegd\n"
        }
        for d in dekking { yaml += "  - fonds: \(d.fonds)\n    bedrag: 100\n    status: \(d.status)\n" }
        return try AanvraagReader.parse(yaml)
    }

    static func fonds(_ naam: String, thema: [String], regio: [String] = ["landelijk"], min: Int? = nil, max: Int? = nil,
                      tafels: Int = 1) -> Evenement.Fonds {
        Evenement.Fonds(naam: naam, thema: thema, regio: regio, bedragMin: min.map { Bedrag(euros: Int64($0)) },
                        bedragMax: max.map { Bedrag(euros: Int64($0)) }, tafels: tafels)
    }

    func namen(_ k: [Passing.Kandidaat], _ fondsen: [Evenement.Fonds]) -> [String] { k.map { fondsen[$0.fonds].naam } }

    @Test func regionMatchingIsWholeWordsCaseAndAccentInsensitive() {
        #expect(Passing.regioPast(fonds: ["landelijk"], project: nil))
        #expect(Passing.regioPast(fonds: ["Landelijk"], project: "Arnhem"))
        #expect(Passing.regioPast(fonds: ["Den Haag"], project: "Den Haag Moerwijk"))
        #expect(Passing.regioPast(fonds: ["den  haag"], project: "Moerwijk, Den Haag"))
        #expect(Passing.regioPast(fonds: ["Delft", "Arnhem"], project: "Arnhem Presikhaaf"))
        #expect(Passing.regioPast(fonds: ["Leidschendam-Voorburg"], project: "Leidschendam-Voorburg centrum"))
        #expect(Passing.regioPast(fonds: ["Zuid-Holland"], project: "provincie zuid-holland"))
        #expect(Passing.regioPast(fonds: ["Súdwest-Fryslân"], project: "Sudwest-Fryslan"))
        #expect(!Passing.regioPast(fonds: ["Delft"], project: "Rotterdam Delfshaven"))
        #expect(!Passing.regioPast(fonds: ["Delft"], project: "Delftshaven"))
        #expect(!Passing.regioPast(fonds: ["Den Haag"], project: "Haag"))
        #expect(!Passing.regioPast(fonds: ["Den Haag"], project: nil))
        #expect(!Passing.regioPast(fonds: [], project: "Arnhem"))
    }

    @Test func fitNeedsDekkingsplanOrThemeAndRegion() throws {
        let fondsen = [Self.fonds("Haags Fonds", thema: ["jeugd"], regio: ["Den Haag"]),
                       Self.fonds("Landelijk Fonds", thema: ["Natuur"]),
                       Self.fonds("Ander Thema", thema: ["sport"]),
                       Self.fonds("Genoemd Fonds", thema: ["kunst"], regio: ["Groningen"])]
        let a = try Self.aanvraag(thema: ["jeugd", "natuur"], regio: "Arnhem",
                                  dekking: [("genoemd  fonds", "aangevraagd")])
        // Haags Fonds shares a theme but not the region; Ander Thema shares nothing.
        #expect(namen(Passing.kandidaten(a, fondsen: fondsen), fondsen) == ["Genoemd Fonds", "Landelijk Fonds"])
        let haags = try Self.aanvraag(thema: ["Jeugd"], regio: "Den Haag Moerwijk")
        #expect(namen(Passing.kandidaten(haags, fondsen: fondsen), fondsen) == ["Haags Fonds"])
    }

    @Test func preferenceOrder() throws {
        // Event order deliberately the reverse of the expected ranking.
        let fondsen = [Self.fonds("E laatste", thema: ["a"]),
                       Self.fonds("D een thema buiten bereik", thema: ["a"], min: 10_000, max: 20_000),
                       Self.fonds("C een thema binnen bereik", thema: ["b"], min: 1000, max: 5000),
                       Self.fonds("B twee thema's", thema: ["a", "b"]),
                       Self.fonds("A dekkingsplan", thema: ["z"], regio: ["Nergens"])]
        let a = try Self.aanvraag(thema: ["a", "b"], regio: "Arnhem", begroting: 6000,
                                  dekking: [("A dekkingsplan", "aangevraagd")], toegezegd: 2000)
        #expect(Passing.nogTeDekken(a) == Bedrag(euros: 4000))
        let k = Passing.kandidaten(a, fondsen: fondsen)
        #expect(namen(k, fondsen) == ["A dekkingsplan", "B twee thema's", "C een thema binnen bereik",
                                      "E laatste", "D een thema buiten bereik"])
        #expect(k[0].inDekkingsplan && k[0].gedeeldeThemas.isEmpty)
        #expect(k[1].gedeeldeThemas == ["a", "b"])
        #expect(k[2].bedragBinnenBereik && !k[4].bedragBinnenBereik)
    }

    @Test func rejectedFundStillFitsButLosesItsPriority() throws {
        let fondsen = [Self.fonds("Eerst", thema: ["a"]), Self.fonds("Afgewezen", thema: ["q"], regio: ["Elders"])]
        let a = try Self.aanvraag(thema: ["a"], regio: "Arnhem", dekking: [("Afgewezen", "afgewezen")])
        let k = Passing.kandidaten(a, fondsen: fondsen)
        #expect(namen(k, fondsen) == ["Eerst", "Afgewezen"])
        #expect(k[1].genoemd && !k[1].inDekkingsplan)
    }

    @Test func amountRange() {
        let f = Self.fonds("F", thema: [], min: 1000, max: 5000)
        #expect(Passing.binnenBereik(Bedrag(euros: 1000), f))
        #expect(Passing.binnenBereik(Bedrag(euros: 5000), f))
        #expect(!Passing.binnenBereik(Bedrag(cents: 500_001), f))
        #expect(!Passing.binnenBereik(Bedrag(euros: 999), f))
        #expect(!Passing.binnenBereik(Bedrag(euros: 10), Self.fonds("G", thema: [])))
        #expect(Passing.binnenBereik(Bedrag(euros: 10_000_000), Self.fonds("H", thema: [], min: 1)))
    }

    /// Random events: fit and preference feed the exact schedule; the result never double
    /// books, respects tables, fit and `max_gesprekken`, meets the best-ranked funds, and
    /// uses exactly the lower bound of rounds (which no schedule can beat).
    @Test func randomEventsGiveValidMinimalSchedules() throws {
        var rng = FondsendateRNG(seed: 20_250_616)
        let themas = ["jeugd", "natuur", "cultuur", "armoede", "taal", "sport"]
        let plaatsen = ["Arnhem", "Den Haag", "Delft", "Utrecht"]
        for ronde in 0..<60 {
            let fondsen = (0..<Int.random(in: 1...6, using: &rng)).map { i in
                Self.fonds("Fonds \(i)", thema: Array(themas.shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng))),
                           regio: Bool.random(using: &rng) ? ["landelijk"] : [plaatsen.randomElement(using: &rng)!],
                           min: 500, max: Int.random(in: 1000...20_000, using: &rng), tafels: Int.random(in: 1...3, using: &rng))
            }
            let maxGesprekken = Int.random(in: 1...3, using: &rng)
            var aanvragen: [Aanvraag] = []
            for _ in 0..<Int.random(in: 0...9, using: &rng) {
                let dekking = fondsen.filter { _ in Int.random(in: 0..<5, using: &rng) == 0 }.map { ($0.naam, "aangevraagd") }
                aanvragen.append(try Self.aanvraag(
                    thema: Array(themas.shuffled(using: &rng).prefix(Int.random(in: 0...3, using: &rng))),
                    regio: plaatsen.randomElement(using: &rng)! + " Centrum", begroting: Int.random(in: 1000...30_000, using: &rng),
                    dekking: dekking))
            }
            let kandidaten = aanvragen.map { Passing.kandidaten($0, fondsen: fondsen) }
            let rooster = Rooster(
                projects: kandidaten.enumerated().map { i, k in
                    Rooster.Project(id: "p\(i)", fits: k.map { fondsen[$0.fonds].naam }, maxGesprekken: maxGesprekken)
                },
                fondsen: fondsen.map { Rooster.Fonds(id: $0.naam, tafels: $0.tafels) })
            try SchemaEisen.controleer(rooster, fondsen: fondsen, kandidaten: kandidaten, maxGesprekken: maxGesprekken,
                                       context: "event \(ronde)")
        }
    }
}

/// The properties every schedule must have, shared by the unit and end-to-end tests.
enum SchemaEisen {
    static func controleer(_ r: Rooster, fondsen: [Evenement.Fonds], kandidaten: [[Passing.Kandidaat]],
                           maxGesprekken: Int, context: String) throws {
        var projectRonde = Set<String>()
        var tafelRonde = Set<String>()
        var perFondsRonde: [String: Int] = [:]
        for g in r.gesprekken {
            let f = try #require(fondsen.firstIndex { $0.naam == g.fonds }, "\(context): unknown fund")
            #expect(projectRonde.insert("\(g.project)#\(g.ronde)").inserted, "\(context): project twice in round")
            #expect(tafelRonde.insert("\(g.fonds)#\(g.tafel)#\(g.ronde)").inserted, "\(context): table twice in round")
            perFondsRonde["\(g.fonds)#\(g.ronde)", default: 0] += 1
            #expect((1...fondsen[f].tafels).contains(g.tafel), "\(context): table out of range")
            #expect((1...r.rondes).contains(g.ronde), "\(context): round out of range")
            let p = try #require(Int(g.project.dropFirst()))
            #expect(kandidaten[p].contains { $0.fonds == f }, "\(context): \(g.project) meets unfitting \(g.fonds)")
        }
        for (key, n) in perFondsRonde {
            let naam = String(key.split(separator: "#")[0])
            #expect(n <= fondsen.first { $0.naam == naam }!.tafels, "\(context): \(key) above its tables")
        }
        for (p, k) in kandidaten.enumerated() {
            let mine = r.gesprekken.filter { $0.project == "p\(p)" }
            #expect(Set(mine.map(\.fonds)).count == mine.count, "\(context): a fund twice for p\(p)")
            #expect(mine.count <= maxGesprekken)
            // Without a round limit every project meets exactly its best-ranked funds.
            let best = Set(k.prefix(maxGesprekken).map { fondsen[$0.fonds].naam })
            #expect(Set(mine.map(\.fonds)) == best, "\(context): p\(p) does not meet its best funds")
            if !k.isEmpty { #expect(!mine.isEmpty, "\(context): p\(p) fits a fund but has no conversation") }
        }
        let bound = Rooster.minimumRondes(pairs: r.gesprekken.map { ($0.project, $0.fonds) },
                                          fondsen: fondsen.map { Rooster.Fonds(id: $0.naam, tafels: $0.tafels) })
        #expect(r.rondes == bound, "\(context): \(r.rondes) rounds, lower bound \(bound)")
        #expect(r.dropped.isEmpty && r.unserved.isEmpty)
    }
}

/// A small seeded generator, so random tests repeat exactly.
struct FondsendateRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
