import Foundation

/// One value of an aanvraag, found through the field table.
public struct Veldwaarde {
    /// As in findings: `begroting.posten[2].prijs`; an item of a list of texts is `project.thema[1]`.
    public var pad: String
    public var veld: Veld
    /// A `String` (also a choice's value), `Bool`, `Int`, `Bedrag`, `Hoeveelheid` or `Datum`.
    public var waarde: Any

    /// The value as text: a text, or a choice's value.
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
    /// (absent, empty, or an empty list). A section's value is its `Inhoud`; a list's an `[Any]`.
    public var velden: [(veld: Veld, pad: String, waarde: Any?)]

    /// The value of field `sleutel` (nil when missing).
    public subscript(sleutel: String) -> Any? {
        velden.first { $0.veld.sleutel == sleutel }?.waarde
    }
}

extension Aanvraag {
    /// The aanvraag as the tree of its fields, which the field table walks: the model's values,
    /// encoded by its compiler-written `Encodable` conformance, and the `overige` fields put back.
    public var inhoud: Inhoud {
        var boom = InhoudEncoder.encode(self)
        for (pad, waarde) in overige.waarden.sorted(by: { $0.key < $1.key }) {
            boom = boom.met(waarde, op: Inhoud.stappen(pad)[...])
        }
        return boom
    }

    /// An aanvraag from the tree of its fields (the model's `Decodable` conformance); what the
    /// model has no property for goes to `overige`. `bron` is left for the caller.
    public init(inhoud: Inhoud) throws {
        let (a, overige) = try InhoudDecoder.decode(Aanvraag.self, from: inhoud)
        self = a
        self.overige = OverigeVelden(overige)
    }
}

extension Inhoud {
    enum Stap: Equatable { case sleutel(String), index(Int) }

    /// `fondsen[1].iban` → fondsen, 1, iban.
    static func stappen(_ pad: String) -> [Stap] {
        var uit: [Stap] = []
        for deel in pad.split(separator: ".") {
            var rest = Substring(deel)
            if let open = rest.firstIndex(of: "[") {
                uit.append(.sleutel(String(rest[..<open])))
                rest = rest[open...]
                while rest.hasPrefix("["), let sluit = rest.firstIndex(of: "]") {
                    if let i = Int(rest[rest.index(after: rest.startIndex)..<sluit]) { uit.append(.index(i)) }
                    rest = rest[rest.index(after: sluit)...]
                }
            } else {
                uit.append(.sleutel(String(rest)))
            }
        }
        return uit
    }

    /// This tree with `waarde` at `stappen`; a missing section on the way is made, a missing list
    /// entry is not (the value then has no place and is left out).
    func met(_ waarde: Inhoud, op stappen: ArraySlice<Stap>) -> Inhoud {
        guard let stap = stappen.first else { return waarde }
        switch (stap, self) {
        case (.sleutel(let k), .sectie(var velden)):
            velden[k] = (velden[k] ?? (stappen.dropFirst().first.map { if case .index = $0 { return .lijst([]) } else { return .sectie([:]) } } ?? waarde))
                .met(waarde, op: stappen.dropFirst())
            return .sectie(velden)
        case (.index(let i), .lijst(var items)) where items.indices.contains(i):
            items[i] = items[i].met(waarde, op: stappen.dropFirst())
            return .lijst(items)
        default:
            return self
        }
    }
}

extension Veldentabel {
    /// Every section present in `aanvraag`, depth first in table order (the root first), with the
    /// fields for which `kies` holds (a section is visited when a field inside it is chosen).
    public func secties(in aanvraag: Aanvraag, waar kies: (Veld) -> Bool = { _ in true }) -> [Sectiewaarde] {
        secties(in: aanvraag.inhoud, waar: kies)
    }

    public func secties(in inhoud: Inhoud, waar kies: (Veld) -> Bool = { _ in true }) -> [Sectiewaarde] {
        secties(in: inhoud, plan: sectieplan(waar: kies))
    }

    /// Which fields `secties` looks at, worked out once for a choice of fields: a field is
    /// chosen, or has a chosen field inside it. A rule that walks every aanvraag keeps its plan.
    public struct Sectieplan: Sendable {
        struct Stap: Sendable {
            let veld: Veld
            let gekozen: Bool
            let isSectie: Bool
            let binnen: [Stap]
        }
        let stappen: [Stap]
    }

    public func sectieplan(waar kies: (Veld) -> Bool) -> Sectieplan {
        func plan(_ velden: [Veld]) -> [Sectieplan.Stap] {
            velden.compactMap { v in
                let binnen = plan(v.velden), gekozen = kies(v)
                let isSectie: Bool
                switch v.soort {
                case .sectie, .lijst(.sectie): isSectie = true
                default: isSectie = false
                }
                return gekozen || !binnen.isEmpty ? Sectieplan.Stap(veld: v, gekozen: gekozen, isSectie: isSectie, binnen: binnen) : nil
            }
        }
        return Sectieplan(stappen: plan(velden))
    }

