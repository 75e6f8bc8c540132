import Foundation
import Testing
@testable import VIPDocument
import VIPXML
import VIPZip

@Suite struct WriterTests {
    @Test(arguments: DocumentFormat.allCases)
    func sameDocumentGivesIdenticalBytes(format: DocumentFormat) throws {
        let first = try renderDocument(sampleDocument(), format: format)
        let second = try renderDocument(sampleDocument(), format: format)
        #expect(first == second)
    }

    @Test func odtPackageLayout() throws {
        let bytes = try renderDocument(sampleDocument(), format: .odt)
        let zip = try ZipReader(bytes: bytes)
        #expect(zip.entryNames.first == "mimetype")
        #expect(try zip.isStored("mimetype"))
        #expect(zip.entryNames.contains("Pictures/image1.png"))
        #expect(zip.entryNames.contains("Pictures/image2.jpeg"))
        let manifest = try part("META-INF/manifest.xml", of: bytes)
        for name in zip.entryNames where name != "mimetype" && name != "META-INF/manifest.xml" {
            #expect(manifest.contains("manifest:full-path=\"\(name)\""), "manifest lacks \(name)")
        }
        let styles = try part("styles.xml", of: bytes)
        #expect(styles.contains("CONCEPT"))
        #expect(styles.contains("Stichting Café &amp; Zoon"))
        #expect(styles.contains("<text:page-number text:select-page=\"current\">"))
        #expect(styles.contains("<text:page-count>"))
        #expect(styles.contains("KvK 12345678"))
        let content = try part("content.xml", of: bytes)
        #expect(content.contains("<table:table-header-rows>"))
        #expect(content.contains("<svg:title>Foto &lt;werkplaats&gt; \"oud\"</svg:title>"))
        // 40 mm high, 16 × 8 pixels: 80 mm wide.
        #expect(content.contains("svg:width=\"80.00mm\" svg:height=\"40.00mm\""))
    }

    @Test func docxPackageLayout() throws {
        let bytes = try renderDocument(sampleDocument(), format: .docx)
        let zip = try ZipReader(bytes: bytes)
        for name in ["word/header1.xml", "word/footer1.xml", "word/_rels/header1.xml.rels",
                     "word/media/image1.jpeg", "word/media/image2.png", "word/numbering.xml"] {
            #expect(zip.entryNames.contains(name), "missing \(name)")
        }
        let header = try part("word/header1.xml", of: bytes)
        #expect(header.contains("CONCEPT"))
        #expect(header.contains("descr=\"Logo van Stichting Café &amp; Zoon\""))
        let footer = try part("word/footer1.xml", of: bytes)
        #expect(footer.contains("w:instr=\" PAGE \""))
        #expect(footer.contains("w:instr=\" NUMPAGES \""))
        let main = try part("word/document.xml", of: bytes)
        #expect(main.contains("<w:tblHeader/>"))
        #expect(main.contains("<w:br w:type=\"page\"/>"))
        // Three lists, three w:num: the second numbered list starts at 1 again.
        let numbering = try part("word/numbering.xml", of: bytes)
        #expect(numbering.components(separatedBy: "<w:num ").count - 1 == 3)
        let app = try part("docProps/app.xml", of: bytes)
        #expect(app.contains("<Company>Stichting Café &amp; Zoon</Company>"))
        let core = try part("docProps/core.xml", of: bytes)
        #expect(core.contains("<dc:creator>Jan de Vries</dc:creator>"))
        #expect(core.contains("2024-05-01T09:30:00Z"))
    }

    @Test(arguments: DocumentFormat.allCases)
    func emptyLetterheadWritesNoHeader(format: DocumentFormat) throws {
        var document = sampleDocument(concept: false)
        document.letterhead = Letterhead()
        let bytes = try renderDocument(document, format: format)
        switch format {
        case .odt:
            let styles = try part("styles.xml", of: bytes)
            #expect(!styles.contains("<style:header>"))
            #expect(!styles.contains("CONCEPT"))
            #expect(styles.contains("pagina "))
        case .docx:
            let zip = try ZipReader(bytes: bytes)
            #expect(!zip.entryNames.contains("word/header1.xml"))
            #expect(!(try part("word/document.xml", of: bytes)).contains("headerReference"))
            #expect(!(try part("[Content_Types].xml", of: bytes)).contains("header"))
        }
    }

