import Foundation
import VIPDocument
import VIPModel

/// What every document of one aanvraag shares: letterhead, footer and metadata.
public struct Huisstijl: Sendable {
    public var letterhead: Letterhead
    public var metadata: Metadata
    public var concept: Bool

    /// `logo` is the organisation's logo, already read (nil: none, or left out); `klok`
    /// gives the metadata date.
    public init(aanvraag a: Aanvraag, logo: Image?, concept: Bool, klok: Klok = Klok()) {
        let o = a.organisatie
        var footer: [String] = []
        if let adres = o.adres {
            footer.append([o.naam, adres.straat, [adres.postcode, adres.plaats].compactMap { $0 }.joined(separator: " ")]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · "))
        } else if let naam = o.naam {
            footer.append(naam)
        }
        let nummers = [o.kvk.map { "KvK \($0)" }, o.iban.map { "IBAN \(Huisstijl.iban($0))" },
                       o.website].compactMap { $0 }
        if !nummers.isEmpty { footer.append(nummers.joined(separator: " · ")) }
        letterhead = Letterhead(name: o.naam ?? "", logo: logo, footer: footer)
        metadata = Metadata(title: "", subject: a.project.titel ?? "", creator: o.naam ?? "", company: o.naam ?? "",
                            language: "nl-NL", date: klok.datum(a.brief.datum))
        self.concept = concept
    }

    /// IBAN in groups of four, as printed on letters.
    static func iban(_ raw: String) -> String {
        let compact = raw.filter { !$0.isWhitespace }.uppercased()
        var groups: [String] = []
        var i = compact.startIndex
        while i < compact.endIndex {
            let j = compact.index(i, offsetBy: 4, limitedBy: compact.endIndex) ?? compact.endIndex
            groups.append(String(compact[i..<j]))
            i = j
        }
        return groups.joined(separator: " ")
    }

    func document(titel: String, blocks: [Block]) -> Document {
        var meta = metadata
        meta.title = titel
        return Document(metadata: meta, letterhead: letterhead, blocks: blocks, concept: concept)
    }
}

extension Datum {
    static func fromDayNumber(_ z0: Int) -> Datum {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return Datum(jaar: min(max(y, 1900), 2200), maand: m, dag: d) ?? Datum(jaar: 2000, maand: 1, dag: 1)!
    }
}

/// Reads a PNG or JPEG logo and its pixel size from the file header.
public enum Logo {
    public enum Fout: Error, Sendable { case onleesbaar(String), geenAfbeelding(String) }

    public static func lees(path: String, hoogteMM: Double = 18, beschrijving: String) throws -> Image {
        guard let data = FileManager.default.contents(atPath: path) else { throw Fout.onleesbaar(path) }
        guard let beeld = lees([UInt8](data), hoogteMM: hoogteMM, beschrijving: beschrijving) else {
            throw Fout.geenAfbeelding(path)
        }
        return beeld
    }

    /// A PNG or JPEG image from its bytes; nil when they are neither.
    public static func lees(_ bytes: [UInt8], hoogteMM: Double = 18, beschrijving: String) -> Image? {
        guard let (format, w, h) = afmetingen(bytes), w > 0, h > 0 else { return nil }
        return Image(data: bytes, format: format, pixelWidth: w, pixelHeight: h, heightMM: hoogteMM,
                     description: beschrijving)
    }

    static func afmetingen(_ b: [UInt8]) -> (Image.Format, Int, Int)? {
        if b.count >= 24, b[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] {
            func be32(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
            return (.png, be32(16), be32(20))
        }
        guard b.count > 4, b[0] == 0xFF, b[1] == 0xD8 else { return nil }
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                let h = Int(b[i + 5]) << 8 | Int(b[i + 6]), w = Int(b[i + 7]) << 8 | Int(b[i + 8])
                return (.jpeg, w, h)
            }
            guard length >= 2 else { return nil }
            i += 2 + length
        }
        return nil
    }
}
