import Foundation
import Testing
import VIPChecklist
import VIPDocument
import VIPModel
@testable import VIPKit

/// Calibrates `brief_lengte`'s page estimate against the real length of letters as
/// LibreOffice lays them out: the page count of the PDF, plus how far down the last
/// page the body text reaches (from pdftotext's word boxes).
@Suite(.serialized) struct BriefLengteTests {
    /// Letters of very different lengths: the samples, the fixture, and the checklist's
    /// baseline with its texts cut or doubled.
    static func letters() throws -> [(String, Aanvraag)] {
        var out: [(String, Aanvraag)] = []
        for s in ["Samples/buurtmoestuin.yaml", "Samples/kinderfestival.yaml", "Samples/concept-vol-fouten.yaml"] {
            out.append((s, try AanvraagReader.read(path: Repo.path(s))))
        }
        let base = try String(contentsOfFile: Repo.fixture, encoding: .utf8)
        out.append(("leeswerf", try AanvraagReader.parse(base)))
        let lang = String(repeating: "Wij vertellen u graag meer over de buurt en over de mannen die wij willen bereiken. ", count: 14)
        for (naam, patch) in [
            ("kort", "project:\n  aanleiding: Er is geen plek voor mannen.\n  samenvatting: Een spreekuur.\n  activiteiten:\n    - naam: Spreekuur\n      omschrijving: Wekelijks."),
            ("lang", "brief:\n  slot: \"\(lang)\""),
            ("zeer lang", "brief:\n  slot: \"\(lang)\n\n\(lang)\n\n\(lang)\""),
            ("drie kantjes", "brief:\n  slot: \"" + Array(repeating: lang, count: 7).joined(separator: "\n\n") + "\""),
        ] {
            out.append((naam, try Overlay.aanvraag(base: Baseline.yaml, patch: patch)))
        }
        return out
    }

    /// The real length in pages: full pages plus the filled part of the last page.
    static func realLength(pdf: String) throws -> Double {
        let r = try run("/usr/bin/env", ["pdftotext", "-bbox", pdf, "-"])
        var pages: [[(y: Double, h: Double)]] = []
        for line in r.stdout.split(separator: "\n") {
            if line.contains("<page ") { pages.append([]) }
            guard line.contains("<word"), let yMin = attr(line, "yMin"), let yMax = attr(line, "yMax") else { continue }
            pages[pages.count - 1].append((yMin, yMax - yMin))
        }
        guard let last = pages.last else { return 0 }
        // The footer (address, numbers, "pagina X van Y") sits below 740 pt; the header
        // above 55 pt (no logo in these letters).
        let bodyTop = 55.0, bodyBottom = 765.0
        let lastY = last.filter { $0.y < 740 && $0.y > bodyTop }.map { $0.y + $0.h }.max() ?? bodyTop
        return Double(pages.count - 1) + (lastY - bodyTop) / (bodyBottom - bodyTop)
    }

    static func attr(_ line: Substring, _ name: String) -> Double? {
        guard let r = line.range(of: "\(name)=\"") else { return nil }
        return Double(line[r.upperBound...].prefix { $0 != "\"" })
    }

    @Test func estimateMatchesLibreOffice() throws {
        let dir = Repo.tempDir("brieflengte")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var files: [Pakket.Uitvoer] = []
        var estimates: [String: Double] = [:]
        for (i, (_, a)) in try Self.letters().enumerated() {
            var a = a
            a.organisatie.logo = nil
            let doc = BriefBuilder.document(a, fonds: 0, huisstijl: Huisstijl(aanvraag: a, logo: nil, concept: false))
            let file = "brief\(i).odt"
            files.append(Pakket.Uitvoer(naam: file, bytes: try renderDocument(doc, format: .odt)))
            estimates[file] = BriefLengte.schatting(a, fonds: 0)
        }
        let pdfs = try PDF.converteer(files)
        var worst = 0.0
        var report = ""
        for pdf in pdfs {
            let path = dir + "/" + pdf.naam
            try Data(pdf.bytes).write(to: URL(fileURLWithPath: path))
            let real = try Self.realLength(pdf: path)
            let est = estimates[(pdf.naam as NSString).deletingPathExtension + ".odt"]!
            report += String(format: "%@ real %.2f estimate %.2f\n", pdf.naam, real, est)
            worst = max(worst, abs(real - est))
            // The rule's verdict must agree with the real layout wherever the real
            // length is clearly inside or outside the 1,5–2,5 band.
            if real < 1.35 || real > 2.65 { #expect((est < 1.5 || est > 2.5), "\(report)") }
            if real > 1.65 && real < 2.35 { #expect(est >= 1.5 && est <= 2.5, "\(report)") }
        }
        print(report)
        #expect(worst < 0.2, "estimate off by \(worst) pages:\n\(report)")
    }
}
