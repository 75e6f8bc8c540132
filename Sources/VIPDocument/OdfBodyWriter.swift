import VIPXML

/// Renders blocks and inlines as ODF text elements.
struct OdfBodyWriter {
    let automaticStyles: XMLTreeElement
    let media: MediaStore
    private var tableCount = 0
    private var imageCount = 0

    init(automaticStyles: XMLTreeElement, media: MediaStore) {
        self.automaticStyles = automaticStyles
        self.media = media
    }

    mutating func write(_ blocks: [Block], into body: XMLTreeElement) throws {
        for block in blocks {
            switch block {
            case .heading(let level, let inlines):
                let level = min(max(level, 1), 3)
                let h = try body.append("text:h")
                    .attribute("text:style-name", "Heading_20_\(level)")
                    .attribute("text:outline-level", String(level))
                try Self.appendInlines(inlines, to: h)
            case .paragraph(let inlines, let style):
                let p = try body.append("text:p").attribute("text:style-name", Self.styleName(style))
                try Self.appendInlines(inlines, to: p)
            case .bulletList(let items):
                try list(items, style: "Bullets", into: body)
            case .numberedList(let items):
                try list(items, style: "Numbering_20_123", into: body)
            case .table(let table):
                try self.table(table, into: body)
            case .pageBreak:
                // An empty paragraph whose style breaks the page after it.
                try body.append("text:p").attribute("text:style-name", "Page_20_Break")
            case .image(let image):
                imageCount += 1
                let p = try body.append("text:p").attribute("text:style-name", "Image")
                try Self.frame(for: image, name: "Afbeelding \(imageCount)", in: p, media: media)
            }
        }
    }

    static func styleName(_ style: ParagraphStyle) -> String {
        switch style {
        case .body: return "Text_20_body"
        case .address: return "Address"
        case .small: return "Small"
        case .right: return "Right"
        case .title: return "Title"
        }
    }

    private func list(_ items: [[Inline]], style: String, into body: XMLTreeElement) throws {
        guard !items.isEmpty else { return }
        // A new text:list without text:continue-numbering starts again at 1.
        let list = try body.append("text:list").attribute("text:style-name", style)
        for item in items {
            let p = try list.append("text:list-item").append("text:p")
                .attribute("text:style-name", "List_20_Item")
            try Self.appendInlines(item, to: p)
        }
    }

    private mutating func table(_ table: Table, into body: XMLTreeElement) throws {
        guard !table.rows.isEmpty else { return }
        tableCount += 1
        let name = "Tabel\(tableCount)"
        let widths = table.normalisedWidths
        let style = try automaticStyles.append("style:style")
            .attribute("style:name", name).attribute("style:family", "table")
        try style.append("style:table-properties")
            .attribute("style:width", millimetres(OdfWriter.textWidthMM))
            .attribute("table:align", "margins")
        for (i, w) in widths.enumerated() {
            let column = try automaticStyles.append("style:style")
                .attribute("style:name", "\(name).C\(i + 1)").attribute("style:family", "table-column")
            try column.append("style:table-column-properties")
                .attribute("style:column-width", millimetres(w * OdfWriter.textWidthMM))
                .attribute("style:rel-column-width", "\(Int((w * 10000).rounded()))*")
        }

        let t = try body.append("table:table")
            .attribute("table:name", name).attribute("table:style-name", name)
        for i in widths.indices {
            try t.append("table:table-column").attribute("table:style-name", "\(name).C\(i + 1)")
        }
        let headerCount = table.leadingHeaderCount
        // Rows inside table:table-header-rows are repeated on every page.
        let headerRows = headerCount > 0 ? try t.append("table:table-header-rows") : nil
        for (index, row) in table.rows.enumerated() {
            let r = try (index < headerCount ? headerRows! : t).append("table:table-row")
            for column in 0..<widths.count {
                let right = table.alignment(column) == .right
                let (cellStyle, paragraphStyle): (String, String)
                switch row.kind {
                case .header: (cellStyle, paragraphStyle) = ("HeaderCell", "Table_20_Heading")
                case .body: (cellStyle, paragraphStyle) = ("Cell", "Table_20_Contents")
                case .subtotal: (cellStyle, paragraphStyle) = ("Cell", "Table_20_Total")
                case .total: (cellStyle, paragraphStyle) = ("TotalCell", "Table_20_Total")
                }
                let cell = try r.append("table:table-cell")
                    .attribute("table:style-name", cellStyle)
                    .attribute("office:value-type", "string")
                let p = try cell.append("text:p")
                    .attribute("text:style-name", right ? paragraphStyle + "_20_Right" : paragraphStyle)
                if column < row.cells.count { try Self.appendInlines(row.cells[column], to: p) }
            }
        }
    }

