/// An exact amount of money in euro cents. Never floating point.
public struct Bedrag: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var cents: Int64
    public init(cents: Int64) { self.cents = cents }
    public init(euros: Int64) { self.cents = euros * 100 }
    public static let zero = Bedrag(cents: 0)

    /// Refused above this, so that sums over ten thousand posts cannot overflow.
    public static let maximum = Bedrag(cents: 100_000_000_000)  // € 1 miljard

    public static func < (a: Bedrag, b: Bedrag) -> Bool { a.cents < b.cents }
    public static func + (a: Bedrag, b: Bedrag) -> Bedrag { Bedrag(cents: a.cents + b.cents) }
    public static func - (a: Bedrag, b: Bedrag) -> Bedrag { Bedrag(cents: a.cents - b.cents) }
    public static func += (a: inout Bedrag, b: Bedrag) { a.cents += b.cents }
    public var magnitude: Bedrag { Bedrag(cents: cents < 0 ? -cents : cents) }

    /// Dutch notation for documents and messages: `€ 1.234,50`, `-€ 12,00`.
    public var description: String { formatted() }

    public func formatted(symbol: Bool = true) -> String {
        let negative = cents < 0
        let abs = negative ? UInt64(-cents) : UInt64(cents)
        let euros = abs / 100, rest = abs % 100
        var digits = String(euros)
        var grouped = ""
        while digits.count > 3 {
            grouped = "." + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        let body = grouped + "," + (rest < 10 ? "0" : "") + String(rest)
        let sign = negative ? "-" : ""
        // A no-break space keeps "€" and the number on one line in documents.
        return symbol ? "\(sign)€\u{00A0}\(body)" : sign + body
    }

    /// Machine form for JSON: `"6667.50"`.
    public var plain: String {
        let negative = cents < 0
        let abs = negative ? UInt64(-cents) : UInt64(cents)
        let rest = abs % 100
        return (negative ? "-" : "") + "\(abs / 100)." + (rest < 10 ? "0" : "") + "\(rest)"
    }
}

/// A quantity with at most two decimals (aantal, uren), in hundredths.
public struct Hoeveelheid: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var hundredths: Int64
    public init(hundredths: Int64) { self.hundredths = hundredths }
    public init(_ whole: Int64) { self.hundredths = whole * 100 }
    public static func < (a: Hoeveelheid, b: Hoeveelheid) -> Bool { a.hundredths < b.hundredths }
    public static let maximum = Hoeveelheid(10_000_000)

    /// `12`, `1,5`, `0,25` (Dutch decimal comma).
    public var description: String {
        let negative = hundredths < 0
        let abs = negative ? -hundredths : hundredths
        var s = (negative ? "-" : "") + String(abs / 100)
        let rest = abs % 100
        if rest != 0 {
            s += "," + (rest < 10 ? "0" : "") + String(rest)
            if s.hasSuffix("0") { s.removeLast() }
        }
        return s
    }

    /// `aantal × prijs`, rounded half away from zero to the cent; nil on overflow.
    public func times(_ prijs: Bedrag) -> Bedrag? {
        let (product, overflow) = hundredths.multipliedReportingOverflow(by: prijs.cents)
        guard !overflow else { return nil }
        let (q, r) = product.quotientAndRemainder(dividingBy: 100)
        let rounded = r * 2 >= 100 ? q + 1 : (r * 2 <= -100 ? q - 1 : q)
        return Bedrag(cents: rounded)
    }
}

/// The two readings of an amount written in the input.
enum AmountSyntax {
    enum Result: Equatable {
        case value(Int64)           // in hundredths (cents for money)
        case ambiguous(String)      // "1.500": 1,5 or 1500?
        case tooManyDecimals
        case invalid
    }

    /// `plain`: the scalar was unquoted, so `1.500` is a YAML number (ambiguous) and
    /// `32.50` a decimal point; quoted text is Dutch notation (`"1.250,00"`, `"€ 1.250"`).
    static func parse(_ raw: String, plain: Bool) -> Result {
        // Most amounts are plain digits, perhaps with a decimal point and one or two decimals:
        // those are read from the bytes; anything else takes the general way.
        if let snel = parseDigits(raw) { return snel }
        return parseAlgemeen(raw, plain: plain)
    }

