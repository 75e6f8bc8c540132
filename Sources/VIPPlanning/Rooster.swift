/// The conversation schedule of the fund speed-date (`vip fondsendate`).
///
/// Building a `Rooster` runs three exact steps:
///
/// 1. **Choose** the conversations: every project meets its first
///    `maxGesprekken` fitting funds, in the preference order the caller gives.
/// 2. **Trim** (only when `maxRondes` is smaller than the minimum number of
///    rounds those conversations need): drop conversations until the minimum
///    fits, solved exactly as one min-cost flow so that, in this order of
///    importance, (a) as many projects as possible keep at least one
///    conversation — if all of a project's chosen funds are full, a
///    lower-ranked fitting fund with room may stand in —, (b) less-preferred
///    conversations are dropped before more-preferred ones (the number of
///    conversations kept at preference 0 is maximal, then at preference 1, …),
///    and (c) among equally preferred ones, those of projects with the most
///    conversations go first. Remaining ties follow the input order, so the
///    result is deterministic.
/// 3. **Schedule** in exactly ``minimumRondes(pairs:fondsen:)`` rounds: every
///    fund is split into one vertex per table, its conversations are spread
///    over the tables as evenly as possible, and the resulting bipartite
///    multigraph is edge-coloured with Δ colours (König's theorem, via
///    alternating-path recolouring). A colour is a round, a table copy a table.
///
/// Input ids are matched exactly; fund ids a project names that are not in
/// `fondsen`, and repeated fund ids in one project's list, are ignored.
/// Project and fund ids should be unique (for funds the first one counts).
public struct Rooster: Sendable, Equatable {

    /// A project admitted to the speed-date.
    public struct Project: Sendable, Hashable {
        /// Identifies the project in the output.
        public var id: String
        /// Ids of the funds that fit this project, best first (ranked by the caller).
        public var fits: [String]
        /// The most conversations this project may have (at least 1).
        public var maxGesprekken: Int

        /// Creates a project; `maxGesprekken` must be at least 1.
        public init(id: String, fits: [String], maxGesprekken: Int = 3) {
            precondition(maxGesprekken >= 1, "maxGesprekken must be at least 1")
            self.id = id
            self.fits = fits
            self.maxGesprekken = maxGesprekken
        }
    }

    /// A fund attending the speed-date.
    public struct Fonds: Sendable, Hashable {
        /// Identifies the fund in the input and output.
        public var id: String
        /// Parallel conversations this fund can hold in one round (at least 1).
        public var tafels: Int

        /// Creates a fund; `tafels` must be at least 1.
        public init(id: String, tafels: Int = 1) {
            precondition(tafels >= 1, "a fund needs at least one table")
            self.id = id
            self.tafels = tafels
        }
    }

    /// One scheduled conversation.
    public struct Gesprek: Sendable, Hashable {
        /// The project's id.
        public var project: String
        /// The fund's id.
        public var fonds: String
        /// The round, 1-based.
        public var ronde: Int
        /// The fund's table, 1-based, at most the fund's `tafels`.
        public var tafel: Int
        /// Position of the fund in the project's (cleaned) fit list, 0 = best.
        /// A value of `maxGesprekken` or more marks a stand-in conversation that
        /// replaced the project's chosen ones because those funds were full.
        public var preferenceIndex: Int

        /// Creates a conversation record.
        public init(project: String, fonds: String, ronde: Int, tafel: Int, preferenceIndex: Int) {
            self.project = project
            self.fonds = fonds
            self.ronde = ronde
            self.tafel = tafel
            self.preferenceIndex = preferenceIndex
        }
    }

    /// Why a chosen conversation was left out.
    public enum DropReason: Sendable, Hashable {
        /// The fund had more chosen conversations than `tafels × maxRondes`.
        case fundFull
        /// The project had more chosen conversations than `maxRondes`.
        case projectRounds
    }

