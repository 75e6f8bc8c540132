/// The fields of a posted HTML form.
public struct Formulierdata: Sendable, Equatable {
    /// Every value of every name, in the order posted (checkboxes repeat a name).
    public var waarden: [String: [String]] = [:]
    public var bestanden: [String: Bestand] = [:]

    public struct Bestand: Sendable, Equatable {
        public var naam: String
        public var bytes: [UInt8]
        public init(naam: String, bytes: [UInt8]) {
            self.naam = naam
            self.bytes = bytes
        }
    }

    public init() {}

    public subscript(naam: String) -> String? { waarden[naam]?.first }
}

/// Why a form cannot be read; the server answers 400 to each.
public enum Formulierfout: Error, Sendable, Equatable {
    case onleesbaar
    /// More than `Formulierlezer.maxVelden` fields.
    case teVeelVelden
    /// A part's headers pass 8 KiB.
    case kopTeGroot
    /// No boundary in a multipart Content-Type.
    case geenGrens
    /// A boundary that is empty or longer than 70 characters (RFC 2046).
    case grensOngeldig
}

/// Reads `application/x-www-form-urlencoded` and `multipart/form-data` bodies, linear in the
/// body's size whatever its shape (a hostile body must not stall a server): the boundary is
/// searched with Knuth–Morris–Pratt, a part's headers are looked for only within their 8 KiB,
/// and the number of fields is bounded. A body that breaks a bound is refused at once.
public enum Formulierlezer {
    /// RFC 2046: a boundary is 1 to 70 characters.
    public static let maxGrens = 70
    public static let maxVelden = 1_000
    /// The headers of one part, with their blank line.
    public static let maxKop = 8 * 1024

    /// The `boundary` parameter of a multipart Content-Type: missing, empty or longer than 70
    /// characters is refused.
    public static func grens(_ contentType: String) throws(Formulierfout) -> [UInt8] {
        var gevonden: Substring?
        for parameter in contentType.split(separator: ";").dropFirst() {
            let p = parameter.drop(while: { $0 == " " || $0 == "\t" })
            guard let is_ = p.firstIndex(of: "=") else { continue }
            if p[..<is_].lowercased() == "boundary" { gevonden = p[p.index(after: is_)...] }
        }
        guard var waarde = gevonden else { throw .geenGrens }
        if waarde.count >= 2, waarde.first == "\"", waarde.last == "\"" { waarde = waarde.dropFirst().dropLast() }
        let bytes = Array(waarde.utf8)
        guard !bytes.isEmpty, bytes.count <= maxGrens else { throw .grensOngeldig }
        return bytes
    }

    // MARK: urlencoded

    public static func urlencoded(_ tekst: String) throws(Formulierfout) -> Formulierdata { try urlencoded(Array(tekst.utf8)) }

    public static func urlencoded(_ bytes: [UInt8]) throws(Formulierfout) -> Formulierdata {
        var f = Formulierdata()
        var velden = 0
        var begin = 0
        let n = bytes.count
        while begin < n {
            var eind = begin
            while eind < n && bytes[eind] != UInt8(ascii: "&") { eind += 1 }
            if eind > begin {
                velden += 1
                if velden > maxVelden { throw .teVeelVelden }
                var is_ = begin
                while is_ < eind && bytes[is_] != UInt8(ascii: "=") { is_ += 1 }
                let naam = decodeer(bytes[begin..<is_])
                let waarde = is_ < eind ? decodeer(bytes[(is_ + 1)..<eind]) : ""
                f.waarden[naam, default: []].append(waarde)
            }
            begin = eind + 1
        }
        return f
    }