    /// For `1250`, `32.5` or `32.50` (up to 13 digits before the point): the value, computed from
    /// the bytes, as `parseAlgemeen` gives it quoted or not; nil for any other text.
    private static func parseDigits(_ raw: String) -> Result? {
        var whole: Int64 = 0, wholeDigits = 0, fraction: Int64 = 0, fractionDigits = 0, point = false
        for b in raw.utf8 {
            if b == UInt8(ascii: ".") {
                if point { return nil }
                point = true
                continue
            }
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            let digit = Int64(b - UInt8(ascii: "0"))
            if point {
                fractionDigits += 1
                if fractionDigits > 2 { return nil }
                fraction = fraction * 10 + digit
            } else {
                wholeDigits += 1
                if wholeDigits > 13 { return nil }
                whole = whole * 10 + digit
            }
        }
        guard wholeDigits > 0, !point || fractionDigits > 0 else { return nil }
        return .value(whole * 100 + (fractionDigits == 1 ? fraction * 10 : fraction))
    }

    /// `parse` for any text, a Character at a time.
    static func parseAlgemeen(_ raw: String, plain: Bool) -> Result {
        var s = Substring(raw.trimmedText)
        var negative = false
        if s.hasPrefix("-") { negative = true; s = s.dropFirst() }
        if s.hasPrefix("€") || s.hasPrefix("EUR") {
            s = s.dropFirst(s.hasPrefix("€") ? 1 : 3)
            s = s.drop(while: { $0 == " " || $0 == "\u{00A0}" })
            if !negative, s.hasPrefix("-") { negative = true; s = s.dropFirst() }
        }
        if s.hasSuffix(",-") { s = s.dropLast(2) } else if s.hasSuffix(",--") { s = s.dropLast(3) }
        guard let first = s.first, first.isASCIIDigit else { return .invalid }
        guard s.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "," }) else { return .invalid }

        let dots = s.filter { $0 == "." }.count
        let commas = s.filter { $0 == "," }.count
        var whole = Substring(s), fraction: Substring = ""
        var decimalSeparator = commas == 1 || dots == 1
        if commas > 1 { return .invalid }
        if commas == 1 {
            // Dutch: "." groups thousands, "," separates decimals.
            let parts = s.split(separator: ",", omittingEmptySubsequences: false)
            whole = parts[0]; fraction = parts[1]
            if dots > 0 {
                guard validGrouping(whole) else { return .invalid }
                whole = Substring(whole.filter { $0 != "." })
            }
        } else if dots == 1 {
            let parts = s.split(separator: ".", omittingEmptySubsequences: false)
            if parts[1].count == 3 {
                if plain { return .ambiguous(String(s)) }
                // Quoted "1.500" is Dutch notation: thousands.
                whole = Substring(parts[0] + parts[1])
                decimalSeparator = false
            } else {
                whole = parts[0]; fraction = parts[1]
            }
        } else if dots > 1 {
            guard validGrouping(whole) else { return .invalid }
            whole = Substring(whole.filter { $0 != "." })
        }
        guard !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit) else {
            return .invalid
        }
        if fraction.count > 2 { return .tooManyDecimals }
        if decimalSeparator && fraction.isEmpty { return .invalid }
        guard whole.count <= 13, let w = Int64(whole) else { return .invalid }
        var f = Int64(fraction.isEmpty ? "0" : String(fraction)) ?? 0
        if fraction.count == 1 { f *= 10 }
        let v = w * 100 + f
        return .value(negative ? -v : v)
    }

    private static func validGrouping(_ s: Substring) -> Bool {
        let groups = s.split(separator: ".", omittingEmptySubsequences: false)
        guard let head = groups.first, (1...3).contains(head.count) else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}


extension StringProtocol {
    /// The text without leading and trailing white space (Foundation-free).
    public var trimmedText: String {
        // Text that starts and ends with a visible ASCII character has nothing to trim (a
        // grapheme ending in one starts with it or with a Prepend mark, which is no space).
        if let f = utf8.first, let l = Substring(self).utf8.last, (0x21...0x7E).contains(f), (0x21...0x7E).contains(l) {
            return String(self)
        }
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}

/// As text, the way the export writes them (`1234.50`); the tree of `Inhoud` keeps them as
/// values and never calls these.
extension Bedrag: Codable {
    public init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard case .value(let cents) = AmountSyntax.parse(s, plain: false) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "geen bedrag: \(s)"))
        }
        self.init(cents: cents)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(plain)
    }
}

extension Hoeveelheid: Codable {
    public init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard case .value(let h) = AmountSyntax.parse(s, plain: false) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "geen getal: \(s)"))
        }
        self.init(hundredths: h)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(Double(hundredths) / 100)
    }
}

extension Bedrag {
    /// An amount typed on the command line (`--bedrag 3500`, `3.500`, `"3.500,00"`, `"€ 3.500"`): Dutch
    /// notation, so `3.500` is three thousand five hundred. nil when it is no amount.
    public static func lees(_ tekst: String) -> Bedrag? {
        guard case .value(let cents) = AmountSyntax.parse(tekst, plain: false), cents >= 0 else { return nil }
        return Bedrag(cents: cents)
    }
}
