import VIPModel

/// `vip schema`: a JSON Schema (draft 2020-12) of `vip-aanvraag/1`, so editors can
/// complete and check fields while typing. Kept next to the reader's key lists; a test
/// validates the samples and a `vip init` file against it with a real validator.
public enum Schema {
    static func obj(_ props: [(String, JSON)], beschrijving: String? = nil) -> JSON {
        var o: [(String, JSON)] = [("type", .array([.string("object"), .string("null")]))]
        if let beschrijving { o.append(("description", .string(beschrijving))) }
        o.append(("properties", .object(props)))
        o.append(("additionalProperties", .bool(false)))
        return .object(o)
    }

    static func tekst(_ d: String) -> JSON {
        .object([("type", .array(["string", "number", "boolean", "null"].map(JSON.string))), ("description", .string(d))])
    }

    static func lijst(_ items: JSON, _ d: String) -> JSON {
        .object([("type", .array([.string("array"), .string("null")])), ("description", .string(d)), ("items", items)])
    }

    static func tekstlijst(_ d: String) -> JSON {
        .object([("description", .string(d)), ("anyOf", .array([lijst(tekst(d), d), tekst(d)]))])
    }

    static func keuze(_ values: [String], _ d: String) -> JSON {
        .object([("description", .string(d)), ("enum", .array(values.map(JSON.string) + [.null]))])
    }

    static let bedrag: JSON = .object([
        ("description", .string("Bedrag in euro: 1250, 32.50, \"1.250,00\" of \"€ 1.250\"")),
        ("anyOf", .array([
            .object([("type", .string("number")), ("multipleOf", .number("0.01"))]),
            .object([("type", .string("string")), ("pattern", .string("^\\s*-?\\s*(€|EUR)?\\s*-?[0-9][0-9.]*(,[0-9]{1,2}|,-{1,2})?\\s*$"))]),
            .object([("type", .string("null"))]),
        ])),
    ])

    static let getal: JSON = .object([
        ("description", .string("Een getal, zoals 12 of 1,5")),
        ("anyOf", .array([.object([("type", .string("number"))]),
                          .object([("type", .string("string")), ("pattern", .string("^[0-9][0-9.]*(,[0-9]{1,2})?$"))]),
                          .object([("type", .string("null"))])])),
    ])

    static let geheel: JSON = .object([("type", .array([.string("integer"), .string("null")])), ("minimum", .int(0))])

    static let datum: JSON = .object([
        ("description", .string("Datum: 2011-09-01 of 1-9-2011")),
        ("type", .array([.string("string"), .string("null")])),
        ("pattern", .string("^\\s*([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}-[0-9]{1,2}-[0-9]{4})\\s*$")),
    ])

    static let adres = obj([("straat", tekst("Straat en huisnummer")), ("postcode", tekst("Postcode, zoals 1065 KH")),
                            ("plaats", tekst("Plaats"))])
    static let persoon = obj([("naam", tekst("Naam")), ("functie", tekst("Functie"))])

