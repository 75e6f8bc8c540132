import CHunspell
import Foundation

/// A hunspell dictionary, through its C library. The only module that imports CHunspell.
///
/// Hunspell handles are not thread-safe; every call takes the lock.
public final class Hunspell: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = NSLock()
    private var cache: [String: Bool] = [:]

    /// Opens `<name>.aff` and `<name>.dic` from the first folder that has them.
    public init?(dictionary name: String = "nl",
                 folders: [String] = ["/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts"]) {
        for folder in folders {
            let aff = "\(folder)/\(name).aff", dic = "\(folder)/\(name).dic"
            guard FileManager.default.fileExists(atPath: aff), FileManager.default.fileExists(atPath: dic),
                  let h = Hunspell_create(aff, dic) else { continue }
            handle = h
            return
        }
        return nil
    }

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
