import Foundation
import VIPChecklist
import VIPDocument
import VIPModel
import VIPZip

/// Options of `vip build`.
public struct BuildOpties: Sendable {
    public var uit: String?
    public var formaten: [DocumentFormat] = [.odt, .docx]
    public var concept = false
    public var pdf = false
    public var sjablonen: TemplateSet = .standard
    /// The date in the documents' metadata (the executable passes SOURCE_DATE_EPOCH).
    public var klok = Klok()
    /// The fund register: the call sheet after a refusal lists its fitting funds (`--register`).
    public var register: Fondsenregister?
    /// The date the register is searched on (`--datum`); nil: the date of the fund's besluit,
    /// else the letter's, so that the same input still gives the same files.
    public var datum: Datum?
    /// Render the documents on every core at once (`vip build`: one user waits for one
    /// package). The server leaves it off: its requests already share the cores.
    public var gelijktijdig = false
    public init() {}
}

/// The outcome of building one aanvraag; the executable turns it into lines and an
/// exit code.
public struct BuildResultaat: Sendable {
    public enum Uitkomst: Sendable {
        /// Every file was written to `map` (full paths in `geschreven`).
        case gebouwd(map: String, geschreven: [String])
        /// Not built: the aanvraag has these fouten and `--concept` was not given.
        case nietAf(fouten: [Bevinding])
        /// Not built: the aanvraag or the output could not be used.
        case mislukt(BuildFout)
    }

    public var bestand: String
    public var uitkomst: Uitkomst
    public var concept = false
    /// Funds that got no letter and no zip, and why.
    public var geenBrief: [GeenBrief] = []
    /// What the build's checker found: with the default checker (`Bouwer.foutenchecker`) the fouten
    /// and whatever else the rules that report fouten found.
    public var bevindingen: [Bevinding] = []
    /// The group of a batch (`Uitvoermap.Partij`) whose files wait for their names there.
    public var groep: Int?
}

/// A fund that gets no letter and no zip in the package, and why.
public struct GeenBrief: Sendable, Equatable, CustomStringConvertible {
    public enum Reden: Sendable, Equatable {
        /// The dekkingsplan says the fund refused the aanvraag: a new letter would ask
        /// again for money already refused. It still stands in the fondsenlijst.
        case afgewezen
    }

    public var fonds: String
    public var reden: Reden

    public init(fonds: String, reden: Reden) {
        self.fonds = fonds
        self.reden = reden
    }

    public var description: String {
        switch reden {
        case .afgewezen: return "Geen brief voor \(fonds): dit fonds heeft de aanvraag afgewezen (dekkingsplan)."
        }
    }
}

/// Why a build, or the writing of its output, could not be done. The messages are Dutch
/// and name the file; every case means "nothing was written".
public enum BuildFout: Error, Sendable, CustomStringConvertible {
    case leesfout(LeesFout)
    /// The logo named at `organisatie.logo` is missing or not a PNG or JPEG image.
    case logo(bestand: String, mark: SourceMark?, pad: String, bestaat: Bool)
    /// A document could not be rendered (`bron` is the input file).
    case document(bron: String, RenderFout)
    /// A fund's zip could not be made.
    case zip(bron: String, naam: String, ZipError)
    case uitvoermapBevatInvoer(map: String, invoer: String)
    case uitvoermapNietTeMaken(map: String, reden: Uitvoermap.Reden)
    case uitvoermapNietSchrijfbaar(map: String)
    case hernoemen(doel: String, errno: Int32)
    case pdfZonderLibreOffice
    /// `detail` is Foundation's own description of the failure.
    case pdfTijdelijkeBestanden(detail: String)
    case pdfStart(detail: String)
    case pdfOntbreekt(bestand: String)

