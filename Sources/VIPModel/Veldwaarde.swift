import Foundation
// `_forEachField`: the stored properties of a type from its metadata, once per type.
@_spi(Reflection) import Swift

/// One value of an aanvraag, found through the field table.
public struct Veldwaarde {
    /// As in findings: `begroting.posten[2].prijs`; an item of a list of texts is `project.thema[1]`.
    public var pad: String
    public var veld: Veld
    /// A `String`, `Bool`, `Int`, `Bedrag`, `Hoeveelheid`, `Datum` or a choice (an enum with a raw value).
    public var waarde: Any

    /// The value as text: a text, or a choice's raw value.
    public var tekst: String? { Sectiewaarde.tekst(waarde) }
}

/// One section present in an aanvraag (the root, a nested section, an entry of a list), with the
/// value of each of its fields.
public struct Sectiewaarde {
    /// "" for the root; `fondsen[1]`, `organisatie.adres`.
    public var pad: String
    /// The section's field (nil for the root).
    public var veld: Veld?
    /// Each field of the section in table order, with its path and its value: nil when missing
    /// (absent, empty, or an empty list).
    public var velden: [(veld: Veld, pad: String, waarde: Any?)]

    /// The value of field `sleutel` (nil when missing).
    public subscript(sleutel: String) -> Any? {
        velden.first { $0.veld.sleutel == sleutel }?.waarde
    }
}

extension Veldentabel {
    /// Every section present in `aanvraag`, depth first in table order (the root first), with the
    /// fields for which `kies` holds (a section is visited when a field inside it is chosen).
    ///
    /// The model's stored properties are found by reflection, by the field's `eigenschap`; a test
    /// keeps the table and the model's properties one to one.
    public func secties(in aanvraag: Aanvraag, waar kies: (Veld) -> Bool = { _ in true }) -> [Sectiewaarde] {
        var uit: [Sectiewaarde] = []
        Self.bezoek(aanvraag, velden: velden, pad: "", veld: nil, kies: kies) { uit.append($0) }
        return uit
    }

    /// Every value present in `aanvraag` of the fields for which `kies` holds, depth first in table
    /// order; each item of a list of texts or choices is a value of its own.
    public func waarden(in aanvraag: Aanvraag, waar kies: (Veld) -> Bool = { _ in true }) -> [Veldwaarde] {
        var uit: [Veldwaarde] = []
        func blad(_ veld: Veld, _ pad: String, _ waarde: Any) {
            guard kies(veld) else { return }
            if veld.isLijst {
                for (i, item) in Self.items(waarde).enumerated() {
                    uit.append(Veldwaarde(pad: "\(pad)[\(i)]", veld: veld, waarde: item))
                }
            } else {
                uit.append(Veldwaarde(pad: pad, veld: veld, waarde: waarde))
            }
        }
        // Only what leads to a chosen field is reflected on: reflection is the cost here.
        func nodig(_ v: Veld) -> Bool { v.heeftVelden ? v.velden.contains(where: nodig) : kies(v) }
        func loop(_ waarde: Any, _ velden: [Veld], _ pad: String) {
            let eigenschappen = Self.eigenschappen(waarde)
            for v in velden where nodig(v) {
                let p = pad.isEmpty ? v.sleutel : "\(pad).\(v.sleutel)"
                guard let w = eigenschappen[v.eigenschap].flatMap(Self.aanwezig) else { continue }
                switch v.soort {
                case .sectie: loop(w, v.velden, p)
                case .lijst(.sectie): for (i, item) in Self.items(w).enumerated() { loop(item, v.velden, "\(p)[\(i)]") }
                default: blad(v, p, w)
                }
            }
        }
        loop(aanvraag, velden, "")
        return uit
    }

    static func bezoek(_ waarde: Any, velden: [Veld], pad: String, veld: Veld?, kies: (Veld) -> Bool,
                       _ uit: (Sectiewaarde) -> Void) {
        func nodig(_ v: Veld) -> Bool { kies(v) || v.velden.contains(where: nodig) }
        let eigenschappen = eigenschappen(waarde)
        let rij = velden.filter(nodig).map { v -> (veld: Veld, pad: String, waarde: Any?) in
            (v, pad.isEmpty ? v.sleutel : "\(pad).\(v.sleutel)", eigenschappen[v.eigenschap].flatMap(aanwezig))
        }
        uit(Sectiewaarde(pad: pad, veld: veld, velden: rij.filter { kies($0.veld) }))
        for (v, p, w) in rij {
            guard let w else { continue }
            switch v.soort {
            case .sectie: bezoek(w, velden: v.velden, pad: p, veld: v, kies: kies, uit)
            case .lijst(.sectie):
                for (i, item) in items(w).enumerated() {
                    bezoek(item, velden: v.velden, pad: "\(p)[\(i)]", veld: v, kies: kies, uit)
                }
            default: break
            }
        }
    }

    /// The stored properties of a model value, by name.
    static func eigenschappen(_ waarde: Any) -> Eigenschappen { Eigenschappen(waarde) }

