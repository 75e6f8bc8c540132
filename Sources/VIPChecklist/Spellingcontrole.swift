import VIPModel
import VIPSpelling

extension Hunspell: Spelling {
    public func isCorrect(_ word: String) -> Bool { spell(word) }
    public func suggestions(_ word: String, limit: Int) -> [String] { suggest(word, limit: limit) }
}

/// The dictionary loads what the prepared words need, or all of it at the first other word
/// or suggestion; one that cannot be opened knows every word (as no dictionary at all: no
/// findings).
extension Hunspell.Deferred: Spelling {
    public func isCorrect(_ word: String) -> Bool { spell(word) }
    public func suggestions(_ word: String, limit: Int) -> [String] { suggest(word, limit: limit) }
    public func prepare(_ words: () -> [String]) { prepare(words()) }
}

extension Checklist {
    /// Whether the aanvraag has prose for the spell check (`spelling`); without it the
    /// dictionary need not be loaded.
    public static func heeftProza(_ a: Aanvraag) -> Bool { !Spellingcontrole.prozavelden(a).isEmpty }

    /// Every word the spell check of this aanvraag will look up (`Spelling.prepare`).
    public static func spellingwoorden(_ a: Aanvraag) -> [String] {
        let namen = Spellingcontrole.namen(a)
        var uit: [String] = []
        for (_, tekst) in Spellingcontrole.prozavelden(a) {
            for t in Spellingcontrole.tokens(tekst) where !Spellingcontrole.skip(t) {
                Spellingcontrole.opzoekingen(t, namen: namen, &uit)
            }
        }
        return uit
    }
}

/// The `spelling` rule's work: every prose field through the dictionary, one finding
/// per field listing its unknown words.
struct Spellingcontrole {
    let aanvraag: Aanvraag
    let spelling: any Spelling

    /// The prose fields of the table: the fields the spell check reads.
    static func velden(_ tabel: Veldentabel) -> [Veld] { tabel.alle.filter(\.isProza) }

    /// The texts of the prose fields of an aanvraag, with their paths.
    static func prozavelden(_ a: Aanvraag, tabel: Veldentabel = .aanvraag) -> [(pad: String, tekst: String)] {
        tabel.waarden(in: a, waar: \.isProza).compactMap { w in w.tekst.map { (w.pad, $0) } }
    }

    /// Words that are names because the aanvraag uses them as names somewhere.
    static func namen(_ a: Aanvraag) -> Set<String> {
        var n: [String?] = [a.organisatie.naam, a.organisatie.website, a.organisatie.adres?.straat, a.organisatie.adres?.plaats,
                            a.organisatie.contactpersoon?.naam, a.organisatie.contactpersoon?.functie,
                            a.project.projectleider, a.project.eindverantwoordelijke, a.project.regio, a.brief.plaats,
                            a.brief.gecorrigeerdDoor]
        n += a.organisatie.bestuur.map(\.naam)
        n += a.project.partners.map(\.naam)
        n += (a.project.positionering?.bestaandeInitiatieven ?? []).map(\.naam)
        n += a.project.activiteiten.flatMap(\.uitvoerders)
        n += a.project.thema
        n += a.dekkingsplan.map(\.bron) + a.dekkingsplan.map(\.fonds)
        n += a.fondsen.flatMap { [$0.naam, $0.terAttentieVan, $0.adres?.straat, $0.adres?.plaats] }
        n += a.bijlagen.flatMap { [$0.titel, $0.organisatie] }
        n += a.brief.ondertekening.map(\.naam)
        var words = Set<String>()
        for s in n.compactMap({ $0 }) {
            for w in tokens(s) { words.insert(w.lowercased()) }
        }
        for w in a.woordenlijst { words.insert(w.lowercased()) }
        return words
    }

    static let scheiding: Set<Unicode.Scalar> = Set("()[]{}\"“”‘«»,;:!?/…–—".unicodeScalars)

    /// Splits text into candidate words: letters with inner apostrophes, hyphens and dots.
    /// Works on Unicode scalars: grapheme breaking per character was most of a check's time.
    static func tokens(_ s: String) -> [Substring] {
        var out: [Substring] = []
        let scalars = s.unicodeScalars
        var start: String.Index?
        var i = scalars.startIndex
        func flush(_ end: String.Index) {
            guard let b = start else { return }
            start = nil
            // Trim what is not a letter or digit at both ends ("(zie", "buurt.").
            var lo = b, hi = end
            while lo < hi, !isWordScalar(scalars[lo]) { lo = scalars.index(after: lo) }
            while hi > lo, !isWordScalar(scalars[scalars.index(before: hi)]) { hi = scalars.index(before: hi) }
            if lo < hi { out.append(s[lo..<hi]) }
        }
        while i < scalars.endIndex {
            let u = scalars[i]
            let separator = u.isASCII ? (u == " " || u == "\n" || u == "\t" || u == "\r" || asciiScheiding[Int(u.value)])
                                      : (u.properties.isWhitespace || scheiding.contains(u))
            if separator {
                flush(i)
            } else if start == nil {
                start = i
            }
            i = scalars.index(after: i)
        }
        flush(scalars.endIndex)
        return out
    }

