import Foundation
import VIPChecklist
import VIPDocument
import VIPHash
import VIPModel
import VIPPlanning

/// A small deterministic generator (SplitMix64, Steele et al. 2014), so that the same `--zaad`
/// gives the same letters on every machine and every Swift version — the system generator
/// gives neither guarantee.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var toestand: UInt64
    public init(zaad: UInt64) { toestand = zaad }
    public mutating func next() -> UInt64 {
        toestand &+= 0x9E37_79B9_7F4A_7C15
        var z = toestand
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Fisher–Yates with this generator's own bounded draw (not the standard library's
    /// `shuffle`, whose algorithm is not promised to stay the same).
    public mutating func schud<T>(_ lijst: [T]) -> [T] {
        var a = lijst
        guard a.count > 1 else { return a }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            a.swapAt(i, j)
        }
        return a
    }
}

/// Why a review could not be made, or its rankings not combined; messages are Dutch.
/// Nothing is written in any case.
public enum ReviewFout: Error, Sendable, CustomStringConvertible {
    case leesfouten([LeesFout])
    /// Not three aanvragen, and no `--kies`.
    case geenDrie(gegeven: Int)
    /// `maak` got another number than three.
    case nietDrie(gegeven: Int)
    case kiesAantal(Int)
    case teWeinigOmTeKiezen(aantal: Int, gegeven: Int)
    /// An identifying string is still in a participant's copy.
    case lek(Lekcontrole.Lek)
    case document(RenderFout)
    case uitvoer(BuildFout)
    case bestandOnleesbaar(String)
    case docentenbladOnleesbaar(String)
    case geenDocentenblad(String)
    /// A line of the rankings CSV (`bestand:regel`) with the wrong number of fields.
    case rangordeVelden(bestand: String, regel: Int, letters: Int, velden: Int)
    case rangordeLetter(bestand: String, regel: Int, letter: String, letters: [String])
    case rangordeDubbel(bestand: String, regel: Int, letter: String)
    case geenRangorde(bestand: String)
    case referentie(letters: [String], detail: String)

    public var description: String {
        switch self {
        case .leesfouten(let fouten):
            return fouten.map(\.description).joined(separator: "\n")
        case .geenDrie(let n):
            return "Geef precies drie aanvragen (u gaf er \(n)), of gebruik --kies 3 met een groep aanvragen."
        case .nietDrie(let n):
            return "De peer-review heeft precies drie aanvragen nodig; u gaf er \(n). "
                + "Gebruik --kies 3 om drie aanvragen uit een grotere groep te laten kiezen."
        case .kiesAantal(let n):
            return "--kies \(n): de peer-review werkt met precies drie aanvragen (A, B en C); gebruik --kies 3."
        case .teWeinigOmTeKiezen(let aantal, let n):
            return "Voor --kies \(aantal) zijn minstens \(aantal) aanvragen nodig; er zijn er \(n)."
        case .lek(let lek):
            return "\(lek.description) Er is niets geschreven."
        case .document(let fout):
            return fout.description
        case .uitvoer(let fout):
            return fout.description
        case .bestandOnleesbaar(let bestand):
            return "\(bestand): dit bestand kan niet worden gelezen."
        case .docentenbladOnleesbaar(let pad):
            return "\(pad): het docentenblad kan niet worden gelezen."
        case .geenDocentenblad(let bestand):
            return "\(bestand): dit is geen docentenblad van `vip review` (het veld rangorde ontbreekt)."
        case .rangordeVelden(let bestand, let regel, let letters, let velden):
            return "\(bestand):\(regel): verwacht \(letters) letters (best eerst), eventueel na de naam "
                + "van de groep; deze regel heeft \(velden) velden."
        case .rangordeLetter(let bestand, let regel, let letter, let letters):
            return "\(bestand):\(regel): `\(letter)` is geen aanvraag; gebruik \(Tekst.opsomming(letters))."
        case .rangordeDubbel(let bestand, let regel, let letter):
            return "\(bestand):\(regel): aanvraag \(letter) staat twee keer in de rangorde; elke letter komt één keer voor."
        case .geenRangorde(let bestand):
            return "\(bestand): er staat geen enkele rangorde in."
        case .referentie(let letters, let detail):
            return "De rangordes kunnen niet worden gecombineerd: de referentierangorde bevat niet precies "
                + "de aanvragen \(Tekst.opsomming(letters)) (\(detail))."
        }
    }
}

