#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The zip container (PKWARE APPNOTE 4.3, the parts ODF and OOXML use): local headers, the
/// central directory and its end record, written here byte by byte. Every entry has the same
/// fixed time and attributes, no extra field and no data descriptor, so the same entries give
/// the same bytes on every machine.
enum ZipFormaat {
    static let lokaleKop: UInt32 = 0x0403_4B50
    static let centraleKop: UInt32 = 0x0201_4B50
    static let eindrecord: UInt32 = 0x0605_4B50
    /// 2000-01-01 00:00 as a DOS date and time.
    static let dosDatum: UInt16 = 20 << 9 | 1 << 5 | 1
    static let dosTijd: UInt16 = 0
    /// Made by: Unix (3), version 6.3.
    static let gemaaktDoor: UInt16 = 3 << 8 | 63
    /// A regular file, rw-rw-rw-, in the high half.
    static let externeAttributen: UInt32 = 0o100666 << 16
    /// General purpose bit 11: the name is UTF-8 (set for names that are not plain ASCII).
    static let utf8Naam: UInt16 = 0x0800
    static let opgeslagen: UInt16 = 0
    static let deflate: UInt16 = 8
    /// The largest size or offset without the Zip64 extension, which these archives never need.
    static let maximum = Int(UInt32.max) - 1

    /// The fields both headers of one entry share.
    struct Kop {
        var naam: [UInt8]
        var methode: UInt16
        var crc: UInt32
        var gecomprimeerd: Int
        var grootte: Int

        var vlaggen: UInt16 { naam.contains { $0 >= 0x80 } ? utf8Naam : 0 }
        /// 2.0 for deflate, 1.0 for stored.
        var versieNodig: UInt16 { methode == deflate ? 20 : 10 }
    }

    static func voegToe(_ v: UInt16, aan uit: inout [UInt8]) {
        uit.append(UInt8(truncatingIfNeeded: v))
        uit.append(UInt8(truncatingIfNeeded: v >> 8))
    }

    static func voegToe(_ v: UInt32, aan uit: inout [UInt8]) {
        voegToe(UInt16(truncatingIfNeeded: v), aan: &uit)
        voegToe(UInt16(truncatingIfNeeded: v >> 16), aan: &uit)
    }

    private static func lokaal(_ k: Kop, aan uit: inout [UInt8]) {
        voegToe(lokaleKop, aan: &uit)
        gedeeld(k, aan: &uit)
        uit += k.naam
    }

    static func centraal(_ k: Kop, offset: Int, aan uit: inout [UInt8]) {
        voegToe(centraleKop, aan: &uit)
        voegToe(gemaaktDoor, aan: &uit)
        gedeeld(k, aan: &uit)
        voegToe(UInt16(0), aan: &uit)   // comment
        voegToe(UInt16(0), aan: &uit)   // disk
        voegToe(UInt16(0), aan: &uit)   // internal attributes
        voegToe(externeAttributen, aan: &uit)
        voegToe(UInt32(offset), aan: &uit)
        uit += k.naam
    }

    /// The fields both headers have, in the same order: version needed up to the extra field's
    /// length (none).
    private static func gedeeld(_ k: Kop, aan uit: inout [UInt8]) {
        voegToe(k.versieNodig, aan: &uit)
        voegToe(k.vlaggen, aan: &uit)
        voegToe(k.methode, aan: &uit)
        voegToe(dosTijd, aan: &uit)
        voegToe(dosDatum, aan: &uit)
        voegToe(k.crc, aan: &uit)
        voegToe(UInt32(k.gecomprimeerd), aan: &uit)
        voegToe(UInt32(k.grootte), aan: &uit)
        voegToe(UInt16(k.naam.count), aan: &uit)
        voegToe(UInt16(0), aan: &uit)   // no extra field
    }

    static func eind(aantal: Int, centraleGrootte: Int, centraleOffset: Int, aan uit: inout [UInt8]) {
        voegToe(eindrecord, aan: &uit)
        voegToe(UInt16(0), aan: &uit)   // this disk
        voegToe(UInt16(0), aan: &uit)   // the disk with the directory
        voegToe(UInt16(aantal), aan: &uit)
        voegToe(UInt16(aantal), aan: &uit)
        voegToe(UInt32(centraleGrootte), aan: &uit)
        voegToe(UInt32(centraleOffset), aan: &uit)
        voegToe(UInt16(0), aan: &uit)   // comment
    }

    /// An entry's bytes as they go into the archive: deflated by libdeflate at `level` unless it
    /// comes precompressed, stored when deflating does not make it smaller (or it is empty).
    static func inhoud(_ entry: ZipEntry, level: Int32) -> (kop: Kop, data: [UInt8]) {
        var precompressed = entry.precompressed
        if precompressed == nil, entry.method == .deflated, !entry.data.isEmpty {
            precompressed = ThreadCompressors.current.deflated(entry.data, level: level)
        }
        let naam = Array(entry.name.utf8)
        if let part = precompressed, let deflated = part.deflated {
            return (Kop(naam: naam, methode: deflate, crc: part.crc, gecomprimeerd: deflated.count,
                        grootte: part.data.count), deflated)
        }
        let crc = precompressed?.crc ?? Deflater.crc32(entry.data)
        return (Kop(naam: naam, methode: opgeslagen, crc: crc, gecomprimeerd: entry.data.count,
                    grootte: entry.data.count), entry.data)
    }

    /// The local header of an entry that starts at `offset` as the `aantal`-th, after refusing
    /// what would need Zip64.
    static func lokaleKop(_ k: Kop, offset: Int, aantal: Int) throws(ZipError) -> [UInt8] {
        guard k.gecomprimeerd <= maximum, k.grootte <= maximum, k.naam.count <= Int(UInt16.max) else { throw teGroot }
        try pastEind(offset: offset, aantal: aantal)
        var uit: [UInt8] = []
        lokaal(k, aan: &uit)
        return uit
    }

    /// Refuses an offset or a number of entries that would need Zip64: these archives stay far
    /// below its limits.
    static func pastEind(offset: Int, aantal: Int) throws(ZipError) {
        guard offset <= maximum, aantal < Int(UInt16.max) else { throw teGroot }
    }

    private static let teGroot = ZipError.ongeldig(
        "het archief wordt te groot voor zip zonder Zip64 (meer dan 4 GB, meer dan 65.535 bestanden of een te lange naam)")
}