    public static var json: JSON {
        let fases = Fase.allCases.map(\.rawValue)
        let organisatie = obj([
            ("naam", tekst("Naam van de organisatie")),
            ("rechtsvorm", tekst("stichting, vereniging, stichting-in-oprichting of informele-groep")),
            ("doelstelling", tekst("De doelstelling uit de statuten")), ("opgericht", datum),
            ("kvk", tekst("KvK-nummer, 8 cijfers")), ("rsin", tekst("RSIN, 9 cijfers")),
            ("anbi", .object([("type", .array([.string("boolean"), .string("string"), .string("null")]))])),
            ("iban", tekst("IBAN")), ("adres", adres), ("website", tekst("Website")),
            ("logo", tekst("PNG of JPEG, pad vanaf de map van de aanvraag")),
            ("bestuur", lijst(persoon, "Bestuursleden")),
            ("contactpersoon", obj([("naam", tekst("Naam")), ("functie", tekst("Functie")), ("telefoon", tekst("Telefoon")),
                                    ("email", tekst("E-mail")), ("bereikbaar", tekst("Wanneer bereikbaar"))])),
        ])
        let project = obj([
            ("titel", tekst("Titel")), ("samenvatting", tekst("Samenvatting")), ("aanleiding", tekst("Aanleiding, urgentie")),
            ("doel", tekst("Doel")), ("thema", tekstlijst("Thema's")), ("regio", tekst("Regio")),
            ("doelgroep", obj([("omschrijving", tekst("Wie")), ("problematiek", tekst("Welke problemen")),
                               ("onderbouwing", tekstlijst("Cijfers en bronnen")), ("omvang", geheel)])),
            ("profijtgroep", obj([("omschrijving", tekst("Wie er echt profijt van heeft")), ("aantal", geheel)])),
            ("instroom", tekst("Instroom")), ("doorstroom", tekst("Doorstroom")), ("uitstroom", tekst("Uitstroom")),
            ("aanpak", lijst(keuze(fases, "Fase"), "Aanpak")),
            ("werkwijze", obj([("omschrijving", tekst("Werkwijze")), ("motivering", tekst("Waarom"))])),
            ("deskundigheid", tekst("Wat hebben wij in huis")),
            ("positionering", obj([
                ("bestaande_initiatieven", lijst(obj([("naam", tekst("Naam")), ("wat", tekst("Wat zij doen"))]),
                                                 "Bestaande initiatieven")),
                ("verhouding", keuze(Verhouding.allCases.map(\.rawValue), "aanvullend of alternatief")),
                ("toegevoegde_waarde", tekst("Toegevoegde waarde")),
            ])),
            ("partners", lijst(obj([("naam", tekst("Naam")), ("rol", tekst("Rol")),
                                    ("status", keuze(PartnerStatus.allCases.map(\.rawValue), "Status"))]), "Partners")),
            ("projectleider", tekst("Projectleider")), ("eindverantwoordelijke", tekst("Eindverantwoordelijke")),
            ("periode", obj([("start", datum), ("eind", datum)])), ("fasering", tekst("Fasering")),
            ("activiteiten", lijst(obj([
                ("naam", tekst("Naam")), ("omschrijving", tekst("Omschrijving")), ("fase", keuze(fases, "Fase")),
                ("uitvoerders", tekstlijst("Uitvoerders")), ("uren", getal), ("start", datum), ("eind", datum),
            ]), "Activiteiten")),
            ("resultaten", lijst(.object([("anyOf", .array([
                obj([("resultaat", tekst("Resultaat")), ("waarom", tekst("Waarom"))]), tekst("Resultaat"),
            ]))]), "Resultaten")),
            ("succesfactoren", tekstlijst("Succesfactoren")), ("faalfactoren", tekstlijst("Faalfactoren")),
            ("evaluatie", obj([("hoe", tekst("Hoe")), ("wanneer", tekst("Wanneer")), ("door", tekst("Door wie"))])),
            ("verslaglegging", obj([("door", tekst("Door wie")), ("wanneer", tekst("Wanneer")),
                                    ("gebruik", tekst("Gebruik van het verslag"))])),
            ("vervolg", tekst("Vervolgstappen")),
        ])
        let post = obj([
            ("post", tekst("Omschrijving")), ("categorie", tekst("Categorie")), ("aantal", getal), ("eenheid", tekst("Eenheid")),
            ("prijs", bedrag), ("bedrag", bedrag), ("inzet", keuze(Inzet.allCases.map(\.rawValue), "Inzet")),
            ("onderbouwing", keuze(Onderbouwing.allCases.map(\.rawValue), "Onderbouwing")),
            ("offerte", tekst("Titel van de offerte-bijlage")), ("toelichting", tekst("Toelichting")),
        ])
        let dekking = obj([
            ("bron", tekst("Bron")), ("soort", keuze(Soort.allCases.map(\.rawValue), "Soort")),
            ("fonds", tekst("Naam van een fonds uit `fondsen`")), ("bedrag", bedrag),
            ("status", keuze(DekkingStatus.allCases.map(\.rawValue), "Status")),
        ])
        let fonds = obj([("naam", tekst("Naam")), ("ter_attentie_van", tekst("Contactpersoon")), ("aanhef", tekst("Aanhef")),
                         ("adres", adres), ("doelstelling", tekst("Doelstelling van het fonds"))])
        let bijlage = obj([("titel", tekst("Titel")), ("soort", keuze(BijlageSoort.allCases.map(\.rawValue), "Soort")),
                           ("bestand", tekst("Bestand")), ("organisatie", tekst("Organisatie")),
                           ("toelichting", tekst("Toelichting"))])
        let brief = obj([("plaats", tekst("Plaats")), ("datum", datum), ("inleiding", tekst("Eigen inleiding")),
                         ("slot", tekst("Eigen slot")), ("gecorrigeerd_door", tekst("Wie de brief corrigeerde")),
                         ("ondertekening", lijst(persoon, "Ondertekening"))])
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://vip.example/schema/vip-aanvraag-1.json")),
            ("title", .string("Fondsaanvraag (vip-aanvraag/1)")),
            ("type", .string("object")),
            ("required", .array([.string("formaat")])),
            ("properties", .object([
                ("formaat", .object([("const", .string(Aanvraag.formaat))])),
                ("negeer", lijst(obj([("regel", tekst("Regel-id")), ("reden", tekst("Reden"))]), "Regels om te negeren")),
                ("woordenlijst", tekstlijst("Woorden die goed gespeld zijn")),
                ("organisatie", organisatie), ("project", project),
                ("begroting", obj([("posten", lijst(post, "Posten")), ("toelichting", tekst("Toelichting op de begroting"))])),
                ("dekkingsplan", lijst(dekking, "Dekkingsplan")), ("fondsen", lijst(fonds, "Aangeschreven fondsen")),
                ("bijlagen", lijst(bijlage, "Bijlagen")), ("brief", brief),
            ])),
            ("additionalProperties", .bool(false)),
        ])
    }

    public static var tekst: String { json.serialised() + "\n" }
}
