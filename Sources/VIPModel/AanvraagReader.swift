import Foundation

/// Reads a `vip-aanvraag/1` file. Reading errors (not YAML, unknown key, wrong type,
/// ambiguous amount, bad date, a limit exceeded) throw `LeesFout`; missing content does
/// not — a bare draft reads fine and the checklist says what is missing.
public enum AanvraagReader {
    /// Reads the file at `path`; `bestand` is the name used in messages (default: `path`).
    public static func read(path: String, limits: ReadLimits = .standard) throws(LeesFout) -> Aanvraag {
        try lees(path: path, limits: limits).aanvraag
    }

    /// The aanvraag and the tree of its fields as read (what `Aanvraag.inhoud` would encode again):
    /// a caller that does not change the aanvraag can hand both to the checklist (`CheckContext`).
    public static func lees(path: String, limits: ReadLimits = .standard) throws(LeesFout) -> (aanvraag: Aanvraag, inhoud: Inhoud) {
        let bytes = try InputFile.read(path: path, limits: limits)
        return try parseMetInhoud(bytes, bestand: path, limits: limits)
    }

    public static func parse(_ text: String, bestand: String = "aanvraag.yaml",
                             tabel: Veldentabel = .aanvraag) throws(LeesFout) -> Aanvraag {
        try parse(Array(text.utf8), bestand: bestand, tabel: tabel)
    }

    public static func parse(_ bytes: [UInt8], bestand: String, limits: ReadLimits = .standard,
                             tabel: Veldentabel = .aanvraag) throws(LeesFout) -> Aanvraag {
        try parseMetInhoud(bytes, bestand: bestand, limits: limits, tabel: tabel).aanvraag
    }

    static func parseMetInhoud(_ bytes: [UInt8], bestand: String, limits: ReadLimits = .standard,
                               tabel: Veldentabel = .aanvraag) throws(LeesFout) -> (aanvraag: Aanvraag, inhoud: Inhoud) {
        try InputFile.checkText(bytes, bestand: bestand, limits: limits)
        guard let root = try YAMLTree.compose(bytes, bestand: bestand, limits: limits), !root.isNull else {
            throw LeesFout(bestand: bestand, mark: nil,
                           melding: "Het bestand is leeg. Begin met `vip init` voor een ingevuld voorbeeld.")
        }
        var (a, inhoud) = try decodeMetInhoud(root, bestand: bestand, tabel: tabel)
        a.bron.tekst = String(decoding: bytes, as: UTF8.self)
        return (a, inhoud)
    }

    /// Decodes a composed tree (also used to lay rule examples over a baseline). Every field is
    /// read as the table describes it (`Tabellezer`): which keys each mapping allows, which values
    /// each choice, what kind of value each field holds. The model is then decoded from the values
    /// by its own `Decodable` conformance; a field the model has no property for stays in
    /// `Aanvraag.overige`.
    public static func decode(_ root: YNode, bestand: String,
                              tabel: Veldentabel = .aanvraag) throws(LeesFout) -> Aanvraag {
        try decodeMetInhoud(root, bestand: bestand, tabel: tabel).aanvraag
    }

