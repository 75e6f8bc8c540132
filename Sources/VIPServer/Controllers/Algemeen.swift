import Foundation
import Hummingbird
import VIPKit

/// Routes for anyone: health, checking a text, the API description.
struct Algemeen {
    var dienst: Dienst

    func registreer(_ r: Routes) {
        r.on(.get, "/gezond", gezond)
        r.on(.post, "/api/check", check)
        r.on(.get, "/api/openapi.json", openapi)
    }

    @Sendable func gezond(_ request: Request, _ context: VIPContext) async throws -> Response {
        Antwoord.json(.object([("status", .string("ok"))]))
    }

    @Sendable func check(_ request: Request, _ context: VIPContext) async throws -> Response {
        let tekst = try await request.tekst()
        let r = try await dienst.controleerLeesbaar(tekst)
        return Antwoord.json(CheckReport.json(r))
    }

    @Sendable func openapi(_ request: Request, _ context: VIPContext) async throws -> Response {
        Antwoord.bytes(Array(OpenAPI.tekst.utf8), type: "application/json; charset=utf-8")
    }
}
