import VIPXML
import VIPZip

/// Writes an ODF 1.3 text document (strict, no LibreOffice extensions).
/// Assembles the package in phases: copy the template parts → page header and footer
/// (styles.xml) → body (content.xml) → metadata → manifest → zip.
struct OdfWriter {
    let template: FormatTemplate

    static let mediaType = "application/vnd.oasis.opendocument.text"
    /// Text width of the standard page (21 cm − 2 × 2 cm); images are never wider.
    static let textWidthMM = 170.0

    func render(_ document: Document) throws -> [UInt8] {
        let media = MediaStore(directory: "Pictures/")

        // Phase 1: the page header and footer live in the master page in styles.xml.
        let styles = template.instantiate("styles.xml")
        try template.filling("styles.xml") {
            try writeHeaderFooter(document, styles: styles, media: media)
        }

        // Phase 2: the body, plus the automatic styles it needs (table widths).
        let content = template.instantiate("content.xml")
        try template.filling("content.xml") {
            let automatic = try content.marker("automatic-styles")
            let body = try content.marker("body")
            var writer = OdfBodyWriter(automaticStyles: automatic, media: media)
            try writer.write(document.blocks, into: body)
        }

        // Phase 3: metadata; empty fields are left out (anonymised documents).
        let meta = template.instantiate("meta.xml")
        try template.filling("meta.xml") {
            try writeMeta(document.metadata, into: try meta.marker("meta"))
        }

        // Phase 4: the parts in package order. "mimetype" must be the first entry,
        // stored, without extra field (ODF 1.3 part 2, 3.3), so that the file type can
        // be read at a fixed offset.
        var entries = [ZipEntry(name: "mimetype", data: Array(Self.mediaType.utf8), method: .stored)]
        entries.append(xmlEntry("content.xml", content.serialized()))
        entries.append(xmlEntry("styles.xml", styles.serialized()))
        entries.append(xmlEntry("meta.xml", meta.serialized()))
        for part in template.staticParts {
            entries.append(template.staticEntries[part.name]!)
        }
        // PNG and JPEG are compressed already.
        for item in media.items {
            entries.append(ZipEntry(name: item.path, data: item.image.data, method: .stored))
        }
        // Phase 5: the manifest is generated from what was actually written, so it
        // lists every part (including images) and nothing else.
        let manifestKey = "odf-manifest\n" + entries.map(\.name).joined(separator: "\n")
        entries.append(xmlEntry("META-INF/manifest.xml",
                                try GeneratedParts.shared.bytes(manifestKey) { try manifest(for: entries) }))
        do {
            return try ZipWriter.archive(entries)
        } catch {
            throw DocumentError.packaging(error)
        }
    }

    // MARK: - Header and footer

    private func writeHeaderFooter(_ document: Document, styles: TemplatePart, media: MediaStore) throws {
        let letterhead = document.letterhead
        let headerMarker = try styles.marker("header")
        let hasTitleLine = !letterhead.name.isEmpty || letterhead.logo != nil
        // No letterhead and no concept: no header at all, rather than an empty one.
        if hasTitleLine || document.concept {
            let header = try headerMarker.append("style:header")
            if hasTitleLine {
                let p = try header.append("text:p").attribute("text:style-name", "Header")
                if let logo = letterhead.logo {
                    try OdfBodyWriter.frame(for: logo, name: "Logo", in: p, media: media)
                    if !letterhead.name.isEmpty { try p.appendText(" ") }
                }
                try OdfBodyWriter.appendText(letterhead.name, to: p)
            }
            if document.concept {
                try header.append("text:p", text: "CONCEPT").attribute("text:style-name", "Concept")
            }
        }

        let footerMarker = try styles.marker("footer")
        let footer = try footerMarker.append("style:footer")
        for line in letterhead.footer where !line.isEmpty {
            let p = try footer.append("text:p").attribute("text:style-name", "Footer")
            try OdfBodyWriter.appendText(line, to: p)
        }
        let pages = try footer.append("text:p").attribute("text:style-name", "Footer")
        try pages.appendText("pagina ")
        try pages.append("text:page-number", text: "1").attribute("text:select-page", "current")
        try pages.appendText(" van ")
        try pages.append("text:page-count", text: "1")
    }

    // MARK: - Metadata

    private func writeMeta(_ metadata: Metadata, into marker: XMLTreeElement) throws {
        if !metadata.title.isEmpty { try marker.append("dc:title", text: metadata.title) }
        if !metadata.subject.isEmpty { try marker.append("dc:subject", text: metadata.subject) }
        if !metadata.creator.isEmpty {
            try marker.append("meta:initial-creator", text: metadata.creator)
            try marker.append("dc:creator", text: metadata.creator)
        }
        if let date = try normalisedDateTime(metadata.date) {
            try marker.append("meta:creation-date", text: date)
            try marker.append("dc:date", text: date)
        }
        if !metadata.language.isEmpty { try marker.append("dc:language", text: metadata.language) }
        // ODF has no company field; LibreOffice maps DOCX's Company to this one.
        if !metadata.company.isEmpty {
            try marker.append("meta:user-defined", text: metadata.company)
                .attribute("meta:name", "Company")
                .attribute("meta:value-type", "string")
        }
    }

    // MARK: - Manifest

    private func manifest(for entries: [ZipEntry]) throws -> [UInt8] {
        let tree = try XMLTree(root: "manifest:manifest",
                               namespaces: ["manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"])
        let root = tree.root
        try root.attribute("manifest:version", "1.3")
        try root.append("manifest:file-entry")
            .attribute("manifest:full-path", "/")
            .attribute("manifest:version", "1.3")
            .attribute("manifest:media-type", Self.mediaType)
        for entry in entries where entry.name != "mimetype" {
            let type: String
            if entry.name.hasSuffix(".xml") {
                type = "text/xml"
            } else if entry.name.hasSuffix(".png") {
                type = "image/png"
            } else if entry.name.hasSuffix(".jpeg") {
                type = "image/jpeg"
            } else {
                type = "application/octet-stream"
            }
            try root.append("manifest:file-entry")
                .attribute("manifest:full-path", entry.name)
                .attribute("manifest:media-type", type)
        }
        return tree.serialized()
    }
}
