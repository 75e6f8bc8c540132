import Foundation
import VIPHash
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which lines of a hunspell dictionary (`.dic`) hunspell can consult while it checks a given
/// set of words, so that a `vip check` loads a few thousand of the Dutch dictionary's 180 000
/// lines instead of all of them. Loading all of them is most of a `vip check` (373 M
/// instructions, 70–110 ms): hunspell works out the capitalisation of every word as it reads it.
/// The answers stay exactly hunspell's, because every line hunspell could look at is loaded.
///
/// **Why nothing is missed.** Checking a word, hunspell looks up strings made from it: the word
/// after its input conversion (`ICONV`), in other capitalisations, split into compound parts
/// (including `cpdwordpair_check`'s parts with a space put in), and each of those with prefixes
/// and suffixes taken off and their `strip` text put back, at most two suffixes deep. So every
/// string looked up is `prefix-strip + a piece of the word + suffix-strip(s)`, where the strips
/// come from the `.aff` file: a finite set. Both sides are compared after *folding*: lower case,
/// `ĳ` as `ij`, `’` as `'`, spaces and backslashes dropped, and every other character that has
/// no ASCII letter as its case partner counted as one and the same character. Folding works
/// character by character, so a piece of the word stays a piece after folding. Each dictionary
/// line gets a *key*: its folded word without the longest strip text it could have gained at
/// either end. The key of any line that hunspell looks up for a word is then a piece of the
/// folded word, and looking up every piece of every word in the index finds it. Lines whose key
/// is empty (short words that are all strip) are always loaded. Folding only ever merges
/// characters and cutting more strip only shortens keys, so both err towards loading more.
///
/// An `.aff` file with a feature that makes hunspell look up other strings (`IGNORE`,
/// `CHECKSHARPS`, `CHECKCOMPOUNDREP`, `SIMPLIFIEDTRIPLE`, compound patterns with a replacement,
/// an `ICONV` that folding does not undo, an encoding other than UTF-8) gets no index: then
/// the whole dictionary is loaded, as before.
///
/// Suggestions are another matter: hunspell's n-gram suggestions scan the whole dictionary, so
/// they come from the whole dictionary (`Hunspell.Deferred`), loaded only when a word is wrong.
///
/// The index is made at first use and kept in the user's cache folder (`~/.cache/vip`),
/// stamped with the size and modification time of both files, so that an update of the
/// dictionary makes a new one; nothing of it is in git.
public final class DictionaryIndex: @unchecked Sendable {
    public let affixPath: String
    public let dictionaryPath: String
    /// The number of dictionary lines (the entries, without the count on the first line).
    public let lineCount: Int

    private let bytes: UnsafeRawBufferPointer
    private let release: () -> Void
    private let groupCount: Int
    private let slotMask: Int
    private let maxKeyLength: Int
    private let alwaysGroup: Int
    private let lineStarts: Int, groupKeyStarts: Int, groupMemberStarts: Int, members: Int, slots: Int
    private let keyBytes: Int, lineBytes: Int

    deinit { release() }

    // MARK: - Opening

    /// The index of these files from `cacheFolder`, made (and saved there) when it is missing or
    /// stale; nil when the affix file has a feature the index cannot follow, or a file cannot
    /// be read. A cache folder that cannot be written only costs the next run the making again.
    public static func load(affixPath: String, dictionaryPath: String, cacheFolder: String?) -> DictionaryIndex? {
        guard let stamp = Stamp(affixPath: affixPath, dictionaryPath: dictionaryPath) else { return nil }
        let cache = cacheFolder.map { ($0 as NSString).appendingPathComponent(fileName(dictionaryPath: dictionaryPath)) }
        if let cache, let index = mapped(cache, stamp: stamp, affixPath: affixPath, dictionaryPath: dictionaryPath) {
            return index
        }
        guard let affix = readFile(affixPath), let dictionary = readFile(dictionaryPath),
              let built = build(affix: affix, dictionary: dictionary, stamp: stamp) else { return nil }
        if let cacheFolder, let cache { save(built, to: cache, folder: cacheFolder) }
        return DictionaryIndex(bytes: built, affixPath: affixPath, dictionaryPath: dictionaryPath)
    }

    /// `nl-<hash of the paths>.vip-index`: one file per dictionary, wherever it is installed.
    static func fileName(dictionaryPath: String) -> String {
        let stem = ((dictionaryPath as NSString).lastPathComponent as NSString).deletingPathExtension
        let path = (dictionaryPath as NSString).standardizingPath
        return "\(stem)-\(String(FNV1a64.hash(path.utf8), radix: 16)).vip-index"
    }

