// vip benchmark: N deterministic variants of the complete sample, measured in one
// process (read+check, build per format), plus growth with the number of begroting
// posts. Writes the inputs it made (for the CLI, the peers and LibreOffice) and its
// figures as JSON for bench/summary.py. Not a test: it reports, it does not assert
// (except that every variant is "af", without which the figures would mean nothing).
import Foundation
import VIPDocument
import VIPKit
import VIPModel
import VIPSpelling

// MARK: - Arguments

struct Options {
    var sample = "Samples/buurtmoestuin.yaml"
    var n = 1000
    var runs = 5
    var posts = [10, 100, 1000, 10_000]
    var write: String?      // folder for variants/ and posts-*.yaml
    var writeN: Int?        // variants written (default n): the CLI builds them all
    var json: String?       // figures for summary.py
    var only: String?       // "batch", "posts", or "build" / "check" alone (profiling)
}

func parseOptions() -> Options {
    var o = Options()
    var args = Array(CommandLine.arguments.dropFirst())
    while !args.isEmpty {
        let a = args.removeFirst()
        func value() -> String {
            guard !args.isEmpty else { fatalError("\(a) needs a value") }
            return args.removeFirst()
        }
        switch a {
        case "--sample": o.sample = value()
        case "--n": o.n = Int(value())!
        case "--runs": o.runs = Int(value())!
        case "--posts": o.posts = value().split(separator: ",").map { Int($0)! }
        case "--write": o.write = value()
        case "--write-n": o.writeN = Int(value())!
        case "--json": o.json = value()
        case "--only": o.only = value()
        default: fatalError("unknown argument \(a)")
        }
    }
    return o
}

// MARK: - Inputs

/// Cents as a Dutch amount: 344375 → "3.443,75".
func bedrag(_ cents: Int) -> String {
    var euros = String(cents / 100)
    var grouped = ""
    while euros.count > 3 {
        grouped = "." + euros.suffix(3) + grouped
        euros = String(euros.dropLast(3))
    }
    return euros + grouped + "," + String(format: "%02d", cents % 100)
}

func replaceOnce(_ text: String, _ old: String, _ new: String) -> String {
    guard let r = text.range(of: old) else { fatalError("sample changed: \(old) not found") }
    let rest = text[r.upperBound...]
    guard !rest.contains(old) else { fatalError("sample changed: \(old) found twice") }
    return text.replacingCharacters(in: r, with: new)
}

let wijken = ["Presikhaaf", "Malburgen", "Klarendal", "Geitenkamp", "Spijkerkwartier", "Schuytgraaf",
              "Elderveld", "Vredenburg", "Rijkerswoerd", "Immerloo", "Sint Marten", "Alteveer", "Cranevelt",
              "Heijenoord", "Lombok", "Hoogvliet", "Zuilen", "Overvecht", "Kanaleneiland", "Transvaal"]

/// Variant i of the buurtmoestuin sample: organisation name, three prices and two fund
/// amounts changed; the last fund takes up the difference so the budget stays balanced.
func variant(_ base: String, _ i: Int) -> String {
    let wijk = wijken[i % wijken.count]
    let naam = "Stichting Groen in \(wijk)" + (i >= wijken.count ? " \(i / wijken.count + 1)" : "")
    var t = base.replacingOccurrences(of: "Stichting Groen in Presikhaaf", with: naam)
    t = replaceOnce(t, "woordenlijst: [tuinkeet, moestuinieren, Kolkakkerweg]",
                    "woordenlijst: [tuinkeet, moestuinieren, Kolkakkerweg, \(wijk)]")
    let a = i % 8, b = i % 5, c = i % 3, v = i % 4
    t = replaceOnce(t, "prijs: 44.50", "prijs: \"\(bedrag(4450 + 25 * a))\"")        // × 14
    t = replaceOnce(t, "prijs: 318.45", "prijs: \"\(bedrag(31845 + 100 * b))\"")
    t = replaceOnce(t, "prijs: 400", "prijs: \"\(bedrag(40000 + 1000 * c))\"")
    t = replaceOnce(t, "bedrag: 2500", "bedrag: \"\(bedrag(250000 + 10000 * v))\"")
    let extra = 14 * 25 * a + 100 * b + 1000 * c - 10000 * v
    t = replaceOnce(t, "bedrag: \"3.443,75\"", "bedrag: \"\(bedrag(344375 + extra))\"")
    return t
}

