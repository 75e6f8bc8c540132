import Foundation
import Testing
import VIPTestSupport
@testable import VIPSpelling

/// hunspell with the Dutch dictionary of Debian's hunspell-nl, as `vip check` uses it.
@Suite struct HunspellTests {
    @Test func knowsDutchWordsInflectionsAndCompounds() throws {
        let nl = try #require(Hunspell.dutch)
        for word in ["fiets", "fietsenstalling", "buurtbewoners", "vrijwilligers", "huiswerkbegeleiding", "Amsterdam",
                     "ĳs", "IJsland", "zesendertigste", "geëvalueerd", "zo’n"] {
            #expect(nl.spell(word), "\(word)")
        }
        for word in ["fietsenstaling", "vrijwiligers", "strukturele", "onstaan", "inisiatief", "buurtbewonrs"] {
            #expect(!nl.spell(word), "\(word)")
        }
    }

    /// Suggestions from the first, untimed methods (a missing or extra letter, two letters
    /// swapped); hunspell limits only its slower methods by the process's CPU time.
    @Test func suggestsTheWordMeant() throws {
        let nl = try #require(Hunspell.dutch)
        #expect(nl.suggest("fietsenstaling", limit: 4).contains("fietsenstalling"))
        #expect(nl.suggest("vrijwiligers", limit: 4).contains("vrijwilligers"))
        #expect(nl.suggest("bgeroting", limit: 4).contains("begroting"))
        #expect(nl.suggest("fietsenstalling").isEmpty == false || nl.spell("fietsenstalling"))
    }

    @Test func aMissingDictionaryIsNil() {
        #expect(Hunspell(dictionary: "nl", folders: ["/nonexistent"]) == nil)
        #expect(Hunspell.Deferred(dictionary: "nl", folders: ["/nonexistent"]) == nil)
    }

    /// A dictionary handed over from memory reads as the same files would.
    @Test func aDictionaryFromMemory() throws {
        let (aff, _) = try #require(Hunspell.files("nl", Hunspell.standardFolders))
        let h = try #require(Hunspell(affixPath: aff, dictionary: Array("2\nfiets/Za\nbuurt\n".utf8)))
        #expect(h.spell("fiets") && h.spell("buurt") && !h.spell("huis"))
    }
}

/// The partial dictionaries of `DictionaryIndex` answer exactly as the whole dictionary does.
@Suite struct DictionaryIndexTests {
    static let files = Hunspell.files("nl", Hunspell.standardFolders)

    /// An index in a folder of its own.
    func index() throws -> (DictionaryIndex, String) {
        let (aff, dic) = try #require(Self.files)
        let folder = Repo.tempDir("vip-woordenboek")
        return (try #require(DictionaryIndex.load(affixPath: aff, dictionaryPath: dic, cacheFolder: folder)), folder)
    }

    /// The words of every sample and fixture, and variants that exercise what hunspell does
    /// with them: capitals, inflections (one and two suffixes), compounds with and without a
    /// linking s or hyphen, misspellings, ĳ and ’.
    static func corpus(size: Int) -> [String] {
        var words: [String] = []
        for file in Repo.aanvragen + ["Samples/fondsendate.yaml"] {
            let text = String(decoding: Repo.bytes(file), as: UTF8.self)
            for w in text.split(whereSeparator: { !($0.isLetter || $0 == "-" || $0 == "'" || $0 == "’") })
            where w.count > 1 {
                words.append(String(w))
            }
        }
        var seen = Set<String>()
        let base = words.filter { seen.insert($0).inserted }
        let suffixes = ["", "en", "s", "e", "je", "jes", "tje", "heid", "er", "ste", "de", "te", "'s", "ing", "ingen"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(n))
        }
        var out = base
        while out.count < size {
            var w = base[next(base.count)].lowercased()
            switch next(8) {
            case 0: w += suffixes[next(suffixes.count)]
            case 1: w += ["", "s", "en", "-"][next(4)] + base[next(base.count)].lowercased()
            case 2 where w.count > 2:
                var c = Array(w)
                let i = next(c.count - 1)
                if next(2) == 0 { c.remove(at: i) } else { c.swapAt(i, i + 1) }
                w = String(c)
            case 3: w += suffixes[next(suffixes.count)] + suffixes[next(suffixes.count)]
            default: break
            }
            switch next(6) {
            case 0: w = w.prefix(1).uppercased() + w.dropFirst()
            case 1: w = w.uppercased()
            case 2: w = w.replacingOccurrences(of: "ij", with: "ĳ").replacingOccurrences(of: "'", with: "’")
            default: break
            }
            out.append(w)
        }
        return out
    }

