import Testing
import VIPZip

@Suite struct ZipTests {
    @Test func roundTripKeepsOrderMethodAndBytes() throws {
        let entries = [
            ZipEntry(name: "mimetype", data: Array("application/x-test".utf8), method: .stored),
            ZipEntry(name: "dir/empty.txt", data: []),
            ZipEntry(name: "dir/data.xml", data: Array(repeating: UInt8(ascii: "x"), count: 10_000)),
        ]
        let bytes = try ZipWriter.archive(entries)
        #expect(try ZipWriter.archive(entries) == bytes)   // fixed timestamps
        // The first local header names the first entry (ODF reads the type there).
        #expect(Array(bytes[30..<38]) == Array("mimetype".utf8))
        let reader = try ZipReader(bytes: bytes)
        #expect(reader.entryNames == entries.map(\.name))
        for entry in entries { #expect(try reader.read(entry.name) == entry.data) }
        #expect(try reader.isStored("mimetype"))
        #expect(try !reader.isStored("dir/data.xml"))
        #expect(throws: ZipError.noSuchEntry("nope")) { try reader.read("nope") }
    }

    /// A part deflated shortly before is reused only when its bytes are the same: one byte
    /// apart at the end, with the same length, is deflated anew.
    @Test func aRecentPartIsReusedOnlyForTheSameBytes() throws {
        let a = Array(repeating: UInt8(ascii: "a"), count: 5000)
        var b = a
        b[4999] = UInt8(ascii: "b")
        let first = try ZipWriter.archive([ZipEntry(name: "x.xml", data: a)])
        #expect(try ZipReader(bytes: try ZipWriter.archive([ZipEntry(name: "x.xml", data: b)])).read("x.xml") == b)
        #expect(try ZipWriter.archive([ZipEntry(name: "x.xml", data: a)]) == first)
        #expect(try ZipReader(bytes: first).read("x.xml") == a)
        #expect(try ZipReader(bytes: try ZipWriter.archive([ZipEntry(name: "leeg.xml", data: [])])).read("leeg.xml") == [])
    }

    @Test func garbageIsATypedError() {
        #expect(throws: ZipError.self) { try ZipReader(bytes: Array("not a zip".utf8)) }
    }

    /// An entry whose headers promise more bytes than its deflate stream holds says so, with
    /// both sizes.
    @Test func aShortReadSaysSo() throws {
        var bytes = try ZipWriter.archive([ZipEntry(name: "a.txt", data: Array(repeating: UInt8(ascii: "x"), count: 1000))])
        // The uncompressed size: offset 22 of the local header, 24 of the central one.
        func patch(signature: [UInt8], offset: Int) {
            var i = 0
            while i + 4 <= bytes.count {
                if Array(bytes[i..<(i + 4)]) == signature {
                    let old = Int(bytes[i + offset]) | Int(bytes[i + offset + 1]) << 8
                    bytes[i + offset] = UInt8((old + 10) & 0xFF)
                    bytes[i + offset + 1] = UInt8((old + 10) >> 8)
                    return
                }
                i += 1
            }
        }
        patch(signature: [0x50, 0x4B, 0x03, 0x04], offset: 22)
        patch(signature: [0x50, 0x4B, 0x01, 0x02], offset: 24)
        let reader = try ZipReader(bytes: bytes)
        #expect {
            _ = try reader.read("a.txt")
        } throws: { error in
            guard case ZipError.shortRead(let operation, 1010, 1000) = error else { return false }
            return operation.contains("a.txt") && "\(error)".contains("1000 van 1010")
        }
    }

