import Foundation
import Testing
import VIPXML

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

/// What XML 1.0 (section 2.2, `Char`) allows is written; what it does not is refused before
/// libxml2 sees it, in text and in attribute values alike, so no document is written that a
/// reader cannot parse.
@Suite struct XMLCharacterTests {
    static let refused: [UInt32] = Array(0x0...0x8) + [0xB, 0xC] + Array(0xE...0x1F) + [0xFFFE, 0xFFFF]

    @Test(arguments: refused)
    func controlCharactersAreRefusedInTextAndAttributes(scalar: UInt32) throws {
        let tree = try XMLTree(root: "root")
        let text = "voor" + String(Character(Unicode.Scalar(scalar)!)) + "na"
        #expect(throws: XMLError.illegalCharacter(scalar: scalar, text: text)) { try tree.root.appendText(text) }
        #expect(throws: XMLError.illegalCharacter(scalar: scalar, text: text)) { try tree.root.attribute("a", text) }
        #expect(throws: XMLError.illegalCharacter(scalar: scalar, text: text)) { try tree.root.append("e", text: text) }
        // Nothing was added.
        #expect(tree.root.children.isEmpty && tree.root.attributeValue("a") == nil)
    }

    /// Tab, newline and carriage return, DEL, the rest of the BMP and the astral planes are
    /// allowed, and survive a parse: in attributes as character references where a parser
    /// would otherwise normalise them away.
    @Test func allowedCharactersSurviveAParse() throws {
        let text = "tab\tnieuwe regel\nterug\rDEL\u{7F} \u{E000} \u{FFFD} 𝄞 \u{10FFFF}"
        let tree = try XMLTree(root: "root")
        try tree.root.append("e", text: text).attribute("a", text)
        let reparsed = try XMLTree(parsing: tree.serialized())
        let e = try #require(reparsed.root.children.first)
        #expect(e.attributeValue("a") == text)
        #expect(e.textContent == text)
    }

    /// Markup characters are escaped, once: the text reads back exactly, and an existing
    /// entity reference in the input stays text.
    @Test func markupIsEscapedOnce() throws {
        let tree = try XMLTree(root: "root")
        let text = "<b>vet</b> & &amp; \"q\" 'a' ]]> <!-- -->"
        try tree.root.append("e", text: text).attribute("a", text)
        let bytes = tree.serialized()
        let xml = String(decoding: bytes, as: UTF8.self)
        #expect(!xml.contains("<b>") && xml.contains("&amp;amp;") && xml.contains("]]&gt;"))
        let e = try #require(try XMLTree(parsing: bytes).root.children.first)
        #expect(e.textContent == text)
        #expect(e.attributeValue("a") == text)
    }
}

@Suite struct XMLTemplateTests {
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
}

extension XMLTemplateTests {
    /// Generated content lives in Swift arrays, not in libxml2 nodes; deeper trees, the
    /// `xml` prefix, a default namespace and texts side by side still come out as libxml2
    /// writes them.
    @Test func nestedContentWithXmlSpaceAndDefaultNamespaceIsWrittenAsLibxml2Does() throws {
        let template = try XMLTemplate(parsing: Array(
            "<w:doc xmlns:w=\"urn:w\" xmlns=\"urn:default\"><w:body><?vip body?></w:body><?vip tail?></w:doc>".utf8))
        let instance = template.instantiate()
        let tree = try XMLTree(root: "w:doc", namespaces: ["w": "urn:w", "": "urn:default"])
        func fill(_ body: XMLTreeElement) throws {
            for i in 0..<3 {
                let p = try body.append("w:p").attribute("w:rsid", "\(i)")
                let r = try p.append("w:r")
                try r.append("w:t", text: " voor \(i) ").attribute("xml:space", "preserve")
                try r.appendText("één")
                try r.appendText(" & twee")
                try p.append("plain").attribute("leeg", "").attribute("w:val", "ü\"<>")
            }
        }
        try fill(instance.marker("body")!)
        try fill(tree.root.append("w:body"))
        let rendered = String(decoding: template.render(instance), as: UTF8.self)
        let reference = String(decoding: tree.serialized(), as: UTF8.self)
        let inner = { (s: String) -> Substring in
            s[s.range(of: "<w:body>")!.upperBound..<s.range(of: "</w:body>")!.lowerBound]
        }
        #expect(inner(rendered) == inner(reference))
        #expect(inner(rendered).contains("<w:t xml:space=\"preserve\"> voor 0 </w:t>één &amp; twee"))
        #expect(rendered.hasSuffix("</w:body></w:doc>\n"))   // an empty marker writes nothing
    }

    @Test func anUndeclaredPrefixIsRefusedAndLeavesNothingBehind() throws {
        let template = try XMLTemplate(parsing: Array("<r:root xmlns:r=\"urn:test\"><?vip body?></r:root>".utf8))
        let instance = template.instantiate()
        let body = instance.marker("body")!
        #expect(throws: XMLError.unknownNamespacePrefix("y")) { try body.append("y:z") }
        let e = try body.append("r:e")
        #expect(throws: XMLError.unknownNamespacePrefix("q")) { try e.attribute("q:a", "1") }
        #expect(throws: XMLError.illegalCharacter(scalar: 0x1, text: "\u{1}")) { try e.attribute("r:a", "\u{1}") }
        #expect(instance.marker("elders") == nil)
        #expect(String(decoding: template.render(instance), as: UTF8.self).hasSuffix("<r:root xmlns:r=\"urn:test\"><r:e/></r:root>\n"))
    }

    @Test func generatedContentCanBeReadBack() throws {
        let template = try XMLTemplate(parsing: Array("<r:root xmlns:r=\"urn:test\"><?vip body?></r:root>".utf8))
        let body = template.instantiate().marker("body")!
        let item = try body.append("r:item").attribute("r:alt", "eerst").attribute("r:alt", "dan")
        try item.appendText("a")
        try item.append("r:b", text: "b")
        try body.append("r:tweede")
        #expect(body.children.map(\.localName) == ["item", "tweede"])
        #expect(item.textContent == "ab")
        #expect(item.attributeValue("alt") == "dan")
        #expect(item.attributeValue("geen") == nil)
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
