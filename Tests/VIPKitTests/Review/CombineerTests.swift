import Foundation
import Testing
import VIPPlanning
@testable import VIPKit

@Suite("Review: combineer")
struct ReviewCombineerTests {
    @Test func readsHeaderNamesAndSeparators() throws {
        let csv = """
            groep;eerste;tweede;derde
            Tafel 1;B;A;C
            # te laat ingeleverd, telt wel mee
            Tafel 2; b ; c ; a

            """
        let g = try Combineer.lees(csv, bestand: "r.csv")
        #expect(g.map(\.naam) == ["Tafel 1", "Tafel 2"])
        #expect(g.map(\.rangorde) == [["B", "A", "C"], ["B", "C", "A"]])
        #expect(g.map(\.regel) == [2, 4])
        let zonder = try Combineer.lees("A,B,C\r\nC,B,A\r\n", bestand: "r.csv")
        #expect(zonder.map(\.naam) == ["groep 1", "groep 2"])
    }

    @Test(arguments: [
        ("B,A,C\nB,A\n", "r.csv:2: verwacht 3 letters"),
        ("B,A,C\nB,A,D\n", "r.csv:2: `D` is geen aanvraag"),
        ("B,A,C\ngroep x,B,B,C\n", "r.csv:2: aanvraag B staat twee keer"),
        ("kop,een,twee\n", "r.csv: er staat geen enkele rangorde in."),
    ])
    func badCSVNamesTheLine(_ csv: String, _ melding: String) {
        #expect {
            _ = try Combineer.lees(csv, bestand: "r.csv")
        } throws: { error in
            (error as? ReviewFout).map { $0.description.hasPrefix(melding) } ?? false
        }
    }

    @Test func schulzeAndKendallInTheTable() throws {
        // Five groups; B beats A 4–1, B beats C 3–2, A beats C 3–2: Schulze gives B > A > C.
        let csv = "B,A,C\nB,A,C\nB,C,A\nA,C,B\nC,B,A\n"
        let u = try Combineer.combineer(try Combineer.lees(csv, bestand: "r.csv"), referentie: ["B", "A", "C"])
        #expect(u.schulze.ranking == ["B", "A", "C"])
        let t = Combineer.tabel(u)
        #expect(t.contains("Gecombineerde rangorde (Schulze, 5 groepen): B > A > C"))
        #expect(t.range(of: #"groep 1 +B A C +0 +\+1,00"#, options: .regularExpression) != nil, "\(t)")
        #expect(t.range(of: #"groep 5 +C B A +2 +-0,33"#, options: .regularExpression) != nil, "\(t)")
        #expect(t.contains("A boven B: 1, B boven A: 4"))
    }

    /// The worked example of Schulze (2011), §3.1 / Wikipedia "Schulze method": 45 voters, five
    /// candidates; the result is E > A > C > B > D.
    @Test func publishedWorkedExample() throws {
        let ballots: [([String], Int)] = [
            (["A", "C", "B", "E", "D"], 5), (["A", "D", "E", "C", "B"], 5), (["B", "E", "D", "A", "C"], 8),
            (["C", "A", "B", "E", "D"], 3), (["C", "A", "E", "B", "D"], 7), (["C", "B", "A", "D", "E"], 2),
            (["D", "C", "E", "B", "A"], 7), (["E", "B", "A", "D", "C"], 8),
        ]
        let s = try Schulze(candidates: ["A", "B", "C", "D", "E"], ballots: ballots.map { Schulze.Ballot($0.0, count: $0.1) })
        #expect(s.ranking == ["E", "A", "C", "B", "D"])
    }

    @Test func cliWithDocentenblad() throws {
        let dir = Repo.tempDir("vip-combineer")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "groep,1,2,3\nrood,C,B,A\ngroen,C,A,B\nblauw,B,C,A\n".write(toFile: dir + "/r.csv", atomically: true, encoding: .utf8)
        try #"{"toewijzing": {"A": "x", "B": "y", "C": "z"}, "rangorde": ["C", "B", "A"], "aanvragen": {}}"#
            .write(toFile: dir + "/blad.json", atomically: true, encoding: .utf8)
        let r = try VipBinary.run(["review", "combineer", dir + "/r.csv", "--docentenblad", dir + "/blad.json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Gecombineerde rangorde (Schulze, 3 groepen): C > B > A"))
        #expect(r.stdout.contains("Referentie van de docent: C > B > A"))
        #expect(r.stdout.contains("groen"))
        // Without a docentenblad at the default place: a warning, no distance column.
        let zonder = try VipBinary.run(["review", "combineer", dir + "/r.csv"], cwd: dir)
        #expect(zonder.status == 0 && zonder.stderr.contains("niet gevonden") && !zonder.stdout.contains("Afstand"))
        try "C,B,A\nC,X,A\n".write(toFile: dir + "/fout.csv", atomically: true, encoding: .utf8)
        let fout = try VipBinary.run(["review", "combineer", dir + "/fout.csv", "--docentenblad", dir + "/blad.json"])
        #expect(fout.status == 2 && fout.stderr.contains("fout.csv:2:"))
    }
}
