import VIPDocument
import VIPModel

/// Estimates how many A4 pages a letter fills, for `brief_lengte` ("ongeveer twee A4").
///
/// A line model of the standard template: text width and line height of the body font,
/// extra space after paragraphs and headings. The constants are calibrated against the
/// page counts LibreOffice gives for rendered letters (see BriefLengteTests).
public enum BriefLengte {
    public struct Model: Sendable {
        public var tekensPerRegel: Double = 88
        public var regelsPerPagina: Double = 56
        public var alineaWit: Double = 0.55
        public var kopRegels: Double = 2.0
        public var tabelRegel: Double = 1.3
        public var lijstWit: Double = 0.15
        public var vasteRegels: Double = 0
    }

    public static let model = Model()

    public static func schatting(_ a: Aanvraag, fonds: Int) -> Double {
        guard a.fondsen.indices.contains(fonds) else { return 0 }
        return paginas(BriefBuilder.blocks(a, fonds: fonds))
    }

    public static func paginas(_ blocks: [Block], model m: Model = model) -> Double {
        func regels(_ inlines: [Inline], breedte: Double = 1) -> Double {
            let parts = Inline.plainText(inlines).lines
            return parts.reduce(0) { $0 + max(1, (Double(tekens($1)) / (m.tekensPerRegel * breedte)).rounded(.up)) }
        }
        /// Characters of a line; ASCII without CR is counted on its bytes (grapheme
        /// breaking was a fifth of a check).
        func tekens(_ line: Substring) -> Int {
            line.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) ? line.utf8.count : line.count
        }
        var total = m.vasteRegels
        for block in blocks {
            switch block {
            case .heading(_, let i): total += m.kopRegels + regels(i) - 1
            case .paragraph(let i, let style):
                total += regels(i) + (style == .address ? 0.3 : m.alineaWit)
            case .bulletList(let items), .numberedList(let items):
                total += items.reduce(0) { $0 + regels($1, breedte: 0.93) + m.lijstWit } + m.alineaWit
            case .table(let t):
                total += Double(t.rows.count) * m.tabelRegel + m.alineaWit
            case .pageBreak: total = (total / m.regelsPerPagina).rounded(.up) * m.regelsPerPagina
            case .image(let img): total += img.heightMM / 4.5
            }
        }
        return total / m.regelsPerPagina
    }
}