    /// What the index was made from; a different stamp means a stale index.
    struct Stamp: Equatable {
        var affixSize: UInt64, affixModified: UInt64, dictionarySize: UInt64, dictionaryModified: UInt64

        init(affixSize: UInt64, affixModified: UInt64, dictionarySize: UInt64, dictionaryModified: UInt64) {
            self.affixSize = affixSize
            self.affixModified = affixModified
            self.dictionarySize = dictionarySize
            self.dictionaryModified = dictionaryModified
        }

        init?(affixPath: String, dictionaryPath: String) {
            var a = stat(), d = stat()
            guard stat(affixPath, &a) == 0, stat(dictionaryPath, &d) == 0 else { return nil }
            func ns(_ t: timespec) -> UInt64 { UInt64(t.tv_sec) &* 1_000_000_000 &+ UInt64(t.tv_nsec) }
            #if canImport(Darwin)
            let (am, dm) = (a.st_mtimespec, d.st_mtimespec)
            #else
            let (am, dm) = (a.st_mtim, d.st_mtim)
            #endif
            self.init(affixSize: UInt64(a.st_size), affixModified: ns(am),
                      dictionarySize: UInt64(d.st_size), dictionaryModified: ns(dm))
        }
    }

    static let magic = Array("VIPWBI01".utf8)
    static let headerSize = 64

