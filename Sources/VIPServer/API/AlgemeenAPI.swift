import Foundation
import Hummingbird
import VIPKit

/// Routes for anyone: health, checking a text, the API description.
struct AlgemeenAPI {
    var diensten: Diensten

    func registreer(_ r: Routes) {
        r.on(.get, "/gezond", csrf: false, gezond)
        r.on(.post, "/api/check", csrf: false, check)
        r.on(.get, "/api/openapi.json", csrf: false, openapi)
    }

    struct Gezond: Encodable { var status = "ok" }

    @Sendable func gezond(_ request: Request, _ context: VIPContext) async throws -> Response {
        try Antwoord.json(Gezond())
    }

    @Sendable func check(_ request: Request, _ context: VIPContext) async throws -> Response {
        let r = try await diensten.kern.controleerLeesbaar(try await request.tekst())
        return Antwoord.json(CheckReport.json(r))
    }

    @Sendable func openapi(_ request: Request, _ context: VIPContext) async throws -> Response {
        Antwoord.bytes(OpenAPI.bytes, type: "application/json; charset=utf-8")
    }
}
