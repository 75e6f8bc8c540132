import VIPModel

/// Small checks that several rules share.
enum Hulp {
    static func heeftCijfer(_ s: String?) -> Bool { s?.contains(where: { $0.isASCII && $0.isNumber }) ?? false }

    static func alleenCijfers(_ s: String) -> String { s.filter { !$0.isWhitespace && $0 != "." && $0 != "-" } }

    /// ISO 13616 IBAN check: length per country and mod-97 == 1.
    static func ibanGeldig(_ raw: String) -> Bool {
        let iban = raw.filter { !$0.isWhitespace }.uppercased()
        guard iban.count >= 15, iban.count <= 34, iban.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return false
        }
        let country = String(iban.prefix(2))
        guard country.allSatisfy(\.isLetter), iban.dropFirst(2).prefix(2).allSatisfy(\.isNumber) else { return false }
        if let expected = ibanLengte[country], expected != iban.count { return false }
        let rearranged = iban.dropFirst(4) + iban.prefix(4)
        var remainder = 0
        for c in rearranged {
            let v: Int = c.isNumber ? Int(String(c))! : Int(c.asciiValue! - 55)
            for digit in String(v) { remainder = (remainder * 10 + Int(String(digit))!) % 97 }
        }
        return remainder == 1
    }

    static let ibanLengte: [String: Int] = [
        "NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "LU": 20, "ES": 24, "IT": 27, "AT": 20, "CH": 21,
        "DK": 18, "NO": 15, "SE": 24, "FI": 18, "IE": 22, "PT": 25, "PL": 28, "TR": 26, "MA": 28, "SR": 0,
    ].filter { $0.value > 0 }

    /// The Dutch "elfproef" for RSIN/fiscal numbers: 9 digits, weights 9…2 and -1.
    static func elfproef(_ digits: String) -> Bool {
        guard digits.count == 9, digits.allSatisfy(\.isASCIIDigitChar) else { return false }
        let d = digits.map { Int(String($0))! }
        var sum = 0
        for i in 0..<8 { sum += d[i] * (9 - i) }
        sum -= d[8]
        return sum % 11 == 0
    }

    static func emailGeldig(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].count >= 3 else { return false }
        let local = parts[0], domain = parts[1]
        guard !s.contains(where: { $0.isWhitespace }), !local.hasPrefix("."), !local.hasSuffix("."),
              !local.contains("..") else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }),
              let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter) else { return false }
        return domain.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
            && local.allSatisfy { $0.isLetter || $0.isNumber || "!#$%&'*+/=?^_`{|}~.-".contains($0) }
    }

    /// A Dutch phone number: 10 digits starting with 0, or +31 / 0031 followed by 9.
    static func telefoonGeldig(_ s: String) -> Bool {
        let allowed = s.allSatisfy { $0.isASCIIDigitChar || " -()+".contains($0) }
        guard allowed else { return false }
        let digits = s.filter(\.isASCIIDigitChar)
        if s.trimmedText.hasPrefix("+31") { return digits.count == 11 && !digits.dropFirst(2).hasPrefix("0") }
        if digits.hasPrefix("0031") { return digits.count == 13 }
        return digits.count == 10 && digits.hasPrefix("0") && !digits.hasPrefix("00")
    }

    /// The surname without tussenvoegsels: "Fatima El Amrani" → "amrani".
    static func achternaam(_ naam: String) -> String? {
        let words = naam.split(whereSeparator: { $0.isWhitespace }).map { $0.lowercased() }
        guard words.count >= 2, let last = words.last, !Tussenvoegsels.bevat(last) else { return nil }
        return last
    }

    /// Normalised name for comparing people: lowercased, single spaces.
    static func persoon(_ naam: String) -> String {
        naam.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased()
    }

    /// The stem of a theme word for matching a fund's doelstelling: common Dutch endings removed
    /// ("participatie", "participeren" → "particip"), keeping at least four letters.
    static func stam(_ woord: String) -> String {
        for suffix in ["aties", "atie", "ering", "eren", "ingen", "ing", "ische", "isch", "en", "e", "s"]
        where woord.hasSuffix(suffix) && woord.count - suffix.count >= 4 {
            return String(woord.dropLast(suffix.count))
        }
        return woord
    }

    /// "a, b en c".
    static func opsomming(_ items: [String]) -> String {
        items.count < 2 ? (items.first ?? "") : items.dropLast().joined(separator: ", ") + " en " + items.last!
    }

    /// The words of a text, lowercased, for theme matching.
    static func woorden(_ s: String) -> [String] {
        s.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }).map(String.init)
    }
}

extension Character {
    var isASCIIDigitChar: Bool { isASCII && isNumber }
}

extension Hulp {
    /// A name as compared between lists (fund names, offerte titles): trimmed, single spaces, lowercased.
    static func naamSleutel(_ s: String) -> String {
        asciiNaamSleutel(s) ?? naamSleutelAlgemeen(s)
    }

    static func naamSleutelAlgemeen(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased()
    }

    /// `naamSleutel` of an ASCII text, byte by byte (the rules compare every post's category this
    /// way); nil for a text with any other byte. ASCII white space is 9–13 and 32.
    private static func asciiNaamSleutel(_ s: String) -> String? {
        var uit: [UInt8] = []
        uit.reserveCapacity(s.utf8.count)
        var spatie = false
        for b in s.utf8 {
            guard b < 0x80 else { return nil }
            if b == 0x20 || (0x09...0x0D).contains(b) {
                spatie = !uit.isEmpty
                continue
            }
            if spatie { uit.append(0x20); spatie = false }
            uit.append((0x41...0x5A).contains(b) ? b + 0x20 : b)
        }
        return String(decoding: uit, as: UTF8.self)
    }

    /// The begroting total, or nil when a post amount is out of range (`aantal × prijs` above
    /// `Bedrag.maximum` or overflowing), so total-based rules stay quiet where `post_bedrag` reports.
    static func begrotingTotaal(_ b: Begroting) -> Bedrag? {
        var total: Int64 = 0
        for p in b.posten {
            guard let bedrag = p.berekendBedrag ?? (p.aantal == nil || p.prijs == nil ? .zero : nil),
                  bedrag.magnitude <= Bedrag.maximum else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(bedrag.cents)
            if overflow { return nil }
            total = sum
        }
        return Bedrag(cents: total)
    }

    /// `deel` is more than 10% of `totaal` (exact: deel × 10 > totaal).
    static func meerDanTienProcent(_ deel: Bedrag, van totaal: Bedrag) -> Bool {
        let (tienvoud, overflow) = deel.cents.multipliedReportingOverflow(by: 10)
        return overflow ? deel.cents > 0 : tienvoud > totaal.cents
    }
}
