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
    public init() {}
}

/// The outcome of building one aanvraag.
public struct BuildResultaat: Sendable {
    public var bestand: String
    public var exitCode: Int32
    /// Written files, relative to the output folder's parent for display.
    public var geschreven: [String] = []
    /// What to tell the user (Dutch), one line or several.
    public var melding: String
    public var bevindingen: [Bevinding] = []
}

/// Why a build could not be done; all Dutch.
public struct BuildFout: Error, Sendable, CustomStringConvertible {
    public var melding: String
    public var exitCode: Int32 = 2
    public var description: String { melding }
}

/// Assembles the application package of one aanvraag (cli.md, "The application package").
public struct Pakket: Sendable {
    /// One output file: its name in the folder and its bytes.
    public struct Uitvoer: Sendable {
        public var naam: String
        public var bytes: [UInt8]
    }

    public var aanvraag: Aanvraag
    public var map: String  // folder of the aanvraag file, for logo and bijlagen
    public var opties: BuildOpties

    public init(aanvraag: Aanvraag, map: String, opties: BuildOpties) {
        self.aanvraag = aanvraag
        self.map = map
        self.opties = opties
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

    func huisstijl() throws(BuildFout) -> Huisstijl {
        var logo: Image?
        if let pad = aanvraag.organisatie.logo {
            let full = (map as NSString).appendingPathComponent(pad)
            do {
                logo = try Logo.lees(path: full, beschrijving: "Logo \(aanvraag.organisatie.naam ?? "")")
            } catch {
                let mark = aanvraag.bron.locate("organisatie.logo").map { ":\($0.line):\($0.column)" } ?? ""
                throw BuildFout(melding: "\(aanvraag.bron.bestand)\(mark): leesfout: het logo \(pad) "
                    + (FileManager.default.fileExists(atPath: full) ? "is geen PNG- of JPEG-afbeelding."
                                                                      : "bestaat niet (pad vanaf de map van de aanvraag)."))
            }
        }
        return Huisstijl(aanvraag: aanvraag, logo: logo, concept: opties.concept)
    }

    /// Every output file, made in memory first so that a failure writes nothing.
    public func maak() throws(BuildFout) -> [Uitvoer] {
        let stijl = try huisstijl()
        var docs: [(String, Document)] = []
        let slugs = fondsSlugs
        for i in aanvraag.fondsen.indices {
            docs.append(("brief-\(slugs[i])", BriefBuilder.document(aanvraag, fonds: i, huisstijl: stijl)))
        }
        docs.append(("projectplan", ProjectplanBuilder.document(aanvraag, huisstijl: stijl)))
        docs.append(("begroting", BegrotingBuilder.document(aanvraag, huisstijl: stijl)))
        docs.append(("fondsenlijst", FondsenlijstBuilder.document(aanvraag, huisstijl: stijl)))

        var files: [Uitvoer] = []
        var rendered: [String: [UInt8]] = [:]
        for (naam, doc) in docs {
            for formaat in opties.formaten {
                let bestand = "\(naam).\(formaat.fileExtension)"
                do {
                    let bytes = try renderDocument(doc, format: formaat, templates: opties.sjablonen)
                    rendered[bestand] = bytes
                    files.append(Uitvoer(naam: bestand, bytes: bytes))
                } catch {
                    throw BuildFout(melding: "\(aanvraag.bron.bestand): \(bestand) kon niet worden gemaakt: "
                        + ((error as? LocalizedError)?.errorDescription ?? "\(error)"))
                }
            }
        }

        // Bijlage files that exist go into every fund's zip, under bijlagen/.
        var bijlagen: [ZipEntry] = []
        var namen = Set<String>()
        for b in aanvraag.bijlagen {
            guard let pad = b.bestand else { continue }
            let full = (map as NSString).appendingPathComponent(pad)
            guard let data = FileManager.default.contents(atPath: full) else { continue }
            var naam = "bijlagen/" + (pad as NSString).lastPathComponent
            var n = 2
            while namen.contains(naam) { naam = "bijlagen/\(n)-" + (pad as NSString).lastPathComponent; n += 1 }
            namen.insert(naam)
            bijlagen.append(ZipEntry(name: naam, data: [UInt8](data)))
        }
        for slug in slugs {
            var entries: [ZipEntry] = []
            for formaat in opties.formaten {
                for stem in ["brief-\(slug)", "projectplan", "begroting", "fondsenlijst"] {
                    let name = "\(stem).\(formaat.fileExtension)"
                    // Documents are zips already; storing them again saves time and no space is lost.
                    entries.append(ZipEntry(name: name, data: rendered[name]!, method: .stored))
                }
            }
            entries += bijlagen
            do {
                files.append(Uitvoer(naam: "aanvraag-\(slug).zip", bytes: try ZipWriter.archive(entries)))
            } catch {
                throw BuildFout(melding: "\(aanvraag.bron.bestand): aanvraag-\(slug).zip kon niet worden gemaakt: \(error)")
            }
        }
        return files
    }
}

/// Writing output safely (cli.md): temp file then rename, never into the input's folder
/// itself, never over an input.
public enum Uitvoermap {
    public static func echtPad(_ p: String) -> String {
        URL(fileURLWithPath: p).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Refuses an output folder that holds one of the inputs (directly or below it).
    public static func controleer(_ map: String, invoer: [String]) throws(BuildFout) {
        let uit = echtPad(map)
        for bestand in invoer {
            let dir = echtPad((bestand as NSString).deletingLastPathComponent.isEmpty ? "." : (bestand as NSString).deletingLastPathComponent)
            if dir == uit || dir.hasPrefix(uit + "/") {
                throw BuildFout(melding: "De uitvoermap \(map) bevat de aanvraag \(bestand) zelf. Kies een aparte map, "
                    + "bijvoorbeeld --uit \((map as NSString).appendingPathComponent("uit")); vip schrijft nooit naast of "
                    + "over uw invoer.")
            }
        }
    }

    /// Why a folder cannot be made, in Dutch (Foundation's own message is English).
    static func reden(_ map: String) -> String {
        let fm = FileManager.default
        var pad = (map as NSString).standardizingPath
        while !pad.isEmpty && pad != "/" && !fm.fileExists(atPath: pad) { pad = (pad as NSString).deletingLastPathComponent }
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: pad, isDirectory: &isDir), !isDir.boolValue { return "\(pad) is een bestand, geen map" }
        if !fm.isWritableFile(atPath: pad.isEmpty ? "." : pad) { return "u hebt geen schrijfrechten in \(pad.isEmpty ? "." : pad)" }
        return "de map kan niet worden aangemaakt (schijf vol?)"
    }