    public var description: String {
        switch self {
        case .leesfout(let fout):
            return fout.description
        case .logo(let bestand, let mark, let pad, let bestaat):
            return Meldingsregel.tekst(bestand: bestand, mark: mark, ernst: "leesfout", melding: "het logo \(pad) "
                + (bestaat ? "is geen PNG- of JPEG-afbeelding." : "bestaat niet (pad vanaf de map van de aanvraag)."))
        case .document(let bron, let fout):
            return "\(bron): \(fout)"
        case .zip(let bron, let naam, let fout):
            return "\(bron): \(naam) kon niet worden gemaakt: \(fout)"
        case .uitvoermapBevatInvoer(let map, let invoer):
            return "De uitvoermap \(map) bevat de aanvraag \(invoer) zelf. Kies een aparte map, "
                + "bijvoorbeeld --uit \((map as NSString).appendingPathComponent("uit")); vip schrijft nooit naast of "
                + "over uw invoer."
        case .uitvoermapNietTeMaken(let map, let reden):
            return "De uitvoermap \(map) kan niet worden gemaakt: \(reden). Er is niets geschreven."
        case .uitvoermapNietSchrijfbaar(let map):
            return "In de uitvoermap \(map) kan niet worden geschreven (schrijfrechten? schijf vol?). "
                + "Er is niets geschreven."
        case .hernoemen(let doel, let errno):
            return "\(doel) kon niet worden geschreven: \(String(cString: strerror(errno)))."
        case .pdfZonderLibreOffice:
            return "Voor --pdf is LibreOffice nodig, maar `soffice` is niet gevonden. Installeer het "
                + "(Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui) of laat --pdf weg; er is niets geschreven."
        case .pdfTijdelijkeBestanden(let detail):
            return "Tijdelijke bestanden voor --pdf konden niet worden geschreven: \(detail)"
        case .pdfStart(let detail):
            return "LibreOffice kon niet worden gestart: \(detail)"
        case .pdfOntbreekt(let bestand):
            return "LibreOffice heeft geen PDF gemaakt van \(bestand); er is niets geschreven."
        }
    }
}

/// Where the files an aanvraag names (its logo, its bijlagen) come from: the aanvraag's folder
/// (`vip build`), or the files stored with one version (the server).
public protocol Bestandsbron: Sendable {
    /// The bytes of the file the aanvraag names as `pad`; nil when there is none.
    func inhoud(_ pad: String) -> [UInt8]?
    /// Whether there is such a file (without reading it, where the source can).
    func bestaat(_ pad: String) -> Bool
}

extension Bestandsbron {
    public func bestaat(_ pad: String) -> Bool { inhoud(pad) != nil }
}

/// The files beside the aanvraag: `pad` is relative to its folder.
public struct Mapbron: Bestandsbron {
    public var map: String
    public init(_ map: String) { self.map = map }
    public func inhoud(_ pad: String) -> [UInt8]? {
        FileManager.default.contents(atPath: (map as NSString).appendingPathComponent(pad)).map { [UInt8]($0) }
    }

    public func bestaat(_ pad: String) -> Bool {
        var isMap: ObjCBool = false
        let vol = (map as NSString).appendingPathComponent(pad)
        return FileManager.default.fileExists(atPath: vol, isDirectory: &isMap) && !isMap.boolValue
            && FileManager.default.isReadableFile(atPath: vol)
    }
}

/// Assembles the application package of one aanvraag (cli.md, "The application package").
public struct Pakket: Sendable {
    /// One output file: its name in the folder and its bytes.
    public struct Uitvoer: Sendable {
        public var naam: String
        public var bytes: [UInt8]
    }

    public var aanvraag: Aanvraag
    /// Logo and bijlagen.
    public var bron: any Bestandsbron
    public var opties: BuildOpties

    public init(aanvraag: Aanvraag, bron: any Bestandsbron, opties: BuildOpties) {
        self.aanvraag = aanvraag
        self.bron = bron
        self.opties = opties
    }

    /// `map` is the folder of the aanvraag file, where logo and bijlagen are looked up.
    public init(aanvraag: Aanvraag, map: String, opties: BuildOpties) {
        self.init(aanvraag: aanvraag, bron: Mapbron(map), opties: opties)
    }

    /// File-name part for a fund: "Oranje Fonds" → "oranje-fonds".
    public static func slug(_ naam: String) -> String {
        var out = ""
        // Letters with diacritics lose them ("Fondsen voor Één" → "fondsen-voor-een"): the
        // first scalar of a canonical decomposition, without loading ICU's locale data.
        for c in naam.lowercased() {
            let base = c.isASCII ? c : Character(c.unicodeScalars.first.map(Self.baseLetter) ?? " ")
            if base.isASCII && (base.isLetter || base.isNumber) { out.append(base) } else if !out.hasSuffix("-") { out.append("-") }
        }
        while out.hasSuffix("-") { out.removeLast() }
        while out.hasPrefix("-") { out.removeFirst() }
        return out.isEmpty ? "fonds" : String(out.prefix(60))
    }

