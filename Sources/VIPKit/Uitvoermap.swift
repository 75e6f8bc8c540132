import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing output safely (cli.md): every file is whole or absent, never in the input's folder
/// itself, never over an input.
///
/// Each file is written under a temporary name and renamed into place only after its bytes are
/// on disk, so a crash or a power cut leaves either the finished file or none (and perhaps a
/// `.NAAM.vip-tmp-PID` file). Making the bytes durable is batched (`Partij`): one `syncfs` for
/// all files of a batch instead of one `fsync` per file, then the renames, then one `fsync`
/// per folder so that the new names are durable too. Per file, `vip build` of 100 aanvragen
/// made 700 `fsync` calls, each a journal commit; per batch it makes one sync and one per
/// folder (bench/RESULTATEN.md). Git's `core.fsyncMethod = batch` makes the same trade.
public enum Uitvoermap {
    public static func echtPad(_ p: String) -> String {
        URL(fileURLWithPath: p).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The folders of the inputs, each resolved once: `vip build` of a whole course checks
    /// every aanvraag's output folder against all inputs, and resolving them every time was
    /// quadratic.
    public struct Invoermappen: Sendable {
        let mappen: [(echt: String, bestand: String)]

        public init(_ invoer: [String]) {
            var gezien = Set<String>()
            var mappen: [(String, String)] = []
            for bestand in invoer {
                let ouder = (bestand as NSString).deletingLastPathComponent
                guard gezien.insert(ouder).inserted else { continue }
                mappen.append((Uitvoermap.echtPad(ouder.isEmpty ? "." : ouder), bestand))
            }
            self.mappen = mappen
        }
    }

    /// Refuses an output folder that holds one of the inputs (directly or below it).
    public static func controleer(_ map: String, invoer: [String]) throws(BuildFout) {
        try controleer(map, invoer: Invoermappen(invoer))
    }

    public static func controleer(_ map: String, invoer: Invoermappen) throws(BuildFout) {
        let uit = echtPad(map)
        for (dir, bestand) in invoer.mappen where dir == uit || dir.hasPrefix(uit + "/") {
            throw .uitvoermapBevatInvoer(map: map, invoer: bestand)
        }
    }

    /// Why a folder cannot be made (Foundation's own message is English).
    public enum Reden: Sendable, Equatable, CustomStringConvertible {
        /// `pad`, on the way to the folder, is a file.
        case bestand(pad: String)
        case geenSchrijfrechten(pad: String)
        case onbekend

        public var description: String {
            switch self {
            case .bestand(let pad): return "\(pad) is een bestand, geen map"
            case .geenSchrijfrechten(let pad): return "u hebt geen schrijfrechten in \(pad)"
            case .onbekend: return "de map kan niet worden aangemaakt (schijf vol?)"
            }
        }
    }

    static func reden(_ map: String) -> Reden {
        let fm = FileManager.default
        var pad = (map as NSString).standardizingPath
        while !pad.isEmpty && pad != "/" && !fm.fileExists(atPath: pad) { pad = (pad as NSString).deletingLastPathComponent }
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: pad, isDirectory: &isDir), !isDir.boolValue { return .bestand(pad: pad) }
        if !fm.isWritableFile(atPath: pad.isEmpty ? "." : pad) { return .geenSchrijfrechten(pad: pad.isEmpty ? "." : pad) }
        return .onbekend
    }

    /// Writes every file to `map`, on disk before this returns: a batch of one.
    public static func schrijf(_ files: [Pakket.Uitvoer], naar map: String) throws(BuildFout) {
        let partij = Partij()
        let nummer = try partij.voegToe(files, naar: map)
        if let fout = partij.voltooi()[nummer] { throw fout }
    }

    /// Files written under temporary names that take their final names together, after one
    /// sync for all of them (see `Uitvoermap`). Each `voegToe` is a group (one aanvraag's
    /// package) that succeeds or fails on its own.
    public final class Partij {
        private struct Groep {
            var map: String
            var bestanden: [(tijdelijk: String, doel: String)]
        }

        private var groepen: [Groep] = []

        public init() {}

        /// The number of files waiting for `voltooi`.
        public var aantalBestanden: Int { groepen.reduce(0) { $0 + $1.bestanden.count } }
        public var isLeeg: Bool { groepen.isEmpty }

