import Testing
@testable import VIPPlanning

@Suite struct SchulzeTests {
    /// The 45-voter example of the English Wikipedia article "Schulze method"
    /// (section "Example"; also M. Schulze, "Schulze method examples", Example 1):
    /// 5 ACBED, 5 ADECB, 8 BEDAC, 3 CABED, 7 CAEBD, 2 CBADE, 7 DCEBA, 8 EBADC.
    /// Published d and p matrices and the ranking E > A > C > B > D.
    @Test func wikipedia45Voters() throws {
        let ballots = [
            (5, "ACBED"), (5, "ADECB"), (8, "BEDAC"), (3, "CABED"),
            (7, "CAEBD"), (2, "CBADE"), (7, "DCEBA"), (8, "EBADC"),
        ].map { Schulze.Ballot($0.1.map(String.init), count: $0.0) }
        let result = try Schulze(candidates: ["A", "B", "C", "D", "E"], ballots: ballots)

        #expect(result.pairwise == [
            [0, 20, 26, 30, 22],
            [25, 0, 16, 33, 18],
            [19, 29, 0, 17, 24],
            [15, 12, 28, 0, 14],
            [23, 27, 21, 31, 0],
        ])
        #expect(result.strongestPaths == [
            [0, 28, 28, 30, 24],
            [25, 0, 28, 33, 24],
            [25, 29, 0, 29, 24],
            [25, 28, 28, 0, 24],
            [25, 28, 28, 31, 0],
        ])
        #expect(result.ranking == ["E", "A", "C", "B", "D"])
        #expect(result.ties.isEmpty)
        #expect(result.beats("E", "A"))
        #expect(!result.beats("D", "B"))
    }

    /// The "Tennessee capital" example used in the English Wikipedia articles on
    /// Condorcet methods (e.g. "Condorcet method", "Ranked pairs", "Schulze method"):
    /// 42% Memphis > Nashville > Chattanooga > Knoxville, 26% Nashville > Chattanooga >
    /// Knoxville > Memphis, 15% Chattanooga > Knoxville > Nashville > Memphis,
    /// 17% Knoxville > Chattanooga > Nashville > Memphis. Nashville is the Condorcet
    /// winner; the published ranking is Nashville > Chattanooga > Knoxville > Memphis.
    @Test func tennesseeCapital() throws {
        let m = "Memphis", n = "Nashville", c = "Chattanooga", k = "Knoxville"
        let result = try Schulze(candidates: [m, n, c, k], ballots: [
            Schulze.Ballot([m, n, c, k], count: 42),
            Schulze.Ballot([n, c, k, m], count: 26),
            Schulze.Ballot([c, k, n, m], count: 15),
            Schulze.Ballot([k, c, n, m], count: 17),
        ])
        #expect(result.ranking == [n, c, k, m])
        // Published pairwise results: Nashville beats Memphis 58–42, Chattanooga 68–32,
        // Knoxville 68–32; Chattanooga beats Knoxville 83–17.
        #expect(result.pairwise[1][0] == 58 && result.pairwise[0][1] == 42)
        #expect(result.pairwise[1][2] == 68 && result.pairwise[1][3] == 68)
        #expect(result.pairwise[2][3] == 83 && result.pairwise[3][2] == 17)
        #expect(result.ties.isEmpty)
    }

    /// The Condorcet paradox (Wikipedia "Condorcet paradox"; Condorcet 1785): three
    /// voters A > B > C, B > C > A, C > A > B. Every pairwise contest is 2–1 and every
    /// strongest path has strength 2, so Schulze declares a full tie; the tie-break
    /// falls back to the candidate order and is reported.
    @Test func condorcetParadoxIsAReportedTie() throws {
        let result = try Schulze(candidates: ["A", "B", "C"],
                                 rankings: [["A", "B", "C"], ["B", "C", "A"], ["C", "A", "B"]])
        #expect(result.pairwise == [[0, 2, 1], [1, 0, 2], [2, 1, 0]])
        #expect(result.strongestPaths == [[0, 2, 2], [2, 0, 2], [2, 2, 0]])
        #expect(result.tiers == [["A", "B", "C"]])
        #expect(result.ties == [["A", "B", "C"]])
        #expect(result.ranking == ["A", "B", "C"])
    }

    @Test func threeGroupsWithTheSameRanking() throws {
        let result = try Schulze(candidates: ["A", "B", "C"],
                                 rankings: Array(repeating: ["B", "A", "C"], count: 3))
        #expect(result.ranking == ["B", "A", "C"])
        #expect(result.ties.isEmpty)
    }

    @Test func unrankedCandidatesRankLast() throws {
        let result = try Schulze(candidates: ["A", "B", "C"], rankings: [["C"]])
        #expect(result.pairwise == [[0, 0, 0], [0, 0, 0], [1, 1, 0]])
        #expect(result.tiers == [["C"], ["A", "B"]])
    }

    @Test func invalidBallotsAreRejected() {
        #expect(throws: RankingError.unknownCandidate("D")) {
            try Schulze(candidates: ["A", "B"], rankings: [["A", "D"]])
        }
        #expect(throws: RankingError.duplicate("A", context: "a ballot")) {
            try Schulze(candidates: ["A", "B"], rankings: [["A", "A"]])
        }
        #expect(throws: RankingError.duplicate("A", context: "the candidates")) {
            try Schulze(candidates: ["A", "A"], rankings: [])
        }
    }

    @Test func noCandidates() throws {
        let result = try Schulze(candidates: [], rankings: [])
        #expect(result.ranking.isEmpty)
    }
}
