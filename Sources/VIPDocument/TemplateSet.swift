import Foundation
import VIPXML
import VIPZip

/// The static parts of both formats: styles, settings, skeletons of the parts the
/// writers fill. Stored unzipped under `Templates/odt` and `Templates/docx` so they
/// can be read and diffed; embedded in the binary at build time (`EmbeddedFiles`, made by
/// the EmbedFolder plugin) so `vip` runs from anywhere.
/// Each part is parsed and serialised once here (`XMLTemplate`); a render only fills
/// the markers.
public struct TemplateSet: Sendable {
    /// An organisation's own templates; nil for the built-in ones, which are parsed once per
    /// process, per format, when first used (`standaard(_:)`).
    private let eigen: (odt: FormatTemplate, docx: FormatTemplate)?

    var odt: FormatTemplate { eigen?.odt ?? Self.standaardOdt }
    var docx: FormatTemplate { eigen?.docx ?? Self.standaardDocx }

    /// The templates built into vip. They are checked by the tests, so a failure to
    /// parse them is a programming error.
    public static let standard = TemplateSet(eigen: nil)

    private init(eigen: (odt: FormatTemplate, docx: FormatTemplate)?) { self.eigen = eigen }

    private static let standaardOdt = standaard(.odt)
    private static let standaardDocx = standaard(.docx)

    private static func standaard(_ format: DocumentFormat) -> FormatTemplate {
        do {
            var files: [String: [UInt8]] = [:]
            for (path, contents) in EmbeddedFiles.files where path.hasPrefix(format.rawValue + "/") {
                files[path] = contents.withUTF8Buffer { Array($0) }
            }
            // The parts copied as they are are not parsed here: the tests load Templates/,
            // the same bytes (WriterTests), with every check of `load(directory:)`.
            return try FormatTemplate(format: format, files: files, location: "het standaardsjabloon (\(format.rawValue))",
                                      checkStaticParts: false)
        } catch {
            fatalError("embedded templates are broken: \(error)")
        }
    }

    /// Starts parsing the built-in templates of `formaten` on another thread, so that a command
    /// that reads and checks its input first finds them ready (`vip build`); a render that comes
    /// sooner waits for them.
    public static func bereidVoor(_ formaten: [DocumentFormat]) {
        guard ProcessInfo.processInfo.activeProcessorCount > 1 else { return }
        let odt = formaten.contains(.odt), docx = formaten.contains(.docx)
        Thread.detachNewThread {
            if odt { _ = standaardOdt }
            if docx { _ = standaardDocx }
        }
    }

    /// Reads `directory/odt/…` and `directory/docx/…` (the same layout as `Templates/`),
    /// e.g. an organisation's own styles and letterhead (`vip build --sjabloon MAP`).
    public static func load(directory: String) throws -> TemplateSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw DocumentError.templateFolderUnreadable(path: directory)
        }
        var files: [String: [UInt8]] = [:]
        for format in DocumentFormat.allCases {
            for spec in FormatTemplate.parts(of: format) {
                let path = directory + "/" + format.rawValue + "/" + spec.name
                guard FileManager.default.fileExists(atPath: path) else {
                    if spec.required {
                        throw DocumentError.templatePartMissing(part: spec.name,
                                                                location: directory + "/" + format.rawValue)
                    }
                    continue
                }
                // POSIX, not FileManager.contents(atPath:): that leaks 4 KB for every
                // empty file in Swift 6.3's Foundation.
                guard let data = readFile(path) else {
                    throw DocumentError.templatePartUnreadable(part: spec.name,
                                                               location: directory + "/" + format.rawValue)
                }
                files[format.rawValue + "/" + spec.name] = data
            }
        }
        return try TemplateSet(files: files, origin: { directory + "/" + $0.rawValue }, checkStaticParts: true)
    }

    /// The bytes of a regular file; nil when it cannot be read.
    private static func readFile(_ path: String) -> [UInt8]? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return ferror(f) == 0 ? bytes : nil
    }

    /// `files` maps "odt/styles.xml" etc. to bytes. `checkStaticParts`: refuse parts that are
    /// copied as they are when they are not well-formed XML.
    init(files: [String: [UInt8]], origin: (DocumentFormat) -> String, checkStaticParts: Bool) throws {
        eigen = (try FormatTemplate(format: .odt, files: files, location: origin(.odt), checkStaticParts: checkStaticParts),
                 try FormatTemplate(format: .docx, files: files, location: origin(.docx), checkStaticParts: checkStaticParts))
    }
}

/// The parts of one format. Nothing changes after `init` (an `XMLTemplate` is
/// immutable), so sharing them between threads is safe.
final class FormatTemplate: @unchecked Sendable {
    struct PartSpec {
        let name: String
        let required: Bool
        /// Markers the writer fills; parts without markers are copied byte for byte.
        let markers: [String]
    }