    /// The ASCII letter under a Latin letter with a diacritic (é → e, ç → c, ş → s, ı → i).
    static func baseLetter(_ u: Unicode.Scalar) -> Unicode.Scalar {
        let table: [(String, Unicode.Scalar)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"),
            ("ŕŗř", "r"), ("śŝşšș", "s"), ("ţťŧț", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ]
        for (letters, base) in table where letters.unicodeScalars.contains(u) { return base }
        return u
    }

    /// Unique slugs per fund, in order (two funds with the same slug get -2, -3).
    public var fondsSlugs: [String] {
        var seen: [String: Int] = [:]
        return aanvraag.fondsen.map { f in
            let s = Self.slug(f.naam ?? "fonds")
            seen[s, default: 0] += 1
            return seen[s]! == 1 ? s : "\(s)-\(seen[s]!)"
        }
    }

    /// Funds that get no letter and no zip: those whose dekkingsplan entry says
    /// `afgewezen`. They still stand in the fondsenlijst, with that status.
    public var geenBrief: [GeenBrief] {
        aanvraag.fondsen.indices.compactMap { i in
            guard aanvraag.isAfgewezen(fonds: i), let naam = aanvraag.fondsen[i].naam else { return nil }
            return GeenBrief(fonds: naam, reden: .afgewezen)
        }
    }

    func huisstijl() throws(BuildFout) -> Huisstijl {
        var logo: Image?
        if let pad = aanvraag.organisatie.logo {
            let bytes = bron.inhoud(pad)
            guard let bytes, let beeld = Logo.lees(bytes, beschrijving: "Logo \(aanvraag.organisatie.naam ?? "")") else {
                throw .logo(bestand: aanvraag.bron.bestand, mark: aanvraag.bron.locate("organisatie.logo"), pad: pad,
                            bestaat: bytes != nil)
            }
            logo = beeld
        }
        return Huisstijl(aanvraag: aanvraag, logo: logo, concept: opties.concept, klok: opties.klok)
    }

    /// Every output file, made in memory first so that a failure writes nothing.
    public func maak() throws(BuildFout) -> [Uitvoer] {
        let (documenten, metBrief) = try self.documenten()
        var rendered: [String: [UInt8]] = [:]
        for f in documenten { rendered[f.naam] = f.bytes }
        let bijlagen = bijlagen().compactMap { naam, pad in bron.inhoud(pad).map { ZipEntry(name: naam, data: $0) } }
        // (`bijlagen()` only names files that exist, so the numbering is the same as before.)
        var files = documenten
        for (_, slug) in metBrief {
            let naam = Namen.zip(slug)
            do {
                files.append(Uitvoer(naam: naam, bytes: try ZipWriter.archive(fondsDocumenten(slug, rendered) + bijlagen)))
            } catch {
                throw .zip(bron: aanvraag.bron.bestand, naam: naam, error)
            }
        }
        return files
    }

    /// One file of a package made on disk: a document in memory, or a fund's zip in the work folder.
    public enum Schijfuitvoer: Sendable {
        case bytes(Uitvoer)
        case bestand(naam: String, pad: String)

        public var naam: String {
            switch self {
            case .bytes(let u): return u.naam
            case .bestand(let naam, _): return naam
            }
        }
    }

    /// The same files as `maak`, byte for byte, with every fund's zip written into `werkmap`
    /// (which the caller removes): each bijlage is read from its source once, deflated once into
    /// the folder, and added to every fund's zip from there, so about one file is in memory at
    /// a time however large the bijlagen are (the server builds packages this way).
    public func maakOpSchijf(werkmap: String) throws(BuildFout) -> [Schijfuitvoer] {
        let (documenten, metBrief) = try self.documenten()
        var rendered: [String: [UInt8]] = [:]
        for f in documenten { rendered[f.naam] = f.bytes }
        var voorbereid: [ZipStroomEntry] = []
        for (nr, (naam, pad)) in bijlagen().enumerated() {
            guard let data = bron.inhoud(pad) else { continue }
            let ruw = (werkmap as NSString).appendingPathComponent("bijlage-\(nr)")
            guard FileManager.default.createFile(atPath: ruw, contents: Data(data)) else {
                throw .uitvoermapNietSchrijfbaar(map: werkmap)
            }
            do {
                let deel = try ZipVoorbereid.maak(data, bron: ruw, pad: ruw + ".deflate")
                voorbereid.append(.voorbereid(name: naam, deel))
            } catch {
                throw .zip(bron: aanvraag.bron.bestand, naam: naam, error)
            }
        }
        var uit = documenten.map(Schijfuitvoer.bytes)
        for (_, slug) in metBrief {
            let naam = Namen.zip(slug)
            let pad = (werkmap as NSString).appendingPathComponent(naam)
            do {
                try ZipWriter.write(fondsDocumenten(slug, rendered).map(ZipStroomEntry.geheugen) + voorbereid, naar: pad)
            } catch {
                throw .zip(bron: aanvraag.bron.bestand, naam: naam, error)
            }
            uit.append(.bestand(naam: naam, pad: pad))
        }
        return uit
    }

    /// The documents (letters, projectplan, begroting, fondsenlijst) in every format asked for,
    /// and the funds that get a letter (by index and unique slug).
    func documenten() throws(BuildFout) -> (files: [Uitvoer], metBrief: [(Int, String)]) {
        let stijl = try huisstijl()
        let afgewezen = Set(geenBrief.map(\.fonds))
        // Funds with a letter, by index and unique slug (a refused fund keeps its slug,
        // so the other funds' file names do not depend on it).
        let metBrief = zip(aanvraag.fondsen.indices, fondsSlugs).filter { i, _ in
            aanvraag.fondsen[i].naam.map { !afgewezen.contains($0) } ?? true
        }
        var docs: [(naam: String, document: Document)] = []
        for (i, slug) in metBrief {
            docs.append((Namen.brief(slug), BriefBuilder.document(aanvraag, fonds: i, huisstijl: stijl)))
        }
        docs.append((Namen.projectplan, ProjectplanBuilder.document(aanvraag, huisstijl: stijl)))
        docs.append((Namen.begroting, BegrotingBuilder.document(aanvraag, huisstijl: stijl)))
        docs.append((Namen.fondsenlijst, FondsenlijstBuilder.document(aanvraag, huisstijl: stijl)))
        docs += naHetBesluit(huisstijl: stijl)
        do {
            return (try renderAlle(docs, formaten: opties.formaten, sjablonen: opties.sjablonen,
                                  gelijktijdig: opties.gelijktijdig), metBrief)
        } catch {
            throw .document(bron: aanvraag.bron.bestand, error)
        }
    }

    /// Bijlage files in every fund's zip, under bijlagen/: (name in the zip, path as the aanvraag
    /// names it). A file named twice (a checklist fout, bijlage_dubbel) goes in once; two files
    /// with the same last part get a number.
    func bijlagen() -> [(naam: String, pad: String)] {
        var namen = Set<String>()
        var paden = Set<String>()
        var uit: [(String, String)] = []
        for b in aanvraag.bijlagen {
            guard let pad = b.bestand, paden.insert(pad).inserted, bron.bestaat(pad) else { continue }
            var naam = "bijlagen/" + (pad as NSString).lastPathComponent
            var n = 2
            while namen.contains(naam) { naam = "bijlagen/\(n)-" + (pad as NSString).lastPathComponent; n += 1 }
            namen.insert(naam)
            uit.append((naam, pad))
        }
        return uit
    }

    /// A fund's letter and the shared documents, in every format, stored: documents are zips
    /// already; storing them again saves time and no space is lost.
    func fondsDocumenten(_ slug: String, _ rendered: [String: [UInt8]]) -> [ZipEntry] {
        var entries: [ZipEntry] = []
        for formaat in opties.formaten {
            for stam in [Namen.brief(slug)] + Namen.gedeeld {
                let name = Namen.bestand(stam, formaat)
                entries.append(ZipEntry(name: name, data: rendered[name]!, method: .stored))
            }
        }
        return entries
    }
}

extension Pakket {
    /// The names of the package's files (cli.md, "The application package"), in one
    /// place: the output folder and every fund's zip use these.
    public enum Namen {
        /// The letter to one fund: `brief-<fonds>`.
        public static func brief(_ slug: String) -> String { "brief-\(slug)" }
        public static let projectplan = "projectplan"
        public static let begroting = "begroting"
        public static let fondsenlijst = "fondsenlijst"
        /// The documents every fund's zip holds besides its letter, in this order.
        public static let gedeeld = [projectplan, begroting, fondsenlijst]
        /// One fund's zip, ready to send: `aanvraag-<fonds>.zip`.
        public static func zip(_ slug: String) -> String { "aanvraag-\(slug).zip" }
        /// A document's file name in one format: `projectplan.odt`.
        public static func bestand(_ stam: String, _ formaat: DocumentFormat) -> String {
            "\(stam).\(formaat.fileExtension)"
        }
    }
}

/// `vip build` for several aanvragen: each in its own subfolder when there are several.
public struct Bouwer: Sendable {
    public var checker: Checker
    public var opties: BuildOpties

