import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import VIPServer

/// Every answer of the JSON API in the route tests is held against the OpenAPI description the
/// server serves (`Web/openapi.json`, written first): its operation must exist, its status must
/// be described (or fall under `default`), its media type must be one the description names, and a
/// JSON body must validate against the schema. `vraag` (Omgeving.swift) calls this for every
/// request to `/api/…` and `/gezond`.
///
/// The validator knows the part of JSON Schema 2020-12 the description uses: `$ref`, `type` (one
/// or a list), `properties`, `required`, `additionalProperties`, `items`, `enum`, `const`, `oneOf`,
/// `anyOf`, `allOf`, `minimum`, `pattern`. An unknown keyword fails the test, so the description
/// cannot quietly use one that is not checked.
enum OpenAPIValidatie {
    nonisolated(unsafe) static let beschrijving: [String: Any] = {
        (try? JSONSerialization.jsonObject(with: Data(OpenAPI.bytes))) as? [String: Any] ?? [:]
    }()

    static let bekend: Set<String> = ["$ref", "type", "properties", "required", "additionalProperties", "items", "enum",
                                      "const", "oneOf", "anyOf", "allOf", "minimum", "pattern", "description", "format",
                                      "title", "examples", "maxLength", "minLength"]

    /// The problems of one answer; empty when it follows the description.
    static func problemen(method: HTTPRequest.Method, uri: String, status: Int, contentType: String?, body: [UInt8]) -> [String] {
        let pad = String(uri.split(separator: "?", maxSplits: 1).first ?? "")
        guard pad.hasPrefix("/api/") || pad == "/gezond" else { return [] }
        guard let paths = beschrijving["paths"] as? [String: Any] else { return ["geen paths in openapi.json"] }
        guard let (sjabloon, operaties) = paths.first(where: { past($0.key, pad) }).map({ ($0.key, $0.value) }),
              let operatie = (operaties as? [String: Any])?[method.rawValue.lowercased()] as? [String: Any] else {
            // A route the description lacks answers 404 or 405 from the router; nothing to check then.
            return status == 404 || status == 405 ? [] : ["\(method) \(pad): niet beschreven in openapi.json (status \(status))"]
        }
        let wie = "\(method) \(sjabloon) \(status)"
        guard let antwoorden = operatie["responses"] as? [String: Any],
              var antwoord = (antwoorden[String(status)] ?? antwoorden["default"]) as? [String: Any] else {
            return ["\(wie): status niet beschreven"]
        }
        antwoord = los(antwoord)
        guard let inhoud = antwoord["content"] as? [String: Any] else {
            return body.isEmpty ? [] : ["\(wie): een antwoord zonder inhoud volgens de beschrijving, maar \(body.count) bytes"]
        }
        let type = (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard let media = inhoud[type] as? [String: Any] else {
            return ["\(wie): media type \(type) niet beschreven (wel: \(inhoud.keys.sorted().joined(separator: ", ")))"]
        }
        guard type == "application/json", let schema = media["schema"] as? [String: Any] else { return [] }
        guard let waarde = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) else {
            return ["\(wie): geen geldige JSON"]
        }
        var uit: [String] = []
        valideer(waarde, schema, pad: "$", in: &uit)
        return uit.map { "\(wie): \($0)" }
    }

    /// `/api/aanvragen/{id}` matches `/api/aanvragen/12`.
    static func past(_ sjabloon: String, _ pad: String) -> Bool {
        let a = sjabloon.split(separator: "/", omittingEmptySubsequences: false)
        let b = pad.split(separator: "/", omittingEmptySubsequences: false)
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { s, p in (s.hasPrefix("{") && s.hasSuffix("}") && !p.isEmpty) || s == p }
    }

