import VIPYAML

/// A position in the input, 1-based, in characters (as an editor shows it).
public struct SourceMark: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public static func < (lhs: SourceMark, rhs: SourceMark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A YAML node with its position. Built by `YAMLTree.compose` straight from libyaml's
/// events (through VIPYAML's parser) rather than by a general YAML composer, because
/// (1) a composer that expands aliases into copies and hashes mapping keys spends
/// exponential time on an alias bomb before any limit can be checked, and (2) we need
/// the raw scalar text ("1.500", "0612345678") and its style, not a value YAML 1.1 has
/// already guessed a type for.
public final class YNode: @unchecked Sendable {
    public enum Kind {
        case scalar(String, quoted: Bool)
        case sequence([YNode])
        case mapping([(key: String, keyMark: SourceMark, value: YNode)])
    }
    public let kind: Kind
    public let mark: SourceMark
    /// Number of nodes this node stands for once aliases are expanded.
    let expandedSize: Int

    /// A plain scalar that YAML reads as null, or an empty scalar (worked out once: every
    /// reader asks it of every value, often more than once).
    public let isNull: Bool

    init(_ kind: Kind, mark: SourceMark, expandedSize: Int) {
        self.kind = kind
        self.mark = mark
        self.expandedSize = expandedSize
        self.isNull = Self.isNull(kind)
    }

    static func isNull(_ kind: Kind) -> Bool {
        guard case .scalar(let text, let quoted) = kind else { return false }
        if let b = text.utf8.first, (0x21...0x7E).contains(b), b != UInt8(ascii: "~"), b != UInt8(ascii: "n"),
           b != UInt8(ascii: "N") {
            return false   // starts with a visible character that no null starts with
        }
        if !quoted, ["", "~", "null", "Null", "NULL"].contains(text) { return true }
        return text.allSatisfy(\.isWhitespace)
    }
}

/// Limits that keep any input from hanging the process or exhausting memory. They are
/// checked while the tree is composed, before anything is expanded or decoded.
public struct ReadLimits: Sendable {
    public var maxBytes: Int = 16 * 1024 * 1024
    public var maxDepth: Int = 64
    public var maxAliases: Int = 1_000
    /// Nodes counted with every alias expanded (a "billion laughs" file is refused here).
    public var maxNodes: Int = 2_000_000
    public init() {}
    public static let standard = ReadLimits()
}

/// A reading error: the file cannot be used as it is. Carries the place and the path.
public struct LeesFout: Error, Sendable, Equatable, CustomStringConvertible {
    public var bestand: String
    public var mark: SourceMark?
    public var pad: String
    public var melding: String

    public init(bestand: String, mark: SourceMark?, pad: String = "", melding: String) {
        self.bestand = bestand
        self.mark = mark
        self.pad = pad
        self.melding = melding
    }

    /// `bestand:regel:kolom: fout: melding (pad)`, as compilers print it.
    public var description: String {
        var place = bestand
        if let mark { place += ":\(mark.line):\(mark.column)" }
        let where_ = pad.isEmpty ? "" : " (\(pad))"
        return "\(place): leesfout: \(melding)\(where_)"
    }
}

public enum YAMLTree {
    /// Composes one YAML document into a node tree, enforcing `limits`.
    /// Throws `LeesFout` for every problem (syntax, limits, multiple documents).
    public static func compose(_ bytes: [UInt8], bestand: String,
                               limits: ReadLimits = .standard) throws(LeesFout) -> YNode? {
        var composer = Composer(bestand: bestand, limits: limits)
        return try composer.run(bytes)
    }
}

private struct Composer {
    let bestand: String
    let limits: ReadLimits
    var anchors: [String: YNode] = [:]
    var aliasCount = 0
    var totalSize = 0

    init(bestand: String, limits: ReadLimits) {
        self.bestand = bestand
        self.limits = limits
    }

    private func fail(_ mark: SourceMark?, _ message: String) -> LeesFout {
        LeesFout(bestand: bestand, mark: mark, melding: message)
    }

    mutating func run(_ bytes: [UInt8]) throws(LeesFout) -> YNode? {
        let parser: YAMLParser
        do {
            parser = try YAMLParser(bytes)
        } catch {
            throw fail(nil, "De YAML-lezer kon niet starten (onvoldoende geheugen).")
        }
        var stream = EventStream(parser: parser, composer: self)
        return try stream.document()
    }

    fileprivate mutating func register(_ node: YNode, anchor: String?, at mark: SourceMark) throws(LeesFout) {
        totalSize += node.expandedSize
        if totalSize > limits.maxNodes {
            throw fail(mark, "Het bestand is te groot: meer dan \(limits.maxNodes) elementen "
                + "(met alle verwijzingen (aliassen) uitgeschreven). Zo'n aanvraag kan niet kloppen.")
        }
        if let anchor { anchors[anchor] = node }
    }

    fileprivate mutating func alias(_ name: String, at mark: SourceMark) throws(LeesFout) -> YNode {
        aliasCount += 1
        if aliasCount > limits.maxAliases {
            throw fail(mark, "Het bestand gebruikt meer dan \(limits.maxAliases) verwijzingen (aliassen, *naam).")
        }
        guard let node = anchors[name] else {
            throw fail(mark, "De verwijzing *\(name) verwijst naar een anker (&\(name)) dat niet bestaat.")
        }
        totalSize += node.expandedSize
        if totalSize > limits.maxNodes {
            throw fail(mark, "Het bestand is te groot: meer dan \(limits.maxNodes) elementen "
                + "met alle verwijzingen (aliassen) uitgeschreven. Gebruik geen geneste verwijzingen.")
        }
        return node
    }
}

/// Pulls events from the parser and builds nodes.
private struct EventStream {
    let parser: YAMLParser
    var composer: Composer
    var depth = 0

    init(parser: YAMLParser, composer: Composer) {
        self.parser = parser
        self.composer = composer
    }

    mutating func next() throws(LeesFout) -> (event: YAMLEvent, mark: SourceMark) {
        do {
            let (event, mark) = try parser.next()
            return (event, SourceMark(line: mark.line, column: mark.column))
        } catch {
            throw syntaxError(error)
        }
    }

    private func syntaxError(_ error: YAMLParseError) -> LeesFout {
        // A reader error has a byte offset, not a line: it is reported without a place.
        let mark = error.mark.map { SourceMark(line: $0.line, column: $0.column) }
        let melding = SyntaxMessages.dutch(problem: error.problem, context: error.context)
        return LeesFout(bestand: composer.bestand, mark: mark, melding: melding)
    }

    mutating func document() throws(LeesFout) -> YNode? {
        _ = try next()  // STREAM-START
        let first = try next()
        if first.event == .streamEnd { return nil }
        let root = try node(from: try next())
        _ = try next()  // DOCUMENT-END
        let after = try next()
        if after.event != .streamEnd {
            throw LeesFout(bestand: composer.bestand, mark: after.mark,
                           melding: "Het bestand bevat meer dan één YAML-document (een tweede `---`). "
                               + "Zet één aanvraag in één bestand.")
        }
        return root
    }

    mutating func node(from start: (event: YAMLEvent, mark: SourceMark)) throws(LeesFout) -> YNode {
        let mark = start.mark
        switch start.event {
        case .alias(let anchor):
            return try composer.alias(anchor, at: mark)
        case .scalar(let text, let style, let anchor, _):
            let node = YNode(.scalar(text, quoted: style != .plain), mark: mark, expandedSize: 1)
            try composer.register(node, anchor: anchor, at: mark)
            return node
        case .sequenceStart(let anchor, _):
            try enter(mark)
            var items: [YNode] = []
            var size = 1
            while true {
                let e = try next()
                if e.event == .sequenceEnd { break }
                let child = try node(from: e)
                size += child.expandedSize
                items.append(child)
            }
            depth -= 1
            let node = YNode(.sequence(items), mark: mark, expandedSize: size)
            try composer.register(node, anchor: anchor, at: mark)
            return node
        case .mappingStart(let anchor, _):
            try enter(mark)
            var pairs: [(key: String, keyMark: SourceMark, value: YNode)] = []
            var seen: [String: SourceMark] = [:]
            var size = 1
            while true {
                let k = try next()
                if k.event == .mappingEnd { break }
                guard case .scalar(let key, _, _, _) = k.event else {
                    throw LeesFout(bestand: composer.bestand, mark: k.mark,
                                   melding: "Een sleutel moet een gewone naam zijn, zoals `titel:`; "
                                       + "hier staat een lijst, blok of verwijzing als sleutel.")
                }
                if key == "<<" {
                    throw LeesFout(bestand: composer.bestand, mark: k.mark,
                                   melding: "Samenvoegen met `<<:` wordt niet ondersteund; schrijf de velden uit.")
                }
                // A mapping has a handful of keys: they are compared along the list, and hashed
                // only once there are many (so that no file can make this quadratic).
                if pairs.count == 16 { for p in pairs { seen[p.key] = p.keyMark } }
                if let earlier = pairs.count < 16 ? pairs.first(where: { $0.key == key })?.keyMark : seen[key] {
                    throw LeesFout(bestand: composer.bestand, mark: k.mark,
                                   melding: "De sleutel `\(key)` staat hier twee keer (eerder op regel \(earlier.line)). "
                                       + "Laat er één over.")
                }
                if pairs.count >= 16 { seen[key] = k.mark }
                let value = try node(from: try next())
                size += value.expandedSize + 1
                pairs.append((key, k.mark, value))
            }
            depth -= 1
            let node = YNode(.mapping(pairs), mark: mark, expandedSize: size)
            try composer.register(node, anchor: anchor, at: mark)
            return node
        default:
            throw LeesFout(bestand: composer.bestand, mark: mark, melding: "Onverwachte YAML-structuur.")
        }
    }

    mutating func enter(_ mark: SourceMark) throws(LeesFout) {
        depth += 1
        if depth > composer.limits.maxDepth {
            throw LeesFout(bestand: composer.bestand, mark: mark,
                           melding: "Het bestand is te diep genest (meer dan \(composer.limits.maxDepth) niveaus).")
        }
    }
}

/// libyaml's English problems, said in Dutch with what to do.
enum SyntaxMessages {
    static func dutch(problem: String, context: String?) -> String {
        let advice: String
        switch problem {
        case let p where p.contains("mapping values are not allowed"):
            advice = "Er staat een dubbele punt (:) op een plek waar die niet mag. "
                + "Staat er een dubbele punt in uw tekst? Zet de tekst dan tussen aanhalingstekens."
        case let p where p.contains("found character that cannot start any token"):
            advice = "Hier staat een teken waarmee in YAML niets mag beginnen (vaak een tab of een @ of ` aan het begin). "
                + "Gebruik spaties om in te springen en zet zulke tekst tussen aanhalingstekens."
        case let p where p.contains("did not find expected key"),
             let p where p.contains("did not find expected '-' indicator"):
            advice = "De inspringing klopt niet: velden die bij elkaar horen moeten precies even ver inspringen."
        case let p where p.contains("found unexpected end of stream"):
            advice = "Het bestand houdt midden in een waarde op: er ontbreekt waarschijnlijk een afsluitend aanhalingsteken."
        case let p where p.contains("control characters are not allowed"),
             let p where p.contains("invalid leading UTF-8 octet"),
             let p where p.contains("invalid trailing UTF-8 octet"),
             let p where p.contains("incomplete UTF-8 octet sequence"):
            advice = "Het bestand bevat tekens die geen tekst zijn (binaire gegevens of een verkeerde tekencodering). "
                + "Sla het op als UTF-8-tekst."
        case let p where p.contains("found undefined tag handle"),
             let p where p.contains("found unknown escape character"):
            advice = "Een teken met een backslash (\\) of uitroepteken (!) wordt verkeerd gelezen. "
                + "Gebruik enkele aanhalingstekens ('…') rond zulke tekst."
        default:
            advice = "Controleer de inspringing, dubbele punten en aanhalingstekens rond deze plek."
        }
        return "Dit is geen geldige YAML: \(advice) (YAML-melding: \(problem)\(context.map { ", \($0)" } ?? ""))"
    }
}
