import VIPModel

/// Runs every rule of the catalogue over an aanvraag.
public struct Checklist: Sendable {
    public let regels: [Regel]

    public init(regels: [Regel] = Catalogus.alle) {
        self.regels = regels
    }

    public func regel(_ id: String) -> Regel? { regels.first { $0.id == id } }

    /// All findings, in the order of the file (then by rule order), with `negeer:`
    /// applied: a suppressed waarschuwing or tip is kept and marked, a fout stays.
    /// An unknown rule id in `negeer:` is a reading error, like an unknown key.
    public func check(_ context: CheckContext) throws(LeesFout) -> [Bevinding] {
        try check(context, alleenFouten: false)
    }

    /// With `alleenFouten`, only the rules whose severity is `fout` run: what `vip build` needs
    /// to know. A rule only ever lowers its severity for a finding, never raises it, so the
    /// fouten are exactly those of the whole checklist, in the same order.
    public func check(_ context: CheckContext, alleenFouten: Bool) throws(LeesFout) -> [Bevinding] {
        let a = context.aanvraag
        var negeer: [String: String] = [:]
        for (i, n) in a.negeer.enumerated() {
            let pad = "negeer[\(i)].regel"
            guard let id = n.regel else { continue }
            guard regel(id) != nil else {
                var melding = "`\(id)` is geen regel van de checklist"
                if let guess = Suggest.closest(to: id, in: regels.map(\.id)) { melding += "; bedoelde u `\(guess)`?" }
                else { melding += ". `vip regels` toont alle regels." }
                throw LeesFout(bestand: a.bron.bestand, mark: a.bron.locate(pad), pad: pad, melding: melding)
            }
            negeer[id] = n.reden ?? ""
        }
        var all: [(Int, Bevinding)] = []
        for (order, regel) in regels.enumerated() where !alleenFouten || regel.ernst == .fout {
            for var b in regel.run(context) {
                if let reden = negeer[b.regel] {
                    if b.ernst == .fout {
                        b.melding += " (Een fout kan niet worden genegeerd.)"
                    } else {
                        b.onderdrukt = true
                        b.reden = reden
                    }
                }
                all.append((order, b))
            }
        }
        all.sort { l, r in
            let lm = l.1.mark ?? SourceMark(line: 0, column: 0), rm = r.1.mark ?? SourceMark(line: 0, column: 0)
            return lm != rm ? lm < rm : l.0 < r.0
        }
        return all.map(\.1)
    }
}

extension Array where Element == Bevinding {
    /// Active (not suppressed) findings of one severity.
    public func count(_ ernst: Ernst) -> Int { filter { $0.ernst == ernst && !$0.onderdrukt }.count }
    /// "af": no fouten.
    public var isAf: Bool { !contains { $0.ernst == .fout } }
}
