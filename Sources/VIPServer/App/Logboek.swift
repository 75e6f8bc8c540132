import Foundation

/// The server's log on standard error: one line per request (time, method, the route's pattern,
/// status, milliseconds, a request id) and one per outbox event, as text or as JSON lines
/// (`--log json`). What is written is chosen so that it can never hold an e-mail address, a
/// password, a token or aanvraag text: the route's pattern instead of the path, ids instead of
/// addresses, and no error text from outside (a mail server's refusal may quote an address).
public struct Logboek: Sendable {
    public var formaat: Logformaat
    public var schrijf: @Sendable (String) -> Void

    public init(formaat: Logformaat = .tekst, schrijf: @escaping @Sendable (String) -> Void = Logboek.standaardfout) {
        self.formaat = formaat
        self.schrijf = schrijf
    }

    /// Standard error, through `Logschrijver`: a slow or blocked standard error never stops a
    /// request.
    public static let standaardfout: @Sendable (String) -> Void = { regel in
        Logschrijver.standaard.schrijf(regel)
    }

    /// Writes what is still queued (at shutdown).
    public static func leeg() { Logschrijver.standaard.leeg() }

    /// Nothing at all (the in-process tests).
    public static let stil = Logboek { _ in }

    static func tijd(_ d: Date) -> String {
        d.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!))
    }

    /// One request.
    func verzoek(methode: String, route: String, status: Int, ms: Double, id: String, tijd: Date = Date()) {
        let duur = (ms * 10).rounded() / 10
        switch formaat {
        case .tekst:
            schrijf("\(Self.tijd(tijd)) \(methode) \(route) \(status) \(duur)ms id=\(id)")
        case .json:
            schrijf(Self.json([("tijd", .tekst(Self.tijd(tijd))), ("methode", .tekst(methode)), ("route", .tekst(route)),
                               ("status", .getal(Double(status))), ("ms", .getal(duur)), ("id", .tekst(id))]))
        }
    }

    /// An event outside a request (`mail`: id, outcome, attempts).
    func gebeurtenis(_ soort: String, _ velden: [(String, Veld)], tijd: Date = Date()) {
        switch formaat {
        case .tekst:
            schrijf("\(Self.tijd(tijd)) \(soort) " + velden.map { "\($0.0)=\($0.1.tekst)" }.joined(separator: " "))
        case .json:
            schrijf(Self.json([("tijd", .tekst(Self.tijd(tijd))), ("gebeurtenis", .tekst(soort))] + velden))
        }
    }

    enum Veld: Sendable {
        case tekst(String)
        case getal(Double)
        var tekst: String {
            switch self {
            case .tekst(let s): return s
            case .getal(let d): return d == d.rounded() ? String(Int64(d)) : String(d)
            }
        }
    }

    static func json(_ velden: [(String, Veld)]) -> String {
        "{" + velden.map { sleutel, waarde in
            let w: String
            switch waarde {
            case .tekst(let s): w = jsonTekst(s)
            case .getal: w = waarde.tekst
            }
            return jsonTekst(sleutel) + ":" + w
        }.joined(separator: ",") + "}"
    }

    static func jsonTekst(_ s: String) -> String {
        var uit = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": uit += "\\\""
            case "\\": uit += "\\\\"
            case "\n": uit += "\\n"
            case "\r": uit += "\\r"
            case "\t": uit += "\\t"
            default:
                if u.value < 0x20 { uit += String(format: "\\u%04x", u.value) } else { uit.unicodeScalars.append(u) }
            }
        }
        return uit + "\""
    }
}