    /// `decode`, and the tree of fields the model was decoded from.
    public static func decodeMetInhoud(_ root: YNode, bestand: String,
                                       tabel: Veldentabel = .aanvraag) throws(LeesFout) -> (aanvraag: Aanvraag, inhoud: Inhoud) {
        var r = NodeReader(bestand: bestand, tabel: tabel)
        guard case .mapping = root.kind else {
            throw r.error(root, "", "Een aanvraag is een blok met velden, te beginnen met `formaat: vip-aanvraag/1`.")
        }
        // The format line is checked first: a file of another kind should say so, not
        // report its keys as unknown.
        if case .mapping(let pairs) = root.kind {
            guard let f = pairs.first(where: { $0.key == "formaat" }) else {
                throw LeesFout(bestand: bestand, mark: root.mark, pad: "formaat",
                               melding: "Het veld `formaat: \(Aanvraag.formaat)` ontbreekt bovenaan; "
                                   + "daaraan herkent vip een aanvraag.")
            }
            let value = try r.text(f.value, "formaat")
            guard value == Aanvraag.formaat else {
                throw r.error(f.value, "formaat", "Onbekend formaat `\(value ?? "")`: deze versie van vip leest "
                    + "`\(Aanvraag.formaat)`.")
            }
        }
        let lezer = Tabellezer(controles: ["begroting.posten[]": postBinnenGrenzen])
        guard let inhoud = try lezer.sectie(root, velden: tabel.velden, pad: "", wat: "een aanvraag", &r) else {
            throw r.error(root, "", "Het bestand is leeg.")
        }
        var a: Aanvraag
        do {
            let (model, overige) = try InhoudDecoder.decode(Aanvraag.self, from: inhoud)
            a = model
            a.overige = OverigeVelden(overige)
        } catch {
            // The reader has checked every value against the table; the model takes them all.
            throw LeesFout(bestand: bestand, mark: root.mark, melding: "De aanvraag kon niet worden gelezen (\(error)).")
        }
        a.bron = Bron(bestand: bestand)
        a.bron.marks = r.marks
        return (a, inhoud)
    }

    /// A post whose `aantal × prijs` no sum can hold is refused while it is read, so that no sum
    /// over the posts can overflow.
    static func postBinnenGrenzen(_ post: [String: Inhoud], _ f: Fields, _ r: NodeReader) throws(LeesFout) {
        guard post["bedrag"] == nil, case .getal(let aantal)? = post["aantal"], case .bedrag(let prijs)? = post["prijs"],
              (aantal.times(prijs)?.magnitude ?? Bedrag.maximum + Bedrag(cents: 1)) > Bedrag.maximum else { return }
        throw r.error(f["prijs"], f.path("prijs"), "Aantal × prijs is meer dan \(Bedrag.maximum); zo'n post kan niet kloppen.")
    }

    /// A path relative to the aanvraag that must stay inside its folder.
    static func bestandPad(_ r: NodeReader, _ node: YNode?, _ pad: String) throws(LeesFout) -> String? {
        guard let p = try r.text(node, pad) else { return nil }
        let parts = p.split(separator: "/")
        if p.hasPrefix("/") || p.hasPrefix("~") || parts.contains("..") || p.contains("\\") {
            throw r.error(node, pad, "Het bestand \"\(p)\" moet in de map van de aanvraag staan "
                + "(of een submap daarvan); schrijf een pad zonder `/` vooraan en zonder `..`.")
        }
        return p
    }
}

/// Reads a YAML tree as the field table describes it, into `Inhoud`: the one reader of every
/// field, so that a field added to the table is read without code of its own.
public struct Tabellezer {
    /// Checks that need several fields of one section at once, by table path
    /// (`begroting.posten[]`); they run as soon as the section is read.
    public var controles: [String: (_ velden: [String: Inhoud], _ f: Fields, _ r: NodeReader) throws(LeesFout) -> Void]

    public init(controles: [String: (_ velden: [String: Inhoud], _ f: Fields, _ r: NodeReader) throws(LeesFout) -> Void] = [:]) {
        self.controles = controles
    }

    /// A mapping with the fields `velden`, each read in table order; nil when it is absent or empty.
    public func sectie(_ node: YNode?, velden: [Veld], pad: String, wat: String,
                                _ r: inout NodeReader) throws(LeesFout) -> Inhoud? {
        guard let f = try r.mapping(node, pad, velden: velden, what: wat) else { return nil }
        return try inhoud(f, velden: velden, &r)
    }

    func inhoud(_ f: Fields, velden: [Veld], _ r: inout NodeReader) throws(LeesFout) -> Inhoud {
        var uit: [String: Inhoud] = [:]
        uit.reserveCapacity(f.paren.count)
        // Along the keys that are there (an absent or null value is missing, whatever its kind),
        // in table order.
        // (By index: a `Veld` is large, and a loop variable would copy each one.)
        for i in velden.indices {
            guard let paar = f.paar(velden[i].sleutel), !paar.waarde.isNull else { continue }
            if let w = try waarde(paar.waarde, velden[i], paar.pad, &r) { uit[velden[i].eigenschap] = w }
        }
        for (patroon, controle) in controles where Veldentabel.pad(f.pad, zonderIndexIs: patroon) {
            try controle(uit, f, r)
        }
        return .sectie(uit)
    }

