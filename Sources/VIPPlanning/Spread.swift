/// Picks the items whose scores lie furthest apart, for
/// `vip review --kies 3 POOL…` ("three aanvragen of clearly different quality").
public enum Spread {

    /// The outcome of ``select(scores:count:)``.
    public struct Selection<Score: Sendable>: Sendable {
        /// Input indices of the chosen items, ascending.
        public var indices: [Int]
        /// The smallest gap between two chosen scores; `nil` for fewer than two items.
        public var minimumGap: Score?
        /// Highest minus lowest chosen score; `nil` when nothing was chosen.
        public var spread: Score?
    }

    /// Chooses `count` items maximising the smallest pairwise score gap.
    ///
    /// Ties are broken by the larger total spread (highest − lowest chosen score),
    /// then by input order (the lexicographically smallest list of input indices).
    /// When `count` ≥ the number of items, all are chosen. Exact, O(N² log N + N³·count);
    /// fine for the few hundred aanvragen of a pool.
    public static func select<Score: Comparable & AdditiveArithmetic & Sendable>(
        scores: [Score], count k: Int
    ) -> Selection<Score> {
        let n = scores.count
        guard k > 0, n > 0 else { return Selection(indices: [], minimumGap: nil, spread: nil) }
        if k >= n { return describe(Array(0..<n), scores) }
        if k == 1 { return describe([0], scores) }

        let order = (0..<n).sorted { (scores[$0], $0) < (scores[$1], $1) }
        let sorted = order.map { scores[$0] }

        // Largest g such that a chain with all consecutive gaps ≥ g has k items.
        // Feasibility falls as g grows, and the optimum is one of the pairwise differences.
        func longestChain(_ gap: Score) -> Int {
            var taken = 1
            var last = sorted[0]
            for value in sorted.dropFirst() where value - last >= gap {
                taken += 1
                last = value
            }
            return taken
        }
        var differences: [Score] = []
        for i in 0..<n {
            for j in (i + 1)..<n { differences.append(sorted[j] - sorted[i]) }
        }
        differences.sort()
        var low = 0, high = differences.count - 1   // differences[low] is always feasible
        while low < high {
            let middle = (low + high + 1) / 2
            if longestChain(differences[middle]) >= k { low = middle } else { high = middle - 1 }
        }
        let bestGap = differences[low]

        // Any optimal selection can swap its ends for a lowest- and a highest-scoring
        // item without shrinking a gap, so the largest spread is always max − min and
        // valid selections are chains from a minimum to a maximum. Build the
        // lexicographically smallest one index by index, asking an exact oracle
        // whether a chain with the decisions so far still exists.
        var position = [Int](repeating: 0, count: n)
        for (p, index) in order.enumerated() { position[index] = p }
        var forced = [Bool](repeating: false, count: n)     // by sorted position
        var excluded = [Bool](repeating: false, count: n)   // by sorted position
        var chosen: [Int] = []

        func chainExists() -> Bool {
            // reach[p][c]: a valid chain start…p of c items that includes every forced
            // position before p.
            var reach = [[Bool]](repeating: [Bool](repeating: false, count: k + 1), count: n)
            var forcedSeen = false
            for p in 0..<n {
                defer { if forced[p] { forcedSeen = true } }
                guard !excluded[p] else { continue }
                if sorted[p] == sorted[0] && !forcedSeen { reach[p][1] = true }
                var j = p - 1
                while j >= 0 {
                    if !excluded[j] && sorted[p] - sorted[j] >= bestGap {
                        for c in 2...k where reach[j][c - 1] { reach[p][c] = true }
                    }
                    if forced[j] { break }   // a chain may not skip a forced item
                    j -= 1
                }
            }
            var forcedAfter = false
            for p in stride(from: n - 1, through: 0, by: -1) {
                if reach[p][k] && sorted[p] == sorted[n - 1] && !forcedAfter { return true }
                if forced[p] { forcedAfter = true }
            }
            return false
        }

        for index in 0..<n where chosen.count < k {
            let p = position[index]
            forced[p] = true
            if chainExists() {
                chosen.append(index)
            } else {
                forced[p] = false
                excluded[p] = true
            }
        }
        precondition(chosen.count == k, "an optimal selection always exists")
        return describe(chosen, scores)
    }

    /// Chooses `count` items by the score `score(item)`; see ``select(scores:count:)``.
    public static func select<Item, Score: Comparable & AdditiveArithmetic & Sendable>(
        _ items: [Item], count k: Int, score: (Item) -> Score
    ) -> Selection<Score> {
        select(scores: items.map(score), count: k)
    }

    private static func describe<Score: Comparable & AdditiveArithmetic & Sendable>(
        _ indices: [Int], _ scores: [Score]
    ) -> Selection<Score> {
        let values = indices.map { scores[$0] }.sorted()
        var gap: Score?
        for (a, b) in zip(values, values.dropFirst()) {
            let difference = b - a
            if gap == nil || difference < gap! { gap = difference }
        }
        let spread = values.isEmpty ? nil : values[values.count - 1] - values[0]
        return Selection(indices: indices, minimumGap: gap, spread: spread)
    }
}
