import VIPModel

/// What stands in the inputs of a page: each input's name is its path in the aanvraag
/// (`begroting.posten[2].prijs`), its value the text shown. It comes from the model (to show a
/// version) or from a posted form (to show it again, as typed, when it cannot be saved).
struct Invulling: Sendable {
    var waarden: [String: [String]] = [:]

    subscript(pad: String) -> String { waarden[pad]?.first ?? "" }

    init(waarden: [String: [String]]) { self.waarden = waarden }

    /// The values of `aanvraag`, written as a cursist would type them: amounts in Dutch notation
    /// (`1.234,50`), dates as `2026-09-01`, one item of a list of texts per line.
    init(_ aanvraag: Aanvraag) {
        for w in Veldentabel.aanvraag.waarden(in: aanvraag) {
            let tekst = Self.tekst(w.waarde)
            if w.veld.isLijst {
                let lijst = Veldentabel.zonderLaatsteIndex(w.pad)
                if w.veld.keuzes != nil {
                    waarden[lijst, default: []].append(tekst)
                } else {
                    let vorige = waarden[lijst]?.first
                    waarden[lijst] = [vorige.map { $0 + "\n" + tekst } ?? tekst]
                }
            } else {
                waarden[w.pad] = [tekst]
            }
        }
    }

    static func tekst(_ waarde: Any) -> String {
        switch waarde {
        case let b as Bedrag: return b.formatted(symbol: false)
        case let h as Hoeveelheid: return h.description
        case let i as Int: return String(i)
        case let d as Datum: return d.iso
        case let j as Bool: return j ? "ja" : "nee"
        default: return Sectiewaarde.teksten(waarde).first ?? ""
        }
    }

    /// The indices of the entries of list `pad` present in the form (`pad[3].naam` → 3), sorted.
    func indices(_ pad: String) -> [Int] {
        let voor = pad + "["
        var uit = Set<Int>()
        for sleutel in waarden.keys where sleutel.hasPrefix(voor) {
            let rest = sleutel.dropFirst(voor.count)
            if let eind = rest.firstIndex(of: "]"), let i = Int(rest[..<eind]) { uit.insert(i) }
        }
        return uit.sorted()
    }

    // MARK: Form → YAML

    /// The value of field `veld` at `pad` as the form gives it; nil when it is empty.
    func waarde(_ veld: Veld, _ pad: String) -> YAMLWaarde? {
        switch veld.soort {
        case .sectie:
            let paren = veld.velden.compactMap { v in waarde(v, pad + "." + v.sleutel).map { YAMLWaarde.Paar(v.sleutel, $0) } }
            return paren.isEmpty ? nil : .map(paren)
        case .lijst(.sectie):
            var items: [YAMLWaarde] = []
            for i in indices(pad) where self["\(pad)[\(i)]._verwijderen"].isEmpty {
                // A row offered for every begroting post (`_alleenMet=werkelijk,toelichting`) becomes an
                // entry only when one of those fields is filled in.
                let alleenMet = self["\(pad)[\(i)]._alleenMet"].split(separator: ",").map(String.init)
                if !alleenMet.isEmpty && alleenMet.allSatisfy({ self["\(pad)[\(i)].\($0)"].trimmedText.isEmpty }) {
                    continue
                }
                let paren = veld.velden.compactMap { v in
                    waarde(v, "\(pad)[\(i)].\(v.sleutel)").map { YAMLWaarde.Paar(v.sleutel, $0) }
                }
                if !paren.isEmpty { items.append(.map(paren)) }
            }
            return items.isEmpty ? nil : .lijst(items)
        case .lijst:
            let regels: [String] = veld.keuzes != nil ? (waarden[pad] ?? [])
                : self[pad].split(separator: "\n").map(String.init)
            let items = regels.map { $0.trimmedText }.filter { !$0.isEmpty }.map { YAMLWaarde.tekst($0) }
            return items.isEmpty ? nil : .lijst(items)
        case .vast(let s):
            return .letterlijk(s)
        case .jaNee:
            switch self[pad] {
            case "ja": return .letterlijk("true")
            case "nee": return .letterlijk("false")
            default: return nil
            }
        default:
            let t = self[pad]
            return t.trimmedText.isEmpty ? nil : .tekst(t)
        }
    }

