import PropertyBased
import Testing
@testable import VIPPlanning

@Suite struct KendallTests {
    /// Example of the English Wikipedia article "Kendall tau distance": two
    /// rankings of five items, positions 1 2 3 4 5 versus 3 4 1 2 5, have
    /// distance 4 (normalised 0.4), so τ = 1 − 2·4/10 = 0.2.
    @Test func wikipediaExample() throws {
        let a = ["A", "B", "C", "D", "E"]
        let b = ["C", "D", "A", "B", "E"]
        #expect(try Kendall.distance(a, b) == 4)
        #expect(try Kendall.tau(a, b) == 0.2)
    }

    @Test func identicalAndReversed() throws {
        let a = ["A", "B", "C"]
        #expect(try Kendall.distance(a, a) == 0)
        #expect(try Kendall.tau(a, a) == 1)
        #expect(try Kendall.distance(a, a.reversed()) == 3)
        #expect(try Kendall.tau(a, a.reversed()) == -1)
        #expect(try Kendall.distance(["B", "A", "C"], ["A", "B", "C"]) == 1)
        #expect(try Kendall.tau(["B", "A", "C"], ["A", "B", "C"]) == 1.0 / 3)
    }

    @Test func shortRankings() throws {
        #expect(try Kendall.distance([String](), []) == 0)
        #expect(try Kendall.tau(["A"], ["A"]) == 1)
    }

    @Test func invalidRankings() {
        #expect(throws: RankingError.differentItems) { try Kendall.distance(["A", "B"], ["A", "C"]) }
        #expect(throws: RankingError.differentItems) { try Kendall.distance(["A"], ["A", "B"]) }
        #expect(throws: RankingError.duplicate("A", context: "the first ranking")) {
            try Kendall.distance(["A", "A"], ["A", "B"])
        }
    }

    /// The merge-sort count agrees with counting discordant pairs one by one.
    @Test func matchesPairwiseCount() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...1000).array(of: 0...30)) { keys in
            let items = Array(0..<keys.count)
            let shuffled = items.sorted { (keys[$0], $0) < (keys[$1], $1) }
            var discordant = 0
            for i in items {
                for j in items where i < j {
                    let pi = shuffled.firstIndex(of: i)!, pj = shuffled.firstIndex(of: j)!
                    if pi > pj { discordant += 1 }
                }
            }
            #expect(try Kendall.distance(items, shuffled) == discordant)
            #expect(try Kendall.distance(shuffled, items) == discordant)
            let tau = try Kendall.tau(items, shuffled)
            #expect(tau >= -1 && tau <= 1)
        }
    }
}