    private static func mapped(_ path: String, stamp: Stamp, affixPath: String, dictionaryPath: String) -> DictionaryIndex? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size >= headerSize else { return nil }
        let size = Int(info.st_size)
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else { return nil }
        let raw = UnsafeRawBufferPointer(start: base, count: size)
        guard let index = DictionaryIndex(raw, release: { munmap(base, size) }, affixPath: affixPath,
                                          dictionaryPath: dictionaryPath) else {
            munmap(base, size)
            return nil
        }
        // A stale index is unmapped when `index` goes.
        return index.stamp == stamp ? index : nil
    }

    private convenience init(bytes: [UInt8], affixPath: String, dictionaryPath: String) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 8)
        copy.copyBytes(from: bytes)
        self.init(UnsafeRawBufferPointer(copy), release: { copy.deallocate() }, affixPath: affixPath,
                  dictionaryPath: dictionaryPath)!
    }

    /// Checks the header and that every section lies inside the file, so that a damaged file
    /// is made again rather than read out of bounds.
    private init?(_ raw: UnsafeRawBufferPointer, release: @escaping () -> Void, affixPath: String, dictionaryPath: String) {
        guard let layout = Layout(raw) else { return nil }
        bytes = raw
        self.release = release
        self.affixPath = affixPath
        self.dictionaryPath = dictionaryPath
        lineCount = layout.lineCount
        groupCount = layout.groupCount
        slotMask = layout.slotCount - 1
        maxKeyLength = layout.maxKeyLength
        alwaysGroup = layout.alwaysGroup
        lineStarts = layout.lineStarts
        groupKeyStarts = layout.groupKeyStarts
        groupMemberStarts = layout.groupMemberStarts
        members = layout.members
        slots = layout.slots
        keyBytes = layout.keyBytes
        lineBytes = layout.lineBytes
    }

    var stamp: Stamp {
        Stamp(affixSize: u64(8), affixModified: u64(16), dictionarySize: u64(24), dictionaryModified: u64(32))
    }

    private func u64(_ offset: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    @inline(__always) private func u32(_ offset: Int) -> Int {
        Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    /// The file's sections, as offsets; nil when they do not fit the file.
    ///
    ///     header (64 bytes): magic, 4 × u64 stamp, u32 lines, groups, slots, longest key, always group
    ///     u32 × (lines + 1)      start of each line in the line bytes
    ///     u32 × (groups + 1)     start of each group's key in the key bytes
    ///     u32 × (groups + 1)     start of each group's members
    ///     u32 × members          line numbers, ascending per group
    ///     2 × u32 × slots        open addressing on FNV-1a of the key: high half of the hash, group + 1
    ///     key bytes, line bytes
    struct Layout {
        var lineCount = 0, groupCount = 0, slotCount = 0, maxKeyLength = 0, alwaysGroup = -1
        var lineStarts = 0, groupKeyStarts = 0, groupMemberStarts = 0, members = 0, slots = 0, keyBytes = 0, lineBytes = 0

        init?(_ raw: UnsafeRawBufferPointer) {
            guard raw.count >= DictionaryIndex.headerSize, raw.prefix(8).elementsEqual(DictionaryIndex.magic) else { return nil }
            func u32(_ o: Int) -> Int { Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: o, as: UInt32.self))) }
            lineCount = u32(40)
            groupCount = u32(44)
            slotCount = u32(48)
            maxKeyLength = u32(52)
            let always = u32(56)
            alwaysGroup = always == 0xFFFF_FFFF ? -1 : always
            guard slotCount > 0, slotCount & (slotCount - 1) == 0, alwaysGroup < groupCount else { return nil }
            var o = DictionaryIndex.headerSize
            lineStarts = o; o += 4 * (lineCount + 1)
            groupKeyStarts = o; o += 4 * (groupCount + 1)
            groupMemberStarts = o; o += 4 * (groupCount + 1)
            guard o <= raw.count else { return nil }
            let memberCount = u32(groupMemberStarts + 4 * groupCount)
            members = o; o += 4 * memberCount
            slots = o; o += 8 * slotCount
            guard o <= raw.count else { return nil }
            keyBytes = o
            let keyLength = u32(groupKeyStarts + 4 * groupCount)
            o += keyLength
            guard o <= raw.count else { return nil }
            lineBytes = o
            guard o + u32(lineStarts + 4 * lineCount) == raw.count else { return nil }
        }
    }

    // MARK: - Selecting

    /// A `.dic` file with the lines hunspell can consult for `words`, in their original order,
    /// and how many there are. Every string that will be looked up must be among `words`
    /// (a word's lower-case form too, when that is looked up).
    public func dictionary(for words: some Sequence<String>) -> (bytes: [UInt8], lines: Int) {
        var chosen = [UInt64](repeating: 0, count: (lineCount + 63) / 64)
        var groupSeen = [UInt64](repeating: 0, count: (groupCount + 63) / 64)
        var count = 0
        func take(_ group: Int) {
            guard groupSeen[group >> 6] & (1 << (group & 63)) == 0 else { return }
            groupSeen[group >> 6] |= 1 << (group & 63)
            for m in u32(groupMemberStarts + 4 * group)..<u32(groupMemberStarts + 4 * group + 4) {
                let line = u32(members + 4 * m)
                if chosen[line >> 6] & (1 << (line & 63)) == 0 {
                    chosen[line >> 6] |= 1 << (line & 63)
                    count += 1
                }
            }
        }
        if alwaysGroup >= 0 { take(alwaysGroup) }
        var folded: [UInt8] = []
        for word in words {
            folded.removeAll(keepingCapacity: true)
            Folding.fold(word, into: &folded)
            folded.withUnsafeBufferPointer { f in
                // Every piece f[a...b] up to the longest key, hashed as it grows.
                for a in f.indices {
                    var h = FNV1a64()
                    for b in a..<min(f.count, a + maxKeyLength) {
                        h.voeg(f[b])
                        if let g = group(hash: h.waarde, key: UnsafeBufferPointer(rebasing: f[a...b])) { take(g) }
                    }
                }
            }
        }
        var out = Array("\(max(count, 1))\n".utf8)
        out.reserveCapacity(out.count + count * 16)
        for (w, bits) in chosen.enumerated() where bits != 0 {
            var rest = bits
            while rest != 0 {
                let line = w << 6 + rest.trailingZeroBitCount
                rest &= rest - 1
                let start = lineBytes + u32(lineStarts + 4 * line), end = lineBytes + u32(lineStarts + 4 * line + 4)
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                out.append(0x0A)
            }
        }
        return (out, count)
    }

    /// The group whose key is `key` (with FNV-1a hash `hash`), if any.
    @inline(__always) private func group(hash: UInt64, key: UnsafeBufferPointer<UInt8>) -> Int? {
        let high = Int(hash >> 32)
        var i = Int(truncatingIfNeeded: hash) & slotMask
        while true {
            let slot = slots + 8 * i
            let g = u32(slot + 4)
            if g == 0 { return nil }
            if u32(slot) == high {
                let start = u32(groupKeyStarts + 4 * (g - 1)), end = u32(groupKeyStarts + 4 * g)
                if end - start == key.count
                    && memcmp(bytes.baseAddress! + keyBytes + start, key.baseAddress!, key.count) == 0 {
                    return g - 1
                }
            }
            i = (i + 1) & slotMask
        }
    }

    // MARK: - Making

    /// The index file of these files, or nil when the affix file has a feature it cannot follow.
    static func build(affix: [UInt8], dictionary: [UInt8], stamp: Stamp) -> [UInt8]? {
        guard let strips = Strips(affix: affix) else { return nil }
        // The lines after the count on the first line, each without its newline.
        var lines: [Range<Int>] = []
        var start = 0
        var first = true
        for i in dictionary.indices where dictionary[i] == 0x0A {
            if !first { lines.append(start..<i) }
            first = false
            start = i + 1
        }
        if !first && start < dictionary.count { lines.append(start..<dictionary.count) }

        var groupOf: [[UInt8]: Int] = [:]
        var keys: [[UInt8]] = []
        var memberLists: [[Int]] = []
        var folded: [UInt8] = []
        for (n, range) in lines.enumerated() {
            let key = dictionary.withUnsafeBufferPointer { d in
                strips.key(line: UnsafeBufferPointer(rebasing: d[range]), folded: &folded)
            }
            if let g = groupOf[key] {
                memberLists[g].append(n)
            } else {
                groupOf[key] = keys.count
                keys.append(key)
                memberLists.append([n])
            }
        }

        var out = magic
        func put64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func put32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out.append(contentsOf: $0) } }
        put64(stamp.affixSize); put64(stamp.affixModified); put64(stamp.dictionarySize); put64(stamp.dictionaryModified)
        var slotCount = 1
        while 2 * slotCount < 3 * keys.count { slotCount <<= 1 }
        put32(lines.count); put32(keys.count); put32(slotCount)
        put32(keys.map(\.count).max() ?? 0)
        put32(groupOf[[]] ?? 0xFFFF_FFFF)
        put32(0)
        var o = 0
        for r in lines { put32(o); o += r.count }
        put32(o)
        o = 0
        for k in keys { put32(o); o += k.count }
        put32(o)
        o = 0
        for m in memberLists { put32(o); o += m.count }
        put32(o)
        for m in memberLists { for line in m { put32(line) } }
        var table = [(high: Int, group: Int)](repeating: (0, 0), count: slotCount)
        for (g, k) in keys.enumerated() {
            let h = FNV1a64.hash(k)
            var i = Int(truncatingIfNeeded: h) & (slotCount - 1)
            while table[i].group != 0 { i = (i + 1) & (slotCount - 1) }
            table[i] = (Int(h >> 32), g + 1)
        }
        for s in table { put32(s.high); put32(s.group) }
        for k in keys { out += k }
        for r in lines { out += dictionary[r] }
        return out
    }

    /// The strip texts of the affix file, as the sets of folded texts that a looked-up string
    /// can have gained at its start and at its end.
    struct Strips {
        var atStart: Set<UInt64> = [FNV1a64.hash([UInt8]())]
        var atEnd: Set<UInt64> = [FNV1a64.hash([UInt8]())]
        var longestAtStart = 0, longestAtEnd = 0

        /// nil for an affix file with a feature that makes hunspell look up strings that are
        /// not pieces of the word plus strip text.
        init?(affix: [UInt8]) {
            var prefixes: Set<[UInt8]> = [[]], suffixes: Set<[UInt8]> = [[]]
            var pending: [String: Int] = [:]  // "SFX flag" → entries still to come
            var utf8 = false
            for rawLine in affix.split(separator: 0x0A, omittingEmptySubsequences: true) {
                let line = String(decoding: rawLine, as: UTF8.self)
                let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
                guard let keyword = fields.first, !keyword.hasPrefix("#") else { continue }
                switch keyword {
                case "SET":
                    utf8 = fields.count > 1 && fields[1].uppercased() == "UTF-8"
                case "IGNORE", "CHECKSHARPS", "CHECKCOMPOUNDREP", "SIMPLIFIEDTRIPLE":
                    return nil
                case "LANG":
                    // Turkish, Azeri and Crimean Tatar map dotted and dotless i differently.
                    if fields.count > 1, ["tr", "az", "crh"].contains(where: { fields[1].hasPrefix($0) }) { return nil }
                case "CHECKCOMPOUNDPATTERN":
                    // A pattern with a replacement makes hunspell look up the replaced parts.
                    if fields.count > 3, !fields[3].hasPrefix("#") { return nil }
                case "ICONV":
                    // The count line has one field; a pair must fold to the same text.
                    if fields.count > 2, Folding.fold(fields[1]) != Folding.fold(fields[2]) { return nil }
                case "PFX", "SFX":
                    guard fields.count >= 4 else { continue }
                    let block = keyword + " " + fields[1]
                    if let left = pending[block], left > 0 {
                        pending[block] = left - 1
                        let strip = fields[2] == "0" ? [] : Folding.fold(fields[2])
                        if keyword == "PFX" { prefixes.insert(strip) } else { suffixes.insert(strip) }
                    } else if let count = Int(fields[3]) {
                        pending[block] = count
                    } else {
                        return nil
                    }
                default:
                    continue
                }
            }
            guard utf8 else { return nil }
            // Up to two affixes on a side: the inner strip, after (part of) the outer one.
            for s1 in suffixes {
                for k in 0...s1.count {
                    for s2 in suffixes {
                        let t = Array(s1[0..<k]) + s2
                        atEnd.insert(FNV1a64.hash(t))
                        longestAtEnd = max(longestAtEnd, t.count)
                    }
                }
            }
            for p1 in prefixes {
                for k in 0...p1.count {
                    for p2 in prefixes {
                        let t = p2 + Array(p1[k...])
                        atStart.insert(FNV1a64.hash(t))
                        longestAtStart = max(longestAtStart, t.count)
                    }
                }
            }
        }

        /// The key of one dictionary line: its folded word without the longest strip text at
        /// each end; empty (always loaded) for a line whose word this reading cannot be sure of.
        func key(line: UnsafeBufferPointer<UInt8>, folded: inout [UInt8]) -> [UInt8] {
            // Morphological fields (a tab or a colon), escaped slashes, a leading slash and control
            // characters (a carriage return that hunspell takes off): always loaded.
            if line.first == UInt8(ascii: "/") || line.contains(where: { $0 < 0x20 || $0 == 0x3A || $0 == 0x5C }) {
                return []
            }
            let word = line.prefix { $0 != UInt8(ascii: "/") }
            folded.removeAll(keepingCapacity: true)
            Folding.fold(UnsafeBufferPointer(rebasing: word), into: &folded)
            let n = folded.count
            var cutEnd = 0, cutStart = 0
            for k in stride(from: min(longestAtEnd, n), to: 0, by: -1)
            where atEnd.contains(FNV1a64.hash(folded[(n - k)...])) {
                cutEnd = k
                break
            }
            for k in stride(from: min(longestAtStart, n), to: 0, by: -1)
            where atStart.contains(FNV1a64.hash(folded[0..<k])) {
                cutStart = k
                break
            }
            return cutStart + cutEnd >= n ? [] : Array(folded[cutStart..<(n - cutEnd)])
        }
    }

    // MARK: - Files

    static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return ferror(file) == 0 ? bytes : nil
    }

    /// Written whole or not at all: a temporary file, synced, then renamed.
    static func save(_ bytes: [UInt8], to path: String, folder: String) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let tmp = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        let written = bytes.withUnsafeBytes { raw -> Bool in
            var o = 0
            while o < raw.count {
                let n = write(fd, raw.baseAddress! + o, raw.count - o)
                if n <= 0 { return false }
                o += n
            }
            return true
        }
        let synced = written && fsync(fd) == 0
        close(fd)
        if !synced || rename(tmp, path) != 0 { unlink(tmp) }
    }
}

