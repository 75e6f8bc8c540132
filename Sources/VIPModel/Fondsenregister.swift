import Foundation

/// A register of funds (`vip-fondsenregister/1`, na-het-besluit.md, "The fund register"): where
/// "vermogensfondsen zijn te vinden" (Fondsenboek, Fondsendisk, FIN; L7998–8007), each with
/// its own aims, region, amount range and procedure.
public struct Fondsenregister: Sendable, Equatable {
    public static let formaat = "vip-fondsenregister/1"

    public var fondsen: [Fonds]
    /// The file it was read from, for messages.
    public var bestand: String

    public init(fondsen: [Fonds] = [], bestand: String = "") {
        self.fondsen = fondsen
        self.bestand = bestand
    }

    /// When a fund takes aanvragen.
    public enum Aanvragen: Sendable, Equatable {
        case doorlopend
        /// On these closing dates.
        case sluitingsdata([Datum])
    }

    public struct Fonds: Sendable, Equatable {
        public var naam: String
        public var website: String?
        public var adres: Adres?
        public var terAttentieVan: String?
        public var aanhef: String?
        public var telefoon: String?
        public var email: String?
        public var doelstelling: String?
        public var themas: [String] = []
        /// Places or provinces; `landelijk` means the whole country (as in `vip-fondsendate/1`).
        public var regio: [String] = []
        public var bedragMin: Bedrag?
        public var bedragMax: Bedrag?
        /// Weeks from aanvraag to besluit.
        public var beslistermijnWeken: Int?
        public var aanvragen: Aanvragen?
        /// Costs the fund does not pay for ("structurele kosten", "personeel").
        public var nietVoor: [String] = []
        public var voorwaarden: [String] = []
        /// Where the fund stands in the file.
        public var mark: SourceMark?

        public init(naam: String) { self.naam = naam }

        /// The amount lies in the fund's range: min ≤ bedrag ≤ max; a missing bound does not limit.
        public func bedragPast(_ bedrag: Bedrag) -> Bool {
            if let bedragMin, bedrag < bedragMin { return false }
            if let bedragMax, bedragMax < bedrag { return false }
            return true
        }

        /// The fund decides in time: `datum` plus its beslistermijn falls before `start`. Without a
        /// beslistermijn or a start nothing can be said, and the fund is not ruled out.
        public func besluitVoor(_ start: Datum?, aangevraagdOp datum: Datum) -> Bool {
            guard let start, let weken = beslistermijnWeken else { return true }
            return datum.dayNumber + weken * 7 < start.dayNumber
        }

        /// The fund as an entry of an aanvraag's `fondsen`: a fund found in the register, added in one step.
        public var alsAanvraagfonds: VIPModel.Fonds {
            VIPModel.Fonds(naam: naam, terAttentieVan: terAttentieVan, aanhef: aanhef, adres: adres,
                           doelstelling: doelstelling)
        }

        /// "€ 1.000,00 tot € 25.000,00", "vanaf € 500,00", "tot € 5.000,00"; nil without a range.
        public var bereik: String? {
            switch (bedragMin, bedragMax) {
            case let (lo?, hi?): return "\(lo) tot \(hi)"
            case let (lo?, nil): return "vanaf \(lo)"
            case let (nil, hi?): return "tot \(hi)"
            default: return nil
            }
        }
    }

    /// The fund with this name (compared as `Regio.normaal`: case, accents and spaces do not count).
    public func fonds(_ naam: String) -> Fonds? {
        let sleutel = Regio.normaal(naam)
        return fondsen.first { Regio.normaal($0.naam) == sleutel }
    }
}