    /// A damaged entry (its bytes no longer match their CRC-32) is refused, naming the entry.
    @Test func aDamagedEntryIsRefused() throws {
        var bytes = try ZipWriter.archive([ZipEntry(name: "a.txt", data: Array(repeating: UInt8(ascii: "x"), count: 1000))])
        // The CRC-32: offset 14 of the local header, 16 of the central one.
        for (signature, offset) in [([UInt8]([0x50, 0x4B, 0x03, 0x04]), 14), ([0x50, 0x4B, 0x01, 0x02], 16)] {
            let i = try #require((0..<(bytes.count - 4)).first { Array(bytes[$0..<($0 + 4)]) == signature })
            bytes[i + offset] ^= 0xFF
        }
        let reader = try ZipReader(bytes: bytes)
        #expect(throws: ZipError.ongeldig("a.txt in het zip-archief is beschadigd (CRC-32 klopt niet)")) {
            _ = try reader.read("a.txt")
        }
    }

    /// Whatever the bytes, reading ends in entries or a typed error: every prefix of an archive,
    /// and archives with bytes overwritten, never crash or read outside the bytes.
    @Test func damagedArchivesEndInATypedError() throws {
        let goed = try ZipWriter.archive([
            ZipEntry(name: "mimetype", data: Array("application/x-test".utf8), method: .stored),
            ZipEntry(name: "inhoud.xml", data: Array(String(repeating: "<p>tekst</p>", count: 300).utf8)),
            ZipEntry(name: "één.txt", data: [1, 2, 3], method: .stored),
        ])
        var gevallen: [[UInt8]] = (0..<goed.count).map { Array(goed[..<$0]) }
        var g = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var b = goed
            for _ in 0..<Int.random(in: 1...4, using: &g) { b[Int.random(in: 0..<b.count, using: &g)] = UInt8.random(in: 0...255, using: &g) }
            gevallen.append(b)
        }
        var gelezen = 0
        for b in gevallen {
            guard let reader = try? ZipReader(bytes: b) else { continue }
            for naam in reader.entryNames {
                if (try? reader.read(naam)) != nil { gelezen += 1 }
            }
        }
        #expect(gelezen > 0)
        #expect(throws: ZipError.self) { try ZipReader(bytes: Array(goed.dropLast())) }
    }

    /// Precompressed entries read back as their bytes, and archives stay byte-identical.
    @Test func precompressedEntriesRoundTrip() throws {
        let big = Array(String(repeating: "<w:p><w:r><w:t>tekst</w:t></w:r></w:p>", count: 300).utf8)
        let part = PrecompressedData(deflating: big)
        let entries = [ZipEntry(name: "mimetype", data: Array("x".utf8), method: .stored),
                       ZipEntry(name: "static.xml", precompressed: part),
                       ZipEntry(name: "empty.xml", data: []),
                       ZipEntry(name: "generated.xml", data: big)]
        let a = try ZipWriter.archive(entries)
        #expect(try ZipWriter.archive(entries) == a)
        let reader = try ZipReader(bytes: a)
        #expect(reader.entryNames == ["mimetype", "static.xml", "empty.xml", "generated.xml"])
        #expect(try reader.read("static.xml") == big)
        #expect(try reader.read("generated.xml") == big)
        #expect(try reader.isStored("mimetype"))
        #expect(try !reader.isStored("static.xml"))
        #expect(try reader.read("empty.xml").isEmpty)
        #expect(a.count < big.count)
    }
}

/// The zip container at the byte level, read with a parser of its own (PKWARE APPNOTE 4.3),
/// not with the module's reader: what ODF and OOXML readers see.
@Suite struct ZipLayoutTests {
    struct Entry {
        var name: String
        var method: Int
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var extraLength: Int
        var dataOffset: Int
        var headerOffset: Int
    }

    func u16(_ b: [UInt8], _ o: Int) -> Int { Int(b[o]) | Int(b[o + 1]) << 8 }
    func u32(_ b: [UInt8], _ o: Int) -> UInt32 { UInt32(u16(b, o)) | UInt32(u16(b, o + 2)) << 16 }

    /// The entries in the order of their local headers.
    func entries(_ b: [UInt8]) throws -> [Entry] {
        var out: [Entry] = []
        var o = 0
        while o + 30 <= b.count, u32(b, o) == 0x0403_4B50 {
            let nameLength = u16(b, o + 26), extraLength = u16(b, o + 28)
            let name = String(decoding: b[(o + 30)..<(o + 30 + nameLength)], as: UTF8.self)
            let e = Entry(name: name, method: u16(b, o + 8), crc: u32(b, o + 14), compressedSize: Int(u32(b, o + 18)),
                          size: Int(u32(b, o + 22)), extraLength: extraLength,
                          dataOffset: o + 30 + nameLength + extraLength, headerOffset: o)
            out.append(e)
            o = e.dataOffset + e.compressedSize
            // A data descriptor would follow here when bit 3 is set; these archives have none.
            try #require(u16(b, e.headerOffset + 6) & 0x08 == 0)
        }
        return out
    }