    /// `secties(in:waar:)` along a plan made once.
    public func secties(in aanvraag: Aanvraag, plan: Sectieplan) -> [Sectiewaarde] {
        secties(in: aanvraag.inhoud, plan: plan)
    }

    public func secties(in inhoud: Inhoud, plan: Sectieplan) -> [Sectiewaarde] {
        var uit: [Sectiewaarde] = []
        func bezoek(_ sectie: Inhoud, plan: [Sectieplan.Stap], pad: String, veld: Veld?) {
            let velden = sectie.velden
            var rij: [(veld: Veld, pad: String, waarde: Any?)] = []
            var dieper: [(stap: Int, pad: String, inhoud: Inhoud)] = []
            for i in plan.indices {
                let p = pad.isEmpty ? plan[i].veld.sleutel : pad + "." + plan[i].veld.sleutel
                let w = velden[plan[i].veld.eigenschap].flatMap { $0.isLeeg ? nil : $0 }
                if plan[i].gekozen { rij.append((plan[i].veld, p, w?.alsWaarde)) }
                if let w, plan[i].isSectie { dieper.append((i, p, w)) }
            }
            uit.append(Sectiewaarde(pad: pad, veld: veld, velden: rij))
            for (i, p, w) in dieper {
                if case .sectie = plan[i].veld.soort {
                    bezoek(w, plan: plan[i].binnen, pad: p, veld: plan[i].veld)
                } else {
                    for (n, item) in w.items.enumerated() { bezoek(item, plan: plan[i].binnen, pad: "\(p)[\(n)]", veld: plan[i].veld) }
                }
            }
        }
        bezoek(inhoud, plan: plan.stappen, pad: "", veld: nil)
        return uit
    }

    /// Every value present in `aanvraag` of the fields for which `kies` holds, depth first in table
    /// order; each item of a list of texts or choices is a value of its own.
    public func waarden(in aanvraag: Aanvraag, waar kies: (Veld) -> Bool = { _ in true }) -> [Veldwaarde] {
        waarden(in: aanvraag.inhoud, waar: kies)
    }

    public func waarden(in inhoud: Inhoud, waar kies: (Veld) -> Bool = { _ in true }) -> [Veldwaarde] {
        var uit: [Veldwaarde] = []
        func nodig(_ v: Veld) -> Bool { v.heeftVelden ? v.velden.contains(where: nodig) : kies(v) }
        func loop(_ sectie: Inhoud, _ velden: [Veld], _ pad: String) {
            for v in velden where nodig(v) {
                let p = pad.isEmpty ? v.sleutel : "\(pad).\(v.sleutel)"
                guard let w = sectie[v.eigenschap], !w.isLeeg else { continue }
                switch v.soort {
                case .sectie: loop(w, v.velden, p)
                case .lijst(.sectie): for (i, item) in w.items.enumerated() { loop(item, v.velden, "\(p)[\(i)]") }
                case .lijst:
                    for (i, item) in w.items.enumerated() {
                        uit.append(Veldwaarde(pad: "\(p)[\(i)]", veld: v, waarde: item.alsWaarde))
                    }
                default:
                    uit.append(Veldwaarde(pad: p, veld: v, waarde: w.alsWaarde))
                }
            }
        }
        loop(inhoud, velden, "")
        return uit
    }

    /// The tree with every field for which `weg` holds left out, and each text of the other
    /// fields replaced by `vervang(veld, tekst)`: the anonymiser's walk.
    public func herschreven(_ inhoud: Inhoud, weg: (Veld) -> Bool, _ vervang: (Veld, String) -> String) -> Inhoud {
        func sectie(_ s: Inhoud, _ velden: [Veld]) -> Inhoud {
            var uit = s.velden
            for v in velden {
                guard let w = uit[v.eigenschap] else { continue }
                uit[v.eigenschap] = weg(v) ? nil : waarde(w, v)
            }
            return .sectie(uit)
        }
        func waarde(_ w: Inhoud, _ v: Veld) -> Inhoud {
            switch w {
            case .sectie: return sectie(w, v.velden)
            case .lijst(let items): return .lijst(items.map { waarde($0, v) })
            case .tekst(let t): return .tekst(vervang(v, t))
            default: return w
            }
        }
        return sectie(inhoud, velden)
    }
}

extension Sectiewaarde {
    /// The texts of a field's value: a text, a choice's value, or each of a list of them.
    public static func teksten(_ waarde: Any) -> [String] {
        if let t = tekst(waarde) { return [t] }
        return (waarde as? [Any])?.compactMap(tekst) ?? []
    }

    /// The text of field `sleutel` (a choice as its value); nil when missing.
    public func tekst(_ sleutel: String) -> String? { self[sleutel].flatMap(Self.tekst) }

    static func tekst(_ waarde: Any) -> String? {
        if let s = waarde as? String { return s }
        if let r = waarde as? any RawRepresentable { return r.rawValue as? String }
        return nil
    }
}
