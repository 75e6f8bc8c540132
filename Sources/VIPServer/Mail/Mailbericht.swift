import Foundation

/// An address with a display name: `Stichting Voorbeeld <vip@voorbeeld.nl>`.
public struct Mailadres: Sendable, Equatable {
    public var naam: String
    public var adres: String

    public init(naam: String = "", adres: String) {
        self.naam = Mailbericht.eenRegel(naam)
        self.adres = adres
    }

    /// `Naam <adres>` or a bare `adres` (`--afzender`); nil when it holds no usable address.
    public init?(_ tekst: String) {
        let t = tekst.trimmingCharacters(in: .whitespaces)
        if let open = t.lastIndex(of: "<"), t.hasSuffix(">") {
            let adres = String(t[t.index(after: open)..<t.index(before: t.endIndex)])
            var naam = String(t[..<open]).trimmingCharacters(in: .whitespaces)
            if naam.hasPrefix("\""), naam.hasSuffix("\""), naam.count >= 2 { naam = String(naam.dropFirst().dropLast()) }
            guard Mailadres.isGeldig(adres) else { return nil }
            self.init(naam: naam, adres: adres)
        } else {
            guard Mailadres.isGeldig(t) else { return nil }
            self.init(adres: t)
        }
    }

    /// An address SMTP can carry without SMTPUTF8: printable ASCII, one `@`, no brackets,
    /// quotes or spaces (so it can never break out of `RCPT TO:<…>` or a header).
    public static func isGeldig(_ adres: String) -> Bool {
        let delen = adres.split(separator: "@", omittingEmptySubsequences: false)
        guard delen.count == 2, !delen[0].isEmpty, delen[1].contains("."), adres.utf8.count <= 254 else { return false }
        return adres.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && !"<>()[]\\,;:\"".utf8.contains($0) }
    }

    /// The domain, for Message-IDs.
    var domein: String { adres.split(separator: "@").last.map(String.init) ?? "vip.invalid" }

    /// The header form: the name as a quoted string, or RFC 2047-encoded when it is not ASCII.
    var kop: String {
        guard !naam.isEmpty else { return adres }
        return "\(Mailbericht.weergavenaam(naam)) <\(adres)>"
    }
}

/// One extra header field of a mail (`List-Unsubscribe`, `Auto-Submitted`, …).
public struct Mailkop: Sendable, Equatable {
    public var naam: String
    public var waarde: String
    public init(_ naam: String, _ waarde: String) {
        self.naam = naam.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        self.waarde = Mailbericht.eenRegel(waarde)
    }
}

/// A mail as the outbox keeps it: recipient, subject, a plain-text body and its HTML
/// alternative, extra header fields and the Message-ID's local part. `From` and the Message-ID's
/// domain come from `--afzender` when it is sent; `Date` is when it was written (so every attempt
/// sends the same message, and a receiver can recognise a repeat by its Message-ID).
///
/// For the mails of the next issues (reminders, notifications): `afmelden(via:)` adds RFC 8058's
/// one-click unsubscribe headers; anything else goes in `koppen`.
public struct Mailbericht: Sendable, Equatable {
    /// What kind of mail it is (`herstel`, `uitnodiging`, …): for the history and the metrics,
    /// never shown to the recipient.
    public var soort: String
    public var aan: Mailadres
    public var onderwerp: String
    public var tekst: String
    public var html: String
    public var koppen: [Mailkop]
    /// The local part of the Message-ID, made once when the mail is written.
    public var messageID: String

    public init(soort: String, aan: Mailadres, onderwerp: String, tekst: String, html: String,
                koppen: [Mailkop] = [], messageID: String = Mailbericht.nieuwID()) {
        self.soort = soort
        self.aan = aan
        self.onderwerp = Mailbericht.eenRegel(onderwerp)
        self.tekst = tekst
        self.html = html
        self.koppen = koppen
        self.messageID = messageID
    }

