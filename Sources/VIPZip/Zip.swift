import CLibZip
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
/// bytes as they are instead of letting libzip compress `data` again. The static parts
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
private final class ThreadCompressors {
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
        for r in recent where r.level == level && r.part.data.count == data.count && r.part.data == data {
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

public enum ZipError: Error, Equatable, Sendable {
    /// A libzip call failed; `code` is libzip's `ZIP_ER_*`.
    case libzip(operation: String, code: Int32, message: String)
    case noSuchEntry(String)
    case io(path: String, errno: Int32)
    /// An entry or archive ended before the size its header gives (a truncated or
    /// damaged file); libzip itself reports "No error" then.
    case shortRead(operation: String, expected: Int, read: Int)
}

extension ZipError: CustomStringConvertible {
    /// Dutch, as it reaches the user inside a packaging or reading message.
    public var description: String {
        switch self {
        case .libzip(let operation, let code, let message):
            return "libzip-fout bij \(operation) (\(code)): \(message)"
        case .noSuchEntry(let name):
            return "het archief bevat geen \(name)"
        case .io(let path, let errno):
            return "\(path) kan niet worden gelezen of geschreven: \(String(cString: strerror(errno)))"
        case .shortRead(let operation, let expected, let read):
            return "\(operation): het archief is afgebroken of beschadigd (\(read) van \(expected) bytes gelezen)"
        }
    }
}

/// Where libzip keeps the error of a failed call.
private enum ErrorSource {
    case archive(OpaquePointer?)
    case source(OpaquePointer?)
    case error(UnsafeMutablePointer<zip_error_t>)
    /// An entry opened for reading (zip_fread records its errors there).
    case file(OpaquePointer)
    /// A call that returns its `ZIP_ER_*` code itself (zip_fclose).
    case code(Int32)
}

/// Reads exactly `count` bytes with a libzip read function (which may return fewer per
/// call). An error throws through `check`; a read that ends early (libzip reports no
/// error then) throws `.shortRead`.
private func readFully(count: Int, _ operation: String, _ from: ErrorSource,
                       _ read: (UnsafeMutableRawPointer, zip_uint64_t) -> zip_int64_t) throws(ZipError) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    var done = 0
    while done < count {
        let n = bytes.withUnsafeMutableBytes { raw in read(raw.baseAddress! + done, zip_uint64_t(raw.count - done)) }
        if n == 0 { throw .shortRead(operation: operation, expected: count, read: done) }
        try check(n, operation, from)
        done += Int(n)
    }
    return bytes
}

/// The one place where libzip return codes become typed errors: every call's result
/// goes through here (pointers as 0 / -1).
@discardableResult
private func check(_ result: Int64, _ operation: String, _ from: ErrorSource) throws(ZipError) -> Int64 {
    guard result < 0 else { return result }
    try fail(operation, from)
}

/// The error libzip recorded for a call that failed (a nil pointer or -1).
private func fail(_ operation: String, _ from: ErrorSource) throws(ZipError) -> Never {
    let error: UnsafeMutablePointer<zip_error_t>?
    switch from {
    case .archive(let za): error = za.flatMap { zip_get_error($0) }
    case .source(let src): error = src.flatMap { zip_source_error($0) }
    case .error(let e): error = e
    case .file(let file): error = zip_file_get_error(file)
    case .code(let code):
        var e = zip_error_t()
        zip_error_init_with_code(&e, code)
        defer { zip_error_fini(&e) }
        throw .libzip(operation: operation, code: code, message: String(cString: zip_error_strerror(&e)))
    }
    guard let error else { throw .libzip(operation: operation, code: -1, message: "unknown error") }
    throw .libzip(operation: operation, code: zip_error_code_zip(error),
                  message: String(cString: zip_error_strerror(error)))
}

private func checkPointer<P>(_ pointer: P?, _ operation: String, _ from: ErrorSource) throws(ZipError) -> P {
    guard let pointer else { try fail(operation, from) }
    return pointer
}

/// A copy of `bytes` in `malloc`ed memory: `zip_source_buffer` reads the bytes only at
/// `zip_close`, so it gets its own copy and frees it (`freep = 1`). Never called for
/// empty data (nothing to copy, nothing to free).
private func mallocCopy(_ bytes: [UInt8]) -> UnsafeMutableRawPointer {
    precondition(!bytes.isEmpty)
    let p = malloc(bytes.count)!
    bytes.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
    return p
}

/// The state of a libzip source that hands out precompressed bytes; released by the
/// source's ZIP_SOURCE_FREE.
private final class PrecompressedSource {
    let part: PrecompressedData
    var offset = 0
    init(_ part: PrecompressedData) { self.part = part }
}

private let precompressedSupports: Int64 = {
    var bits: Int64 = 0
    for command in [ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                    ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, ZIP_SOURCE_SUPPORTS] {
        bits |= Int64(1) << Int64(command.rawValue)
    }
    return bits
}()

/// A libzip source callback: stat reports deflate with size, compressed size and CRC,
/// so zip_close copies the bytes without compressing them again.
private func precompressedCallback(_ userdata: UnsafeMutableRawPointer?, _ data: UnsafeMutableRawPointer?,
                                   _ length: zip_uint64_t, _ command: zip_source_cmd_t) -> zip_int64_t {
    guard let userdata else { return -1 }
    let source = Unmanaged<PrecompressedSource>.fromOpaque(userdata).takeUnretainedValue()
    switch command {
    case ZIP_SOURCE_OPEN:
        source.offset = 0
        return 0
    case ZIP_SOURCE_READ:
        guard let data else { return -1 }
        let raw = source.part.deflated!
        let n = min(Int(length), raw.count - source.offset)
        if n > 0 {
            raw.withUnsafeBytes { data.copyMemory(from: $0.baseAddress! + source.offset, byteCount: n) }
            source.offset += n
        }
        return zip_int64_t(n)
    case ZIP_SOURCE_CLOSE:
        return 0
    case ZIP_SOURCE_STAT:
        guard let data, length >= MemoryLayout<zip_stat_t>.size else { return -1 }
        let st = data.assumingMemoryBound(to: zip_stat_t.self)
        zip_stat_init(st)
        st.pointee.size = zip_uint64_t(source.part.data.count)
        st.pointee.comp_size = zip_uint64_t(source.part.deflated!.count)
        st.pointee.comp_method = zip_uint16_t(ZIP_CM_DEFLATE)
        st.pointee.crc = source.part.crc
        st.pointee.valid |= zip_uint64_t(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC)
        return zip_int64_t(MemoryLayout<zip_stat_t>.size)
    case ZIP_SOURCE_ERROR:
        guard let data, length >= 2 * MemoryLayout<Int32>.size else { return -1 }
        data.storeBytes(of: Int32(0), as: Int32.self)
        data.storeBytes(of: Int32(0), toByteOffset: MemoryLayout<Int32>.size, as: Int32.self)
        return zip_int64_t(2 * MemoryLayout<Int32>.size)
    case ZIP_SOURCE_FREE:
        Unmanaged<PrecompressedSource>.fromOpaque(userdata).release()
        return 0
    case ZIP_SOURCE_SUPPORTS:
        return precompressedSupports
    default:
        return -1
    }
}

public enum ZipWriter {
    /// Entry timestamp of every entry, for byte-identical output. Zip stores local
    /// DOS time and libzip converts with `localtime`; `mktime` is its inverse, so the
    /// stored stamp is 2000-01-01 00:00 whatever the machine's time zone.
    fileprivate static let fixedModificationTime: time_t = {
        var t = tm()
        t.tm_year = 100
        t.tm_mon = 0
        t.tm_mday = 1
        t.tm_isdst = -1
        return mktime(&t)
    }()