    /// The value itself, or nil when it is missing: `nil`, an empty text or an empty list.
    ///
    /// Casts to `Optional<Any>` and `[Any]`, not to protocols and not through a `Mirror`: the
    /// first cast of each type to a protocol searches all conformances of the program, which
    /// in one `vip build` process was a tenth of its instructions.
    static func aanwezig(_ waarde: Any) -> Any? {
        if let s = waarde as? String { return s.isEmpty ? nil : s }  // most values
        // An optional is unwrapped by the cast (`nil` stays nil); anything else comes back as it is.
        guard let w = (waarde as? Any?) ?? nil else { return nil }
        if let s = w as? String { return s.isEmpty ? nil : s }
        if let l = w as? [Any] { return l.isEmpty ? nil : w }
        return w
    }

    static func items(_ lijst: Any) -> [Any] { (lijst as? [Any]) ?? [] }
}

/// The stored properties of one model value, read by name. Each struct type's properties
/// (name, offset, type) are learnt once per process from the type's metadata
/// (`_forEachField`); a property is then read at its offset. Reading through `Mirror` looked
/// each property's type up by its mangled name on every access, a third of the checklist.
/// Other values (classes, enums) still go through `Mirror`.
struct Eigenschappen {
    private let waarde: Any
    private let velden: [String: Eigenschap]?
    private let children: Mirror.Children?
    private let positions: [String: Int]

    init(_ waarde: Any) {
        self.waarde = waarde
        if let velden = Self.cache.velden(of: waarde) {
            self.velden = velden
            children = nil
            positions = [:]
            return
        }
        velden = nil
        let mirror = Mirror(reflecting: waarde)
        children = mirror.children
        positions = Self.positions(of: mirror.children)
    }

    subscript(label: String) -> Any? {
        if let velden {
            guard let e = velden[label] else { return nil }
            func lees<T>(_ value: T) -> Any { withUnsafeBytes(of: value) { e.lees($0.baseAddress! + e.offset) } }
            return _openExistential(waarde, do: lees)
        }
        guard let children, let i = positions[label] else { return nil }
        return children[children.index(children.startIndex, offsetBy: i)].value
    }

    private static func positions(of children: Mirror.Children) -> [String: Int] {
        var uit: [String: Int] = [:]
        for (i, kind) in children.enumerated() {
            if let label = kind.label { uit[label] = i }
        }
        return uit
    }

    /// One stored property: where it lies in its struct, and how to read it as its own type.
    struct Eigenschap {
        let offset: Int
        let lees: @Sendable (UnsafeRawPointer) -> Any
    }

    private static let cache = VeldCache()

    /// The properties of each struct type, shared by all threads; nil for a type that is
    /// not a struct.
    private final class VeldCache: @unchecked Sendable {
        private let lock = NSLock()
        private var byType: [ObjectIdentifier: [String: Eigenschap]?] = [:]

        func velden(of waarde: Any) -> [String: Eigenschap]? {
            let key = ObjectIdentifier(type(of: waarde))
            lock.lock()
            if let known = byType[key] {
                lock.unlock()
                return known
            }
            lock.unlock()
            // Structs only (the model's sections); classes, enums and tuples keep the Mirror.
            let learnt = Self.isStruct(type(of: waarde)) ? Self.learn(type(of: waarde)) : nil
            lock.lock()
            byType[key] = .some(learnt)
            lock.unlock()
            return learnt
        }

        /// A struct type: its metadata kind, read as that of a probe's only field (a `Mirror`
        /// or a protocol cast would search the program's conformances).
        private static func isStruct(_ type: Any.Type) -> Bool {
            func kind<T>(_: T.Type) -> Bool {
                var isStruct = false
                _ = _forEachField(of: Probe<T>.self) { _, _, _, kind in
                    isStruct = kind == .struct
                    return false
                }
                return isStruct
            }
            return _openExistential(type, do: kind)
        }

        private struct Probe<T> { var value: T }

        private static func learn(_ type: Any.Type) -> [String: Eigenschap]? {
            var velden: [String: Eigenschap] = [:]
            let complete = _forEachField(of: type) { name, offset, fieldType, _ in
                func lezer<F>(_: F.Type) -> @Sendable (UnsafeRawPointer) -> Any { { $0.load(as: F.self) } }
                velden[String(cString: name)] = Eigenschap(offset: offset, lees: _openExistential(fieldType, do: lezer))
                return true
            }
            return complete ? velden : nil
        }
    }
}

extension Sectiewaarde {
    /// The texts of a field's value: a text, a choice's value, or each of a list of them.
    public static func teksten(_ waarde: Any) -> [String] {
        if let t = tekst(waarde) { return [t] }
        return Veldentabel.items(waarde).compactMap(tekst)
    }

    /// The text of field `sleutel` (a choice as its value); nil when missing.
    public func tekst(_ sleutel: String) -> String? { self[sleutel].flatMap(Self.tekst) }

    static func tekst(_ waarde: Any) -> String? {
        if let s = waarde as? String { return s }
        if let r = waarde as? any RawRepresentable { return r.rawValue as? String }
        return nil
    }
}
