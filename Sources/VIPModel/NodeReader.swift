/// Decodes a `YNode` tree field by field, recording where every path stands and
/// throwing a `LeesFout` with file, line, column and path for anything that cannot
/// be read. Missing or empty values are not errors here: they come back as nil.
public struct NodeReader {
    public let bestand: String
    public private(set) var marks: [String: SourceMark] = [:]
    /// The fields of the format being read: the allowed keys of each mapping and the values of
    /// each choice come from here (nil for formats without a table).
    public var tabel: Veldentabel?

    public init(bestand: String, tabel: Veldentabel? = nil) {
        self.bestand = bestand
        self.tabel = tabel
    }

    public func error(_ node: YNode?, _ pad: String, _ melding: String) -> LeesFout {
        LeesFout(bestand: bestand, mark: node?.mark ?? marks[pad], pad: pad, melding: melding)
    }

    /// Keeps the first mark of `pad`. The `default:` subscript finds or inserts with one hash
    /// of the path, where a look-up and then an assignment hash it twice.
    public mutating func note(_ pad: String, _ node: YNode) {
        func laatStaan(_: inout SourceMark) {}
        laatStaan(&marks[pad, default: node.mark])
    }

    // MARK: - Structure

    /// The fields of a mapping, after refusing unknown keys (with a suggestion).
    public mutating func mapping(_ node: YNode?, _ pad: String, keys: [String],
                                 what: String) throws(LeesFout) -> Fields? {
        try mapping(node, pad, isKey: { keys.contains($0) }, keys: { keys }, what: what)
    }

    /// The fields of a mapping whose keys are those of `velden` (a section of the table).
    public mutating func mapping(_ node: YNode?, _ pad: String, velden: [Veld],
                                 what: String) throws(LeesFout) -> Fields? {
        try mapping(node, pad, isKey: { key in velden.contains { $0.sleutel == key } },
                    keys: { velden.map(\.sleutel) }, what: what)
    }

    /// `keys` is asked for only to word a refusal.
    private mutating func mapping(_ node: YNode?, _ pad: String, isKey: (String) -> Bool, keys: () -> [String],
                                  what: String) throws(LeesFout) -> Fields? {
        guard let node, !node.isNull else { return nil }
        note(pad, node)
        guard case .mapping(let pairs) = node.kind else {
            throw error(node, pad, "Verwacht hier \(what) met velden (zoals `\(keys().first ?? "naam"): …`), "
                + "geen \(describe(node)).")
        }
        var fields = Fields(pad: pad)
        fields.paren.reserveCapacity(pairs.count)
        for pair in pairs {
            guard isKey(pair.key) else {
                let keys = keys()
                var melding = "Onbekend veld `\(pair.key)`"
                if let guess = Suggest.closest(to: pair.key, in: keys) {
                    melding += "; bedoelde u `\(guess)`?"
                } else {
                    melding += ". Toegestaan zijn hier: " + keys.map { "`\($0)`" }.joined(separator: ", ") + "."
                }
                let keyPad = pad.isEmpty ? pair.key : "\(pad).\(pair.key)"
                throw LeesFout(bestand: bestand, mark: pair.keyMark, pad: keyPad, melding: melding)
            }
            let childPad = pad.isEmpty ? pair.key : pad + "." + pair.key
            note(childPad, pair.value)
            fields.paren.append((pair.key, childPad, pair.value))
        }
        return fields
    }

    /// The fields of a mapping whose allowed keys are those of the section at `pad` in the table.
    public mutating func mapping(_ node: YNode?, _ pad: String, what: String) throws(LeesFout) -> Fields? {
        try mapping(node, pad, keys: tabel?.sleutels(onder: pad) ?? [], what: what)
    }

    /// The items of a list (an absent or empty value is an empty list).
    public mutating func list<T>(_ node: YNode?, _ pad: String, what: String,
                                 _ item: (inout NodeReader, YNode, String) throws(LeesFout) -> T?) throws(LeesFout) -> [T] {
        guard let node, !node.isNull else { return [] }
        note(pad, node)
        guard case .sequence(let items) = node.kind else {
            throw error(node, pad, "Verwacht hier een lijst van \(what) (regels die met `- ` beginnen), "
                + "geen \(describe(node)).")
        }
        var result: [T] = []
        result.reserveCapacity(items.count)
        for (i, child) in items.enumerated() {
            let childPad = "\(pad)[\(i)]"
            note(childPad, child)
            if let value = try item(&self, child, childPad) { result.append(value) }
        }
        return result
    }

    /// A list of texts; a single text is accepted as a list of one.
    public mutating func textList(_ node: YNode?, _ pad: String) throws(LeesFout) -> [String] {
        if let node, case .scalar = node.kind, !node.isNull {
            return [try text(node, pad)].compactMap { $0 }
        }
        return try list(node, pad, what: "teksten") { (r: inout NodeReader, n: YNode, p: String) throws(LeesFout) in
            try r.text(n, p)
        }
    }