    /// One field's value; nil when it is missing.
    public func waarde(_ node: YNode?, _ v: Veld, _ pad: String, _ r: inout NodeReader) throws(LeesFout) -> Inhoud? {
        switch v.soort {
        case .sectie:
            return try sectie(node, velden: v.velden, pad: pad, wat: v.leesnaam, &r)
        case .lijst(let item):
            let items: [Inhoud]
            switch item {
            case .tekst, .proza, .bestand, .vast:
                // A single text is a list of one.
                items = try r.textList(node, pad).map(Inhoud.tekst)
            case .sectie:
                items = try r.list(node, pad, what: v.leesnaam) {
                    (r: inout NodeReader, n: YNode, p: String) throws(LeesFout) -> Inhoud? in
                    if let losse = v.losseTekst, case .scalar = n.kind, let los = v[losse] {
                        // A bare text stands for one field of the entry (a result without its reason).
                        return .sectie(try r.text(n, p).map { [los.eigenschap: .tekst($0)] } ?? [:])
                    }
                    // An empty entry keeps the indices of the entries after it.
                    guard let f = try r.mapping(n, p, velden: v.velden, what: v.leesnaamItem) else {
                        return .sectie([:])
                    }
                    return try self.inhoud(f, velden: v.velden, &r)
                }
            default:
                var enkel = v
                enkel.soort = item
                items = try r.list(node, pad, what: v.leesnaam) {
                    (r: inout NodeReader, n: YNode, p: String) throws(LeesFout) -> Inhoud? in
                    try self.waarde(n, enkel, p, &r)
                }
            }
            return items.isEmpty ? nil : .lijst(items)
        case .vast, .tekst, .proza:
            guard let t = try r.text(node, pad) else { return nil }
            switch v.normaliseer {
            case .postcode?: return .tekst(Postcode.normalise(t))
            case nil: return .tekst(t)
            }
        case .bestand:
            return try AanvraagReader.bestandPad(r, node, pad).map(Inhoud.tekst)
        case .bedrag:
            return try r.bedrag(node, pad).map(Inhoud.bedrag)
        case .hoeveelheid(let geheel):
            return geheel ? try r.geheel(node, pad).map(Inhoud.geheel) : try r.hoeveelheid(node, pad).map(Inhoud.getal)
        case .datum:
            return try r.datum(node, pad).map(Inhoud.datum)
        case .jaNee:
            return try r.ja(node, pad).map(Inhoud.jaNee)
        case .keuze(let waarden, let vrij):
            return try (vrij ? r.text(node, pad) : r.keuze(node, pad, toegestaan: waarden)).map(Inhoud.tekst)
        }
    }
}

/// Dutch postcodes: `1066js` is normalised to `1066 JS`, not refused.
public enum Postcode {
    public static func normalise(_ raw: String) -> String {
        let compact = raw.filter { !$0.isWhitespace }
        guard compact.count == 6 else { return raw }
        let digits = compact.prefix(4), letters = compact.suffix(2)
        guard digits.allSatisfy(\.isASCIIDigit), letters.allSatisfy({ $0.isASCII && $0.isLetter }) else { return raw }
        return "\(digits) \(letters.uppercased())"
    }

    public static func isValid(_ s: String) -> Bool {
        let c = Array(s)
        guard c.count == 7, c[4] == " " else { return false }
        return c[0] != "0" && c[0...3].allSatisfy(\.isASCIIDigit) && c[5...6].allSatisfy { $0.isASCII && $0.isUppercase }
    }
}