/// The folding both sides of the index are compared in (see `DictionaryIndex`): one character
/// at a time, so that a piece of a word stays a piece of its folding.
enum Folding {
    static func fold(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        fold(s, into: &out)
        return out
    }

    static func fold(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { fold($0, into: &out) }
    }

    static func fold(_ utf8: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var i = 0
        while i < utf8.count {
            let b = utf8[i]
            if b < 0x80 {
                switch b {
                case 0x41...0x5A: out.append(b | 0x20)
                case 0x20, 0x5C: break
                default: out.append(b)
                }
                i += 1
                continue
            }
            // One non-ASCII scalar (valid UTF-8: Swift strings and the dictionary's bytes).
            var iterator = utf8[i...].makeIterator()
            var decoder = UTF8()
            guard case .scalarValue(let u) = decoder.decode(&iterator) else {
                out.append(UInt8(ascii: "?"))
                i += 1
                continue
            }
            i += UTF8.width(u)
            foldNonASCII(u, into: &out)
        }
    }

    static func foldNonASCII(_ u: Unicode.Scalar, into out: inout [UInt8]) {
        switch u.value {
        case 0x0132, 0x0133: out += [UInt8(ascii: "i"), UInt8(ascii: "j")]  // Ĳ ĳ (ICONV ij → ĳ)
        case 0x2019: out.append(UInt8(ascii: "'"))                       // ’ (ICONV ’ → ')
        default:
            // A letter whose case partner is an ASCII letter (İ, ı, K, ſ) folds to that letter.
            for mapping in [u.properties.lowercaseMapping, u.properties.uppercaseMapping] {
                if let first = mapping.unicodeScalars.first, first.isASCII,
                   (0x41...0x5A).contains(first.value) || (0x61...0x7A).contains(first.value) {
                    out.append(UInt8(first.value) | 0x20)
                    return
                }
            }
            out.append(UInt8(ascii: "?"))
        }
    }
}