    // MARK: - Scalars

    private func scalar(_ node: YNode, _ pad: String, expected: String) throws(LeesFout) -> (String, Bool)? {
        if node.isNull { return nil }
        guard case .scalar(let s, let quoted) = node.kind else {
            throw error(node, pad, "Verwacht \(expected), geen \(describe(node)).")
        }
        return (s, quoted)
    }

    /// Text; nil when empty. Refuses characters that XML 1.0 cannot carry.
    public func text(_ node: YNode?, _ pad: String) throws(LeesFout) -> String? {
        guard let node, let (s, _) = try scalar(node, pad, expected: "tekst") else { return nil }
        if TextRules.kanVerbodenBevatten(s), let bad = s.unicodeScalars.first(where: TextRules.isForbidden) {
            let code = String(bad.value, radix: 16, uppercase: true)
            throw error(node, pad, "Het veld `\(Self.lastComponent(pad))` bevat een stuurteken (U+\(code.leftPadded(4))) "
                + "dat niet in een document kan staan. Verwijder het (vaak ontstaan door kopiëren en plakken).")
        }
        let t = s.trimmedText
        return t.isEmpty ? nil : t
    }

    public func bedrag(_ node: YNode?, _ pad: String) throws(LeesFout) -> Bedrag? {
        guard let node, let (s, quoted) = try scalar(node, pad, expected: "een bedrag, zoals 1250 of \"1.250,00\"") else {
            return nil
        }
        switch AmountSyntax.parse(s, plain: !quoted) {
        case .value(let cents):
            guard Bedrag(cents: cents).magnitude <= Bedrag.maximum else {
                throw error(node, pad, "Het bedrag \(s) is te groot (meer dan \(Bedrag.maximum)).")
            }
            return Bedrag(cents: cents)
        case .ambiguous(let text):
            let parts = text.split(separator: ".")
            let whole = String(parts[0]), decimals = String(parts[1])
            var small = decimals
            while small.hasSuffix("0") && small.count > 2 { small.removeLast() }
            throw error(node, pad, "Het bedrag \(text) is dubbelzinnig: YAML leest het als \(whole),\(small) euro, "
                + "maar misschien bedoelt u \(whole).\(decimals),00 euro. Schrijf \(whole)\(decimals) of "
                + "\"\(whole).\(decimals),00\" (tussen aanhalingstekens) voor \(whole).\(decimals) euro, "
                + "of \"\(whole),\(small)\" voor \(whole),\(small) euro.")
        case .tooManyDecimals:
            throw error(node, pad, "Het bedrag \(s) heeft meer dan twee decimalen; bedragen gaan tot op de cent.")
        case .invalid:
            throw error(node, pad, "Verwacht een bedrag, zoals 1250 of \"1.250,00\" of \"€ 1.250\"; er staat \"\(s)\".")
        }
    }

    public func hoeveelheid(_ node: YNode?, _ pad: String) throws(LeesFout) -> Hoeveelheid? {
        guard let node, let (s, quoted) = try scalar(node, pad, expected: "een getal, zoals 12 of 1,5") else {
            return nil
        }
        switch AmountSyntax.parse(s, plain: !quoted) {
        case .value(let h):
            guard Hoeveelheid(hundredths: h) <= Hoeveelheid.maximum else {
                throw error(node, pad, "Het getal \(s) is te groot (meer dan \(Hoeveelheid.maximum)).")
            }
            return Hoeveelheid(hundredths: h)
        case .ambiguous(let text):
            throw error(node, pad, "Het getal \(text) is dubbelzinnig: bedoelt u \(text.replacingDot(",")) "
                + "of \(text.replacingDot(""))? Schrijf het zonder punt, of met een komma tussen aanhalingstekens.")
        case .tooManyDecimals:
            throw error(node, pad, "Het getal \(s) heeft meer dan twee decimalen.")
        case .invalid:
            throw error(node, pad, "Verwacht een getal, zoals 12 of 1,5; er staat \"\(s)\".")
        }
    }

    public func geheel(_ node: YNode?, _ pad: String) throws(LeesFout) -> Int? {
        guard let node, let (s, _) = try scalar(node, pad, expected: "een geheel getal, zoals 60") else { return nil }
        let digits = s.trimmedText
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy(\.isASCIIDigit), let v = Int(digits) else {
            throw error(node, pad, "Verwacht een geheel getal, zoals 60; er staat \"\(s)\".")
        }
        return v
    }

    public func datum(_ node: YNode?, _ pad: String) throws(LeesFout) -> Datum? {
        guard let node, let (s, _) = try scalar(node, pad, expected: "een datum, zoals 2011-09-01 of 1-9-2011") else {
            return nil
        }
        guard let d = Datum.parse(s) else {
            throw error(node, pad, "Verwacht een bestaande datum, zoals 2011-09-01 of 1-9-2011 (dag eerst); "
                + "er staat \"\(s)\".")
        }
        return d
    }