    /// `+` is a space, `%XX` a byte; a `%` without two hex digits stays as it is. A CRLF
    /// (what browsers send for a line break in a textarea) becomes LF.
    static func decodeer(_ s: ArraySlice<UInt8>) -> String {
        var uit: [UInt8] = []
        uit.reserveCapacity(s.count)
        var i = s.startIndex
        while i < s.endIndex {
            let b = s[i]
            if b == UInt8(ascii: "+") {
                uit.append(UInt8(ascii: " "))
            } else if b == UInt8(ascii: "%"), i + 2 < s.endIndex, let h = hex(s[i + 1]), let l = hex(s[i + 2]) {
                uit.append(h << 4 | l)
                i += 2
            } else {
                uit.append(b)
            }
            i += 1
        }
        return regeleinden(uit[...])
    }

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// UTF-8 text with every CRLF as LF (invalid UTF-8 becomes U+FFFD).
    static func regeleinden(_ s: ArraySlice<UInt8>) -> String {
        guard s.contains(UInt8(ascii: "\r")) else { return String(decoding: s, as: UTF8.self) }
        var uit: [UInt8] = []
        uit.reserveCapacity(s.count)
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == UInt8(ascii: "\r"), i + 1 < s.endIndex, s[i + 1] == UInt8(ascii: "\n") { i += 1; continue }
            uit.append(s[i])
            i += 1
        }
        return String(decoding: uit, as: UTF8.self)
    }

    // MARK: multipart

    /// RFC 2046 / 7578: `--grens` opens the first part; every next delimiter is CRLF `--grens`;
    /// `--grens--` closes. Each part: headers (at most 8 KiB), a blank line, its bytes.
    public static func multipart(_ bytes: [UInt8], grens: [UInt8]) throws(Formulierfout) -> Formulierdata {
        let scheiding = Array("\r\n--".utf8) + grens
        var f = Formulierdata()
        var velden = 0
        // The first delimiter may stand at the very start (without its CRLF) or after a preamble.
        var i: Int
        if bytes.count >= grens.count + 2, bytes[0] == UInt8(ascii: "-"), bytes[1] == UInt8(ascii: "-"),
           bytes[2..<(2 + grens.count)].elementsEqual(grens) {
            i = 2 + grens.count
        } else if let at = zoek(scheiding, in: bytes, vanaf: 0, tot: bytes.count) {
            i = at + scheiding.count
        } else {
            throw .onleesbaar
        }
        while true {
            // After a delimiter: `--` closes; otherwise optional spaces and CRLF.
            if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "-"), bytes[i + 1] == UInt8(ascii: "-") { return f }
            while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
            guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\r"), bytes[i + 1] == UInt8(ascii: "\n") else {
                throw .onleesbaar
            }
            i += 2
            velden += 1
            if velden > maxVelden { throw .teVeelVelden }
            // The headers end with an empty line, within 8 KiB.
            let kopGrens = min(bytes.count, i + maxKop)
            let kopEinde: Int
            if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\r"), bytes[i + 1] == UInt8(ascii: "\n") {
                kopEinde = i - 2  // no headers at all
            } else if let e = zoek(Array("\r\n\r\n".utf8), in: bytes, vanaf: i, tot: kopGrens) {
                kopEinde = e
            } else {
                throw kopGrens - i >= maxKop ? .kopTeGroot : .onleesbaar
            }
            let kop = kopEinde > i ? String(decoding: bytes[i..<kopEinde], as: UTF8.self) : ""
            let inhoudBegin = kopEinde + 4
            guard let volgende = zoek(scheiding, in: bytes, vanaf: inhoudBegin, tot: bytes.count) else {
                throw .onleesbaar
            }
            let inhoud = bytes[inhoudBegin..<max(inhoudBegin, volgende)]
            var naam = "", bestandsnaam: String?
            for regel in kop.split(separator: "\r\n") where regel.lowercased().hasPrefix("content-disposition") {
                naam = parameter("name", in: regel) ?? ""
                bestandsnaam = parameter("filename", in: regel)
            }
            if let bestandsnaam {
                if !bestandsnaam.isEmpty { f.bestanden[naam] = Formulierdata.Bestand(naam: bestandsnaam, bytes: Array(inhoud)) }
            } else {
                f.waarden[naam, default: []].append(regeleinden(inhoud))
            }
            i = volgende + scheiding.count
        }
    }

    /// `name="…"` (quoted) or `name=…` (a token) in a Content-Disposition line.
    static func parameter(_ naam: String, in regel: Substring) -> String? {
        for deel in regel.split(separator: ";").dropFirst() {
            let p = deel.drop(while: { $0 == " " || $0 == "\t" })
            guard let is_ = p.firstIndex(of: "="), p[..<is_].lowercased() == naam else { continue }
            var waarde = p[p.index(after: is_)...]
            if waarde.first == "\"" {
                waarde = waarde.dropFirst()
                if let eind = waarde.firstIndex(of: "\"") { waarde = waarde[..<eind] }
            }
            return String(waarde)
        }
        return nil
    }

    /// The first `naald` in `hooiberg[vanaf..<tot]`, by Knuth–Morris–Pratt: every byte of the
    /// haystack is looked at a bounded number of times, whatever the bytes.
    static func zoek(_ naald: [UInt8], in hooiberg: [UInt8], vanaf: Int, tot: Int) -> Int? {
        let begin = max(0, vanaf), m = naald.count
        guard m > 0, tot - begin >= m else { return nil }
        // The failure function: for each prefix, the length of its longest proper border.
        var rand = [Int](repeating: 0, count: m)
        var k = 0
        for i in 1..<m {
            while k > 0 && naald[i] != naald[k] { k = rand[k - 1] }
            if naald[i] == naald[k] { k += 1 }
            rand[i] = k
        }
        var q = 0
        for i in begin..<tot {
            let b = hooiberg[i]
            while q > 0 && b != naald[q] { q = rand[q - 1] }
            if b == naald[q] { q += 1 }
            if q == m { return i - m + 1 }
        }
        return nil
    }
}
