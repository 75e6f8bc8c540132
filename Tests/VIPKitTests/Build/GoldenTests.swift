import Foundation
import Testing
import VIPModel
import VIPZip
@testable import VIPKit

/// Golden files, compared part by part as XML (canonicalised with lxml's C14N 2.0), as
/// pandoc's writer tests do; never whole zip bytes. The goldens were opened in
/// LibreOffice before they were accepted. After an intended change to the writers or
/// templates, regenerate with `VIP_GOLDEN_UPDATE=1 swift test --filter GoldenTests`,
/// look at the documents, and commit the diff.
@Suite struct GoldenTests {
    static let dir = Repo.path("Tests/VIPKitTests/Golden")
    static let update = ProcessInfo.processInfo.environment["VIP_GOLDEN_UPDATE"] == "1"

    static func canonical(_ xml: [UInt8]) throws -> String {
        let script = """
            import sys
            from lxml import etree
            tree = etree.fromstring(sys.stdin.buffer.read(), etree.XMLParser(remove_blank_text=True))
            sys.stdout.write(etree.tostring(tree, method='c14n2', strip_text=True).decode('utf-8'))
            """
        let r = try run("/usr/bin/env", ["python3", "-c", script], input: String(decoding: xml, as: UTF8.self))
        guard r.status == 0 else { throw CocoaError(.fileReadCorruptFile) }
        return r.stdout
    }

    @Test(arguments: ["brief-oranje-fonds", "projectplan", "begroting", "fondsenlijst"], ["odt", "docx"])
    func partsMatchTheGolden(_ doc: String, _ format: String) throws {
        let a = try AanvraagReader.read(path: Repo.specExample)
        let files = try Pakket(aanvraag: a, map: Repo.path("../shared/spec/voorbeelden"), opties: BuildOpties()).maak()
        let bytes = try #require(files.first { $0.naam == "\(doc).\(format)" }?.bytes)
        let zip = try ZipReader(bytes: bytes)
        let golden = "\(Self.dir)/\(doc).\(format)"
        var parts: [String] = []
        for name in zip.entryNames where name.hasSuffix(".xml") || name.hasSuffix(".rels") {
            let path = golden + "/" + name
            parts.append(name)
            let actual = try Self.canonical(try zip.read(name))
            if Self.update {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                try actual.write(toFile: path, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try #require(try? String(contentsOfFile: path, encoding: .utf8),
                                        "golden part missing: \(path) (VIP_GOLDEN_UPDATE=1 makes it)")
            #expect(actual == expected, "part \(name) of \(doc).\(format) differs from \(path)")
        }
        // No part disappeared or appeared.
        let onDisk = (FileManager.default.enumerator(atPath: golden)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".xml") || $0.hasSuffix(".rels") }
        #expect(Set(onDisk) == Set(parts), "parts of \(doc).\(format)")
    }
}