    /// The build only needs to know whether there are fouten: the default checker runs only
    /// the rules that report fouten, without the dictionary (spelling is never a fout).
    public init(checker: Checker = Bouwer.foutenchecker, opties: BuildOpties) {
        self.checker = checker
        self.opties = opties
    }

    public static let foutenchecker: Checker = {
        var c = Checker(spelling: nil)
        c.alleenFouten = true
        return c
    }()

    public func uitvoermap(voor bestand: String, meerdere: Bool) -> String {
        let stem = ((bestand as NSString).lastPathComponent as NSString).deletingPathExtension
        if let uit = opties.uit { return meerdere ? (uit as NSString).appendingPathComponent(stem) : uit }
        let dir = (bestand as NSString).deletingLastPathComponent
        let base = ((dir.isEmpty ? "." : dir) as NSString).appendingPathComponent("uit")
        return meerdere ? (base as NSString).appendingPathComponent(stem) : base
    }

    /// Builds one aanvraag and writes its files, on disk before this returns.
    public func build(_ bestand: String, meerdere: Bool = false, alleInvoer: [String]? = nil) -> BuildResultaat {
        let partij = Uitvoermap.Partij()
        var r = build(bestand, meerdere: meerdere, invoer: Uitvoermap.Invoermappen(alleInvoer ?? [bestand]), partij: partij)
        let fouten = partij.voltooi()
        if let g = r.groep, let fout = fouten[g] { r.uitkomst = .mislukt(fout) }
        return r
    }

