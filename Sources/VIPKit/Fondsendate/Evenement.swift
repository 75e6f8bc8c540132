import Foundation
import VIPModel

/// A fund speed-date (`vip-fondsendate/1`), as read from its YAML file.
public struct Evenement: Sendable {
    public static let formaat = "vip-fondsendate/1"

    public var titel: String
    public var datum: Datum?
    public var locatie: String?
    /// Start of the first round, in minutes after midnight.
    public var aanvang: Int
    /// Minutes per conversation (> 0).
    public var rondeduur: Int
    /// Minutes between rounds (≥ 0).
    public var wisseltijd: Int
    /// The most rounds the afternoon has room for; nil = no limit.
    public var maxRondes: Int?
    /// Conversations per project (≥ 1).
    public var maxGesprekken: Int
    public var fondsen: [Fonds]
    public var projecten: [Project]
    /// The event file as named by the user, for messages.
    public var bestand: String
    /// Where `aanvang` stands in the event file, for the midnight error.
    public var aanvangMark: SourceMark? = nil

    /// A fund attending the speed-date.
    public struct Fonds: Sendable {
        public var naam: String
        public var vertegenwoordigers: [String] = []
        public var doelstelling: String?
        public var thema: [String] = []
        /// Places or regions; `landelijk` means the whole country.
        public var regio: [String] = []
        public var bedragMin: Bedrag?
        public var bedragMax: Bedrag?
        public var tafels: Int = 1
        public var mark: SourceMark?

        public init(naam: String, vertegenwoordigers: [String] = [], doelstelling: String? = nil,
                    thema: [String] = [], regio: [String] = [], bedragMin: Bedrag? = nil,
                    bedragMax: Bedrag? = nil, tafels: Int = 1) {
            self.naam = naam
            self.vertegenwoordigers = vertegenwoordigers
            self.doelstelling = doelstelling
            self.thema = thema
            self.regio = regio
            self.bedragMin = bedragMin
            self.bedragMax = bedragMax
            self.tafels = tafels
        }
    }

    /// A project that asks to present.
    public struct Project: Sendable {
        /// The path as written, relative to the event file.
        public var aanvraag: String
        /// The docent's approval; absent counts as not approved.
        public var acceptabel: Bool
        public var presentatoren: [String] = []
        public var mark: SourceMark?

        public init(aanvraag: String, acceptabel: Bool, presentatoren: [String] = []) {
            self.aanvraag = aanvraag
            self.acceptabel = acceptabel
            self.presentatoren = presentatoren
        }
    }

    /// The folder of the event file, against which `aanvraag` paths are resolved.
    public var map: String {
        let dir = (bestand as NSString).deletingLastPathComponent
        return dir.isEmpty ? "." : dir
    }

    /// The file system path of a project's aanvraag.
    public func pad(van project: Project) -> String {
        (map as NSString).appendingPathComponent(project.aanvraag)
    }

    /// `aanvang` as `14:00`.
    public var aanvangTekst: String { Tijd.tekst(aanvang) }

    /// End of the last of `rondes` rounds, minutes after midnight of the event's day:
    /// aanvang + rondes · rondeduur + (rondes − 1) · wisseltijd (no change after the last round).
    public func einde(rondes: Int) -> Int {
        aanvang + rondes * rondeduur + max(0, rondes - 1) * wisseltijd
    }

    /// The speed-date must end by midnight (24:00 is allowed): the schedule, the agendas and
    /// the CSV give clock times of one day. Refused with a reading error at `aanvang`, the
    /// time every round is counted from. `rondes` is `max_rondes` when the file gives it
    /// (checked while reading), otherwise the rounds the schedule needs (checked after planning).
    public func middernachtFout(rondes: Int) -> LeesFout? {
        guard rondes > 0, einde(rondes: rondes) > 24 * 60 else { return nil }
        let eind = einde(rondes: rondes)
        let dag = eind / (24 * 60) == 1 ? "de volgende dag" : "\(eind / (24 * 60)) dagen later"
        let tot = "tot \(Tijd.tekst(eind)) \(dag)"
        let melding: String
        if rondes == 1 {
            melding = "de eerste ronde van \(rondeduur) minuten, vanaf \(aanvangTekst), duurt \(tot). "
                + "Begin eerder of maak de rondes korter."
        } else {
            let bron = maxRondes == nil ? "die het schema nodig heeft" : "(max_rondes)"
            let wissel = wisseltijd > 0 ? " met \(wisseltijd) minuten wisseltijd" : ""
            melding = "de \(rondes) rondes \(bron) van \(rondeduur) minuten\(wissel), vanaf \(aanvangTekst), "
                + "duren \(tot). Begin eerder, maak de rondes"
                + (wisseltijd > 0 ? " of de wisseltijd korter" : " korter")
                + (maxRondes == nil ? " of beperk het aantal rondes met `max_rondes`." : " of verlaag `max_rondes`.")
        }
        return LeesFout(bestand: bestand, mark: aanvangMark, pad: "evenement.aanvang",
                        melding: "De speeddate loopt over middernacht heen: " + melding)
    }
}

