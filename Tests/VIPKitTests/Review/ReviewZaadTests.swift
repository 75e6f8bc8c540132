import Foundation
import Testing
@testable import VIPKit
import VIPHash
import VIPModel
import VIPZip

/// The letters do not follow the order of the arguments (issue 9): without `--zaad` the seed
/// comes from the content of the three aanvragen.
@Suite("Review: letters from the content", .serialized)
struct ReviewZaadTests {
    static let fixtures = ReviewPeerreviewTests.fixtures

    static let zesVolgordes = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]

    /// Letter → file name, from the CLI's "Aanvraag A: pad (score n)" lines.
    static func toewijzing(_ stdout: String) -> [String: String] {
        var uit: [String: String] = [:]
        for regel in stdout.split(separator: "\n") where regel.hasPrefix("Aanvraag ") {
            let delen = regel.dropFirst("Aanvraag ".count).split(separator: " ")
            guard delen.count >= 2 else { continue }
            uit[String(delen[0].dropLast())] = (String(delen[1]) as NSString).lastPathComponent
        }
        return uit
    }

    @Test func sameLettersInAllSixOrders() throws {
        let dir = Repo.tempDir("vip-review-volgorde")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var toewijzingen: [[String: String]] = []
        var zaadregels: Set<String> = []
        var rangordes: Set<String> = []
        for (run, volgorde) in Self.zesVolgordes.enumerated() {
            let r = try VipBinary.run(["review"] + volgorde.map { Self.fixtures[$0] } + ["--uit", "\(dir)/\(run)"])
            #expect(r.status == 0, "\(r.stderr)")
            toewijzingen.append(Self.toewijzing(r.stdout))
            zaadregels.formUnion(r.stdout.split(separator: "\n").filter { $0.hasPrefix("Zaad: ") }.map(String.init))
            rangordes.formUnion(r.stdout.split(separator: "\n").filter { $0.hasPrefix("Referentierangorde") }.map(String.init))
        }
        #expect(Set(toewijzingen[0].values) == ["goed.yaml", "matig.yaml", "zwak.yaml"])
        for t in toewijzingen { #expect(t == toewijzingen[0]) }
        #expect(rangordes.count == 1)

        // One seed, printed, derived from the content, and it repeats the letters in any order.
        let review = Peerreview()
        let zaad = Peerreview.inhoudszaad(try review.lees(Self.fixtures))
        #expect(zaadregels == ["Zaad: \(zaad) (herhaal met --zaad \(zaad))"])
        let herhaald = try VipBinary.run(["review"] + Self.fixtures.reversed() + ["--uit", "\(dir)/herhaald", "--zaad", "\(zaad)"])
        #expect(herhaald.status == 0, "\(herhaald.stderr)")
        #expect(Self.toewijzing(herhaald.stdout) == toewijzingen[0])
        #expect(herhaald.stdout.contains("Zaad: \(zaad) (herhaal met --zaad \(zaad))"))
        for naam in try FileManager.default.contentsOfDirectory(atPath: "\(dir)/0/deelnemers") {
            #expect(FileManager.default.contentsEqual(atPath: "\(dir)/0/deelnemers/\(naam)",
                                                      andPath: "\(dir)/herhaald/deelnemers/\(naam)"), "\(naam)")
        }
    }

    @Test func anExplicitSeedIsOrderIndependentToo() throws {
        let gelezen = try Peerreview().lees(Self.fixtures)
        for zaad: UInt64 in [1, 7, 8, 9] {
            let toewijzingen = Self.zesVolgordes.map { v in
                Peerreview.schud(v.map { gelezen[$0] }, zaad: zaad).geschud.map(\.bestand)
            }
            #expect(Set(toewijzingen).count == 1, "zaad \(zaad): \(toewijzingen)")
            #expect(Peerreview.schud(gelezen, zaad: zaad).zaad == zaad)
        }
    }

    @Test func fnv1aKnownValues() {
        // The published FNV-1a 64 test vectors: the derived seeds must not change between versions.
        #expect(FNV1a64.hash([UInt8]()) == 0xCBF2_9CE4_8422_2325)
        #expect(FNV1a64.hash(Array("a".utf8)) == 0xAF63_DC4C_8601_EC8C)
        #expect(FNV1a64.hash(Array("foobar".utf8)) == 0x8594_4171_F739_67E8)
    }

    /// Over 300 trios of different content (each fixture with its own variant line), the best
    /// aanvraag by the reference ranking gets each letter about a third of the time.
    @Test func theBestGetsEachLetterAboutAThirdOfTheTime() throws {
        let checker = Checker()
        let teksten = try Self.fixtures.map { try String(contentsOfFile: $0, encoding: .utf8) }
        var telling: [String: Int] = ["A": 0, "B": 0, "C": 0]
        var zaden = Set<UInt64>()
        let trios = 300
        for n in 0..<trios {
            let trio = try teksten.enumerated().map { i, tekst -> CheckResultaat in
                let variant = "# variant \(n): \(String(FNV1a64.hash(Array("\(n)-\(i)".utf8)), radix: 36))\n" + tekst
                let a = try AanvraagReader.parse(variant, bestand: "trio\(n)-\(i).yaml")
                return CheckResultaat(bestand: "trio\(n)-\(i).yaml", aanvraag: a, leesfout: nil,
                                      bevindingen: try checker.check(a))
            }
            let (geschud, zaad) = Peerreview.schud(trio, zaad: nil)
            zaden.insert(zaad)
            let blad = Docentenblad(aanvragen: zip(Peerreview.letters, geschud).map { letter, r in
                Docentenblad.Toegewezen(letter: letter, beoordeling: Beoordeling(bestand: r.bestand, bevindingen: r.bevindingen))
            })
            let beste = try #require(blad.rangorde.first)
            // The best is the good fixture (index 0) in every trio.
            #expect(blad.aanvragen.first { $0.letter == beste }?.beoordeling.bestand == "trio\(n)-0.yaml")
            telling[beste, default: 0] += 1
        }
        #expect(zaden.count == trios)
        for (letter, aantal) in telling {
            let aandeel = Double(aantal) / Double(trios)
            #expect(aandeel >= 0.20 && aandeel <= 0.47, "letter \(letter): \(aantal) van \(trios) — \(telling)")
        }
    }
}

