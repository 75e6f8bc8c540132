import VIPXML
import VIPZip

/// Writes a WordprocessingML document (OOXML transitional).
/// Assembles the package in phases: copy the template parts → body → header and
/// footer parts → numbering → document properties → relationships and content types,
/// generated from what was actually written → zip.
struct OoxmlWriter {
    let template: FormatTemplate

    static let relationshipBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    static let mainContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    /// Content types and relationship types of the parts a template may bring.
    static let knownParts: [String: (contentType: String, relationship: String)] = [
        "word/styles.xml": ("application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml", "styles"),
        "word/settings.xml": ("application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml", "settings"),
        "word/fontTable.xml": ("application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml", "fontTable"),
        "word/webSettings.xml": ("application/vnd.openxmlformats-officedocument.wordprocessingml.webSettings+xml", "webSettings"),
        "word/theme/theme1.xml": ("application/vnd.openxmlformats-officedocument.theme+xml", "theme"),
    ]

    func render(_ document: Document) throws -> [UInt8] {
        let media = MediaStore(directory: "media/")
        var drawingIDs = DrawingIDs()
        let documentRels = Relationships()

        // Phase 1: the body into word/document.xml; lists get their w:num in numbering.xml.
        let main = template.instantiate("word/document.xml")
        let numbering = template.instantiate("word/numbering.xml")
        try template.filling("word/document.xml") {
            let numMarker = try numbering.marker("num")
            let bodyMarker = try main.marker("body")
            var writer = OoxmlBodyWriter(media: media, relationships: documentRels,
                                         drawingIDs: drawingIDs, numbering: numMarker)
            try writer.write(document.blocks, into: bodyMarker)
            // Word wants a paragraph, not a table, right before the section properties.
            if case .table = document.blocks.last { try bodyMarker.append("w:p") }
            drawingIDs = writer.drawingIDs
        }

        // Phase 2: header (only when there is something to show) and footer.
        var parts: [(name: String, tree: TemplatePart, contentType: String, rels: Relationships)] = []
        let hasTitleLine = !document.letterhead.name.isEmpty || document.letterhead.logo != nil
        var headerID: String?
        if hasTitleLine || document.concept {
            let header = template.instantiate("word/header.xml")
            let rels = Relationships()
            try template.filling("word/header.xml") {
                let marker = try header.marker("header")
                var writer = OoxmlBodyWriter(media: media, relationships: rels, drawingIDs: drawingIDs,
                                             numbering: nil)
                if hasTitleLine {
                    let p = try marker.append("w:p")
                    try p.append("w:pPr").append("w:pStyle").attribute("w:val", "Header")
                    if let logo = document.letterhead.logo {
                        try writer.drawing(for: logo, in: p, maxWidthMM: OoxmlBodyWriter.textWidthMM)
                        if !document.letterhead.name.isEmpty { try writer.run(" ", in: p) }
                    }
                    try writer.run(document.letterhead.name, in: p)
                }
                if document.concept {
                    let p = try marker.append("w:p")
                    try p.append("w:pPr").append("w:pStyle").attribute("w:val", "Concept")
                    try writer.run("CONCEPT", in: p)
                }
                drawingIDs = writer.drawingIDs
            }
            headerID = documentRels.add("header", target: "header1.xml")
            parts.append(("word/header1.xml", header,
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml", rels))
        }
        let footer = template.instantiate("word/footer.xml")
        try template.filling("word/footer.xml") {
            let marker = try footer.marker("footer")
            let writer = OoxmlBodyWriter(media: media, relationships: Relationships(), drawingIDs: drawingIDs,
                                         numbering: nil)
            for line in document.letterhead.footer where !line.isEmpty {
                let p = try marker.append("w:p")
                try p.append("w:pPr").append("w:pStyle").attribute("w:val", "Footer")
                try writer.run(line, in: p)
            }
            let p = try marker.append("w:p")
            try p.append("w:pPr").append("w:pStyle").attribute("w:val", "Footer")
            try writer.run("pagina ", in: p)
            try writer.field("PAGE", in: p)
            try writer.run(" van ", in: p)
            try writer.field("NUMPAGES", in: p)
        }
        let footerID = documentRels.add("footer", target: "footer1.xml")
        parts.append(("word/footer1.xml", footer,
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml", Relationships()))

        // Header and footer references come first in w:sectPr (EG_HdrFtrReferences).
        try template.filling("word/document.xml") {
            // The marker sits at the start of w:sectPr, where the schema wants these.
            let section = try main.marker("section")
            if let headerID {
                try section.append("w:headerReference").attribute("w:type", "default").attribute("r:id", headerID)
            }
            try section.append("w:footerReference").attribute("w:type", "default").attribute("r:id", footerID)
        }

        // Phase 3: document properties; empty fields are left out (anonymised documents).
        let core = template.instantiate("docProps/core.xml")
        try template.filling("docProps/core.xml") {
            try writeCore(document.metadata, into: try core.marker("core"))
        }
        let app = template.instantiate("docProps/app.xml")
        try template.filling("docProps/app.xml") {
            let marker = try app.marker("app")
            if !document.metadata.company.isEmpty {
                try marker.append("Company", text: document.metadata.company)
            }
        }

        // Phase 4: relationships and content types. Generated, not templated, because
        // they must list exactly the parts this document has (a header only with a
        // letterhead, images only when used).
        for part in template.staticParts {
            guard let known = Self.knownParts[part.name] else { continue }
            _ = documentRels.add(known.relationship, target: String(part.name.dropFirst("word/".count)))
        }
        let numberingID = documentRels.add("numbering", target: "numbering.xml")
        _ = numberingID

        var entries: [ZipEntry] = []
        // Content types depend on the template's static parts, the header and footer
        // parts and the image formats used; nothing else.
        let typesKey = "ooxml-content-types\n" + template.staticParts.map(\.name).joined(separator: "\n") + "\n|"
            + parts.map { $0.name + " " + $0.contentType }.joined(separator: "\n") + "\n|"
            + media.items.map(\.image.format.rawValue).joined(separator: " ")
        entries.append(xmlEntry("[Content_Types].xml",
                                try GeneratedParts.shared.bytes(typesKey) { try contentTypes(parts: parts, media: media) }))
        entries.append(xmlEntry("_rels/.rels", try GeneratedParts.shared.bytes("ooxml-package-rels") {
            try packageRelationships()
        }))
        entries.append(xmlEntry("docProps/core.xml", core.serialized()))
        entries.append(xmlEntry("docProps/app.xml", app.serialized()))
        entries.append(xmlEntry("word/document.xml", main.serialized()))
        entries.append(xmlEntry("word/_rels/document.xml.rels", try documentRels.serialized()))
        entries.append(xmlEntry("word/numbering.xml", numbering.serialized()))
        for part in template.staticParts where Self.knownParts[part.name] != nil {
            entries.append(template.staticEntries[part.name]!)
        }
        for part in parts {
            entries.append(xmlEntry(part.name, part.tree.serialized()))
            if !part.rels.isEmpty {
                let file = String(part.name.dropFirst("word/".count))
                entries.append(xmlEntry("word/_rels/\(file).rels", try part.rels.serialized()))
            }
        }
        for item in media.items {
            entries.append(ZipEntry(name: "word/" + item.path, data: item.image.data, method: .stored))
        }
        do {
            return try ZipWriter.archive(entries)
        } catch {
            throw DocumentError.packaging(error)
        }
    }

    private func writeCore(_ metadata: Metadata, into marker: XMLTreeElement) throws {
        if !metadata.title.isEmpty { try marker.append("dc:title", text: metadata.title) }
        if !metadata.subject.isEmpty { try marker.append("dc:subject", text: metadata.subject) }
        if !metadata.creator.isEmpty { try marker.append("dc:creator", text: metadata.creator) }
        if !metadata.language.isEmpty { try marker.append("dc:language", text: metadata.language) }
        if let date = try normalisedDateTime(metadata.date) {
            try marker.append("dcterms:created", text: date).attribute("xsi:type", "dcterms:W3CDTF")
            try marker.append("dcterms:modified", text: date).attribute("xsi:type", "dcterms:W3CDTF")
        }
    }

    private func contentTypes(parts: [(name: String, tree: TemplatePart, contentType: String, rels: Relationships)],
                              media: MediaStore) throws -> [UInt8] {
        let tree = try XMLTree(root: "Types",
                               namespaces: ["": "http://schemas.openxmlformats.org/package/2006/content-types"])
        let root = tree.root
        try root.append("Default").attribute("Extension", "rels")
            .attribute("ContentType", "application/vnd.openxmlformats-package.relationships+xml")
        try root.append("Default").attribute("Extension", "xml").attribute("ContentType", "application/xml")
        for format in [Image.Format.png, .jpeg] where media.items.contains(where: { $0.image.format == format }) {
            try root.append("Default").attribute("Extension", format.fileExtension)
                .attribute("ContentType", format.mediaType)
        }
        var overrides: [(String, String)] = [
            ("/word/document.xml", Self.mainContentType),
            ("/word/numbering.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        ]
        for part in template.staticParts {
            if let known = Self.knownParts[part.name] { overrides.append(("/" + part.name, known.contentType)) }
        }
        for part in parts { overrides.append(("/" + part.name, part.contentType)) }
        for (name, type) in overrides {
            try root.append("Override").attribute("PartName", name).attribute("ContentType", type)
        }
        return tree.serialized()
    }

    private func packageRelationships() throws -> [UInt8] {
        let rels = Relationships()
        _ = rels.add(Self.relationshipBase + "officeDocument", target: "word/document.xml", absoluteType: true)
        _ = rels.add("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                     target: "docProps/core.xml", absoluteType: true)
        _ = rels.add(Self.relationshipBase + "extended-properties", target: "docProps/app.xml", absoluteType: true)
        return try rels.serialized()
    }
}

/// The relationships of one part, numbered rId1, rId2, … in the order added.
final class Relationships {
    private var items: [(id: String, type: String, target: String)] = []

    var isEmpty: Bool { items.isEmpty }

    func add(_ type: String, target: String, absoluteType: Bool = false) -> String {
        let id = "rId\(items.count + 1)"
        items.append((id, absoluteType ? type : OoxmlWriter.relationshipBase + type, target))
        return id
    }

    func serialized() throws -> [UInt8] {
        let key = "ooxml-rels\n" + items.map { "\($0.id) \($0.type) \($0.target)" }.joined(separator: "\n")
        return try GeneratedParts.shared.bytes(key, serializeAnew)
    }

    private func serializeAnew() throws -> [UInt8] {
        let tree = try XMLTree(root: "Relationships",
                               namespaces: ["": "http://schemas.openxmlformats.org/package/2006/relationships"])
        for item in items {
            try tree.root.append("Relationship").attribute("Id", item.id)
                .attribute("Type", item.type).attribute("Target", item.target)
        }
        return tree.serialized()
    }
}

/// wp:docPr ids must be unique in the whole document, header included.
struct DrawingIDs {
    private(set) var last = 0
    mutating func next() -> Int {
        last += 1
        return last
    }
}
