import PropertyBased
import Testing
@testable import VIPPlanning

/// Exhaustive reference: every k-subset, best by (min gap, spread, input order).
func bruteSpread(_ scores: [Int], _ k: Int) -> [Int] {
    guard k > 0 else { return [] }
    var best: (gap: Int, spread: Int, indices: [Int])?
    func visit(_ start: Int, _ chosen: [Int]) {
        if chosen.count == k {
            let values = chosen.map { scores[$0] }.sorted()
            let gap = zip(values, values.dropFirst()).map { $1 - $0 }.min() ?? Int.max
            let spread = values.last! - values.first!
            if let b = best {
                if (gap, spread) > (b.gap, b.spread)
                    || ((gap, spread) == (b.gap, b.spread) && chosen.lexicographicallyPrecedes(b.indices)) {
                    best = (gap, spread, chosen)
                }
            } else {
                best = (gap, spread, chosen)
            }
            return
        }
        guard start < scores.count else { return }
        for i in start..<scores.count { visit(i + 1, chosen + [i]) }
    }
    visit(0, [])
    return best?.indices ?? []
}

@Suite struct SpreadTests {
    @Test func picksGoodMiddleAndBad() {
        let selection = Spread.select(scores: [71, 40, 90, 88, 55, 10, 52], count: 3)
        // 10 and 90 are the ends; the middle item's smallest gap is 38 for 52,
        // 35 for 55, 30 for 40, 19 for 71 and 2 for 88 → 52.
        #expect(selection.indices == [2, 5, 6])
        #expect(selection.minimumGap == 38)
        #expect(selection.spread == 80)
    }

    @Test func doublesAndTiesFollowInputOrder() {
        // Two items score 0.0 and two 1.0: the earlier of each wins the tie.
        let selection = Spread.select(scores: [1.0, 0.0, 0.5, 1.0, 0.0], count: 3)
        #expect(selection.indices == [0, 1, 2])
        #expect(selection.minimumGap == 0.5)
    }

    @Test func smallPools() {
        #expect(Spread.select(scores: [Int](), count: 3).indices == [])
        #expect(Spread.select(scores: [4, 2], count: 3).indices == [0, 1])
        #expect(Spread.select(scores: [4, 2, 9], count: 3).indices == [0, 1, 2])
        #expect(Spread.select(scores: [4, 2, 9], count: 1).indices == [0])
        #expect(Spread.select(scores: [4, 2, 9], count: 0).indices == [])
        #expect(Spread.select(scores: [5, 5, 5, 5], count: 3).indices == [0, 1, 2])
    }

    @Test func selectsByScoreClosure() {
        let pool = [("a.yaml", 3), ("b.yaml", 9), ("c.yaml", 4), ("d.yaml", 0)]
        let selection = Spread.select(pool, count: 3) { $0.1 }
        // Ends 0 and 9; 4 is 4 from the nearest end, 3 only 3.
        #expect(selection.indices.map { pool[$0].0 } == ["b.yaml", "c.yaml", "d.yaml"])
    }

    @Test func matchesExhaustiveSearch() async {
        await propertyCheck(count: 300, input: Gen.int(in: -20...20).array(of: 0...10), Gen.int(in: 0...5)) {
            scores, k in
            let expected = k >= scores.count ? Array(scores.indices) : bruteSpread(scores, k)
            #expect(Spread.select(scores: scores, count: k).indices == expected)
        }
    }

    @Test func handlesAPoolOfAFewHundred() {
        var state: UInt64 = 42
        let scores = (0..<300).map { _ -> Int in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 40) % 1000
        }
        let selection = Spread.select(scores: scores, count: 3)
        #expect(selection.indices.count == 3)
        #expect(selection.spread == scores.max()! - scores.min()!)
    }
}
