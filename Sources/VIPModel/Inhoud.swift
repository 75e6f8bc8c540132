/// The values of an aanvraag as the field table sees them: a tree of sections, lists and
/// values, keyed by each field's model property (`Veld.eigenschap`).
///
/// The reader builds this tree from the YAML, field by field, from the table alone; the typed
/// model (`Aanvraag`) is decoded from it through the model's own `Codable` conformances, which the
/// compiler writes. The other way round, the export, the spelling check, the anonymiser and
/// `verplichte_velden` encode the model into this tree and walk it with the table. So a field the
/// table lists is read, written and anonymised without code of its own, and no value is
/// reflected on at run time: what the compiler generated is all that runs per aanvraag.
///
/// A field the table lists but the model has no property for yet stays in `Aanvraag.overige`
/// and is put back into the tree on the way out.
public indirect enum Inhoud: Sendable, Equatable {
    /// A text, a prose field, a path or a choice (its raw value).
    case tekst(String)
    case bedrag(Bedrag)
    /// A number with up to two decimals (`uren`, `aantal` of a post).
    case getal(Hoeveelheid)
    /// A whole number (`omvang`).
    case geheel(Int)
    case datum(Datum)
    case jaNee(Bool)
    case lijst([Inhoud])
    /// A section, by model property. A section that is there but empty is `.sectie([:])`.
    case sectie([String: Inhoud])

    /// The value as `Veldwaarde.waarde` has it: `String`, `Bedrag`, `Hoeveelheid`, `Int`,
    /// `Datum`, `Bool`, `[Any]` for a list, or the section itself.
    public var alsWaarde: Any {
        switch self {
        case .tekst(let s): return s
        case .bedrag(let b): return b
        case .getal(let h): return h
        case .geheel(let i): return i
        case .datum(let d): return d
        case .jaNee(let j): return j
        case .lijst(let l): return l.map(\.alsWaarde)
        case .sectie: return self
        }
    }

    /// Missing: an empty text or an empty list. A section that is there is never missing.
    public var isLeeg: Bool {
        switch self {
        case .tekst(let s): return s.isEmpty
        case .lijst(let l): return l.isEmpty
        default: return false
        }
    }

    /// The fields of a section (empty for anything else).
    public var velden: [String: Inhoud] {
        if case .sectie(let v) = self { return v }
        return [:]
    }

    public var items: [Inhoud] {
        if case .lijst(let l) = self { return l }
        return []
    }

    public var tekst: String? {
        if case .tekst(let s) = self { return s }
        return nil
    }

    public subscript(eigenschap: String) -> Inhoud? { velden[eigenschap] }
}

// MARK: - The model into the tree

/// Encodes a model value (`Aanvraag`, or any part of it) into an `Inhoud` tree with the model's
/// compiler-written `Encodable` conformance.
public enum InhoudEncoder {
    public static func encode<T: Encodable>(_ waarde: T) -> Inhoud {
        let e = Encoder_()
        if let leaf = Self.blad(waarde) { return leaf }
        // The model's values cannot fail to encode: every value has a place in the tree.
        try? waarde.encode(to: e)
        return e.opslag.inhoud ?? .sectie([:])
    }

    /// The amounts, numbers and dates of the model are values of their own in the tree.
    /// (Compared by type, not cast: this runs for every value of the model.)
    static func blad<T>(_ waarde: T) -> Inhoud? {
        if T.self == Bedrag.self { return .bedrag(unsafeBitCast(waarde, to: Bedrag.self)) }
        if T.self == Hoeveelheid.self { return .getal(unsafeBitCast(waarde, to: Hoeveelheid.self)) }
        if T.self == Datum.self { return .datum(unsafeBitCast(waarde, to: Datum.self)) }
        return nil
    }

    /// What one encoder has written: a value, a section or a list, built up in place.
    final class Opslag {
        enum Stand { case leeg, waarde(Inhoud), sectie([String: Opslag]), lijst([Opslag]) }
        var stand: Stand = .leeg

