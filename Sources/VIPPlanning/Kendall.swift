/// Kendall tau distance between two rankings, used to show how far each
/// group's ranking is from the reference ranking.
public enum Kendall {

    /// The number of discordant pairs: pairs of items that the two rankings put
    /// in opposite order (0 = identical, n(n−1)/2 = reversed). O(n log n).
    ///
    /// - Throws: ``RankingError`` when an item repeats or the rankings differ in items.
    public static func distance<Item: Hashable>(_ a: [Item], _ b: [Item]) throws(RankingError) -> Int {
        var positionInB: [Item: Int] = [:]
        for (i, item) in b.enumerated() {
            guard positionInB[item] == nil else {
                throw .duplicate(String(describing: item), context: "the second ranking")
            }
            positionInB[item] = i
        }
        guard a.count == b.count else { throw .differentItems }
        var sequence: [Int] = []
        var seen = [Bool](repeating: false, count: b.count)
        for item in a {
            guard let position = positionInB[item] else { throw .differentItems }
            guard !seen[position] else {
                throw .duplicate(String(describing: item), context: "the first ranking")
            }
            seen[position] = true
            sequence.append(position)
        }
        // Discordant pairs of a and b are exactly the inversions of b's positions read in a's order.
        var scratch = sequence
        return countInversions(&sequence, &scratch, 0, sequence.count)
    }

    /// The normalised coefficient τ = 1 − 2·distance / (n(n−1)/2): 1 for identical
    /// rankings, −1 for reversed ones; 1 when there are fewer than two items.
    ///
    /// - Throws: ``RankingError`` as ``distance(_:_:)``.
    public static func tau<Item: Hashable>(_ a: [Item], _ b: [Item]) throws(RankingError) -> Double {
        let discordant = try distance(a, b)
        let pairs = a.count * (a.count - 1) / 2
        guard pairs > 0 else { return 1 }
        // (concordant − discordant) / pairs, computed in integers first so that
        // exact values such as 0.2 come out as the nearest Double.
        return Double(pairs - 2 * discordant) / Double(pairs)
    }

    /// Merge sort of values[low..<high] that counts the inversions it removes.
    private static func countInversions(_ values: inout [Int], _ scratch: inout [Int],
                                        _ low: Int, _ high: Int) -> Int {
        guard high - low > 1 else { return 0 }
        let middle = (low + high) / 2
        var count = countInversions(&values, &scratch, low, middle)
            + countInversions(&values, &scratch, middle, high)
        var left = low, right = middle, out = low
        while left < middle || right < high {
            if right == high || (left < middle && values[left] <= values[right]) {
                scratch[out] = values[left]
                left += 1
            } else {
                // Every element still waiting on the left is larger: one inversion each.
                count += middle - left
                scratch[out] = values[right]
                right += 1
            }
            out += 1
        }
        for i in low..<high { values[i] = scratch[i] }
        return count
    }
}
