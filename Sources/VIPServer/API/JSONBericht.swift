import Foundation
import Hummingbird
import VIPKit

/// JSON bodies of the API are `Codable` types. Requests are read with Foundation's decoder;
/// answers are written by `GeordendeEncoder`, which keeps the order in which a type encodes its
/// members (its declaration order), writes `nil` as `null` (the spec names fields that are null),
/// and takes VIPKit's `JSON` (the check object of `vip check --format json`) as it is.
enum JSONBericht {
    /// The body as `T`; 400 with a Dutch message that names the missing or wrong field.
    static func lees<T: Decodable>(_ type: T.Type, uit bytes: [UInt8]) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch DecodingError.keyNotFound(let sleutel, let context) {
            throw Weigering.ongeldigeJSON("het veld `\(pad(context.codingPath + [sleutel]))` ontbreekt.")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            throw Weigering.ongeldigeJSON("het veld `\(pad(context.codingPath))` heeft niet de goede soort waarde.")
        } catch DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty {
            throw Weigering.ongeldigeJSON("het veld `\(pad(context.codingPath))` is ongeldig: \(context.debugDescription)")
        } catch let w as Weigering {
            throw w
        } catch {
            throw Weigering.ongeldigeJSON("verwacht wordt een JSON-object.")
        }
    }

    static func pad(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
    }

    static func json<T: Encodable>(_ waarde: T) throws -> JSON {
        let steen = Bouwsteen()
        try GeordendeEncoder.encodeer(waarde, in: steen, pad: [])
        return steen.json
    }
}

extension Request {
    /// A JSON body as `T`, at most `limiet` bytes (413 beyond it).
    func json<T: Decodable>(_ type: T.Type, limiet: Int = Limieten.json) async throws -> T {
        try JSONBericht.lees(T.self, uit: try await tekst(limiet: limiet))
    }
}

extension Antwoord {
    static func json<T: Encodable>(_ waarde: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        json(try JSONBericht.json(waarde), status: status, headers: headers)
    }
}

/// A node of the answer while it is being encoded.
final class Bouwsteen {
    enum Soort {
        case leeg
        case waarde(JSON)
        case object([(String, Bouwsteen)])
        case lijst([Bouwsteen])
    }
    var soort = Soort.leeg

    var json: JSON {
        switch soort {
        case .leeg: return .object([])
        case .waarde(let j): return j
        case .object(let paren): return .object(paren.map { ($0.0, $0.1.json) })
        case .lijst(let items): return .array(items.map(\.json))
        }
    }

    func kind(_ sleutel: String) -> Bouwsteen {
        let k = Bouwsteen()
        if case .object(var paren) = soort {
            paren.removeAll { $0.0 == sleutel }
            paren.append((sleutel, k))
            soort = .object(paren)
        } else {
            soort = .object([(sleutel, k)])
        }
        return k
    }

    func item() -> Bouwsteen {
        let k = Bouwsteen()
        if case .lijst(var items) = soort {
            items.append(k)
            soort = .lijst(items)
        } else {
            soort = .lijst([k])
        }
        return k
    }
}

