import Foundation
import Hummingbird

/// The fields of a posted HTML form: `application/x-www-form-urlencoded`, or
/// `multipart/form-data` with files (an upload, an imported aanvraag).
struct Formulier: Sendable {
    /// Every value of every name, in the order posted (checkboxes repeat a name).
    var waarden: [String: [String]] = [:]
    var bestanden: [String: Bestand] = [:]

    struct Bestand: Sendable {
        var naam: String
        var bytes: [UInt8]
    }

    subscript(naam: String) -> String? { waarden[naam]?.first }

    /// Reads the body of `request` as a form, at most `limiet` bytes (413 beyond it).
    static func lees(_ request: Request, limiet: Int = Limieten.aanvraag) async throws -> Formulier {
        let bytes = try await request.tekst(limiet: limiet)
        let type = request.headers[.contentType] ?? ""
        if type.lowercased().hasPrefix("multipart/form-data") {
            guard let grens = type.components(separatedBy: "boundary=").dropFirst().first?
                .trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) else {
                throw APIFout(.badRequest, "Het formulier is onleesbaar (geen boundary).")
            }
            return try multipart(bytes, grens: grens)
        }
        return urlencoded(String(decoding: bytes, as: UTF8.self))
    }

    static func urlencoded(_ tekst: String) -> Formulier {
        var f = Formulier()
        for paar in tekst.split(separator: "&", omittingEmptySubsequences: true) {
            let delen = paar.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decodeer(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            let naam = decodeer(delen[0])
            let waarde = delen.count > 1 ? decodeer(delen[1]) : ""
            f.waarden[naam, default: []].append(waarde.replacingOccurrences(of: "\r\n", with: "\n"))
        }
        return f
    }

    /// RFC 7578: parts separated by `--grens`, each with headers, a blank line and its bytes.
    static func multipart(_ bytes: [UInt8], grens: String) throws -> Formulier {
        var f = Formulier()
        let scheiding = Array(("--" + grens).utf8)
        var delen: [ArraySlice<UInt8>] = []
        var begin: Int? = nil
        var i = 0
        while let at = zoek(scheiding, in: bytes, vanaf: i) {
            if let b = begin { delen.append(bytes[b..<max(b, at - 2)]) }  // drop the CRLF before the boundary
            i = at + scheiding.count
            if bytes.count >= i + 2 && bytes[i] == UInt8(ascii: "-") && bytes[i + 1] == UInt8(ascii: "-") { break }
            i += 2  // CRLF after the boundary
            begin = i
        }
        for deel in delen {
            guard let kopEinde = zoek(Array("\r\n\r\n".utf8), in: Array(deel), vanaf: 0) else { continue }
            let kop = String(decoding: deel.prefix(kopEinde), as: UTF8.self)
            let inhoud = Array(deel.dropFirst(kopEinde + 4))
            var naam = "", bestandsnaam: String? = nil
            for regel in kop.components(separatedBy: "\r\n") where regel.lowercased().hasPrefix("content-disposition") {
                naam = parameter("name", in: regel) ?? ""
                bestandsnaam = parameter("filename", in: regel)
            }
            if let bestandsnaam {
                if !bestandsnaam.isEmpty { f.bestanden[naam] = Bestand(naam: bestandsnaam, bytes: inhoud) }
            } else {
                f.waarden[naam, default: []].append(String(decoding: inhoud, as: UTF8.self)
                    .replacingOccurrences(of: "\r\n", with: "\n"))
            }
        }
        return f
    }

    static func parameter(_ naam: String, in regel: String) -> String? {
        guard let r = regel.range(of: "; \(naam)=\"") ?? regel.range(of: ";\(naam)=\"") else { return nil }
        let rest = regel[r.upperBound...]
        guard let eind = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<eind])
    }

    static func zoek(_ naald: [UInt8], in hooiberg: [UInt8], vanaf: Int) -> Int? {
        guard !naald.isEmpty, hooiberg.count >= naald.count else { return nil }
        var i = vanaf
        let laatste = hooiberg.count - naald.count
        while i <= laatste {
            if hooiberg[i] == naald[0] {
                var j = 1
                while j < naald.count && hooiberg[i + j] == naald[j] { j += 1 }
                if j == naald.count { return i }
            }
            i += 1
        }
        return nil
    }
}
