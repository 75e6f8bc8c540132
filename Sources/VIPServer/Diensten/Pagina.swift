import VIPChecklist
import VIPModel

/// One page of the aanvraag in the browser: a part of the course with the fields of the
/// field table it holds. The table decides what each field is (label, question, kind,
/// choices); this list only groups them in the order of the course. A test holds that every
/// field of the table stands on exactly one page.
struct Pagina: Sendable {
    /// The last segment of the page's address: `/aanvragen/3/hoofdlijnen`.
    var slug: String
    var titel: String
    /// The course's question for the whole part.
    var vraag: String
    /// Paths in the field table (`project.doelgroep.omschrijving`, `begroting`); a section or
    /// list brings all its fields.
    var velden: [String]
    /// Projectplan parts are numbered as in the projectplan.
    var groep: Groep
    /// Fields of the entries of a list that stands on another page, which this page also sets for
    /// the entries that exist (`dekkingsplan[].besluit_op`): the page never adds or removes an entry.
    var losseVelden: [String] = []

    enum Groep: String, Sendable { case aanvraag, projectplan, naHetBesluit, afronding }

    init(_ slug: String, _ titel: String, _ vraag: String, _ velden: [String], groep: Groep = .aanvraag,
         losseVelden: [String] = []) {
        self.slug = slug
        self.titel = titel
        self.vraag = vraag
        self.velden = velden
        self.groep = groep
        self.losseVelden = losseVelden
    }

    /// The pages in the order of the course: the hoofdlijnen (bijeenkomst 2), the begroting (3),
    /// the organisation and the twelve parts of the projectplan (4), dekkingsplan and bijlagen (4),
    /// fondsen and brief (5).
    static let alle: [Pagina] = [
        Pagina("hoofdlijnen", "Hoofdlijnen", "Wat gaat u doen, voor wie, met wie, hoe, en met welk resultaat?",
               ["project.titel", "project.samenvatting", "project.aanleiding", "project.doel",
                "project.doelgroep.omschrijving", "project.doelgroep.problematiek", "project.werkwijze.omschrijving",
                "project.partners", "project.resultaten"]),
        Pagina("begroting", "Begroting", "Wat kost het project?", ["begroting"]),
        Pagina("organisatie", "Organisatie", "Wie bent u, en wat doet uw organisatie?", ["organisatie"]),
        Pagina("deskundigheid", "Deskundigheid", "Wat hebben wij in huis om dit project succesvol aan te pakken?",
               ["project.deskundigheid"], groep: .projectplan),
        Pagina("doelgroep", "Doelgroep en problematiek", "Voor wie is het project, en wie heeft er profijt van?",
               ["project.doelgroep.onderbouwing", "project.doelgroep.omvang", "project.profijtgroep",
                "project.instroom", "project.doorstroom", "project.uitstroom"], groep: .projectplan),
        Pagina("activiteiten", "Activiteiten", "Wat gaat u doen, door wie, hoeveel uur, wanneer?",
               ["project.activiteiten"], groep: .projectplan),
        Pagina("werkwijze", "Werkwijze en uitvoering",
               "Welke werkwijze gebruikt u en waarom, wie voert uit en wie is eindverantwoordelijk?",
               ["project.werkwijze.motivering", "project.aanpak", "project.projectleider",
                "project.eindverantwoordelijke"], groep: .projectplan),
        Pagina("positionering", "Positionering", "Wat is er al, en wat voegt u toe?", ["project.positionering"],
               groep: .projectplan),
        Pagina("planning", "Planning", "Wanneer start het project en wanneer is het klaar?",
               ["project.periode", "project.fasering"], groep: .projectplan),
        Pagina("thema", "Thema’s en regio", "Bij welke thema’s past het project, en waar vindt het plaats?",
               ["project.thema", "project.regio"], groep: .projectplan),
        Pagina("evaluatie", "Evaluatie", "Hoe, wanneer en door wie wordt het project geëvalueerd?",
               ["project.evaluatie"], groep: .projectplan),
        Pagina("verslaglegging", "Verslaglegging", "Wie doet verslag, wanneer, en wat doet u met het verslag?",
               ["project.verslaglegging"], groep: .projectplan),
        Pagina("succesfactoren", "Succesfactoren", "Wat maakt het project tot een succes?",
               ["project.succesfactoren"], groep: .projectplan),
        Pagina("faalfactoren", "Faalfactoren", "Waardoor zou het kunnen mislukken?", ["project.faalfactoren"],
               groep: .projectplan),
        Pagina("vervolg", "Vervolgstappen", "Wat zijn de vervolgstappen?", ["project.vervolg"], groep: .projectplan),
        Pagina("dekkingsplan", "Dekkingsplan", "Wie betaalt wat?", ["dekkingsplan"]),
        Pagina("bijlagen", "Bijlagen", "Welke stukken gaan mee met de aanvraag?", ["bijlagen"]),
        Pagina("fondsen", "Fondsen", "Welke fondsen schrijft u aan?", ["fondsen"]),
        Pagina("brief", "Brief", "De begeleidende brief: wie bent u, wat vraagt u, en waarom?", ["brief"]),
        // What each fund decided (the decision keys of the dekkingsplan entries), and the realisatie.
        Pagina("na-het-besluit", "Na het besluit",
               "Wat hebben de fondsen besloten, wat is er met het geld gedaan, wat is bereikt, en wat ging goed of kan beter?",
               ["realisatie"], groep: .naHetBesluit,
               losseVelden: besluitvelden.map { "dekkingsplan[].\($0)" }),
        Pagina("woordenlijst", "Woordenlijst en bewuste keuzes",
               "Welke woorden kent de spellingcontrole niet, en welke meldingen laat u bewust staan?",
               ["woordenlijst", "negeer"], groep: .afronding),
    ]

