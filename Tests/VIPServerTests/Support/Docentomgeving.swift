import Foundation
import HummingbirdTesting
import Testing
import VIPModel
import VIPZip
@testable import VIPServer

/// Helpers for the docent and organiser tests: approvals and versions made directly in
/// storage, event texts, and reading the zips the server answers with.
extension Omgeving {
    func keurGoed(_ a: AanvraagRij, versie: Int? = nil, door docent: Gebruiker) async throws {
        try await opslag.keurGoed(aanvraag: a.id, versie: versie ?? a.versie, docent: docent.id, tijd: klok.nu)
    }

    /// Stores `tekst` as the next version of `a` (as a PUT would).
    @discardableResult
    func nieuweVersie(_ a: AanvraagRij, _ tekst: [UInt8]) async throws -> Int {
        let huidig = try #require(try await opslag.aanvraag(id: a.id)).versie
        klok.verzet(60)
        return try await opslag.voegVersieToe(aanvraag: a.id, verwacht: huidig, tekst: tekst,
                                              afgeleid: Kern.afgeleid(try await diensten.kern.controleer(tekst)), tijd: klok.nu)
    }

    @discardableResult
    func gebruiker(_ rol: Rol, _ email: String, naam: String, cursus: Int64? = nil) async throws -> Gebruiker {
        try await opslag.maakGebruiker(email: email, naam: naam, rol: rol, wachtwoordHash: await diensten.kern.hash(Self.wachtwoord),
                                       cursus: cursus, tijd: klok.nu)
    }
}

enum Evenementtekst {
    /// `Samples/fondsendate.yaml` without its `projecten` (and without `max_rondes`, so that no
    /// conversation is dropped), with `cursussen: [ids]`.
    static func sample(cursussen: [Int64], maxRondes: Bool = false) -> String {
        let tekst = String(decoding: Repo.sample("fondsendate.yaml"), as: UTF8.self)
        let kop = tekst.components(separatedBy: "\nprojecten:")[0]
        let regels = kop.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { maxRondes || !$0.contains("max_rondes") }
        return regels.joined(separator: "\n") + "\ncursussen: [\(cursussen.map(String.init).joined(separator: ", "))]\n"
    }

    /// The projecten part `vip fondsendate` reads for the same aanvragen.
    static func projecten(_ p: [(bestand: String, acceptabel: Bool, presentator: String)]) -> String {
        "projecten:\n" + p.map { "  - aanvraag: \($0.bestand)\n    acceptabel: \($0.acceptabel)\n    presentatoren: [\($0.presentator)]\n" }
            .joined()
    }
}

/// The entries of a zip by name.
enum Zipinhoud {
    static func lees(_ bytes: [UInt8]) throws -> [(naam: String, bytes: [UInt8])] {
        let zip = try ZipReader(bytes: bytes)
        return try zip.entryNames.map { ($0, try zip.read($0)) }
    }

    /// XML text with its character references resolved, with and without the markup (a
    /// name split over two runs shows only without it).
    static func teksten(_ xml: String) -> [String] {
        func ontsnap(_ s: String) -> String {
            var uit = ""
            var rest = Substring(s)
            while let amp = rest.firstIndex(of: "&") {
                uit += rest[..<amp]
                rest = rest[amp...]
                guard let semi = rest.firstIndex(of: ";"), rest.distance(from: rest.startIndex, to: semi) < 12 else {
                    uit.append("&"); rest = rest.dropFirst(); continue
                }
                let naam = String(rest[rest.index(after: rest.startIndex)..<semi])
                let vast = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
                if let v = vast[naam] {
                    uit += v
                } else if naam.hasPrefix("#x"), let n = UInt32(naam.dropFirst(2), radix: 16), let u = Unicode.Scalar(n) {
                    uit.unicodeScalars.append(u)
                } else if naam.hasPrefix("#"), let n = UInt32(naam.dropFirst()), let u = Unicode.Scalar(n) {
                    uit.unicodeScalars.append(u)
                } else {
                    uit += rest[...semi]
                }
                rest = rest[rest.index(after: semi)...]
            }
            return uit + rest
        }
        var zonder = ""
        var inTag = false
        for c in xml {
            if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { zonder.append(c) }
        }
        return [ontsnap(xml), ontsnap(zonder)]
    }

    /// Case, accents and spaces do not hide a name.
    static func plat(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{00A0}", with: "")
    }
}

/// An aanvraag with every field of the field table filled, written from the table itself
/// (as JSON, which YAML reads); `tekst` decides each text.
struct Tokenaanvraag {
    var tabel: Veldentabel = .aanvraag
    var tekst: (Veld, String) -> String
    var keuze: (Veld, String) -> String

    func yaml() throws -> [UInt8] {
        [UInt8](try JSONSerialization.data(withJSONObject: sectie(tabel.velden, pad: "", groep: nil),
                                           options: [.sortedKeys, .prettyPrinted]))
    }

    func sectie(_ velden: [Veld], pad: String, groep: Set<String>?) -> [String: Any] {
        var uit: [String: Any] = [:]
        for v in velden where groep?.contains(v.sleutel) ?? true {
            uit[v.sleutel] = waarde(v, pad: pad.isEmpty ? v.sleutel : "\(pad).\(v.sleutel)")
        }
        return uit
    }

    func waarde(_ v: Veld, pad: String) -> Any {
        switch v.soort {
        case .sectie:
            return sectie(v.velden, pad: pad, groep: nil)
        case .lijst(.sectie):
            // One entry per variant (or one entry), each with the fields outside every variant.
            let groepen = v.varianten?.groepen ?? [v.velden.map(\.sleutel)]
            let buiten = Set(v.velden.map(\.sleutel)).subtracting(groepen.joined())
            return groepen.enumerated().map { i, g in sectie(v.velden, pad: "\(pad)[\(i)]", groep: Set(g).union(buiten)) }
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