    /// The archive bytes. Same entries → same bytes. Deflated entries are compressed by
    /// libdeflate at `level` (1 fastest … 12 smallest) before libzip sees them, unless
    /// they come precompressed; libzip itself only stores and copies.
    public static func archive(_ entries: [ZipEntry], level: Int32 = 1) throws(ZipError) -> [UInt8] {
        // On the heap: the error outlives the calls that fill it.
        let zerr = UnsafeMutablePointer<zip_error_t>.allocate(capacity: 1)
        zip_error_init(zerr)
        defer { zip_error_fini(zerr); zerr.deallocate() }
        let buffer = try checkPointer(zip_source_buffer_create(nil, 0, 0, zerr),
                               "zip_source_buffer_create", .error(zerr))
        defer { zip_source_free(buffer) }
        // zip_open_from_source takes the source over; keep one reference for reading
        // the finished archive back after zip_close.
        zip_source_keep(buffer)
        guard let za = zip_open_from_source(buffer, ZIP_TRUNCATE, zerr) else {
            zip_source_free(buffer)   // drop the reference the failed open did not take
            try fail("zip_open_from_source", .error(zerr))
        }
        do {
            for entry in entries { try add(entry, to: za, level: level) }
            try check(Int64(zip_close(za)), "zip_close", .archive(za))
        } catch {
            zip_discard(za)
            throw error
        }
        // Read the finished archive back out of the buffer source.
        try check(Int64(zip_source_open(buffer)), "zip_source_open", .source(buffer))
        let bytes: [UInt8]
        do {
            var stat = zip_stat_t()
            zip_stat_init(&stat)
            try check(Int64(zip_source_stat(buffer, &stat)), "zip_source_stat", .source(buffer))
            bytes = try readFully(count: Int(stat.size), "zip_source_read", .source(buffer)) { target, length in
                zip_source_read(buffer, target, length)
            }
        } catch {
            _ = zip_source_close(buffer)   // the first error is the one to report
            throw error
        }
        try check(Int64(zip_source_close(buffer)), "zip_source_close", .source(buffer))
        return bytes
    }