    /// What a fund decided, per dekkingsplan entry (the field table's keys after the decision).
    static let besluitvelden = ["status", "aangevraagd_op", "besluit_op", "toegezegd_bedrag", "kenmerk",
                                "verantwoording_voor", "voorwaarden", "bedankt_op"]

    static func met(slug: String) -> Pagina? { alle.first { $0.slug == slug } }

    /// The fields of the table on this page.
    var tabelvelden: [Veld] { velden.compactMap { Veldentabel.aanvraag.veld($0) } }

    /// Whether the page shows the finding at `pad`: its own fields, and its loose fields.
    func toont(_ pad: String) -> Bool {
        Pagina.van(pad)?.slug == slug || losseVelden.contains(Veldentabel.zonderIndex(pad))
    }

    /// Whether the table path `pad` (without indices) is on this page, or inside a field of it.
    func bevat(_ pad: String) -> Bool {
        velden.contains { pad == $0 || pad.hasPrefix($0 + ".") || pad.hasPrefix($0 + "[") }
    }

    /// The page a finding at `pad` belongs to: the page holding that field; for a section split
    /// over pages (`project.doelgroep`), the first page with a field inside it; nil for the
    /// aanvraag as a whole.
    static func van(_ pad: String) -> Pagina? {
        let p = Veldentabel.zonderIndex(pad)
        if p.isEmpty { return nil }
        return alle.first { $0.bevat(p) } ?? alle.first { $0.velden.contains { $0.hasPrefix(p + ".") } }
    }
}

/// A finding as a person reads it, on a page or in the page script: its severity in words, and
/// its message with field paths named by their labels.
struct Bevindingweergave: Sendable, Encodable {
    var pad: String
    /// The page the finding belongs to ("" for none).
    var pagina: String
    var ernst: String
    var ernstLabel: String
    var regel: String
    var melding: String

    /// `wacht`: the bijeenkomst the finding waits for at the course's pace (`Tempo`); it is
    /// then "nog te doen" (`ernst` "te-doen"), not a fout or waarschuwing.
    init(_ b: Bevinding, wacht: Int? = nil) {
        pad = b.pad
        pagina = Pagina.van(b.pad)?.slug ?? ""
        ernst = b.ernst.rawValue
        switch b.ernst {
        case .fout: ernstLabel = "Fout"
        case .waarschuwing: ernstLabel = "Waarschuwing"
        case .tip: ernstLabel = "Tip"
        }
        if let n = wacht {
            ernst = "te-doen"
            ernstLabel = "Nog te doen (bijeenkomst \(n))"
        }
        regel = b.regel
        melding = Self.zonderRichting(Self.leesbaar(b.melding))
    }

    /// A message quotes what the user typed in the middle of its own words; a direction override
    /// in that text (U+202E) would turn the rest of the message around. It is shown as its code.
    static func zonderRichting(_ tekst: String) -> String {
        var uit = ""
        for u in tekst.unicodeScalars {
            if (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value) || u.value == 0x200E
                || u.value == 0x200F {
                uit += "[U+" + String(u.value, radix: 16, uppercase: true) + "]"
            } else {
                uit.unicodeScalars.append(u)
            }
        }
        return uit
    }

    /// Messages and hints are written for the YAML file (`begroting.toelichting`); on a page a
    /// field is named by its label (‘Toelichting op de begroting’), other code as quoted text.
    static func leesbaar(_ tekst: String) -> String {
        guard tekst.contains("`") else { return tekst }
        var uit = ""
        var delen = tekst.split(separator: "`", omittingEmptySubsequences: false)[...]
        var binnen = false
        while let deel = delen.popFirst() {
            if binnen && !delen.isEmpty {
                let s = String(deel)
                let veld = s.contains(".") || s.contains("[") ? Veldentabel.aanvraag.veld(s) : nil
                uit += "‘" + (veld?.label ?? s) + "’"
            } else {
                uit += (binnen ? "`" : "") + deel
            }
            binnen.toggle()
        }
        return uit
    }
}

/// How far one page of the aanvraag is: its fouten and waarschuwingen, and what waits for a
/// later bijeenkomst, in words.
struct Paginastand: Sendable, Encodable {
    var slug: String
    var titel: String
    var fouten: Int
    var waarschuwingen: Int
    /// Findings about empty fields whose bijeenkomst has not passed (`Tempo`).
    var teDoen: Int
    var status: String

    /// Per page of `Pagina.alle`, from the findings of a check at the course's pace.
    static func alle(_ bevindingen: [Bevinding], wachtlijst: Wachtlijst = .geen) -> [Paginastand] {
        var fouten: [String: Int] = [:], waarschuwingen: [String: Int] = [:], teDoen: [String: Int] = [:]
        for b in bevindingen where !b.onderdrukt && b.ernst != .tip {
            let slug = Pagina.van(b.pad)?.slug ?? ""
            if wachtlijst.wacht(b) != nil { teDoen[slug, default: 0] += 1 }
            else if b.ernst == .fout { fouten[slug, default: 0] += 1 }
            else { waarschuwingen[slug, default: 0] += 1 }
        }
        return Pagina.alle.map { p in
            let f = fouten[p.slug] ?? 0, w = waarschuwingen[p.slug] ?? 0, t = teDoen[p.slug] ?? 0
            let status = f > 0 ? "\(f) \(f == 1 ? "fout" : "fouten")"
                : w > 0 ? "\(w) \(w == 1 ? "waarschuwing" : "waarschuwingen")"
                : t > 0 ? "nog te doen" : "in orde"
            return Paginastand(slug: p.slug, titel: p.titel, fouten: f, waarschuwingen: w, teDoen: t, status: status)
        }
    }
}