    /// An image as a character-anchored frame in paragraph `p`, with its description
    /// as alternative text (svg:title).
    static func frame(for image: Image, name: String, in p: XMLTreeElement, media: MediaStore) throws {
        let size = try paperSize(of: image, maxWidthMM: OdfWriter.textWidthMM)
        let path = media.add(image)
        let frame = try p.append("draw:frame")
            .attribute("draw:style-name", "Graphics")
            .attribute("draw:name", name)
            .attribute("text:anchor-type", "as-char")
            .attribute("svg:width", millimetres(size.width))
            .attribute("svg:height", millimetres(size.height))
            .attribute("draw:z-index", "0")
        try frame.append("draw:image")
            .attribute("xlink:href", path)
            .attribute("xlink:type", "simple")
            .attribute("xlink:show", "embed")
            .attribute("xlink:actuate", "onLoad")
        if !image.description.isEmpty {
            try frame.append("svg:title", text: image.description)
        }
    }

    static func appendInlines(_ inlines: [Inline], to p: XMLTreeElement) throws {
        for inline in inlines {
            switch inline {
            case .text(let s):
                try appendText(s, to: p)
            case .bold(let s):
                try appendText(s, to: p.append("text:span").attribute("text:style-name", "Strong_20_Emphasis"))
            case .italic(let s):
                try appendText(s, to: p.append("text:span").attribute("text:style-name", "Emphasis"))
            case .lineBreak:
                try p.append("text:line-break")
            }
        }
    }

    /// ODF collapses white space in paragraphs like HTML: a second space, a tab and a
    /// newline need their own elements (text:s, text:tab, text:line-break).
    static func appendText(_ text: String, to element: XMLTreeElement) throws {
        let utf8 = text.utf8
        // Most texts have no tab, newline, carriage return or double space: one text node.
        func isPlain<S: Sequence<UInt8>>(_ bytes: S) -> Bool {
            var previous: UInt8 = 0
            for b in bytes {
                if b == 0x9 || b == 0xA || b == 0xD || (b == 0x20 && previous == 0x20) { return false }
                previous = b
            }
            return true
        }
        // On the contiguous bytes when the string has them (native strings do).
        if utf8.withContiguousStorageIfAvailable(isPlain) ?? isPlain(utf8) {
            try element.appendText(text)
            return
        }
        // Sliced on UTF-8 positions. The first space of a run stays in the text; the
        // others become one text:s (with text:c when more than one).
        var start = utf8.startIndex        // of the text not yet written
        var textEnd = start                // where that text ends once spaces are counted
        var spaces = 0
        var previousWasSpace = false
        func flush(upTo end: String.Index) throws {
            try element.appendText(String(decoding: utf8[start..<(spaces > 0 ? textEnd : end)], as: UTF8.self))
            if spaces > 0 {
                let s = try element.append("text:s")
                if spaces > 1 { try s.attribute("text:c", String(spaces)) }
                spaces = 0
            }
        }
        var i = start
        while i != utf8.endIndex {
            let b = utf8[i]
            let next = utf8.index(after: i)
            switch b {
            case 0x20:
                if spaces > 0 {
                    spaces += 1
                } else if previousWasSpace {
                    spaces = 1
                    textEnd = i
                } else {
                    previousWasSpace = true
                }
            case 0x9, 0xA, 0xD:
                try flush(upTo: i)
                if b == 0x9 { try element.append("text:tab") }
                if b == 0xA { try element.append("text:line-break") }
                start = next
                previousWasSpace = false
            default:
                if spaces > 0 {
                    try flush(upTo: i)
                    start = i
                }
                previousWasSpace = false
            }
            i = next
        }
        try flush(upTo: utf8.endIndex)
    }
}
