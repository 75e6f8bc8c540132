import Foundation

/// PDFs through LibreOffice headless (`vip build --pdf`; the server calls `converteer` too).
///
/// The PDFs are ones a fund can archive: PDF/A-2b, which funds and government portals ask
/// for, and tagged (PDF/UA structure), so a screen reader and an archive see the document's
/// headings (`text:h` / `Heading1…3`) and tables with their header rows
/// (`table:table-header-rows` / `w:tblHeader`) as headings and header cells.
///
/// soffice exits 0 even when it could not load a file, so the verdict is whether the
/// PDF exists. Each run gets its own profile, so a running LibreOffice does not interfere.
public enum PDF {
    /// The export filter with its options in LibreOffice's JSON syntax (LibreOffice 7.4 and later):
    /// `SelectPdfVersion` 2 is PDF/A-2b, `UseTaggedPDF` writes the structure tree.
    public static let filter = #"pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},"#
        + #""UseTaggedPDF":{"type":"boolean","value":"true"}}"#

    public static func soffice() -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for dir in paths {
            for name in ["soffice", "libreoffice"] {
                let p = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: p) { return p }
            }
        }
        return nil
    }

    /// One tagged PDF/A-2b per document (ODT or DOCX), named like it with `.pdf`.
    public static func converteer(_ files: [Pakket.Uitvoer]) throws(BuildFout) -> [Pakket.Uitvoer] {
        guard !files.isEmpty else { return [] }
        guard let soffice = soffice() else {
            throw .pdfZonderLibreOffice
        }
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("vip-pdf-\(getpid())-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: tmp) }
        let invoer = tmp + "/in", uit = tmp + "/uit", profiel = tmp + "/profiel"
        do {
            for d in [invoer, uit, profiel] { try fm.createDirectory(atPath: d, withIntermediateDirectories: true) }
            for f in files { try Data(f.bytes).write(to: URL(fileURLWithPath: invoer + "/" + f.naam)) }
        } catch {
            throw .pdfTijdelijkeBestanden(detail: error.localizedDescription)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = ["-env:UserInstallation=file://\(profiel)", "--headless", "--norestore",
                             "--convert-to", filter, "--outdir", uit] + files.map { invoer + "/" + $0.naam }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            throw .pdfStart(detail: error.localizedDescription)
        }
        var pdfs: [Pakket.Uitvoer] = []
        for f in files {
            let naam = (f.naam as NSString).deletingPathExtension + ".pdf"
            guard let data = fm.contents(atPath: uit + "/" + naam), !data.isEmpty else {
                throw .pdfOntbreekt(bestand: f.naam)
            }
            pdfs.append(Pakket.Uitvoer(naam: naam, bytes: [UInt8](data)))
        }
        return pdfs
    }
}
