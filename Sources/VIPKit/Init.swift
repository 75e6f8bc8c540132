import Foundation
import VIPModel

/// `vip init`: a new, complete and commented `aanvraag.yaml` that asks the course's
/// questions (L8187: wat, voor wie, met wie, hoe, met welk resultaat), written from the field table.
public enum Init {
    public static let schemaBestand = "vip-aanvraag.schema.json"

    public enum Fout: Error, Sendable, CustomStringConvertible {
        case bestaatAl(String)
        case schrijven(String, String)
        public var description: String {
            switch self {
            case .bestaatAl(let p):
                return "\(p) bestaat al; vip init overschrijft nooit een aanvraag. Kies een andere map: vip init MAP."
            case .schrijven(let p, let why):
                return "\(p) kan niet worden geschreven: \(why)"
            }
        }
    }

    /// Writes `aanvraag.yaml` (and the schema next to it, when absent) in `map`.
    /// Returns the written paths.
    @discardableResult
    public static func schrijf(in map: String) throws(Fout) -> [String] {
        let fm = FileManager.default
        let doel = (map as NSString).appendingPathComponent("aanvraag.yaml")
        let schema = (map as NSString).appendingPathComponent(schemaBestand)
        if fm.fileExists(atPath: doel) { throw .bestaatAl(doel) }
        do {
            try fm.createDirectory(atPath: map, withIntermediateDirectories: true)
        } catch {
            throw .schrijven(map, error.localizedDescription)
        }
        var geschreven: [String] = []
        // O_EXCL: never overwrite, not even a file that appeared a moment ago.
        for (pad, tekst) in [(doel, sjabloon), (schema, Schema.tekst)] {
            if pad == schema && fm.fileExists(atPath: schema) { continue }
            let fd = open(pad, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard fd >= 0 else {
                if pad == doel { throw .bestaatAl(doel) }
                continue
            }
            let bytes = Array(tekst.utf8)
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
            guard n == bytes.count else { throw .schrijven(pad, String(cString: strerror(errno))) }
            geschreven.append(pad)
        }
        return geschreven
    }

    /// A new aanvraag for the field table `tabel`: every field, with its label, the course's
    /// question and a hint as a comment; lists of sections get one example entry (one per variant).
    public static func sjabloon(_ tabel: Veldentabel) -> String {
        var regels = kop
        for (i, v) in tabel.velden.enumerated() {
            let vorige = i > 0 ? tabel.velden[i - 1] : nil
            if let vorige, vorige.soort == .vast(Aanvraag.formaat) || (v.heeftVelden && !v.leegInSjabloon) {
                regels.append("")
            }
            schrijfVeld(v, inspringing: "", naar: &regels)
        }
        return regels.joined(separator: "\n") + "\n"
    }

    public static var sjabloon: String { sjabloon(.aanvraag) }

    static let kop = [
        "# yaml-language-server: $schema=\(schemaBestand)",
        "#",
        "# Uw fondsaanvraag, volgens de cursus \"Van Idee naar Project\".",
        "# Vul de velden in; lege velden mogen, `vip check aanvraag.yaml` zegt wat er nog ontbreekt.",
        "# Achter elk veld staat wat erin hoort, met de vraag uit de cursus.",
        "# Een lege regel in een tekst begint een nieuwe alinea. Bedragen: 1250, 32.50 of \"1.250,00\".",
        "# Datums: 2026-09-01 of 1-9-2026. Tekst met een dubbele punt zet u tussen aanhalingstekens.",
    ]

    /// The comment column, as in a hand-written file.
    static let kolom = 24

    static func regel(_ tekst: String, _ v: Veld?) -> String {
        guard let v else { return tekst }
        let opvulling = String(repeating: " ", count: max(1, kolom - tekst.count))
        return tekst + opvulling + "# " + v.toelichting
    }

    /// Writes `v` at `inspringing`; `voorvoegsel` replaces the indentation's last two spaces with
    /// "- " for the first field of a list entry. `uitleg`: with its comment.
    static func schrijfVeld(_ v: Veld, inspringing: String, voorvoegsel: String? = nil, uitleg: Bool = true,
                            naar regels: inout [String]) {
        let begin = (voorvoegsel.map { String(inspringing.dropLast(2)) + $0 } ?? inspringing) + v.sleutel + ":"
        let commentaar = uitleg ? v : nil
        switch v.soort {
        case .vast(let w):
            regels.append(regel(begin + " " + w, commentaar))
        case .sectie:
            regels.append(regel(begin, commentaar))
            for kind in v.velden { schrijfVeld(kind, inspringing: inspringing + "  ", uitleg: uitleg, naar: &regels) }
        case .lijst(.sectie) where !v.leegInSjabloon:
            regels.append(regel(begin, commentaar))
            // One entry per variant (a source, a fund), else one with every field; each field is
            // explained where it first appears.
            let groepen = v.varianten?.groepen ?? [v.velden.map(\.sleutel)]
            let optioneel = v.varianten?.optioneel ?? []
            let inVariant = Set(groepen.joined()).union(optioneel.joined())
            var uitgelegd: Set<String> = []
            for (g, groep) in groepen.enumerated() {
                // The group's own keys, the keys every entry has, then the group's optional keys.
                let eigen = g < optioneel.count ? optioneel[g] : []
                let velden = v.velden.filter { groep.contains($0.sleutel) || !inVariant.contains($0.sleutel) }
                    + v.velden.filter { eigen.contains($0.sleutel) }
                for (i, kind) in velden.enumerated() {
                    schrijfVeld(kind, inspringing: inspringing + "    ", voorvoegsel: i == 0 ? "- " : nil,
                            uitleg: uitleg && !uitgelegd.contains(kind.sleutel), naar: &regels)
                    uitgelegd.insert(kind.sleutel)
                }
            }
        case .lijst:
            regels.append(regel(begin + " []", commentaar))
        default:
            regels.append(regel(begin, commentaar))
        }
    }
}
