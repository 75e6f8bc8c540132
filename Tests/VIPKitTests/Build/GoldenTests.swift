import Foundation
import Testing
import VIPModel
import VIPZip
@testable import VIPKit

/// Golden files, compared part by part as XML (canonicalised with lxml's C14N 2.0), as
/// pandoc's writer tests do; never whole zip bytes. The goldens were opened in
/// LibreOffice and passed the document checker before they were accepted. After an
/// intended change to the writers or templates, regenerate with
/// `VIP_GOLDEN_UPDATE=1 swift test --filter GoldenTests`, check the documents
/// (`python3 Tests/DocumentChecker/check_document.py`), look at them, and commit the diff.
///
/// The comparison is whitespace-exact. C14N 2.0 only normalises what XML itself says is
/// insignificant (attribute order, namespace declarations, quoting, the XML declaration).
/// Text is compared as written: spaces in a run, `text:s`, `xml:space="preserve"` and
/// where one run ends and the next begins all matter to a reader. Nothing between
/// elements is normalised either: the writers emit generated parts without any
/// indentation, and copy the template parts (styles.xml, settings.xml) byte for byte, so
/// indentation that appears or disappears is a real change too.
@Suite struct GoldenTests {
    static let dir = Repo.path("Tests/VIPKitTests/Golden")
    static let update = ProcessInfo.processInfo.environment["VIP_GOLDEN_UPDATE"] == "1"

    static func canonical(_ xml: [UInt8]) throws -> String {
        let script = """
            import sys
            from lxml import etree
            tree = etree.fromstring(sys.stdin.buffer.read(), etree.XMLParser(no_network=True, resolve_entities=False))
            sys.stdout.write(etree.tostring(tree, method='c14n2', with_comments=True).decode('utf-8'))
            """
        let r = try run("/usr/bin/env", ["python3", "-c", script], input: String(decoding: xml, as: UTF8.self))
        guard r.status == 0 else { throw CocoaError(.fileReadCorruptFile) }
        return r.stdout
    }

    /// The fixture's package, made in memory.
    static func package() throws -> [Pakket.Uitvoer] {
        let a = try AanvraagReader.read(path: Repo.fixture)
        return try Pakket(aanvraag: a, map: Repo.fixtureFolder, opties: BuildOpties()).maak()
    }

    @Test(arguments: ["brief-maasstad-leesfonds", "projectplan", "begroting", "fondsenlijst"], ["odt", "docx"])
    func partsMatchTheGolden(_ doc: String, _ format: String) throws {
        let files = try Self.package()
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

    /// Changes a reader sees but a whitespace-blind comparison would not: each must make
    /// the part differ from its golden. The unchanged part must match, so that the
    /// difference comes from the change alone.
    @Test(arguments: [
        // A second space inside a run.
        ("projectplan.docx", "word/document.xml", ">Samen lezen op Zuid</w:t>", ">Samen  lezen op Zuid</w:t>"),
        // The space moved across a run boundary (" · Rotterdam-Zuid" begins with it).
        ("projectplan.docx", "word/document.xml", "Leeswerf</w:t></w:r><w:r><w:t xml:space=\"preserve\"> · ",
         "Leeswerf </w:t></w:r><w:r><w:t xml:space=\"preserve\">· "),
        // One run split in two at a space.
        ("projectplan.docx", "word/document.xml", ">Samen lezen op Zuid</w:t>",
         ">Samen lezen </w:t></w:r><w:r><w:t xml:space=\"preserve\">op Zuid</w:t>"),
        // xml:space="preserve" dropped.
        ("projectplan.docx", "word/document.xml", "<w:t xml:space=\"preserve\">Samen lezen op Zuid", "<w:t>Samen lezen op Zuid"),
        // A trailing space in an ODF span moved out of it.
        ("projectplan.odt", "content.xml", "Hoe: </text:span>", "Hoe:</text:span> "),
        // An ODF space written as text:s.
        ("projectplan.odt", "content.xml", ">Samen lezen op Zuid<", ">Samen<text:s/>lezen op Zuid<"),
        // Indentation the writer does not produce.
        ("projectplan.odt", "content.xml", "</text:h><text:p", "</text:h>\n  <text:p"),
    ])
    func whitespaceChangesFailTheComparison(_ doc: String, _ part: String, _ from: String, _ to: String) throws {
        guard !Self.update else { return }
        let bytes = try #require(try Self.package().first { $0.naam == doc }?.bytes)
        let xml = String(decoding: try ZipReader(bytes: bytes).read(part), as: UTF8.self)
        let expected = try String(contentsOfFile: "\(Self.dir)/\(doc)/\(part)", encoding: .utf8)
        #expect(try Self.canonical(Array(xml.utf8)) == expected)
        let range = try #require(xml.range(of: from), "\(part) of \(doc) has no \"\(from)\"")
        let changed = xml.replacingCharacters(in: range, with: to)
        #expect(try Self.canonical(Array(changed.utf8)) != expected, "\(from) → \(to) went unnoticed")
    }
}