/// A fund refused in the dekkingsplan gets no letter, so the review's letter is the one to the
/// first fund that does get one (it used to be fund 0 always).
@Suite("Review: the letter of a fund that gets one")
struct ReviewBriefTests {
    @Test func aRefusedFirstFundIsNotTheReviewLetter() throws {
        let dir = Repo.tempDir("vip-review-afgewezen")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let goed = try String(contentsOfFile: ReviewPeerreviewTests.fixtures[0], encoding: .utf8)
        let oranje = "  - fonds: Oranje Fonds\n    bedrag: 2500\n    status: aangevraagd\n"
        #expect(goed.contains(oranje))
        let pad = "\(dir)/afgewezen.yaml"
        try goed.replacingOccurrences(of: oranje, with: oranje.replacingOccurrences(of: "aangevraagd", with: "afgewezen"))
            .write(toFile: pad, atomically: true, encoding: .utf8)
        let review = Peerreview()
        let gelezen = try review.lees([pad] + ReviewPeerreviewTests.fixtures.dropFirst())
        #expect(gelezen[0].aanvraag?.brieffondsen == [1])
        #expect(gelezen[1].aanvraag?.brieffondsen == [0, 1] || gelezen[1].aanvraag?.fondsen.count != 2)
        let uit = try review.maak(gelezen, zaad: 1)
        let letter = try #require(uit.toewijzing.first { $0.bestand == pad }?.letter)
        let brief = try #require(uit.deelnemers.first { $0.naam == "aanvraag-\(letter)-brief.odt" })
        let tekst = String(decoding: try ZipReader(bytes: brief.bytes).read("content.xml"), as: UTF8.self)
        #expect(tekst.contains("Kansfonds"))
        #expect(!tekst.contains("Postbus 2041"), "the address of the refused Oranje Fonds")
    }
}