/// The sample with `count` begroting posts: the pro-deo post (matched by the natura
/// line of the dekkingsplan) plus generated posts that together cost 8 680 euro, so
/// the totals stay as they are whatever the count.
func withPosts(_ base: String, _ count: Int) -> String {
    guard let start = base.range(of: "begroting:\n  posten:\n"),
          let end = base.range(of: "  toelichting: >", range: start.upperBound..<base.endIndex) else {
        fatalError("sample changed: begroting not found")
    }
    let categorieen = ["aanleg", "activiteiten", "publiciteit", "huisvesting", "deskundigheid"]
    var posts = """
        - post: Ontwerp en begeleiding aanleg door hovenier (pro deo)
          categorie: deskundigheid
          aantal: 24
          eenheid: uur
          prijs: 55
          inzet: pro-deo
          onderbouwing: berekening
          toelichting: Kees Brouwer werkt pro deo; zijn gebruikelijke uurtarief is 55 euro.

    """
    let others = count - 1, total = 868_000
    for k in 0..<others {
        let price = total / others + (k == others - 1 ? total % others : 0)
        posts += """
            - post: Materiaal voor onderdeel \(k + 1)
              categorie: \(categorieen[k % categorieen.count])
              aantal: 1
              eenheid: pakket
              prijs: "\(bedrag(price))"
              onderbouwing: schatting

        """
    }
    // Skanfonds: 10 000 (begroting) - 6 020 (other sources and funds) = 3 980.
    let t = base.replacingCharacters(in: start.upperBound..<end.lowerBound, with: posts)
    return replaceOnce(t, "bedrag: \"3.443,75\"", "bedrag: \"3.980,00\"")
}

// MARK: - Measuring

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func ms(_ ns: UInt64) -> Double { Double(ns) / 1e6 }

struct Spread: Codable {
    var min: Double, median: Double, p90: Double, max: Double
    init(_ values: [Double]) {
        let s = values.sorted()
        func q(_ p: Double) -> Double { s[Swift.min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))] }
        min = s.first!; median = q(0.5); p90 = q(0.9); max = s.last!
    }
    var text: String { String(format: "min %.3f  mediaan %.3f  p90 %.3f  max %.3f", min, median, p90, max) }
}

struct Measure: Codable {
    var name: String
    var perPackage: Spread      // ms per package, over all packages of all runs
    var perRunMean: Spread      // ms per package as (run time / N), over the runs
    var packagesPerSecond: Double
}

/// Runs `body` over every item `runs` times; each package is timed on its own.
func measure<T>(_ name: String, _ items: [T], runs: Int, _ body: (T) -> Void) -> Measure {
    var each: [Double] = []
    var runMeans: [Double] = []
    for _ in 0..<runs {
        let r0 = now()
        for item in items {
            let t0 = now()
            body(item)
            each.append(ms(now() - t0))
        }
        runMeans.append(ms(now() - r0) / Double(items.count))
    }
    let m = Measure(name: name, perPackage: Spread(each), perRunMean: Spread(runMeans),
                    packagesPerSecond: 1000 / Spread(runMeans).median)
    let label = name.padding(toLength: 28, withPad: " ", startingAt: 0)
    print("  \(label) \(m.perPackage.text)   (" + String(format: "%.0f", m.packagesPerSecond) + " pakketten/s)")
    return m
}

func peakRSSMB() -> Double {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return -1 }
    return kb / 1024
}

func rssMB() -> Double {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return -1 }
    return kb / 1024
}

func opties(_ formaten: [DocumentFormat]) -> BuildOpties {
    var o = BuildOpties()
    o.formaten = formaten
    return o
}

// MARK: - Main

let o = parseOptions()
guard let base = try? String(contentsOfFile: o.sample, encoding: .utf8) else { fatalError("cannot read \(o.sample)") }
let map = (o.sample as NSString).deletingLastPathComponent
// One-time costs that every `vip` process pays: the Dutch dictionary and the templates.
// `Checker()` loads the dictionary at the first word it looks up; load it here, on its own clock.
let t0Hunspell = now()
let checker = Checker(spelling: Hunspell.dutch)
let hunspellMs = ms(now() - t0Hunspell)
let t0Templates = now()
_ = TemplateSet.standard
let templatesMs = ms(now() - t0Templates)
print(String(format: "eenmalig per proces: woordenboek (Hunspell nl) laden %.1f ms, ingebouwde sjablonen laden %.1f ms",
             hunspellMs, templatesMs))
var results: [String: Any] = ["n": o.n, "runs": o.runs, "sample": o.sample,
                              "startup_hunspell_ms": hunspellMs, "startup_templates_ms": templatesMs]

let texts = (0..<o.n).map { variant(base, $0) }
let inputs = texts.map { Array($0.utf8) }
if let dir = o.write {
    let vdir = dir + "/variants"
    try? FileManager.default.removeItem(atPath: vdir)
    try! FileManager.default.createDirectory(atPath: vdir, withIntermediateDirectories: true)
    for i in 0..<max(o.n, o.writeN ?? o.n) {
        let t = i < texts.count ? texts[i] : variant(base, i)
        try! t.write(toFile: String(format: "%@/variant-%04d.yaml", vdir, i), atomically: false, encoding: .utf8)
    }
    for p in o.posts + [2000] {
        try! withPosts(base, p).write(toFile: "\(dir)/posts-\(p).yaml", atomically: false, encoding: .utf8)
    }
}

