import CLibDeflate
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum ZipError: Error, Equatable, Sendable {
    case noSuchEntry(String)
    case io(path: String, errno: Int32)
    /// An entry ended before the size its header gives (a truncated or damaged file).
    case shortRead(operation: String, expected: Int, read: Int)
    /// Not a zip archive this module reads or writes, or a damaged one; the reason in Dutch.
    case ongeldig(String)
}

extension ZipError: CustomStringConvertible {
    /// Dutch, as it reaches the user inside a packaging or reading message.
    public var description: String {
        switch self {
        case .noSuchEntry(let name):
            return "het archief bevat geen \(name)"
        case .io(let path, let errno):
            return "\(path) kan niet worden gelezen of geschreven: \(String(cString: strerror(errno)))"
        case .shortRead(let operation, let expected, let read):
            return "\(operation): het archief is afgebroken of beschadigd (\(read) van \(expected) bytes gelezen)"
        case .ongeldig(let reden):
            return reden
        }
    }
}

public enum ZipWriter {
    /// The archive bytes. Same entries → same bytes. Deflated entries are compressed by
    /// libdeflate at `level` (1 fastest … 12 smallest) unless they come precompressed.
    public static func archive(_ entries: [ZipEntry], level: Int32 = 1) throws(ZipError) -> [UInt8] {
        var delen: [(kop: ZipFormaat.Kop, data: [UInt8])] = []
        delen.reserveCapacity(entries.count)
        var grootte = 22
        for entry in entries {
            let deel = ZipFormaat.inhoud(entry, level: level)
            grootte += 30 + 46 + 2 * deel.kop.naam.count + deel.data.count
            delen.append(deel)
        }
        var uit: [UInt8] = []
        uit.reserveCapacity(grootte)
        var offsets: [Int] = []
        offsets.reserveCapacity(delen.count)
        for (i, deel) in delen.enumerated() {
            offsets.append(uit.count)
            uit += try ZipFormaat.lokaleKop(deel.kop, offset: uit.count, aantal: i)
            uit += deel.data
        }
        let begin = uit.count
        for (deel, offset) in zip(delen, offsets) { ZipFormaat.centraal(deel.kop, offset: offset, aan: &uit) }
        try ZipFormaat.pastEind(offset: uit.count, aantal: delen.count)
        ZipFormaat.eind(aantal: delen.count, centraleGrootte: uit.count - begin, centraleOffset: begin, aan: &uit)
        return uit
    }
}

// MARK: - Archives written to disk, one large entry at a time

/// A large entry made ready to be written without holding its bytes: deflated once (by
/// libdeflate at the level `ZipWriter.archive` uses) into a file of its own, or, when deflating
/// does not make it smaller, to be stored from its own file. Either way an archive that takes it
/// gets the same bytes as one that took the data in memory.
public struct ZipVoorbereid: Sendable {
    /// The uncompressed file (for a stored entry).
    public var bron: String
    /// The raw deflate stream, or nil when the entry is stored.
    public var deflated: String?
    public var size: Int
    public var compressedSize: Int
    public var crc: UInt32

    /// Deflates `data` (the contents of the file `bron`) into `pad`; nothing is written there when
    /// the entry will be stored. Only `data` and its compressed form are in memory meanwhile.
    public static func maak(_ data: [UInt8], bron: String, pad: String, level: Int32 = 1) throws(ZipError) -> ZipVoorbereid {
        let crc = Deflater.crc32(data)
        guard !data.isEmpty, let raw = Deflater.deflate(data, level: level) else {
            return ZipVoorbereid(bron: bron, deflated: nil, size: data.count, compressedSize: data.count, crc: crc)
        }
        guard let f = fopen(pad, "wb") else { throw .io(path: pad, errno: errno) }
        let written = raw.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        let closed = fclose(f)
        if written != raw.count || closed != 0 { throw .io(path: pad, errno: errno) }
        return ZipVoorbereid(bron: bron, deflated: pad, size: data.count, compressedSize: raw.count, crc: crc)
    }
}

/// One entry of an archive written by `ZipWriter.write(_:naar:)`.
public enum ZipStroomEntry: Sendable {
    /// Bytes in memory, as `ZipWriter.archive` takes them.
    case geheugen(ZipEntry)
    /// A large entry prepared by `ZipVoorbereid.maak`.
    case voorbereid(name: String, ZipVoorbereid)
    /// A file stored as it is (an archive inside an archive): read while the archive is written,
    /// its CRC-32 computed on the way.
    case bestand(name: String, pad: String)
}

