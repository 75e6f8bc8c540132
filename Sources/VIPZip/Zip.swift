import CLibZip
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

    public init(name: String, data: [UInt8], method: Method = .deflated) {
        self.name = name
        self.data = data
        self.method = method
    }
}

public enum ZipError: Error, Equatable, Sendable {
    /// A libzip call failed; `code` is libzip's `ZIP_ER_*`.
    case libzip(operation: String, code: Int32, message: String)
    case noSuchEntry(String)
    case io(path: String, errno: Int32)
}

/// Where libzip keeps the error of a failed call.
private enum ErrorSource {
    case archive(OpaquePointer?)
    case source(OpaquePointer?)
    case error(UnsafeMutablePointer<zip_error_t>)
}

/// The one place where libzip return codes become typed errors: every call's result
/// goes through here (pointers as 0 / -1).
@discardableResult
private func check(_ result: Int64, _ operation: String, _ from: ErrorSource) throws(ZipError) -> Int64 {
    guard result < 0 else { return result }
    let error: UnsafeMutablePointer<zip_error_t>?
    switch from {
    case .archive(let za): error = za.flatMap { zip_get_error($0) }
    case .source(let src): error = src.flatMap { zip_source_error($0) }
    case .error(let e): error = e
    }
    guard let error else { throw .libzip(operation: operation, code: -1, message: "unknown error") }
    throw .libzip(operation: operation, code: zip_error_code_zip(error),
                  message: String(cString: zip_error_strerror(error)))
}

private func checkPointer<P>(_ pointer: P?, _ operation: String, _ from: ErrorSource) throws(ZipError) -> P {
    try check(pointer == nil ? -1 : 0, operation, from)
    return pointer!
}

/// A copy of `bytes` in `malloc`ed memory: `zip_source_buffer` reads the bytes only at
/// `zip_close`, so it gets its own copy and frees it (`freep = 1`).
private func mallocCopy(_ bytes: [UInt8]) -> UnsafeMutableRawPointer {
    let p = malloc(max(bytes.count, 1))!
    bytes.withUnsafeBytes { if let base = $0.baseAddress { p.copyMemory(from: base, byteCount: $0.count) } }
    return p
}

public enum ZipWriter {
    /// Entry timestamp of every entry, for byte-identical output. Zip stores local
    /// DOS time and libzip converts with `localtime`; `mktime` is its inverse, so the
    /// stored stamp is 2000-01-01 00:00 whatever the machine's time zone.
    private static let fixedModificationTime: time_t = {
        var t = tm()
        t.tm_year = 100
        t.tm_mon = 0
        t.tm_mday = 1
        t.tm_isdst = -1
        return mktime(&t)
    }()

    /// The archive bytes. Same entries → same bytes.
    public static func archive(_ entries: [ZipEntry]) throws(ZipError) -> [UInt8] {
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
            try check(Int64(-1), "zip_open_from_source", .error(zerr))
            return []
        }
        do {
            for entry in entries {
                let copy = mallocCopy(entry.data)
                guard let src = zip_source_buffer(za, copy, zip_uint64_t(entry.data.count), 1) else {
                    free(copy)
                    try check(Int64(-1), "zip_source_buffer(\(entry.name))", .archive(za))
                    return []
                }
                let index = zip_file_add(za, entry.name, src, zip_flags_t(ZIP_FL_ENC_UTF_8))
                if index < 0 { zip_source_free(src) }   // not taken over on failure
                try check(index, "zip_file_add(\(entry.name))", .archive(za))
                let method = entry.method == .stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE
                try check(Int64(zip_set_file_compression(za, zip_uint64_t(index), method, 0)),
                          "zip_set_file_compression(\(entry.name))", .archive(za))
                try check(Int64(zip_file_set_mtime(za, zip_uint64_t(index), fixedModificationTime, 0)),
                          "zip_file_set_mtime(\(entry.name))", .archive(za))
            }
            try check(Int64(zip_close(za)), "zip_close", .archive(za))
        } catch {
            zip_discard(za)
            throw error
        }
        // Read the finished archive back out of the buffer source.
        try check(Int64(zip_source_open(buffer)), "zip_source_open", .source(buffer))
        defer { zip_source_close(buffer) }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        try check(Int64(zip_source_stat(buffer, &stat)), "zip_source_stat", .source(buffer))
        var bytes = [UInt8](repeating: 0, count: Int(stat.size))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { raw in
                zip_source_read(buffer, raw.baseAddress! + done, zip_uint64_t(raw.count - done))
            }
            try check(n == 0 ? -1 : n, "zip_source_read", .source(buffer))
            done += Int(n)
        }
        return bytes
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
        let copy = mallocCopy(bytes)
        guard let src = zip_source_buffer_create(copy, zip_uint64_t(bytes.count), 1, zerr) else {
            free(copy)
            try check(Int64(-1), "zip_source_buffer_create", .error(zerr))
            fatalError("unreachable")
        }
        guard let za = zip_open_from_source(src, ZIP_RDONLY, zerr) else {
            zip_source_free(src)
            try check(Int64(-1), "zip_open_from_source", .error(zerr))
            fatalError("unreachable")
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
        defer { zip_fclose(file) }
        var bytes = [UInt8](repeating: 0, count: Int(stat.size))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { raw in
                zip_fread(file, raw.baseAddress! + done, zip_uint64_t(raw.count - done))
            }
            try check(n == 0 ? -1 : n, "zip_fread(\(name))", .archive(za))
            done += Int(n)
        }
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