/// Reading the raw file: the checks that come before YAML.
public enum InputFile {
    public static func read(path: String, limits: ReadLimits) throws(LeesFout) -> [UInt8] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw LeesFout(bestand: path, mark: nil, melding: "Het bestand bestaat niet.")
        }
        if isDir.boolValue {
            throw LeesFout(bestand: path, mark: nil, melding: "Dit is een map, geen bestand. Geef het aanvraagbestand op, "
                + "bijvoorbeeld \(path.hasSuffix("/") ? path : path + "/")aanvraag.yaml.")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LeesFout(bestand: path, mark: nil, melding: "Het bestand kan niet worden gelezen (geen leesrechten?).")
        }
        defer { try? handle.close() }
        // Read one byte past the limit, so a huge file is refused without loading it.
        let data: Data
        do {
            data = try handle.read(upToCount: limits.maxBytes + 1) ?? Data()
        } catch {
            throw LeesFout(bestand: path, mark: nil, melding: "Het bestand kan niet worden gelezen: \(error.localizedDescription)")
        }
        if data.count > limits.maxBytes {
            throw LeesFout(bestand: path, mark: nil, melding: "Het bestand is groter dan \(limits.maxBytes / 1_048_576) MB; "
                + "een aanvraag is veel kleiner. Is dit het goede bestand?")
        }
        return [UInt8](data)
    }

    /// Refuses empty files, binary junk and invalid UTF-8 with the place of the first bad byte.
    public static func checkText(_ bytes: [UInt8], bestand: String, limits: ReadLimits) throws(LeesFout) {
        if bytes.count > limits.maxBytes {
            throw LeesFout(bestand: bestand, mark: nil, melding: "Het bestand is groter dan \(limits.maxBytes / 1_048_576) MB.")
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw LeesFout(bestand: bestand, mark: nil,
                           melding: "Het bestand is leeg. Begin met `vip init` voor een ingevuld voorbeeld.")
        }
        // Checked on the bytes, eight at a time while they are ASCII without a nul byte; the
        // line and column of a fault are counted only when there is one.
        let fout: (fout: Int, binair: Bool)? = bytes.withUnsafeBufferPointer { buffer in
            let n = buffer.count
            guard let p = buffer.baseAddress else { return nil }
            let raw = UnsafeRawPointer(p)
            var i = 0
            while i < n {
                if i + 8 <= n {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let high: UInt64 = 0x8080_8080_8080_8080
                    if w & high == 0 && (w &- 0x0101_0101_0101_0101) & ~w & high == 0 {
                        i += 8
                        continue
                    }
                }
                let b = p[i]
                if b == 0 { return (i, true) }
                guard b >= 0x80 else { i += 1; continue }
                let length = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0
                var valid = length > 0 && i + length <= n
                if valid {
                    for k in 1..<length where p[i + k] & 0xC0 != 0x80 { valid = false }
                }
                if valid, length >= 3 {
                    // Refuse overlong forms, surrogates and values above U+10FFFF.
                    let b1 = p[i + 1]
                    if b == 0xE0 && b1 < 0xA0 || b == 0xED && b1 >= 0xA0 || b == 0xF0 && b1 < 0x90 || b == 0xF4 && b1 >= 0x90 {
                        valid = false
                    }
                }
                guard valid else { return (i, false) }
                i += length
            }
            return nil
        }
        guard let fout else { return }
        // Everything before the fault is valid UTF-8: a character is its first byte and the
        // continuation bytes that follow it.
        var line = 1, column = 1
        for b in bytes[..<fout.fout] where b & 0xC0 != 0x80 {
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        let mark = SourceMark(line: line, column: column)
        if fout.binair {
            throw LeesFout(bestand: bestand, mark: mark,
                           melding: "Het bestand bevat binaire gegevens (een nul-byte); het is geen tekstbestand. "
                               + "Is dit het goede bestand?")
        }
        throw LeesFout(bestand: bestand, mark: mark,
                       melding: "Het bestand is geen geldige UTF-8-tekst (byte \(fout.fout + 1)). "
                           + "Sla het in uw teksteditor op als UTF-8.")
    }
}