extension ZipWriter {
    /// Writes an archive to `path` (replacing it) without holding large entries in memory. The
    /// bytes equal those of `archive` for the same contents. The archive is written to a
    /// temporary file beside `path` and renamed over it: a failure leaves no half archive.
    public static func write(_ entries: [ZipStroomEntry], naar path: String, level: Int32 = 1) throws(ZipError) {
        var sjabloon = Array((path + ".XXXXXX").utf8CString)
        let fd = sjabloon.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .io(path: path, errno: errno) }
        let tijdelijk = String(cString: sjabloon)
        guard let f = fdopen(fd, "w+b") else {
            let e = errno
            close(fd)
            unlink(tijdelijk)
            throw .io(path: path, errno: e)
        }
        var open = true
        do throws(ZipError) {
            try schrijf(entries, naar: f, pad: path, level: level)
            open = false
            guard fclose(f) == 0 else { throw ZipError.io(path: path, errno: errno) }
            guard rename(tijdelijk, path) == 0 else { throw ZipError.io(path: path, errno: errno) }
        } catch {
            if open { fclose(f) }
            unlink(tijdelijk)
            throw error
        }
    }

    private static func schrijf(_ entries: [ZipStroomEntry], naar f: UnsafeMutablePointer<FILE>, pad: String,
                                level: Int32) throws(ZipError) {
        var centraal: [UInt8] = []
        var offset = 0
        func uit(_ bytes: [UInt8]) throws(ZipError) {
            let n = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
            guard n == bytes.count else { throw .io(path: pad, errno: errno) }
            offset += n
        }
        for (i, entry) in entries.enumerated() {
            var kop: ZipFormaat.Kop
            let begin = offset
            switch entry {
            case .geheugen(let e):
                let deel = ZipFormaat.inhoud(e, level: level)
                kop = deel.kop
                try uit(try ZipFormaat.lokaleKop(kop, offset: begin, aantal: i))
                try uit(deel.data)
            case .voorbereid(let name, let deel):
                kop = ZipFormaat.Kop(naam: Array(name.utf8), methode: deel.deflated == nil ? ZipFormaat.opgeslagen : ZipFormaat.deflate,
                                     crc: deel.crc, gecomprimeerd: deel.compressedSize, grootte: deel.size)
                try uit(try ZipFormaat.lokaleKop(kop, offset: begin, aantal: i))
                let crc = try kopieer(deel.deflated ?? deel.bron, naar: f, lengte: kop.gecomprimeerd, pad: pad,
                                      crc: deel.deflated == nil)
                offset += kop.gecomprimeerd
                if deel.deflated == nil, crc != deel.crc {
                    throw .ongeldig("\(deel.bron) is veranderd nadat het werd voorbereid")
                }
            case .bestand(let name, let bron):
                var st = stat()
                guard stat(bron, &st) == 0 else { throw .io(path: bron, errno: errno) }
                let grootte = Int(st.st_size)
                kop = ZipFormaat.Kop(naam: Array(name.utf8), methode: ZipFormaat.opgeslagen, crc: 0,
                                     gecomprimeerd: grootte, grootte: grootte)
                try uit(try ZipFormaat.lokaleKop(kop, offset: begin, aantal: i))
                kop.crc = try kopieer(bron, naar: f, lengte: grootte, pad: pad, crc: true)
                offset += grootte
                // The CRC is known only now: into the local header (offset 14), then on at the end.
                var crc: [UInt8] = []
                ZipFormaat.voegToe(kop.crc, aan: &crc)
                guard fseeko(f, off_t(begin + 14), SEEK_SET) == 0,
                      crc.withUnsafeBytes({ fwrite($0.baseAddress, 1, 4, f) }) == 4,
                      fseeko(f, 0, SEEK_END) == 0 else { throw .io(path: pad, errno: errno) }
            }
            ZipFormaat.centraal(kop, offset: begin, aan: &centraal)
        }
        let begin = offset
        try ZipFormaat.pastEind(offset: begin + centraal.count, aantal: entries.count)
        ZipFormaat.eind(aantal: entries.count, centraleGrootte: centraal.count, centraleOffset: begin, aan: &centraal)
        try uit(centraal)
    }

    /// Copies exactly `lengte` bytes of the file `bron` to `f`, and returns their CRC-32 (0 unless
    /// `crc`); a file of another length than expected (changed meanwhile) is an error.
    private static func kopieer(_ bron: String, naar f: UnsafeMutablePointer<FILE>, lengte: Int,
                                pad: String, crc metCRC: Bool) throws(ZipError) -> UInt32 {
        guard let b = fopen(bron, "rb") else { throw .io(path: bron, errno: errno) }
        defer { fclose(b) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var crc: UInt32 = 0
        var gekopieerd = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, b) }
            if n == 0 {
                if ferror(b) != 0 { throw .io(path: bron, errno: errno) }
                break
            }
            gekopieerd += n
            guard gekopieerd <= lengte else { break }
            if metCRC { crc = buffer.withUnsafeBytes { UInt32(libdeflate_crc32(crc, $0.baseAddress, n)) } }
            guard buffer.withUnsafeBytes({ fwrite($0.baseAddress, 1, n, f) }) == n else {
                throw .io(path: pad, errno: errno)
            }
        }
        guard gekopieerd == lengte else {
            throw .shortRead(operation: "\(bron) lezen", expected: lengte, read: gekopieerd)
        }
        return crc
    }
}