    /// The ASCII separators as a table: most text is ASCII, and a table beats hashing.
    static let asciiScheiding: [Bool] = (0..<128).map { i in
        let u = Unicode.Scalar(UInt8(i))
        return scheiding.contains(u) || u.properties.isWhitespace
    }

    static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        if u.isASCII {
            let v = u.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        return u.properties.isAlphabetic || u.properties.numericType != nil
    }

    /// Tokens that are not words to spell: numbers, e-mail, web addresses, codes.
    static func skip(_ t: Substring) -> Bool {
        let u = t.utf8
        if u.count < 2 || t.unicodeScalars.contains(where: { $0.isASCII ? ($0.value >= 0x30 && $0.value <= 0x39)
                                                                          : $0.properties.numericType != nil }) { return true }
        if u.contains(UInt8(ascii: "@")) || u.contains(UInt8(ascii: "/")) && t.contains("://") { return true }
        guard u.contains(UInt8(ascii: ".")) else { return false }
        if t.lowercased().hasPrefix("www.") { return true }
        // A domain name such as steunpilaar.example or gemeente.nl.
        let labels = t.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty } && labels.last!.allSatisfy(\.isLowercase)
    }

    /// Every text `woordGoed` may look up in the dictionary for `w`: kept in step with it.
    static func opzoekingen(_ w: Substring, namen: Set<String>, _ uit: inout [String]) {
        let word = String(w)
        if namen.contains(word.lowercased()) { return }
        uit.append(word)
        if let first = word.first, first.isUppercase { uit.append(word.lowercased()) }
        if word.utf8.contains(UInt8(ascii: "-")) {
            for part in word.split(separator: "-") { opzoekingen(part, namen: namen, &uit) }
        }
    }

    func woordGoed(_ w: Substring, namen: Set<String>) -> Bool {
        let word = String(w)
        if namen.contains(word.lowercased()) { return true }
        if spelling.isCorrect(word) { return true }
        // Sentence-initial capitals, and words written in capitals for emphasis.
        if let first = word.first, first.isUppercase, spelling.isCorrect(word.lowercased()) { return true }
        // Hyphenated compounds are checked per part ("buurt-bewoners", "Nieuw-West").
        if word.utf8.contains(UInt8(ascii: "-")) {
            let parts = word.split(separator: "-")
            return !parts.isEmpty && parts.allSatisfy { woordGoed($0, namen: namen) }
        }
        // Abbreviations in capitals (KvK, ANBI, GGD) are not spelling mistakes.
        if word.count <= 5, word.filter(\.isUppercase).count >= 2 { return true }
        return false
    }

    func run(_ m: inout Melder) {
        let namen = Self.namen(aanvraag)
        let velden = Self.prozavelden(aanvraag).map { (pad: $0.pad, tokens: Self.tokens($0.tekst).filter { !Self.skip($0) }) }
        spelling.prepare {
            var opzoeken: [String] = []
            for veld in velden {
                for t in veld.tokens { Self.opzoekingen(t, namen: namen, &opzoeken) }
            }
            return opzoeken
        }
        for (pad, tokens) in velden {
            var onbekend: [String] = []
            for t in tokens {
                if !woordGoed(t, namen: namen), !onbekend.contains(String(t)) { onbekend.append(String(t)) }
            }
            guard !onbekend.isEmpty else { continue }
            let mark = aanvraag.bron.locate(pad)
            let lijst = onbekend.prefix(12).map { word -> String in
                var uitleg: [String] = []
                if let mark, let regel = aanvraag.bron.regel(van: word, vanaf: mark) { uitleg.append("regel \(regel)") }
                if let s = spelling.suggestions(word, limit: 4).first(where: { !$0.contains(" ") }) {
                    uitleg.append("\(s)?")
                }
                return "\"\(word)\"" + (uitleg.isEmpty ? "" : " (\(uitleg.joined(separator: ", ")))")
            }.joined(separator: ", ")
            let meer = onbekend.count > 12 ? " en nog \(onbekend.count - 12)" : ""
            m.meld(pad, "Onbekende woorden in `\(pad)`: \(lijst)\(meer). Verbeter de spelling, of zet namen en "
                + "vakwoorden die goed zijn in `woordenlijst`. \"Let op taal- en stijlfouten.\"")
        }
    }
}
