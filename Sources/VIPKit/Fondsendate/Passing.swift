import Foundation
import VIPModel

/// Which attending funds fit a project, and in which order it should meet them
/// (fondsendate.md, "Schema").
///
/// Matching rules, chosen so that the organiser's and the participants' spelling
/// need not agree to the letter:
/// - Names and themes are compared *normalised*: case, accents and runs of white
///   space do not count ("Oranje  fonds" = "Oranje Fonds", "Cultuur" = "cultuur").
/// - A fund is *named in the dekkingsplan* when a dekkingsplan line has `fonds:` equal
///   to the fund's name (normalised), whatever its status. For the preference order
///   a line with status `afgewezen` does not count: that fund already said no to this
///   application, so it is ranked like any other fitting fund.
/// - A fund's region *fits* when one of its `regio` entries is `landelijk`, or occurs in
///   the project's `regio` as whole words: the entry's words appear consecutively among
///   the project region's words (words split at anything that is not a letter or digit).
///   So "Den Haag" fits "Den Haag Moerwijk" and "Arnhem" fits "Arnhem Presikhaaf", but
///   "Delft" does not fit "Delftshaven", and "Den Haag" does not fit "Haag".
/// - The amount still to be covered is the begroting total minus the dekkingsplan lines
///   with status `toegezegd`; it is *within the fund's range* when min ≤ amount ≤ max
///   (a missing bound does not limit; a fund without `bedrag` never counts as within).
public enum Passing {
    /// One fitting fund with the reasons, for documents and tests.
    public struct Kandidaat: Sendable, Equatable {
        /// Index of the fund in the event.
        public var fonds: Int
        /// Named in the dekkingsplan with a status other than `afgewezen`.
        public var inDekkingsplan: Bool
        /// Named in the dekkingsplan at all (also `afgewezen`).
        public var genoemd: Bool
        public var gedeeldeThemas: [String]
        public var bedragBinnenBereik: Bool
    }

    /// Lower case, accents removed, white space collapsed.
    public static func normaal(_ s: String) -> String { Regio.normaal(s) }

    /// Words of a text: maximal runs of letters and digits, normalised.
    static func woorden(_ s: String) -> [String] { Regio.woorden(s) }

    /// Whether one of the fund's regions is `landelijk` or occurs (as whole words) in `projectRegio`;
    /// the one rule, shared with the fund register (`Regio`).
    public static func regioPast(fonds: [String], project projectRegio: String?) -> Bool {
        Regio.past(fonds: fonds, project: projectRegio)
    }

    /// Begroting total minus what is already `toegezegd`.
    public static func nogTeDekken(_ a: Aanvraag) -> Bedrag {
        let toegezegd = a.dekkingsplan.filter { $0.status == .toegezegd }.reduce(Bedrag.zero) { $0 + ($1.geteldBedrag ?? .zero) }
        return a.begroting.totaal - toegezegd
    }

    public static func binnenBereik(_ bedrag: Bedrag, _ fonds: Evenement.Fonds) -> Bool {
        guard fonds.bedragMin != nil || fonds.bedragMax != nil else { return false }
        if let lo = fonds.bedragMin, bedrag < lo { return false }
        if let hi = fonds.bedragMax, hi < bedrag { return false }
        return true
    }

    /// The fund's themes (as the fund writes them) that the project shares.
    public static func gedeeldeThemas(_ fonds: Evenement.Fonds, _ a: Aanvraag) -> [String] {
        let project = Set(a.project.thema.map(normaal))
        var seen = Set<String>()
        return fonds.thema.filter { project.contains(normaal($0)) && seen.insert(normaal($0)).inserted }
    }

    /// The funds that fit the project, best first: dekkingsplan funds first, then the
    /// most shared themes, then an amount still to be covered within the fund's range;
    /// ties keep the event's order of funds.
    public static func kandidaten(_ a: Aanvraag, fondsen: [Evenement.Fonds]) -> [Kandidaat] {
        let open = nogTeDekken(a)
        var result: [Kandidaat] = []
        for (i, fonds) in fondsen.enumerated() {
            let naam = normaal(fonds.naam)
            let regels = a.dekkingsplan.filter { $0.fonds.map(normaal) == naam }
            let genoemd = !regels.isEmpty
            let gedeeld = gedeeldeThemas(fonds, a)
            let past = genoemd || (!gedeeld.isEmpty && regioPast(fonds: fonds.regio, project: a.project.regio))
            guard past else { continue }
            result.append(Kandidaat(fonds: i, inDekkingsplan: regels.contains { $0.status != .afgewezen },
                                    genoemd: genoemd, gedeeldeThemas: gedeeld,
                                    bedragBinnenBereik: binnenBereik(open, fonds)))
        }
        // A stable sort keeps the event order for ties.
        return result.enumerated().sorted { x, y in
            let a = x.element, b = y.element
            let ka = (a.inDekkingsplan ? 0 : 1, -a.gedeeldeThemas.count, a.bedragBinnenBereik ? 0 : 1, x.offset)
            let kb = (b.inDekkingsplan ? 0 : 1, -b.gedeeldeThemas.count, b.bedragBinnenBereik ? 0 : 1, y.offset)
            return ka < kb
        }.map(\.element)
    }
}
