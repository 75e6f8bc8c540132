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

    enum Groep: String, Sendable { case aanvraag, projectplan, afronding }

    init(_ slug: String, _ titel: String, _ vraag: String, _ velden: [String], groep: Groep = .aanvraag) {
        self.slug = slug
        self.titel = titel
        self.vraag = vraag
        self.velden = velden
        self.groep = groep
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
        Pagina("woordenlijst", "Woordenlijst en bewuste keuzes",
               "Welke woorden kent de spellingcontrole niet, en welke meldingen laat u bewust staan?",
               ["woordenlijst", "negeer"], groep: .afronding),
    ]

    static func met(slug: String) -> Pagina? { alle.first { $0.slug == slug } }

    /// The fields of the table on this page.
    var tabelvelden: [Veld] { velden.compactMap { Veldentabel.aanvraag.veld($0) } }

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
