import PropertyBased
import Testing
@testable import VIPPlanning

// MARK: - Random instances

/// A small random event, built deterministically from generated numbers so that
/// PropertyBased can report and replay a failing seed.
struct Event: CustomStringConvertible {
    var projects: [Rooster.Project]
    var funds: [Rooster.Fonds]
    var maxRondes: Int?

    /// - Parameters:
    ///   - specs: per project (bit mask of fitting funds, maxGesprekken, shuffle seed).
    ///   - tafels: per fund its number of tables.
    init(specs: [(Int, Int, Int)], tafels: [Int], maxRondes: Int?) {
        let funds = tafels.enumerated().map { Rooster.Fonds(id: "F\($0.offset)", tafels: $0.element) }
        self.funds = funds
        projects = specs.enumerated().map { index, spec in
            let (mask, maxGesprekken, seed) = spec
            var fits = funds.indices.filter { mask & (1 << $0) != 0 }.map { "F\($0)" }
            // Fisher–Yates with a tiny LCG: a random but reproducible preference order.
            var state = UInt64(seed) &* 6364136223846793005 &+ 1442695040888963407
            if fits.count > 1 {
                for i in stride(from: fits.count - 1, to: 0, by: -1) {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    fits.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
                }
            }
            return Rooster.Project(id: "P\(index)", fits: fits, maxGesprekken: maxGesprekken)
        }
        self.maxRondes = maxRondes
    }

    init(projects: [Rooster.Project], funds: [Rooster.Fonds], maxRondes: Int? = nil) {
        self.projects = projects
        self.funds = funds
        self.maxRondes = maxRondes
    }

    var description: String {
        let p = projects.map { "\($0.id)(max \($0.maxGesprekken)): \($0.fits)" }.joined(separator: "; ")
        let f = funds.map { "\($0.id)×\($0.tafels)" }.joined(separator: " ")
        return "projects [\(p)] funds [\(f)] maxRondes \(maxRondes.map(String.init) ?? "nil")"
    }

    func tafels(_ id: String) -> Int { funds.first { $0.id == id }!.tafels }

    var chosen: [(project: String, fonds: String, preference: Int)] {
        projects.flatMap { p in
            p.fits.prefix(p.maxGesprekken).enumerated().map { (p.id, $0.element, $0.offset) }
        }
    }
}

let eventGenerator = zip(
    zip(Gen.int(in: 0...255), Gen.int(in: 1...4), Gen.int(in: 0...1_000_000)).array(of: 0...12),
    Gen.int(in: 1...3).array(of: 1...8),
    Gen.int(in: 1...5).optional
).map { Event(specs: $0, tafels: $1, maxRondes: $2) }

/// Tiny events for the brute-force comparisons.
let tinyEventGenerator = zip(
    zip(Gen.int(in: 0...7), Gen.int(in: 1...3), Gen.int(in: 0...1_000_000)).array(of: 0...4),
    Gen.int(in: 1...2).array(of: 1...3),
    Gen.int(in: 1...3).optional
).map { Event(specs: $0, tafels: $1, maxRondes: $2) }

// MARK: - Independent reference computations (deliberately naive)

/// The lower bound computed straight from its definition, with nested loops.
func bruteLowerBound(_ pairs: [(project: String, fonds: String)], _ event: Event) -> Int {
    var bound = 0
    for project in event.projects {
        bound = max(bound, pairs.filter { $0.project == project.id }.count)
    }
    for fund in event.funds {
        let load = pairs.filter { $0.fonds == fund.id }.count
        var rounds = 0
        while rounds * fund.tafels < load { rounds += 1 }
        bound = max(bound, rounds)
    }
    return bound
}

/// Whether the pairs can be held in `rounds` rounds, by backtracking over round choices.
func schedulable(_ pairs: [(project: String, fonds: String)], _ event: Event, rounds: Int) -> Bool {
    var round = [Int](repeating: -1, count: pairs.count)
    func place(_ i: Int) -> Bool {
        if i == pairs.count { return true }
        for r in 0..<rounds {
            let clash = (0..<i).contains { round[$0] == r && pairs[$0].project == pairs[i].project }
            let atFund = (0..<i).filter { round[$0] == r && pairs[$0].fonds == pairs[i].fonds }.count
            if !clash && atFund < event.tafels(pairs[i].fonds) {
                round[i] = r
                if place(i + 1) { return true }
            }
        }
        return false
    }
    return place(0)
}