    /// A chosen conversation that did not fit within `maxRondes`.
    public struct Dropped: Sendable, Hashable {
        /// The project's id.
        public var project: String
        /// The fund's id.
        public var fonds: String
        /// Position of the fund in the project's fit list, 0 = best.
        public var preferenceIndex: Int
        /// Why it was dropped.
        public var reason: DropReason

        /// Creates a dropped-conversation record.
        public init(project: String, fonds: String, preferenceIndex: Int, reason: DropReason) {
            self.project = project
            self.fonds = fonds
            self.preferenceIndex = preferenceIndex
            self.reason = reason
        }
    }

    /// The conversations, sorted by round, then fund (input order), then table.
    public let gesprekken: [Gesprek]
    /// The number of rounds used; equal to the lower bound for `gesprekken`.
    public let rondes: Int
    /// Chosen conversations that were left out to respect `maxRondes`, in
    /// project order, then preference order.
    public let dropped: [Dropped]
    /// Ids of projects with at least one fitting fund that still got no
    /// conversation (only possible when `maxRondes` is too small for everyone).
    public let unserved: [String]

    /// Plans the speed-date.
    ///
    /// - Parameters:
    ///   - projects: The admitted projects, each with its ranked fitting funds.
    ///   - fondsen: The attending funds; their order is the output's fund order.
    ///   - maxRondes: The most rounds the event has room for; `nil` = no limit.
    public init(projects: [Project], fondsen: [Fonds], maxRondes: Int? = nil) {
        var fundIndex: [String: Int] = [:]
        for (f, fund) in fondsen.enumerated() where fundIndex[fund.id] == nil {
            fundIndex[fund.id] = f
        }
        let tafels = fondsen.map(\.tafels)

        // Clean fit lists: known funds only, each once, order kept.
        var fits: [[Int]] = []
        for project in projects {
            var seen = [Bool](repeating: false, count: fondsen.count)
            var list: [Int] = []
            for id in project.fits {
                if let f = fundIndex[id], !seen[f] {
                    seen[f] = true
                    list.append(f)
                }
            }
            fits.append(list)
        }

        var chosen: [Pair] = []
        for (p, list) in fits.enumerated() {
            for (i, f) in list.prefix(projects[p].maxGesprekken).enumerated() {
                chosen.append(Pair(project: p, fund: f, preference: i))
            }
        }

        var kept = chosen
        var droppedPairs: [Pair] = []
        if let limit = maxRondes,
           Self.lowerBound(chosen, projectCount: projects.count, tafels: tafels) > limit {
            let trimmed = Self.trim(chosen: chosen, fits: fits, projects: projects,
                                    tafels: tafels, maxRondes: max(0, limit))
            kept = trimmed.kept
            droppedPairs = trimmed.dropped
        }

        // Reasons refer to the loads before trimming, which is what the organiser can act on.
        var projectLoad = [Int](repeating: 0, count: projects.count)
        var fundLoad = [Int](repeating: 0, count: fondsen.count)
        for pair in chosen {
            projectLoad[pair.project] += 1
            fundLoad[pair.fund] += 1
        }
        let limit = max(0, maxRondes ?? 0)
        dropped = droppedPairs.map { pair in
            let reason: DropReason = fundLoad[pair.fund] > tafels[pair.fund] * limit
                ? .fundFull : .projectRounds
            return Dropped(project: projects[pair.project].id, fonds: fondsen[pair.fund].id,
                           preferenceIndex: pair.preference, reason: reason)
        }

        var served = [Bool](repeating: false, count: projects.count)
        for pair in kept { served[pair.project] = true }
        unserved = projects.indices.filter { !fits[$0].isEmpty && !served[$0] }.map { projects[$0].id }

        let scheduled = Self.schedule(kept, projectCount: projects.count, tafels: tafels)
        rondes = scheduled.rounds
        gesprekken = scheduled.slots.map { slot in
            Gesprek(project: projects[slot.pair.project].id, fonds: fondsen[slot.pair.fund].id,
                    ronde: slot.round + 1, tafel: slot.table + 1,
                    preferenceIndex: slot.pair.preference)
        }
    }

