import CHunspell
import Foundation

/// A hunspell dictionary, through its C library. The only module that imports CHunspell.
///
/// Hunspell handles are not thread-safe; every call takes the lock.
public final class Hunspell: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = NSLock()
    private var cache: [String: Bool] = [:]

    /// Where Debian and others install hunspell dictionaries.
    public static let standardFolders = ["/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts"]

    /// Opens `<name>.aff` and `<name>.dic` from the first folder that has them.
    public init?(dictionary name: String = "nl", folders: [String] = standardFolders) {
        for folder in folders {
            let aff = "\(folder)/\(name).aff", dic = "\(folder)/\(name).dic"
            guard Self.exists(aff), Self.exists(dic), let h = Hunspell_create(aff, dic) else { continue }
            handle = h
            return
        }
        return nil
    }

    private static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    deinit { Hunspell_destroy(handle) }

    /// The Dutch dictionary, loaded once per process (loading takes a noticeable moment).
    public static let dutch: Hunspell? = Hunspell(dictionary: "nl")

    /// True when hunspell knows `word` (in the dictionary's encoding, UTF-8 for nl).
    public func spell(_ word: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let known = cache[word] { return known }
        let ok = Hunspell_spell(handle, word) != 0
        cache[word] = ok
        return ok
    }

    /// Up to `limit` suggestions for a misspelt word.
    public func suggest(_ word: String, limit: Int = 3) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let n = Hunspell_suggest(handle, &list, word)
        guard n > 0, let words = list else { return [] }
        defer { Hunspell_free_list(handle, &list, n) }
        return (0..<Int(n)).prefix(limit).compactMap { words[$0].map { String(cString: $0) } }
    }
}

extension Hunspell {
    /// A dictionary that is loaded only when a word is first looked up: loading the Dutch
    /// one takes about 70–110 ms, most of a `vip check`, and an aanvraag without prose
    /// never needs it. `prefetch()` starts the loading on a background thread, so that it
    /// overlaps with the rest of the checklist; a lookup waits for it.
    public final class Deferred: @unchecked Sendable {
        private enum State {
            case idle
            case loading
            case loaded(Hunspell?)
        }

        private let condition = NSCondition()
        private var state = State.idle
        private let load: @Sendable () -> Hunspell?

        /// Nil when no folder has the dictionary's files (checked without loading them).
        public init?(dictionary name: String = "nl", folders: [String] = Hunspell.standardFolders) {
            guard folders.contains(where: { Hunspell.exists("\($0)/\(name).aff") && Hunspell.exists("\($0)/\(name).dic") })
            else { return nil }
            load = { Hunspell(dictionary: name, folders: folders) }
        }

        /// The Dutch dictionary, shared by the process like `Hunspell.dutch`.
        public static let dutch: Deferred? = Deferred(dictionary: "nl")

        /// Whether the dictionary has been loaded already (or failed to load).
        public var isLoaded: Bool {
            condition.lock()
            defer { condition.unlock() }
            if case .loaded = state { return true }
            return false
        }

        /// Starts loading on a background thread, unless it has started already.
        public func prefetch() {
            condition.lock()
            defer { condition.unlock() }
            guard case .idle = state else { return }
            state = .loading
            let thread = Thread { [self] in finish(load()) }
            thread.start()
        }

        /// The loaded dictionary, loading it on this thread or waiting for the
        /// background load; nil when hunspell could not open the files.
        public var hunspell: Hunspell? {
            condition.lock()
            switch state {
            case .loaded(let h):
                condition.unlock()
                return h
            case .loading:
                while case .loading = state { condition.wait() }
                guard case .loaded(let h) = state else { fatalError("unreachable") }
                condition.unlock()
                return h
            case .idle:
                state = .loading
                condition.unlock()
                let h = load()
                finish(h)
                return h
            }
        }

        private func finish(_ h: Hunspell?) {
            condition.lock()
            state = .loaded(h)
            condition.broadcast()
            condition.unlock()
        }
    }
}