    static func parts(of format: DocumentFormat) -> [PartSpec] {
        switch format {
        case .odt:
            return [
                PartSpec(name: "content.xml", required: true, markers: ["automatic-styles", "body"]),
                PartSpec(name: "styles.xml", required: true, markers: ["header", "footer"]),
                PartSpec(name: "meta.xml", required: true, markers: ["meta"]),
                PartSpec(name: "settings.xml", required: false, markers: []),
            ]
        case .docx:
            return [
                PartSpec(name: "word/document.xml", required: true, markers: ["body", "section"]),
                PartSpec(name: "word/header.xml", required: true, markers: ["header"]),
                PartSpec(name: "word/footer.xml", required: true, markers: ["footer"]),
                PartSpec(name: "word/numbering.xml", required: true, markers: ["num"]),
                PartSpec(name: "docProps/core.xml", required: true, markers: ["core"]),
                PartSpec(name: "docProps/app.xml", required: true, markers: ["app"]),
                PartSpec(name: "word/styles.xml", required: true, markers: []),
                PartSpec(name: "word/settings.xml", required: false, markers: []),
                PartSpec(name: "word/fontTable.xml", required: false, markers: []),
                PartSpec(name: "word/webSettings.xml", required: false, markers: []),
                PartSpec(name: "word/theme/theme1.xml", required: false, markers: []),
            ]
        }
    }

    let format: DocumentFormat
    /// For messages: "MAP/odt" or "het standaardsjabloon (odt)".
    let location: String
    private let templates: [String: XMLTemplate]
    /// Parts copied as they are, in a fixed order.
    let staticParts: [(name: String, bytes: [UInt8])]
    /// The same parts as package entries, deflated once here rather than in every render.
    let staticEntries: [String: ZipEntry]

    init(format: DocumentFormat, files: [String: [UInt8]], location: String, checkStaticParts: Bool) throws {
        self.format = format
        self.location = location
        var templates: [String: XMLTemplate] = [:]
        var staticParts: [(name: String, bytes: [UInt8])] = []
        for spec in Self.parts(of: format) {
            guard let bytes = files[format.rawValue + "/" + spec.name] else {
                if spec.required { throw DocumentError.templatePartMissing(part: spec.name, location: location) }
                continue
            }
            if !bytes.contains(where: { $0 != 0x20 && $0 != 0x9 && $0 != 0xA && $0 != 0xD }) {
                throw DocumentError.templatePartEmpty(part: spec.name, location: location)
            }
            if spec.markers.isEmpty {
                // Copied as they are, but refused now if they are not well-formed.
                if checkStaticParts { _ = try Self.parse(bytes, part: spec.name, location: location) }
                staticParts.append((spec.name, bytes))
                continue
            }
            let template: XMLTemplate = try Self.parse(bytes, part: spec.name, location: location)
            for marker in spec.markers where !template.markers.contains(marker) {
                throw DocumentError.templateMarkerMissing(part: spec.name, location: location, marker: marker)
            }
            templates[spec.name] = template
        }
        self.templates = templates
        self.staticParts = staticParts
        var staticEntries: [String: ZipEntry] = [:]
        for part in staticParts {
            let entry = xmlEntry(part.name, part.bytes)
            if entry.method == .deflated {
                staticEntries[part.name] = ZipEntry(name: part.name, precompressed: PrecompressedData(deflating: part.bytes))
            } else {
                staticEntries[part.name] = entry
            }
        }
        self.staticEntries = staticEntries
    }

    private static func parse(_ bytes: [UInt8], part: String, location: String) throws -> XMLTemplate {
        do {
            return try XMLTemplate(parsing: bytes, url: part)
        } catch .malformed(let line, let column, let message) {
            throw DocumentError.templatePartMalformed(part: part, location: location,
                                                      line: line, column: column, message: message)
        } catch {
            throw DocumentError.templatePartMalformed(part: part, location: location,
                                                      line: 1, column: 1, message: "geen hoofdelement")
        }
    }

    /// Empty content for the markers of a part that gets generated content.
    func instantiate(_ part: String) -> TemplatePart {
        let template = templates[part]!
        return TemplatePart(name: part, location: location, template: template, instance: template.instantiate())
    }

    /// Runs `body` on one part, turning XML-layer errors into messages that name the
    /// part and the template.
    func filling<T>(_ part: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as XMLError {
            switch error {
            case .illegalCharacter(let scalar, let text):
                throw DocumentError.unsupportedCharacter(scalar: scalar, text: text)
            case .unknownNamespacePrefix(let prefix):
                throw DocumentError.templateNamespaceMissing(part: part, location: location, prefix: prefix)
            case .malformed(let line, let column, let message):
                throw DocumentError.templatePartMalformed(part: part, location: location,
                                                          line: line, column: column, message: message)
            case .noRootElement:
                throw DocumentError.templatePartMalformed(part: part, location: location,
                                                          line: 1, column: 1, message: "geen hoofdelement")
            }
        }
    }

}

/// One render of a template part: fill its markers, then take its bytes.
struct TemplatePart {
    let name: String
    let location: String
    let template: XMLTemplate
    let instance: XMLTemplateInstance

    /// Where the content for `<?vip name?>` goes (checked at load, so present).
    func marker(_ marker: String) throws -> XMLTreeElement {
        guard let container = instance.marker(marker) else {
            throw DocumentError.templateMarkerMissing(part: name, location: location, marker: marker)
        }
        return container
    }

    func serialized() -> [UInt8] {
        template.render(instance)
    }
}
