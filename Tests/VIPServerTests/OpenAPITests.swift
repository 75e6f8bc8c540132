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
