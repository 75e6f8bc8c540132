/// The fields of `vip-aanvraag/1`, described once.
///
/// The reader's allowed keys and choice values, `vip schema`, the comments of `vip init`, the
/// prose fields of the spelling check, the identifying fields of the anonymiser and the rule
/// `verplichte_velden` are all derived from `Veldentabel.aanvraag`; each derivation takes the table
/// as a value, so a field added here shows up in all of them.
///
/// The fields stand in the order of the file (as `vip init` writes them); `onderdelen` gives the
/// parts in the order of the course, for a form that follows the bijeenkomsten.
public struct Veldentabel: Sendable {
    /// The top-level fields, in file order, with their paths set.
    public let velden: [Veld]
    private let opPad: [String: Veld]
    /// The paths of the fields that make up a variant of their entry (`bron` and `soort` of a
    /// source, or its `fonds`): which of them must be filled depends on the others.
    public let variantvelden: Set<String>
    /// Made with the table: two values are the same table when they share it, so a user of the
    /// table can keep what it derives from one (a plan of `secties`).
    private let identiteit = Identiteit()
    private final class Identiteit: Sendable {}

    /// Whether `ander` is this table (made by the same `init`, not merely equal).
    public func isZelfde(als ander: Veldentabel) -> Bool { identiteit === ander.identiteit }

    public init(_ velden: [Veld]) {
        func zet(_ v: Veld, onder ouder: String, bijeenkomst: Int?, anonimisering: Anonimisering?) -> Veld {
            var v = v
            v.pad = ouder.isEmpty ? v.sleutel : "\(ouder).\(v.sleutel)"
            v.bijeenkomst = v.bijeenkomst ?? bijeenkomst
            // A section's treatment holds for what is inside it; else a text is the applicant's
            // own, a file is left out and the rest (choices, amounts, dates) stays.
            let binnen = v.anonimisering ?? anonimisering
            let kind = v.itemsoort ?? v.soort
            v.anonimisering = binnen ?? (v.heeftVelden ? nil : kind == .bestand ? .weglaten
                                         : v.isTekst ? .vervang : .behoud)
            if binnen == .openbaar, !v.isTekst, !v.heeftVelden { v.anonimisering = kind == .bestand ? .weglaten : .behoud }
            let onder = v.isLijst ? v.pad + "[]" : v.pad
            v.velden = v.velden.map { zet($0, onder: onder, bijeenkomst: v.bijeenkomst, anonimisering: binnen) }
            return v
        }
        self.velden = velden.map { zet($0, onder: "", bijeenkomst: nil, anonimisering: nil) }
        var opPad: [String: Veld] = [:]
        func registreer(_ v: Veld) {
            opPad[v.pad] = v
            v.velden.forEach(registreer)
        }
        self.velden.forEach(registreer)
        self.opPad = opPad
        self.variantvelden = Set(opPad.values.flatMap { v in
            (v.varianten.map { Array($0.groepen.joined()) } ?? []).compactMap { v[$0]?.pad }
        })
    }

    /// Every field, depth first, in file order.
    public var alle: [Veld] {
        var uit: [Veld] = []
        func voeg(_ v: Veld) { uit.append(v); v.velden.forEach(voeg) }
        velden.forEach(voeg)
        return uit
    }