/// Where a fund works and a project takes place (the rule of `vip fondsendate`, fondsendate.md):
/// a fund's region fits when one of its entries is `landelijk`, or occurs in the project's `regio`
/// as whole words ("Arnhem" fits "Arnhem Presikhaaf", "Delft" does not fit "Delftshaven").
public enum Regio {
    /// Lower case, accents removed, white space collapsed.
    public static func normaal(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "nl_NL"))
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Words of a text: maximal runs of letters and digits, normalised.
    public static func woorden(_ s: String) -> [String] {
        normaal(s).split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    public static func isLandelijk(_ regio: String) -> Bool { woorden(regio) == ["landelijk"] }

    /// Whether one of the fund's regions names a place that occurs (as whole words) in `projectRegio`.
    public static func noemtPlaats(fonds: [String], project projectRegio: String?) -> Bool {
        !genoemdePlaatsen(fonds: fonds, project: projectRegio).isEmpty
    }

    /// The fund's regions (as the fund writes them) that occur, as whole words, in `projectRegio`.
    public static func genoemdePlaatsen(fonds: [String], project projectRegio: String?) -> [String] {
        let projectWoorden = woorden(projectRegio ?? "")
        return fonds.filter { regio in
            let w = woorden(regio)
            guard !isLandelijk(regio), !w.isEmpty, w.count <= projectWoorden.count else { return false }
            return (0...(projectWoorden.count - w.count)).contains { Array(projectWoorden[$0..<($0 + w.count)]) == w }
        }
    }

    /// Whether one of the fund's regions is `landelijk` or names a place in `projectRegio`.
    public static func past(fonds: [String], project projectRegio: String?) -> Bool {
        fonds.contains(where: isLandelijk) || noemtPlaats(fonds: fonds, project: projectRegio)
    }

    /// The fund's themes (as the fund writes them) that the project shares, compared normalised.
    public static func gedeeldeThemas(_ fonds: [String], _ project: [String]) -> [String] {
        let p = Set(project.map(normaal))
        var gezien = Set<String>()
        return fonds.filter { p.contains(normaal($0)) && gezien.insert(normaal($0)).inserted }
    }
}

/// Reads a `vip-fondsenregister/1` file, with the same care as the aanvraag reader: every error
/// names the file, the line and column, and the path.
public enum FondsenregisterReader {
    public static let topKeys = ["formaat", "fondsen"]
    public static let fondsKeys = ["naam", "website", "adres", "ter_attentie_van", "aanhef", "telefoon", "email",
                                   "doelstelling", "themas", "regio", "bedrag", "beslistermijn_weken", "aanvragen",
                                   "niet_voor", "voorwaarden"]

    public static func read(path: String, limits: ReadLimits = .standard) throws(LeesFout) -> Fondsenregister {
        let bytes = try InputFile.read(path: path, limits: limits)
        return try parse(bytes, bestand: path, limits: limits)
    }

    public static func parse(_ text: String, bestand: String = "fondsenregister.yaml") throws(LeesFout) -> Fondsenregister {
        try parse(Array(text.utf8), bestand: bestand)
    }

    public static func parse(_ bytes: [UInt8], bestand: String, limits: ReadLimits = .standard) throws(LeesFout) -> Fondsenregister {
        try InputFile.checkText(bytes, bestand: bestand, limits: limits)
        guard let root = try YAMLTree.compose(bytes, bestand: bestand, limits: limits), !root.isNull else {
            throw LeesFout(bestand: bestand, mark: nil, melding: "Het bestand is leeg.")
        }
        return try decode(root, bestand: bestand)
    }