/// `vip review`: three anonymised aanvragen for the groups, a rating form, and the docent's sheet.
public struct Peerreview: Sendable {
    public var checker: Checker
    public var anonimiseerder: Anonimiseerder
    public var sjablonen: TemplateSet
    /// The date in the documents' metadata (the executable passes SOURCE_DATE_EPOCH).
    public var klok: Klok

    public init(checker: Checker = Checker(), anonimiseerder: Anonimiseerder = Anonimiseerder(),
                sjablonen: TemplateSet = .standard, klok: Klok = Klok()) {
        self.checker = checker
        self.anonimiseerder = anonimiseerder
        self.sjablonen = sjablonen
        self.klok = klok
    }

    public static let letters = ["A", "B", "C"]

    /// What a run produces, in memory: nothing is written until the leak check has passed.
    public struct Uitvoer: Sendable {
        /// For `MAP/deelnemers/`.
        public var deelnemers: [Pakket.Uitvoer]
        /// For `MAP/docent/`.
        public var docent: [Pakket.Uitvoer]
        public var docentenblad: Docentenblad
        /// Letter → input file.
        public var toewijzing: [(letter: String, bestand: String)]
        /// The anonymised aanvragen by letter and their identifying strings, for tests and messages.
        public var geanonimiseerd: [String: Anonimiseerder.Resultaat]
        /// The seed the letters were shuffled with (`--zaad`, or derived from the content).
        public var zaad: UInt64
    }

    /// Reads and checks the files; a file that cannot be read stops everything (exit 2).
    public func lees(_ bestanden: [String]) throws(ReviewFout) -> [CheckResultaat] {
        let resultaten = bestanden.map { checker.check(path: $0) }
        let fouten = resultaten.compactMap(\.leesfout)
        if !fouten.isEmpty {
            throw .leesfouten(fouten)
        }
        return resultaten
    }

    /// `--kies 3 POOL…`: the three whose scores lie furthest apart (``Spread``).
    public func kies(_ pool: [CheckResultaat], aantal: Int = 3) throws(ReviewFout) -> [CheckResultaat] {
        guard aantal == 3 else {
            throw .kiesAantal(aantal)
        }
        guard pool.count >= aantal else {
            throw .teWeinigOmTeKiezen(aantal: aantal, gegeven: pool.count)
        }
        let scores = pool.map { Beoordeling(bestand: $0.bestand, bevindingen: $0.bevindingen).score }
        return Spread.select(scores: scores, count: aantal).indices.map { pool[$0] }
    }

    /// The text of an aanvraag as read (the file's bytes), which decides its letter.
    static func inhoud(_ r: CheckResultaat) -> [UInt8] { Array((r.aanvraag?.bron.tekst ?? "").utf8) }

    /// The aanvragen in an order that depends only on their content, never on the order of
    /// the arguments: by the hash of their text, then the text, then the file name (only
    /// byte-identical files tie there).
    public static func inhoudsvolgorde(_ resultaten: [CheckResultaat]) -> [CheckResultaat] {
        resultaten.map { r in
            let tekst = inhoud(r)
            return (hash: FNV1a64.hash(tekst), tekst: tekst, r: r)
        }
            .sorted { a, b in
                if a.hash != b.hash { return a.hash < b.hash }
                if a.tekst != b.tekst { return a.tekst.lexicographicallyPrecedes(b.tekst) }
                return a.r.bestand < b.r.bestand
            }
            .map(\.r)
    }

    /// The seed when the docent gives no `--zaad`: FNV-1a 64 over the texts in content order,
    /// each preceded by its length. The same three files give the same seed in any order;
    /// a change anywhere in one of them gives another, so which letter the best aanvraag
    /// gets cannot be told from the order of the arguments.
    public static func inhoudszaad(_ resultaten: [CheckResultaat]) -> UInt64 {
        var h = FNV1a64()
        for r in inhoudsvolgorde(resultaten) {
            let tekst = inhoud(r)
            h.voeg(withUnsafeBytes(of: UInt64(tekst.count).littleEndian) { Array($0) })
            h.voeg(tekst)
        }
        return h.waarde
    }

    /// The aanvragen in letter order (A, B, C) and the seed used: the content order shuffled
    /// by `zaad`, or by the content's own seed when `zaad` is nil.
    public static func schud(_ resultaten: [CheckResultaat], zaad: UInt64?) -> (geschud: [CheckResultaat], zaad: UInt64) {
        let zaad = zaad ?? inhoudszaad(resultaten)
        var rng = SplitMix64(zaad: zaad)
        return (rng.schud(inhoudsvolgorde(resultaten)), zaad)
    }