    /// The fewest rounds in which the given conversations can be held:
    /// max(most conversations of one project, max over funds of ⌈conversations / tafels⌉).
    ///
    /// This bound is always reachable (see ``Rooster``), so it is the exact minimum.
    /// Pairs naming a fund that is not in `fondsen` count for the project only.
    public static func minimumRondes(pairs: [(project: String, fonds: String)], fondsen: [Fonds]) -> Int {
        var tafels: [String: Int] = [:]
        for fund in fondsen where tafels[fund.id] == nil { tafels[fund.id] = fund.tafels }
        var projectLoad: [String: Int] = [:]
        var fundLoad: [String: Int] = [:]
        var bound = 0
        for pair in pairs {
            projectLoad[pair.project, default: 0] += 1
            bound = max(bound, projectLoad[pair.project]!)
            if let t = tafels[pair.fonds] {
                fundLoad[pair.fonds, default: 0] += 1
                bound = max(bound, (fundLoad[pair.fonds]! + t - 1) / t)
            }
        }
        return bound
    }

    // MARK: - Internals

    /// A (project, fund) conversation by index, with the fund's rank for the project.
    struct Pair: Equatable {
        var project: Int
        var fund: Int
        var preference: Int
    }

    static func lowerBound(_ pairs: [Pair], projectCount: Int, tafels: [Int]) -> Int {
        var projectLoad = [Int](repeating: 0, count: projectCount)
        var fundLoad = [Int](repeating: 0, count: tafels.count)
        for pair in pairs {
            projectLoad[pair.project] += 1
            fundLoad[pair.fund] += 1
        }
        let fundBound = zip(fundLoad, tafels).map { ($0 + $1 - 1) / $1 }.max() ?? 0
        return max(projectLoad.max() ?? 0, fundBound)
    }

