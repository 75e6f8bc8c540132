import Foundation
import Hummingbird
import Mustache

/// Renders the pages from the mustache templates of `Web/sjablonen` (embedded in the binary by
/// `scripts/embed-web.py`, so `vip` stays one file). Every `{{value}}` is HTML-escaped by the
/// engine; the templates use no triple braces (a test holds that).
struct Weergave: Sendable {
    let bibliotheek: MustacheLibrary

    static let standaard: Weergave = {
        var bibliotheek = MustacheLibrary()
        for (naam, tekst) in EmbeddedWeb.sjablonen {
            do {
                try bibliotheek.register(tekst, named: naam)
            } catch {
                fatalError("Sjabloon \(naam) is ongeldig: \(error)")
            }
        }
        return Weergave(bibliotheek: bibliotheek)
    }()

    func html(_ sjabloon: String, _ gegevens: [String: Any]) -> String {
        bibliotheek.render(gegevens, withTemplate: sjabloon) ?? ""
    }

    static func antwoord(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        var h = HTTPFields()
        h[.contentType] = "text/html; charset=utf-8"
        h[.cacheControl] = "no-store"
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func doorsturen(_ naar: String) -> Response {
        Response(status: .seeOther, headers: [.location: naar])
    }

    /// A browser asking for a page (not the API, not the page script).
    static func wilPagina(_ request: Request) -> Bool {
        !request.uri.path.hasPrefix("/api/") && request.headers[.accept]?.contains("text/html") == true
    }

    /// A Dutch error page for an address that no route serves.
    static func foutpagina(_ status: HTTPResponse.Status, _ melding: String) -> Response {
        let d: [String: Any] = ["titel": "Niet gevonden", "melding": melding, "gebruiker": false, "csrf": ""]
        return antwoord(standaard.html("fout", d), status: status)
    }

    /// The style sheet and the script, from the binary.
    static func statisch(_ naam: String) -> Response? {
        guard let tekst = EmbeddedWeb.statisch[naam] else { return nil }
        let type = naam.hasSuffix(".css") ? "text/css; charset=utf-8"
            : naam.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "application/octet-stream"
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"],
                        body: .init(byteBuffer: ByteBuffer(string: tekst)))
    }
}
