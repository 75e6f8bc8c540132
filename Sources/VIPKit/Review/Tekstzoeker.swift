import Foundation

/// Text normalised for searching identifying strings, with a map back to the original.
///
/// The anonymiser and the leak check must agree on what "the same string" is, or the
/// leak check would flag what the anonymiser (rightly) left alone, or miss what it should
/// have replaced. Both therefore search through this one representation:
/// case and diacritics folded ("Özdemir" = "ozdemir", "Yıldırım" = "yildirim"), every run of
/// whitespace one space (`.tekst`), or, for numbers, separators dropped entirely (`.compact`,
/// so "NL57 TRIO 0212 3488 90", "06-52781934" and "0652781934" are all found).
struct Genormaliseerd {
    enum Modus { case tekst, compact }

    /// Folded scalars.
    var tekens: [UInt32]
    /// For each folded scalar, the index of the original scalar it came from.
    var bron: [Int]
    /// The original scalars.
    var origineel: [Unicode.Scalar]
    /// Positions of each folded scalar, for a quick start of every search.
    private var posities: [UInt32: [Int]] = [:]

    init(_ tekst: String, modus: Modus, index: Bool = false) {
        origineel = Array(tekst.unicodeScalars)
        tekens = []
        bron = []
        tekens.reserveCapacity(origineel.count)
        bron.reserveCapacity(origineel.count)
        var vorigeSpatie = true   // also trims leading whitespace
        for (i, s) in origineel.enumerated() {
            if Genormaliseerd.isWitruimte(s) || (modus == .compact && Genormaliseerd.isScheiding(s)) {
                if modus == .tekst && !vorigeSpatie {
                    tekens.append(0x20)
                    bron.append(i)
                }
                vorigeSpatie = true
                continue
            }
            vorigeSpatie = false
            for f in Genormaliseerd.vouw(s) {
                tekens.append(f)
                bron.append(i)
            }
        }
        if modus == .tekst, tekens.last == 0x20 { tekens.removeLast(); bron.removeLast() }
        if index {
            for (i, t) in tekens.enumerated() { posities[t, default: []].append(i) }
        }
    }

    static func isWitruimte(_ s: Unicode.Scalar) -> Bool {
        s.properties.isWhitespace || s == "\u{00A0}" || s == "\u{202F}" || s == "\u{2007}"
    }

    /// Characters people put inside numbers: "06-1234 5678", "NL57 TRIO…", "68.31.42.95".
    static func isScheiding(_ s: Unicode.Scalar) -> Bool {
        s == "-" || s == "." || s == "/" || s == "\u{2010}" || s == "\u{2011}" || s == "\u{2013}"
    }

    static func isAlfanumeriek(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil
    }

    nonisolated(unsafe) private static var cache: [UInt32: [UInt32]] = [:]
    private static let lock = NSLock()

    /// Lower case without diacritics; a few letters that Unicode does not decompose are mapped by hand.
    static func vouw(_ s: Unicode.Scalar) -> [UInt32] {
        if s.isASCII {
            let v = s.value
            return [(v >= 65 && v <= 90) ? v + 32 : v]
        }
        lock.lock()
        defer { lock.unlock() }
        if let hit = cache[s.value] { return hit }
        var uit: [UInt32] = []
        switch s {
        case "ı", "İ": uit = [0x69]
        case "ł", "Ł": uit = [0x6C]
        case "ø", "Ø": uit = [0x6F]
        case "đ", "Đ": uit = [0x64]
        case "\u{2019}", "\u{2018}", "\u{02BC}": uit = [0x27]
        default:
            let folded = String(s).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            uit = folded.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }.map(\.value)
        }
        cache[s.value] = uit
        return uit
    }

    /// Start positions (in `tekens`) of `naald`. Uses the index when built.
    func kandidaten(_ eerste: UInt32) -> [Int]? { posities.isEmpty ? nil : (posities[eerste] ?? []) }
}

/// One string to find: folded, with the rules for where it may stand.
struct Zoekterm: Sendable {
    var tekens: [UInt32]
    var modus: Genormaliseerd.Modus
    /// For each folded scalar of the term: must the text have an upper-case letter there?
    /// Set for terms made of ordinary words ("De Kameleon", "Vrouwen voor Elkaar"): those
    /// are only a name when written as one.
    var hoofdletters: [Bool]?
    /// Only a match when it does not open a sentence (ordinary-word name parts: "Storm").
    var nietAanZinsbegin = false

    init(_ tekst: String, modus: Genormaliseerd.Modus, hoofdlettergevoelig: Bool = false, nietAanZinsbegin: Bool = false) {
        let n = Genormaliseerd(tekst, modus: modus)
        tekens = n.tekens
        self.modus = modus
        if hoofdlettergevoelig {
            hoofdletters = n.bron.map { n.origineel[$0].properties.isUppercase }
        }
        self.nietAanZinsbegin = nietAanZinsbegin
    }

    var isLeeg: Bool { tekens.isEmpty }

    /// Every match in `tekst`, as ranges of original scalar indices, on word boundaries.
    func zoek(in tekst: Genormaliseerd) -> [Range<Int>] {
        guard let eerste = tekens.first else { return [] }
        let m = tekens.count, t = tekst.tekens
        var uit: [Range<Int>] = []
        func probeer(_ i: Int) {
            guard i + m <= t.count else { return }
            var k = 1
            while k < m, t[i + k] == tekens[k] { k += 1 }
            guard k == m else { return }
            let start = tekst.bron[i], eind = tekst.bron[i + m - 1] + 1
            let o = tekst.origineel
            // Word boundaries in the original text: "Petra's" matches Petra, "Petraschool" does not.
            if start > 0, Genormaliseerd.isAlfanumeriek(o[start - 1]), Genormaliseerd.isAlfanumeriek(o[start]) { return }
            if eind < o.count, Genormaliseerd.isAlfanumeriek(o[eind]), Genormaliseerd.isAlfanumeriek(o[eind - 1]) { return }
            if let hoofdletters {
                for (j, moet) in hoofdletters.enumerated() where moet {
                    if !o[tekst.bron[i + j]].properties.isUppercase { return }
                }
            }
            if nietAanZinsbegin && Zoekterm.isZinsbegin(o, start) { return }
            uit.append(start..<eind)
        }
        if let starts = tekst.kandidaten(eerste) {
            for i in starts { probeer(i) }
        } else {
            var i = 0
            while i + m <= t.count {
                if t[i] == eerste { probeer(i) }
                i += 1
            }
        }
        return uit
    }

    /// True when only whitespace, opening quotes or brackets stand between `index` and the start of
    /// the text, a sentence end (. ! ? :), or the end of an XML tag (a paragraph starts there).
    static func isZinsbegin(_ o: [Unicode.Scalar], _ index: Int) -> Bool {
        var i = index - 1
        while i >= 0 {
            let s = o[i]
            if Genormaliseerd.isWitruimte(s) || "\"'(\u{201C}\u{2018}[".unicodeScalars.contains(s) { i -= 1; continue }
            return ".!?:;>\n•–-".unicodeScalars.contains(s)
        }
        return true
    }
}
