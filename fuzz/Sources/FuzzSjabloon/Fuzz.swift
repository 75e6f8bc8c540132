import Foundation
import VIPDocument
import VIPKit
import VIPModel

/// The template parts, in a fixed order; the first input byte picks the one replaced.
private let parts = [
    "odt/content.xml", "odt/styles.xml", "odt/meta.xml", "odt/settings.xml",
    "docx/word/document.xml", "docx/word/header.xml", "docx/word/footer.xml", "docx/word/numbering.xml",
    "docx/docProps/core.xml", "docx/docProps/app.xml", "docx/word/styles.xml", "docx/word/settings.xml",
]

/// A private copy of Templates/ (from VIP_TEMPLATES, default ../Templates relative to
/// the working directory), in /dev/shm when available.
private let folder: String = {
    let fm = FileManager.default
    let source = ProcessInfo.processInfo.environment["VIP_TEMPLATES"] ?? "Templates"
    let base = fm.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let dir = "\(base)/vip-fuzz-sjabloon-\(getpid())"
    try? fm.removeItem(atPath: dir)
    do {
        try fm.copyItem(atPath: source, toPath: dir)
    } catch {
        fatalError("cannot copy templates from \(source): \(error)")
    }
    atexit { try? FileManager.default.removeItem(atPath: "/dev/shm/vip-fuzz-sjabloon-\(getpid())") }
    return dir
}()
/// The original bytes of every part, read once before fuzzing starts (reading them
/// lazily during an input made LeakSanitizer report the cache as a leak).
private let originals: [String: [UInt8]] = {
    var o: [String: [UInt8]] = [:]
    for part in parts { o[part] = FileManager.default.contents(atPath: folder + "/" + part).map { [UInt8]($0) } }
    return o
}()

@_cdecl("LLVMFuzzerInitialize")
public func LLVMFuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>?,
                                 _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    _ = originals
    _ = sample
    _ = TemplateSet.standard
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard size > 0, let data else { return 0 }
    let part = parts[Int(data[0]) % parts.count]
    let path = folder + "/" + part
    let body = Data(UnsafeBufferPointer(start: data + 1, count: size - 1))
    guard FileManager.default.createFile(atPath: path, contents: body) else { fatalError("cannot write \(path)") }
    defer {
        if let original = originals[part] {
            _ = FileManager.default.createFile(atPath: path, contents: Data(original))
        } else {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
    // Loading parses every part; when it loads and the high bit of the first byte is
    // set, one small package is rendered with it (rendering is slow, so not always).
    guard let set = try? TemplateSet.load(directory: folder), data[0] & 0x80 != 0 else { return 0 }
    var opties = BuildOpties()
    opties.sjablonen = set
    _ = try? Pakket(aanvraag: sample, map: "/nonexistent-vip-fuzz", opties: opties).maak()
    return 0
}

/// A small aanvraag that reads, for rendering with a loaded template.
private let sample: VIPModel.Aanvraag = {
    let yaml = """
    formaat: vip-aanvraag/1
    organisatie: {naam: Stichting Fuzz, adres: {straat: Dorpsstraat 1, postcode: 1234 AB, plaats: Ergens}}
    project: {titel: Proef, samenvatting: Een korte samenvatting.}
    begroting: {posten: [{post: Huur, categorie: huisvesting, aantal: 1, eenheid: dag, prijs: 100, onderbouwing: schatting}]}
    dekkingsplan: [{fonds: Oranje Fonds, bedrag: 100, status: aangevraagd}]
    fondsen: [{naam: Oranje Fonds}]
    """
    do { return try AanvraagReader.parse(yaml, bestand: "sample.yaml") } catch { fatalError("\(error)") }
}()
