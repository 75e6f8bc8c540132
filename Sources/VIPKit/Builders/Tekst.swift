import VIPDocument
import VIPModel

/// Helpers shared by the builders: Dutch wording and text-to-block conversion.
enum Tekst {
    /// Free text: a blank line starts a new paragraph.
    static func alineas(_ tekst: String?) -> [Block] {
        guard let tekst else { return [] }
        return tekst.components(separatedByBlankLines: ()).map { .paragraph([.text($0)]) }
    }

    static func p(_ s: String) -> Block { .paragraph([.text(s)]) }

    static func lijst(_ items: [String]) -> Block { .bulletList(items.map { [.text($0)] }) }

    /// "a, b en c".
    static func opsomming(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " en " + items.last!
        }
    }

    static func status(_ s: DekkingStatus?) -> String {
        switch s {
        case .toegezegd: return "toegezegd"
        case .aangevraagd: return "aangevraagd"
        case .verwacht: return "verwacht"
        case .afgewezen: return "afgewezen"
        case nil: return "status onbekend"
        }
    }

    static func soort(_ s: Soort?) -> String {
        switch s {
        case .eigenMiddelen: return "eigen middelen"
        case .natura: return "bijdrage in natura"
        case .deelnemersbijdrage: return "deelnemersbijdrage"
        case .sponsor: return "sponsoring"
        case .overheid: return "overheid"
        case .overig: return "overig"
        case nil: return ""
        }
    }

    static func fase(_ f: Fase?) -> String { f?.rawValue ?? "" }

    static func periode(_ start: Datum?, _ eind: Datum?) -> String {
        switch (start, eind) {
        case let (s?, e?) where s == e: return s.description
        case let (s?, e?): return "\(s) – \(e)"
        case let (s?, nil): return "vanaf \(s)"
        case let (nil, e?): return "tot \(e)"
        default: return ""
        }
    }

    static func rechtsvorm(_ r: String?) -> String {
        switch r {
        case "stichting-in-oprichting": return "stichting in oprichting"
        case "informele-groep": return "bewonersgroep"
        case let r?: return r
        default: return "organisatie"
        }
    }

    static func bijlageSoort(_ s: BijlageSoort?) -> String {
        switch s {
        case .statuten: return "de statuten van de organisatie"
        case .kvkUittreksel: return "een recent uittreksel uit het register van de Kamer van Koophandel"
        case .jaarverslag: return "het laatste jaarverslag"
        case .offerte: return "een offerte die de begroting onderbouwt"
        case .overig, nil: return "aanvullende informatie"
        }
    }

    /// First letter in upper case ("de stichting" → "De stichting").
    static func hoofdletter(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    /// Ends with a full stop unless it already ends a sentence.
    static func zin(_ s: String) -> String {
        guard let last = s.last else { return s }
        return ".!?".contains(last) ? s : s + "."
    }
}

extension String {
    /// Paragraphs separated by blank lines, each with its inner line breaks folded.
    func components(separatedByBlankLines _: Void) -> [String] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in lines {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { paragraphs.append(current.map { $0.trimmedText }.joined(separator: " ")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current.map { $0.trimmedText }.joined(separator: " ")) }
        return paragraphs
    }

    /// The lines, as `split(separator: "\n", omittingEmptySubsequences: false)` gives them,
    /// found on the UTF-8 bytes instead of by grapheme breaking (most of a build's text
    /// handling). "\r\n" is one Character, so a "\n" right after "\r" does not split.
    var lines: [Substring] {
        let utf8 = self.utf8
        // A native string's bytes are contiguous; the offsets of its line ends are found there
        // and turned into indices once per line (O(1) on UTF-8 storage).
        let einden: [Int]? = utf8.withContiguousStorageIfAvailable { bytes in
            var uit: [Int] = []
            for k in bytes.indices where bytes[k] == 0x0A && (k == 0 || bytes[k - 1] != 0x0D) { uit.append(k) }
            return uit
        }
        guard let einden else {
            var kopie = self
            kopie.makeContiguousUTF8()
            return kopie.lines
        }
        var lines: [Substring] = []
        lines.reserveCapacity(einden.count + 1)
        var start = utf8.startIndex
        for k in einden {
            let eind = utf8.index(utf8.startIndex, offsetBy: k)
            lines.append(self[start..<eind])
            start = utf8.index(after: eind)
        }
        lines.append(self[start..<utf8.endIndex])
        return lines
    }
}
