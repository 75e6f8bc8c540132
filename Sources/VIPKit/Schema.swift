import VIPModel

/// `vip schema`: a JSON Schema (draft 2020-12) of `vip-aanvraag/1`, so editors can
/// complete and check fields while typing. Derived from the field table, as the reader's keys
/// are; a test validates the samples and a `vip init` file against it with a real validator.
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

    /// The schema of `vip-aanvraag/1`.
    public static var json: JSON { json(.aanvraag) }

    /// The schema of the format a field table describes. Only the fixed `formaat` is required:
    /// a draft with missing fields is still an aanvraag (the checklist reports them).
    public static func json(_ tabel: Veldentabel) -> JSON {
        .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://vip.example/schema/vip-aanvraag-1.json")),
            ("title", .string("Fondsaanvraag (vip-aanvraag/1)")),
            ("type", .string("object")),
            ("required", .array(tabel.velden.filter { if case .vast = $0.soort { true } else { false } }
                .map { .string($0.sleutel) })),
            ("properties", .object(tabel.velden.map { ($0.sleutel, schema($0)) })),
            ("additionalProperties", .bool(false)),
        ])
    }

    static func schema(_ v: Veld) -> JSON {
        let d = v.toelichting
        switch v.soort {
        case .sectie:
            return sectie(v, beschrijving: d)
        case .lijst(.sectie):
            var item = sectie(v, beschrijving: nil)
            if let los = v.losseTekst, let kort = v[los] {
                // A bare text stands for one field of the entry ("- Twintig ouders doen mee").
                item = .object([("anyOf", .array([item, tekst(kort.toelichting)]))])
            }
            return lijst(item, d)
        case .lijst(.tekst), .lijst(.proza), .lijst(.bestand):
            return tekstlijst(d)
        case .lijst(let element):
            return lijst(waarde(element, d), d)
        default:
            return waarde(v.soort, d)
        }
    }

    static func sectie(_ v: Veld, beschrijving: String?) -> JSON {
        obj(v.velden.map { ($0.sleutel, schema($0)) }, beschrijving: beschrijving)
    }

    /// A single value of `soort`.
    static func waarde(_ soort: Veldsoort, _ d: String) -> JSON {
        switch soort {
        case .vast(let w): return .object([("const", .string(w))])
        case .keuze(let w, vrij: false): return keuze(w, d)
        case .bedrag: return bedrag
        case .hoeveelheid(geheel: true): return geheel
        case .hoeveelheid(geheel: false): return getal
        case .datum: return datum
        case .jaNee:
            return .object([("description", .string(d)),
                            ("type", .array([.string("boolean"), .string("string"), .string("null")]))])
        case .tekst, .proza, .bestand, .keuze, .sectie, .lijst: return tekst(d)
        }
    }

    public static var tekst: String { json.serialised() + "\n" }
}