    /// The parts of an aanvraag in the order of the course (by the bijeenkomst they are due),
    /// for a form with one page per part: the top-level sections and lists of sections.
    public var onderdelen: [Veld] {
        let delen = velden.enumerated().compactMap { i, v in v.heeftVelden ? v.bijeenkomst.map { (i, $0, v) } : nil }
        return delen.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.2)
    }

    /// The field a path is about: `begroting.posten[2].prijs` (a finding's path) or
    /// `begroting.posten[].prijs`. An item of a list of texts or choices (`project.thema[1]`)
    /// gives the list; an entry of a list of sections (`fondsen[0]`) gives the list too.
    public func veld(_ pad: String) -> Veld? {
        var p = Self.zonderIndex(pad)
        while true {
            if let v = opPad[p] { return v }
            guard p.hasSuffix("[]") else { return nil }
            p.removeLast(2)
        }
    }

    /// The keys allowed in the mapping at `pad` ("" for the top; `project.activiteiten[3]` for an
    /// entry), in file order; empty when no section of the table is there.
    public func sleutels(onder pad: String) -> [String] {
        guard !pad.isEmpty else { return velden.map(\.sleutel) }
        return veld(pad).map { $0.velden.map(\.sleutel) } ?? []
    }

    /// The allowed values for a choice at `pad` (also an item of a list of choices).
    public func keuzes(_ pad: String) -> [String]? { veld(pad)?.keuzes }

    /// Whether `zonderIndex(pad) == patroon`, without making the string.
    public static func pad(_ pad: String, zonderIndexIs patroon: String) -> Bool {
        var p = patroon.utf8.makeIterator()
        var inIndex = false
        for b in pad.utf8 {
            if b == UInt8(ascii: "[") {
                inIndex = true
            } else if b == UInt8(ascii: "]") {
                inIndex = false
            } else if inIndex {
                continue
            }
            guard p.next() == b else { return false }
        }
        return p.next() == nil
    }

    /// `begroting.posten[2].prijs` → `begroting.posten[].prijs`.
    public static func zonderIndex(_ pad: String) -> String {
        // On the UTF-8 bytes: the reader asks this for every key and choice it reads, and
        // `contains("[")` and a Character at a time were a tenth of reading an aanvraag.
        guard pad.utf8.contains(UInt8(ascii: "[")) else { return pad }
        var uit: [UInt8] = []
        uit.reserveCapacity(pad.utf8.count)
        var inIndex = false
        for b in pad.utf8 {
            if b == UInt8(ascii: "[") { inIndex = true; uit.append(b) }
            else if b == UInt8(ascii: "]") { inIndex = false; uit.append(b) }
            else if !inIndex { uit.append(b) }
        }
        return String(decoding: uit, as: UTF8.self)
    }

    /// This table with `veld` added to the section at `pad` ("" for the top), at the end.
    public func met(_ veld: Veld, onder pad: String = "") -> Veldentabel {
        let doel = Self.zonderIndex(pad)
        func voeg(_ v: Veld) -> Veld {
            var v = v
            if v.pad == doel || v.pad + "[]" == doel { v.velden.append(veld) }
            v.velden = v.velden.map(voeg)
            return v
        }
        return Veldentabel(doel.isEmpty ? velden + [veld] : velden.map(voeg))
    }
}

