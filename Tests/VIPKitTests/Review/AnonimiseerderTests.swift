import Foundation
import Testing
import VIPModel
import VIPSpelling
@testable import VIPKit

/// Reads an aanvraag from YAML text (through the real reader, as `vip review` does).
func reviewAanvraag(_ yaml: String) throws -> Aanvraag {
    let dir = Repo.tempDir("vip-review-yaml")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let pad = dir + "/a.yaml"
    try ("formaat: vip-aanvraag/1\n" + yaml).write(toFile: pad, atomically: true, encoding: .utf8)
    return try AanvraagReader.read(path: pad)
}

/// A tiny dictionary, so these tests do not depend on the installed hunspell word list.
let kleinWoordenboek: @Sendable (String) -> Bool = { w in
    ["roos", "visser", "bakker", "storm", "haan", "dijk", "bruin", "mol", "koster", "anker", "meeuw", "kameleon",
     "vrouwen", "voor", "elkaar", "centrum", "basisschool", "wijkcentrum", "buurthuis", "slimmer", "leren"].contains(w)
}

@Suite("Review: anonimiseren")
struct ReviewAnonimiseerderTests {
    let anon = Anonimiseerder(isGewoonWoord: kleinWoordenboek)

    static let basis = """
        organisatie:
          naam: Stichting Huiswerkhuis Bloemhof
          kvk: "68314295"
          rsin: "880334010"
          iban: NL57TRIO0212348890
          website: https://www.huiswerkhuisbloemhof.example
          adres:
            straat: Hortensiastraat 41
            postcode: 3074 RH
            plaats: Rotterdam
          bestuur:
            - naam: Roos Visser
              functie: voorzitter
            - naam: Abdelkader Haddouchi
              functie: secretaris
          contactpersoon:
            naam: Petra Zwanenburg
            functie: coördinator
            telefoon: "06 52781934"
            email: petra@huiswerkhuisbloemhof.example
        project:
          titel: Huiswerkklas
          projectleider: Petra Zwanenburg
          partners:
            - naam: Basisschool De Kameleon
              rol: verwijst door
          positionering:
            bestaande_initiatieven:
              - naam: Huiswerkinstituut Slimmer Leren
                wat: betaald
        """

    func anonimiseer(_ extra: String) throws -> (Aanvraag, [Identificerend]) {
        let r = anon.anonimiseer(try reviewAanvraag(Self.basis + "\n" + extra))
        return (r.aanvraag, r.identificerend)
    }

    func tekst(_ s: String) throws -> String {
        let (a, _) = try anonimiseer("  samenvatting: \"\(s)\"")
        return a.project.samenvatting ?? ""
    }

    let nbsp = "\u{00A0}"

    @Test func structuredFieldsBecomeLabels() throws {
        let (a, ids) = try anonimiseer("")
        #expect(a.organisatie.naam == "[organisatie]")
        #expect(a.organisatie.bestuur.map(\.naam) == ["[persoon\(nbsp)1]", "[persoon\(nbsp)2]"])
        #expect(a.organisatie.contactpersoon?.naam == "[persoon\(nbsp)3]")
        #expect(a.project.projectleider == "[persoon\(nbsp)3]")
        #expect(a.organisatie.kvk == "[KvK-nummer]")
        #expect(a.organisatie.rsin == "[RSIN]")
        #expect(a.organisatie.iban == "[IBAN]")
        #expect(a.organisatie.website == "[website]")
        #expect(a.organisatie.adres?.straat == "[adres]")
        #expect(a.organisatie.adres?.postcode == "[postcode]")
        #expect(a.organisatie.contactpersoon?.telefoon == "[telefoonnummer]")
        #expect(a.organisatie.contactpersoon?.email == "[e-mailadres]")
        #expect(a.project.partners.first?.naam == "[partnerorganisatie\(nbsp)1]")
        #expect(a.project.positionering?.bestaandeInitiatieven.first?.naam == "[initiatief\(nbsp)1]")
        #expect(a.organisatie.logo == nil)
        #expect(ids.contains { $0.soort == .persoon && $0.tekst == "Petra" })
        #expect(ids.contains { $0.soort == .persoon && $0.tekst == "Zwanenburg" })
        // Ordinary words are no identifying string of their own.
        #expect(!ids.contains { $0.tekst == "Roos" || $0.tekst == "Visser" })
    }

    @Test func namesInFreeText() throws {
        #expect(try tekst("Petra Zwanenburg belt de ouders.") == "[persoon\(nbsp)3] belt de ouders.")
        #expect(try tekst("Daarna belt Petra de ouders.") == "Daarna belt [persoon\(nbsp)3] de ouders.")
        #expect(try tekst("Mevrouw Zwanenburg leidt de klas.") == "Mevrouw [persoon\(nbsp)3] leidt de klas.")
        #expect(try tekst("De voorzitter, ROOS VISSER, opent.") == "De voorzitter, [persoon\(nbsp)1], opent.")
        #expect(try tekst("Dit is Petra's klas.") == "Dit is [persoon\(nbsp)3]'s klas.")
        #expect(try tekst("Dit is Petra’s klas.") == "Dit is [persoon\(nbsp)3]’s klas.")
        #expect(try tekst("Secretaris Abdelkader schrijft.") == "Secretaris [persoon\(nbsp)2] schrijft.")
        // Whitespace variants and case.
        #expect(try tekst("petra   zwanenburg") == "[persoon\(nbsp)3]")
        // Word boundaries: a name inside a longer word stays.
        #expect(try tekst("De Petrakerk staat er.") == "De Petrakerk staat er.")
    }