    /// VIP_SPELLING_CORPUS=300000 repeats the larger comparison of issue 21 (a few minutes).
    @Test func partialDictionariesAnswerAsTheWholeOne() throws {
        let (index, folder) = try index()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let whole = try #require(Hunspell.dutch)
        let size = ProcessInfo.processInfo.environment["VIP_SPELLING_CORPUS"].flatMap { Int($0) } ?? 6000
        let words = Self.corpus(size: size)
        var mismatches: [String] = []
        var largest = 0
        for start in stride(from: 0, to: words.count, by: 800) {
            let batch = Array(words[start..<min(words.count, start + 800)])
            let (dictionary, lines) = index.dictionary(for: batch)
            largest = max(largest, lines)
            let partial = try #require(Hunspell(affixPath: index.affixPath, dictionary: dictionary))
            mismatches += batch.filter { partial.spell($0) != whole.spell($0) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
        // The point of it: a fraction of the dictionary per batch.
        #expect(largest < index.lineCount / 4, "\(largest) of \(index.lineCount) lines")
    }

    @Test func theIndexIsSavedAndMappedTheNextTime() throws {
        let (first, folder) = try index()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let saved = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".vip-index") }
        #expect(saved.count == 1)
        let again = try #require(DictionaryIndex.load(affixPath: first.affixPath, dictionaryPath: first.dictionaryPath,
                                                      cacheFolder: folder))
        let words = ["fietsenstalling", "Buurtbewoners", "vrijwilligers"]
        #expect(again.dictionary(for: words).bytes == first.dictionary(for: words).bytes)
        #expect(again.lineCount == first.lineCount)
    }

    /// A changed dictionary (another size or time) or a damaged index file makes a new index.
    @Test func aStaleOrDamagedIndexIsMadeAgain() throws {
        let (aff, dic) = try #require(Self.files)
        let folder = Repo.tempDir("vip-woordenboek")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: aff, toPath: folder + "/nl.aff")
        try FileManager.default.copyItem(atPath: dic, toPath: folder + "/nl.dic")
        let cache = folder + "/cache"
        let first = try #require(DictionaryIndex.load(affixPath: folder + "/nl.aff", dictionaryPath: folder + "/nl.dic",
                                                      cacheFolder: cache))
        let file = cache + "/" + DictionaryIndex.fileName(dictionaryPath: folder + "/nl.dic")
        #expect(FileManager.default.fileExists(atPath: file))

        // The dictionary gains a word: the old index no longer fits.
        let extra = try #require(FileManager.default.contents(atPath: folder + "/nl.dic")) + Data("zzqxwoord\n".utf8)
        try extra.write(to: URL(fileURLWithPath: folder + "/nl.dic"))
        let second = try #require(DictionaryIndex.load(affixPath: folder + "/nl.aff", dictionaryPath: folder + "/nl.dic",
                                                       cacheFolder: cache))
        #expect(second.lineCount == first.lineCount + 1)
        let partial = try #require(Hunspell(affixPath: second.affixPath,
                                            dictionary: second.dictionary(for: ["zzqxwoord"]).bytes))
        #expect(partial.spell("zzqxwoord"))

        // Half an index file (a crash while it was copied elsewhere): made again.
        let bytes = try #require(FileManager.default.contents(atPath: file))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: file))
        let third = try #require(DictionaryIndex.load(affixPath: folder + "/nl.aff", dictionaryPath: folder + "/nl.dic",
                                                      cacheFolder: cache))
        #expect(third.lineCount == second.lineCount)
        #expect(try FileManager.default.contents(atPath: file)?.count == bytes.count)
    }

    /// An affix file whose rules make hunspell look up other strings gets no index.
    @Test(arguments: ["IGNORE ­", "CHECKCOMPOUNDREP", "CHECKSHARPS", "SIMPLIFIEDTRIPLE", "ICONV 1\nICONV a b",
                      "CHECKCOMPOUNDPATTERN 1\nCHECKCOMPOUNDPATTERN o b z", "LANG tr_TR"])
    func unsupportedAffixFilesHaveNoIndex(line: String) throws {
        let folder = Repo.tempDir("vip-woordenboek")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "SET UTF-8\n\(line)\nSFX A Y 1\nSFX A 0 en .\n".write(toFile: folder + "/x.aff", atomically: true, encoding: .utf8)
        try "1\nfiets/A\n".write(toFile: folder + "/x.dic", atomically: true, encoding: .utf8)
        #expect(DictionaryIndex.load(affixPath: folder + "/x.aff", dictionaryPath: folder + "/x.dic", cacheFolder: folder) == nil)
        try "SET UTF-8\nSFX A Y 1\nSFX A 0 en .\n".write(toFile: folder + "/x.aff", atomically: true, encoding: .utf8)
        #expect(DictionaryIndex.load(affixPath: folder + "/x.aff", dictionaryPath: folder + "/x.dic", cacheFolder: folder) != nil)
    }

    /// Folding works one character at a time (what the index's exactness rests on) and
    /// merges what hunspell's conversions merge.
    @Test func foldingIsPerCharacter() {
        let parts = ["IJs", "ĳzer", "Ĳssel", "zo’n", "café", "İstanbul", "ılık", "KELVIN", "straße", "a b\\c", "𝄞", "€10"]
        for a in parts {
            for b in parts { #expect(Folding.fold(a + b) == Folding.fold(a) + Folding.fold(b), "\(a) \(b)") }
        }
        #expect(Folding.fold("IJsland") == Folding.fold("ĳsland"))
        #expect(Folding.fold("zo’n") == Folding.fold("zo'n"))
        #expect(Folding.fold("İ") == Folding.fold("i"))
        #expect(Folding.fold("\u{212A}") == Folding.fold("k"))  // Kelvin sign
        #expect(Folding.fold("aan laat") == Folding.fold("aanlaat"))
        #expect(Folding.fold("é") == Folding.fold("ë"))  // one class for other letters
    }
}

