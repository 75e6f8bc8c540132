import Foundation

/// The page templates, compiled once into a tree and rendered against `Sjabloonwaarde`s: a small
/// mustache engine of our own (issue 21: pages without per-request reflection). The mustache
/// library the pages used before looks every name up through the whole context stack with a
/// dynamic cast per level (and `Mirror` for anything that is not a dictionary); here a value is
/// an enum, a lookup is a dictionary probe per level, and the output is one byte buffer with the
/// HTML escaping done on bytes.
///
/// It implements what the templates use, with the whitespace rules of the engine it replaced,
/// so that every page comes out byte for byte as before: text, `{{name}}` and `{{a.b}}` (HTML
/// escaped), `{{{name}}}` and `{{&name}}`, sections `{{#x}}…{{/x}}` (a list repeats, a boolean
/// shows or hides, anything else becomes the innermost context), inverted sections `{{^x}}`,
/// partials `{{> naam}}` with the indentation of a standalone tag, parents `{{<naam}}` with
/// blocks `{{$blok}}…{{/blok}}`, comments. A standalone tag (alone on its line but for spaces
/// and tabs) takes its line with it. `Weergave` keeps the old engine as an oracle: with
/// `VIP_SJABLONEN_ORAKEL` set, every page is rendered by both and must be identical (the test
/// suites set it).
struct Sjabloon: Sendable {
    indirect enum Knoop: Sendable {
        case tekst([UInt8])
        case variabele([String], escape: Bool)
        case sectie([String], [Knoop])
        case omgekeerd([String], [Knoop])
        case deel(String, inspringing: [UInt8]?, erft: [String: [Knoop]]?)
        case blok(String, standaard: [Knoop], inspringing: [UInt8])
        case blokDefinitie(String, [Knoop])
    }

    let knopen: [Knoop]

    struct Fout: Error, CustomStringConvertible {
        var description: String
    }

    init(_ tekst: String) throws {
        var p = Parser(Array(tekst.utf8))
        knopen = try p.ontleed(Parser.Stand())
    }

    // MARK: Parsing

    private struct Parser {
        let b: [UInt8]
        var i = 0

        init(_ b: [UInt8]) { self.b = b }

        struct Stand {
            var sectie: String?
            var nieuweRegel = true
            var inDefinitie = false
            var definitieTop = false
            var definitieInspringing: Int?

            func metSectie(_ naam: String, nieuweRegel nr: Bool) -> Stand {
                var s = self
                s.sectie = naam
                s.definitieTop = false
                if !nr { s.nieuweRegel = false }
                return s
            }

            func metOuder(_ naam: String) -> Stand {
                var s = self
                s.sectie = naam
                s.nieuweRegel = true
                s.inDefinitie = true
                s.definitieTop = true
                return s
            }
        }

        var eind: Bool { i >= b.count }
        var huidig: UInt8 { i < b.count ? b[i] : 0 }
        var isNieuweRegel: Bool { huidig == UInt8(ascii: "\n") }

        mutating func spatiesEnTabs() -> ArraySlice<UInt8> {
            let start = i
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
            return b[start..<i]
        }

        mutating func witruimte() {
            while i < b.count, [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C].contains(b[i]) { i += 1 }
        }

        /// Text up to a newline (not consumed) or an opening `{{` (consumed), or the end.
        mutating func tekstTotTag() -> [UInt8] {
            var uit: [UInt8] = []
            while i < b.count {
                let c = b[i]
                if c == 0x0A { break }
                if c == UInt8(ascii: "{") {
                    if i + 1 < b.count, b[i + 1] == UInt8(ascii: "{") {
                        i += 2
                        return uit
                    }
                }
                uit.append(c)
                i += 1
            }
            return uit
        }

        static func naamteken(_ c: UInt8, deel: Bool) -> Bool {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"):
                return true
            case UInt8(ascii: "/"): return deel
            default: return false
            }
        }

        mutating func naam(deel: Bool = false) throws -> String {
            witruimte()
            let start = i
            while i < b.count, Self.naamteken(b[i], deel: deel) { i += 1 }
            let naam = String(decoding: b[start..<i], as: UTF8.self)
            witruimte()
            guard i + 1 < b.count, b[i] == UInt8(ascii: "}"), b[i + 1] == UInt8(ascii: "}") else {
                throw Fout(description: "onvolledige tag bij byte \(i)")
            }
            i += 2
            return naam
        }

