import Foundation
import VIPXML
import VIPZip

/// Why a document could not be written. Messages are shown to the user as they are,
/// so they are Dutch and name the template part, line and column where that helps.
public enum DocumentError: Error, LocalizedError, Equatable, Sendable {
    case templateFolderUnreadable(path: String)
    case templatePartMissing(part: String, location: String)
    case templatePartUnreadable(part: String, location: String)
    case templatePartEmpty(part: String, location: String)
    case templatePartMalformed(part: String, location: String, line: Int, column: Int, message: String)
    case templateMarkerMissing(part: String, location: String, marker: String)
    case templateNamespaceMissing(part: String, location: String, prefix: String)
    /// A text contains a character that XML 1.0 (and so ODF and OOXML) cannot carry.
    case unsupportedCharacter(scalar: UInt32, text: String)
    case invalidDate(String)
    case invalidImage(description: String, reason: String)
    case packaging(ZipError)
    /// A part vip generates itself (manifest, relationships) could not be built.
    case generatedPart(XMLError)

    public var errorDescription: String? {
        switch self {
        case .templateFolderUnreadable(let path):
            return "De sjabloonmap \(path) kan niet worden gelezen."
        case .templatePartMissing(let part, let location):
            return "Sjabloon \(part) ontbreekt in \(location)."
        case .templatePartUnreadable(let part, let location):
            return "Sjabloon \(part) in \(location) kan niet worden gelezen."
        case .templatePartEmpty(let part, let location):
            return "Sjabloon \(part) in \(location) is leeg."
        case .templatePartMalformed(let part, let location, let line, let column, let message):
            return "Sjabloon \(part) in \(location), regel \(line), kolom \(column): \(message)"
        case .templateMarkerMissing(let part, let location, let marker):
            return "Sjabloon \(part) in \(location) mist de markering <?vip \(marker)?>;"
                + " daar plaatst vip de gegenereerde inhoud."
        case .templateNamespaceMissing(let part, let location, let prefix):
            return "Sjabloon \(part) in \(location) declareert de naamruimte '\(prefix)' niet"
                + " op het hoofdelement."
        case .unsupportedCharacter(let scalar, let text):
            let code = "U+" + String(scalar, radix: 16, uppercase: true).leftPadded(to: 4)
            return "De tekst \u{201C}\(Self.excerpt(text))\u{201D} bevat een teken (\(code)) dat niet"
                + " in een document kan worden opgeslagen. Verwijdert u dit teken uit de aanvraag."
        case .invalidDate(let value):
            return "De datum \u{201C}\(value)\u{201D} is geen geldige ISO 8601-datum (bijvoorbeeld 2024-05-01"
                + " of 2024-05-01T09:30:00Z)."
        case .invalidImage(let description, let reason):
            let name = description.isEmpty ? "zonder beschrijving" : "\u{201C}\(description)\u{201D}"
            return "De afbeelding \(name) kan niet worden opgenomen: \(reason)"
        case .packaging(let error):
            return "Het document kon niet worden ingepakt: \(error)"
        case .generatedPart(let error):
            return "Een onderdeel van het document kon niet worden opgebouwd: \(error)"
        }
    }

    /// Enough of the text to find it again, with controls made visible.
    private static func excerpt(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(60) {
            if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                out += "\u{FFFD}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return text.unicodeScalars.count > 60 ? out + "\u{2026}" : out
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
