import Foundation
import VIPModel

/// Which funds of a register fit an aanvraag (na-het-besluit.md, "The fund register";
/// `vip fondsen zoek`). "Zoek zelf andere fondsen" (L9083); funds are found in a register
/// (L7998–8007).
///
/// A fund fits when all four hold:
/// - **thema**: it shares a theme with the project (`project.thema`; compared without case,
///   accents or extra spaces);
/// - **regio**: its `regio` is `landelijk` or names a place in the project's `regio` (the rule of
///   `vip fondsendate`, `Regio.past`; a fund without `regio` does neither);
/// - **bedrag**: the amount (`--bedrag`, else the largest amount asked of a fund in the dekkingsplan)
///   lies within its range, bounds included; a missing bound does not limit, and without any
///   amount nothing is ruled out;
/// - **termijn**: the date (`--datum`, default today) plus its beslistermijn falls before the
///   project's start; without a beslistermijn or a start nothing is ruled out.
///
/// Every register fund that the dekkingsplan already names (fitting or not, whatever its status) is
/// under `alAangevraagd` and nowhere else. The fitting rest are the suggestions, best first: more
/// shared themes, then a fund that names the project's place before a landelijk one, then by name.
public struct FondsenZoeker: Sendable {
    public var register: Fondsenregister

    public init(register: Fondsenregister) { self.register = register }

    /// What failed for a fund that does not fit.
    public enum Reden: String, Sendable, CaseIterable {
        case thema, regio, bedrag, termijn
    }

    /// One register fund, with what the search found about it.
    public struct Treffer: Sendable, Equatable {
        public var fonds: Fondsenregister.Fonds
        public var gedeeldeThemas: [String]
        /// Names the project's place (not only `landelijk`).
        public var noemtPlaats: Bool
        /// What failed; empty for a fitting fund.
        public var redenen: [Reden]
        /// Why it fits, or what failed, in Dutch, one line per criterion.
        public var uitleg: [String]
    }

    public struct Resultaat: Sendable, Equatable {
        /// The amount and date the search used (nil: not checked).
        public var bedrag: Bedrag?
        public var datum: Datum?
        /// Fitting funds the dekkingsplan does not name yet, best first.
        public var passend: [Treffer]
        /// Register funds the dekkingsplan already names, in register order.
        public var alAangevraagd: [Fondsenregister.Fonds]
        /// Funds that do not fit, by name, with their reasons.
        public var nietPassend: [Treffer]
    }

    /// The amount `vip fondsen zoek` uses without `--bedrag`: the largest amount asked of a fund.
    public static func standaardBedrag(_ a: Aanvraag) -> Bedrag? {
        a.dekkingsplan.filter { $0.fonds != nil }.compactMap(\.bedrag).max()
    }

    /// Searches the register for `a`; `bedrag` nil: `standaardBedrag`; `datum` nil: the beslistermijn
    /// is not checked.
    public func zoek(_ a: Aanvraag, bedrag: Bedrag? = nil, datum: Datum?) -> Resultaat {
        let bedrag = bedrag ?? Self.standaardBedrag(a)
        let genoemd = Set(a.dekkingsplan.compactMap(\.fonds).map(Regio.normaal))
        var passend: [Treffer] = [], nietPassend: [Treffer] = [], alAangevraagd: [Fondsenregister.Fonds] = []
        for fonds in register.fondsen {
            if genoemd.contains(Regio.normaal(fonds.naam)) {
                alAangevraagd.append(fonds)
                continue
            }
            let t = beoordeel(fonds, a, bedrag: bedrag, datum: datum)
            if t.redenen.isEmpty { passend.append(t) } else { nietPassend.append(t) }
        }
        func naam(_ t: Treffer) -> (String, String) { (Regio.normaal(t.fonds.naam), t.fonds.naam) }
        passend.sort { x, y in
            if x.gedeeldeThemas.count != y.gedeeldeThemas.count { return x.gedeeldeThemas.count > y.gedeeldeThemas.count }
            if x.noemtPlaats != y.noemtPlaats { return x.noemtPlaats }
            return naam(x) < naam(y)
        }
        nietPassend.sort { naam($0) < naam($1) }
        return Resultaat(bedrag: bedrag, datum: datum, passend: passend, alAangevraagd: alAangevraagd,
                         nietPassend: nietPassend)
    }