/// Clock times in minutes after midnight.
public enum Tijd {
    /// `HH:MM`; times past midnight wrap (an event ends by 24:00, which is written `00:00`).
    public static func tekst(_ minuten: Int) -> String {
        let m = ((minuten % 1440) + 1440) % 1440
        let h = m / 60, rest = m % 60
        return (h < 10 ? "0\(h)" : "\(h)") + ":" + (rest < 10 ? "0\(rest)" : "\(rest)")
    }

    /// Parses `14:00` or `9:30`; nil unless hours 0…23 and minutes 00…59.
    public static func parse(_ s: String) -> Int? {
        let parts = s.trimmedText.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m) else {
            return nil
        }
        return h * 60 + m
    }
}

/// Reads `vip-fondsendate/1` with the same standard as aanvragen: every problem is a
/// `LeesFout` with file, line, column and path, unknown keys get a suggestion.
public enum EvenementReader {
    public static let topKeys = ["formaat", "evenement", "fondsen", "projecten"]
    public static let evenementKeys = ["titel", "datum", "locatie", "aanvang", "rondeduur", "wisseltijd",
                                       "max_rondes", "max_gesprekken"]
    public static let fondsKeys = ["naam", "vertegenwoordigers", "doelstelling", "thema", "regio", "bedrag", "tafels"]
    public static let projectKeys = ["aanvraag", "acceptabel", "presentatoren"]

    public static func read(path: String, limits: ReadLimits = .standard) throws(LeesFout) -> Evenement {
        let bytes = try InputFile.read(path: path, limits: limits)
        return try parse(bytes, bestand: path, limits: limits)
    }

    public static func parse(_ text: String, bestand: String = "fondsendate.yaml") throws(LeesFout) -> Evenement {
        try parse(Array(text.utf8), bestand: bestand)
    }

    public static func parse(_ bytes: [UInt8], bestand: String, limits: ReadLimits = .standard) throws(LeesFout) -> Evenement {
        try InputFile.checkText(bytes, bestand: bestand, limits: limits)
        guard let root = try YAMLTree.compose(bytes, bestand: bestand, limits: limits), !root.isNull else {
            throw LeesFout(bestand: bestand, mark: nil, melding: "Het bestand is leeg.")
        }
        return try decode(root, bestand: bestand)
    }

