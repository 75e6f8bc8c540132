import Foundation
import Testing
import VIPModel
import VIPZip
@testable import VIPKit

/// Every field the table marks as identifying, filled with a token of its own and repeated in every
/// prose field (and every other text the applicant writes), through the whole peer review: no token may be left in an anonymised aanvraag or
/// in any part of any participant document, document properties included.
@Suite("Review: identificerende velden")
struct IdentificerendeVeldenTests {
    /// Realistic, unique values per kind (invented names, numbers that overlap no other token).
    static let voorraad: [Identificatie: [String]] = [
        .organisatie: ["Stichting Qorvexa Blintrup"],
        .persoon: ["Xandor Pelgrimzee", "Yselle Drommekamp", "Quirijn Tabbelaar", "Rianne Quackelbos"],
        .personen: ["Wubbo Krentelaar", "Fenneke Strobbema", "Gijsbart Omloowijk", "Hidde Zwikkerstra",
                    "Ilse Vrommegaard", "Jorrit Plexhuizen", "Tjalling Brommerwoud"],
        .adres: ["Qorvexastraat 17"], .postcode: ["9741 ZX"], .telefoonnummer: ["06 42719358"],
        .emailadres: ["post@blintrupzorg.example"], .website: ["https://www.blintrupzorg.example"],
        .kvk: ["58273614"], .rsin: ["816402375"], .iban: ["NL91ABNA0417164300"],
        .partner: ["Buurthuis Klepperzwaan", "Vereniging Trombolt Oost", "Wijkteam Fluxenburg"],
        .initiatief: ["Huiswerkclub Zevenvoudt", "Taalcafé Morrelgast"],
        .sponsor: ["Bakkerij Flumstra", "Garage Wendelvoort"],
    ]

    @Test func noTokenSurvivesThePeerReview() throws {
        let tabel = Veldentabel.aanvraag
        let velden = Anonimiseerder.identificerendeVelden(tabel)
        #expect(velden.count >= 20)
        var over = Self.voorraad
        var tokens: [String: String] = [:]   // field path → its token
        for v in velden {
            let token = try #require(over[v.identificeert!]?.first, "no token left for \(v.pad)")
            over[v.identificeert!]!.removeFirst()
            tokens[v.pad] = token
        }
        let alle = Array(Set(tokens.values)).sorted()
        #expect(alle.count == velden.count)
        let zin = "Wij werken samen met " + alle.joined(separator: ", ") + "."
        let voorbeeld = Voorbeeldaanvraag(
            tabel: tabel,
            tekst: { v, pad in
                if let token = tokens[v.pad] { return token }
                switch v.pad {
                case "negeer[].regel": return "partners"
                // Fund names are public and stay as they are; the dekkingsplan refers to them.
                case "fondsen[].naam", "dekkingsplan[].fonds", "realisatie.ontvangen[].fonds": return "Fonds Algemeen Nut"
                // Every other text, prose or not, repeats the tokens.
                default: return zin
                }
            },
            keuze: { v, pad in pad == "dekkingsplan[0].soort" ? Soort.sponsor.rawValue : v.keuzes!.first! })

        let dir = Repo.tempDir("vip-identificerend")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try voorbeeld.yaml().write(toFile: dir + "/vol.yaml", atomically: true, encoding: .utf8)
        let review = Peerreview()
        let gelezen = try review.lees([dir + "/vol.yaml"] + ["goed", "matig"].map { Repo.path("Tests/Fixtures/review/\($0).yaml") })
        // The tokens are really in the input: in their fields and in the prose.
        let origineel = tabel.waarden(in: try #require(gelezen[0].aanvraag)).compactMap(\.tekst).joined(separator: "\n")
        for t in alle { #expect(origineel.contains(t)) }
        #expect(try #require(gelezen[0].aanvraag).project.samenvatting == zin)

        let uitvoer = try review.maak(gelezen, zaad: 1)

        func plat(_ s: String) -> String {
            s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{00A0}", with: "")
        }
        let gezocht = alle.map { ($0, plat($0)) }

        // The anonymised aanvragen, every text of every field.
        for (letter, r) in uitvoer.geanonimiseerd {
            for w in tabel.waarden(in: r.aanvraag) {
                guard let tekst = w.tekst else { continue }
                for (t, z) in gezocht { #expect(!plat(tekst).contains(z), "\(t) in \(w.pad) of aanvraag \(letter)") }
            }
        }
        // Every part of every participant document (content, styles, meta.xml, docProps, rels).
        var delen = 0
        for document in uitvoer.deelnemers {
            let zip = try ZipReader(bytes: document.bytes)
            for deel in zip.entryNames {
                delen += 1
                let tekst = plat(Lekcontrole.decodeer(String(decoding: try zip.read(deel), as: UTF8.self)))
                for (t, z) in gezocht { #expect(!tekst.contains(z), "\(t) in \(deel) of \(document.naam)") }
            }
        }
        #expect(delen > 100)
        #expect(uitvoer.deelnemers.contains { $0.naam.hasSuffix(".odt") } && uitvoer.deelnemers.contains { $0.naam.hasSuffix(".docx") })
    }
}
