/// The Schulze (beatpath) method, used by `vip review combineer` to merge the
/// groups' rankings into one.
///
/// Follows the definition in M. Schulze, "A new monotonic, clone-independent,
/// reversal symmetric, and Condorcet-consistent single-winner election method"
/// (Social Choice and Welfare 36, 2011), with winning votes as link strength:
/// a link X→Y exists when d[X,Y] > d[Y,X] and has strength d[X,Y]; p[X,Y] is the
/// strength of the strongest path (its weakest link), 0 when there is none.
/// X ranks above Y when p[X,Y] > p[Y,X]; this relation is transitive.
public struct Schulze: Sendable, Equatable {

    /// One ranking, best first, cast `count` times.
    public struct Ballot: Sendable, Hashable {
        /// Candidates best first. Candidates left out rank below all listed ones,
        /// tied among themselves.
        public var ranking: [String]
        /// How many voters (groups) cast this ranking.
        public var count: Int

        /// Creates a ballot.
        public init(_ ranking: [String], count: Int = 1) {
            self.ranking = ranking
            self.count = count
        }
    }

    /// The candidates, in the order given (also the order of the matrices).
    public let candidates: [String]
    /// d[i][j]: how many voters prefer candidate i to candidate j.
    public let pairwise: [[Int]]
    /// p[i][j]: strength of the strongest path from candidate i to candidate j.
    public let strongestPaths: [[Int]]
    /// The ranking in tiers, best first. A tier holds the candidates that no
    /// candidate still unranked beats; a tier with several candidates is a tie.
    public let tiers: [[String]]

    /// One linear ranking, best first: the tiers in order, and inside a tie the
    /// candidates' input order (a deterministic, reported tie-break — see ``ties``).
    public var ranking: [String] { tiers.flatMap { $0 } }

    /// The ties that ``ranking`` had to break, each in the order it used.
    public var ties: [[String]] { tiers.filter { $0.count > 1 } }

    /// Counts the ballots and computes the Schulze ranking.
    ///
    /// - Throws: ``RankingError`` for repeated candidates, ballots naming an
    ///   unknown or repeated candidate, or a negative count.
    public init(candidates: [String], ballots: [Ballot]) throws(RankingError) {
        var index: [String: Int] = [:]
        for (i, candidate) in candidates.enumerated() {
            guard index[candidate] == nil else { throw .duplicate(candidate, context: "the candidates") }
            index[candidate] = i
        }
        let n = candidates.count

        var d = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        for ballot in ballots {
            guard ballot.count >= 0 else { throw .negativeCount(ballot.count) }
            // Rank position per candidate; unlisted ones share the rank after the last.
            var position = [Int](repeating: ballot.ranking.count, count: n)
            var listed = [Bool](repeating: false, count: n)
            for (rank, candidate) in ballot.ranking.enumerated() {
                guard let i = index[candidate] else { throw .unknownCandidate(candidate) }
                guard !listed[i] else { throw .duplicate(candidate, context: "a ballot") }
                listed[i] = true
                position[i] = rank
            }
            for i in 0..<n {
                for j in 0..<n where position[i] < position[j] {
                    d[i][j] += ballot.count
                }
            }
        }

        // Widest paths (Floyd–Warshall variant), as in Schulze §2.3.
        var p = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0..<n where i != j && d[i][j] > d[j][i] {
                p[i][j] = d[i][j]
            }
        }
        for k in 0..<n {
            for i in 0..<n where i != k {
                for j in 0..<n where j != i && j != k {
                    p[i][j] = max(p[i][j], min(p[i][k], p[k][j]))
                }
            }
        }

        var remaining = Array(0..<n)
        var tiers: [[String]] = []
        while !remaining.isEmpty {
            let top = remaining.filter { x in !remaining.contains { y in p[y][x] > p[x][y] } }
            // A strict partial order on a finite set always has maximal elements.
            precondition(!top.isEmpty, "Schulze relation must be acyclic")
            tiers.append(top.map { candidates[$0] })
            remaining.removeAll { top.contains($0) }
        }

        self.candidates = candidates
        self.pairwise = d
        self.strongestPaths = p
        self.tiers = tiers
    }

    /// Counts single ballots (one voter each).
    public init(candidates: [String], rankings: [[String]]) throws(RankingError) {
        try self.init(candidates: candidates, ballots: rankings.map { Ballot($0) })
    }

    /// True when `a` ranks strictly above `b` (p[a,b] > p[b,a]); false for unknown names.
    public func beats(_ a: String, _ b: String) -> Bool {
        guard let i = candidates.firstIndex(of: a), let j = candidates.firstIndex(of: b) else { return false }
        return strongestPaths[i][j] > strongestPaths[j][i]
    }
}
