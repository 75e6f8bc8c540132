/// Lays a YAML fragment over a base tree: how rule examples are written (a small
/// change to a valid baseline aanvraag).
///
/// Mappings merge key by key; any other value replaces. `naam[2]:` merges into element
/// 2 of list `naam`, `naam[+]:` appends to it; `~` leaves a field empty.
public enum Overlay {
    public static func apply(_ patch: YNode, to base: YNode) -> YNode {
        guard case .mapping(let patchPairs) = patch.kind, case .mapping(var pairs) = base.kind else {
            return patch
        }
        for p in patchPairs {
            if let open = p.key.firstIndex(of: "["), p.key.hasSuffix("]") {
                let name = String(p.key[..<open])
                let index = p.key[p.key.index(after: open)..<p.key.index(before: p.key.endIndex)]
                guard let at = pairs.firstIndex(where: { $0.key == name }),
                      case .sequence(var items) = pairs[at].value.kind else { continue }
                if index == "+" {
                    items.append(p.value)
                } else if let i = Int(index), items.indices.contains(i) {
                    items[i] = apply(p.value, to: items[i])
                }
                pairs[at].value = YNode(.sequence(items), mark: pairs[at].value.mark, expandedSize: 1)
            } else if let at = pairs.firstIndex(where: { $0.key == p.key }) {
                pairs[at].value = apply(p.value, to: pairs[at].value)
            } else {
                pairs.append(p)
            }
        }
        return YNode(.mapping(pairs), mark: base.mark, expandedSize: 1)
    }

    /// Reads `patchYAML` laid over `baseYAML` as an aanvraag.
    public static func aanvraag(base baseYAML: String, patch patchYAML: String,
                                bestand: String = "voorbeeld.yaml") throws(LeesFout) -> Aanvraag {
        try aanvraagMetInhoud(base: baseYAML, patch: patchYAML, bestand: bestand).aanvraag
    }

    /// `aanvraag(base:patch:)` and the tree of fields it was decoded from.
    public static func aanvraagMetInhoud(base baseYAML: String, patch patchYAML: String,
                                         bestand: String = "voorbeeld.yaml") throws(LeesFout) -> (aanvraag: Aanvraag, inhoud: Inhoud) {
        guard let base = try YAMLTree.compose(Array(baseYAML.utf8), bestand: "baseline.yaml") else {
            throw LeesFout(bestand: "baseline.yaml", mark: nil, melding: "lege baseline")
        }
        guard let patch = try YAMLTree.compose(Array(patchYAML.utf8), bestand: bestand) else {
            return try AanvraagReader.decodeMetInhoud(base, bestand: bestand)
        }
        return try AanvraagReader.decodeMetInhoud(apply(patch, to: base), bestand: bestand)
    }
}
