import Foundation
import Mustache
import Testing
@testable import VIPServer

/// Our template engine against the mustache library it replaced, on the constructs the pages
/// use and on the whitespace rules where engines differ: both must give the same bytes. (Every
/// page the other suites render is compared the same way, through `VIP_SJABLONEN_ORAKEL`.)
@Suite struct PaginasjabloonTests {
    /// Renders `hoofd` (with `delen` as partials) with both engines.
    static func beide(_ hoofd: String, _ gegevens: [String: Any], delen: [String: String] = [:]) throws -> (String, String) {
        var nieuw = Sjabloonbibliotheek()
        var oud = MustacheLibrary()
        for (naam, tekst) in delen.merging(["hoofd": hoofd], uniquingKeysWith: { a, _ in a }) {
            try nieuw.registreer(tekst, naam: naam)
            try oud.register(tekst, named: naam)
        }
        let a = String(decoding: nieuw.render(.van(gegevens), sjabloon: "hoofd") ?? [], as: UTF8.self)
        let b = oud.render(gegevens, withTemplate: "hoofd") ?? ""
        return (a, b)
    }

    static var gegevens: [String: Any] { [
        "titel": "Buurt <tuin> & \"zo\" 'n",
        "waar": true, "onwaar": false, "getal": 42, "leeg": "",
        "lijst": [["naam": "a", "x": 1], ["naam": "b", "actief": true]],
        "geenLijst": [[String: Any]](),
        "woorden": ["een", "twee"],
        "object": ["naam": "binnen", "diep": ["waarde": "d"]],
        "invoer": ["naam": "Piet", "email": "p@example.org"],
    ] }

    static let gevallen: [(String, String)] = [
        ("variabelen", "<h1>{{titel}}</h1> {{getal}} [{{leeg}}] [{{ontbreekt}}] {{waar}} {{invoer.naam}} {{object.diep.waarde}}"),
        ("onge-escaped", "{{{titel}}} {{&titel}}"),
        ("secties", "{{#waar}}ja{{/waar}}{{#onwaar}}nee{{/onwaar}}{{^onwaar}}niet{{/onwaar}}{{#leeg}}[{{.}}]{{/leeg}}"),
        ("lijsten", "<ul>{{#lijst}}<li>{{naam}} {{titel}}{{#actief}}!{{/actief}}</li>{{/lijst}}</ul>{{^geenLijst}}geen{{/geenLijst}}{{#geenLijst}}x{{/geenLijst}}"),
        ("punt", "{{#woorden}}<{{.}}>{{/woorden}}"),
        ("object", "{{#object}}{{naam}} {{titel}} {{#diep}}{{waarde}}{{naam}}{{/diep}}{{/object}}"),
        ("ontbrekende sectie", "a{{#nergens}}x{{/nergens}}b{{^nergens}}y{{/nergens}}c"),
        ("alleenstaand", "<ul>\n  {{#lijst}}\n  <li>{{naam}}</li>\n  {{/lijst}}\n</ul>\n  {{^onwaar}}\n  niet\n  {{/onwaar}}\nklaar"),
        ("niet alleenstaand", "  {{#waar}}a{{/waar}}  \n x {{#lijst}}\n{{naam}}\n{{/lijst}} y\n"),
        ("opent alleen, sluit niet", "  {{#waar}}\n  a\n  {{/waar}}<p>\n  b\n"),
        ("commentaar", "a\n  {{! weg }}\nb {{! ook weg }} c\n"),
        ("deel", "<div>\n  {{> stuk}}\n</div>\n{{> stuk}} na\n"),
        ("deel in sectie", "{{#lijst}}\n    {{> stuk}}\n{{/lijst}}"),
        ("ouder", "{{<kader}}\n{{$kop}}Kop {{titel}}{{/kop}}\n{{$inhoud}}\n  <p>\n    {{titel}}\n  </p>\n  {{#lijst}}\n    <i>{{naam}}</i>\n  {{/lijst}}\n{{/inhoud}}\n{{/kader}}\n"),
        ("ouder met standaard", "{{<kader}}\n{{/kader}}"),
        ("crlf-vrij en einde zonder regeleinde", "a\n{{#waar}}\nb\n{{/waar}}"),
        ("accolade", "{ {x} }{{titel}}{ x"),
    ]

    static let delen: [String: String] = [
        "stuk": "<p>\n  {{titel}}\n</p>\n{{#woorden}}\n  <b>{{.}}</b>\n{{/woorden}}\n",
        "kader": "<html>\n  <h1>{{$kop}}Standaard{{/kop}}</h1>\n  <main>\n    {{$inhoud}}niets{{/inhoud}}\n  </main>\n</html>\n",
    ]

    @Test(arguments: gevallen.map(\.0))
    func zelfdeBytesAlsDeMustachebibliotheek(_ naam: String) throws {
        let sjabloon = try #require(Self.gevallen.first { $0.0 == naam }).1
        let (nieuw, oud) = try Self.beide(sjabloon, Self.gegevens, delen: Self.delen)
        #expect(nieuw == oud, "\(naam): \(nieuw.debugDescription) ≠ \(oud.debugDescription)")
    }

    /// Every page template compiles, and renders an empty context as the old engine does.
    @Test func elkPaginasjabloonZoalsHetOrakel() throws {
        var oud = MustacheLibrary()
        for (naam, bytes) in Weergave.sjablonen { try oud.register(String(decoding: bytes, as: UTF8.self), named: naam) }
        for (naam, _) in Weergave.sjablonen {
            for gegevens: [String: Any] in [[:], ["gebruiker": true, "csrf": "t", "titel": "T"]] {
                let nieuw = String(decoding: Weergave.standaard.bibliotheek.render(.van(gegevens), sjabloon: naam) ?? [], as: UTF8.self)
                #expect(nieuw == oud.render(gegevens, withTemplate: naam), "\(naam)")
            }
        }
    }

    @Test func escapeOpBytes() throws {
        let (nieuw, _) = try Self.beide("{{t}}", ["t": "é<ü>&\"'ß"])
        #expect(nieuw == "é&lt;ü&gt;&amp;&quot;&#39;ß")
    }

    @Test func fouteSjablonenWordenGeweigerd() {
        #expect(throws: Sjabloon.Fout.self) { try Sjabloon("{{#a}}open") }
        #expect(throws: Sjabloon.Fout.self) { try Sjabloon("{{#a}}x{{/b}}") }
        #expect(throws: Sjabloon.Fout.self) { try Sjabloon("{{naam") }
        #expect(throws: Sjabloon.Fout.self) { try Sjabloon("{{<ouder}}tekst{{#x}}{{/x}}{{/ouder}}") }
    }
}
