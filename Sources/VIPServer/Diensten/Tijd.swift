import Foundation
import VIPModel

/// Times as the server writes them: ISO 8601 in UTC in the API, Dutch on the pages and in mail.
enum Tijden {
    /// ISO 8601 in UTC to the second, as every `gewijzigd` is written.
    static func iso(_ d: Date) -> String {
        d.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    static let kalender: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        return c
    }()

    /// Dutch time of day in the Netherlands, "14:32".
    static func klok(_ d: Date) -> String {
        let u = kalender.dateComponents([.hour, .minute], from: d)
        return String(format: "%02d:%02d", u.hour ?? 0, u.minute ?? 0)
    }

    static let maanden = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                          "oktober", "november", "december"]

    /// "30 november 2026, 14:32".
    static func lang(_ d: Date) -> String {
        let u = kalender.dateComponents([.year, .month, .day], from: d)
        return "\(u.day ?? 1) \(maanden[(u.month ?? 1) - 1]) \(u.year ?? 2000), \(klok(d))"
    }

    /// Today by the server's local clock (cursus.md: "the server's local date"): which
    /// bijeenkomst is next, which have passed.
    static func vandaag(_ nu: Date) -> Datum? {
        let u = Calendar.current.dateComponents([.year, .month, .day], from: nu)
        return Datum(jaar: u.year ?? 2000, maand: u.month ?? 1, dag: u.day ?? 1)
    }

    /// The number (from 1) of the next bijeenkomst: the first whose date is today or later.
    static func volgende(_ c: Cursus, nu: Date) -> Int? {
        guard let vandaag = vandaag(nu) else { return nil }
        return c.bijeenkomsten.firstIndex { Datum.parse($0).map { $0 >= vandaag } ?? false }.map { $0 + 1 }
    }
}