    /// `boom` (the export of the current version) with the fields of `pagina` as this form has
    /// them; every other field stays as it was.
    func toegepast(op boom: YAMLWaarde, pagina: Pagina) -> YAMLWaarde {
        var uit = boom
        for pad in pagina.velden {
            guard let veld = Veldentabel.aanvraag.veld(pad) else { continue }
            uit = Self.zet(uit, sleutels: pad.split(separator: ".").map(String.init)[...], waarde(veld, pad))
        }
        for los in pagina.losseVelden { uit = zetLos(uit, los) }
        return Self.orden(uit, Veldentabel.aanvraag.velden)
    }

    /// A loose field (`dekkingsplan[].besluit_op`): for each entry of the list that the form names
    /// (`dekkingsplan[2].besluit_op`) and `boom` has, the value as the form gives it (empty removes
    /// it). Entries are never added or removed, and fields the form does not name stay as they are.
    func zetLos(_ boom: YAMLWaarde, _ los: String) -> YAMLWaarde {
        guard let veld = Veldentabel.aanvraag.veld(los), let haak = los.range(of: "[].", options: .backwards) else { return boom }
        let lijst = String(los[..<haak.lowerBound]), sleutel = String(los[haak.upperBound...])
        let sleutels = lijst.split(separator: ".").map(String.init)
        var huidig: YAMLWaarde? = boom
        for s in sleutels { huidig = huidig?[s] }
        guard case .lijst(var items)? = huidig else { return boom }
        var veranderd = false
        for i in indices(lijst) where i < items.count && waarden["\(lijst)[\(i)].\(sleutel)"] != nil {
            guard case .map(var paren) = items[i] else { continue }
            let nieuw = waarde(veld, "\(lijst)[\(i)].\(sleutel)")
            if let j = paren.firstIndex(where: { $0.sleutel == sleutel }) {
                if let nieuw { paren[j].waarde = nieuw } else { paren.remove(at: j) }
            } else if let nieuw {
                paren.append(.init(sleutel, nieuw))
            }
            items[i] = .map(paren)
            veranderd = true
        }
        return veranderd ? Self.zet(boom, sleutels: sleutels[...], .lijst(items)) : boom
    }

    /// Sets (or, with nil, removes) the value at `sleutels`; a section left empty goes too.
    static func zet(_ boom: YAMLWaarde, sleutels: ArraySlice<String>, _ waarde: YAMLWaarde?) -> YAMLWaarde {
        guard let eerste = sleutels.first else { return waarde ?? .map([]) }
        var paren: [YAMLWaarde.Paar] = []
        if case .map(let p) = boom { paren = p }
        let nieuw: YAMLWaarde?
        if sleutels.count == 1 {
            nieuw = waarde
        } else {
            let binnen = zet(paren.first { $0.sleutel == eerste }?.waarde ?? .map([]), sleutels: sleutels.dropFirst(), waarde)
            nieuw = binnen.isLeeg ? nil : binnen
        }
        if let i = paren.firstIndex(where: { $0.sleutel == eerste }) {
            if let nieuw { paren[i].waarde = nieuw } else { paren.remove(at: i) }
        } else if let nieuw {
            paren.append(.init(eerste, nieuw))
        }
        return .map(paren)
    }

    /// Mappings in the order of the field table (the order of the file).
    static func orden(_ w: YAMLWaarde, _ velden: [Veld]) -> YAMLWaarde {
        guard case .map(let paren) = w else { return w }
        let volgorde = velden.map(\.sleutel)
        let gesorteerd = paren.sorted { (volgorde.firstIndex(of: $0.sleutel) ?? .max) < (volgorde.firstIndex(of: $1.sleutel) ?? .max) }
        return .map(gesorteerd.map { p in
            guard let v = velden.first(where: { $0.sleutel == p.sleutel }) else { return p }
            switch (v.soort, p.waarde) {
            case (.sectie, _): return .init(p.sleutel, orden(p.waarde, v.velden))
            case (.lijst(.sectie), .lijst(let items)): return .init(p.sleutel, .lijst(items.map { orden($0, v.velden) }))
            default: return p
            }
        })
    }
}

extension Veldentabel {
    /// `project.thema[1]` → `project.thema`.
    static func zonderLaatsteIndex(_ pad: String) -> String {
        guard pad.hasSuffix("]"), let open = pad.lastIndex(of: "[") else { return pad }
        return String(pad[..<open])
    }
}