        /// Whether the rest of the line is blank; if so the line end is consumed.
        mutating func regelKlaar() -> Bool {
            if eind { return true }
            var j = i
            while j < b.count, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
            if j < b.count, b[j] == 0x0A {
                i = j + 1
                return true
            }
            return false
        }

        mutating func alleenstaand(_ s: Stand) -> Bool { s.nieuweRegel && regelKlaar() }

        static func pad(_ naam: String) -> [String] {
            naam == "." ? [] : naam.split(separator: ".").map(String.init)
        }

        mutating func ontleed(_ begin: Stand) throws -> [Knoop] {
            var knopen: [Knoop] = []
            var s = begin
            var ruimte: [UInt8] = []
            while !eind {
                if s.nieuweRegel {
                    let w = spatiesEnTabs()
                    if s.inDefinitie && !s.definitieTop {
                        if let n = s.definitieInspringing {
                            ruimte = Array(w.dropFirst(n))
                        } else {
                            s.definitieInspringing = w.count
                        }
                    } else {
                        ruimte = Array(w)
                    }
                }
                let tekst = tekstTotTag()
                if isNieuweRegel {
                    knopen.append(.tekst(ruimte + tekst + [0x0A]))
                    s.nieuweRegel = true
                    i += 1
                    continue
                }
                if !tekst.isEmpty {
                    knopen.append(.tekst(ruimte + tekst))
                    ruimte = []
                    s.nieuweRegel = false
                }
                if eind { break }
                var nieuweRegel = false
                let soort = huidig
                switch soort {
                case UInt8(ascii: "#"), UInt8(ascii: "^"):
                    i += 1
                    let naam = try naam()
                    if alleenstaand(s) {
                        nieuweRegel = true
                    } else if !ruimte.isEmpty {
                        knopen.append(.tekst(ruimte))
                        ruimte = []
                    }
                    let binnen = try ontleed(s.metSectie(naam, nieuweRegel: nieuweRegel))
                    knopen.append(soort == UInt8(ascii: "#") ? .sectie(Self.pad(naam), binnen) : .omgekeerd(Self.pad(naam), binnen))
                case UInt8(ascii: "/"):
                    i += 1
                    let naam = try naam()
                    guard naam == s.sectie else { throw Fout(description: "{{/\(naam)}} sluit \(s.sectie ?? "niets")") }
                    if !alleenstaand(s), !ruimte.isEmpty {
                        knopen.append(.tekst(ruimte))
                    }
                    return knopen
                case UInt8(ascii: "!"):
                    while i + 1 < b.count, !(b[i] == UInt8(ascii: "}") && b[i + 1] == UInt8(ascii: "}")) { i += 1 }
                    guard i + 1 < b.count else { throw Fout(description: "onvolledig commentaar") }
                    i += 2
                    nieuweRegel = alleenstaand(s)
                case UInt8(ascii: "{"), UInt8(ascii: "&"):
                    if !ruimte.isEmpty {
                        knopen.append(.tekst(ruimte))
                        ruimte = []
                    }
                    i += 1
                    let naam = try naam()
                    if soort == UInt8(ascii: "{") {
                        guard huidig == UInt8(ascii: "}") else { throw Fout(description: "onvolledige {{{\(naam)}}}") }
                        i += 1
                    }
                    knopen.append(.variabele(Self.pad(naam), escape: false))
                case UInt8(ascii: ">"):
                    i += 1
                    witruimte()
                    let naam = try naam(deel: true)
                    if !ruimte.isEmpty { knopen.append(.tekst(ruimte)) }
                    if alleenstaand(s) {
                        nieuweRegel = true
                        knopen.append(.deel(naam, inspringing: ruimte, erft: nil))
                    } else {
                        knopen.append(.deel(naam, inspringing: nil, erft: nil))
                    }
                    ruimte = []
                case UInt8(ascii: "<"):
                    i += 1
                    witruimte()
                    let naam = try naam(deel: true)
                    if !ruimte.isEmpty { knopen.append(.tekst(ruimte)) }
                    if alleenstaand(s) { nieuweRegel = true }
                    let binnen = try ontleed(s.metOuder(naam))
                    var erft: [String: [Knoop]] = [:]
                    for k in binnen {
                        switch k {
                        case .blokDefinitie(let n, let t): erft[n] = t
                        case .tekst: break
                        default: throw Fout(description: "in {{<\(naam)}} staan alleen blokken")
                        }
                    }
                    knopen.append(.deel(naam, inspringing: ruimte, erft: erft))
                    ruimte = []
                case UInt8(ascii: "$"):
                    i += 1
                    let naam = try naam()
                    if s.definitieTop {
                        if alleenstaand(s) { nieuweRegel = true }
                        knopen.append(.blokDefinitie(naam, try ontleed(s.metSectie(naam, nieuweRegel: nieuweRegel))))
                    } else {
                        if !ruimte.isEmpty { knopen.append(.tekst(ruimte)) }
                        if alleenstaand(s) { nieuweRegel = true }
                        let standaard = try ontleed(s.metSectie(naam, nieuweRegel: nieuweRegel))
                        knopen.append(.blok(naam, standaard: standaard, inspringing: ruimte))
                        ruimte = []
                    }
                case UInt8(ascii: "="), UInt8(ascii: "%"):
                    throw Fout(description: "{{\(Character(UnicodeScalar(soort)))…}} wordt niet ondersteund")
                default:
                    if !ruimte.isEmpty {
                        knopen.append(.tekst(ruimte))
                        ruimte = []
                    }
                    let naam = try naam()
                    knopen.append(.variabele(Self.pad(naam), escape: true))
                }
                s.nieuweRegel = nieuweRegel
            }
            guard s.sectie == nil else { throw Fout(description: "{{/\(s.sectie!)}} ontbreekt") }
            return knopen
        }
    }
}