// MARK: - Reading

/// Reads an archive held in memory (the review feature scans produced packages; tests read
/// parts back). Stored and deflated entries; no encryption, no Zip64, one disk. Every offset
/// and size is checked against the bytes before it is used, and an entry is read only as far
/// as its sizes allow, with its CRC-32 checked.
public final class ZipReader {
    private struct Entry {
        let naam: String
        let methode: UInt16
        let vlaggen: UInt16
        let crc: UInt32
        let gecomprimeerd: Int
        let grootte: Int
        let kop: Int
    }

    private let bytes: [UInt8]
    private let entries: [Entry]
    /// Entry names in archive order.
    public let entryNames: [String]

    public init(bytes: [UInt8]) throws(ZipError) {
        self.bytes = bytes
        let entries = try Self.centraleMap(bytes)
        self.entries = entries
        entryNames = entries.map(\.naam)
    }

    public convenience init(path: String) throws(ZipError) {
        guard let f = fopen(path, "rb") else { throw .io(path: path, errno: errno) }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        if ferror(f) != 0 { throw .io(path: path, errno: errno) }
        try self.init(bytes: bytes)
    }

    private static func u16(_ b: [UInt8], _ o: Int) -> Int { Int(b[o]) | Int(b[o + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ o: Int) -> Int { u16(b, o) | u16(b, o + 2) << 16 }

    private static let geenZip = ZipError.ongeldig("het bestand is geen zip-archief")

    /// The central directory, found through its end record (the last one whose comment runs
    /// to the end of the bytes).
    private static func centraleMap(_ b: [UInt8]) throws(ZipError) -> [Entry] {
        guard b.count >= 22 else { throw geenZip }
        var eind = -1
        var o = b.count - 22
        let ondergrens = max(0, b.count - 22 - 65535)
        while o >= ondergrens {
            if u32(b, o) == Int(ZipFormaat.eindrecord), o + 22 + u16(b, o + 20) == b.count { eind = o; break }
            o -= 1
        }
        guard eind >= 0 else { throw geenZip }
        let aantal = u16(b, eind + 10), grootte = u32(b, eind + 12), begin = u32(b, eind + 16)
        guard u16(b, eind + 4) == 0, u16(b, eind + 6) == 0, u16(b, eind + 8) == aantal else {
            throw .ongeldig("het zip-archief beslaat meerdere delen; dat wordt niet gelezen")
        }
        guard aantal != 0xFFFF, grootte != 0xFFFF_FFFF, begin != 0xFFFF_FFFF else {
            throw .ongeldig("het zip-archief gebruikt Zip64; dat wordt niet gelezen")
        }
        guard begin + grootte <= eind else { throw .ongeldig("de inhoudsopgave van het zip-archief is beschadigd") }
        var entries: [Entry] = []
        entries.reserveCapacity(aantal)
        var p = begin
        for _ in 0..<aantal {
            guard p + 46 <= begin + grootte, u32(b, p) == Int(ZipFormaat.centraleKop) else {
                throw .ongeldig("de inhoudsopgave van het zip-archief is beschadigd")
            }
            let naamLengte = u16(b, p + 28), extra = u16(b, p + 30), commentaar = u16(b, p + 32)
            let volgende = p + 46 + naamLengte + extra + commentaar
            guard volgende <= begin + grootte else { throw .ongeldig("de inhoudsopgave van het zip-archief is beschadigd") }
            let e = Entry(naam: String(decoding: b[(p + 46)..<(p + 46 + naamLengte)], as: UTF8.self),
                          methode: UInt16(u16(b, p + 10)), vlaggen: UInt16(u16(b, p + 8)), crc: UInt32(u32(b, p + 16)),
                          gecomprimeerd: u32(b, p + 20), grootte: u32(b, p + 24), kop: u32(b, p + 42))
            guard e.gecomprimeerd != 0xFFFF_FFFF, e.grootte != 0xFFFF_FFFF, e.kop != 0xFFFF_FFFF else {
                throw .ongeldig("het zip-archief gebruikt Zip64; dat wordt niet gelezen")
            }
            entries.append(e)
            p = volgende
        }
        return entries
    }

    private func entry(_ name: String) throws(ZipError) -> Entry {
        guard let e = entries.first(where: { $0.naam == name }) else { throw .noSuchEntry(name) }
        return e
    }

    /// Uncompressed bytes of the entry called `name`.
    public func read(_ name: String) throws(ZipError) -> [UInt8] {
        let e = try entry(name)
        let b = bytes
        let beschadigd = ZipError.ongeldig("\(name) in het zip-archief is beschadigd")
        guard e.vlaggen & 1 == 0 else { throw .ongeldig("\(name) in het zip-archief is versleuteld") }
        guard e.kop + 30 <= b.count, Self.u32(b, e.kop) == Int(ZipFormaat.lokaleKop) else { throw beschadigd }
        let begin = e.kop + 30 + Self.u16(b, e.kop + 26) + Self.u16(b, e.kop + 28)
        guard begin <= b.count else { throw beschadigd }
        let beschikbaar = min(e.gecomprimeerd, b.count - begin)
        let data: [UInt8]
        switch e.methode {
        case ZipFormaat.opgeslagen:
            data = Array(b[begin..<(begin + min(beschikbaar, e.grootte))])
        case ZipFormaat.deflate:
            // Deflate cannot grow data more than 1032 times: a larger size than the bytes that are
            // there allow is a lie, and is not allocated; nor is more than a gigabyte.
            guard e.grootte <= beschikbaar * 1032 + 64 else { throw beschadigd }
            guard e.grootte <= 1 << 30 else { throw .ongeldig("\(name) in het zip-archief is te groot (meer dan 1 GB)") }
            guard let d = libdeflate_alloc_decompressor() else { fatalError("libdeflate: out of memory") }
            defer { libdeflate_free_decompressor(d) }
            var gelezen = 0
            var uit = [UInt8](repeating: 0, count: max(1, e.grootte))
            let resultaat = b.withUnsafeBytes { invoer in
                uit.withUnsafeMutableBytes { doel in
                    libdeflate_deflate_decompress(d, invoer.baseAddress! + begin, beschikbaar,
                                                  doel.baseAddress, doel.count, &gelezen)
                }
            }
            switch resultaat {
            case LIBDEFLATE_SUCCESS: break
            case LIBDEFLATE_INSUFFICIENT_SPACE: throw .ongeldig("\(name) in het zip-archief is langer dan de kop zegt")
            default: throw beschadigd
            }
            uit.removeSubrange(gelezen...)
            data = uit
        default:
            throw .ongeldig("\(name) in het zip-archief is gecomprimeerd op een manier die niet wordt gelezen")
        }
        guard data.count == e.grootte else {
            throw .shortRead(operation: "\(name) lezen", expected: e.grootte, read: data.count)
        }
        guard Deflater.crc32(data) == e.crc else { throw .ongeldig("\(name) in het zip-archief is beschadigd (CRC-32 klopt niet)") }
        return data
    }

    /// Whether the entry is stored uncompressed (ODF's `mimetype` must be).
    public func isStored(_ name: String) throws(ZipError) -> Bool {
        try entry(name).methode == ZipFormaat.opgeslagen
    }
}
