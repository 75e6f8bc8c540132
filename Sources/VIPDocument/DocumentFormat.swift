import VIPXML

public enum DocumentFormat: String, CaseIterable, Sendable {
    case odt, docx

    /// File name extension, also the template subfolder.
    public var fileExtension: String { rawValue }
}

/// The complete package (zip) bytes of `document` in `format`.
/// Same document and templates → byte-identical bytes: no clock, no random ids.
public func renderDocument(_ document: Document, format: DocumentFormat,
                           templates: TemplateSet = .standard) throws(DocumentError) -> [UInt8] {
    do {
        switch format {
        case .odt: return try OdfWriter(template: templates.odt).render(document)
        case .docx: return try OoxmlWriter(template: templates.docx).render(document)
        }
    } catch let error as DocumentError {
        throw error
    } catch let error as XMLError {
        // Template parts map their XML errors in `filling`; this is a part vip generates
        // itself (manifest, relationships, content types).
        throw .generatedPart(error)
    } catch {
        preconditionFailure("the writers throw only DocumentError and XMLError, not \(error)")
    }
}
