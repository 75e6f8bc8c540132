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
        entries.append(xmlEntry("[Content_Types].xml", try contentTypes(parts: parts, media: media)))
        entries.append(xmlEntry("_rels/.rels", try packageRelationships()))
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
            throw DocumentError.packaging("\(error)")
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

/// Renders blocks and inlines as WordprocessingML.
struct OoxmlBodyWriter {
    /// Text width of the standard page: 11906 − 2 × 1134 twips = 170 mm.
    static let textWidthMM = 170.0
    static let textWidthTwips = 9638
    static let emuPerMM = 36000.0

    let media: MediaStore
    let relationships: Relationships
    var drawingIDs: DrawingIDs
    /// Where w:num elements go; nil in headers and footers (no lists there).
    let numbering: XMLTreeElement?
    private var numCount = 0
    private var imageRelationships: [String: String] = [:]

    init(media: MediaStore, relationships: Relationships, drawingIDs: DrawingIDs, numbering: XMLTreeElement?) {
        self.media = media
        self.relationships = relationships
        self.drawingIDs = drawingIDs
        self.numbering = numbering
    }

    mutating func write(_ blocks: [Block], into body: XMLContainer) throws {
        for block in blocks {
            switch block {
            case .heading(let level, let inlines):
                let level = min(max(level, 1), 3)
                let p = try body.append("w:p")
                try p.append("w:pPr").append("w:pStyle").attribute("w:val", "Heading\(level)")
                try appendInlines(inlines, to: p)
            case .paragraph(let inlines, let style):
                let p = try body.append("w:p")
                if style != .body {
                    try p.append("w:pPr").append("w:pStyle").attribute("w:val", Self.styleID(style))
                }
                try appendInlines(inlines, to: p)
            case .bulletList(let items):
                try list(items, abstractNum: 0, into: body)
            case .numberedList(let items):
                try list(items, abstractNum: 1, into: body)
            case .table(let table):
                try self.table(table, into: body)
            case .pageBreak:
                try body.append("w:p").append("w:r").append("w:br").attribute("w:type", "page")
            case .image(let image):
                let p = try body.append("w:p")
                try p.append("w:pPr").append("w:pStyle").attribute("w:val", "Image")
                try drawing(for: image, in: p, maxWidthMM: Self.textWidthMM)
            }
        }
    }

    static func styleID(_ style: ParagraphStyle) -> String {
        switch style {
        case .body: return "Normal"
        case .address: return "Address"
        case .small: return "Small"
        case .right: return "Right"
        case .title: return "Title"
        }
    }

    /// Every list gets its own w:num, so each numbered list starts at 1.
    private mutating func list(_ items: [[Inline]], abstractNum: Int, into body: XMLContainer) throws {
        guard !items.isEmpty, let numbering else { return }
        numCount += 1
        let num = try numbering.append("w:num").attribute("w:numId", String(numCount))
        try num.append("w:abstractNumId").attribute("w:val", String(abstractNum))
        try num.append("w:lvlOverride").attribute("w:ilvl", "0")
            .append("w:startOverride").attribute("w:val", "1")
        for item in items {
            let p = try body.append("w:p")
            let pPr = try p.append("w:pPr")
            try pPr.append("w:pStyle").attribute("w:val", "ListParagraph")
            let numPr = try pPr.append("w:numPr")
            try numPr.append("w:ilvl").attribute("w:val", "0")
            try numPr.append("w:numId").attribute("w:val", String(numCount))
            try appendInlines(item, to: p)
        }
    }

    private mutating func table(_ table: Table, into body: XMLContainer) throws {
        guard !table.rows.isEmpty else { return }
        let widths = table.normalisedWidths
        // Twips per column; the last takes the rounding rest so the grid fills the width.
        var twips = widths.map { Int(($0 * Double(Self.textWidthTwips)).rounded(.down)) }
        twips[twips.count - 1] += Self.textWidthTwips - twips.reduce(0, +)

        let tbl = try body.append("w:tbl")
        let tblPr = try tbl.append("w:tblPr")
        try tblPr.append("w:tblStyle").attribute("w:val", "VipTable")
        try tblPr.append("w:tblW").attribute("w:w", String(Self.textWidthTwips)).attribute("w:type", "dxa")
        try tblPr.append("w:tblLayout").attribute("w:type", "fixed")
        let grid = try tbl.append("w:tblGrid")
        for w in twips { try grid.append("w:gridCol").attribute("w:w", String(w)) }

        let headerCount = table.leadingHeaderCount
        for (index, row) in table.rows.enumerated() {
            let tr = try tbl.append("w:tr")
            let trPr = try tr.append("w:trPr")
            try trPr.append("w:cantSplit")
            // Repeated at the top of every page; only honoured for leading rows.
            if index < headerCount { try trPr.append("w:tblHeader") }
            for column in 0..<widths.count {
                let tc = try tr.append("w:tc")
                let tcPr = try tc.append("w:tcPr")
                try tcPr.append("w:tcW").attribute("w:w", String(twips[column])).attribute("w:type", "dxa")
                let style: String
                switch row.kind {
                case .header:
                    style = "TableHeading"
                    try border("w:bottom", in: tcPr)
                case .body:
                    style = "TableContents"
                case .subtotal:
                    style = "TableTotal"
                case .total:
                    style = "TableTotal"
                    try border("w:top", in: tcPr)
                }
                let p = try tc.append("w:p")
                let pPr = try p.append("w:pPr")
                try pPr.append("w:pStyle").attribute("w:val", style)
                if table.alignment(column) == .right { try pPr.append("w:jc").attribute("w:val", "right") }
                if column < row.cells.count { try appendInlines(row.cells[column], to: p) }
            }
        }
    }

