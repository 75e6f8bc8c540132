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
    public convenience init?(dictionary name: String = "nl", folders: [String] = standardFolders) {
        guard let (aff, dic) = Self.files(name, folders) else { return nil }
        self.init(affixPath: aff, dictionaryPath: dic)
    }

    /// Opens an affix file and a dictionary file.
    public init?(affixPath: String, dictionaryPath: String) {
        guard let h = Hunspell_create(affixPath, dictionaryPath) else { return nil }
        handle = h
    }

    /// Opens an affix file with a dictionary made in memory (`DictionaryIndex`), handed to
    /// hunspell as an anonymous in-memory file, or a temporary file where there is none.
    public convenience init?(affixPath: String, dictionary: [UInt8]) {
        var fd = vip_memfd_create("vip-woordenboek")
        var path = "/proc/self/fd/\(fd)"
        var temporary: String?
        if fd < 0 {
            var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("vip-woordenboek-XXXXXX").utf8CString)
            fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else { return nil }
            path = String(cString: template)
            temporary = path
        }
        defer {
            close(fd)
            if let temporary { unlink(temporary) }
        }
        let written = dictionary.withUnsafeBytes { raw -> Bool in
            var o = 0
            while o < raw.count {
                let n = write(fd, raw.baseAddress! + o, raw.count - o)
                if n <= 0 { return false }
                o += n
            }
            return true
        }
        // Hunspell reads the whole file while it is created; the file can go right after.
        guard written else { return nil }
        self.init(affixPath: affixPath, dictionaryPath: path)
    }

    /// `<name>.aff` and `<name>.dic` in the first folder that has both.
    static func files(_ name: String, _ folders: [String]) -> (affix: String, dictionary: String)? {
        for folder in folders {
            let aff = "\(folder)/\(name).aff", dic = "\(folder)/\(name).dic"
            if exists(aff) && exists(dic) { return (aff, dic) }
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
    /// A dictionary that loads no more than it needs, when it needs it. Loading the whole
    /// Dutch dictionary takes 70–110 ms, most of a `vip check`, so:
    ///
    /// - Told beforehand which words will be looked up (`prepare`, or `prefetch(words:)` on a
    ///   second core while the rest of the checklist runs), it loads only the dictionary lines
    ///   hunspell can consult for them (`DictionaryIndex`), and answers those words from that.
    /// - Anything else, and every suggestion (hunspell's suggestions scan the whole dictionary),
    ///   loads the whole dictionary, once; so an aanvraag with a misspelt word still costs it.
    ///   `prefetch()` starts that load on a background thread.
    /// - After some partial dictionaries (a `vip check` of a whole course), the whole one is
    ///   cheaper than more partial ones, and it is loaded instead.
    public final class Deferred: @unchecked Sendable {
        private enum State {
            case idle
            case loading
            case loaded(Hunspell?)
        }

        /// The dictionary of the prepared words, and which words it answers for.
        private struct Partial {
            var hunspell: Hunspell
            var words: Set<String>
        }

        private let condition = NSCondition()
        private var state = State.idle
        private var partial: Partial?
        private var preparing = false
        /// Lines loaded into partial dictionaries so far, with a charge for each affix file read.
        private var partialCost = 0
        private var index: DictionaryIndex??
        private let load: @Sendable () -> Hunspell?
        private let loadIndex: @Sendable () -> DictionaryIndex?
        private let affixPath: String

        /// Nil when no folder has the dictionary's files (checked without loading them). The
        /// index of the dictionary is kept in `cacheFolder` (nil: no partial dictionaries).
        public init?(dictionary name: String = "nl", folders: [String] = Hunspell.standardFolders,
                     cacheFolder: String? = Deferred.standardCacheFolder) {
            guard let (aff, dic) = Hunspell.files(name, folders) else { return nil }
            affixPath = aff
            load = { Hunspell(affixPath: aff, dictionaryPath: dic) }
            loadIndex = {
                guard let cacheFolder else { return nil }
                return DictionaryIndex.load(affixPath: aff, dictionaryPath: dic, cacheFolder: cacheFolder)
            }
        }

        /// The Dutch dictionary, shared by the process like `Hunspell.dutch`.
        public static let dutch: Deferred? = Deferred(dictionary: "nl")

        /// `$XDG_CACHE_HOME/vip`, else `~/.cache/vip`; nil without a home folder.
        public static var standardCacheFolder: String? {
            let env = ProcessInfo.processInfo.environment
            if let xdg = env["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/vip" }
            if let home = env["HOME"], home.hasPrefix("/") { return home + "/.cache/vip" }
            return nil
        }

        /// Whether the whole dictionary has been loaded already (or failed to load).
        public var isLoaded: Bool {
            condition.lock()
            defer { condition.unlock() }
            if case .loaded = state { return true }
            return false
        }

        /// Starts loading the whole dictionary on a background thread, unless it has started already.
        public func prefetch() {
            condition.lock()
            defer { condition.unlock() }
            guard case .idle = state else { return }
            state = .loading
            let thread = Thread { [self] in finish(load()) }
            thread.start()
        }

        /// `prepare(words())` on a background thread.
        public func prefetch(words: @escaping @Sendable () -> [String]) {
            condition.lock()
            defer { condition.unlock() }
            guard case .idle = state, !preparing else { return }
            preparing = true
            let thread = Thread { [self] in makePartial(words()) }
            thread.start()
        }

        /// Makes the lookups of exactly these words (each as it will be looked up, so a word
        /// and, when it is looked up too, its lower-case form) cheap: loads the dictionary
        /// lines hunspell can consult for them. Waits for a preparation under way.
        public func prepare(_ words: [String]) {
            condition.lock()
            guard case .idle = state else {
                condition.unlock()
                return
            }
            while preparing { condition.wait() }
            if let partial, words.allSatisfy(partial.words.contains) {
                condition.unlock()
                return
            }
            preparing = true
            condition.unlock()
            makePartial(words)
        }

        /// Builds the partial dictionary and publishes it (`preparing` is set). Without an
        /// index, or when partial dictionaries have cost about half of the whole one already,
        /// it loads the whole dictionary instead.
        private func makePartial(_ words: [String]) {
            guard !words.isEmpty else { return done(nil) }
            condition.lock()
            let known = index
            let wholeIsCheaper = partialCost > 90_000
            condition.unlock()
            let index = known ?? loadIndex()
            condition.lock()
            self.index = .some(index)
            condition.unlock()
            guard !wholeIsCheaper, let index else {
                condition.lock()
                let start = { if case .idle = self.state { return true } else { return false } }()
                if start { state = .loading }
                condition.unlock()
                done(nil)
                if start { finish(load()) }
                return
            }
            let (dictionary, lines) = index.dictionary(for: words)
            let made = Hunspell(affixPath: affixPath, dictionary: dictionary).map { Partial(hunspell: $0, words: Set(words)) }
            condition.lock()
            // Reading the affix file costs about what 10 000 dictionary lines do.
            partialCost += lines + 10_000
            condition.unlock()
            done(made)
        }

        private func done(_ made: Partial?) {
            condition.lock()
            preparing = false
            if let made { partial = made }
            condition.broadcast()
            condition.unlock()
        }

        /// True when hunspell knows `word`: from the partial dictionary when `word` was
        /// prepared, else from the whole one.
        public func spell(_ word: String) -> Bool {
            condition.lock()
            if case .loaded(let h) = state {
                condition.unlock()
                return h?.spell(word) ?? true
            }
            while preparing { condition.wait() }
            if let partial, partial.words.contains(word) {
                condition.unlock()
                return partial.hunspell.spell(word)
            }
            condition.unlock()
            return hunspell?.spell(word) ?? true
        }

        /// Suggestions always come from the whole dictionary.
        public func suggest(_ word: String, limit: Int) -> [String] {
            hunspell?.suggest(word, limit: limit) ?? []
        }

        /// The whole dictionary, loading it on this thread or waiting for the background
        /// load; nil when hunspell could not open the files.
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
