/// A calendar date without time zone, as written in an aanvraag.
public struct Datum: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var jaar: Int
    public var maand: Int
    public var dag: Int

    public init?(jaar: Int, maand: Int, dag: Int) {
        guard (1900...2200).contains(jaar), (1...12).contains(maand),
              (1...Datum.daysIn(maand, jaar)).contains(dag) else { return nil }
        self.jaar = jaar
        self.maand = maand
        self.dag = dag
    }

    public static func < (a: Datum, b: Datum) -> Bool { (a.jaar, a.maand, a.dag) < (b.jaar, b.maand, b.dag) }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `2011-09-01` or `1-9-2011` (day first, as Dutch writers do).
    public static func parse(_ raw: String) -> Datum? {
        // Most dates are written as digits and dashes alone; those are read from the bytes.
        // Anything else (spaces around it, other characters) takes the general way below.
        if let snel = parseDigitsAndDashes(raw) { return snel }
        return parseAlgemeen(raw)
    }

    /// `parse` for any text, a Character at a time.
    static func parseAlgemeen(_ raw: String) -> Datum? {
        let parts = raw.trimmedText.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) && $0.count <= 4 }) else {
            return nil
        }
        let n = parts.map { Int($0)! }
        if parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2 {
            return Datum(jaar: n[0], maand: n[1], dag: n[2])
        }
        if parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2 {
            return Datum(jaar: n[2], maand: n[1], dag: n[0])
        }
        return nil
    }

    /// For a text of ASCII digits and dashes only: `.some(parse(raw))`, computed from the bytes;
    /// nil when the text has any other byte.
    private static func parseDigitsAndDashes(_ raw: String) -> Datum?? {
        var delen = (0, 0, 0), lengtes = (0, 0, 0), deel = 0
        for b in raw.utf8 {
            if b == UInt8(ascii: "-") {
                deel += 1
                if deel > 2 { return .some(nil) }   // more than three parts
                continue
            }
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            let cijfer = Int(b - UInt8(ascii: "0"))
            switch deel {
            case 0: delen.0 = delen.0 &* 10 &+ cijfer; lengtes.0 += 1
            case 1: delen.1 = delen.1 &* 10 &+ cijfer; lengtes.1 += 1
            default: delen.2 = delen.2 &* 10 &+ cijfer; lengtes.2 += 1
            }
            if lengtes.0 > 4 || lengtes.1 > 4 || lengtes.2 > 4 { return .some(nil) }
        }
        guard deel == 2, lengtes.0 > 0, lengtes.1 > 0, lengtes.2 > 0 else { return .some(nil) }
        if lengtes.0 == 4, lengtes.1 <= 2, lengtes.2 <= 2 { return .some(Datum(jaar: delen.0, maand: delen.1, dag: delen.2)) }
        if lengtes.2 == 4, lengtes.0 <= 2, lengtes.1 <= 2 { return .some(Datum(jaar: delen.2, maand: delen.1, dag: delen.0)) }
        return .some(nil)
    }

    static let maandnamen = ["januari", "februari", "maart", "april", "mei", "juni", "juli",
                             "augustus", "september", "oktober", "november", "december"]

    /// `1 september 2011`.
    public var description: String { "\(dag) \(Datum.maandnamen[maand - 1]) \(jaar)" }

    /// `2011-09-01`.
    public var iso: String {
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(jaar)-\(pad(maand))-\(pad(dag))"
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for durations.
    public var dayNumber: Int {
        let y = maand <= 2 ? jaar - 1 : jaar
        let era = y / 400
        let yoe = y - era * 400
        let mp = (maand + 9) % 12
        let doy = (153 * mp + 2) / 5 + dag - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}

/// As `2026-09-01`; the tree of `Inhoud` keeps dates as values and never calls these.
extension Datum: Codable {
    public init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = Datum.parse(s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "geen datum: \(s)"))
        }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}
