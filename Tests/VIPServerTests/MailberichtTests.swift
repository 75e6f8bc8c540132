import Foundation
import Testing
@testable import VIPServer

/// The message itself (RFC 5322, MIME, RFC 2047); Tests/Beheer parses what a real mail server
/// received with Python's `email` package.
@Suite struct MailberichtTests {
    static let van = Mailadres("Stichting Voorbeeld <vip@voorbeeld.nl>")!
    static let datum = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func kopEnDelen() throws {
        let m = Mails.herstel(aan: Gebruiker(id: 1, email: "fatima@thuis.nl", naam: "Fatima Özdemir", rol: .cursist,
                                             cursus: nil, wachtwoordHash: "x"),
                              link: "https://vip.voorbeeld.nl/wachtwoord-herstellen/" + String(repeating: "a", count: 32))
        let tekst = String(decoding: m.rfc5322(van: Self.van, datum: Self.datum), as: UTF8.self)
        let (kop, _) = try #require(tekst.range(of: "\r\n\r\n").map { (String(tekst[..<$0.lowerBound]), tekst[$0.upperBound...]) })
        #expect(kop.contains("Date: Mon, 21 Sep 2026 14:13:20 +0000"))
        #expect(kop.contains("From: \"Stichting Voorbeeld\" <vip@voorbeeld.nl>"))
        // A name that is not ASCII is RFC 2047-encoded; the address stays as it is.
        #expect(kop.contains("To: =?UTF-8?B?") && kop.contains("<fatima@thuis.nl>"))
        #expect(kop.contains("Subject: Een nieuw wachtwoord voor Van Idee naar Project"))
        #expect(kop.contains("Message-ID: <\(m.messageID)@voorbeeld.nl>"))
        #expect(kop.contains("MIME-Version: 1.0"))
        // Folded (RFC 5322 §2.2.3): the boundary makes the line longer than 78 characters.
        #expect(kop.contains("Content-Type: multipart/alternative;\r\n boundary=\"=_vip_"))
        #expect(tekst.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(tekst.contains("Content-Type: text/html; charset=utf-8"))
        // Only CRLF line ends, no line over 78 characters in the header, none over 76 in the body.
        #expect(!tekst.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        for regel in tekst.components(separatedBy: "\r\n") { #expect(regel.utf8.count <= 78, "\(regel)") }
        let ascii = tekst.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(ascii)
    }

    @Test func onderwerpMetAccentenRFC2047() {
        let gecodeerd = Mailbericht.gecodeerd("Uw aanvraag is goedgekeurd – gefeliciteerd, café Ünïcode! " + String(repeating: "é", count: 40))
        #expect(gecodeerd.hasPrefix("=?UTF-8?B?"))
        var terug = ""
        for woord in gecodeerd.components(separatedBy: "\r\n ") {
            #expect(woord.count <= 75)
            let b64 = woord.dropFirst("=?UTF-8?B?".count).dropLast(2)
            terug += String(decoding: Data(base64Encoded: String(b64))!, as: UTF8.self)
        }
        #expect(terug == "Uw aanvraag is goedgekeurd – gefeliciteerd, café Ünïcode! " + String(repeating: "é", count: 40))
        #expect(Mailbericht.gecodeerd("Gewoon ASCII") == "Gewoon ASCII")
    }

    @Test func geenKopInjectie() {
        var m = Mailbericht(soort: "test", aan: Mailadres(naam: "Eva\r\nBcc: iedereen@x.nl", adres: "eva@x.nl"),
                            onderwerp: "Hallo\r\nBcc: iedereen@x.nl", tekst: "t", html: "<p>t</p>")
        m.koppen.append(Mailkop("X-Test\r\nBcc", "a\r\nBcc: b@x.nl"))
        let tekst = String(decoding: m.rfc5322(van: Self.van, datum: Self.datum), as: UTF8.self)
        #expect(!tekst.contains("\r\nBcc:"))
    }

    @Test func quotedPrintable() {
        let qp = Mailbericht.quotedPrintable("Café = lekker\n.punt aan het begin\n" + String(repeating: "x", count: 200) + " \n")
        for regel in qp.components(separatedBy: "\r\n") { #expect(regel.count <= 76) }
        #expect(qp.contains("Caf=C3=A9 =3D lekker"))
        #expect(qp.contains("=2Epunt"))
        // Trailing white space is encoded.
        #expect(qp.contains("=20"))
    }

    @Test func puntVeiligVoorSMTP() {
        let uit = String(decoding: SMTPSessie.puntVeilig(Array("a\r\n.b\r\n..c\nd".utf8)), as: UTF8.self)
        #expect(uit == "a\r\n..b\r\n...c\r\nd\r\n.\r\n")
    }

    @Test func afmeldkoppenRFC8058() {
        var m = Mailbericht(soort: "herinnering", aan: Mailadres(adres: "eva@x.nl"), onderwerp: "Huiswerk", tekst: "t",
                            html: "<p>t</p>")
        m.afmelden(via: "https://vip.voorbeeld.nl/afmelden/abc")
        let tekst = String(decoding: m.rfc5322(van: Self.van, datum: Self.datum), as: UTF8.self)
        #expect(tekst.contains("List-Unsubscribe: <https://vip.voorbeeld.nl/afmelden/abc>\r\n"))
        #expect(tekst.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"))
        #expect(Mailbericht.koppen(m.koppenTekst) == m.koppen)
    }

    @Test func afzenderLezen() {
        #expect(Mailadres("Stichting Voorbeeld <vip@voorbeeld.nl>") == Mailadres(naam: "Stichting Voorbeeld", adres: "vip@voorbeeld.nl"))
        #expect(Mailadres("vip@voorbeeld.nl")?.adres == "vip@voorbeeld.nl")
        #expect(Mailadres("geen adres") == nil)
        #expect(Mailadres("X <a@b.nl> extra") == nil)
        #expect(!Mailadres.isGeldig("a>b@x.nl") && !Mailadres.isGeldig("a b@x.nl") && !Mailadres.isGeldig("ä@x.nl"))
    }

    @Test func smtpAdresLezen() throws {
        let s = try SMTPInstelling(url: "smtp://vip%40voorbeeld.nl@mail.voorbeeld.nl", wachtwoord: "geheim", caBestand: nil)
        #expect(s.host == "mail.voorbeeld.nl" && s.poort == 587 && s.beveiliging == .starttls && s.gebruiker == "vip@voorbeeld.nl")
        let t = try SMTPInstelling(url: "smtps://mail.voorbeeld.nl", wachtwoord: nil, caBestand: nil)
        #expect(t.poort == 465 && t.beveiliging == .tls && t.gebruiker == nil)
        #expect(throws: StartFout.self) { try SMTPInstelling(url: "smtp://u:w@h", wachtwoord: nil, caBestand: nil) }
        #expect(throws: StartFout.self) { try SMTPInstelling(url: "smtp://u@h", wachtwoord: nil, caBestand: nil) }
        #expect(throws: StartFout.self) { try SMTPInstelling(url: "http://h", wachtwoord: nil, caBestand: nil) }
        #expect(!s.beschrijving.contains("geheim"))
    }

    @Test func wachttijdenGroeien() {
        #expect(Postbode.wachttijd(naPoging: 1) == 15)
        #expect(Postbode.wachttijd(naPoging: 2) == 30)
        #expect(Postbode.wachttijd(naPoging: 20) == 3600)
    }
}
