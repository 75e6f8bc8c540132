import Foundation
import Testing
import VIPZip

/// Archives written to disk one large entry at a time (`ZipWriter.write(_:naar:)`, the server's
/// packages) have exactly the bytes of the same archive made in memory (`ZipWriter.archive`).
@Suite struct ZipStroomTests {
    static func map() -> String {
        let m = FileManager.default.temporaryDirectory.appendingPathComponent("vip-zipstroom-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: m, withIntermediateDirectories: true)
        return m
    }

    @Test func schijfGeeftDezelfdeBytesAlsGeheugen() throws {
        let m = Self.map()
        defer { try? FileManager.default.removeItem(atPath: m) }
        var g = SystemRandomNumberGenerator()
        let willekeurig = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &g) }   // does not deflate
        let tekst = Array(String(repeating: "Buurtmoestuin De Zaaier. ", count: 20_000).utf8)   // deflates
        let delen: [(String, [UInt8])] = [("bijlagen/foto.jpg", willekeurig), ("bijlagen/verslag.txt", tekst),
                                          ("bijlagen/leeg.txt", []), ("bijlagen/een.txt", [65])]
        let document = ZipEntry(name: "brief.odt", data: Array("PK-achtig document".utf8), method: .stored)
        let inGeheugen = try ZipWriter.archive([document] + delen.map { ZipEntry(name: $0.0, data: $0.1) })

        var stroom: [ZipStroomEntry] = [.geheugen(document)]
        for (i, (naam, data)) in delen.enumerated() {
            let bron = m + "/bron-\(i)"
            FileManager.default.createFile(atPath: bron, contents: Data(data))
            stroom.append(.voorbereid(name: naam, try ZipVoorbereid.maak(data, bron: bron, pad: bron + ".deflate")))
        }
        try ZipWriter.write(stroom, naar: m + "/uit.zip")
        let opSchijf = [UInt8](try Data(contentsOf: URL(fileURLWithPath: m + "/uit.zip")))
        #expect(Self.verschil(opSchijf, inGeheugen) == nil)

        // An archive inside an archive, from its file, stored: the same as from memory.
        let buiten = try ZipWriter.archive([ZipEntry(name: "aanvraag-fonds.zip", data: inGeheugen, method: .stored),
                                            ZipEntry(name: "projectplan.odt", data: [1, 2, 3], method: .stored)])
        try ZipWriter.write([.bestand(name: "aanvraag-fonds.zip", pad: m + "/uit.zip"),
                             .geheugen(ZipEntry(name: "projectplan.odt", data: [1, 2, 3], method: .stored))],
                            naar: m + "/buiten.zip")
        #expect(Self.verschil([UInt8](try Data(contentsOf: URL(fileURLWithPath: m + "/buiten.zip"))), buiten) == nil)
        #expect(try ZipReader(bytes: buiten).read("aanvraag-fonds.zip") == inGeheugen)
    }

    /// Where two archives first differ (nil when equal): short enough to read in a report.
    static func verschil(_ a: [UInt8], _ b: [UInt8]) -> String? {
        guard a != b else { return nil }
        let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        return "lengtes \(a.count) en \(b.count), eerste verschil op \(i): \(a[i..<min(a.count, i + 16)]) / \(b[i..<min(b.count, i + 16)])"
    }

    @Test func eenOntbrekendBestandIsEenFoutEnLaatNietsHalfs() throws {
        let m = Self.map()
        defer { try? FileManager.default.removeItem(atPath: m) }
        #expect(throws: ZipError.self) {
            try ZipWriter.write([.bestand(name: "weg.zip", pad: m + "/bestaat-niet")], naar: m + "/uit.zip")
        }
        #expect(!FileManager.default.fileExists(atPath: m + "/uit.zip"))
    }
}