        /// Writes `files` to temporary names in `map` (made when missing) and returns the
        /// group's number for `voltooi`. On failure nothing of this group is left behind.
        public func voegToe(_ files: [Pakket.Uitvoer], naar map: String) throws(BuildFout) -> Int {
            do {
                try FileManager.default.createDirectory(atPath: map, withIntermediateDirectories: true)
            } catch {
                throw .uitvoermapNietTeMaken(map: map, reden: reden(map))
            }
            var groep = Groep(map: map, bestanden: [])
            for f in files {
                let doel = (map as NSString).appendingPathComponent(f.naam)
                let tijdelijk = (map as NSString).appendingPathComponent(".\(f.naam).vip-tmp-\(getpid())")
                guard Self.schrijf(f.bytes, naar: tijdelijk) else {
                    for (t, _) in groep.bestanden { unlink(t) }
                    throw .uitvoermapNietSchrijfbaar(map: map)
                }
                groep.bestanden.append((tijdelijk, doel))
            }
            groepen.append(groep)
            return groepen.count - 1
        }

        /// Makes every waiting file durable, gives it its final name and makes the names
        /// durable; returns the groups that failed (nothing of those is left: no temporary
        /// file, and no file of the group renamed unless all were). Empties the batch.
        public func voltooi() -> [Int: BuildFout] {
            defer { groepen = [] }
            var fouten: [Int: BuildFout] = [:]
            // All bytes on disk before any name changes.
            if let fout = Self.synchroniseer(groepen) {
                for (i, g) in groepen.enumerated() {
                    for (t, _) in g.bestanden { unlink(t) }
                    fouten[i] = fout(g.map)
                }
                return fouten
            }
            var mappen = Set<String>()
            for (i, g) in groepen.enumerated() {
                for (n, (t, doel)) in g.bestanden.enumerated() where rename(t, doel) != 0 {
                    let e = errno
                    for (rest, _) in g.bestanden[n...] { unlink(rest) }
                    fouten[i] = .hernoemen(doel: doel, errno: e)
                    break
                }
                mappen.insert(g.map)
            }
            // The new names: one sync per folder (a folder's entries are its data).
            for map in mappen {
                let fd = open(map, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if fd >= 0 {
                    _ = fsync(fd)
                    close(fd)
                }
            }
            return fouten
        }

        /// Writes `bytes` to a new file at `path` (not there before); false on any failure,
        /// and then no file remains.
        static func schrijf(_ bytes: [UInt8], naar path: String) -> Bool {
            // Truncated if there: the name carries this process's id, so only a crashed run with
            // the same id can have left it.
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o666)
            guard fd >= 0 else { return false }
            let ok = bytes.withUnsafeBytes { raw -> Bool in
                var o = 0
                while o < raw.count {
                    let n = write(fd, raw.baseAddress! + o, raw.count - o)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { return false }
                    o += n
                }
                return true
            }
            if close(fd) != 0 || !ok {
                unlink(path)
                return false
            }
            return true
        }

        /// Syncs every file system the groups write to (Linux `syncfs`), or, where there is
        /// none, every file; nil when all is on disk, else the error for a group's folder.
        private static func synchroniseer(_ groepen: [Groep]) -> ((String) -> BuildFout)? {
            var systemen = Set<UInt64>()
            for g in groepen {
                let fd = open(g.map, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                guard fd >= 0 else { return { .uitvoermapNietSchrijfbaar(map: $0) } }
                defer { close(fd) }
                var info = stat()
                guard fstat(fd, &info) == 0 else { return { .uitvoermapNietSchrijfbaar(map: $0) } }
                guard systemen.insert(UInt64(info.st_dev)).inserted else { continue }
                if let syncfs = Self.syncfs {
                    if syncfs(fd) != 0 { return { .uitvoermapNietSchrijfbaar(map: $0) } }
                    continue
                }
                // Without syncfs: every file of every group on this file system.
                for other in groepen {
                    for (t, _) in other.bestanden {
                        let f = open(t, O_RDONLY | O_CLOEXEC)
                        guard f >= 0, fsync(f) == 0 else {
                            if f >= 0 { close(f) }
                            return { .uitvoermapNietSchrijfbaar(map: $0) }
                        }
                        close(f)
                    }
                }
                break
            }
            return nil
        }

        /// Linux's `syncfs(2)`, looked up at run time: Swift's Glibc module does not declare it.
        private static let syncfs: (@convention(c) (Int32) -> Int32)? = {
            #if os(Linux)
            // RTLD_DEFAULT, which glibc defines as a null handle.
            guard let symbol = dlsym(nil, "syncfs") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
            #else
            return nil
            #endif
        }()
    }
}