    /// A `$ref` followed to what it names.
    static func los(_ object: [String: Any]) -> [String: Any] {
        guard let ref = object["$ref"] as? String, ref.hasPrefix("#/") else { return object }
        var node: Any = beschrijving
        for deel in ref.dropFirst(2).split(separator: "/") {
            guard let d = node as? [String: Any], let volgende = d[String(deel)] else { return [:] }
            node = volgende
        }
        return los(node as? [String: Any] ?? [:])
    }

    static func soort(_ w: Any) -> String {
        switch w {
        case is NSNull: return "null"
        case let n as NSNumber:
            // Foundation hands `true` and `false` over as its boolean NSNumber (type code "c").
            if String(cString: n.objCType) == "c" { return "boolean" }
            return n.doubleValue == n.doubleValue.rounded() ? "integer" : "number"
        case is String: return "string"
        case is [Any]: return "array"
        case is [String: Any]: return "object"
        default: return "?"
        }
    }

    static func valideer(_ w: Any, _ schemaIn: [String: Any], pad: String, in uit: inout [String]) {
        let schema = los(schemaIn)
        for k in schema.keys where !bekend.contains(k) { uit.append("\(pad): onbekend schema-woord \(k)") }
        if let types = schema["type"] {
            let toegestaan = (types as? [String]) ?? [(types as? String) ?? ""]
            var s = soort(w)
            if s == "integer" && toegestaan.contains("number") { s = "number" }
            if !toegestaan.contains(s) { uit.append("\(pad): \(s) waar \(toegestaan.joined(separator: "|")) hoort") ; return }
        }
        if let c = schema["const"], !gelijk(c, w) { uit.append("\(pad): niet de vaste waarde \(c)") }
        if let e = schema["enum"] as? [Any], !e.contains(where: { gelijk($0, w) }) { uit.append("\(pad): niet in \(e)") }
        if let m = schema["minimum"] as? NSNumber, let n = w as? NSNumber, n.doubleValue < m.doubleValue {
            uit.append("\(pad): kleiner dan \(m)")
        }
        if let p = schema["pattern"] as? String, let s = w as? String, s.range(of: p, options: .regularExpression) == nil {
            uit.append("\(pad): past niet bij \(p)")
        }
        if let alle = schema["allOf"] as? [[String: Any]] { for a in alle { valideer(w, a, pad: pad, in: &uit) } }
        for sleutel in ["oneOf", "anyOf"] {
            guard let keuzes = schema[sleutel] as? [[String: Any]] else { continue }
            let passend = keuzes.filter { k in
                var f: [String] = []
                valideer(w, k, pad: pad, in: &f)
                return f.isEmpty
            }.count
            if passend == 0 || (sleutel == "oneOf" && passend > 1) {
                uit.append("\(pad): \(passend) van de \(keuzes.count) keuzes van \(sleutel) passen")
            }
        }
        if let o = w as? [String: Any] {
            let eigenschappen = schema["properties"] as? [String: Any] ?? [:]
            for r in schema["required"] as? [String] ?? [] where o[r] == nil { uit.append("\(pad): \(r) ontbreekt") }
            for (k, v) in o {
                if let s = eigenschappen[k] as? [String: Any] {
                    valideer(v, s, pad: "\(pad).\(k)", in: &uit)
                } else if let extra = schema["additionalProperties"] {
                    if let s = extra as? [String: Any] {
                        valideer(v, s, pad: "\(pad).\(k)", in: &uit)
                    } else if (extra as? Bool) == false {
                        uit.append("\(pad): onbekende eigenschap \(k)")
                    }
                }
            }
        }
        if let l = w as? [Any], let items = schema["items"] as? [String: Any] {
            for (i, v) in l.enumerated() { valideer(v, items, pad: "\(pad)[\(i)]", in: &uit) }
        }
    }

    static func gelijk(_ a: Any, _ b: Any) -> Bool {
        (try? JSONSerialization.data(withJSONObject: [a], options: [.sortedKeys]))
            == (try? JSONSerialization.data(withJSONObject: [b], options: [.sortedKeys]))
    }
}
