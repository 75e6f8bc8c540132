import Foundation

/// PDFs through LibreOffice headless (`vip build --pdf`).
///
/// soffice exits 0 even when it could not load a file, so the verdict is whether the
/// PDF exists. Each run gets its own profile, so a running LibreOffice does not interfere.
public enum PDF {
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
                             "--convert-to", "pdf", "--outdir", uit] + files.map { invoer + "/" + $0.naam }
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