    /// Adds one entry in memory to an open archive: deflated by libdeflate at `level` unless it
    /// comes precompressed, stored when deflating does not make it smaller, with the fixed time.
    /// The one place that decides an entry's bytes, for archives in memory and on disk alike.
    fileprivate static func add(_ entry: ZipEntry, to za: OpaquePointer, level: Int32) throws(ZipError) {
        let src: OpaquePointer
        var precompressed = entry.precompressed
        if precompressed == nil, entry.method == .deflated, !entry.data.isEmpty {
            precompressed = ThreadCompressors.current.deflated(entry.data, level: level)
        }
        if let part = precompressed, part.deflated != nil {
            let state = Unmanaged.passRetained(PrecompressedSource(part)).toOpaque()
            guard let s = zip_source_function(za, precompressedCallback, state) else {
                Unmanaged<PrecompressedSource>.fromOpaque(state).release()
                try fail("zip_source_function(\(entry.name))", .archive(za))
            }
            src = s
        } else if entry.data.isEmpty {
            // Nothing to copy: a zero-length buffer source, nothing to free.
            src = try checkPointer(zip_source_buffer(za, nil, 0, 0),
                                   "zip_source_buffer(\(entry.name))", .archive(za))
        } else {
            let copy = mallocCopy(entry.data)
            guard let s = zip_source_buffer(za, copy, zip_uint64_t(entry.data.count), 1) else {
                free(copy)
                try fail("zip_source_buffer(\(entry.name))", .archive(za))
            }
            src = s
        }
        let index = zip_file_add(za, entry.name, src, zip_flags_t(ZIP_FL_ENC_UTF_8))
        if index < 0 { zip_source_free(src) }   // not taken over on failure
        try check(index, "zip_file_add(\(entry.name))", .archive(za))
        // A deflated entry keeps the default method, so libzip takes its deflated
        // bytes as they are (its source reports deflate). Everything else is
        // stored: stored entries, empty ones, and those deflate did not shrink.
        if precompressed?.deflated == nil {
            try check(Int64(zip_set_file_compression(za, zip_uint64_t(index), ZIP_CM_STORE, 0)),
                      "zip_set_file_compression(\(entry.name))", .archive(za))
        }
        try check(Int64(zip_file_set_mtime(za, zip_uint64_t(index), fixedModificationTime, 0)),
                  "zip_file_set_mtime(\(entry.name))", .archive(za))
    }

    /// Writes the archive to `path` (replacing it).
    public static func write(_ entries: [ZipEntry], to path: String) throws(ZipError) {
        let bytes = try archive(entries)
        guard let f = fopen(path, "wb") else { throw .io(path: path, errno: errno) }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        let closed = fclose(f)
        if written != bytes.count || closed != 0 { throw .io(path: path, errno: errno) }
    }
}

/// Reads an archive held in memory (the review feature scans produced packages; tests
/// read parts back).
public final class ZipReader {
    private let za: OpaquePointer
    /// Entry names in archive order.
    public let entryNames: [String]