/// A value a template shows: the context of a page, without `Any`.
enum Sjabloonwaarde: Sendable {
    case tekst(String)
    case waarheid(Bool)
    case lijst([Sjabloonwaarde])
    case object([String: Sjabloonwaarde])
    case niets

    /// A page's context as the page handlers build it (`[String: Any]` of strings, numbers,
    /// booleans, lists and dictionaries), converted once, at the edge, with one cast per value.
    static func van(_ x: Any) -> Sjabloonwaarde {
        // The most frequent first: every failed cast is a runtime call.
        switch x {
        case let s as String: return .tekst(s)
        case let b as Bool: return .waarheid(b)
        case let d as [String: Any]: return .object(d.mapValues(van))
        case let l as [[String: Any]]: return .lijst(l.map { .object($0.mapValues(van)) })
        case let i as Int: return .tekst(String(i))
        case let w as Sjabloonwaarde: return w
        case let l as [String]: return .lijst(l.map { .tekst($0) })
        case let l as [Any]: return .lijst(l.map(van))
        case let o as OptioneleSjabloonwaarde: return o.sjabloonwaarde
        case let s as Substring: return .tekst(String(s))
        default: return .tekst(String(describing: x))
        }
    }
}

protocol OptioneleSjabloonwaarde {
    var sjabloonwaarde: Sjabloonwaarde { get }
}

extension Optional: OptioneleSjabloonwaarde {
    var sjabloonwaarde: Sjabloonwaarde {
        switch self {
        case .some(let x): return .van(x)
        case .none: return .niets
        }
    }
}

/// The compiled templates by name, and rendering.
struct Sjabloonbibliotheek: Sendable {
    var sjablonen: [String: Sjabloon] = [:]

    mutating func registreer(_ tekst: String, naam: String) throws {
        sjablonen[naam] = try Sjabloon(tekst)
    }

    func render(_ waarde: Sjabloonwaarde, sjabloon naam: String) -> [UInt8]? {
        guard let s = sjablonen[naam] else { return nil }
        var r = Renderer(bibliotheek: self)
        r.uit.reserveCapacity(64 * 1024)
        r.render(s.knopen, Renderer.Context(stapel: [waarde]))
        return r.uit
    }

    private struct Renderer {
        let bibliotheek: Sjabloonbibliotheek
        var uit: [UInt8] = []

        struct Context {
            var stapel: [Sjabloonwaarde]
            var inspringing: [UInt8] = []
            var geerfd: [String: [Sjabloon.Knoop]]?
        }

