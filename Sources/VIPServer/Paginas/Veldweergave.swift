import VIPChecklist
import VIPModel

/// Builds what the templates show of the fields of a page: for each field its label, the
/// course's question, its input with the current value, and the findings of the checklist
/// about it. Findings that belong to no single field of the page stand at its top.
struct Veldweergave {
    var invulling: Invulling
    /// Findings of this page, by path; a finding shown beside a field is taken out.
    private(set) var bevindingen: [Bevinding]
    /// Which of them wait for a later bijeenkomst ("nog te doen").
    var wachtlijst: Wachtlijst

    init(invulling: Invulling, bevindingen: [Bevinding], wachtlijst: Wachtlijst) {
        self.invulling = invulling
        self.bevindingen = bevindingen.filter { !$0.onderdrukt }
        self.wachtlijst = wachtlijst
    }

    static func domID(_ pad: String) -> String {
        "v-" + String(pad.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    static func bevinding(_ b: Bevinding, wacht: Int? = nil) -> [String: Any] {
        let w = Bevindingweergave(b, wacht: wacht)
        return ["ernst": w.ernst, "ernstLabel": w.ernstLabel, "melding": w.melding, "regel": w.regel]
    }

    /// A finding of this page as the templates show it, at the course's pace.
    func weergave(_ b: Bevinding) -> [String: Any] { Self.bevinding(b, wacht: wachtlijst.wacht(b)) }

    /// Takes the findings at exactly `pad`.
    mutating func neem(_ pad: String) -> [[String: Any]] {
        let hier = bevindingen.filter { $0.pad == pad }
        bevindingen.removeAll { $0.pad == pad }
        return hier.map(weergave)
    }

    mutating func veld(_ v: Veld, pad: String) -> [String: Any] {
        var d: [String: Any] = [
            "pad": pad, "id": Self.domID(pad), "label": v.label, "vraag": v.vraag ?? "", "heeftVraag": v.vraag != nil,
            "hint": Bevindingweergave.leesbaar(v.hint ?? ""), "heeftHint": v.hint != nil, "verplicht": v.verplicht,
            "waarde": invulling[pad],
            "isTekst": false, "isProza": false, "isKeuze": false, "isJaNee": false, "isDatum": false, "isBedrag": false,
            "isGetal": false, "isTekstlijst": false, "isKeuzelijst": false, "isSectie": false, "isSectielijst": false,
            "isBestand": false, "regels": 3, "legendVerborgen": false, "heeftAriaLabel": false, "ariaLabel": "", "velden": [Any](), "items": [Any](), "keuzes": [Any](),
        ]
        switch v.soort {
        case .tekst, .vast: d["isTekst"] = true
        case .bestand: d["isBestand"] = true
        case .proza:
            d["isProza"] = true
            // A name or a title is prose (spell-checked) but short.
            d["regels"] = ["titel", "naam", "post", "resultaat", "rol"].contains(v.sleutel) ? 2 : 5
        case .bedrag: d["isBedrag"] = true
        case .hoeveelheid: d["isGetal"] = true
        case .datum: d["isDatum"] = true
        case .jaNee:
            d["isJaNee"] = true
            d["keuzes"] = [("", "— niet ingevuld —"), ("ja", "Ja"), ("nee", "Nee")].map { w, t in
                ["waarde": w, "tekst": t, "gekozen": invulling[pad] == w] as [String: Any]
            }
        case .keuze(let waarden, _):
            d["isKeuze"] = true
            var opties = [("", "— kies —")] + waarden.map { ($0, $0) }
            let huidig = invulling[pad]
            if !huidig.isEmpty && !waarden.contains(huidig) { opties.append((huidig, huidig)) }
            d["keuzes"] = opties.map { w, t in ["waarde": w, "tekst": t, "gekozen": huidig == w] as [String: Any] }
        case .sectie:
            d["isSectie"] = true
            d["velden"] = v.velden.map { veld($0, pad: pad + "." + $0.sleutel) }
        case .lijst(.sectie):
            d["isSectielijst"] = true
            d["items"] = items(v, pad: pad)
        case .lijst(.keuze(let waarden, _)):
            d["isKeuzelijst"] = true
            let gekozen = Set(invulling.waarden[pad] ?? [])
            d["keuzes"] = waarden.enumerated().map { i, w in
                ["waarde": w, "tekst": w, "gekozen": gekozen.contains(w), "id": Self.domID(pad) + "-\(i)"] as [String: Any]
            }
        case .lijst:
            d["isTekstlijst"] = true
        }
        // A finding about an item of a list of texts (`project.thema[1]`) stands beside the list.
        var eigen = neem(pad)
        if v.isLijst && !v.heeftVelden {
            let items = bevindingen.filter { Veldentabel.zonderLaatsteIndex($0.pad) == pad }
            bevindingen.removeAll { Veldentabel.zonderLaatsteIndex($0.pad) == pad }
            eigen += items.map(weergave)
        }
        d["bevindingen"] = eigen
        d["heeftBevindingen"] = !eigen.isEmpty
        // A field is marked only for what is wrong now, not for what waits for a later bijeenkomst.
        d["gemarkeerd"] = eigen.contains { $0["ernst"] as? String != "te-doen" }
        return d
    }

    /// The entries of a list of sections, and one empty entry to add a new one without JavaScript.
    mutating func items(_ v: Veld, pad: String) -> [[String: Any]] {
        let bestaand = invulling.indices(pad)
        let volgende = (bestaand.last ?? -1) + 1
        return (bestaand + [volgende]).enumerated().map { nr, i in
            let itemPad = "\(pad)[\(i)]"
            let nieuw = i == volgende
            var velden: [String: Any] = [:]
            let lijst = v.velden.map { sub -> [String: Any] in
                let d = veld(sub, pad: itemPad + "." + sub.sleutel)
                velden[sub.sleutel] = d
                return d
            }
            let eigen = neem(itemPad)
            var d: [String: Any] = [
                "pad": itemPad, "id": Self.domID(itemPad), "nr": nr + 1, "isNieuw": nieuw,
                "titel": nieuw ? "Nieuw: \(v.label.lowercased())" : "\(v.label) \(nr + 1)",
                "velden": lijst, "bevindingen": eigen, "heeftBevindingen": !eigen.isEmpty,
            ]
            for (k, w) in velden { d["veld_" + k] = w }
            return d
        }
    }
}
