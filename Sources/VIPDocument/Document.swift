/// A small document model between the builders and the writers (as pandoc's AST):
/// builders turn an aanvraag into `Document`s and know nothing of XML; the ODF and
/// OOXML writers turn a `Document` plus a template set into a package and know
/// nothing of aanvragen.
public struct Document: Sendable, Equatable {
    /// Metadata written into meta.xml / docProps/core.xml. Empty strings are omitted.
    public var metadata: Metadata
    /// Header and footer content, rendered on every page.
    public var letterhead: Letterhead
    public var blocks: [Block]
    /// "CONCEPT" on every page when set (`vip build --concept`).
    public var concept: Bool

    public init(metadata: Metadata = Metadata(), letterhead: Letterhead = Letterhead(),
                blocks: [Block] = [], concept: Bool = false) {
        self.metadata = metadata
        self.letterhead = letterhead
        self.blocks = blocks
        self.concept = concept
    }
}

public struct Metadata: Sendable, Equatable {
    public var title: String
    public var subject: String
    public var creator: String
    public var company: String
    public var language: String
    /// ISO 8601 date-time written as creation and modification date; fixed for
    /// reproducible output (the caller's injected clock: `SOURCE_DATE_EPOCH` or the
    /// aanvraag's own date).
    public var date: String

    public init(title: String = "", subject: String = "", creator: String = "",
                company: String = "", language: String = "nl-NL",
                date: String = "2000-01-01T00:00:00Z") {
        self.title = title
        self.subject = subject
        self.creator = creator
        self.company = company
        self.language = language
        self.date = date
    }
}

/// What stands in the page header and footer.
public struct Letterhead: Sendable, Equatable {
    /// Organisation name in the header; empty for none.
    public var name: String
    /// Logo in the header, scaled in proportion to `logoHeightMM`.
    public var logo: Image?
    /// Footer lines (address, KvK, IBAN); "pagina X van Y" is added by the writer.
    public var footer: [String]

    public init(name: String = "", logo: Image? = nil, footer: [String] = []) {
        self.name = name
        self.logo = logo
        self.footer = footer
    }
}

public struct Image: Sendable, Equatable {
    public enum Format: String, Sendable { case png, jpeg }
    public var data: [UInt8]
    public var format: Format
    /// Pixel size, read from the file header; used to keep the proportion.
    public var pixelWidth: Int
    public var pixelHeight: Int
    /// Wanted height on paper, in millimetres; width follows the proportion.
    public var heightMM: Double
    /// Alternative text.
    public var description: String

    public init(data: [UInt8], format: Format, pixelWidth: Int, pixelHeight: Int,
                heightMM: Double, description: String) {
        self.data = data
        self.format = format
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
        self.heightMM = heightMM
        self.description = description
    }
}

public indirect enum Block: Sendable, Equatable {
    /// Heading level 1...3.
    case heading(level: Int, [Inline])
    case paragraph([Inline], style: ParagraphStyle = .body)
    case bulletList([[Inline]])
    case numberedList([[Inline]])
    case table(Table)
    case pageBreak
    case image(Image)
}

public enum ParagraphStyle: String, Sendable, Equatable {
    case body          // ordinary text
    case address       // address block lines, no space after
    case small         // smaller print (bijlagen list, notes)
    case right         // right aligned (place and date)
    case title         // document title
}

public enum Inline: Sendable, Equatable {
    case text(String)
    case bold(String)
    case italic(String)
    case lineBreak
}

public struct Table: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable { case left, right }
    public struct Row: Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case header, body, subtotal, total }
        public var cells: [[Inline]]
        public var kind: Kind
        public init(_ cells: [[Inline]], kind: Kind = .body) {
            self.cells = cells
            self.kind = kind
        }
    }
    /// Relative column widths (any positive numbers; the writer normalises).
    public var columnWidths: [Double]
    public var alignments: [Alignment]
    public var rows: [Row]

    public init(columnWidths: [Double], alignments: [Alignment], rows: [Row]) {
        self.columnWidths = columnWidths
        self.alignments = alignments
        self.rows = rows
    }
}

extension Inline {
    /// Plain text of a run of inlines; used for checks and page estimates.
    public static func plainText(_ inlines: [Inline]) -> String {
        inlines.map { inline in
            switch inline {
            case .text(let s), .bold(let s), .italic(let s): return s
            case .lineBreak: return "\n"
            }
        }.joined()
    }
}