extension Veldentabel {
    /// `vip-aanvraag/1`, as `aanvraagformaat.md` describes it. Questions quote or follow the book
    /// (VIP part): the hoofdlijnen of bijeenkomst 2 (L8187: wat, voor wie, met wie, hoe, met welk
    /// resultaat), the ten parts of the projectplan (L8620–8662), the begroting of bijeenkomst 3
    /// (L8575), the parts of bijeenkomst 4 (L8849), the letter of bijeenkomst 5 (L9061), and
    /// positionering and deskundigheid, taught in bijeenkomst 6 and due by 7 (L9301).
    public static let aanvraag = Veldentabel([
        Veld("formaat", .vast(Aanvraag.formaat), "Formaat", hint: "Altijd vip-aanvraag/1", verplicht: true),
        Veld("negeer", .lijst(.sectie), "Bewust genegeerd",
             hint: "Waarschuwingen of tips die u bewust laat staan, met de reden (een fout kan niet)",
             wat: "regels om te negeren", watItem: "een regel om te negeren", anonimisering: .weglaten,
             velden: [Veld("regel", .tekst, "Regel", hint: "Het id van de regel, zoals `partners`"),
                      Veld("reden", .tekst, "Reden", vraag: "Waarom laat u dit bewust staan?")],
             leegInSjabloon: true),
        Veld("woordenlijst", .lijst(.tekst), "Woordenlijst",
             hint: "Woorden die goed gespeld zijn maar die de spellingcontrole niet kent", anonimisering: .weglaten),

        Veld("organisatie", .sectie, "Organisatie", vraag: "Wie bent u, wat doet uw organisatie?",
             verplicht: true, bijeenkomst: 4, wat: "de organisatie", velden: [
                Veld("naam", .tekst, "Naam van de organisatie", vraag: "Wie bent u?",
                     hint: "Bijvoorbeeld: Stichting De Buurtkamer", verplicht: true,
                     benaming: "De naam van de organisatie", identificeert: .organisatie),
                Veld("rechtsvorm", .keuze(["stichting", "vereniging", "stichting-in-oprichting", "informele-groep"],
                                          vrij: true), "Rechtsvorm", verplicht: true, regel: "rechtsvorm"),
                Veld("doelstelling", .proza, "Doelstelling", vraag: "Wat is de doelstelling van de organisatie?",
                     hint: "Neem de doelstelling uit de statuten over", verplicht: true,
                     regel: "doelstelling_organisatie"),
                Veld("opgericht", .datum, "Datum van oprichting"),
                Veld("kvk", .tekst, "KvK-nummer", hint: "8 cijfers", identificeert: .kvk),
                Veld("rsin", .tekst, "RSIN", hint: "9 cijfers (staat op het KvK-uittreksel)", identificeert: .rsin),
                Veld("anbi", .jaNee, "ANBI", hint: "true als de Belastingdienst u als ANBI erkent"),
                Veld("iban", .tekst, "IBAN", hint: "Rekeningnummer van de organisatie", identificeert: .iban),
                adres(identificerend: true),
                Veld("website", .tekst, "Website", identificeert: .website),
                Veld("logo", .bestand, "Logo", hint: "PNG of JPEG, bijvoorbeeld logo.png, in dezelfde map als dit bestand"),
                Veld("bestuur", .lijst(.sectie), "Bestuur", hint: "Houd bestuur en uitvoering gescheiden",
                     wat: "bestuursleden", watItem: "een persoon", velden: [
                    Veld("naam", .tekst, "Naam", verplicht: true, regel: "bestuur", identificeert: .persoon),
                    Veld("functie", .tekst, "Functie", hint: "Bijvoorbeeld: voorzitter, secretaris of penningmeester",
                         verplicht: true, regel: "bestuur"),
                ]),
                Veld("contactpersoon", .sectie, "Contactpersoon",
                     vraag: "Wie is de contactpersoon, met welke functie, en wanneer en hoe is die bereikbaar?",
                     hint: "Zorg dat de contactpersoon goed Nederlands spreekt", verplicht: true,
                     regel: "contactpersoon", wat: "de contactpersoon", velden: [
                        Veld("naam", .tekst, "Naam", verplicht: true, regel: "contactpersoon", identificeert: .persoon),
                        Veld("functie", .tekst, "Functie", verplicht: true, regel: "contactpersoon"),
                        Veld("telefoon", .tekst, "Telefoon", identificeert: .telefoonnummer),
                        Veld("email", .tekst, "E-mail", identificeert: .emailadres),
                        Veld("bereikbaar", .proza, "Bereikbaar", vraag: "Wanneer is de contactpersoon bereikbaar?",
                             hint: "Bijvoorbeeld: dinsdag en donderdag van 9.00 tot 12.00 uur", verplicht: true,
                             regel: "contactpersoon"),
                     ]),
             ]),

        Veld("project", .sectie, "Project", vraag: "De hoofdlijnen: wat, voor wie, met wie, hoe, met welk resultaat?",
             verplicht: true, bijeenkomst: 2, wat: "het project", velden: [
                Veld("titel", .proza, "Titel", vraag: "Hoe heet uw project?", verplicht: true,
                     benaming: "De titel van het project"),
                Veld("samenvatting", .proza, "Samenvatting", vraag: "Wat gaat u doen?",
                     hint: "In vijf zinnen; deze tekst komt in de brief", verplicht: true, regel: "samenvatting"),
                Veld("aanleiding", .proza, "Aanleiding", vraag: "Waarom is het nodig, en waarom nu?",
                     hint: "De urgentie", verplicht: true, regel: "urgentie"),
                Veld("doel", .proza, "Doel", vraag: "Wat wilt u bereiken?", verplicht: true, regel: "doel"),
                Veld("thema", .lijst(.tekst), "Thema's",
                     hint: "Bijvoorbeeld [participatie, opvoeding]; fondsen zoeken op thema", bijeenkomst: 4),
                Veld("regio", .tekst, "Regio", vraag: "Waar?", hint: "Bijvoorbeeld: Amsterdam Nieuw-West", bijeenkomst: 4),
                Veld("doelgroep", .sectie, "Doelgroep", vraag: "Voor wie gaat u het doen?", verplicht: true,
                     wat: "de doelgroep", velden: [
                    Veld("omschrijving", .proza, "Omschrijving", vraag: "Wie zijn het?", verplicht: true, regel: "doelgroep"),
                    Veld("problematiek", .proza, "Problematiek",
                         vraag: "Met welke problemen heeft de doelgroep te maken?", verplicht: true, regel: "doelgroep"),
                    Veld("onderbouwing", .lijst(.proza), "Onderbouwing",
                         hint: "Cijfers en onderzoeksresultaten, met de bron", bijeenkomst: 4),
                    Veld("omvang", .hoeveelheid(geheel: true), "Omvang",
                         vraag: "Hoeveel mensen horen bij de doelgroep?", bijeenkomst: 4),
                ]),
                Veld("profijtgroep", .sectie, "Profijtgroep", vraag: "Wie gaan er echt profijt van hebben, en hoeveel?",
                     bijeenkomst: 4, wat: "de profijtgroep", velden: [
                        Veld("omschrijving", .proza, "Omschrijving", verplicht: true, regel: "profijtgroep"),
                        Veld("aantal", .hoeveelheid(geheel: true), "Aantal", verplicht: true, regel: "profijtgroep"),
                     ]),
                Veld("instroom", .proza, "Instroom", vraag: "Hoe komen de deelnemers binnen, via welke netwerken?",
                     bijeenkomst: 4),
                Veld("doorstroom", .proza, "Doorstroom", vraag: "Hoe hebben zij, eenmaal binnen, profijt van het project?",
                     bijeenkomst: 4),
                Veld("uitstroom", .proza, "Uitstroom", vraag: "Wanneer en hoe zijn zij klaar?", bijeenkomst: 4),
                Veld("aanpak", .lijst(.keuze(Fase.allCases.map(\.rawValue))), "Aanpak",
                     hint: "Eerst ontlasten, dan empoweren, dan activeren", bijeenkomst: 4, wat: "fasen"),
                Veld("werkwijze", .sectie, "Werkwijze", vraag: "Hoe gaat u het doen?", verplicht: true,
                     wat: "de werkwijze", velden: [
                    Veld("omschrijving", .proza, "Omschrijving", verplicht: true, regel: "werkwijze"),
                    Veld("motivering", .proza, "Motivering", vraag: "En waarom zo?", bijeenkomst: 4),
                ]),
                Veld("deskundigheid", .proza, "Deskundigheid",
                     vraag: "Wat hebben wij in huis om dit project succesvol aan te pakken?", bijeenkomst: 7),
                Veld("positionering", .sectie, "Positionering",
                     vraag: "Wat is er al? Bent u een alternatief of werkt u aanvullend, en wat voegt u toe?",
                     bijeenkomst: 7, wat: "de positionering", velden: [
                        Veld("bestaande_initiatieven", .lijst(.sectie), "Bestaande initiatieven", verplicht: true,
                             regel: "positionering", wat: "bestaande initiatieven", watItem: "een initiatief", velden: [
                                Veld("naam", .tekst, "Naam", verplicht: true, benaming: "De naam van dit initiatief",
                                     identificeert: .initiatief),
                                Veld("wat", .proza, "Wat zij doen"),
                             ]),
                        Veld("verhouding", .keuze(Verhouding.allCases.map(\.rawValue)), "Verhouding", verplicht: true,
                             regel: "positionering"),
                        Veld("toegevoegde_waarde", .proza, "Toegevoegde waarde", vraag: "Wat voegt u toe dat er nog niet is?",
                             verplicht: true, regel: "positionering"),
                     ]),
                Veld("partners", .lijst(.sectie), "Partners", vraag: "Met wie gaat u het doen?",
                     hint: "U kunt de nood niet in uw eentje lenigen", wat: "partners", watItem: "een partner", velden: [
                        Veld("naam", .tekst, "Naam", verplicht: true, benaming: "De naam van deze partner",
                             identificeert: .partner),
                        Veld("rol", .proza, "Rol", verplicht: true, benaming: "De rol van deze partner in het project"),
                        Veld("status", .keuze(PartnerStatus.allCases.map(\.rawValue)), "Status", bijeenkomst: 4),
                     ]),
                Veld("projectleider", .tekst, "Projectleider", vraag: "Wie voert de activiteiten uit en leidt het project?",
                     verplicht: true, regel: "projectleiding", identificeert: .personen, bijeenkomst: 4),
                Veld("eindverantwoordelijke", .tekst, "Eindverantwoordelijke", vraag: "Wie is de eindverantwoordelijke?",
                     verplicht: true, regel: "projectleiding", identificeert: .personen, bijeenkomst: 4),
                Veld("periode", .sectie, "Periode",
                     vraag: "Wanneer start het project en voor wanneer is het eind voorzien?", verplicht: true,
                     bijeenkomst: 4, wat: "de periode", velden: [
                        Veld("start", .datum, "Start", verplicht: true, regel: "periode"),
                        Veld("eind", .datum, "Eind", verplicht: true, regel: "periode"),
                     ]),
                Veld("fasering", .proza, "Fasering", vraag: "Welke fase is dit?", hint: "Begin klein", bijeenkomst: 4),
                Veld("activiteiten", .lijst(.sectie), "Activiteiten",
                     vraag: "Wat gaat u doen, door wie, hoeveel uur, wanneer?", verplicht: true, regel: "activiteiten",
                     wat: "activiteiten", watItem: "een activiteit", velden: [
                        Veld("naam", .proza, "Naam", verplicht: true, regel: "activiteiten"),
                        Veld("omschrijving", .proza, "Omschrijving", verplicht: true, regel: "activiteiten"),
                        Veld("fase", .keuze(Fase.allCases.map(\.rawValue)), "Fase", bijeenkomst: 4),
                        Veld("uitvoerders", .lijst(.tekst), "Uitvoerders", vraag: "Wie voeren de activiteit uit?",
                             identificeert: .personen, bijeenkomst: 4),
                        Veld("uren", .hoeveelheid(geheel: false), "Uren", bijeenkomst: 4),
                        Veld("start", .datum, "Start", bijeenkomst: 4),
                        Veld("eind", .datum, "Eind", bijeenkomst: 4),
                     ]),
                Veld("resultaten", .lijst(.sectie), "Resultaten", vraag: "Met welk resultaat?",
                     hint: "Maak het telbaar, en zeg waarom", verplicht: true, regel: "resultaten", wat: "resultaten",
                     watItem: "een resultaat", velden: [
                        Veld("resultaat", .proza, "Resultaat", verplicht: true, benaming: "Het resultaat zelf"),
                        Veld("waarom", .proza, "Waarom", vraag: "Waarom verwacht u dit resultaat?", bijeenkomst: 4),
                     ], losseTekst: "resultaat"),
                Veld("succesfactoren", .lijst(.proza), "Succesfactoren", vraag: "Wat maakt het project tot een succes?",
                     bijeenkomst: 4),
                Veld("faalfactoren", .lijst(.proza), "Faalfactoren", vraag: "Waardoor zou het kunnen mislukken?",
                     bijeenkomst: 4),
                Veld("evaluatie", .sectie, "Evaluatie", vraag: "Hoe, wanneer en door wie wordt het project geëvalueerd?",
                     verplicht: true, bijeenkomst: 4, wat: "de evaluatie", velden: [
                        Veld("hoe", .proza, "Hoe", verplicht: true, regel: "evaluatie"),
                        Veld("wanneer", .proza, "Wanneer", verplicht: true, regel: "evaluatie"),
                        Veld("door", .proza, "Door wie", verplicht: true, regel: "evaluatie", identificeert: .personen),
                     ]),
                Veld("verslaglegging", .sectie, "Verslaglegging",
                     vraag: "Door wie en wanneer wordt verslag gedaan, en wat doet u met het verslag?",
                     verplicht: true, bijeenkomst: 4, wat: "de verslaglegging", velden: [
                        Veld("door", .proza, "Door wie", verplicht: true, regel: "verslaglegging",
                             identificeert: .personen),
                        Veld("wanneer", .proza, "Wanneer", verplicht: true, regel: "verslaglegging"),
                        Veld("gebruik", .proza, "Gebruik",
                             vraag: "Hoe gebruikt u het verslag: in publiciteit, pr, als overgang naar een volgend project?",
                             verplicht: true, regel: "verslaglegging"),
                     ]),
                Veld("vervolg", .proza, "Vervolgstappen", vraag: "Wat zijn de vervolgstappen?", bijeenkomst: 4),
             ]),

        Veld("begroting", .sectie, "Begroting", vraag: "Wat kost het project?",
             hint: "Vraag offertes op; geen natte-vingerwerk", verplicht: true, bijeenkomst: 3, wat: "de begroting",
             velden: [
                Veld("posten", .lijst(.sectie), "Posten", verplicht: true, regel: "begroting", wat: "posten",
                     watItem: "een post", velden: [
                    Veld("post", .proza, "Post", verplicht: true, benaming: "De omschrijving van deze begrotingspost"),
                    Veld("categorie", .tekst, "Categorie", hint: "Vrij, behalve: vrijwilligers, onvoorzien, exploitatie",
                         verplicht: true, benaming: "De categorie van deze begrotingspost"),
                    Veld("aantal", .hoeveelheid(geheel: false), "Aantal", verplicht: true, regel: "post_bedrag"),
                    Veld("eenheid", .tekst, "Eenheid", hint: "Bijvoorbeeld: uur, stuk, dagdeel"),
                    Veld("prijs", .bedrag, "Prijs per eenheid", verplicht: true, regel: "post_bedrag"),
                    Veld("bedrag", .bedrag, "Bedrag", hint: "Leeg laten: vip rekent aantal × prijs"),
                    Veld("inzet", .keuze(Inzet.allCases.map(\.rawValue)), "Inzet",
                         hint: "Standaard betaald; eigen inzet heeft geen prijs"),
                    Veld("onderbouwing", .keuze(Onderbouwing.allCases.map(\.rawValue)), "Onderbouwing"),
                    Veld("offerte", .tekst, "Offerte", hint: "Titel van de offerte onder bijlagen"),
                    Veld("toelichting", .proza, "Toelichting"),
                ]),
                Veld("toelichting", .proza, "Toelichting op de begroting", verplicht: true, regel: "toelichting_begroting"),
             ]),

        Veld("dekkingsplan", .lijst(.sectie), "Dekkingsplan", vraag: "Wie betaalt wat?",
             hint: "Laat zien dat anderen ook meebetalen", verplicht: true, regel: "dekkingsplan", bijeenkomst: 4,
             wat: "bronnen en fondsen", watItem: "een bron of fonds", velden: [
                Veld("bron", .tekst, "Bron", benaming: "De naam van deze bron", identificeert: .sponsor),
                Veld("soort", .keuze(Soort.allCases.map(\.rawValue)), "Soort", benaming: "De soort van deze bron"),
                Veld("fonds", .tekst, "Fonds", hint: "De naam van een fonds uit `fondsen`", anonimisering: .behoud),
                Veld("bedrag", .bedrag, "Bedrag", verplicht: true, regel: "dekkingsplan"),
                Veld("status", .keuze(DekkingStatus.allCases.map(\.rawValue)), "Status", verplicht: true,
                     benaming: "De status"),
                // After the fund decides (na-het-besluit.md).
                Veld("aangevraagd_op", .datum, "Aangevraagd op", hint: "De datum waarop u de aanvraag verstuurde"),
                Veld("besluit_op", .datum, "Besluit op", vraag: "Wanneer heeft het fonds besloten?"),
                Veld("toegezegd_bedrag", .bedrag, "Toegezegd bedrag",
                     hint: "Alleen als het fonds een ander bedrag geeft dan u vroeg; dit bedrag telt dan in de dekking"),
                Veld("kenmerk", .tekst, "Kenmerk", hint: "Het kenmerk of dossiernummer van het fonds; noem het in elke brief"),
                Veld("verantwoording_voor", .datum, "Verantwoording voor",
                     vraag: "Wanneer wil het fonds de verantwoording ontvangen?"),
                Veld("voorwaarden", .proza, "Voorwaarden", vraag: "Welke voorwaarden stelt het fonds bij de toezegging?"),
                Veld("bedankt_op", .datum, "Bedankbrief verstuurd op",
                     hint: "Stuur na een toezegging binnen twee weken een bedankbrief"),
             ],
             varianten: Varianten([["bron", "soort"], ["fonds"]],
                                  optioneel: [[], ["aangevraagd_op", "besluit_op", "toegezegd_bedrag", "kenmerk",
                                                   "verantwoording_voor", "voorwaarden", "bedankt_op"]],
                                  geenMelding: "Deze regel van het dekkingsplan noemt geen bron of fonds. "
                                    + "Schrijf `bron:` met `soort:`, of `fonds:` met de naam van een fonds.")),

        Veld("fondsen", .lijst(.sectie), "Fondsen", vraag: "Welke fondsen schrijft u aan?",
             hint: "Schrijf altijd meerdere fondsen aan", verplicht: true, regel: "meerdere_fondsen", bijeenkomst: 5,
             wat: "fondsen", watItem: "een fonds", anonimisering: .openbaar, velden: [
                Veld("naam", .tekst, "Naam", verplicht: true, benaming: "De naam van dit fonds", anonimisering: .behoud),
                Veld("ter_attentie_van", .tekst, "Ter attentie van", vraag: "Wie is de contactpersoon bij het fonds?",
                     hint: "Zoek dat van tevoren uit"),
                Veld("aanhef", .tekst, "Aanhef", hint: "Bijvoorbeeld: Geachte mevrouw De Vries,"),
                adres(identificerend: false),
                Veld("doelstelling", .tekst, "Doelstelling van het fonds", vraag: "Past uw project bij het fonds?",
                     hint: "Niet zeker? Bellen!"),
             ]),

        Veld("bijlagen", .lijst(.sectie), "Bijlagen", hint: "Statuten, KvK-uittreksel, jaarverslag en offertes",
             bijeenkomst: 4, wat: "bijlagen", watItem: "een bijlage", velden: [
                Veld("titel", .tekst, "Titel", verplicht: true, benaming: "De titel van deze bijlage"),
                Veld("soort", .keuze(BijlageSoort.allCases.map(\.rawValue)), "Soort", verplicht: true,
                     benaming: "De soort van deze bijlage"),
                Veld("bestand", .bestand, "Bestand", hint: "Pad vanaf de map van dit bestand"),
                Veld("organisatie", .tekst, "Organisatie", hint: "Alleen als de bijlage van een andere organisatie is",
                     identificeert: .partner),
                Veld("toelichting", .proza, "Toelichting",
                     vraag: "Waarom gaat deze bijlage mee, en hoe verhouden de organisaties zich tot elkaar?"),
             ]),

        Veld("brief", .sectie, "Brief", vraag: "De begeleidende brief: wie bent u, wat vraagt u, en waarom?",
             bijeenkomst: 5, wat: "de brief", velden: [
                Veld("plaats", .tekst, "Plaats"),
                Veld("datum", .datum, "Datum"),
                Veld("inleiding", .proza, "Eigen inleiding", hint: "Leeg laten: vip schrijft zelf een inleiding"),
                Veld("slot", .proza, "Eigen slot", hint: "Leeg laten: vip schrijft zelf een slot"),
                Veld("gecorrigeerd_door", .tekst, "Gecorrigeerd door", vraag: "Wie heeft de brief gecorrigeerd?",
                     hint: "Laat de brief altijd corrigeren door iemand die goed Nederlands spreekt",
                     identificeert: .personen),
                Veld("ondertekening", .lijst(.sectie), "Ondertekening", wat: "ondertekenaars", watItem: "een persoon",
                     velden: [
                    Veld("naam", .tekst, "Naam", verplicht: true, benaming: "De naam van wie ondertekent",
                         identificeert: .persoon),
                    Veld("functie", .tekst, "Functie", verplicht: true, benaming: "De functie van wie ondertekent"),
                ]),
             ]),

        // After the course and the funds' decisions: no bijeenkomst asks for it (L8999–9008).
        Veld("realisatie", .sectie, "Realisatie",
             vraag: "Wat heeft het project werkelijk gekost, wat is er binnengekomen en wat is er bereikt?",
             hint: "Voor de verantwoording aan de fondsen; vul in na afloop (of tussentijds)", wat: "de realisatie",
             velden: [
                Veld("peildatum", .datum, "Peildatum", hint: "De datum waarop de cijfers gelden"),
                Veld("posten", .lijst(.sectie), "Werkelijke kosten",
                     hint: "Per begrotingspost, met de naam precies zoals in de begroting", wat: "posten",
                     watItem: "een post", velden: [
                        Veld("post", .proza, "Post", hint: "Precies zoals in de begroting", verplicht: true,
                             benaming: "De naam van deze begrotingspost"),
                        Veld("werkelijk", .bedrag, "Werkelijk bedrag", verplicht: true,
                             benaming: "Het werkelijke bedrag van deze post"),
                        Veld("toelichting", .proza, "Toelichting", vraag: "Waarom wijkt het af van de begroting?"),
                     ], leegInSjabloon: true),
                Veld("extra", .lijst(.sectie), "Kosten buiten de begroting", wat: "extra kosten", watItem: "een post",
                     velden: [
                        Veld("post", .proza, "Post", verplicht: true, benaming: "De omschrijving van deze extra kosten"),
                        Veld("categorie", .tekst, "Categorie", hint: "Een categorie van de begroting, of een nieuwe"),
                        Veld("werkelijk", .bedrag, "Werkelijk bedrag", verplicht: true,
                             benaming: "Het bedrag van deze extra kosten"),
                        Veld("toelichting", .proza, "Toelichting", vraag: "Waarom waren deze kosten nodig?"),
                     ], leegInSjabloon: true),
                Veld("ontvangen", .lijst(.sectie), "Ontvangen", wat: "ontvangen bedragen", watItem: "een ontvangst",
                     velden: [
                        Veld("fonds", .tekst, "Fonds", hint: "De naam van het fonds, zoals in het dekkingsplan",
                             anonimisering: .behoud),
                        Veld("bron", .tekst, "Bron", hint: "Of de naam van een andere bron uit het dekkingsplan"),
                        Veld("bedrag", .bedrag, "Bedrag", verplicht: true, benaming: "Het ontvangen bedrag"),
                        Veld("datum", .datum, "Datum"),
                     ], varianten: Varianten([["fonds"], ["bron"]],
                                             geenMelding: "Deze ontvangst noemt geen fonds of bron. Schrijf `fonds:` of "
                                                + "`bron:` met de naam zoals in het dekkingsplan."),
                     leegInSjabloon: true),
                Veld("resultaten", .lijst(.sectie), "Bereikte resultaten",
                     hint: "Per beoogd resultaat, met de tekst precies zoals bij de resultaten", wat: "resultaten",
                     watItem: "een resultaat", velden: [
                        Veld("resultaat", .proza, "Beoogd resultaat", verplicht: true,
                             benaming: "Het beoogde resultaat"),
                        Veld("bereikt", .proza, "Bereikt", vraag: "Wat is er werkelijk bereikt?", verplicht: true,
                             benaming: "Wat er bereikt is"),
                     ], leegInSjabloon: true),
                Veld("verslag", .sectie, "Verslag", wat: "het verslag", velden: [
                    Veld("goed", .proza, "Wat ging goed", vraag: "Wat ging goed?"),
                    Veld("beter", .proza, "Wat kan beter", vraag: "Wat kan een volgende keer beter?"),
                    Veld("vervolg", .proza, "Vervolg", vraag: "Hoe gaat het project verder?"),
                ]),
             ]),
    ])

    /// An address: of the organisation (identifying) or of a fund (public).
    static func adres(identificerend: Bool) -> Veld {
        Veld("adres", .sectie, "Adres", wat: "een adres", velden: [
            Veld("straat", .tekst, "Straat en huisnummer", verplicht: true, benaming: "De straat van dit adres",
                 identificeert: identificerend ? .adres : nil),
            Veld("postcode", .tekst, "Postcode", hint: "Zoals 1065 KH", verplicht: true,
                 benaming: "De postcode van dit adres", identificeert: identificerend ? .postcode : nil,
                 normaliseer: .postcode),
            Veld("plaats", .tekst, "Plaats", verplicht: true, benaming: "De plaats van dit adres"),
        ])
    }
}