    /// Builds everything in memory for exactly three read aanvragen, shuffled by `zaad`
    /// (nil: derived from their content, see `inhoudszaad`).
    public func maak(_ resultaten: [CheckResultaat], zaad gegeven: UInt64? = nil) throws(ReviewFout) -> Uitvoer {
        guard resultaten.count == Self.letters.count else {
            throw .nietDrie(gegeven: resultaten.count)
        }
        let (geschud, zaad) = Self.schud(resultaten, zaad: gegeven)
        let letters = Self.letters
        let geanonimiseerd = anonimiseerder.anonimiseer(geschud.map { $0.aanvraag! },
                                                        namen: letters.map { "aanvraag-\($0)" })

        var deelnemers: [Pakket.Uitvoer] = []
        var termen: [Lekcontrole.Term] = []
        for (i, letter) in letters.enumerated() {
            let a = geanonimiseerd[i].aanvraag
            termen += geanonimiseerd[i].identificerend.map { Lekcontrole.Term($0, aanvraag: letter) }
            var docs: [(String, [Block])] = [("projectplan", ProjectplanBuilder.blocks(a)),
                                              ("begroting", BegrotingBuilder.blocks(a))]
            // The letter to the first fund that gets one (a refused fund gets none), decided on
            // the original: the anonymiser may rename funds.
            if let fonds = geschud[i].aanvraag?.brieffondsen.first { docs.append(("brief", BriefBuilder.blocks(a, fonds: fonds))) }
            for (naam, blocks) in docs {
                let doc = Self.deelnemersdocument(letter: letter, blocks: blocks, datum: klok.datum(a.brief.datum))
                deelnemers += try render(doc, naam: "aanvraag-\(letter)-\(naam)")
            }
        }
        deelnemers += try render(Beoordelingsformulier.document(letters: letters), naam: "beoordelingsformulier")

        // Before anything is written: no identifying string of any aanvraag in any participant file.
        do {
            try Lekcontrole.controleer(deelnemers.map { ($0.naam, $0.bytes) }, termen: termen)
        } catch {
            throw .lek(error)
        }

        let blad = Docentenblad(aanvragen: letters.enumerated().map { i, letter in
            Docentenblad.Toegewezen(letter: letter, beoordeling: Beoordeling(bestand: geschud[i].bestand,
                                                                             bevindingen: geschud[i].bevindingen))
        })
        var docent = try render(blad.document, naam: "docentenblad")
        docent.append(Pakket.Uitvoer(naam: "docentenblad.json", bytes: Array((blad.json.serialised() + "\n").utf8)))
        var perLetter: [String: Anonimiseerder.Resultaat] = [:]
        for (i, l) in letters.enumerated() { perLetter[l] = geanonimiseerd[i] }
        return Uitvoer(deelnemers: deelnemers, docent: docent, docentenblad: blad,
                       toewijzing: letters.enumerated().map { ($1, geschud[$0].bestand) }, geanonimiseerd: perLetter,
                       zaad: zaad)
    }

    /// A participant's copy: no metadata, no logo, a letterhead with only the letter.
    static func deelnemersdocument(letter: String, blocks: [Block], datum: String) -> Document {
        Document(metadata: Metadata(title: "", subject: "", creator: "", company: "", language: "nl-NL", date: datum),
                 letterhead: Letterhead(name: "Aanvraag \(letter)", logo: nil,
                                        footer: ["Geanonimiseerde kopie voor de peer-review"]),
                 blocks: blocks, concept: false)
    }

    func render(_ doc: Document, naam: String) throws(ReviewFout) -> [Pakket.Uitvoer] {
        do {
            return try renderAlle([(naam, doc)], formaten: [.odt, .docx], sjablonen: sjablonen)
        } catch {
            throw .document(error)
        }
    }

    /// Writes `MAP/deelnemers/` and `MAP/docent/`, each file safely (temp + rename).
    public static func schrijf(_ uitvoer: Uitvoer, naar map: String, invoer: [String]) throws(ReviewFout) {
        let deelnemers = (map as NSString).appendingPathComponent("deelnemers")
        let docent = (map as NSString).appendingPathComponent("docent")
        do {
            for m in [map, deelnemers, docent] { try Uitvoermap.controleer(m, invoer: invoer) }
            try Uitvoermap.schrijf(uitvoer.deelnemers, naar: deelnemers)
            try Uitvoermap.schrijf(uitvoer.docent, naar: docent)
        } catch {
            throw .uitvoer(error)
        }
    }
}
