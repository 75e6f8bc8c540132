import Crypto

/// SHA-256 in hex: session and reset tokens are stored as it, and a file's bytes are stored
/// under it (content-addressed: the same bytes once).
enum Hash {
    static func sha256(_ bytes: [UInt8]) -> String { Hex.encode(Array(Crypto.SHA256.hash(data: bytes))) }
    static func sha256(_ tekst: String) -> String { sha256(Array(tekst.utf8)) }
}

enum Hex {
    static func isHex(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f"))
    }

    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Random secrets: session tokens, CSRF tokens, invitation codes, generated passwords.
enum Geheim {
    static func bytes(_ n: Int) -> [UInt8] {
        var g = SystemRandomNumberGenerator()
        return (0..<n).map { _ in UInt8.random(in: 0...255, using: &g) }
    }

    /// 128 random bits as 32 hex digits.
    static func token() -> String { Hex.encode(bytes(16)) }

    /// Characters that cannot be mistaken for each other when read aloud or copied by hand.
    static let leesbaar = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    /// An invitation code such as `K7PM-3QXA` (40 random bits).
    static func uitnodigingscode() -> String {
        var g = SystemRandomNumberGenerator()
        let tekens = (0..<8).map { _ in leesbaar[Int.random(in: 0..<leesbaar.count, using: &g)] }
        return String(tekens[0..<4]) + "-" + String(tekens[4..<8])
    }

    /// A generated password of 16 readable characters (80 random bits).
    static func wachtwoord() -> String {
        var g = SystemRandomNumberGenerator()
        let kleine = Array("abcdefghjkmnpqrstuvwxyz23456789")
        return String((0..<16).map { _ in kleine[Int.random(in: 0..<kleine.count, using: &g)] })
    }
}
