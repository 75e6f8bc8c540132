import Testing
import VIPFormulier

@Suite struct FormulierlezerTests {
    static func multipart(_ grens: String, _ delen: [(kop: String, inhoud: [UInt8])], slot: Bool = true) -> [UInt8] {
        var b: [UInt8] = []
        for d in delen { b += Array("--\(grens)\r\n\(d.kop)\r\n\r\n".utf8) + d.inhoud + Array("\r\n".utf8) }
        if slot { b += Array("--\(grens)--\r\n".utf8) }
        return b
    }

    @Test func urlencoded() throws {
        let f = try Formulierlezer.urlencoded("a=1&b=twee+woorden&a=%C3%A9%26&leeg=&&zonder&c=r%0D%0Ar&d=%zz%4")
        #expect(f.waarden["a"] == ["1", "é&"])
        #expect(f["b"] == "twee woorden")
        #expect(f["leeg"] == "")
        #expect(f["zonder"] == "")
        // A line break as browsers send it (CR LF) becomes LF.
        #expect(f["c"] == "r\nr")
        // A % without two hex digits stays as it is.
        #expect(f["d"] == "%zz%4")
    }

    @Test func multipartMetBestanden() throws {
        let body = Self.multipart("----x", [
            ("Content-Disposition: form-data; name=\"csrf\"", Array("abc".utf8)),
            ("Content-Disposition: form-data; name=\"tekst\"", Array("regel 1\r\nregel 2".utf8)),
            ("Content-Disposition: form-data; name=\"bestand\"; filename=\"a b.pdf\"\r\nContent-Type: application/pdf",
             [0, 13, 10, 45, 45, 255]),
            ("Content-Disposition: form-data; name=leeg; filename=\"\"", []),
            ("Content-Disposition: form-data; name=\"los\"", []),
        ])
        let f = try Formulierlezer.multipart(body, grens: Array("----x".utf8))
        #expect(f["csrf"] == "abc")
        #expect(f["tekst"] == "regel 1\nregel 2")
        #expect(f["los"] == "")
        // The bytes of a file exactly, CR LF and dashes included; an empty file field is no file.
        #expect(f.bestanden["bestand"] == Formulierdata.Bestand(naam: "a b.pdf", bytes: [0, 13, 10, 45, 45, 255]))
        #expect(f.bestanden["leeg"] == nil)
        // A preamble before the first boundary is allowed.
        let metVoorwoord = Array("voorwoord\r\n".utf8) + body
        #expect(try Formulierlezer.multipart(metVoorwoord, grens: Array("----x".utf8)) == f)
    }

    @Test func grens() throws {
        #expect(try Formulierlezer.grens("multipart/form-data; boundary=abc") == Array("abc".utf8))
        #expect(try Formulierlezer.grens("multipart/form-data;charset=utf-8;  BOUNDARY=\"a b\"") == Array("a b".utf8))
        #expect(try Formulierlezer.grens("multipart/form-data; boundary=" + String(repeating: "-", count: 70)).count == 70)
        #expect(throws: Formulierfout.grensOngeldig) {
            try Formulierlezer.grens("multipart/form-data; boundary=" + String(repeating: "-", count: 71))
        }
        #expect(throws: Formulierfout.grensOngeldig) { try Formulierlezer.grens("multipart/form-data; boundary=\"\"") }
        #expect(throws: Formulierfout.geenGrens) { try Formulierlezer.grens("multipart/form-data") }
    }

    @Test func grenzenWordenBewaakt() throws {
        let veel = (0...Formulierlezer.maxVelden).map { "v\($0)=1" }.joined(separator: "&")
        #expect(throws: Formulierfout.teVeelVelden) { try Formulierlezer.urlencoded(veel) }
        #expect(try Formulierlezer.urlencoded((0..<Formulierlezer.maxVelden).map { "v\($0)=1" }.joined(separator: "&"))
                    .waarden.count == Formulierlezer.maxVelden)
        let delen = (0...Formulierlezer.maxVelden).map { i in ("Content-Disposition: form-data; name=\"v\(i)\"", [UInt8]()) }
        #expect(throws: Formulierfout.teVeelVelden) {
            try Formulierlezer.multipart(Self.multipart("g", delen), grens: Array("g".utf8))
        }
        let grooteKop = "Content-Disposition: form-data; name=\"a\"\r\nX-Vul: " + String(repeating: "x", count: 9000)
        #expect(throws: Formulierfout.kopTeGroot) {
            try Formulierlezer.multipart(Self.multipart("g", [(grooteKop, [1])]), grens: Array("g".utf8))
        }
        // Broken bodies: no boundary at all, no blank line after the headers, no closing boundary.
        #expect(throws: Formulierfout.onleesbaar) { try Formulierlezer.multipart(Array("niets".utf8), grens: Array("g".utf8)) }
        #expect(throws: Formulierfout.onleesbaar) {
            try Formulierlezer.multipart(Array("--g\r\nContent-Disposition: x".utf8), grens: Array("g".utf8))
        }
        #expect(throws: Formulierfout.onleesbaar) {
            try Formulierlezer.multipart(Array("--g\r\nA: b\r\n\r\nzonder einde".utf8), grens: Array("g".utf8))
        }
    }

    /// Bodies of 5 MiB shaped to make a naive search quadratic: they finish (the parser is
    /// linear); a hang guard only, no timing (`make bench-server` measures).
    @Test(.timeLimit(.minutes(1))) func vijandigeLichamen() throws {
        let mib5 = 5 * 1024 * 1024
        let streepjes = String(repeating: "-", count: 70)
        let g = Array(streepjes.utf8)
        // Only dashes: it opens with a closing boundary (a form without fields), and without the
        // opening dashes it has no boundary at all.
        #expect(try Formulierlezer.multipart([UInt8](repeating: 45, count: mib5), grens: g) == Formulierdata())
        #expect(throws: Formulierfout.onleesbaar) {
            try Formulierlezer.multipart([32] + [UInt8](repeating: 45, count: mib5), grens: g)
        }
        // CR LF and 69 of the 70 dashes, over and over.
        let bijna = Array(("\r\n--" + String(repeating: "-", count: 69)).utf8)
        var b: [UInt8] = []
        while b.count < mib5 { b += bijna }
        #expect(throws: Formulierfout.onleesbaar) { try Formulierlezer.multipart(b, grens: g) }
        // A real first part whose content is the near-boundary pattern, then a proper end.
        let geldig = Array("--\(streepjes)\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n".utf8) + b
            + Array("\r\n--\(streepjes)--\r\n".utf8)
        // (A value's CR LF reads as LF.)
        #expect(try Formulierlezer.multipart(geldig, grens: g)["a"]?.utf8.count == b.count - b.count / bijna.count
                    - (b.count % bijna.count > 1 ? 1 : 0))
        // urlencoded: one huge value of percent signs, and 5 MiB of separators.
        #expect(try Formulierlezer.urlencoded([UInt8](repeating: 37, count: mib5))[String(repeating: "%", count: mib5)] == "")
        #expect(try Formulierlezer.urlencoded([UInt8](repeating: 38, count: mib5)).waarden.isEmpty)
        // Headers that never end within a part's 8 KiB.
        let kop = Array("--\(streepjes)\r\nA: ".utf8) + [UInt8](repeating: 120, count: mib5)
        #expect(throws: Formulierfout.kopTeGroot) { try Formulierlezer.multipart(kop, grens: g) }
    }
}
