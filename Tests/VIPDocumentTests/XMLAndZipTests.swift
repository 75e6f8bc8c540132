import Testing
import VIPXML
import VIPZip

@Suite struct XMLTreeTests {
    /// Names are split once per process in a table that grows; many names, in two trees
    /// with different prefixes for one namespace, keep their own local names and namespaces.
    @Test func manyNamesKeepTheirNamespaceAndLocalName() throws {
        let a = try XMLTree(root: "a:root", namespaces: ["a": "urn:a", "b": "urn:b"])
        let b = try XMLTree(root: "b:root", namespaces: ["b": "urn:a", "a": "urn:b"])
        for i in 0..<700 {
            try a.root.append("a:e\(i)").attribute("b:k\(i)", "v\(i)")
            try b.root.append("a:e\(i)").attribute("k\(i)", "w\(i)")
        }
        let sa = String(decoding: a.serialized(), as: UTF8.self)
        let sb = String(decoding: b.serialized(), as: UTF8.self)
        #expect(sa.contains("<a:e699 b:k699=\"v699\"/>") && sa.contains("<a:e0 b:k0=\"v0\"/>"))
        #expect(sb.contains("<a:e699 k699=\"w699\"/>"))
        let reparsed = try XMLTree(parsing: a.serialized())
        #expect(reparsed.root.children.count == 700)
        #expect(reparsed.root.children[350].localName == "e350")
        #expect(reparsed.root.children[350].attributeValue("k350") == "v350")
    }

    @Test func textAndAttributesAreEscapedOnceAndSurviveAParse() throws {
        let tree = try XMLTree(root: "r:root", namespaces: ["r": "urn:test"])
        let text = "A & B < C > D \"q\" 'a' مرحبا İı şğ 🎉"
        try tree.root.append("r:item", text: text).attribute("r:alt", text)
        let bytes = tree.serialized()
        let serialised = String(decoding: bytes, as: UTF8.self)
        #expect(serialised.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(serialised.contains("A &amp; B &lt; C &gt; D"))
        #expect(serialised.contains("🎉"))   // UTF-8, not a character reference
        let reparsed = try XMLTree(parsing: bytes)
        let item = try #require(reparsed.root.children.first)
        #expect(item.textContent == text)
        #expect(item.attributeValue("alt") == text)
    }

    @Test func controlCharactersAreRefused() throws {
        let tree = try XMLTree(root: "root")
        #expect(throws: XMLError.illegalCharacter(scalar: 0x0B, text: "a\u{0B}b")) {
            try tree.root.appendText("a\u{0B}b")
        }
        #expect(throws: XMLError.illegalCharacter(scalar: 0xFFFF, text: "\u{FFFF}")) {
            try tree.root.attribute("x", "\u{FFFF}")
        }
        try tree.root.appendText("tab\tnewline\n")   // allowed
    }

    @Test func parseErrorsCarryLineAndColumn() {
        let bytes = Array("<a>\n  <b>\n</a>".utf8)
        #expect {
            try XMLTree(parsing: bytes)
        } throws: { error in
            guard case XMLError.malformed(let line, let column, let message) = error else { return false }
            return line == 3 && column > 0 && !message.isEmpty
        }
    }

    @Test func undeclaredPrefixIsRefused() throws {
        let tree = try XMLTree(parsing: Array("<a xmlns:x=\"urn:x\"><first/></a>".utf8))
        try tree.root.append("x:one")
        #expect(throws: XMLError.unknownNamespacePrefix("y")) { try tree.root.append("y:z") }
        #expect(tree.root.children.map(\.localName) == ["first", "one"])
    }
}

@Suite struct ZipTests {
    @Test func roundTripKeepsOrderMethodAndBytes() throws {
        let entries = [
            ZipEntry(name: "mimetype", data: Array("application/x-test".utf8), method: .stored),
            ZipEntry(name: "dir/empty.txt", data: []),
            ZipEntry(name: "dir/data.xml", data: Array(repeating: UInt8(ascii: "x"), count: 10_000)),
        ]
        let bytes = try ZipWriter.archive(entries)
        #expect(try ZipWriter.archive(entries) == bytes)   // fixed timestamps
        // The first local header names the first entry (ODF reads the type there).
        #expect(Array(bytes[30..<38]) == Array("mimetype".utf8))
        let reader = try ZipReader(bytes: bytes)
        #expect(reader.entryNames == entries.map(\.name))
        for entry in entries { #expect(try reader.read(entry.name) == entry.data) }
        #expect(try reader.isStored("mimetype"))
        #expect(try !reader.isStored("dir/data.xml"))
        #expect(throws: ZipError.noSuchEntry("nope")) { try reader.read("nope") }
    }

    @Test func garbageIsATypedError() {
        #expect(throws: ZipError.self) { try ZipReader(bytes: Array("not a zip".utf8)) }
    }

    /// An entry whose headers promise more bytes than its deflate stream holds: libzip's
    /// read stops early without an error of its own, and that must not read as "No error".
    @Test func aShortReadSaysSo() throws {
        var bytes = try ZipWriter.archive([ZipEntry(name: "a.txt", data: Array(repeating: UInt8(ascii: "x"), count: 1000))])
        // The uncompressed size: offset 22 of the local header, 24 of the central one.
        func patch(signature: [UInt8], offset: Int) {
            var i = 0
            while i + 4 <= bytes.count {
                if Array(bytes[i..<(i + 4)]) == signature {
                    let old = Int(bytes[i + offset]) | Int(bytes[i + offset + 1]) << 8
                    bytes[i + offset] = UInt8((old + 10) & 0xFF)
                    bytes[i + offset + 1] = UInt8((old + 10) >> 8)
                    return
                }
                i += 1
            }
        }
        patch(signature: [0x50, 0x4B, 0x03, 0x04], offset: 22)
        patch(signature: [0x50, 0x4B, 0x01, 0x02], offset: 24)
        let reader = try ZipReader(bytes: bytes)
        #expect {
            _ = try reader.read("a.txt")
        } throws: { error in
            guard let error = error as? ZipError else { return false }
            if case .libzip(_, _, let message) = error, message == "No error" { return false }
            guard case .shortRead(let operation, 1010, 1000) = error else { return false }
            return operation.contains("a.txt") && "\(error)".contains("1000 van 1010")
        }
    }

