import Foundation
import VIPZip
import VIPXML

/// A package entry for an XML part. Deflating a part of a few kilobytes saves only a
/// few kilobytes; small parts are stored, so a package of many documents stays fast.
/// (With zlib the set-up alone cost about 70 µs per entry; libdeflate has none, but
/// compressing the small parts would still cost more than it saves.)
func xmlEntry(_ name: String, _ bytes: [UInt8]) -> ZipEntry {
    ZipEntry(name: name, data: bytes, method: bytes.count >= 4096 ? .deflated : .stored)
}

/// Generated parts that depend only on a few names (manifest, content types,
/// relationships) come out the same for most documents: each distinct input is
/// serialised once per process and its bytes reused. The key must hold everything the
/// part depends on.
final class GeneratedParts: @unchecked Sendable {
    static let shared = GeneratedParts()
    private let lock = NSLock()
    private var parts: [String: [UInt8]] = [:]

    func bytes(_ key: String, _ make: () throws -> [UInt8]) rethrows -> [UInt8] {
        lock.lock()
        if let known = parts[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let made = try make()
        lock.lock()
        // Bounded: documents with images or unusual templates each add a key.
        if parts.count < 512 { parts[key] = made }
        lock.unlock()
        return made
    }
}

/// Images written into a package, named in the order they were first used
/// (image1.png, image2.jpeg, …) so names are stable.
final class MediaStore {
    struct Item {
        let path: String   // inside the package
        let image: Image
    }
    private let directory: String
    private(set) var items: [Item] = []

    init(directory: String) { self.directory = directory }

    /// The package path for `image`; identical images share one file.
    func add(_ image: Image) -> String {
        if let existing = items.first(where: { $0.image.data == image.data }) { return existing.path }
        let path = directory + "image\(items.count + 1)." + image.format.fileExtension
        items.append(Item(path: path, image: image))
        return path
    }
}

extension Image.Format {
    var fileExtension: String { self == .png ? "png" : "jpeg" }
    var mediaType: String { self == .png ? "image/png" : "image/jpeg" }
}

/// Size on paper in millimetres, in proportion to the pixels, never wider than `maxWidth`.
func paperSize(of image: Image, maxWidthMM: Double) throws -> (width: Double, height: Double) {
    func invalid(_ reason: String) -> DocumentError {
        .invalidImage(description: image.description, reason: reason)
    }
    guard image.pixelWidth > 0, image.pixelHeight > 0 else {
        throw invalid("de afmetingen in pixels ontbreken.")
    }
    guard image.heightMM > 0, image.heightMM.isFinite else {
        throw invalid("de gewenste hoogte moet groter dan 0 mm zijn.")
    }
    let magic: [UInt8] = image.format == .png ? [0x89, 0x50, 0x4E, 0x47] : [0xFF, 0xD8]
    guard image.data.starts(with: magic) else {
        throw invalid("het bestand is geen \(image.format == .png ? "PNG" : "JPEG")-afbeelding.")
    }
    var height = image.heightMM
    var width = height * Double(image.pixelWidth) / Double(image.pixelHeight)
    if width > maxWidthMM {
        height *= maxWidthMM / width
        width = maxWidthMM
    }
    return (width, height)
}

/// "12.35mm": fixed two decimals, no locale, so output is stable.
func millimetres(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    return "\(hundredths / 100).\(String(hundredths % 100).leftPadded(to: 2))mm"
}

extension StringProtocol {
    /// Without spaces and tabs at either end: Foundation's `trimmingCharacters(in: .whitespaces)`
    /// without its trip through NSString (the first use in a process cost 0.75 M instructions).
    /// Its set is CoreFoundation's: the spaces of category Zs, the tab, and U+200B ZERO WIDTH
    /// SPACE.
    public var trimmedSpaces: String {
        let spatie = { (c: Unicode.Scalar) in
            switch c.value {
            case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
            default: return false
            }
        }
        var scalars = Substring(self).unicodeScalars
        while let c = scalars.first, spatie(c) { scalars.removeFirst() }
        while let c = scalars.last, spatie(c) { scalars.removeLast() }
        return String(Substring(scalars))
    }
}

/// Normalises Metadata.date to an xsd:dateTime / W3CDTF value; nil when empty.
/// Accepts "2024-05-01", "2024-05-01T09:30", "2024-05-01T09:30:00", with an optional
/// "Z" or "+02:00"; a value without zone is taken as UTC.
func normalisedDateTime(_ value: String) throws -> String? {
    let s = value.trimmedSpaces
    if s.isEmpty { return nil }
    let chars = Array(s.utf8)
    func digits(_ range: Range<Int>) -> Bool {
        range.upperBound <= chars.count && range.allSatisfy { (0x30...0x39).contains(chars[$0]) }
    }
    func at(_ i: Int, _ c: Character) -> Bool { i < chars.count && chars[i] == c.asciiValue! }
    guard digits(0..<4), at(4, "-"), digits(5..<7), at(7, "-"), digits(8..<10) else {
        throw DocumentError.invalidDate(value)
    }
    if chars.count == 10 { return s + "T00:00:00Z" }
    guard at(10, "T"), digits(11..<13), at(13, ":"), digits(14..<16) else { throw DocumentError.invalidDate(value) }
    var i = 16
    var result = String(s.prefix(16))
    if at(16, ":") {
        guard digits(17..<19) else { throw DocumentError.invalidDate(value) }
        i = 19
        if at(19, ".") {
            i = 20
            while digits(i..<(i + 1)) { i += 1 }
            guard i > 20 else { throw DocumentError.invalidDate(value) }
        }
        result = String(decoding: chars[0..<i], as: UTF8.self)
    } else {
        result += ":00"
    }
    let zone = String(decoding: chars[i...], as: UTF8.self)
    if zone.isEmpty { return result + "Z" }
    if zone == "Z" { return result + zone }
    let z = Array(zone.utf8)
    guard z.count == 6, z[0] == UInt8(ascii: "+") || z[0] == UInt8(ascii: "-"), z[3] == UInt8(ascii: ":"),
          [1, 2, 4, 5].allSatisfy({ (0x30...0x39).contains(z[$0]) }) else {
        throw DocumentError.invalidDate(value)
    }
    return result + zone
}

extension Table {
    /// Column count: the widths given, or more when a row has more cells.
    var columnCount: Int {
        max(columnWidths.count, rows.map(\.cells.count).max() ?? 0, 1)
    }

    /// Positive relative widths for `columnCount` columns, summing to 1.
    var normalisedWidths: [Double] {
        let n = columnCount
        var w = (0..<n).map { i in i < columnWidths.count && columnWidths[i] > 0 && columnWidths[i].isFinite
            ? columnWidths[i] : 1 }
        let total = w.reduce(0, +)
        w = w.map { $0 / total }
        return w
    }

    func alignment(_ column: Int) -> Alignment {
        column < alignments.count ? alignments[column] : .left
    }

    /// Leading header rows repeat on every page; a header row further down is shown
    /// like one but cannot repeat.
    var leadingHeaderCount: Int {
        rows.prefix { $0.kind == .header }.count
    }
}