    /// Builds one aanvraag into `partij`: its files get their names at `partij.voltooi()`,
    /// which may still fail them (`.gebouwd` means written under temporary names until then).
    public func build(_ bestand: String, meerdere: Bool, invoer: Uitvoermap.Invoermappen,
                      partij: Uitvoermap.Partij) -> BuildResultaat {
        schrijf(bereidVoor(bestand, meerdere: meerdere, invoer: invoer), partij: partij)
    }

    /// One aanvraag built in memory, not yet written: its files and where they go, or the
    /// outcome already (not af, or it failed).
    public struct Voorbereid: Sendable {
        var resultaat: BuildResultaat
        var files: [Pakket.Uitvoer] = []
    }

    /// `bereidVoor` for several aanvragen, in order; with `opties.gelijktijdig` (and no `--pdf`,
    /// which starts LibreOffice) on every core at once. Nothing is written.
    public func bereidVoor(_ bestanden: [String], meerdere: Bool, invoer: Uitvoermap.Invoermappen) -> [Voorbereid] {
        inVolgorde(bestanden.count, gelijktijdig: opties.gelijktijdig && !opties.pdf) {
            bereidVoor(bestanden[$0], meerdere: meerdere, invoer: invoer)
        }
    }

    /// Reads and checks one aanvraag and makes its files in memory; writes nothing.
    public func bereidVoor(_ bestand: String, meerdere: Bool, invoer: Uitvoermap.Invoermappen) -> Voorbereid {
        let r = checker.check(path: bestand)
        if let e = r.leesfout { return Voorbereid(resultaat: BuildResultaat(bestand: bestand, uitkomst: .mislukt(.leesfout(e)))) }
        let a = r.aanvraag!
        if !r.bevindingen.isAf && !opties.concept {
            return Voorbereid(resultaat: BuildResultaat(bestand: bestand, uitkomst: .nietAf(fouten: r.bevindingen.filter { $0.ernst == .fout }),
                                                        bevindingen: r.bevindingen))
        }
        let map = uitvoermap(voor: bestand, meerdere: meerdere)
        do {
            try Uitvoermap.controleer(map, invoer: invoer)
            let dir = (bestand as NSString).deletingLastPathComponent
            let pakket = Pakket(aanvraag: a, map: dir.isEmpty ? "." : dir, opties: opties)
            var files = try pakket.maak()
            if opties.pdf {
                // One PDF per document: from the ODT when it was made, else from the DOCX.
                let bron = opties.formaten.contains(.odt) ? ".odt" : ".docx"
                files += try PDF.converteer(files.filter { $0.naam.hasSuffix(bron) })
            }
            return Voorbereid(resultaat: BuildResultaat(bestand: bestand,
                                                        uitkomst: .gebouwd(map: map, geschreven: files.map {
                                                            (map as NSString).appendingPathComponent($0.naam)
                                                        }),
                                                        concept: opties.concept, geenBrief: pakket.geenBrief,
                                                        bevindingen: r.bevindingen),
                              files: files)
        } catch {
            return Voorbereid(resultaat: BuildResultaat(bestand: bestand, uitkomst: .mislukt(error)))
        }
    }

    /// Writes a prepared aanvraag's files into `partij` (temporary names until `voltooi`).
    public func schrijf(_ v: Voorbereid, partij: Uitvoermap.Partij) -> BuildResultaat {
        var r = v.resultaat
        guard case .gebouwd(let map, _) = r.uitkomst else { return r }
        do {
            r.groep = try partij.voegToe(v.files, naar: map)
        } catch {
            return BuildResultaat(bestand: r.bestand, uitkomst: .mislukt(error))
        }
        return r
    }
}
