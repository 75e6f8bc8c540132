import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import VIPServer

@Suite struct OpenAPITests {
    /// The description lists exactly the router's routes (path and method), and every one
    /// of them is really served (answers something other than "this route does not exist").
    @Test func beschrijvingVolgtDeRouter() async throws {
        let o = try Omgeving()
        let routes = Set(buildRouter(o.diensten).1.map(\.description))
        try await o.test { c in
            let r = try await c.vraag(.get, "/api/openapi.json")
            #expect(r.status == .ok)
            let doc = r.object
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            var beschreven = Set<String>()
            for (pad, methods) in paths {
                for m in methods.keys { beschreven.insert("\(m.uppercased()) \(pad)") }
            }
            #expect(beschreven == routes, "alleen beschreven: \(beschreven.subtracting(routes)); alleen in de router: \(routes.subtracting(beschreven))")
            let onbekend = try await c.vraag(.get, "/api/bestaat-niet")
            for route in routes {
                let delen = route.split(separator: " ", maxSplits: 1)
                let pad = String(delen[1]).replacingOccurrences(of: "{id}", with: "1")
                    .replacingOccurrences(of: "{n}", with: "1").replacingOccurrences(of: "{oid}", with: "1")
                    .replacingOccurrences(of: "{gebruiker}", with: "1")
                let antwoord = try await c.vraag(HTTPRequest.Method(String(delen[0]))!, pad)
                #expect(!(antwoord.status == .notFound && antwoord.fout?.hasPrefix("Deze route bestaat niet") == true),
                        "\(route) wordt niet bediend")
            }
            #expect(onbekend.fout?.hasPrefix("Deze route bestaat niet") == true)
            // Every $ref points at a schema that exists.
            let tekst = r.tekst
            let schemas = try #require((doc["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let refs = tekst.components(separatedBy: "\"#/components/schemas/").dropFirst().map { $0.prefix { $0 != "\"" } }
            for ref in refs { #expect(schemas[String(ref)] != nil, "ontbrekend schema \(ref)") }
        }
    }
}

/// The validator that holds every route test's answer against the description finds what is
/// wrong (a validator that passes everything would make all those checks worthless).
@Suite struct OpenAPIValidatieTests {
    static func json(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func vindtWatNietKlopt() {
        let goed = OpenAPIValidatie.problemen(method: .get, uri: "/api/sessie", status: 200,
                                              contentType: "application/json; charset=utf-8",
                                              body: Self.json(#"{"naam":"A","rol":"cursist","csrf":"x"}"#))
        #expect(goed.isEmpty, "\(goed)")
        let cases: [(HTTPRequest.Method, String, Int, String, String)] = [
            (.get, "/api/sessie", 200, "application/json", #"{"naam":"A","rol":"cursist"}"#),          // csrf missing
            (.get, "/api/sessie", 200, "application/json", #"{"naam":1,"rol":"cursist","csrf":"x"}"#),  // wrong type
            (.get, "/api/aanvragen/3/check", 200, "application/json", #"{"bestand":"x.yaml","af":true,"totalen":{},"bevindingen":[]}"#),
            (.get, "/api/aanvragen/3", 200, "text/html", "<html>"),                                   // media type
            (.get, "/api/niet-beschreven", 200, "application/json", "{}"),                             // no operation
            (.post, "/api/aanvragen/3/pakket", 200, "application/json", "{}"),                          // zip expected
            (.get, "/api/aanvragen", 200, "application/json", #"[{"id":"1"}]"#),
        ]
        for (m, uri, status, type, body) in cases {
            let p = OpenAPIValidatie.problemen(method: m, uri: uri, status: status, contentType: type, body: Self.json(body))
            #expect(!p.isEmpty, "\(m) \(uri) \(body) had een fout moeten geven")
        }
        // Error answers fall under `default` with the Fout schema.
        #expect(OpenAPIValidatie.problemen(method: .get, uri: "/api/aanvragen/3", status: 500, contentType: "application/json",
                                           body: Self.json(#"{"fout":"x"}"#)).isEmpty)
        #expect(!OpenAPIValidatie.problemen(method: .get, uri: "/api/aanvragen/3", status: 500, contentType: "application/json",
                                            body: Self.json(#"{"error":"x"}"#)).isEmpty)
        // Pages are not the API's.
        #expect(OpenAPIValidatie.problemen(method: .get, uri: "/aanvragen/3/hoofdlijnen", status: 200, contentType: "text/html",
                                           body: []).isEmpty)
    }
}
