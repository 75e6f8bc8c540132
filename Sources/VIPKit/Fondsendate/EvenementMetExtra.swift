import VIPModel

extension EvenementReader {
    /// A `vip-fondsendate/1` text that carries top-level keys of its own beside the format's
    /// (the server's `cursussen: [id, …]`): read with the same reader and limits as
    /// `vip fondsendate`, the extra keys accepted and handed back as their nodes, so that
    /// the caller reads them with positions. `projecten` is reported too when present.
    public struct MetExtra: Sendable {
        public var evenement: Evenement
        /// The nodes of the extra keys that were present, by key.
        public var extra: [String: YNode]
        /// Whether the text has a `projecten` key (even an empty one).
        public var heeftProjecten: Bool
    }

    public static func parse(_ bytes: [UInt8], bestand: String, extraKeys: [String],
                             limits: ReadLimits = .standard) throws(LeesFout) -> MetExtra {
        try InputFile.checkText(bytes, bestand: bestand, limits: limits)
        guard let root = try YAMLTree.compose(bytes, bestand: bestand, limits: limits), !root.isNull else {
            throw LeesFout(bestand: bestand, mark: nil, melding: "Het bestand is leeg.")
        }
        let evenement = try decode(root, bestand: bestand, extraKeys: extraKeys)
        var extra: [String: YNode] = [:]
        var heeftProjecten = false
        if case .mapping(let pairs) = root.kind {
            for p in pairs {
                if extraKeys.contains(p.key) { extra[p.key] = p.value }
                if p.key == "projecten" { heeftProjecten = true }
            }
        }
        return MetExtra(evenement: evenement, extra: extra, heeftProjecten: heeftProjecten)
    }
}
