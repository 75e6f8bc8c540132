/// FNV-1a, 64 bits (Fowler, Noll, Vo; offset basis 14695981039346656037, prime 1099511628211).
/// A stable hash of bytes, the same on every machine and run — Swift's `Hasher` is seeded
/// per process and so cannot derive a seed that a docent can repeat. Not cryptographic: it
/// only has to spread different aanvragen over the letters.
public struct FNV1a64: Sendable {
    public private(set) var waarde: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    public mutating func voeg<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for byte in bytes {
            waarde ^= UInt64(byte)
            waarde &*= 0x0000_0100_0000_01B3
        }
    }

    /// The hash of `bytes` on their own.
    public static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h = FNV1a64()
        h.voeg(bytes)
        return h.waarde
    }
}
