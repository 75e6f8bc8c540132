import Foundation
import Testing
@testable import VIPKit

/// Writing in batches (Uitvoermap.Partij): every file whole or absent, names only after the
/// batch is on disk, and a failing group takes nothing of the others down.
@Suite struct UitvoermapTests {
    func bestanden(_ namen: [String]) -> [Pakket.Uitvoer] {
        namen.map { Pakket.Uitvoer(naam: $0, bytes: Array("inhoud van \($0)".utf8)) }
    }

    func inhoud(_ map: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: map)) ?? []).sorted()
    }

    @Test func namesComeOnlyWithTheSyncOfTheBatch() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let partij = Uitvoermap.Partij()
        let a = try partij.voegToe(bestanden(["brief.odt", "projectplan.odt"]), naar: dir + "/a")
        let b = try partij.voegToe(bestanden(["brief.odt"]), naar: dir + "/b")
        #expect(a != b && partij.aantalBestanden == 3)
        // Before: only temporary names.
        #expect(inhoud(dir + "/a").allSatisfy { $0.hasPrefix(".") && $0.contains(".vip-tmp-") })
        #expect(partij.voltooi().isEmpty)
        #expect(inhoud(dir + "/a") == ["brief.odt", "projectplan.odt"])
        #expect(inhoud(dir + "/b") == ["brief.odt"])
        #expect(FileManager.default.contents(atPath: dir + "/a/brief.odt") == Data("inhoud van brief.odt".utf8))
        #expect(partij.isLeeg)
    }

    /// A rename that fails (a folder stands where the file should go) fails its group only,
    /// and leaves no temporary file of it.
    @Test func aFailingGroupLeavesNothingBehind() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/a/projectplan.odt/bezet", withIntermediateDirectories: true)
        let partij = Uitvoermap.Partij()
        let a = try partij.voegToe(bestanden(["projectplan.odt", "zz.odt"]), naar: dir + "/a")
        let b = try partij.voegToe(bestanden(["brief.odt"]), naar: dir + "/b")
        let fouten = partij.voltooi()
        #expect(fouten.keys.sorted() == [a])
        #expect(inhoud(dir + "/a") == ["projectplan.odt"])   // only the folder that was in the way
        #expect(inhoud(dir + "/b") == ["brief.odt"])
        guard case .hernoemen(let doel, _)? = fouten[a] else { Issue.record("\(fouten)"); return }
        #expect(doel.hasSuffix("/a/projectplan.odt"))
        _ = b
    }

    @Test func anUnwritableFolderIsRefusedAtOnce() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "bestand".write(toFile: dir + "/plat", atomically: true, encoding: .utf8)
        let partij = Uitvoermap.Partij()
        #expect(throws: BuildFout.self) { try partij.voegToe(bestanden(["brief.odt"]), naar: dir + "/plat/uit") }
        #expect(partij.isLeeg)
    }

    /// `vip build` of several aanvragen leaves no temporary file anywhere.
    @Test func aBuildOfSeveralLeavesNoTemporaryFiles() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let invoer = [Repo.path("Samples/buurtmoestuin.yaml"), Repo.path("Samples/kinderfestival.yaml")]
        var opties = BuildOpties()
        opties.uit = dir
        let bouwer = Bouwer(opties: opties)
        let partij = Uitvoermap.Partij()
        let resultaten = invoer.map {
            bouwer.build($0, meerdere: true, invoer: Uitvoermap.Invoermappen(invoer), partij: partij)
        }
        #expect(resultaten.allSatisfy { $0.groep != nil })
        #expect(partij.voltooi().isEmpty)
        let alles = FileManager.default.enumerator(atPath: dir)!.allObjects.compactMap { $0 as? String }
        #expect(alles.contains("buurtmoestuin/projectplan.odt") && alles.contains("kinderfestival/projectplan.docx"))
        #expect(!alles.contains { $0.contains(".vip-tmp-") })
    }
}
