import Foundation
import Hummingbird
import Mustache

/// Renders the pages from the mustache templates of `Web/sjablonen`, which SwiftPM embeds in the
/// binary as resources (so `vip` stays one file), with our own engine (`Sjabloon`). Every
/// `{{value}}` is HTML-escaped; the templates use no triple braces (a test holds that).
///
/// The mustache library the pages were rendered with before stays as an oracle: with
/// `VIP_SJABLONEN_ORAKEL=<folder>` every page is rendered by both engines, and a page on which
/// they differ is written to that folder (both versions) and named on standard error. The test
/// suites set it and fail when the folder is not empty.
struct Weergave: Sendable {
    let bibliotheek: Sjabloonbibliotheek
    let orakel: (map: String, bibliotheek: MustacheLibrary)?

    static let standaard: Weergave = {
        var bibliotheek = Sjabloonbibliotheek()
        var oud = MustacheLibrary()
        let map = ProcessInfo.processInfo.environment["VIP_SJABLONEN_ORAKEL"].flatMap { $0.isEmpty ? nil : $0 }
        for (naam, bytes) in sjablonen {
            let tekst = String(decoding: bytes, as: UTF8.self)
            do {
                try bibliotheek.registreer(tekst, naam: naam)
                if map != nil { try oud.register(tekst, named: naam) }
            } catch {
                fatalError("Sjabloon \(naam) is ongeldig: \(error)")
            }
        }
        return Weergave(bibliotheek: bibliotheek, orakel: map.map { ($0, oud) })
    }()

    func html(_ sjabloon: String, _ gegevens: [String: Any]) -> String {
        let html = String(decoding: bibliotheek.render(.van(gegevens), sjabloon: sjabloon) ?? [], as: UTF8.self)
        if let orakel {
            let oud = orakel.bibliotheek.render(gegevens, withTemplate: sjabloon) ?? ""
            if oud != html { Self.verschil(orakel.map, sjabloon, nieuw: html, oud: oud) }
        }
        return html
    }

    private static func verschil(_ map: String, _ sjabloon: String, nieuw: String, oud: String) {
        try? FileManager.default.createDirectory(atPath: map, withIntermediateDirectories: true)
        let basis = (map as NSString).appendingPathComponent("\(sjabloon)-\(UUID().uuidString)")
        try? Data(nieuw.utf8).write(to: URL(fileURLWithPath: basis + ".nieuw.html"))
        try? Data(oud.utf8).write(to: URL(fileURLWithPath: basis + ".oud.html"))
        FileHandle.standardError.write(Data("sjabloon \(sjabloon): de twee engines verschillen, zie \(basis).*.html\n".utf8))
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

    /// The templates, by name without `.mustache`. A test holds this list against `Web/sjablonen`.
    static let sjablonen: [(String, [UInt8])] = [
        ("account", PackageResources.account_mustache),
        ("afhandelen", PackageResources.afhandelen_mustache),
        ("afmelden", PackageResources.afmelden_mustache),
        ("beheer", PackageResources.beheer_mustache),
        ("bevindingen", PackageResources.bevindingen_mustache),
        ("cursus", PackageResources.cursus_mustache),
        ("cursus-maken", PackageResources.cursus_maken_mustache),
        ("cursist-cursus", PackageResources.cursist_cursus_mustache),
        ("docent", PackageResources.docent_mustache),
        ("documenten", PackageResources.documenten_mustache),
        ("samenwerken", PackageResources.samenwerken_mustache),
        ("evenement", PackageResources.evenement_mustache),
        ("evenement-nieuw", PackageResources.evenement_nieuw_mustache),
        ("evenement-veld", PackageResources.evenement_veld_mustache),
        ("fondsen-zoeken", PackageResources.fondsen_zoeken_mustache),
        ("fondsenregister", PackageResources.fondsenregister_mustache),
        ("fout", PackageResources.fout_mustache),
        ("geschiedenis", PackageResources.geschiedenis_mustache),
        ("inloggen", PackageResources.inloggen_mustache),
        ("invoer", PackageResources.invoer_mustache),
        ("layout", PackageResources.layout_mustache),
        ("leesveld", PackageResources.leesveld_mustache),
        ("mail", PackageResources.mail_mustache),
        ("lezen", PackageResources.lezen_mustache),
        ("meldingen", PackageResources.meldingen_mustache),
        ("na-het-besluit", PackageResources.na_het_besluit_mustache),
        ("onderdeel", PackageResources.onderdeel_mustache),
        ("opmerkingen", PackageResources.opmerkingen_mustache),
        ("organisator", PackageResources.organisator_mustache),
        ("overzicht", PackageResources.overzicht_mustache),
        ("plaatsen", PackageResources.plaatsen_mustache),
        ("registreren", PackageResources.registreren_mustache),
        ("review", PackageResources.review_mustache),
        ("uitwisselen", PackageResources.uitwisselen_mustache),
        ("veld", PackageResources.veld_mustache),
        ("wachtwoord", PackageResources.wachtwoord_mustache),
        ("wachtwoord-kiezen", PackageResources.wachtwoord_kiezen_mustache),
        ("wachtwoord-vergeten", PackageResources.wachtwoord_vergeten_mustache),
        ("zijbalk", PackageResources.zijbalk_mustache),
    ]

    /// The style sheet and the script, by file name.
    static let statischeBestanden: [String: [UInt8]] = [
        "vip.css": PackageResources.vip_css,
        "vip.js": PackageResources.vip_js,
    ]

    /// The style sheet and the script, from the binary.
    static func statisch(_ naam: String) -> Response? {
        guard let bytes = statischeBestanden[naam] else { return nil }
        let type = naam.hasSuffix(".css") ? "text/css; charset=utf-8"
            : naam.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "application/octet-stream"
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// The OpenAPI 3.1 description of the JSON API: a file written by hand (`Web/openapi.json`),
/// served as it is; the tests validate real answers against it.
enum OpenAPI {
    static let bytes: [UInt8] = PackageResources.openapi_json
}