    public init(bytes: [UInt8]) throws(ZipError) {
        // On the heap: the error outlives the calls that fill it.
        let zerr = UnsafeMutablePointer<zip_error_t>.allocate(capacity: 1)
        zip_error_init(zerr)
        defer { zip_error_fini(zerr); zerr.deallocate() }
        let copy = bytes.isEmpty ? nil : mallocCopy(bytes)
        guard let src = zip_source_buffer_create(copy, zip_uint64_t(bytes.count), copy == nil ? 0 : 1, zerr) else {
            free(copy)
            try fail("zip_source_buffer_create", .error(zerr))
        }
        guard let za = zip_open_from_source(src, ZIP_RDONLY, zerr) else {
            zip_source_free(src)
            try fail("zip_open_from_source", .error(zerr))
        }
        self.za = za
        let count = zip_get_num_entries(za, 0)
        var names: [String] = []
        if count > 0 {
            for i in 0..<zip_uint64_t(count) {
                if let name = zip_get_name(za, i, zip_flags_t(ZIP_FL_ENC_GUESS)) {
                    names.append(String(cString: name))
                }
            }
        }
        entryNames = names
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

    deinit { zip_discard(za) }   // read-only: nothing to write back

    /// Uncompressed bytes of the entry called `name`.
    public func read(_ name: String) throws(ZipError) -> [UInt8] {
        let index = zip_name_locate(za, name, 0)
        guard index >= 0 else { throw .noSuchEntry(name) }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        try check(Int64(zip_stat_index(za, zip_uint64_t(index), 0, &stat)), "zip_stat_index(\(name))", .archive(za))
        let file = try checkPointer(zip_fopen_index(za, zip_uint64_t(index), 0), "zip_fopen_index(\(name))", .archive(za))
        return try readAndClose(file, count: Int(stat.size), name)
    }

    /// Reads `count` bytes of an opened entry, then closes it; a failing close is an
    /// error too.
    private func readAndClose(_ file: OpaquePointer, count: Int, _ name: String) throws(ZipError) -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = try readFully(count: count, "zip_fread(\(name))", .file(file)) { target, length in
                zip_fread(file, target, length)
            }
            // Read on to the end: libzip checks the CRC only there, and an entry longer
            // than its headers say is damaged too.
            var extra: UInt8 = 0
            let n = zip_fread(file, &extra, 1)
            try check(n, "zip_fread(\(name))", .file(file))
            if n > 0 { try fail("zip_fread(\(name))", .code(ZIP_ER_INCONS)) }
        } catch {
            _ = zip_fclose(file)   // the read error is the one to report
            throw error
        }
        // zip_fclose returns the error code itself (0 when all went well).
        let closed = zip_fclose(file)
        if closed != 0 { try fail("zip_fclose(\(name))", .code(closed)) }
        return bytes
    }