    /// Writes every file to a temporary name in `map`, then renames it into place.
    public static func schrijf(_ files: [Pakket.Uitvoer], naar map: String) throws(BuildFout) {
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: map, withIntermediateDirectories: true)
        } catch {
            throw BuildFout(melding: "De uitvoermap \(map) kan niet worden gemaakt: \(reden(map)). Er is niets geschreven.")
        }
        var tijdelijk: [(String, String)] = []
        for f in files {
            let doel = (map as NSString).appendingPathComponent(f.naam)
            let tmp = (map as NSString).appendingPathComponent(".\(f.naam).vip-tmp-\(getpid())")
            guard fm.createFile(atPath: tmp, contents: Data(f.bytes)) else {
                for (t, _) in tijdelijk { try? fm.removeItem(atPath: t) }
                throw BuildFout(melding: "In de uitvoermap \(map) kan niet worden geschreven (schrijfrechten? schijf vol?). "
                    + "Er is niets geschreven.")
            }
            tijdelijk.append((tmp, doel))
        }
        // All files are complete on disk; only now do they take their names.
        for (tmp, doel) in tijdelijk where rename(tmp, doel) != 0 {
            for (t, _) in tijdelijk { try? fm.removeItem(atPath: t) }
            throw BuildFout(melding: "\(doel) kon niet worden geschreven: \(String(cString: strerror(errno))).")
        }
    }
}

/// `vip build` for several aanvragen: each in its own subfolder when there are several.
public struct Bouwer: Sendable {
    public var checker: Checker
    public var opties: BuildOpties

    /// The build only needs to know whether there are fouten; spelling is never a fout,
    /// so the default checker skips loading the dictionary (most of a build's start-up).
    public init(checker: Checker = Checker(spelling: nil), opties: BuildOpties) {
        self.checker = checker
        self.opties = opties
    }

    public func uitvoermap(voor bestand: String, meerdere: Bool) -> String {
        let stem = ((bestand as NSString).lastPathComponent as NSString).deletingPathExtension
        if let uit = opties.uit { return meerdere ? (uit as NSString).appendingPathComponent(stem) : uit }
        let dir = (bestand as NSString).deletingLastPathComponent
        let base = ((dir.isEmpty ? "." : dir) as NSString).appendingPathComponent("uit")
        return meerdere ? (base as NSString).appendingPathComponent(stem) : base
    }

    public func build(_ bestand: String, meerdere: Bool = false, alleInvoer: [String]? = nil) -> BuildResultaat {
        let r = checker.check(path: bestand)
        if let e = r.leesfout { return BuildResultaat(bestand: bestand, exitCode: 2, melding: e.description) }
        let a = r.aanvraag!
        if !r.bevindingen.isAf && !opties.concept {
            let fouten = r.bevindingen.filter { $0.ernst == .fout }
            let lijst = fouten.map { b in
                "\(bestand)\(b.mark.map { ":\($0.line):\($0.column)" } ?? ""): fout: \(b.melding) [\(b.regel)]"
            }.joined(separator: "\n")
            return BuildResultaat(bestand: bestand, exitCode: 1,
                                  melding: lijst + "\n\(bestand): niet gebouwd: de aanvraag is nog niet af "
                                    + "(\(CheckReport.aantal(fouten.count, "fout", "fouten"))). Gebruik --concept voor "
                                    + "een conceptversie met CONCEPT op elke pagina.",
                                  bevindingen: r.bevindingen)
        }
        let map = uitvoermap(voor: bestand, meerdere: meerdere)
        do {
            try Uitvoermap.controleer(map, invoer: alleInvoer ?? [bestand])
            let dir = (bestand as NSString).deletingLastPathComponent
            let pakket = Pakket(aanvraag: a, map: dir.isEmpty ? "." : dir, opties: opties)
            var files = try pakket.maak()
            if opties.pdf {
                // One PDF per document: from the ODT when it was made, else from the DOCX.
                let bron = opties.formaten.contains(.odt) ? ".odt" : ".docx"
                files += try PDF.converteer(files.filter { $0.naam.hasSuffix(bron) })
            }
            try Uitvoermap.schrijf(files, naar: map)
            return BuildResultaat(bestand: bestand, exitCode: 0,
                                  geschreven: files.map { (map as NSString).appendingPathComponent($0.naam) },
                                  melding: "\(bestand): \(files.count) bestanden geschreven in \(map)"
                                    + (opties.concept ? " (concept)" : ""), bevindingen: r.bevindingen)
        } catch {
            return BuildResultaat(bestand: bestand, exitCode: error.exitCode, melding: error.melding)
        }
    }
}