struct GeordendeEncoder: Encoder {
    let steen: Bouwsteen
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func encodeer<T: Encodable>(_ waarde: T, in steen: Bouwsteen, pad: [any CodingKey]) throws {
        switch waarde {
        case let j as JSON: steen.soort = .waarde(j)
        case let s as String: steen.soort = .waarde(.string(s))
        case let b as Bool: steen.soort = .waarde(.bool(b))
        case let i as Int: steen.soort = .waarde(.int(i))
        case let i as Int64: steen.soort = .waarde(.number(String(i)))
        default: try waarde.encode(to: GeordendeEncoder(steen: steen, codingPath: pad))
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = steen.soort {} else { steen.soort = .object([]) }
        return KeyedEncodingContainer(Sleutels<Key>(steen: steen, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .lijst = steen.soort {} else { steen.soort = .lijst([]) }
        return Lijst(steen: steen, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Enkel(steen: steen, codingPath: codingPath) }

    struct Sleutels<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let steen: Bouwsteen
        var codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws { steen.kind(key.stringValue).soort = .waarde(.null) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try GeordendeEncoder.encodeer(value, in: steen.kind(key.stringValue), pad: codingPath + [key])
        }
        // Optionals: `null`, not left out.
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func nestedContainer<N: CodingKey>(keyedBy keyType: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
            let k = steen.kind(key.stringValue)
            k.soort = .object([])
            return KeyedEncodingContainer(Sleutels<N>(steen: k, codingPath: codingPath + [key]))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let k = steen.kind(key.stringValue)
            k.soort = .lijst([])
            return Lijst(steen: k, codingPath: codingPath + [key])
        }
        mutating func superEncoder() -> any Encoder { GeordendeEncoder(steen: steen, codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            GeordendeEncoder(steen: steen.kind(key.stringValue), codingPath: codingPath + [key])
        }
    }

    struct Index: CodingKey {
        var intValue: Int?
        var stringValue: String { String(intValue ?? 0) }
        init(_ i: Int) { intValue = i }
        init?(stringValue: String) { nil }
        init?(intValue: Int) { self.intValue = intValue }
    }

    struct Lijst: UnkeyedEncodingContainer {
        let steen: Bouwsteen
        var codingPath: [any CodingKey]
        var count: Int {
            if case .lijst(let items) = steen.soort { return items.count }
            return 0
        }
        mutating func encodeNil() throws { steen.item().soort = .waarde(.null) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            let pad = codingPath + [Index(count)]
            try GeordendeEncoder.encodeer(value, in: steen.item(), pad: pad)
        }
        mutating func nestedContainer<N: CodingKey>(keyedBy keyType: N.Type) -> KeyedEncodingContainer<N> {
            let k = steen.item()
            k.soort = .object([])
            return KeyedEncodingContainer(Sleutels<N>(steen: k, codingPath: codingPath))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let k = steen.item()
            k.soort = .lijst([])
            return Lijst(steen: k, codingPath: codingPath)
        }
        mutating func superEncoder() -> any Encoder { GeordendeEncoder(steen: steen.item(), codingPath: codingPath) }
    }

    struct Enkel: SingleValueEncodingContainer {
        let steen: Bouwsteen
        var codingPath: [any CodingKey]
        mutating func encodeNil() throws { steen.soort = .waarde(.null) }
        mutating func encode<T: Encodable>(_ value: T) throws { try GeordendeEncoder.encodeer(value, in: steen, pad: codingPath) }
        mutating func encode(_ value: Bool) throws { steen.soort = .waarde(.bool(value)) }
        mutating func encode(_ value: String) throws { steen.soort = .waarde(.string(value)) }
        mutating func encode(_ value: Double) throws { steen.soort = .waarde(.number(String(value))) }
        mutating func encode(_ value: Float) throws { steen.soort = .waarde(.number(String(value))) }
        mutating func encode(_ value: Int) throws { steen.soort = .waarde(.int(value)) }
        mutating func encode(_ value: Int64) throws { steen.soort = .waarde(.number(String(value))) }
        mutating func encode(_ value: Int8) throws { steen.soort = .waarde(.number(String(value))) }
        mutating func encode(_ value: Int16) throws { steen.soort = .waarde(.number(String(value))) }
        mutating func encode(_ value: Int32) throws { steen.soort = .waarde(.number(String(value))) }
        mutating func encode(_ value: UInt) throws { steen.soort = .waarde(.number(String(value))) }
        mutating func encode(_ value: UInt8) throws { steen.soort = .waarde(.number(String(value))) }
        mutating func encode(_ value: UInt16) throws { steen.soort = .waarde(.number(String(value))) }
        mutating func encode(_ value: UInt32) throws { steen.soort = .waarde(.number(String(value))) }
        mutating func encode(_ value: UInt64) throws { steen.soort = .waarde(.number(String(value))) }
    }
}