    static func decode(_ root: YNode, bestand: String) throws(LeesFout) -> Fondsenregister {
        var r = NodeReader(bestand: bestand)
        guard case .mapping(let pairs) = root.kind else {
            throw r.error(root, "", "Een fondsenregister is een blok met velden, te beginnen met "
                + "`formaat: \(Fondsenregister.formaat)`.")
        }
        // The format first: an aanvraag given by mistake should say so, not list its keys as unknown.
        guard let f = pairs.first(where: { $0.key == "formaat" }) else {
            throw LeesFout(bestand: bestand, mark: root.mark, pad: "formaat",
                           melding: "Het veld `formaat: \(Fondsenregister.formaat)` ontbreekt bovenaan; "
                               + "daaraan herkent vip een fondsenregister.")
        }
        let formaat = try r.text(f.value, "formaat")
        guard formaat == Fondsenregister.formaat else {
            var melding = "Onbekend formaat `\(formaat ?? "")`: hier hoort een fondsenregister, `\(Fondsenregister.formaat)`."
            if formaat == Aanvraag.formaat { melding += " Dit is een aanvraag; geef het register op met `--register`." }
            throw r.error(f.value, "formaat", melding)
        }
        guard let top = try r.mapping(root, "", keys: topKeys, what: "een fondsenregister") else {
            throw r.error(root, "", "Het bestand is leeg.")
        }
        var namen: [String: SourceMark] = [:]
        let fondsen = try r.list(top["fondsen"], "fondsen", what: "fondsen") {
            (r: inout NodeReader, n: YNode, p: String) throws(LeesFout) -> Fondsenregister.Fonds? in
            guard let f = try r.mapping(n, p, keys: fondsKeys, what: "een fonds") else {
                throw r.error(n, p, "Een leeg fonds: geef minstens `naam:`.")
            }
            guard let naam = try r.text(f["naam"], f.path("naam")) else {
                throw r.error(f["naam"] ?? n, f.path("naam"), "Het veld `naam` van dit fonds ontbreekt of is leeg.")
            }
            let sleutel = Regio.normaal(naam)
            if let eerder = namen[sleutel] {
                throw r.error(f["naam"], f.path("naam"), "Het fonds \"\(naam)\" staat twee keer in het register "
                    + "(eerder op regel \(eerder.line)). Laat er één over.")
            }
            namen[sleutel] = f["naam"]?.mark ?? n.mark
            var fonds = Fondsenregister.Fonds(naam: naam)
            fonds.mark = n.mark
            fonds.website = try r.text(f["website"], f.path("website"))
            if let a = try r.mapping(f["adres"], f.path("adres"), keys: ["straat", "postcode", "plaats"], what: "een adres") {
                fonds.adres = Adres(straat: try r.text(a["straat"], a.path("straat")),
                                    postcode: try r.text(a["postcode"], a.path("postcode")).map(Postcode.normalise),
                                    plaats: try r.text(a["plaats"], a.path("plaats")))
            }
            fonds.terAttentieVan = try r.text(f["ter_attentie_van"], f.path("ter_attentie_van"))
            fonds.aanhef = try r.text(f["aanhef"], f.path("aanhef"))
            fonds.telefoon = try r.text(f["telefoon"], f.path("telefoon"))
            fonds.email = try r.text(f["email"], f.path("email"))
            fonds.doelstelling = try r.text(f["doelstelling"], f.path("doelstelling"))
            fonds.themas = try r.textList(f["themas"], f.path("themas"))
            fonds.regio = try r.textList(f["regio"], f.path("regio"))
            if let b = try r.mapping(f["bedrag"], f.path("bedrag"), keys: ["min", "max"], what: "een bedragbereik") {
                fonds.bedragMin = try r.bedrag(b["min"], b.path("min"))
                fonds.bedragMax = try r.bedrag(b["max"], b.path("max"))
                for (sleutel, bedrag) in [("min", fonds.bedragMin), ("max", fonds.bedragMax)] {
                    if let bedrag, bedrag < .zero {
                        throw r.error(b[sleutel], b.path(sleutel), "Een bedrag kan niet negatief zijn; er staat \(bedrag).")
                    }
                }
                if let lo = fonds.bedragMin, let hi = fonds.bedragMax, hi < lo {
                    throw r.error(b["max"], b.path("max"), "Het maximum (\(hi)) is kleiner dan het minimum (\(lo)).")
                }
            }
            if let weken = try r.geheel(f["beslistermijn_weken"], f.path("beslistermijn_weken")) {
                guard (0...520).contains(weken) else {
                    throw r.error(f["beslistermijn_weken"], f.path("beslistermijn_weken"),
                                  "Verwacht een aantal weken tussen 0 en 520; er staat \(weken).")
                }
                fonds.beslistermijnWeken = weken
            }
            fonds.aanvragen = try aanvragen(&r, f["aanvragen"], f.path("aanvragen"))
            fonds.nietVoor = try r.textList(f["niet_voor"], f.path("niet_voor"))
            fonds.voorwaarden = try r.textList(f["voorwaarden"], f.path("voorwaarden"))
            return fonds
        }
        return Fondsenregister(fondsen: fondsen, bestand: bestand)
    }

    /// `doorlopend`, or a list of closing dates.
    static func aanvragen(_ r: inout NodeReader, _ node: YNode?, _ pad: String) throws(LeesFout) -> Fondsenregister.Aanvragen? {
        guard let node, !node.isNull else { return nil }
        if case .scalar = node.kind {
            let t = try r.text(node, pad)
            guard t?.lowercased() == "doorlopend" else {
                throw r.error(node, pad, "Verwacht `doorlopend` of een lijst met sluitingsdata (zoals `[2026-03-01, "
                    + "2026-09-01]`); er staat \"\(t ?? "")\".")
            }
            return .doorlopend
        }
        let data = try r.list(node, pad, what: "sluitingsdata") { (r: inout NodeReader, n: YNode, p: String) throws(LeesFout) in
            try r.datum(n, p)
        }
        return .sluitingsdata(data.sorted())
    }
}