    /// Chooses which conversations to keep so that they fit in `maxRondes` rounds.
    ///
    /// By König's theorem a set of conversations fits in M rounds exactly when no
    /// project has more than M and no fund more than tafels × M, so this is a
    /// degree-constrained subgraph problem, solved exactly as a min-cost flow:
    ///
    ///     source → project(first) ─┬→ chosen pair → fund → sink (cap tafels × M)
    ///     source → project(rest)  ─┘
    ///     project(first) → fund directly for stand-in (non-chosen) fits
    ///
    /// The cost is a vector compared lexicographically, most important first:
    /// 1. projects with a conversation (a reward on each project's first unit);
    /// 2. kept chosen pairs at preference 0, then at preference 1, … — so a
    ///    conversation is only dropped when dropping less-preferred ones cannot do;
    /// 3. the preference index of stand-ins (prefer better-ranked stand-ins);
    /// 4. a unit cost growing with a project's number of conversations, so losses
    ///    fall on the projects with the most conversations.
    /// Stand-ins earn no preference-level reward, so they are only used when they
    /// let an otherwise empty-handed project in.
    static func trim(chosen: [Pair], fits: [[Int]], projects: [Project], tafels: [Int],
                     maxRondes: Int) -> (kept: [Pair], dropped: [Pair]) {
        let projectCount = projects.count
        var chosenDegree = [Int](repeating: 0, count: projectCount)
        for pair in chosen { chosenDegree[pair.project] += 1 }
        let units = chosenDegree.map { min($0, maxRondes) }

        var standIns: [Pair] = []
        for (p, list) in fits.enumerated() where units[p] > 0 {
            for (i, f) in list.enumerated() where i >= projects[p].maxGesprekken {
                standIns.append(Pair(project: p, fund: f, preference: i))
            }
        }

        let levels = (chosen.map(\.preference).max() ?? -1) + 1
        let coverage = 0
        let level = { (i: Int) in 1 + i }
        let standInRank = 1 + levels
        let fairness = 2 + levels
        let length = 3 + levels
        let zero = LexCost.zero(length)

        let source = 0, sink = 1
        let firstNode = { (p: Int) in 2 + 2 * p }
        let restNode = { (p: Int) in 3 + 2 * p }
        let pairBase = 2 + 2 * projectCount
        let fundBase = pairBase + chosen.count
        var flow = MinCostFlow(nodeCount: fundBase + tafels.count, costLength: length)

        for p in 0..<projectCount where units[p] > 0 {
            flow.addArc(source, firstNode(p), capacity: 1,
                        cost: LexCost.unit(coverage, -1, length: length)
                            + LexCost.unit(fairness, 1, length: length))
            if units[p] >= 2 {
                for k in 2...units[p] {
                    flow.addArc(source, restNode(p), capacity: 1,
                                cost: LexCost.unit(fairness, k, length: length))
                }
            }
        }
        var pairArcs: [Int] = []
        for (e, pair) in chosen.enumerated() {
            let node = pairBase + e
            flow.addArc(firstNode(pair.project), node, capacity: 1, cost: zero)
            flow.addArc(restNode(pair.project), node, capacity: 1, cost: zero)
            pairArcs.append(flow.addArc(node, fundBase + pair.fund, capacity: 1,
                                        cost: LexCost.unit(level(pair.preference), -1, length: length)))
        }
        let standInArcs = standIns.map { pair in
            flow.addArc(firstNode(pair.project), fundBase + pair.fund, capacity: 1,
                        cost: LexCost.unit(standInRank, pair.preference, length: length))
        }
        for (f, t) in tafels.enumerated() {
            flow.addArc(fundBase + f, sink, capacity: t * maxRondes, cost: zero)
        }
        flow.minimiseCost(from: source, to: sink)

        var kept: [Pair] = []
        var dropped: [Pair] = []
        var standInFor = [[Pair]](repeating: [], count: projectCount)
        for (pair, arc) in zip(standIns, standInArcs) where flow.flow(arc) > 0 {
            standInFor[pair.project].append(pair)
        }
        // Keep the output in project order, then preference order.
        var e = 0
        for p in 0..<projectCount {
            while e < chosen.count && chosen[e].project == p {
                if flow.flow(pairArcs[e]) > 0 { kept.append(chosen[e]) } else { dropped.append(chosen[e]) }
                e += 1
            }
            kept.append(contentsOf: standInFor[p])
        }
        return (kept, dropped)
    }

    struct Slot {
        var pair: Pair
        var round: Int
        var table: Int
    }

    /// Schedules the pairs in exactly `lowerBound` rounds by table splitting and
    /// bipartite edge colouring.
    static func schedule(_ pairs: [Pair], projectCount: Int, tafels: [Int]) -> (slots: [Slot], rounds: Int) {
        let rounds = lowerBound(pairs, projectCount: projectCount, tafels: tafels)
        guard rounds > 0 else { return ([], 0) }

        // Round-robin over the tables gives each table at most ⌈load / tafels⌉ ≤ rounds
        // conversations, so the split graph has maximum degree `rounds`.
        var tableBase: [Int] = []
        var next = projectCount
        for t in tafels {
            tableBase.append(next)
            next += t
        }
        var assigned = [Int](repeating: 0, count: tafels.count)
        var tables: [Int] = []
        var edges: [(u: Int, v: Int)] = []
        for pair in pairs {
            let table = assigned[pair.fund] % tafels[pair.fund]
            assigned[pair.fund] += 1
            tables.append(table)
            edges.append((pair.project, tableBase[pair.fund] + table))
        }
        let colours = EdgeColouring.colour(edges: edges, vertexCount: next, colours: rounds)

        var slots = pairs.indices.map { Slot(pair: pairs[$0], round: colours[$0], table: tables[$0]) }
        slots.sort { a, b in
            (a.round, a.pair.fund, a.table, a.pair.project) < (b.round, b.pair.fund, b.table, b.pair.project)
        }
        return (slots, rounds)
    }
}