    public func ja(_ node: YNode?, _ pad: String) throws(LeesFout) -> Bool? {
        guard let node, let (s, _) = try scalar(node, pad, expected: "ja of nee (true of false)") else { return nil }
        switch s.trimmedText.lowercased() {
        case "true", "yes", "ja", "y", "on": return true
        case "false", "no", "nee", "n", "off": return false
        default: throw error(node, pad, "Verwacht ja of nee (true of false); er staat \"\(s)\".")
        }
    }

    /// One of a listed set of values; anything else is a reading error with a suggestion. The values
    /// are the table's for `pad` (a value the model does not know yet reads as nil), else all of `E`.
    public func keuze<E: RawRepresentable & CaseIterable>(_ node: YNode?, _ pad: String,
                                                            _: E.Type) throws(LeesFout) -> E? where E.RawValue == String {
        let allowed = tabel?.keuzes(pad) ?? E.allCases.map(\.rawValue)
        return try keuze(node, pad, toegestaan: allowed).flatMap(E.init(rawValue:))
    }

    /// One of `toegestaan`, as listed there (also when written in capitals).
    public func keuze(_ node: YNode?, _ pad: String, toegestaan allowed: [String]) throws(LeesFout) -> String? {
        guard let node, let (s, _) = try scalar(node, pad, expected: "een van: " + allowed.joined(separator: ", ")) else {
            return nil
        }
        let value = s.trimmedText
        if let e = allowed.first(where: { $0 == value }) ?? allowed.first(where: { $0 == value.lowercased() }) { return e }
        var melding = "`\(value)` is geen geldige waarde voor `\(Self.lastComponent(pad))`"
        if let guess = Suggest.closest(to: value.lowercased(), in: allowed) {
            melding += "; bedoelde u `\(guess)`?"
        } else {
            melding += ". Kies uit: " + allowed.map { "`\($0)`" }.joined(separator: ", ") + "."
        }
        throw error(node, pad, melding)
    }

    static func lastComponent(_ pad: String) -> String {
        var p = Substring(pad)
        while p.hasSuffix("]"), let open = p.lastIndex(of: "[") { p = p[..<open] }
        return String(p.split(separator: ".").last ?? p)
    }

    func describe(_ node: YNode) -> String {
        switch node.kind {
        case .scalar(let s, _): return "de tekst \"\(s.prefix(40))\""
        case .sequence: return "een lijst"
        case .mapping: return "een blok met velden"
        }
    }
}

/// The values of one mapping, by key.
public struct Fields {
    public let pad: String
    /// In the order of the file, each with its path. A mapping has a handful of keys: looking
    /// one up along the list is cheaper than hashing it.
    var paren: [(sleutel: String, pad: String, waarde: YNode)] = []
    /// The value of `key` with its path (the last, as YAML readers take a repeated key).
    func paar(_ key: String) -> (pad: String, waarde: YNode)? {
        paren.last(where: { $0.sleutel == key }).map { ($0.pad, $0.waarde) }
    }
    public subscript(key: String) -> YNode? { paar(key)?.waarde }
    public func path(_ key: String) -> String { paar(key)?.pad ?? (pad.isEmpty ? key : pad + "." + key) }
}

enum TextRules {
    /// Whether `s` may hold a forbidden character: a control byte, or the first byte of C1
    /// controls (U+0080–U+009F start with 0xC2) or of U+FFFE/U+FFFF (0xEF). Most texts have
    /// none of these and are not decoded scalar by scalar.
    static func kanVerbodenBevatten(_ s: String) -> Bool {
        func verdacht(_ b: UInt8) -> Bool { b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xEF }
        return s.utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes where verdacht(b) { return true }
            return false
        } ?? s.utf8.contains(where: verdacht)
    }

    /// Characters XML 1.0 cannot carry (all C0 controls except tab, LF, CR), plus the
    /// noncharacters U+FFFE/U+FFFF and C1 controls, which no editor types on purpose.
    static func isForbidden(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x20 { return v != 0x09 && v != 0x0A && v != 0x0D }
        if (0x7F...0x9F).contains(v) { return true }
        return v == 0xFFFE || v == 0xFFFF
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
    func replacingDot(_ with: String) -> String { split(separator: ".", omittingEmptySubsequences: false).joined(separator: with) }
}

/// "Bedoelde u …?" suggestions for misspelt keys and values.
public enum Suggest {
    public static func closest(to word: String, in candidates: [String]) -> String? {
        var best: (String, Int)?
        for c in candidates {
            let d = distance(word.lowercased(), c.lowercased())
            let limit = max(1, min(3, c.count / 3))
            if d <= limit, best == nil || d < best!.1 { best = (c, d) }
        }
        if best == nil, let prefix = candidates.first(where: { $0.hasPrefix(word) && word.count >= 3 }) {
            return prefix
        }
        return best?.0
    }

    /// Damerau–Levenshtein (optimal string alignment) distance.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