    /// The four criteria for one fund.
    public func beoordeel(_ fonds: Fondsenregister.Fonds, _ a: Aanvraag, bedrag: Bedrag?, datum: Datum?) -> Treffer {
        var redenen: [Reden] = [], uitleg: [String] = []
        let gedeeld = Regio.gedeeldeThemas(fonds.themas, a.project.thema)
        if gedeeld.isEmpty {
            redenen.append(.thema)
            uitleg.append(fonds.themas.isEmpty ? "thema: het register noemt geen thema's van dit fonds"
                          : "thema: het fonds werkt aan \(Tekst.opsomming(fonds.themas)), het project niet")
        } else {
            uitleg.append("thema: \(Tekst.opsomming(gedeeld))")
        }
        let plaats = Regio.noemtPlaats(fonds: fonds.regio, project: a.project.regio)
        if fonds.regio.isEmpty {
            redenen.append(.regio)
            uitleg.append("regio: het register noemt geen regio van dit fonds")
        } else if plaats {
            uitleg.append("regio: werkt in \(Tekst.opsomming(Regio.genoemdePlaatsen(fonds: fonds.regio, project: a.project.regio)))")
        } else if fonds.regio.contains(where: Regio.isLandelijk) {
            uitleg.append("regio: landelijk")
        } else {
            redenen.append(.regio)
            uitleg.append("regio: werkt in \(Tekst.opsomming(fonds.regio)), het project in \(a.project.regio ?? "een onbekende plaats")")
        }
        if let bedrag, let bereik = fonds.bereik {
            if fonds.bedragPast(bedrag) {
                uitleg.append("bedrag: \(bedrag) past (het fonds geeft \(bereik))")
            } else {
                redenen.append(.bedrag)
                uitleg.append("bedrag: \(bedrag) past niet (het fonds geeft \(bereik))")
            }
        }
        if let weken = fonds.beslistermijnWeken, let start = a.project.periode.start, let datum {
            if fonds.besluitVoor(start, aangevraagdOp: datum) {
                uitleg.append("termijn: besluit binnen \(weken) weken, vóór de start op \(start)")
            } else {
                redenen.append(.termijn)
                uitleg.append("termijn: besluit binnen \(weken) weken, pas na de start op \(start)")
            }
        }
        return Treffer(fonds: fonds, gedeeldeThemas: gedeeld, noemtPlaats: plaats, redenen: redenen, uitleg: uitleg)
    }
}

extension FondsenZoeker.Resultaat {
    /// `{"passend":[{"naam","redenen":[…]}],"al_aangevraagd":[{"naam"}],"niet_passend":[{"naam","redenen":[…]}]}`
    /// (na-het-besluit.md). A fitting fund's `redenen` say why it fits; a fund that does not fit has
    /// the criteria that failed (`thema`, `regio`, `bedrag`, `termijn`) and in `uitleg` the words.
    public var json: JSON {
        func fonds(_ f: Fondsenregister.Fonds) -> [(String, JSON)] {
            var o: [(String, JSON)] = [("naam", .string(f.naam))]
            if let w = f.website { o.append(("website", .string(w))) }
            return o
        }
        return .object([
            ("bedrag", bedrag.map { .string($0.plain) } ?? .null),
            ("datum", datum.map { .string($0.iso) } ?? .null),
            ("passend", .array(passend.map { t in
                .object(fonds(t.fonds) + [("redenen", .array(t.uitleg.map(JSON.string))),
                                          ("gedeelde_themas", .array(t.gedeeldeThemas.map(JSON.string)))])
            })),
            ("al_aangevraagd", .array(alAangevraagd.map { .object(fonds($0)) })),
            ("niet_passend", .array(nietPassend.map { t in
                .object(fonds(t.fonds) + [("redenen", .array(t.redenen.map { .string($0.rawValue) })),
                                          ("uitleg", .array(t.uitleg.map(JSON.string)))])
            })),
        ])
    }

    /// The text of `vip fondsen zoek`.
    public func tekst(titel: String?) -> String {
        var regels: [String] = []
        let voor = titel.map { " bij \u{201C}\($0)\u{201D}" } ?? ""
        let met = [bedrag.map { "bedrag \($0)" }, datum.map { "datum \($0)" }].compactMap { $0 }.joined(separator: ", ")
        if passend.isEmpty {
            regels.append("Geen nieuwe fondsen uit het register passen\(voor) (\(met)).")
        } else {
            regels.append("Fondsen uit het register die passen\(voor) (\(met)), de beste eerst:")
            for (i, t) in passend.enumerated() {
                regels.append("\(i + 1). \(t.fonds.naam)" + (t.fonds.website.map { " (\($0))" } ?? ""))
                for u in t.uitleg { regels.append("   \(u)") }
                let contact = [t.fonds.terAttentieVan.map { "t.a.v. \($0)" }, t.fonds.telefoon, t.fonds.email,
                               t.fonds.adres.map { [$0.straat, [$0.postcode, $0.plaats].compactMap { $0 }.joined(separator: " ")]
                                   .compactMap { $0 }.joined(separator: ", ") }].compactMap { $0 }
                if !contact.isEmpty { regels.append("   contact: " + contact.joined(separator: "; ")) }
            }
        }
        if !alAangevraagd.isEmpty {
            regels.append("")
            regels.append("Al in het dekkingsplan: " + alAangevraagd.map(\.naam).joined(separator: ", ") + ".")
        }
        if !nietPassend.isEmpty {
            regels.append("")
            regels.append("Passen niet:")
            for t in nietPassend {
                regels.append("- \(t.fonds.naam): " + t.uitleg.filter { u in t.redenen.contains { u.hasPrefix($0.rawValue + ":") } }
                    .joined(separator: "; "))
            }
        }
        return regels.joined(separator: "\n") + "\n"
    }
}