    /// CRC-32 (ISO 3309, as zip uses it), bit by bit: an independent reference.
    func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// ODF 1.3 part 2, 3.3: "mimetype" first, stored, no extra field, so that its text
    /// sits at byte 38 for programs that sniff the type.
    @Test func mimetypeIsFirstStoredAndWithoutExtraField() throws {
        let mimetype = Array("application/vnd.oasis.opendocument.text".utf8)
        let bytes = try ZipWriter.archive([
            ZipEntry(name: "mimetype", data: mimetype, method: .stored),
            ZipEntry(name: "content.xml", data: Array(String(repeating: "<p>tekst</p>", count: 200).utf8)),
        ])
        let list = try entries(bytes)
        let first = try #require(list.first)
        #expect(first.name == "mimetype")
        #expect(first.method == 0)
        #expect(first.extraLength == 0)
        #expect(first.dataOffset == 38)
        #expect(Array(bytes[38..<(38 + mimetype.count)]) == mimetype)
        #expect(list.map(\.name) == ["mimetype", "content.xml"])
        #expect(list[1].method == 8)
    }

    /// Every entry carries the CRC-32 and both sizes of its own bytes; stored bytes sit in the
    /// archive as they are.
    @Test func crcAndSizesAreThoseOfTheEntry() throws {
        let deflatable = Array(String(repeating: "<w:p><w:r><w:t>Begroting</w:t></w:r></w:p>", count: 100).utf8)
        let random = (0..<3000).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }
        let source: [ZipEntry] = [
            ZipEntry(name: "stored.bin", data: random, method: .stored),
            ZipEntry(name: "deflated.xml", data: deflatable),
            ZipEntry(name: "precompressed.xml", precompressed: PrecompressedData(deflating: deflatable)),
            ZipEntry(name: "leeg.xml", data: []),
        ]
        let bytes = try ZipWriter.archive(source)
        let list = try entries(bytes)
        #expect(list.count == source.count)
        for (entry, original) in zip(list, source) {
            let data = original.precompressed?.data ?? original.data
            #expect(entry.name == original.name)
            #expect(entry.crc == crc32(data), "\(entry.name)")
            #expect(entry.size == data.count, "\(entry.name)")
            if entry.method == 0 {
                #expect(entry.compressedSize == data.count)
                #expect(Array(bytes[entry.dataOffset..<(entry.dataOffset + data.count)]) == data)
            }
        }
        #expect(list[0].method == 0)
        #expect(list[1].method == 8 && list[1].compressedSize < deflatable.count)
        #expect(list[2].method == 8 && list[2].compressedSize < deflatable.count)
        #expect(list[3].method == 0 && list[3].size == 0)
    }

    /// Data that deflate cannot shrink is stored instead of growing.
    @Test func incompressibleDataIsStored() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let noise = (0..<4096).map { _ -> UInt8 in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
        let bytes = try ZipWriter.archive([ZipEntry(name: "ruis.bin", data: noise)])
        let entry = try #require(try entries(bytes).first)
        #expect(entry.method == 0 && entry.compressedSize == noise.count)
        #expect(try ZipReader(bytes: bytes).read("ruis.bin") == noise)
    }

    /// Names are UTF-8 (general purpose bit 11), and every entry has the same fixed time, so
    /// an archive does not depend on when or where it was made.
    @Test func namesAreUTF8AndTimesFixed() throws {
        let bytes = try ZipWriter.archive([ZipEntry(name: "bijlagen/offerte-één.pdf", data: [1, 2, 3]),
                                           ZipEntry(name: "b.xml", data: [4])])
        let list = try entries(bytes)
        #expect(list[0].name == "bijlagen/offerte-één.pdf")
        #expect(u16(bytes, list[0].headerOffset + 6) & 0x0800 != 0)
        let times = list.map { (u16(bytes, $0.headerOffset + 10), u16(bytes, $0.headerOffset + 12)) }
        #expect(Set(times.map { "\($0)" }).count == 1)
        // DOS date 2000-01-01: (2000 - 1980) << 9 | 1 << 5 | 1.
        #expect(times[0].1 == 20 << 9 | 1 << 5 | 1)
    }
}
