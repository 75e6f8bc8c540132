/// A YAML value as the exporter writes it: a tree of mappings (in the field table's order),
/// lists and scalars. The pages change it field by field and write it back.
public indirect enum YAMLWaarde: Sendable, Equatable {
    /// Text the user wrote: always written double-quoted, so no character of it is read as YAML.
    case tekst(String)
    /// A value the exporter formats itself (a number, a date, `true`), written plain.
    case letterlijk(String)
    case lijst([YAMLWaarde])
    case map([Paar])

    public struct Paar: Sendable, Equatable {
        public var sleutel: String
        public var waarde: YAMLWaarde
        public init(_ sleutel: String, _ waarde: YAMLWaarde) {
            self.sleutel = sleutel
            self.waarde = waarde
        }
    }

    /// An empty text, list or mapping: the field is left out.
    public var isLeeg: Bool {
        switch self {
        case .tekst(let s), .letterlijk(let s): return s.trimmedText.isEmpty
        case .lijst(let l): return l.isEmpty
        case .map(let m): return m.isEmpty
        }
    }

    /// The value of `sleutel` in a mapping.
    public subscript(sleutel: String) -> YAMLWaarde? {
        guard case .map(let m) = self else { return nil }
        return m.first { $0.sleutel == sleutel }?.waarde
    }
}

/// The export of an aanvraag: the model written back as `vip-aanvraag/1`, derived from the
/// field table (every field present in the model, in file order). Reading the export gives
/// the same model; a version saved from the pages is this text.
public enum AanvraagExport {
    public static func yaml(_ aanvraag: Aanvraag, tabel: Veldentabel = .aanvraag) -> String {
        schrijf(boom(aanvraag, tabel: tabel))
    }

    /// The model as a tree, through the field table.
    public static func boom(_ aanvraag: Aanvraag, tabel: Veldentabel = .aanvraag) -> YAMLWaarde {
        sectie(aanvraag.inhoud, tabel.velden)
    }

    static func sectie(_ inhoud: Inhoud, _ velden: [Veld]) -> YAMLWaarde {
        var paren: [YAMLWaarde.Paar] = []
        for v in velden {
            guard let w = inhoud[v.eigenschap], !w.isLeeg, let uit = veld(w, v.soort, v.velden), !uit.isLeeg else { continue }
            paren.append(.init(v.sleutel, uit))
        }
        return .map(paren)
    }

    static func veld(_ w: Inhoud, _ soort: Veldsoort, _ velden: [Veld]) -> YAMLWaarde? {
        switch (soort, w) {
        case (.sectie, _): return sectie(w, velden)
        case (.lijst(let item), .lijst(let items)):
            return .lijst(items.compactMap { $0.isLeeg ? nil : veld($0, item, velden) })
        case (.vast(let s), _): return .letterlijk(s)
        case (.bedrag, .bedrag(let b)): return .letterlijk(b.plain)
        // A whole number (`omvang`, `aantal`) is an Int in the model.
        case (.hoeveelheid, .geheel(let i)): return .letterlijk(String(i))
        case (.hoeveelheid, .getal(let h)): return .letterlijk(getal(h))
        case (.datum, .datum(let d)): return .letterlijk(d.iso)
        case (.jaNee, .jaNee(let j)): return .letterlijk(j ? "true" : "false")
        case (.tekst, .tekst(let t)), (.proza, .tekst(let t)), (.bestand, .tekst(let t)), (.keuze, .tekst(let t)):
            return .tekst(t)
        default: return nil
        }
    }

    /// `12`, `1.5`, `12.25`: a decimal point and no more than two decimals, so YAML's plain
    /// reading is never ambiguous.
    static func getal(_ h: Hoeveelheid) -> String {
        let negatief = h.hundredths < 0
        let abs = negatief ? -h.hundredths : h.hundredths
        var s = (negatief ? "-" : "") + String(abs / 100)
        if abs % 100 != 0 {
            var rest = String(abs % 100)
            if rest.count == 1 { rest = "0" + rest }
            if rest.hasSuffix("0") { rest.removeLast() }
            s += "." + rest
        }
        return s
    }

    // MARK: Writing

    public static func schrijf(_ boom: YAMLWaarde) -> String {
        var regels = ["# vip-aanvraag/1, geschreven door vip."]
        guard case .map(let paren) = boom else { return regels.joined(separator: "\n") + "\n" }
        for p in paren { schrijf(p, inspringing: "", naar: &regels) }
        return regels.joined(separator: "\n") + "\n"
    }

    static func schrijf(_ p: YAMLWaarde.Paar, inspringing: String, voorvoegsel: String? = nil,
                        naar regels: inout [String]) {
        let begin = (voorvoegsel.map { String(inspringing.dropLast(2)) + $0 } ?? inspringing) + p.sleutel + ":"
        switch p.waarde {
        case .tekst, .letterlijk:
            regels.append(begin + " " + scalar(p.waarde))
        case .map(let paren):
            regels.append(begin)
            for q in paren { schrijf(q, inspringing: inspringing + "  ", naar: &regels) }
        case .lijst(let items):
            regels.append(begin)
            for item in items {
                switch item {
                case .map(let paren):
                    for (i, q) in paren.enumerated() {
                        schrijf(q, inspringing: inspringing + "    ", voorvoegsel: i == 0 ? "- " : nil, naar: &regels)
                    }
                case .lijst:
                    break  // the format has no lists of lists
                default:
                    regels.append(inspringing + "  - " + scalar(item))
                }
            }
        }
    }

    static func scalar(_ w: YAMLWaarde) -> String {
        switch w {
        case .letterlijk(let s): return s
        case .tekst(let s): return dubbelGeciteerd(s)
        default: return "~"
        }
    }

    /// A YAML double-quoted scalar: every character that YAML would not print as itself is escaped.
    public static func dubbelGeciteerd(_ s: String) -> String {
        var uit = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": uit += "\\\\"
            case "\"": uit += "\\\""
            case "\n": uit += "\\n"
            case "\t": uit += "\\t"
            case "\r": uit += "\\r"
            default:
                let v = u.value
                let printbaar = (0x20...0x7E).contains(v) || (0xA0...0xD7FF).contains(v)
                    || ((0xE000...0xFFFD).contains(v) && v != 0xFEFF) || (0x10000...0x10FFFF).contains(v)
                if printbaar {
                    uit.unicodeScalars.append(u)
                } else if v <= 0xFFFF {
                    let hex = String(v, radix: 16, uppercase: true)
                    uit += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    let hex = String(v, radix: 16, uppercase: true)
                    uit += "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                }
            }
        }
        return uit + "\""
    }
}