        mutating func render(_ knopen: [Sjabloon.Knoop], _ c: Context) {
            if c.inspringing.isEmpty {
                for k in knopen { knoop(k, c) }
                return
            }
            // As the engine this replaces: a node that renders something right after a line end
            // of this same rendering gets the indentation first.
            let start = uit.count
            for k in knopen {
                let voor = uit.count
                knoop(k, c)
                if uit.count > voor, voor > start, uit[voor - 1] == 0x0A {
                    uit.insert(contentsOf: c.inspringing, at: voor)
                }
            }
        }

        static func zoek(_ pad: [String], _ stapel: [Sjabloonwaarde]) -> Sjabloonwaarde? {
            guard let eerste = pad.first else { return stapel.last }
            var gevonden: Sjabloonwaarde?
            for w in stapel.reversed() {
                if case .object(let d) = w, let v = d[eerste] {
                    gevonden = v
                    break
                }
            }
            guard var w = gevonden else { return nil }
            for naam in pad.dropFirst() {
                guard case .object(let d) = w, let v = d[naam] else { return nil }
                w = v
            }
            return w
        }

        mutating func knoop(_ k: Sjabloon.Knoop, _ c: Context) {
            switch k {
            case .tekst(let t):
                uit.append(contentsOf: t)
            case .variabele(let pad, let escape):
                guard let w = Self.zoek(pad, c.stapel) else { return }
                switch w {
                case .tekst(let s): escape ? Self.escape(s, &uit) : uit.append(contentsOf: s.utf8)
                case .waarheid(let b): uit.append(contentsOf: (b ? "true" : "false").utf8)
                case .niets: break
                case .lijst, .object: break
                }
            case .sectie(let pad, let binnen):
                guard let w = Self.zoek(pad, c.stapel) else { return }
                switch w {
                case .lijst(let l):
                    for x in l {
                        var c2 = c
                        c2.stapel.append(x)
                        render(binnen, c2)
                    }
                case .waarheid(let b):
                    if b { render(binnen, c) }
                case .niets:
                    break
                case .tekst, .object:
                    var c2 = c
                    c2.stapel.append(w)
                    render(binnen, c2)
                }
            case .omgekeerd(let pad, let binnen):
                let w = Self.zoek(pad, c.stapel)
                switch w {
                case .lijst(let l)?:
                    if l.isEmpty {
                        var c2 = c
                        c2.stapel.append(.lijst(l))
                        render(binnen, c2)
                    }
                case .waarheid(let b)?:
                    if !b { render(binnen, c) }
                case .niets?, nil:
                    render(binnen, c)
                case .tekst?, .object?:
                    break
                }
            case .deel(let naam, let inspringing, let erft):
                guard let s = bibliotheek.sjablonen[naam] else { return }
                var c2 = c
                if let inspringing { c2.inspringing = c.inspringing + inspringing }
                if let erft {
                    // An outer override wins over an inner one.
                    c2.geerfd = c.geerfd.map { $0.merging(erft) { buiten, _ in buiten } } ?? erft
                }
                render(s.knopen, c2)
            case .blok(let naam, let standaard, let inspringing):
                var c2 = c
                c2.inspringing = c.inspringing + inspringing
                render(c.geerfd?[naam] ?? standaard, c2)
            case .blokDefinitie:
                break
            }
        }

        /// `<`, `>`, `&`, `"` and `'` as entities; the rest of the UTF-8 as it is.
        static func escape(_ s: String, _ uit: inout [UInt8]) {
            var s = s
            s.withUTF8 { b in
                var vanaf = 0
                for (i, c) in b.enumerated() {
                    let vervanging: StaticString
                    switch c {
                    case UInt8(ascii: "<"): vervanging = "&lt;"
                    case UInt8(ascii: ">"): vervanging = "&gt;"
                    case UInt8(ascii: "&"): vervanging = "&amp;"
                    case UInt8(ascii: "\""): vervanging = "&quot;"
                    case UInt8(ascii: "'"): vervanging = "&#39;"
                    default: continue
                    }
                    uit.append(contentsOf: UnsafeBufferPointer(rebasing: b[vanaf..<i]))
                    uit.append(contentsOf: UnsafeBufferPointer(start: vervanging.utf8Start, count: vervanging.utf8CodeUnitCount))
                    vanaf = i + 1
                }
                uit.append(contentsOf: UnsafeBufferPointer(rebasing: b[vanaf..<b.count]))
            }
        }
    }
}