    /// The review feature blanks these fields for anonymisation; nothing may remain.
    @Test(arguments: DocumentFormat.allCases)
    func emptyMetadataLeavesNoPersonalFields(format: DocumentFormat) throws {
        var document = sampleDocument()
        document.metadata = Metadata(title: "", subject: "", creator: "", company: "", language: "", date: "")
        let bytes = try renderDocument(document, format: format)
        let parts = format == .odt ? ["meta.xml"] : ["docProps/core.xml", "docProps/app.xml"]
        for name in parts {
            let tree = try XMLTree(parsing: try ZipReader(bytes: bytes).read(name))
            let names = tree.root.children.flatMap { [$0] + $0.children }.map(\.localName)
            for forbidden in ["creator", "initial-creator", "lastModifiedBy", "Company", "user-defined",
                              "title", "subject", "created", "modified", "date", "creation-date"] {
                #expect(!names.contains(forbidden), "\(name) still has \(forbidden)")
            }
            let text = String(decoding: try ZipReader(bytes: bytes).read(name), as: UTF8.self)
            #expect(!text.contains("Jan de Vries"))
            #expect(!text.contains("Café"))
        }
    }

    @Test(arguments: DocumentFormat.allCases)
    func illegalControlCharacterIsRefused(format: DocumentFormat) throws {
        var document = sampleDocument()
        document.blocks.append(.paragraph([.text("kapot\u{1}teken")]))
        #expect {
            try renderDocument(document, format: format)
        } throws: { error in
            guard case DocumentError.unsupportedCharacter(let scalar, _) = error else { return false }
            let message = (error as? LocalizedError)?.errorDescription ?? ""
            return scalar == 1 && message.contains("U+0001") && message.contains("Verwijdert u")
        }
    }

    @Test func invalidDateIsRefused() throws {
        var document = sampleDocument()
        document.metadata.date = "1 mei 2024"
        #expect(throws: DocumentError.invalidDate("1 mei 2024")) {
            try renderDocument(document, format: .docx)
        }
        document.metadata.date = "2024-05-01"
        let core = try part("docProps/core.xml", of: try renderDocument(document, format: .docx))
        #expect(core.contains("2024-05-01T00:00:00Z"))
    }

    @Test func imageWithoutPixelSizeIsRefused() throws {
        var document = sampleDocument()
        document.blocks = [.image(Image(data: TestImages.png, format: .png, pixelWidth: 0, pixelHeight: 0,
                                        heightMM: 10, description: "Kaart"))]
        #expect(throws: DocumentError.self) { try renderDocument(document, format: .odt) }
    }

    // MARK: - Templates

    @Test func embeddedTemplatesMatchTemplatesFolder() throws {
        let root = URL(fileURLWithPath: packageRoot + "/Templates").resolvingSymlinksInPath().path
        let enumerator = try #require(FileManager.default.enumerator(atPath: root))
        var onDisk: [String: [UInt8]] = [:]
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
            if isDirectory.boolValue || path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            onDisk[path] = Array(try #require(FileManager.default.contents(atPath: root + "/" + path)))
        }
        var embedded: [String: [UInt8]] = [:]
        for (path, contents) in EmbeddedFiles.files {
            embedded[path] = contents.withUTF8Buffer { Array($0) }
        }
        let stale = Set(embedded.keys).union(onDisk.keys).filter { embedded[$0] != onDisk[$0] }.sorted()
        #expect(!onDisk.isEmpty)
        // Only a file in a brand-new subfolder can be missed (Plugins/EmbedFolder says why).
        #expect(stale.isEmpty, """
            The templates built into VIPDocument differ from Templates/ (\(stale)): change Package.swift once, \
            or `swift package clean`, so that SwiftPM runs the EmbedFolder plugin again
            """)
    }

    @Test(arguments: DocumentFormat.allCases)
    func loadedTemplatesRenderLikeTheStandard(format: DocumentFormat) throws {
        let loaded = try TemplateSet.load(directory: packageRoot + "/Templates")
        #expect(try renderDocument(sampleDocument(), format: format, templates: loaded)
            == renderDocument(sampleDocument(), format: format))
    }

    @Test func truncatedTemplateNamesPartLineAndColumn() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try copyTemplates(to: folder + "/sjabloon")
        let styles = folder + "/sjabloon/odt/styles.xml"
        let bytes = try #require(FileManager.default.contents(atPath: styles))
        try Data(bytes.prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: styles))

        #expect {
            try TemplateSet.load(directory: folder + "/sjabloon")
        } throws: { error in
            guard case DocumentError.templatePartMalformed(let partName, let location, let line, _, _) = error
            else { return false }
            let message = (error as? LocalizedError)?.errorDescription ?? ""
            return partName == "styles.xml" && location == folder + "/sjabloon/odt" && line > 1
                && message.hasPrefix("Sjabloon styles.xml in \(folder)/sjabloon/odt, regel \(line), kolom ")
        }
    }

    @Test func templateWithoutMarkerIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try copyTemplates(to: folder + "/sjabloon")
        let path = folder + "/sjabloon/docx/word/document.xml"
        let text = String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self)
        try text.replacingOccurrences(of: "<?vip body?>", with: "").write(toFile: path, atomically: true,
                                                                           encoding: .utf8)
        #expect(throws: DocumentError.templateMarkerMissing(part: "word/document.xml",
                                                            location: folder + "/sjabloon/docx", marker: "body")) {
            try TemplateSet.load(directory: folder + "/sjabloon")
        }
    }

    @Test func missingTemplateFolderIsRefused() {
        #expect(throws: DocumentError.templateFolderUnreadable(path: "/bestaat/niet")) {
            try TemplateSet.load(directory: "/bestaat/niet")
        }
    }

    /// A copy of Templates/ to spoil. Resolve links first: copying a symlink would
    /// copy the link, and the test would spoil the real templates.
    private func copyTemplates(to destination: String) throws {
        let source = URL(fileURLWithPath: packageRoot + "/Templates").resolvingSymlinksInPath().path
        try FileManager.default.copyItem(atPath: source, toPath: destination)
        var isDirectory: ObjCBool = false
        let real = FileManager.default.fileExists(atPath: destination + "/odt", isDirectory: &isDirectory)
        try #require(real && isDirectory.boolValue)
        let attributes = try FileManager.default.attributesOfItem(atPath: destination)
        try #require(attributes[.type] as? FileAttributeType == .typeDirectory)
    }
}

/// `StringProtocol.trimmedSpaces` against Foundation's `trimmingCharacters(in: .whitespaces)`, which it
/// replaces in the writers, on texts of spaces of several kinds, newlines and marks.
@Test func trimmedSpacesTrimsLikeFoundation() {
    let delen = [" ", "\t", "\u{00A0}", "\u{2003}", "\u{3000}", "\n", "\r", "2024-05-01", "x", "e\u{0301}", "\u{0301}", "\u{200B}", "€", "\u{1680}", "\u{202F}", "\u{205F}", "\u{200A}", "\u{200C}", "\u{2028}", "\u{0085}", "\u{180E}", "\u{FEFF}"]
    var g = SystemRandomNumberGenerator()
    for _ in 0..<20_000 {
        let s = (0..<Int.random(in: 0...6, using: &g)).map { _ in delen.randomElement(using: &g)! }.joined()
        #expect(s.trimmedSpaces == s.trimmingCharacters(in: .whitespaces), "\(Array(s.unicodeScalars))")
    }
}
