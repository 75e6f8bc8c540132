import Foundation
import VIPModel

/// The moment stamped into document metadata. Injected, never read from the clock or
/// the environment inside a builder, so the same input gives byte-identical output.
/// The executable reads `SOURCE_DATE_EPOCH` and passes it in.
public struct Klok: Sendable, Equatable {
    /// Seconds since 1970-01-01 UTC; nil: the date the document is about (the letter's
    /// date, the event's date).
    public var epoch: Int?

    public init(epoch: Int? = nil) {
        self.epoch = epoch.flatMap { $0 >= 0 ? $0 : nil }
    }

    /// The `SOURCE_DATE_EPOCH` convention (reproducible-builds.org): a non-negative
    /// whole number of seconds; anything else is ignored.
    public init(sourceDateEpoch: String?) {
        self.init(epoch: sourceDateEpoch.flatMap { Int($0) })
    }

    /// The metadata date-time: the epoch when given, else `datum` at noon UTC
    /// (2000-01-01 when the document has no date).
    public func datum(_ datum: Datum?) -> String {
        if let seconds = epoch {
            let days = seconds / 86_400, rest = seconds % 86_400
            let d = Datum.fromDayNumber(days)
            func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
            return "\(d.iso)T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
        }
        return "\((datum ?? Datum(jaar: 2000, maand: 1, dag: 1)!).iso)T12:00:00Z"
    }
}

extension Datum {
    /// Today in the Netherlands: the default of `--datum` (the date-based rules, `vip fondsen zoek`).
    public static func vandaag(_ nu: Date = Date()) -> Datum {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? TimeZone(secondsFromGMT: 0)!
        let u = c.dateComponents([.year, .month, .day], from: nu)
        return Datum(jaar: u.year ?? 2000, maand: u.month ?? 1, dag: u.day ?? 1) ?? Datum(jaar: 2000, maand: 1, dag: 1)!
    }
}