    /// A read error is libzip's own for that entry (recorded on the open file, not the archive).
    @Test func aDamagedEntryNamesLibzipsReason() throws {
        var bytes = try ZipWriter.archive([ZipEntry(name: "a.txt", data: Array(repeating: UInt8(ascii: "x"), count: 1000))])
        // The CRC-32: offset 14 of the local header, 16 of the central one.
        for (signature, offset) in [([UInt8]([0x50, 0x4B, 0x03, 0x04]), 14), ([0x50, 0x4B, 0x01, 0x02], 16)] {
            let i = try #require((0..<(bytes.count - 4)).first { Array(bytes[$0..<($0 + 4)]) == signature })
            bytes[i + offset] ^= 0xFF
        }
        let reader = try ZipReader(bytes: bytes)
        #expect {
            _ = try reader.read("a.txt")
        } throws: { error in
            guard case ZipError.libzip(let operation, let code, let message) = error else { return false }
            return operation == "zip_fread(a.txt)" && code != 0 && message != "No error"
        }
    }
}

@Suite struct FastPathTests {
    /// The template's own serialiser writes what libxml2 writes for the same tree.
    @Test func templateContentIsSerialisedAsLibxml2Does() throws {
        let template = try XMLTemplate(parsing: Array("<r:root xmlns:r=\"urn:test\"><?vip body?></r:root>".utf8))
        let instance = template.instantiate()
        let tree = try XMLTree(root: "r:root", namespaces: ["r": "urn:test"])
        let tricky = "A & B < C > D \"q\" 'a'\ttab\nnl\rcr  twee 🎉 İı"
        for container in [instance.marker("body")!, tree.root] {
            let e = try container.append("r:item", text: tricky).attribute("r:alt", tricky).attribute("plain", "x")
            try e.attribute("plain", "y")   // set again: one attribute, new value
            try e.append("r:empty")
            try e.appendText("")
        }
        let rendered = String(decoding: template.render(instance), as: UTF8.self)
        let reference = String(decoding: tree.serialized(), as: UTF8.self)
        let inner = { (s: String) -> Substring in
            let start = s.range(of: "<r:item")!.lowerBound
            let end = s.range(of: "</r:root>")!.lowerBound
            return s[start..<end]
        }
        #expect(inner(rendered) == inner(reference))
        #expect(inner(rendered).contains("plain=\"y\"") && !inner(rendered).contains("plain=\"x\""))
    }

    /// Precompressed entries read back as their bytes, and archives stay byte-identical.
    @Test func precompressedEntriesRoundTrip() throws {
        let big = Array(String(repeating: "<w:p><w:r><w:t>tekst</w:t></w:r></w:p>", count: 300).utf8)
        let part = PrecompressedData(deflating: big)
        let entries = [ZipEntry(name: "mimetype", data: Array("x".utf8), method: .stored),
                       ZipEntry(name: "static.xml", precompressed: part),
                       ZipEntry(name: "empty.xml", data: []),
                       ZipEntry(name: "generated.xml", data: big)]
        let a = try ZipWriter.archive(entries)
        #expect(try ZipWriter.archive(entries) == a)
        let reader = try ZipReader(bytes: a)
        #expect(reader.entryNames == ["mimetype", "static.xml", "empty.xml", "generated.xml"])
        #expect(try reader.read("static.xml") == big)
        #expect(try reader.read("generated.xml") == big)
        #expect(try reader.isStored("mimetype"))
        #expect(try !reader.isStored("static.xml"))
        #expect(try reader.read("empty.xml").isEmpty)
        #expect(a.count < big.count)
    }
}

@Suite struct ParseMessageTests {
    func message(_ xml: String) -> String {
        do {
            _ = try XMLTree(parsing: Array(xml.utf8))
            return "geparst"
        } catch {
            if case .malformed(_, _, let message) = error { return message }
            return "\(error)"
        }
    }

    @Test func commonErrorsAreDutchWithTheEnglishDetail() {
        #expect(message("") == "het bestand is leeg")
        #expect(message("  \n") == "het bestand is leeg")
        #expect(message("<a><b>").hasPrefix("het bestand houdt midden in een element op (libxml2: "))
        #expect(message("<a><b></a>").hasPrefix("een sluitende tag hoort niet bij de openende tag (libxml2: Opening and ending tag mismatch"))
        #expect(message("<a/><b/>").hasPrefix("na het hoofdelement staat nog inhoud"))
        var dtd = "<!DOCTYPE r [<!ENTITY a0 \"lol\">"
        for i in 1...9 { dtd += "<!ENTITY a\(i) \"" + String(repeating: "&a\(i - 1);", count: 10) + "\">" }
        let bomb = message(dtd + "]><r>&a9;</r>")
        #expect(bomb.contains("kringloop") || bomb.contains("ongeldige XML"), "\(bomb)")
        #expect(message("<!DOCTYPE r [<!ENTITY a \"&b;\"><!ENTITY b \"&a;\">]><r>&a;</r>").contains("kringloop"))
    }
}
