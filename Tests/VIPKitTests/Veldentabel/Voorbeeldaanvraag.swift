import Foundation
import VIPModel

/// An aanvraag in which every field of a field table is filled, written from the table itself
/// (as JSON, which YAML reads): a list of sections gets one entry, or one per variant.
struct Voorbeeldaanvraag {
    var tabel: Veldentabel = .aanvraag
    /// The text of a text or prose field, by the field and its path.
    var tekst: (Veld, String) -> String = { _, pad in "waarde van \(pad)" }
    /// The value of a choice (default: the first).
    var keuze: (Veld, String) -> String = { veld, _ in veld.keuzes?.first ?? "" }

    func json() -> [String: Any] { sectie(tabel.velden, pad: "", groep: nil) }

    func yaml() throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: json(), options: [.sortedKeys, .prettyPrinted]),
               as: UTF8.self)
    }

    func sectie(_ velden: [Veld], pad: String, groep: Set<String>?) -> [String: Any] {
        var uit: [String: Any] = [:]
        for v in velden where groep.map({ $0.contains(v.sleutel) }) ?? true {
            let p = pad.isEmpty ? v.sleutel : "\(pad).\(v.sleutel)"
            uit[v.sleutel] = waarde(v, pad: p)
        }
        return uit
    }

    func waarde(_ v: Veld, pad: String) -> Any {
        switch v.soort {
        case .sectie:
            return sectie(v.velden, pad: pad, groep: nil)
        case .lijst(.sectie):
            let groepen = v.varianten?.groepen ?? [v.velden.map(\.sleutel)]
            let inVariant = Set(groepen.joined())
            return groepen.enumerated().map { i, groep in
                sectie(v.velden, pad: "\(pad)[\(i)]",
                       groep: Set(groep).union(v.velden.map(\.sleutel).filter { !inVariant.contains($0) }))
            }
        case .lijst(let element):
            return [enkel(v, element, pad: "\(pad)[0]")]
        default:
            return enkel(v, v.soort, pad: pad)
        }
    }

    func enkel(_ v: Veld, _ soort: Veldsoort, pad: String) -> Any {
        switch soort {
        case .vast(let w): return w
        case .tekst, .proza: return tekst(v, pad)
        case .bestand: return "bijlagen/\(v.sleutel).pdf"
        case .bedrag: return 125
        case .hoeveelheid: return 3
        case .datum: return "2026-03-01"
        case .keuze: return keuze(v, pad)
        case .jaNee: return true
        case .lijst, .sectie: return [:] as [String: Any]
        }
    }
}