    static func decode(_ root: YNode, bestand: String, extraKeys: [String] = []) throws(LeesFout) -> Evenement {
        var r = NodeReader(bestand: bestand)
        guard case .mapping(let pairs) = root.kind else {
            throw r.error(root, "", "Een speeddate-bestand is een blok met velden, te beginnen met "
                + "`formaat: \(Evenement.formaat)`.")
        }
        // The format first: an aanvraag given by mistake should say so, not list its keys as unknown.
        guard let f = pairs.first(where: { $0.key == "formaat" }) else {
            throw LeesFout(bestand: bestand, mark: root.mark, pad: "formaat",
                           melding: "Het veld `formaat: \(Evenement.formaat)` ontbreekt bovenaan; "
                               + "daaraan herkent vip een speeddate met fondsen.")
        }
        let formaat = try r.text(f.value, "formaat")
        guard formaat == Evenement.formaat else {
            var melding = "Onbekend formaat `\(formaat ?? "")`: `vip fondsendate` leest `\(Evenement.formaat)`."
            if formaat == Aanvraag.formaat {
                melding += " Dit is een aanvraag; geef het bestand van de speeddate op, dat naar de aanvragen verwijst."
            }
            throw r.error(f.value, "formaat", melding)
        }
        guard let top = try r.mapping(root, "", keys: topKeys + extraKeys, what: "een speeddate") else {
            throw r.error(root, "", "Het bestand is leeg.")
        }

        guard let e = try r.mapping(top["evenement"], "evenement", keys: evenementKeys, what: "het evenement") else {
            throw LeesFout(bestand: bestand, mark: root.mark, pad: "evenement",
                           melding: "Het blok `evenement:` ontbreekt (titel, datum, aanvang, rondeduur, wisseltijd).")
        }
        func verplicht<T>(_ value: T?, _ key: String, _ uitleg: String) throws(LeesFout) -> T {
            guard let value else {
                throw LeesFout(bestand: bestand, mark: e[key]?.mark ?? r.marks["evenement"], pad: e.path(key),
                               melding: "Het veld `\(key)` ontbreekt of is leeg: \(uitleg)")
            }
            return value
        }
        let titel = try verplicht(try r.text(e["titel"], e.path("titel")), "titel",
                                  "geef de naam van de middag, zoals `titel: Speeddate met fondsen`.")
        let datum = try r.datum(e["datum"], e.path("datum"))
        let locatie = try r.text(e["locatie"], e.path("locatie"))
        let aanvangTekst = try verplicht(try r.text(e["aanvang"], e.path("aanvang")), "aanvang",
                                         "geef de begintijd van de eerste ronde, zoals `aanvang: \"14:00\"`.")
        guard let aanvang = Tijd.parse(aanvangTekst) else {
            throw r.error(e["aanvang"], e.path("aanvang"), "Verwacht een tijd als uu:mm, zoals \"14:00\" "
                + "(tussen aanhalingstekens); er staat \"\(aanvangTekst)\".")
        }
        let rondeduur = try verplicht(try r.geheel(e["rondeduur"], e.path("rondeduur")), "rondeduur",
                                      "geef het aantal minuten per gesprek, zoals `rondeduur: 10`.")
        guard rondeduur > 0, rondeduur <= 24 * 60 else {
            throw r.error(e["rondeduur"], e.path("rondeduur"),
                          "Een ronde duurt minstens 1 minuut en hoogstens een dag; er staat \(rondeduur).")
        }
        let wisseltijd = try r.geheel(e["wisseltijd"], e.path("wisseltijd")) ?? 0
        guard wisseltijd <= 24 * 60 else {
            throw r.error(e["wisseltijd"], e.path("wisseltijd"), "De wisseltijd is langer dan een dag; er staat \(wisseltijd).")
        }
        let maxRondes = try r.geheel(e["max_rondes"], e.path("max_rondes"))
        if let maxRondes, maxRondes < 1 || maxRondes > 1000 {
            throw r.error(e["max_rondes"], e.path("max_rondes"),
                          "Verwacht minstens 1 ronde (en hoogstens 1000); er staat \(maxRondes). "
                              + "Laat het veld weg als er geen grens is.")
        }
        let maxGesprekken = try r.geheel(e["max_gesprekken"], e.path("max_gesprekken")) ?? 3
        guard (1...100).contains(maxGesprekken) else {
            throw r.error(e["max_gesprekken"], e.path("max_gesprekken"),
                          "Elk project heeft minstens 1 gesprek (en hoogstens 100); er staat \(maxGesprekken).")
        }

        var namen: [String: SourceMark] = [:]
        let fondsen = try r.list(top["fondsen"], "fondsen", what: "fondsen") {
            (r: inout NodeReader, n: YNode, p: String) throws(LeesFout) -> Evenement.Fonds? in
            guard let f = try r.mapping(n, p, keys: fondsKeys, what: "een fonds") else {
                throw r.error(n, p, "Een leeg fonds: geef minstens `naam:`.")
            }
            guard let naam = try r.text(f["naam"], f.path("naam")) else {
                throw r.error(f["naam"] ?? n, f.path("naam"), "Het veld `naam` van dit fonds ontbreekt of is leeg.")
            }
            let sleutel = Passing.normaal(naam)
            if let eerder = namen[sleutel] {
                throw r.error(f["naam"], f.path("naam"), "Het fonds \"\(naam)\" staat twee keer in de lijst "
                    + "(eerder op regel \(eerder.line)). Laat er één over en geef het meer `tafels`.")
            }
            namen[sleutel] = f["naam"]?.mark ?? n.mark
            var fonds = Evenement.Fonds(naam: naam)
            fonds.mark = n.mark
            fonds.vertegenwoordigers = try r.textList(f["vertegenwoordigers"], f.path("vertegenwoordigers"))
            fonds.doelstelling = try r.text(f["doelstelling"], f.path("doelstelling"))
            fonds.thema = try r.textList(f["thema"], f.path("thema"))
            fonds.regio = try r.textList(f["regio"], f.path("regio"))
            if let b = try r.mapping(f["bedrag"], f.path("bedrag"), keys: ["min", "max"], what: "een bedragbereik") {
                fonds.bedragMin = try r.bedrag(b["min"], b.path("min"))
                fonds.bedragMax = try r.bedrag(b["max"], b.path("max"))
                if let lo = fonds.bedragMin, lo < .zero {
                    throw r.error(b["min"], b.path("min"), "Een bedrag kan niet negatief zijn; er staat \(lo).")
                }
                if let lo = fonds.bedragMin, let hi = fonds.bedragMax, hi < lo {
                    throw r.error(b["max"], b.path("max"), "Het maximum (\(hi)) is kleiner dan het minimum (\(lo)).")
                }
            }
            let tafels = try r.geheel(f["tafels"], f.path("tafels")) ?? 1
            guard (1...100).contains(tafels) else {
                throw r.error(f["tafels"], f.path("tafels"),
                              "Een fonds heeft minstens 1 tafel (en hoogstens 100); er staat \(tafels).")
            }
            fonds.tafels = tafels
            return fonds
        }

        var paden: [String: SourceMark] = [:]
        let projecten = try r.list(top["projecten"], "projecten", what: "projecten") {
            (r: inout NodeReader, n: YNode, p: String) throws(LeesFout) -> Evenement.Project? in
            guard let f = try r.mapping(n, p, keys: projectKeys, what: "een project") else {
                throw r.error(n, p, "Een leeg project: geef minstens `aanvraag:` met het pad naar het aanvraagbestand.")
            }
            guard let pad = try aanvraagPad(r, f["aanvraag"], f.path("aanvraag")) else {
                throw r.error(f["aanvraag"] ?? n, f.path("aanvraag"),
                              "Het veld `aanvraag` ontbreekt: geef het pad naar het aanvraagbestand, "
                                  + "vanaf de map van dit bestand.")
            }
            // `a.yaml` and `./a.yaml` are the same file.
            let sleutel = pad.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
            if let eerder = paden[sleutel] {
                throw r.error(f["aanvraag"], f.path("aanvraag"), "De aanvraag \(pad) staat twee keer in de lijst "
                    + "(eerder op regel \(eerder.line)).")
            }
            paden[sleutel] = f["aanvraag"]?.mark ?? n.mark
            var project = Evenement.Project(aanvraag: pad, acceptabel: try r.ja(f["acceptabel"], f.path("acceptabel")) ?? false)
            project.mark = n.mark
            project.presentatoren = try r.textList(f["presentatoren"], f.path("presentatoren"))
            return project
        }

        var evenement = Evenement(titel: titel, datum: datum, locatie: locatie, aanvang: aanvang, rondeduur: rondeduur,
                                  wisseltijd: wisseltijd, maxRondes: maxRondes, maxGesprekken: maxGesprekken,
                                  fondsen: fondsen, projecten: projecten, bestand: bestand)
        evenement.aanvangMark = e["aanvang"]?.mark
        // Late speed-dates: with `max_rondes` the most rounds are known now, before any
        // aanvraag is read; without it, `Speeddate` checks the rounds the schedule needs.
        // Even one round must fit in the day.
        if let fout = evenement.middernachtFout(rondes: maxRondes ?? 1) { throw fout }
        return evenement
    }

    /// A path relative to the event file that stays in its folder or below: the organiser
    /// keeps the event and its aanvragen together, and a speed-date file passed around
    /// cannot make vip read (and print parts of) files elsewhere on the machine.
    static func aanvraagPad(_ r: NodeReader, _ node: YNode?, _ pad: String) throws(LeesFout) -> String? {
        guard let p = try r.text(node, pad) else { return nil }
        let parts = p.split(separator: "/")
        if p.hasPrefix("/") || p.hasPrefix("~") || parts.contains("..") || p.contains("\\") {
            throw r.error(node, pad, "De aanvraag \"\(p)\" moet in de map van dit bestand staan (of een submap daarvan); "
                + "schrijf een pad zonder `/` vooraan en zonder `..`, zoals `aanvragen/project.yaml`.")
        }
        return p
    }
}
