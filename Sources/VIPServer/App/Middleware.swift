import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Security headers on every answer, errors included. The CSP forbids inline script and
/// style: the pages load their script and style from files of the server itself. Every answer
/// that sets no caching of its own gets `Cache-Control: no-store` (only the static files set
/// their own): whatever depends on who is signed in, downloads included, is never cached.
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
        if r.headers[.cacheControl] == nil { r.headers[.cacheControl] = "no-store" }
        return r
    }
}

/// Turns every error into `{"fout": "<Dutch>"}` with the right status (or a Dutch page for a
/// browser that asked for an address no route serves).
struct FoutMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let fout as Weigering {
            return try fout.response(from: request, context: context)
        } catch is NIOTooManyBytesError {
            return try Weigering.teGroot(Limieten.aanvraag).response(from: request, context: context)
        } catch let fout as HTTPError {
            let melding: String
            if fout.status == .notFound, Weergave.wilPagina(request) {
                return Weergave.foutpagina(.notFound, "Deze pagina bestaat niet. Controleer het adres, of ga terug naar "
                    + "het overzicht.")
            }
            switch fout.status {
            case .notFound: melding = "Deze route bestaat niet: \(request.method) \(request.uri.path)."
            case .contentTooLarge: return try Weigering.teGroot(Limieten.aanvraag).response(from: request, context: context)
            case .badRequest: melding = "Het verzoek is ongeldig: \(fout.body ?? "onleesbaar")."
            default: melding = "Het verzoek kon niet worden verwerkt (\(fout.status.code))."
            }
            return try Weigering(fout.status, melding).response(from: request, context: context)
        } catch {
            context.logger.error("Onverwachte fout: \(String(describing: type(of: error)))")
            return try Weigering(.internalServerError, "Er ging iets mis op de server. Er is niets verloren; probeer het "
                + "opnieuw.").response(from: request, context: context)
        }
    }
}

/// Refuses a body whose Content-Length is over the largest limit of any route before it is
/// read; every route reads its body with its own limit (`Request.tekst(limiet:)`), which
/// refuses a larger Content-Length at once too.
struct BodyLimiet<Context: RequestContext>: RouterMiddleware {
    var limiet: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let lengte = request.headers[.contentLength].flatMap({ Int($0) }), lengte > limiet {
            throw Weigering.teGroot(limiet)
        }
        return try await next(request, context)
    }
}

/// Finds the session of the session cookie (only its SHA-256 is stored), and the client's
/// address (`--proxy`: the last address of `X-Forwarded-For`) and whether it came over https
/// (`--proxy`: `X-Forwarded-Proto`; without `--proxy` both headers are ignored).
struct SessieMiddleware: RouterMiddleware {
    typealias Context = VIPContext
    var accounts: AccountDienst
    var cookie: String
    var proxy: Bool

    func handle(_ request: Request, context: VIPContext, next: (Request, VIPContext) async throws -> Response) async throws -> Response {
        var context = context
        if proxy, let doorgestuurd = request.headers[values: HTTPField.Name("X-Forwarded-For")!].last,
           let laatste = doorgestuurd.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !laatste.isEmpty {
            context.adres = String(laatste.prefix(64))
        }
        if proxy, let proto = request.headers[values: HTTPField.Name("X-Forwarded-Proto")!].last {
            context.https = proto.split(separator: ",").last?.trimmingCharacters(in: .whitespaces).lowercased() == "https"
        }
        if let token = request.cookies[cookie]?.value, let (sessie, gebruiker) = try await accounts.sessie(token: token) {
            context.sessie = sessie
            context.gebruiker = gebruiker
        }
        return try await next(request, context)
    }
}

/// Every request that changes something and carries a session must carry header
/// `X-CSRF-Token` with the session's token; without it: 403, nothing changed. Registered on the
/// route group of the API (`Routes`), so it applies to the route a request reaches. The HTML
/// pages carry the token as the form field `csrf` and check it themselves (`Paginas.formulier`).
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = VIPContext
    static let header = HTTPField.Name("X-CSRF-Token")!
    static let wijzigt: Set<HTTPRequest.Method> = [.post, .put, .patch, .delete]

    func handle(_ request: Request, context: VIPContext, next: (Request, VIPContext) async throws -> Response) async throws -> Response {
        if Self.wijzigt.contains(request.method), let sessie = context.sessie {
            guard let gegeven = request.headers[Self.header], Self.gelijk(gegeven, sessie.csrf) else {
                throw Weigering.verboden("Het CSRF-token ontbreekt of klopt niet (header X-CSRF-Token). Er is niets gewijzigd. "
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
    /// The body as bytes, at most `limiet` (413 beyond it, at once when Content-Length says so).
    func tekst(limiet: Int = Limieten.aanvraag) async throws -> [UInt8] {
        if let lengte = headers[.contentLength].flatMap({ Int($0) }), lengte > limiet { throw Weigering.teGroot(limiet) }
        do {
            var buffer = try await body.collect(upTo: limiet)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch is NIOTooManyBytesError {
            throw Weigering.teGroot(limiet)
        }
    }
}