        var inhoud: Inhoud? {
            switch stand {
            case .leeg: return nil
            case .waarde(let w): return w
            case .sectie(let s): return .sectie(s.compactMapValues(\.inhoud))
            case .lijst(let l): return .lijst(l.map { $0.inhoud ?? .sectie([:]) })
            }
        }
    }

    final class Encoder_: Swift.Encoder {
        let opslag = Opslag()
        /// Not tracked: nothing in the model's encoding asks for it, and encoding cannot fail.
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .sectie = opslag.stand {} else { opslag.stand = .sectie([:]) }
            return KeyedEncodingContainer(Keyed<Key>(opslag: opslag))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if case .lijst = opslag.stand {} else { opslag.stand = .lijst([]) }
            return Unkeyed(opslag: opslag)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(opslag: opslag) }
    }

    static func kind<T: Encodable>(_ waarde: T) -> Opslag {
        if let leaf = blad(waarde) {
            let o = Opslag()
            o.stand = .waarde(leaf)
            return o
        }
        let e = Encoder_()
        try? waarde.encode(to: e)
        return e.opslag
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let opslag: Opslag
        var codingPath: [any CodingKey] { [] }

        func zet(_ o: Opslag, _ key: Key) {
            // The section is taken out of the enum while it grows, so it is not copied per key.
            guard case .sectie(var s) = opslag.stand else { return }
            opslag.stand = .leeg
            s[key.stringValue] = o
            opslag.stand = .sectie(s)
        }

        func waarde(_ w: Inhoud, _ key: Key) {
            let o = Opslag()
            o.stand = .waarde(w)
            zet(o, key)
        }

        mutating func encodeNil(forKey key: Key) throws {}
        mutating func encode(_ value: Bool, forKey key: Key) throws { waarde(.jaNee(value), key) }
        mutating func encode(_ value: String, forKey key: Key) throws { waarde(.tekst(value), key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { waarde(.geheel(value), key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            zet(InhoudEncoder.kind(value), key)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                            forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let o = Opslag()
            o.stand = .sectie([:])
            zet(o, key)
            return KeyedEncodingContainer(Keyed<NestedKey>(opslag: o))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let o = Opslag()
            o.stand = .lijst([])
            zet(o, key)
            return Unkeyed(opslag: o)
        }

        mutating func superEncoder() -> any Swift.Encoder { Encoder_() }
        mutating func superEncoder(forKey key: Key) -> any Swift.Encoder { Encoder_() }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let opslag: Opslag
        var codingPath: [any CodingKey] { [] }
        var count: Int {
            if case .lijst(let l) = opslag.stand { return l.count }
            return 0
        }

        func voeg(_ o: Opslag) {
            guard case .lijst(var l) = opslag.stand else { return }
            opslag.stand = .leeg
            l.append(o)
            opslag.stand = .lijst(l)
        }

        func waarde(_ w: Inhoud) {
            let o = Opslag()
            o.stand = .waarde(w)
            voeg(o)
        }

        mutating func encodeNil() throws { voeg(Opslag()) }
        mutating func encode(_ value: Bool) throws { waarde(.jaNee(value)) }
        mutating func encode(_ value: String) throws { waarde(.tekst(value)) }
        mutating func encode(_ value: Int) throws { waarde(.geheel(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            voeg(InhoudEncoder.kind(value))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let o = Opslag()
            o.stand = .sectie([:])
            voeg(o)
            return KeyedEncodingContainer(Keyed<NestedKey>(opslag: o))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let o = Opslag()
            o.stand = .lijst([])
            voeg(o)
            return Unkeyed(opslag: o)
        }

        mutating func superEncoder() -> any Swift.Encoder { Encoder_() }
    }

    struct Single: SingleValueEncodingContainer {
        let opslag: Opslag
        var codingPath: [any CodingKey] { [] }
        mutating func encodeNil() throws { opslag.stand = .leeg }
        mutating func encode(_ value: Bool) throws { opslag.stand = .waarde(.jaNee(value)) }
        mutating func encode(_ value: String) throws { opslag.stand = .waarde(.tekst(value)) }
        mutating func encode(_ value: Int) throws { opslag.stand = .waarde(.geheel(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            opslag.stand = InhoudEncoder.kind(value).stand
        }
    }
}

// MARK: - The tree into the model

/// Decodes a model value from an `Inhoud` tree with the model's compiler-written `Decodable`
/// conformance. What the model does not ask for (a field of the table without a property) is
/// collected, by its path of properties (`project.nieuwVeld`, `fondsen[1].iban`).
public enum InhoudDecoder {
    public static func decode<T: Decodable>(_ type: T.Type, from inhoud: Inhoud) throws -> (waarde: T, overige: [String: Inhoud]) {
        try decode(type, from: inhoud, spoor: Spoor())
    }

    static func decode<T: Decodable>(_ type: T.Type, from inhoud: Inhoud,
                                     spoor: Spoor) throws -> (waarde: T, overige: [String: Inhoud]) {
        let d = Decoder_(inhoud: inhoud, ouder: nil, stap: nil, spoor: spoor)
        // Each section's record holds its decoder, and each decoder the record-keeper: the
        // records are dropped at the end, or the decoders and their trees would never be freed.
        defer { spoor.secties = [] }
        let waarde = try d.waarde(T.self)
        return (waarde, spoor.overige())
    }

    /// Which keys each section was asked for, to find what the model left.
    final class Spoor {
        final class Gevraagd {
            /// The section's decoder, whose path is spelled out only for a field the model left.
            let decoder: Decoder_
            let velden: [String: Inhoud]
            var sleutels: Set<String> = []
            init(decoder: Decoder_, velden: [String: Inhoud]) { self.decoder = decoder; self.velden = velden }
        }
        var secties: [Gevraagd] = []

        func overige() -> [String: Inhoud] {
            var uit: [String: Inhoud] = [:]
            for s in secties {
                let over = s.velden.filter { !s.sleutels.contains($0.key) }
                guard !over.isEmpty else { continue }
                let pad = s.decoder.pad
                for (k, v) in over { uit[pad.isEmpty ? k : "\(pad).\(k)"] = v }
            }
            return uit
        }
    }

    struct Fout: Error {}

    /// The key of a list item in a coding path.
    struct IndexSleutel: CodingKey {
        let intValue: Int?
        var stringValue: String { "\(intValue ?? 0)" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }

    final class Decoder_: Swift.Decoder {
        /// nil: the value is missing (an absent key decoded as a non-optional value).
        let inhoud: Inhoud?
        /// Where this value stands: its parent's decoder and its key or index there (nil at the
        /// root). The path is spelled out only when it is asked for.
        let ouder: Decoder_?
        let stap: (any CodingKey)?
        let spoor: Spoor
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        init(inhoud: Inhoud?, ouder: Decoder_?, stap: (any CodingKey)?, spoor: Spoor) {
            self.inhoud = inhoud
            self.ouder = ouder
            self.stap = stap
            self.spoor = spoor
        }

        var codingPath: [any CodingKey] {
            var uit: [any CodingKey] = []
            var d: Decoder_? = self
            while let h = d, let stap = h.stap { uit.append(stap); d = h.ouder }
            return uit.reversed()
        }

        /// The path of properties (`project.doelen[1].tekst`).
        var pad: String {
            codingPath.reduce(into: "") { pad, stap in
                if let i = stap.intValue, stap is IndexSleutel { pad += "[\(i)]" }
                else { pad += pad.isEmpty ? stap.stringValue : ".\(stap.stringValue)" }
            }
        }

        func waarde<T: Decodable>(_ type: T.Type) throws -> T {
            // Amounts, numbers and dates come out of the tree as they are. Returned as T, not
            // as T?: an optional of a generic T asks the runtime for Optional<T>'s metadata on
            // every call (364 times for one aanvraag, 0.23 M instructions); the casts are
            // between a type and itself, which the comparisons before them establish.
            if T.self == Bedrag.self || T.self == Hoeveelheid.self || T.self == Datum.self {
                switch inhoud {
                case .bedrag(let b)? where T.self == Bedrag.self: return unsafeBitCast(b, to: T.self)
                case .getal(let h)? where T.self == Hoeveelheid.self: return unsafeBitCast(h, to: T.self)
                case .datum(let d)? where T.self == Datum.self: return unsafeBitCast(d, to: T.self)
                // A leaf of another of the three kinds: T's own decoding says what is wrong.
                case .bedrag?, .getal?, .datum?: break
                default: throw Fout()
                }
            }
            return try T(from: self)
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            // A missing section decodes as an empty one: its fields are all missing.
            let velden = inhoud?.velden ?? [:]
            let gevraagd = Spoor.Gevraagd(decoder: self, velden: velden)
            if inhoud != nil { spoor.secties.append(gevraagd) }
            return KeyedDecodingContainer(Keyed<Key>(decoder: self, gevraagd: gevraagd))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            Unkeyed(decoder: self, items: inhoud?.items ?? [])
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(decoder: self) }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: Decoder_
        let gevraagd: Spoor.Gevraagd
        var codingPath: [any CodingKey] { decoder.codingPath }
        var allKeys: [Key] { gevraagd.velden.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool {
            gevraagd.sleutels.insert(key.stringValue)
            return gevraagd.velden[key.stringValue] != nil
        }

        func kind(_ key: Key) -> Decoder_ {
            gevraagd.sleutels.insert(key.stringValue)
            return Decoder_(inhoud: gevraagd.velden[key.stringValue], ouder: decoder, stap: key, spoor: decoder.spoor)
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            gevraagd.sleutels.insert(key.stringValue)
            return gevraagd.velden[key.stringValue].map(\.isLeeg) ?? true
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try kind(key).waarde(T.self)
        }

        /// A value the model cannot take (a choice the model's enum does not know yet) reads as
        /// missing, as the table's reader promises.
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard try !decodeNil(forKey: key) else { return nil }
            return try? kind(key).waarde(T.self)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type,
                                                   forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try kind(key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try kind(key).unkeyedContainer()
        }

        func superDecoder() throws -> any Swift.Decoder { decoder }
        func superDecoder(forKey key: Key) throws -> any Swift.Decoder { kind(key) }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let decoder: Decoder_
        let items: [Inhoud]
        var codingPath: [any CodingKey] { decoder.codingPath }
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }
        var currentIndex = 0

        init(decoder: Decoder_, items: [Inhoud]) {
            self.decoder = decoder
            self.items = items
        }

        mutating func volgende() -> Decoder_ {
            let d = Decoder_(inhoud: items[currentIndex], ouder: decoder, stap: IndexSleutel(intValue: currentIndex),
                             spoor: decoder.spoor)
            currentIndex += 1
            return d
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd else { return true }
            if items[currentIndex].isLeeg { currentIndex += 1; return true }
            return false
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            guard !isAtEnd else { throw Fout() }
            return try volgende().waarde(T.self)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            guard !isAtEnd else { throw Fout() }
            return try volgende().container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            guard !isAtEnd else { throw Fout() }
            return try volgende().unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Swift.Decoder { decoder }
    }

    struct Single: SingleValueDecodingContainer {
        let decoder: Decoder_
        var codingPath: [any CodingKey] { decoder.codingPath }

        func decodeNil() -> Bool { decoder.inhoud?.isLeeg ?? true }

        func decode(_ type: Bool.Type) throws -> Bool {
            if case .jaNee(let j)? = decoder.inhoud { return j }
            throw Fout()
        }

        func decode(_ type: String.Type) throws -> String {
            if case .tekst(let s)? = decoder.inhoud { return s }
            throw Fout()
        }

        func decode(_ type: Int.Type) throws -> Int {
            if case .geheel(let i)? = decoder.inhoud { return i }
            throw Fout()
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.waarde(T.self) }
    }
}
