import CLibDeflate
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file in an archive, written in the order given.
public struct ZipEntry: Sendable, Equatable {
    public enum Method: Sendable, Equatable { case stored, deflated }
    public var name: String
    public var data: [UInt8]
    public var method: Method
    /// `data` deflated once ahead of time (static template parts): the archive takes
    /// these bytes as they are instead of compressing `data` again.
    public var precompressed: PrecompressedData?

    public init(name: String, data: [UInt8], method: Method = .deflated) {
        self.name = name
        self.data = data
        self.method = method
        self.precompressed = nil
    }

    /// An entry whose bytes were deflated once (`PrecompressedData(deflating:)`).
    public init(name: String, precompressed: PrecompressedData) {
        self.name = name
        self.data = precompressed.data
        self.method = .deflated
        self.precompressed = precompressed
    }
}

/// Bytes deflated ahead of time, with their CRC-32: the archive takes the deflated
/// bytes as they are instead of compressing `data` again. The static parts
/// of a template (styles, theme, settings) are deflated once per process; every
/// generated part is deflated here too, by libdeflate, just before it is added.
/// Immutable, so it may be shared between threads.
public final class PrecompressedData: Sendable, Equatable {
    /// The uncompressed bytes.
    public let data: [UInt8]
    /// The raw deflate stream, as a zip entry stores it. Nil when deflating does not
    /// make the bytes smaller: the entry is then stored.
    let deflated: [UInt8]?
    let crc: UInt32

    /// `data` deflated once for every archive (parts that are the same in each).
    public convenience init(deflating data: [UInt8]) {
        self.init(deflating: data, level: Deflater.staticLevel)
    }

    /// `level` is libdeflate's: 1 fastest … 12 smallest.
    init(deflating data: [UInt8], level: Int32) {
        self.data = data
        deflated = Deflater.deflate(data, level: level)
        crc = Deflater.crc32(data)
    }

    public static func == (a: PrecompressedData, b: PrecompressedData) -> Bool {
        a === b || (a.data == b.data && a.deflated == b.deflated)
    }
}

/// Whole-buffer DEFLATE and CRC-32 through libdeflate (the only user of CLibDeflate).
/// A part is small and complete in memory, so one call compresses it; zlib's streaming
/// set-up (window, hash tables, about 70 µs and two large allocations per entry) is
/// gone, and each thread keeps its own compressor per level for its lifetime.
enum Deflater {
    /// Static parts are deflated at start-up, which every `vip build` process pays: level
    /// 12 took 10 M instructions there, level 6 a small part of that for a few hundred
    /// bytes more.
    static let staticLevel: Int32 = 6

    /// The raw deflate stream of `data`, or nil when it would not be smaller than `data`.
    static func deflate(_ data: [UInt8], level: Int32) -> [UInt8]? {
        guard data.count > 1 else { return nil }
        let compressor = ThreadCompressors.current.compressor(level: level)
        var size = 0
        let out = [UInt8](unsafeUninitializedCapacity: data.count - 1) { buffer, count in
            size = data.withUnsafeBytes { input in
                libdeflate_deflate_compress(compressor, input.baseAddress, input.count,
                                            buffer.baseAddress, buffer.count)
            }
            count = size
        }
        // 0: the stream did not fit in fewer bytes than the input.
        return size == 0 ? nil : out
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        data.withUnsafeBytes { UInt32(libdeflate_crc32(0, $0.baseAddress, $0.count)) }
    }
}

/// The compressors of one thread, one per level, freed when the thread ends
/// (a libdeflate compressor must not be used by two threads at once).
final class ThreadCompressors {
    private var byLevel: [Int32: OpaquePointer] = [:]

    static var current: ThreadCompressors {
        if let p = pthread_getspecific(compressorsKey) {
            return Unmanaged<ThreadCompressors>.fromOpaque(p).takeUnretainedValue()
        }
        let compressors = ThreadCompressors()
        // Released by the key's destructor when the thread exits.
        pthread_setspecific(compressorsKey, Unmanaged.passRetained(compressors).toOpaque())
        return compressors
    }

    /// The parts this thread deflated last. The documents of one package share their
    /// letterhead, so their ODT styles.xml (about 10 KB, with the header and footer) is
    /// byte for byte the same five times over: comparing bytes is far cheaper than
    /// deflating them again.
    private var recent: [(level: Int32, part: PrecompressedData)] = []
    private var next = 0

    func deflated(_ data: [UInt8], level: Int32) -> PrecompressedData {
        for r in recent where r.level == level && Self.sameBytes(r.part.data, data) {
            return r.part
        }
        let part = PrecompressedData(deflating: data, level: level)
        // Only small parts are kept: a body of thousands of budget lines is never repeated.
        guard data.count <= 65536 else { return part }
        if recent.count < 8 {
            recent.append((level, part))
        } else {
            recent[next] = (level, part)
            next = (next + 1) % recent.count
        }
        return part
    }

    /// `a == b` for arrays is an element-by-element loop; this is one `memcmp`.
    static func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                pa.count == 0 || memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0
            }
        }
    }

    func compressor(level: Int32) -> OpaquePointer {
        if let c = byLevel[level] { return c }
        guard let c = libdeflate_alloc_compressor(level) else { fatalError("libdeflate: out of memory") }
        byLevel[level] = c
        return c
    }

    deinit { for c in byLevel.values { libdeflate_free_compressor(c) } }
}

private func releaseCompressors(_ p: UnsafeMutableRawPointer?) {
    guard let p else { return }
    Unmanaged<ThreadCompressors>.fromOpaque(p).release()
}

private let compressorsKey: pthread_key_t = {
    var key = pthread_key_t()
    guard pthread_key_create(&key, { releaseCompressors($0) }) == 0 else { fatalError("pthread_key_create failed") }
    return key
}()

