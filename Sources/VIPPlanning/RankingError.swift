/// Why a ranking or ballot could not be used.
public enum RankingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A candidate or item occurs twice in the list named by `context`.
    case duplicate(String, context: String)
    /// A ballot names a candidate that is not standing.
    case unknownCandidate(String)
    /// Two rankings do not contain the same items.
    case differentItems
    /// A ballot has a negative count.
    case negativeCount(Int)

    public var description: String {
        switch self {
        case let .duplicate(item, context): "\(item) occurs more than once in \(context)"
        case let .unknownCandidate(item): "\(item) is not a candidate"
        case .differentItems: "the rankings do not contain the same items"
        case let .negativeCount(count): "a ballot count cannot be negative (\(count))"
        }
    }
}