/// Most projects that can each get one conversation with a fitting fund when every
/// fund holds at most tafels × maxRondes (simple augmenting paths, capacities unrolled).
func maximumCoverage(_ event: Event, maxRondes: Int) -> Int {
    var slotOwner: [String: [Int]] = [:]   // fund -> project index per occupied slot
    func augment(_ p: Int, _ visited: inout Set<String>) -> Bool {
        for fund in event.projects[p].fits where !visited.contains(fund) {
            visited.insert(fund)
            let owners = slotOwner[fund, default: []]
            if owners.count < event.tafels(fund) * maxRondes {
                slotOwner[fund, default: []].append(p)
                return true
            }
            for (slot, owner) in owners.enumerated() where augment(owner, &visited) {
                slotOwner[fund]![slot] = p
                return true
            }
        }
        return false
    }
    var covered = 0
    for p in event.projects.indices where !event.projects[p].fits.isEmpty {
        var visited: Set<String> = []
        if augment(p, &visited) { covered += 1 }
    }
    return covered
}

/// Checks every schedule invariant of the brief against an event and its Rooster.
func checkInvariants(_ event: Event, _ rooster: Rooster) {
    let gesprekken = rooster.gesprekken
    let pairs = gesprekken.map { (project: $0.project, fonds: $0.fonds) }

    for g in gesprekken {
        #expect((1...rooster.rondes).contains(g.ronde), "round out of range: \(g)")
        #expect((1...event.tafels(g.fonds)).contains(g.tafel), "table out of range: \(g)")
        let project = event.projects.first { $0.id == g.project }!
        #expect(project.fits.firstIndex(of: g.fonds) == g.preferenceIndex, "not a fitting fund: \(g)")
        let sameRound = gesprekken.filter { $0.ronde == g.ronde }
        #expect(sameRound.filter { $0.project == g.project }.count == 1, "project twice in a round: \(g)")
        #expect(sameRound.filter { $0.fonds == g.fonds }.count <= event.tafels(g.fonds),
                "fund above its tables: \(g)")
        #expect(sameRound.filter { $0.fonds == g.fonds && $0.tafel == g.tafel }.count == 1,
                "two conversations at one table: \(g)")
        #expect(gesprekken.filter { $0.project == g.project && $0.fonds == g.fonds }.count == 1,
                "same pair twice: \(g)")
    }
    for project in event.projects {
        let count = gesprekken.filter { $0.project == project.id }.count
        #expect(count <= project.maxGesprekken)
        if let limit = event.maxRondes { #expect(count <= limit) }
    }

    #expect(rooster.rondes == bruteLowerBound(pairs, event))
    #expect(rooster.rondes == Rooster.minimumRondes(pairs: pairs, fondsen: event.funds))
    #expect(Set(gesprekken.map(\.ronde)).count == rooster.rondes, "an empty round")
    if let limit = event.maxRondes { #expect(rooster.rondes <= limit) }

    // Sorted by round, fund order, table.
    let fundOrder = { (id: String) in event.funds.firstIndex { $0.id == id }! }
    let keys = gesprekken.map { ($0.ronde, fundOrder($0.fonds), $0.tafel) }
    #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 })

    // Every chosen conversation is either held or reported dropped, never both.
    let chosen = event.chosen
    for c in chosen {
        let held = gesprekken.contains { $0.project == c.project && $0.fonds == c.fonds }
        let dropped = rooster.dropped.contains { $0.project == c.project && $0.fonds == c.fonds }
        #expect(held != dropped, "chosen \(c) held \(held) dropped \(dropped)")
    }
    // Stand-ins (beyond the chosen ones) only for a project that has nothing else.
    for g in gesprekken where !chosen.contains(where: { $0.project == g.project && $0.fonds == g.fonds }) {
        #expect(gesprekken.filter { $0.project == g.project }.count == 1, "needless stand-in \(g)")
    }

    let withFit = event.projects.filter { !$0.fits.isEmpty }.map(\.id)
    let served = withFit.filter { id in gesprekken.contains { $0.project == id } }
    #expect(rooster.unserved == withFit.filter { !served.contains($0) })
    if let limit = event.maxRondes {
        #expect(served.count == maximumCoverage(event, maxRondes: limit), "coverage not maximal")
    } else {
        // Without a limit nothing is dropped and every project meets its top funds.
        #expect(rooster.dropped.isEmpty)
        #expect(gesprekken.count == chosen.count)
        #expect(served.count == withFit.count)
    }
}

// MARK: - Property tests

@Suite struct RoosterPropertyTests {
    @Test func randomEventsSatisfyAllInvariants() async {
        await propertyCheck(count: 300, input: eventGenerator) { event in
            let rooster = Rooster(projects: event.projects, fondsen: event.funds, maxRondes: event.maxRondes)
            checkInvariants(event, rooster)
        }
    }

    @Test func randomEventsWithoutLimitUseExactlyTheLowerBound() async {
        await propertyCheck(count: 200, input: eventGenerator) { event in
            let rooster = Rooster(projects: event.projects, fondsen: event.funds)
            let chosen = event.chosen.map { (project: $0.project, fonds: $0.fonds) }
            #expect(rooster.rondes == bruteLowerBound(chosen, event))
        }
    }

    @Test func isDeterministic() async {
        await propertyCheck(count: 50, input: eventGenerator) { event in
            let a = Rooster(projects: event.projects, fondsen: event.funds, maxRondes: event.maxRondes)
            let b = Rooster(projects: event.projects, fondsen: event.funds, maxRondes: event.maxRondes)
            #expect(a == b)
        }
    }

    /// On tiny events a full search confirms that no schedule with fewer rounds exists.
    @Test func noScheduleWithFewerRoundsExists() async {
        await propertyCheck(count: 200, input: tinyEventGenerator) { event in
            let rooster = Rooster(projects: event.projects, fondsen: event.funds, maxRondes: event.maxRondes)
            checkInvariants(event, rooster)
            let pairs = rooster.gesprekken.map { (project: $0.project, fonds: $0.fonds) }
            if rooster.rondes > 0 {
                #expect(!schedulable(pairs, event, rounds: rooster.rondes - 1))
                #expect(schedulable(pairs, event, rounds: rooster.rondes))
            }
        }
    }

    /// On tiny events with a round limit, compare the kept conversations with the best
    /// of all subsets: most projects served, then most kept at preference 0, 1, …
    @Test func trimmingIsOptimal() async {
        await propertyCheck(count: 200, input: tinyEventGenerator.filter { $0.maxRondes != nil }) { event in
            let limit = event.maxRondes!
            let rooster = Rooster(projects: event.projects, fondsen: event.funds, maxRondes: limit)
            let chosen = event.chosen
            let all = event.projects.flatMap { p in
                p.fits.enumerated().map { (project: p.id, fonds: $0.element, preference: $0.offset,
                                           isChosen: $0.offset < p.maxGesprekken) }
            }
            let levels = (chosen.map(\.preference).max() ?? -1) + 1
            func score(_ kept: [(project: String, fonds: String, preference: Int, isChosen: Bool)]) -> [Int] {
                let served = Set(kept.map(\.project)).count
                return [served] + (0..<levels).map { level in
                    kept.filter { $0.isChosen && $0.preference == level }.count
                }
            }
            var best: [Int] = []
            for mask in 0..<(1 << all.count) {
                let kept = all.indices.filter { mask & (1 << $0) != 0 }.map { all[$0] }
                let valid = event.projects.allSatisfy { p in
                    let mine = kept.filter { $0.project == p.id }
                    return mine.count <= min(p.maxGesprekken, limit)
                        && (mine.allSatisfy(\.isChosen) || mine.count == 1)
                } && event.funds.allSatisfy { f in
                    kept.filter { $0.fonds == f.id }.count <= f.tafels * limit
                }
                if valid, best.lexicographicallyPrecedes(score(kept)) { best = score(kept) }
            }
            let actual = score(rooster.gesprekken.map { g in
                (project: g.project, fonds: g.fonds, preference: g.preferenceIndex,
                 isChosen: chosen.contains { $0.project == g.project && $0.fonds == g.fonds })
            })
            #expect(actual == best)
        }
    }
}

// MARK: - Edge cases

@Suite struct RoosterTests {
    @Test func noProjects() {
        let rooster = Rooster(projects: [], fondsen: [Rooster.Fonds(id: "Oranje Fonds")])
        #expect(rooster.gesprekken.isEmpty)
        #expect(rooster.rondes == 0)
        #expect(rooster.dropped.isEmpty)
        #expect(rooster.unserved.isEmpty)
    }

    @Test func projectWithoutFittingFundGetsNothingAndIsNotUnserved() {
        let rooster = Rooster(
            projects: [Rooster.Project(id: "Steunpilaar", fits: []),
                       Rooster.Project(id: "Buurtmoestuin", fits: ["Onbekend Fonds", "VSB"])],
            fondsen: [Rooster.Fonds(id: "VSB")])
        #expect(rooster.gesprekken == [
            Rooster.Gesprek(project: "Buurtmoestuin", fonds: "VSB", ronde: 1, tafel: 1, preferenceIndex: 0),
        ])
        #expect(rooster.unserved.isEmpty)
        #expect(rooster.rondes == 1)
    }

    @Test func oneFundOneTableFiveProjectsTakesFiveRounds() {
        let projects = (1...5).map { Rooster.Project(id: "P\($0)", fits: ["F"]) }
        let rooster = Rooster(projects: projects, fondsen: [Rooster.Fonds(id: "F", tafels: 1)])
        #expect(rooster.rondes == 5)
        #expect(rooster.gesprekken.map(\.ronde) == [1, 2, 3, 4, 5])
        #expect(rooster.gesprekken.allSatisfy { $0.tafel == 1 })
        #expect(Set(rooster.gesprekken.map(\.project)).count == 5)
    }

    @Test func tablesShareTheLoad() {
        let projects = (1...5).map { Rooster.Project(id: "P\($0)", fits: ["F"]) }
        let rooster = Rooster(projects: projects, fondsen: [Rooster.Fonds(id: "F", tafels: 2)])
        #expect(rooster.rondes == 3)
        #expect(Set(rooster.gesprekken.map { [$0.ronde, $0.tafel] }).count == 5)
    }

    @Test func projectWithManyFitsIsLimitedToMaxGesprekken() {
        let funds = ["A", "B", "C", "D", "E"].map { Rooster.Fonds(id: $0) }
        let rooster = Rooster(projects: [Rooster.Project(id: "P", fits: ["E", "D", "C", "B", "A"])],
                              fondsen: funds)
        #expect(rooster.gesprekken.map(\.fonds).sorted() == ["C", "D", "E"])
        #expect(rooster.rondes == 3)
    }

    @Test func maxRondesTooSmallDropsLeastPreferredFirst() {
        // Two rounds, one table: fund A can hold two of its three conversations. For
        // P2 and P3 it is the first choice, for P1 only the second: P1-A goes.
        let funds = ["A", "B", "C"].map { Rooster.Fonds(id: $0) }
        let projects = [
            Rooster.Project(id: "P1", fits: ["B", "A"]),
            Rooster.Project(id: "P2", fits: ["A", "C"]),
            Rooster.Project(id: "P3", fits: ["A", "B"]),
        ]
        let rooster = Rooster(projects: projects, fondsen: funds, maxRondes: 2)
        #expect(rooster.rondes == 2)
        #expect(rooster.dropped == [
            Rooster.Dropped(project: "P1", fonds: "A", preferenceIndex: 1, reason: .fundFull),
        ])
        checkInvariants(Event(projects: projects, funds: funds, maxRondes: 2), rooster)
    }

    @Test func aProjectsLastConversationIsKept() {
        // Fund A (1 table) is wanted by four projects, but two rounds hold only two.
        // P3 and P4 have no other fit, so they keep A; P1 and P2 lose it — for P2 its
        // best fund — because each still has another conversation.
        let funds = ["A", "B", "C"].map { Rooster.Fonds(id: $0) }
        let projects = [
            Rooster.Project(id: "P1", fits: ["B", "A"]),
            Rooster.Project(id: "P2", fits: ["A", "C"]),
            Rooster.Project(id: "P3", fits: ["A"]),
            Rooster.Project(id: "P4", fits: ["A"]),
        ]
        let rooster = Rooster(projects: projects, fondsen: funds, maxRondes: 2)
        #expect(rooster.rondes == 2)
        #expect(rooster.unserved.isEmpty)
        #expect(rooster.dropped == [
            Rooster.Dropped(project: "P1", fonds: "A", preferenceIndex: 1, reason: .fundFull),
            Rooster.Dropped(project: "P2", fonds: "A", preferenceIndex: 0, reason: .fundFull),
        ])
        checkInvariants(Event(projects: projects, funds: funds, maxRondes: 2), rooster)
    }

    @Test func dropsTheLeastPreferredConversationOfABusyProject() {
        // P has three conversations but only two rounds: its third choice goes.
        let funds = ["A", "B", "C"].map { Rooster.Fonds(id: $0) }
        let projects = [Rooster.Project(id: "P", fits: ["C", "A", "B"])]
        let rooster = Rooster(projects: projects, fondsen: funds, maxRondes: 2)
        #expect(rooster.dropped == [Rooster.Dropped(project: "P", fonds: "B", preferenceIndex: 2,
                                                    reason: .projectRounds)])
        #expect(rooster.gesprekken.map(\.fonds).sorted() == ["A", "C"])
    }

    @Test func tiesGoAgainstTheProjectWithMostConversations() {
        // Fund A (1 table, 3 rounds) is everyone's first choice, one too many. P1 has
        // the most conversations, so its A is the one dropped.
        let funds = ["A", "B", "C", "D", "E"].map { Rooster.Fonds(id: $0) }
        let projects = [
            Rooster.Project(id: "P1", fits: ["A", "B", "C"]),
            Rooster.Project(id: "P2", fits: ["A", "D"]),
            Rooster.Project(id: "P3", fits: ["A"]),
            Rooster.Project(id: "P4", fits: ["A", "E"]),
        ]
        let rooster = Rooster(projects: projects, fondsen: funds, maxRondes: 3)
        #expect(rooster.dropped == [Rooster.Dropped(project: "P1", fonds: "A", preferenceIndex: 0,
                                                    reason: .fundFull)])
        #expect(rooster.rondes == 3)
        checkInvariants(Event(projects: projects, funds: funds, maxRondes: 3), rooster)
    }

    @Test func minimalRoundLimitKeepsTheBestFund() {
        // One round: P1 keeps its favourite, P2 the only fund left for it.
        let funds = ["A", "B"].map { Rooster.Fonds(id: $0) }
        let projects = [
            Rooster.Project(id: "P1", fits: ["A", "B"]),
            Rooster.Project(id: "P2", fits: ["A"]),
        ]
        let rooster = Rooster(projects: projects, fondsen: funds, maxRondes: 1)
        #expect(rooster.gesprekken.map { "\($0.project)-\($0.fonds)" } == ["P2-A", "P1-B"])
        #expect(rooster.dropped == [Rooster.Dropped(project: "P1", fonds: "A", preferenceIndex: 0,
                                                    reason: .fundFull)])
    }

    @Test func infeasibleCoverageDropsAsFewProjectsAsPossible() {
        // One fund, one table, one round, three projects whose only fit it is: two
        // cannot be served, and they are reported.
        let projects = (1...3).map { Rooster.Project(id: "P\($0)", fits: ["F"]) }
        let rooster = Rooster(projects: projects, fondsen: [Rooster.Fonds(id: "F")], maxRondes: 1)
        #expect(rooster.gesprekken.count == 1)
        #expect(rooster.dropped.count == 2)
        #expect(rooster.dropped.allSatisfy { $0.reason == .fundFull })
        #expect(rooster.unserved.count == 2)
    }

    @Test func standInFundServesAProjectWhoseChosenFundsAreFull() {
        // P2 may have one conversation; its first choice A is taken by P1, whose only
        // fit is A. A fitting fund beyond maxGesprekken stands in.
        let funds = ["A", "B"].map { Rooster.Fonds(id: $0) }
        let projects = [
            Rooster.Project(id: "P1", fits: ["A"]),
            Rooster.Project(id: "P2", fits: ["A", "B"], maxGesprekken: 1),
        ]
        let rooster = Rooster(projects: projects, fondsen: funds, maxRondes: 1)
        #expect(rooster.gesprekken.map { "\($0.project)-\($0.fonds)-\($0.preferenceIndex)" }
                == ["P1-A-0", "P2-B-1"])
        #expect(rooster.dropped == [Rooster.Dropped(project: "P2", fonds: "A", preferenceIndex: 0,
                                                    reason: .fundFull)])
        #expect(rooster.unserved.isEmpty)
    }

    @Test func minimumRondesHelper() {
        let funds = [Rooster.Fonds(id: "A", tafels: 2), Rooster.Fonds(id: "B")]
        #expect(Rooster.minimumRondes(pairs: [], fondsen: funds) == 0)
        let pairs = [("P1", "A"), ("P2", "A"), ("P3", "A"), ("P1", "B"), ("P2", "B")]
            .map { (project: $0.0, fonds: $0.1) }
        #expect(Rooster.minimumRondes(pairs: pairs, fondsen: funds) == 2)
        #expect(Rooster.minimumRondes(pairs: pairs + [(project: "P1", fonds: "X"), (project: "P1", fonds: "Y")],
                                      fondsen: funds) == 4)
    }

    @Test func hardInstanceNeedsAlternatingPaths() {
        // A 4-regular-ish bipartite instance where greedy first-fit colouring needs
        // more than Δ rounds; the exact colouring must hit the bound.
        let funds = (0..<4).map { Rooster.Fonds(id: "F\($0)") }
        let projects = (0..<4).map { p in
            Rooster.Project(id: "P\(p)", fits: (0..<4).map { "F\((p + $0 * 3) % 4)" }, maxGesprekken: 4)
        }
        let rooster = Rooster(projects: projects, fondsen: funds)
        #expect(rooster.rondes == 4)
        checkInvariants(Event(projects: projects, funds: funds), rooster)
    }
}