/// `Hunspell.Deferred`: the partial dictionary for prepared words, the whole one for the rest.
@Suite struct DeferredDictionaryTests {
    func deferred() throws -> (Hunspell.Deferred, String) {
        let folder = Repo.tempDir("vip-woordenboek")
        return (try #require(Hunspell.Deferred(dictionary: "nl", cacheFolder: folder)), folder)
    }

    @Test func preparedWordsNeedNotTheWholeDictionary() throws {
        let (d, folder) = try deferred()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        d.prepare(["fietsenstalling", "fietsenstaling", "Buurtbewoners", "buurtbewoners"])
        #expect(d.spell("fietsenstalling") && !d.spell("fietsenstaling") && d.spell("Buurtbewoners"))
        #expect(!d.isLoaded)
        // A word that was not prepared: the whole dictionary, the same answers.
        #expect(d.spell("huiswerkbegeleiding"))
        #expect(d.isLoaded)
        #expect(d.spell("fietsenstalling") && !d.spell("fietsenstaling"))
    }

    @Test func prefetchedWordsToo() throws {
        let (d, folder) = try deferred()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        d.prefetch(words: { ["vrijwilligers", "vrijwiligers"] })
        #expect(d.spell("vrijwilligers") && !d.spell("vrijwiligers"))
        #expect(!d.isLoaded)
    }

    @Test func suggestionsComeFromTheWholeDictionary() throws {
        let (d, folder) = try deferred()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        d.prepare(["fietsenstaling"])
        #expect(!d.spell("fietsenstaling"))
        #expect(d.suggest("fietsenstaling", limit: 4).contains("fietsenstalling"))
        #expect(d.isLoaded)
    }

    /// A whole course checked in one process: after some partial dictionaries the whole one
    /// is cheaper, and it is loaded once.
    @Test func manyAanvragenGiveWayToTheWholeDictionary() throws {
        let (d, folder) = try deferred()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var loadedAfter: Int?
        for i in 0..<20 where loadedAfter == nil {
            d.prepare(["fiets\(i)", "buurt"])
            #expect(d.spell("buurt"))
            if d.isLoaded { loadedAfter = i }
        }
        let after = try #require(loadedAfter)
        #expect(after > 1 && after < 20)
    }

    /// Without a cache folder there is no index: everything comes from the whole dictionary.
    @Test func withoutACacheFolderTheWholeDictionary() throws {
        let d = try #require(Hunspell.Deferred(dictionary: "nl", cacheFolder: nil))
        d.prepare(["fiets"])
        #expect(d.spell("fiets"))
        #expect(d.isLoaded)
    }
}
