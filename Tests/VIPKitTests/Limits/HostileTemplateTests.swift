import Foundation
import Testing

/// Hostile template folders (`vip build --sjabloon MAP`), the input of the template
/// loader's fuzz target: refused with exit 2 and a message naming the part, nothing written.
@Suite struct HostileTemplateTests {
    func build(withContentXML bytes: [UInt8]) throws -> (status: Int32, output: String, wroteOutput: Bool) {
        let dir = Repo.tempDir("vip-limits-sjabloon")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let templates = dir + "/huisstijl"
        try FileManager.default.copyItem(atPath: Repo.path("Templates"), toPath: templates)
        try Data(bytes).write(to: URL(fileURLWithPath: templates + "/odt/content.xml"))
        let r = try VipBinary.run(["build", Repo.path("Samples/buurtmoestuin.yaml"), "--uit", dir + "/uit",
                                   "--sjabloon", templates])
        return (r.status, r.stdout + r.stderr, FileManager.default.fileExists(atPath: dir + "/uit"))
    }

    /// An empty part (found by fuzzing: reading an empty file with FileManager leaks in
    /// swift-foundation, and the message said "regel 0, kolom 0: onbekende fout").
    @Test func emptyPart() throws {
        let r = try build(withContentXML: [])
        #expect(r.status == 2)
        #expect(r.output.contains("Sjabloon content.xml"), "\(r.output)")
        #expect(!r.wroteOutput)
    }

    @Test func binaryPart() throws {
        let r = try build(withContentXML: [0x00, 0xFF, 0xFE] + Array("<?xml version=\"1.0\"?>".utf8) + [0x00])
        #expect(r.status == 2)
        #expect(r.output.contains("Sjabloon content.xml"), "\(r.output)")
        #expect(!r.wroteOutput)
    }

    /// Entity expansion inside a template part must not blow up: libxml2 refuses a
    /// billion-laughs DTD ("entity reference loop"), quickly and with little memory.
    @Test func entityBombInPart() throws {
        var dtd = "<!DOCTYPE office:document-content [\n<!ENTITY a0 \"lol\">\n"
        for i in 1...9 { dtd += "<!ENTITY a\(i) \"" + String(repeating: "&a\(i - 1);", count: 10) + "\">\n" }
        dtd += "]>\n"
        let body = "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\">"
            + "<office:body>&a9;<?vip automatic-styles?><?vip body?></office:body></office:document-content>"
        let start = Date()
        let r = try build(withContentXML: Array(("<?xml version=\"1.0\"?>\n" + dtd + body).utf8))
        #expect(Date().timeIntervalSince(start) < 30, "hang guard, not a speed test")
        #expect(r.status == 2, "\(r.output)")
        #expect(r.output.contains("Sjabloon content.xml"), "\(r.output)")
        #expect(!r.wroteOutput)
    }
}