    /// Whether the entry is stored uncompressed (ODF's `mimetype` must be).
    public func isStored(_ name: String) throws(ZipError) -> Bool {
        let index = zip_name_locate(za, name, 0)
        guard index >= 0 else { throw .noSuchEntry(name) }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        try check(Int64(zip_stat_index(za, zip_uint64_t(index), 0, &stat)), "zip_stat_index(\(name))", .archive(za))
        return stat.comp_method == UInt16(ZIP_CM_STORE)
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
    /// A file stored as it is (an archive inside an archive): libzip reads it while writing.
    case bestand(name: String, pad: String)
}

/// The state of a libzip source that reads its bytes from a file: a prepared deflate stream
/// (stat gives sizes, method and CRC), or bytes to store (stat gives the size only, so libzip
/// computes the CRC as it does for bytes in memory). Unlike libzip's own file source it reports
/// no file attributes, so the entry gets those of an entry from memory and the archive the same
/// bytes.
private final class VoorbereidSource {
    let pad: String
    let deel: ZipVoorbereid?
    let size: Int
    var file: UnsafeMutablePointer<FILE>?
    init(_ deel: ZipVoorbereid) {
        self.deel = deel
        pad = deel.deflated ?? deel.bron
        size = deel.size
    }
    init(opslaan pad: String, size: Int) {
        self.pad = pad
        deel = nil
        self.size = size
    }
}

private func voorbereidCallback(_ userdata: UnsafeMutableRawPointer?, _ data: UnsafeMutableRawPointer?,
                                _ length: zip_uint64_t, _ command: zip_source_cmd_t) -> zip_int64_t {
    guard let userdata else { return -1 }
    let source = Unmanaged<VoorbereidSource>.fromOpaque(userdata).takeUnretainedValue()
    switch command {
    case ZIP_SOURCE_OPEN:
        guard let f = fopen(source.pad, "rb") else { return -1 }
        source.file = f
        return 0
    case ZIP_SOURCE_READ:
        guard let data, let f = source.file else { return -1 }
        let n = fread(data, 1, Int(length), f)
        if n == 0 && ferror(f) != 0 { return -1 }
        return zip_int64_t(n)
    case ZIP_SOURCE_CLOSE:
        if let f = source.file { fclose(f) }
        source.file = nil
        return 0
    case ZIP_SOURCE_STAT:
        guard let data, length >= MemoryLayout<zip_stat_t>.size else { return -1 }
        let st = data.assumingMemoryBound(to: zip_stat_t.self)
        zip_stat_init(st)
        st.pointee.size = zip_uint64_t(source.size)
        st.pointee.valid |= zip_uint64_t(ZIP_STAT_SIZE)
        if let deel = source.deel, deel.deflated != nil {
            st.pointee.comp_size = zip_uint64_t(deel.compressedSize)
            st.pointee.comp_method = zip_uint16_t(ZIP_CM_DEFLATE)
            st.pointee.crc = deel.crc
            st.pointee.valid |= zip_uint64_t(ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC)
        }
        return zip_int64_t(MemoryLayout<zip_stat_t>.size)
    case ZIP_SOURCE_ERROR:
        guard let data, length >= 2 * MemoryLayout<Int32>.size else { return -1 }
        data.storeBytes(of: Int32(ZIP_ER_READ), as: Int32.self)
        data.storeBytes(of: Int32(errno), toByteOffset: MemoryLayout<Int32>.size, as: Int32.self)
        return zip_int64_t(2 * MemoryLayout<Int32>.size)
    case ZIP_SOURCE_FREE:
        if let f = source.file { fclose(f) }
        Unmanaged<VoorbereidSource>.fromOpaque(userdata).release()
        return 0
    case ZIP_SOURCE_SUPPORTS:
        return precompressedSupports
    default:
        return -1
    }
}

extension ZipWriter {
    /// Writes an archive to `path` (replacing it) without holding large entries in memory:
    /// libzip reads prepared and file entries while it writes. The bytes equal those of
    /// `archive` for the same contents.
    public static func write(_ entries: [ZipStroomEntry], naar path: String, level: Int32 = 1) throws(ZipError) {
        var code: Int32 = 0
        guard let za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code) else { try fail("zip_open(\(path))", .code(code)) }
        do {
            for entry in entries {
                switch entry {
                case .geheugen(let e):
                    try add(e, to: za, level: level)
                case .voorbereid(let name, let deel):
                    try addSource(bron(VoorbereidSource(deel), name, za), name: name, stored: deel.deflated == nil, to: za)
                case .bestand(let name, let pad):
                    try addSource(bron(VoorbereidSource(opslaan: pad, size: try grootte(pad)), name, za), name: name,
                                  stored: true, to: za)
                }
            }
            try check(Int64(zip_close(za)), "zip_close", .archive(za))
        } catch {
            zip_discard(za)
            throw error
        }
    }

    private static func grootte(_ pad: String) throws(ZipError) -> Int {
        var st = stat()
        guard stat(pad, &st) == 0 else { throw .io(path: pad, errno: errno) }
        return Int(st.st_size)
    }

    private static func bron(_ state: VoorbereidSource, _ name: String, _ za: OpaquePointer) throws(ZipError) -> OpaquePointer {
        let opaque = Unmanaged.passRetained(state).toOpaque()
        guard let s = zip_source_function(za, voorbereidCallback, opaque) else {
            Unmanaged<VoorbereidSource>.fromOpaque(opaque).release()
            try fail("zip_source_function(\(name))", .archive(za))
        }
        return s
    }

    private static func addSource(_ src: OpaquePointer, name: String, stored: Bool, to za: OpaquePointer) throws(ZipError) {
        let index = zip_file_add(za, name, src, zip_flags_t(ZIP_FL_ENC_UTF_8))
        if index < 0 { zip_source_free(src) }
        try check(index, "zip_file_add(\(name))", .archive(za))
        if stored {
            try check(Int64(zip_set_file_compression(za, zip_uint64_t(index), ZIP_CM_STORE, 0)),
                      "zip_set_file_compression(\(name))", .archive(za))
        }
        try check(Int64(zip_file_set_mtime(za, zip_uint64_t(index), fixedModificationTime, 0)),
                  "zip_file_set_mtime(\(name))", .archive(za))
    }
}
