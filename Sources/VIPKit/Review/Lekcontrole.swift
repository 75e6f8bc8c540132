import Foundation
import VIPZip

/// The last line of defence (review.md, "A leak check"): every part of every file meant for
/// the participants is opened and searched for every identifying string of all aanvragen,
/// before anything is written.
///
/// It does not trust the anonymiser: it reads the produced packages as a reader would, with
/// XML entities decoded (`&amp;`, `&#233;`, …), case and diacritics folded, whitespace
/// differences and separators inside numbers ignored, and also with the markup removed, so a
/// name split over two runs is still found.
public enum Lekcontrole {
    /// One identifying string and the aanvraag (letter) it belongs to.
    public struct Term: Sendable {
        public var identificerend: Identificerend
        public var aanvraag: String
        public init(_ identificerend: Identificerend, aanvraag: String) {
            self.identificerend = identificerend
            self.aanvraag = aanvraag
        }
    }

    /// A string that is still there. The message names its kind and where it is, never the string.
    public struct Lek: Error, Sendable, CustomStringConvertible {
        public var soort: IdentificerendSoort
        public var aanvraag: String
        public var bestand: String
        public var onderdeel: String
        public var description: String {
            "\(soort.omschrijving) van aanvraag \(aanvraag) staat nog in \(onderdeel) van \(bestand)."
        }
    }

    /// Scans the files (name, package bytes); throws the first leak found.
    public static func controleer(_ bestanden: [(naam: String, bytes: [UInt8])], termen: [Term]) throws(Lek) {
        let zoek = termen.map { ($0, $0.identificerend.zoekterm) }.filter { !$0.1.isLeeg }
        for bestand in bestanden {
            let onderdelen: [(String, String)]
            do {
                let zip = try ZipReader(bytes: bestand.bytes)
                onderdelen = try zip.entryNames.map { ($0, String(decoding: try zip.read($0), as: UTF8.self)) }
            } catch {
                // Not a package: scan the file itself as text.
                onderdelen = [("het bestand", String(decoding: bestand.bytes, as: UTF8.self))]
            }
            for (onderdeel, inhoud) in onderdelen {
                if let (term, _) = zoekIn(inhoud, zoek) {
                    throw Lek(soort: term.identificerend.soort, aanvraag: term.aanvraag, bestand: bestand.naam,
                              onderdeel: onderdeel)
                }
            }
        }
    }

    static func zoekIn(_ xml: String, _ zoek: [(Term, Zoekterm)]) -> (Term, Zoekterm)? {
        let metMarkup = decodeer(xml)
        let zonderMarkup = decodeer(zonderTags(xml))
        for tekst in [metMarkup, zonderMarkup] {
            let normaal = Genormaliseerd(tekst, modus: .tekst, index: true)
            let compact = Genormaliseerd(tekst, modus: .compact, index: true)
            for (term, z) in zoek where !z.zoek(in: z.modus == .tekst ? normaal : compact).isEmpty {
                return (term, z)
            }
        }
        return nil
    }

    /// The text with every tag removed (not replaced by a space: a tag inside a word is a run
    /// boundary, "Pe</w:t></w:r><w:r><w:t>tra").
    static func zonderTags(_ xml: String) -> String {
        var uit = String.UnicodeScalarView()
        var inTag = false
        for s in xml.unicodeScalars {
            if s == "<" { inTag = true } else if s == ">" { inTag = false } else if !inTag { uit.append(s) }
        }
        return String(uit)
    }

    /// Decodes the five predefined entities and numeric character references.
    static func decodeer(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var uit = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "&", let puntkomma = scalars[i...].prefix(12).firstIndex(of: ";") {
                let naam = String(String.UnicodeScalarView(scalars[(i + 1)..<puntkomma]))
                var vervanging: Unicode.Scalar?
                switch naam {
                case "amp": vervanging = "&"
                case "lt": vervanging = "<"
                case "gt": vervanging = ">"
                case "quot": vervanging = "\""
                case "apos": vervanging = "'"
                default:
                    if naam.hasPrefix("#x") || naam.hasPrefix("#X") {
                        vervanging = UInt32(naam.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                    } else if naam.hasPrefix("#") {
                        vervanging = UInt32(naam.dropFirst()).flatMap(Unicode.Scalar.init)
                    }
                }
                if let vervanging {
                    uit.append(vervanging)
                    i = puntkomma + 1
                    continue
                }
            }
            uit.append(scalars[i])
            i += 1
        }
        return String(uit)
    }
}