    @Test func aGivenNameThatIsAlsoAParticle() throws {
        // "ben" is an ordinary Dutch word ("ik ben"), as the real dictionary says.
        let anon = Anonimiseerder(isGewoonWoord: { kleinWoordenboek($0) || $0 == "ben" })
        let a = anon.anonimiseer(try reviewAanvraag(Self.basis + "\n" + """
              samenvatting: "Ben de Vries en Mohamed ben Salah leiden de klas. Later belt de Vries, ik ben er ook."
              eindverantwoordelijke: Ben de Vries
              evaluatie:
                door: Mohamed ben Salah
            """)).aanvraag
        // "ben" is a particle in "Mohamed ben Salah" (so "ik ben" stays), and the given name in
        // "Ben de Vries" (so "de Vries" is still his surname with its particle).
        #expect(a.project.samenvatting == "[persoon\(nbsp)4] en [persoon\(nbsp)5] leiden de klas. "
            + "Later belt [persoon\(nbsp)4], ik ben er ook.")
    }

    @Test func ordinaryWordsStayUnlessUsedAsName() throws {
        // "roos" and "visser" are ordinary words: left alone as words.
        #expect(try tekst("Een roos voor de visser.") == "Een roos voor de visser.")
        // At the start of a sentence a capital proves nothing.
        #expect(try tekst("Roos is een bloem.") == "Roos is een bloem.")
        // In the middle of a sentence, with a capital, it is the name.
        #expect(try tekst("Het plan is van Roos en Petra.") == "Het plan is van [persoon\(nbsp)1] en [persoon\(nbsp)3].")
    }

    @Test func organisationAndPartners() throws {
        #expect(try tekst("Stichting Huiswerkhuis Bloemhof is gratis.") == "[organisatie] is gratis.")
        #expect(try tekst("Huiswerkhuis Bloemhof is gratis.") == "[organisatie] is gratis.")
        #expect(try tekst("Samen met Basisschool De Kameleon.") == "Samen met [partnerorganisatie\(nbsp)1].")
        // The distinctive part of a partner's name, only when written as a name.
        #expect(try tekst("Leerlingen van De Kameleon.") == "Leerlingen van [partnerorganisatie\(nbsp)1].")
        #expect(try tekst("Een kameleon verandert van kleur.") == "Een kameleon verandert van kleur.")
        #expect(try tekst("Anders dan Huiswerkinstituut Slimmer Leren.") == "Anders dan [initiatief\(nbsp)1].")
        #expect(try tekst("Kinderen slimmer leren rekenen.") == "Kinderen slimmer leren rekenen.")
    }

    @Test func numbersWithAndWithoutSpaces() throws {
        #expect(try tekst("Bel 06 52781934.") == "Bel [telefoonnummer].")
        #expect(try tekst("Bel 0652781934.") == "Bel [telefoonnummer].")
        #expect(try tekst("Bel 06-52 78 19 34.") == "Bel [telefoonnummer].")
        #expect(try tekst("Bel +31 6 52781934.") == "Bel [telefoonnummer].")
        #expect(try tekst("Giften op NL57 TRIO 0212 3488 90 graag.") == "Giften op [IBAN] graag.")
        #expect(try tekst("Giften op nl57trio0212348890.") == "Giften op [IBAN].")
        #expect(try tekst("KvK 68 31 42 95, RSIN 880.334.010.") == "KvK [KvK-nummer], RSIN [RSIN].")
        #expect(try tekst("Postcode 3074RH of 3074 rh.") == "Postcode [postcode] of [postcode].")
        #expect(try tekst("Wij zitten aan de Hortensiastraat 41 en de Hortensiastraat is rustig.")
                == "Wij zitten aan de [adres] en de [straat] is rustig.")
        // Amounts and years stay.
        #expect(try tekst("In 2025 kost het € 1.732,60 en 12345678,50.") == "In 2025 kost het € 1.732,60 en 12345678,50.")
    }

    @Test func patternsFindWhatNoFieldHas() throws {
        #expect(try tekst("Mail jan@voorbeeld.nl of kijk op www.voorbeeld.nl.") == "Mail [e-mailadres] of kijk op [website].")
        #expect(try tekst("Zie https://example.org/over-ons, en bel 020-6123456.") == "Zie [website], en bel [telefoonnummer].")
        #expect(try tekst("IBAN NL91ABNA0417164300 of DE89 3704 0044 0532 0130 00.") == "IBAN [IBAN] of [IBAN].")
        #expect(try tekst("Postcode 1032 KT, dossier 12345678.") == "Postcode [postcode], dossier [nummer].")
        #expect(try tekst("De website huiswerkhuisbloemhof.example werkt.") == "De website [website] werkt.")
    }

    @Test func samePersonSameNumberInEveryField() throws {
        let (a, _) = try anonimiseer("""
              samenvatting: Petra Zwanenburg leidt het project.
              activiteiten:
                - naam: Intake
                  omschrijving: Petra voert de intake.
                  uitvoerders: [Petra Zwanenburg, Mehmet Yıldırım, huiswerkvrijwilligers]
                - naam: Training
                  omschrijving: Mehmet Yildirim traint.
                  uitvoerders: [Mehmet Yıldırım]
            brief:
              ondertekening:
                - naam: Roos Visser
                  functie: voorzitter
            """)
        let p3 = "[persoon\(nbsp)3]", p4 = "[persoon\(nbsp)4]"
        #expect(a.project.samenvatting == "\(p3) leidt het project.")
        #expect(a.project.activiteiten[0].omschrijving == "\(p3) voert de intake.")
        #expect(a.project.activiteiten[0].uitvoerders == [p3, p4, "huiswerkvrijwilligers"])
        // Without diacritics it is still the same person.
        #expect(a.project.activiteiten[1].omschrijving == "\(p4) traint.")
        #expect(a.brief.ondertekening.first?.naam == "[persoon\(nbsp)1]")
    }

    @Test func fundsStay() throws {
        let (a, _) = try anonimiseer("""
            dekkingsplan:
              - fonds: Oranje Fonds
                bedrag: 100
                status: aangevraagd
              - bron: Autobedrijf Van Rijn
                soort: sponsor
                bedrag: 50
                status: toegezegd
            fondsen:
              - naam: Oranje Fonds
                ter_attentie_van: de heer J. van Dam
                aanhef: Geachte heer Van Dam,
                adres:
                  straat: Postbus 2041
                  postcode: 3500 GA
                  plaats: Utrecht
            """)
        #expect(a.fondsen[0].naam == "Oranje Fonds")
        #expect(a.fondsen[0].terAttentieVan == "de heer J. van Dam")
        #expect(a.fondsen[0].adres?.postcode == "3500 GA")
        #expect(a.dekkingsplan[0].fonds == "Oranje Fonds")
        #expect(a.dekkingsplan[1].bron == "[sponsor\(nbsp)1]")
    }

    @Test func otherAanvragenStringsAreReplacedToo() throws {
        let a = try reviewAanvraag(Self.basis)
        let b = try reviewAanvraag("""
            organisatie:
              naam: Vereniging Vrouwen voor Elkaar
              bestuur:
                - naam: Hatice Özdemir
                  functie: voorzitter
            project:
              samenvatting: Wij kennen Petra Zwanenburg van Huiswerkhuis Bloemhof; Hatice Ozdemir leidt.
            """)
        let r = anon.anonimiseer([a, b])
        #expect(r[1].aanvraag.project.samenvatting == "Wij kennen [persoon] van [organisatie]; [persoon\(nbsp)1] leidt.")
        #expect(r[1].aanvraag.organisatie.naam == "[organisatie]")
        #expect(r[1].identificerend.contains { $0.tekst == "Vrouwen voor Elkaar" && $0.hoofdlettergevoelig })
    }

    @Test func realDictionaryDecidesWhatIsAName() throws {
        guard let hunspell = Hunspell.dutch else { return }
        let echt = Anonimiseerder()
        for woord in ["roos", "visser", "bakker"] { #expect(hunspell.spell(woord), "\(woord) should be a word") }
        let ids = echt.anonimiseer(try reviewAanvraag(Self.basis)).identificerend
        let namen = Set(ids.filter { $0.soort == .persoon }.map(\.tekst))
        #expect(namen.isSuperset(of: ["Petra", "Abdelkader", "Haddouchi", "Roos Visser", "Petra Zwanenburg"]))
        #expect(!namen.contains("Roos") && !namen.contains("Visser"))
        // Hunspell accepts "zwanenburg" as a compound (zwanen + burg): then the surname alone is
        // replaced only where it is written as a name, with a capital and not opening a sentence.
        let r = echt.anonimiseer(try reviewAanvraag(Self.basis + "\n  samenvatting: Bel mevrouw Zwanenburg. Zwanenburg is een dorp."))
        let verwacht = hunspell.spell("zwanenburg") ? "Zwanenburg is een dorp." : "[persoon\(nbsp)3] is een dorp."
        #expect(r.aanvraag.project.samenvatting == "Bel mevrouw [persoon\(nbsp)3]. " + verwacht)
    }

    @Test func vervangerIsOnePass() {
        // A label is never searched again, even when it contains a word that is identifying.
        let v = Vervanger(identificerend: [
            Identificerend(soort: .persoon, tekst: "Persoon", label: "[persoon 1]"),
            Identificerend(soort: .organisatie, tekst: "Stichting Persoon", label: "[organisatie]"),
        ])
        #expect(v.vervang("Stichting Persoon en Persoon.") == "[organisatie] en [persoon 1].")
    }
}
