import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Security headers on every answer, errors included. The CSP forbids inline script and
/// style: the pages load their script and style from files of the server itself.
struct BeveiligingsHeaders<Context: RequestContext>: RouterMiddleware {
    static var csp: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var r = try await next(request, context)
        r.headers[.contentSecurityPolicy] = Self.csp
        r.headers[.xContentTypeOptions] = "nosniff"
        r.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        r.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if request.uri.path.hasPrefix("/api/") && r.headers[.cacheControl] == nil {
            r.headers[.cacheControl] = "no-store"
        }
        return r
    }
}

/// Turns every error into `{"fout": "<Dutch>"}` with the right status.
struct FoutMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let fout as APIFout {
            return try fout.response(from: request, context: context)
        } catch is NIOTooManyBytesError {
            return try APIFout.teGroot(Limieten.aanvraag).response(from: request, context: context)
        } catch let fout as HTTPError {
            let melding: String
            if fout.status == .notFound, Weergave.wilPagina(request) {
                return Weergave.foutpagina(.notFound, "Deze pagina bestaat niet. Controleer het adres, of ga terug naar "
                    + "het overzicht.")
            }
            switch fout.status {
            case .notFound: melding = "Deze route bestaat niet: \(request.method) \(request.uri.path)."
            case .contentTooLarge: return try APIFout.teGroot(Limieten.aanvraag).response(from: request, context: context)
            case .badRequest: melding = "Het verzoek is ongeldig: \(fout.body ?? "onleesbaar")."
            default: melding = "Het verzoek kon niet worden verwerkt (\(fout.status.code))."
            }
            return try APIFout(fout.status, melding).response(from: request, context: context)
        } catch {
            context.logger.error("Onverwachte fout: \(error)")
            return try APIFout(.internalServerError, "Er ging iets mis op de server. Er is niets verloren; probeer het "
                + "opnieuw.").response(from: request, context: context)
        }
    }
}

/// Refuses a body whose Content-Length is over the limit before reading it; routes read
/// bodies without a length with the same limit (`Request.tekst(limiet:)`).
struct BodyLimiet<Context: RequestContext>: RouterMiddleware {
    var limiet: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // An upload of the pages has its own, larger limit, checked by its route (an HTML answer).
        if Limieten.isUpload(request.uri.path) { return try await next(request, context) }
        if let lengte = request.headers[.contentLength].flatMap({ Int($0) }), lengte > limiet {
            throw APIFout.teGroot(limiet)
        }
        return try await next(request, context)
    }
}

/// Finds the session of the `vip_sessie` cookie (only its SHA-256 is stored).
struct SessieMiddleware: RouterMiddleware {
    typealias Context = VIPContext
    var opslag: any Opslag
    var klok: @Sendable () -> Date

    func handle(_ request: Request, context: VIPContext, next: (Request, VIPContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[Sessies.cookie]?.value, !token.isEmpty, token.utf8.count <= 128,
           let (sessie, gebruiker) = try await opslag.sessie(tokenHash: SHA256.hex(Array(token.utf8)), nu: klok()) {
            context.sessie = sessie
            context.gebruiker = gebruiker
        }
        return try await next(request, context)
    }
}

/// Every request that changes something and carries a session cookie needs header
/// `X-CSRF-Token` with the session's token; without it: 403, nothing changed. The HTML
/// pages (outside `/api/`) carry the token as the form field `csrf`; `Paginas` checks it.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = VIPContext
    static let header = HTTPField.Name("X-CSRF-Token")!
    static let vrij: Set<String> = ["POST /api/check", "POST /api/sessie", "POST /api/aanmelden"]

    func handle(_ request: Request, context: VIPContext, next: (Request, VIPContext) async throws -> Response) async throws -> Response {
        let wijzigt: Set<HTTPRequest.Method> = [.post, .put, .patch, .delete]
        if wijzigt.contains(request.method), request.uri.path.hasPrefix("/api/"), request.cookies[Sessies.cookie] != nil,
           !Self.vrij.contains("\(request.method) \(request.uri.path)"), let sessie = context.sessie {
            guard let gegeven = request.headers[Self.header], Self.gelijk(gegeven, sessie.csrf) else {
                throw APIFout.verboden("Het CSRF-token ontbreekt of klopt niet (header X-CSRF-Token). Er is niets gewijzigd. "
                    + "Laad de pagina opnieuw en probeer het nog eens.")
            }
        }
        return try await next(request, context)
    }

    /// Comparison in constant time for equal lengths.
    static func gelijk(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var verschil: UInt8 = 0
        for i in x.indices { verschil |= x[i] ^ y[i] }
        return verschil == 0
    }
}

extension Request {
    /// The body as bytes, at most `limiet` (413 beyond it).
    func tekst(limiet: Int = Limieten.aanvraag) async throws -> [UInt8] {
        if let lengte = headers[.contentLength].flatMap({ Int($0) }), lengte > limiet { throw APIFout.teGroot(limiet) }
        do {
            var buffer = try await body.collect(upTo: limiet)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch is NIOTooManyBytesError {
            throw APIFout.teGroot(limiet)
        }
    }

    /// A JSON object body; 400 when it is not one.
    func jsonObject(limiet: Int = Limieten.json) async throws -> [String: Any] {
        let bytes = try await tekst(limiet: limiet)
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw APIFout.ongeldigeJSON("verwacht wordt een JSON-object.")
        }
        return object
    }
}

/// Reading fields of a JSON object body: a missing field is 400, as the spec says.
struct Velden {
    var object: [String: Any]

    func tekst(_ naam: String) throws -> String {
        guard let v = object[naam] as? String else { throw APIFout.ongeldigeJSON("het veld `\(naam)` (tekst) ontbreekt.") }
        return v
    }

    func optioneel(_ naam: String) -> String? { object[naam] as? String }
}
