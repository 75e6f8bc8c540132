/// FNV-1a, 64 bits (Fowler, Noll, Vo; offset basis 14695981039346656037, prime 1099511628211),
/// written once for every module that needs a stable hash of bytes: the review's seed, the
/// XML name table, the spelling index and the PostgreSQL migration lock.
///
/// Stable means the same on every machine and in every run, which Swift's `Hasher` (seeded per
/// process) is not: a docent repeats a review's letters from its seed, and the spelling index
/// is stored on disk. Not cryptographic.
public struct FNV1a64: Sendable, Hashable {
    public static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01B3

    @usableFromInline var state: UInt64 = FNV1a64.offsetBasis

    /// The hash of the bytes added so far.
    @inlinable public var waarde: UInt64 { state }

    @inlinable public init() {}

    /// Adds one byte.
    @inlinable public mutating func voeg(_ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* Self.prime
    }

    /// Adds bytes in order.
    @inlinable public mutating func voeg<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for byte in bytes { voeg(byte) }
    }

    /// The hash of `bytes` on their own.
    @inlinable public static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h = FNV1a64()
        h.voeg(bytes)
        return h.waarde
    }
}