// Every variant must read and be "af", or the comparison is void.
var aanvragen: [Aanvraag] = []
for (i, bytes) in inputs.enumerated() {
    do {
        let a = try AanvraagReader.parse(bytes, bestand: "variant-\(i).yaml")
        let b = try checker.check(a)
        guard b.isAf else {
            fatalError("variant \(i) is niet af: \(b.filter { $0.ernst == .fout }.map(\.melding))")
        }
        aanvragen.append(a)
    } catch {
        fatalError("variant \(i): \(error)")
    }
}
// Warm-up: templates parsed, dictionary loaded, caches filled.
for a in aanvragen.prefix(20) { _ = try! Pakket(aanvraag: a, map: map, opties: opties([.odt, .docx])).maak() }
let sizes = try! Pakket(aanvraag: aanvragen[0], map: map, opties: opties([.odt, .docx])).maak()
results["package_files"] = sizes.count
results["package_bytes"] = sizes.reduce(0) { $0 + $1.bytes.count }

// Profiling one step alone (bench/profile.sh PROFILE_ONLY=build|check): N packages, no timing.
// callgrind collects inside `profiledSection` only (--toggle-collect), so the set-up above
// does not count.
@inline(never) func profiledSection(_ only: String, _ aanvragen: [Aanvraag], _ inputs: [[UInt8]]) {
    for (i, a) in aanvragen.enumerated() {
        if only == "build" {
            _ = try! Pakket(aanvraag: a, map: map, opties: opties([.odt, .docx])).maak()
        } else {
            _ = try! checker.check(AanvraagReader.parse(inputs[i], bestand: "v.yaml"))
        }
    }
}
if o.only == "build" || o.only == "check" {
    profiledSection(o.only!, aanvragen, inputs)
    exit(0)
}

if o.only != "posts" {
    print("vip, in één proces, \(o.n) varianten × \(o.runs) runs (ms per pakket):")
    var m: [String: Measure] = [:]
    m["check"] = measure("lezen + check", inputs, runs: o.runs) { bytes in
        let a = try! AanvraagReader.parse(bytes, bestand: "v.yaml")
        _ = try! checker.check(a)
    }
    let zonderSpelling = Checker(spelling: nil)
    m["check_no_spelling"] = measure("lezen + check (zonder spelling)", inputs, runs: o.runs) { bytes in
        let a = try! AanvraagReader.parse(bytes, bestand: "v.yaml")
        _ = try! zonderSpelling.check(a)
    }
    m["read"] = measure("alleen lezen", inputs, runs: o.runs) { bytes in
        _ = try! AanvraagReader.parse(bytes, bestand: "v.yaml")
    }
    for (key, label, formaten) in [("build", "build ODT + DOCX", [DocumentFormat.odt, .docx]),
                                   ("build_odt", "build alleen ODT", [.odt]),
                                   ("build_docx", "build alleen DOCX", [.docx])] {
        let opt = opties(formaten)
        m[key] = measure(label, aanvragen, runs: o.runs) { a in
            _ = try! Pakket(aanvraag: a, map: map, opties: opt).maak()
        }
    }
    m["complete"] = measure("lezen + check + build", inputs, runs: o.runs) { bytes in
        let a = try! AanvraagReader.parse(bytes, bestand: "v.yaml")
        _ = try! checker.check(a)
        _ = try! Pakket(aanvraag: a, map: map, opties: opties([.odt, .docx])).maak()
    }
    let enc = JSONEncoder()
    results["measures"] = try! JSONSerialization.jsonObject(with: enc.encode(m))
    results["peak_rss_mb"] = peakRSSMB()
    print(String(format: "  piek-RSS (VmHWM) na %d pakketten: %.1f MB", o.n * o.runs * 5, peakRSSMB()))
}

if o.only != "batch" {
    print("groei met het aantal begrotingsposten (mediaan; ms en ms per post):")
    var rows: [[String: Any]] = []
    for p in o.posts {
        let bytes = Array(withPosts(base, p).utf8)
        let runs = p >= 10_000 ? 3 : (p >= 1000 ? 5 : 20)
        var checkT: [Double] = [], buildT: [Double] = []
        var a: Aanvraag?
        for _ in 0..<runs {
            let t0 = now()
            let parsed = try! AanvraagReader.parse(bytes, bestand: "posts.yaml")
            let b = try! checker.check(parsed)
            checkT.append(ms(now() - t0))
            if !b.isAf { fatalError("\(p) posten: niet af: \(b.filter { $0.ernst == .fout }.map(\.melding))") }
            a = parsed
        }
        for _ in 0..<runs {
            let t0 = now()
            _ = try! Pakket(aanvraag: a!, map: map, opties: opties([.odt, .docx])).maak()
            buildT.append(ms(now() - t0))
        }
        let c = Spread(checkT).median, b = Spread(buildT).median
        print(String(format: "  %6d posten: lezen+check %9.2f ms (%.4f ms/post)   build %9.2f ms (%.4f ms/post)",
                     p, c, c / Double(p), b, b / Double(p)))
        rows.append(["posts": p, "check_ms": c, "build_ms": b])
    }
    results["posts"] = rows
}
results["peak_rss_mb_end"] = peakRSSMB()
if let path = o.json {
    let data = try! JSONSerialization.data(withJSONObject: results, options: [.prettyPrinted, .sortedKeys])
    try! data.write(to: URL(fileURLWithPath: path))
}
