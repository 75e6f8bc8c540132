/// A cost made of priorities compared lexicographically: component 0 matters
/// most. Exact and overflow-free, unlike folding the priorities into one
/// integer with dominating weights.
struct LexCost: Comparable {
    var parts: [Int]

    static func zero(_ length: Int) -> LexCost { LexCost(parts: [Int](repeating: 0, count: length)) }

    /// A cost of `value` in component `index` and zero elsewhere.
    static func unit(_ index: Int, _ value: Int, length: Int) -> LexCost {
        var cost = zero(length)
        cost.parts[index] = value
        return cost
    }

    static func + (a: LexCost, b: LexCost) -> LexCost {
        LexCost(parts: zip(a.parts, b.parts).map { $0 + $1 })
    }

    static prefix func - (a: LexCost) -> LexCost { LexCost(parts: a.parts.map { -$0 }) }

    static func < (a: LexCost, b: LexCost) -> Bool {
        for (x, y) in zip(a.parts, b.parts) where x != y { return x < y }
        return false
    }
}

/// Min-cost flow by successive shortest paths (Bellman–Ford queue variant).
///
/// Used for small planning networks (hundreds of arcs), where exactness and
/// determinism matter more than speed. Arcs are explored in insertion order.
struct MinCostFlow {
    private var target: [Int] = []
    private var capacity: [Int] = []
    private var cost: [LexCost] = []
    private var outgoing: [[Int]]
    private let costLength: Int

    init(nodeCount: Int, costLength: Int) {
        outgoing = [[Int]](repeating: [], count: nodeCount)
        self.costLength = costLength
    }

    /// Adds an arc and its residual twin (id ^ 1); returns the arc's id.
    @discardableResult
    mutating func addArc(_ from: Int, _ to: Int, capacity c: Int, cost w: LexCost) -> Int {
        precondition(w.parts.count == costLength)
        let id = target.count
        target.append(to); capacity.append(c); cost.append(w)
        outgoing[from].append(id)
        target.append(from); capacity.append(0); cost.append(-w)
        outgoing[to].append(id + 1)
        return id
    }

    /// The flow on an arc.
    func flow(_ arc: Int) -> Int { capacity[arc ^ 1] }

    /// Sends flow along cheapest paths while that lowers the total cost.
    ///
    /// Successive shortest paths yield a min-cost flow for every flow value, and the
    /// path costs never decrease, so stopping at the first non-negative path gives
    /// the cheapest flow of any value. The network must start without negative cycles.
    mutating func minimiseCost(from source: Int, to sink: Int) {
        let nodeCount = outgoing.count
        let zero = LexCost.zero(costLength)
        while true {
            var distance = [LexCost?](repeating: nil, count: nodeCount)
            var viaArc = [Int](repeating: -1, count: nodeCount)
            var queued = [Bool](repeating: false, count: nodeCount)
            var queue = [source]
            var head = 0
            distance[source] = zero
            queued[source] = true
            while head < queue.count {
                let node = queue[head]
                head += 1
                queued[node] = false
                guard let here = distance[node] else { continue }
                for arc in outgoing[node] where capacity[arc] > 0 {
                    let next = target[arc]
                    let candidate = here + cost[arc]
                    if distance[next].map({ candidate < $0 }) ?? true {
                        distance[next] = candidate
                        viaArc[next] = arc
                        if !queued[next] {
                            queued[next] = true
                            queue.append(next)
                        }
                    }
                }
            }
            guard let total = distance[sink], total < zero else { return }

            var amount = Int.max
            var node = sink
            while node != source {
                let arc = viaArc[node]
                amount = min(amount, capacity[arc])
                node = target[arc ^ 1]
            }
            node = sink
            while node != source {
                let arc = viaArc[node]
                capacity[arc] -= amount
                capacity[arc ^ 1] += amount
                node = target[arc ^ 1]
            }
        }
    }
}