    /// RFC 8058 one-click unsubscribe: `List-Unsubscribe` with the https link (which must accept
    /// a POST of `List-Unsubscribe=One-Click` without a session) and `List-Unsubscribe-Post`.
    public mutating func afmelden(via url: String) {
        koppen.removeAll { $0.naam == "List-Unsubscribe" || $0.naam == "List-Unsubscribe-Post" }
        koppen.append(Mailkop("List-Unsubscribe", "<\(url)>"))
        koppen.append(Mailkop("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
    }

    public static func nieuwID() -> String {
        "\(Int64(Date().timeIntervalSince1970 * 1000)).\(Geheim.token())"
    }

    /// The extra header fields as stored: one `Naam: waarde` per line.
    var koppenTekst: String { koppen.map { "\($0.naam): \($0.waarde)" }.joined(separator: "\n") }
    static func koppen(_ tekst: String) -> [Mailkop] {
        tekst.split(separator: "\n").compactMap { (regel: Substring) -> Mailkop? in
            let delen = regel.split(separator: ":", maxSplits: 1)
            guard delen.count == 2 else { return nil }
            return Mailkop(String(delen[0]), String(delen[1]).trimmingCharacters(in: .whitespaces))
        }
    }

    // MARK: RFC 5322

    /// The whole message, CRLF line ends, ready for SMTP's DATA (before dot-stuffing) or
    /// `sendmail -t -i`: UTF-8 `multipart/alternative` with the plain text first and the HTML
    /// second, both quoted-printable.
    public func rfc5322(van: Mailadres, datum: Date) -> [UInt8] {
        let grens = "=_vip_" + Geheim.token()
        var kop: [(String, String)] = [
            ("Date", Self.datum(datum)),
            ("From", van.kop),
            ("To", aan.kop),
            ("Subject", Self.gecodeerd(onderwerp)),
            ("Message-ID", "<\(messageID)@\(van.domein)>"),
            ("MIME-Version", "1.0"),
            ("Auto-Submitted", "auto-generated"),
        ]
        for k in koppen where !kop.contains(where: { $0.0.lowercased() == k.naam.lowercased() }) {
            kop.append((k.naam, k.waarde))
        }
        kop.append(("Content-Type", "multipart/alternative; boundary=\"\(grens)\""))
        var uit = ""
        for (naam, waarde) in kop { uit += Self.gevouwen(naam + ": " + waarde) + "\r\n" }
        uit += "\r\n"
        uit += "Dit is een bericht in MIME-formaat.\r\n"
        for (type, inhoud) in [("text/plain", tekst), ("text/html", html)] {
            uit += "--\(grens)\r\n"
            uit += "Content-Type: \(type); charset=utf-8\r\n"
            uit += "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
            uit += Self.quotedPrintable(inhoud) + "\r\n"
        }
        uit += "--\(grens)--\r\n"
        return Array(uit.utf8)
    }

    /// Header values never carry a line break (no header injection through a name or subject).
    static func eenRegel(_ s: String) -> String {
        String(s.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
            .trimmingCharacters(in: .whitespaces)
    }

    /// RFC 5322 date-time, in UTC.
    static func datum(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return f.string(from: d)
    }

    /// A display name: as a quoted string when it is printable ASCII, otherwise RFC 2047.
    static func weergavenaam(_ naam: String) -> String {
        if naam.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            return "\"" + naam.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return gecodeerd(naam)
    }

    /// RFC 2047: printable ASCII stays as it is; anything else becomes `=?UTF-8?B?…?=` words of
    /// at most 75 characters, never splitting a character, separated by folding white space.
    static func gecodeerd(_ tekst: String) -> String {
        if tekst.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && !tekst.contains("=?") {
            return tekst
        }
        var woorden: [String] = []
        var stuk: [UInt8] = []
        for ch in tekst {
            let bytes = Array(String(ch).utf8)
            // 45 bytes of UTF-8 make 60 of base64: 12 + 60 = 72 characters per word.
            if stuk.count + bytes.count > 45 {
                woorden.append("=?UTF-8?B?" + Data(stuk).base64EncodedString() + "?=")
                stuk = []
            }
            stuk += bytes
        }
        if !stuk.isEmpty { woorden.append("=?UTF-8?B?" + Data(stuk).base64EncodedString() + "?=") }
        return woorden.joined(separator: "\r\n ")
    }

    /// Folds a header line longer than 78 characters at its spaces (RFC 5322 §2.2.3); an
    /// encoded subject is already folded between its words.
    static func gevouwen(_ regel: String) -> String {
        guard !regel.contains("\r\n"), regel.count > 78 else { return regel }
        var uit = ""
        var huidig = ""
        for woord in regel.split(separator: " ", omittingEmptySubsequences: false) {
            if !huidig.isEmpty, huidig.count + 1 + woord.count > 78 {
                uit += huidig + "\r\n"
                huidig = " " + woord
            } else {
                huidig += (huidig.isEmpty ? "" : " ") + woord
            }
        }
        return uit + huidig
    }

    /// Quoted-printable (RFC 2045 §6.7) of UTF-8 text, with CRLF line ends and soft breaks that
    /// keep every line at most 76 characters.
    static func quotedPrintable(_ tekst: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var regels: [String] = []
        let genormaliseerd = tekst.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for regel in genormaliseerd.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(regel.utf8)
            var uit: [UInt8] = []
            var lengte = 0
            for (i, b) in bytes.enumerated() {
                let laatste = i == bytes.count - 1
                var teken: [UInt8]
                if (b >= 33 && b <= 126 && b != UInt8(ascii: "=")) || ((b == 0x20 || b == 0x09) && !laatste) {
                    teken = [b]
                } else {
                    teken = [UInt8(ascii: "="), hex[Int(b >> 4)], hex[Int(b & 15)]]
                }
                // Room for a soft break's `=` at the end of the line.
                if lengte + teken.count > 75 {
                    uit += Array("=\r\n".utf8)
                    lengte = 0
                }
                // A leading dot is encoded, so no line of the body reads as SMTP's end of data.
                if lengte == 0 && b == UInt8(ascii: ".") { teken = Array("=2E".utf8) }
                uit += teken
                lengte += teken.count
            }
            regels.append(String(decoding: uit, as: UTF8.self))
        }
        return regels.joined(separator: "\r\n")
    }
}
