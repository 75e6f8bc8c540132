import VIPXML

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

    mutating func write(_ blocks: [Block], into body: XMLTreeElement) throws {
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
    private mutating func list(_ items: [[Inline]], abstractNum: Int, into body: XMLTreeElement) throws {
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

    private mutating func table(_ table: Table, into body: XMLTreeElement) throws {
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
        func isBreak(_ b: UInt8) -> Bool { b == 0x9 || b == 0xA || b == 0xD }
        // On the contiguous bytes when the string has them (native strings do): the
        // index-by-index walk of a UTF8View cost ten times more.
        let hasBreak = utf8.withContiguousStorageIfAvailable { $0.contains(where: isBreak) } ?? utf8.contains(where: isBreak)
        guard hasBreak else {
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