    private func border(_ side: String, in tcPr: XMLTreeElement) throws {
        try tcPr.append("w:tcBorders").append(side)
            .attribute("w:val", "single").attribute("w:sz", "6")
            .attribute("w:space", "0").attribute("w:color", "000000")
    }

    func appendInlines(_ inlines: [Inline], to p: XMLTreeElement) throws {
        for inline in inlines {
            switch inline {
            case .text(let s): try run(s, in: p)
            case .bold(let s): try run(s, in: p, bold: true)
            case .italic(let s): try run(s, in: p, italic: true)
            case .lineBreak: try p.append("w:r").append("w:br")
            }
        }
    }

    /// One run; tabs and newlines inside the text become w:tab and w:br.
    func run(_ text: String, in p: XMLTreeElement, bold: Bool = false, italic: Bool = false) throws {
        guard !text.isEmpty else { return }
        let r = try p.append("w:r")
        if bold || italic {
            let rPr = try r.append("w:rPr")
            if bold { try rPr.append("w:b"); try rPr.append("w:bCs") }
            if italic { try rPr.append("w:i"); try rPr.append("w:iCs") }
        }
        // Without xml:space="preserve" Word drops leading and trailing spaces.
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x9 || $0 == 0xA || $0 == 0xD }) else {
            try r.append("w:t", text: text).attribute("xml:space", "preserve")
            return
        }
        // Sliced on UTF-8 positions: a tab or newline ends the text so far and becomes
        // w:tab or w:br; a carriage return is left out.
        var pending = ""
        func flush() throws {
            guard !pending.isEmpty else { return }
            try r.append("w:t", text: pending).attribute("xml:space", "preserve")
            pending = ""
        }
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            let b = utf8[i]
            if b == 0x9 || b == 0xA || b == 0xD {
                pending += String(decoding: utf8[start..<i], as: UTF8.self)
                if b == 0x9 { try flush(); try r.append("w:tab") }
                if b == 0xA { try flush(); try r.append("w:br") }
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        pending += String(decoding: utf8[start...], as: UTF8.self)
        try flush()
    }

    /// A simple field (page number, page count) with a placeholder result.
    func field(_ instruction: String, in p: XMLTreeElement) throws {
        let field = try p.append("w:fldSimple").attribute("w:instr", " \(instruction) ")
        try field.append("w:r").append("w:t", text: "1")
    }

    /// An inline picture, in proportion, with its description as alternative text.
    mutating func drawing(for image: Image, in p: XMLTreeElement, maxWidthMM: Double) throws {
        let size = try paperSize(of: image, maxWidthMM: maxWidthMM)
        let path = media.add(image)
        let rid: String
        if let existing = imageRelationships[path] {
            rid = existing
        } else {
            rid = relationships.add("image", target: path)
            imageRelationships[path] = rid
        }
        let id = drawingIDs.next()
        let cx = String(Int((size.width * Self.emuPerMM).rounded()))
        let cy = String(Int((size.height * Self.emuPerMM).rounded()))
        let name = "Afbeelding \(id)"

        let inline = try p.append("w:r").append("w:drawing").append("wp:inline")
            .attribute("distT", "0").attribute("distB", "0").attribute("distL", "0").attribute("distR", "0")
        try inline.append("wp:extent").attribute("cx", cx).attribute("cy", cy)
        try inline.append("wp:effectExtent").attribute("l", "0").attribute("t", "0")
            .attribute("r", "0").attribute("b", "0")
        try inline.append("wp:docPr").attribute("id", String(id)).attribute("name", name)
            .attribute("descr", image.description)
        try inline.append("wp:cNvGraphicFramePr").append("a:graphicFrameLocks").attribute("noChangeAspect", "1")
        let data = try inline.append("a:graphic").append("a:graphicData")
            .attribute("uri", "http://schemas.openxmlformats.org/drawingml/2006/picture")
        let pic = try data.append("pic:pic")
        let nv = try pic.append("pic:nvPicPr")
        try nv.append("pic:cNvPr").attribute("id", "0").attribute("name", name)
            .attribute("descr", image.description)
        try nv.append("pic:cNvPicPr")
        let fill = try pic.append("pic:blipFill")
        try fill.append("a:blip").attribute("r:embed", rid)
        try fill.append("a:stretch").append("a:fillRect")
        let spPr = try pic.append("pic:spPr")
        let xfrm = try spPr.append("a:xfrm")
        try xfrm.append("a:off").attribute("x", "0").attribute("y", "0")
        try xfrm.append("a:ext").attribute("cx", cx).attribute("cy", cy)
        try spPr.append("a:prstGeom").attribute("prst", "rect").append("a:avLst")
    }
}
