/// One fund application (`vip-aanvraag/1`), as read from its YAML file.
///
/// Every field that a participant may not have written yet is optional: a bare draft
/// is a valid `Aanvraag`; what is missing is reported by the checklist, not here.
/// Text fields are nil when empty; lists are empty when absent.
public struct Aanvraag: Sendable, Codable {
    public var formaat: String = Aanvraag.formaat
    public var negeer: [Negeer] = []
    public var woordenlijst: [String] = []
    public var organisatie = Organisatie()
    public var project = Project()
    public var begroting = Begroting()
    public var dekkingsplan: [Dekking] = []
    public var fondsen: [Fonds] = []
    public var bijlagen: [Bijlage] = []
    public var brief = Brief()
    /// What the project really spent, received and reached (na-het-besluit.md); nil before.
    public var realisatie: Realisatie?
    /// Where each path of the input stands in the file.
    public var bron = Bron(bestand: "")
    /// The values of fields that the field table lists and this model has no property for yet:
    /// read, exported and anonymised like every other field (see `Inhoud`).
    public var overige = OverigeVelden()

    public static let formaat = "vip-aanvraag/1"
    public init() {}
}

/// Values of fields of the field table that the model has no property for, by their path of
/// model properties (`project.nieuwVeld`, `fondsen[1].iban`). Not part of the model's own
/// coding: the reader fills it, `Aanvraag.inhoud` puts it back into the tree.
public struct OverigeVelden: Sendable, Equatable, Codable {
    public var waarden: [String: Inhoud] = [:]
    public init(_ waarden: [String: Inhoud] = [:]) { self.waarden = waarden }
    public init(from decoder: any Decoder) throws {}
    public func encode(to encoder: any Encoder) throws {}
    public var isEmpty: Bool { waarden.isEmpty }
    public subscript(pad: String) -> Inhoud? {
        get { waarden[pad] }
        set { waarden[pad] = newValue }
    }
}

public struct Negeer: Sendable, Codable { public var regel: String?; public var reden: String? }

public struct Adres: Sendable, Codable, Equatable {
    public var straat: String?
    public var postcode: String?
    public var plaats: String?
    public init(straat: String? = nil, postcode: String? = nil, plaats: String? = nil) {
        self.straat = straat; self.postcode = postcode; self.plaats = plaats
    }
}

public struct Persoon: Sendable, Codable, Equatable {
    public var naam: String?
    public var functie: String?
}

public struct Contactpersoon: Sendable, Codable {
    public var naam: String?
    public var functie: String?
    public var telefoon: String?
    public var email: String?
    public var bereikbaar: String?
}

public struct Organisatie: Sendable, Codable {
    public var naam: String?
    /// Free text as written; the checklist (`rechtsvorm`) reports other values.
    public var rechtsvorm: String?
    public var doelstelling: String?
    public var opgericht: Datum?
    public var kvk: String?
    public var rsin: String?
    public var anbi: Bool?
    public var iban: String?
    public var adres: Adres?
    public var website: String?
    public var logo: String?
    public var bestuur: [Persoon] = []
    public var contactpersoon: Contactpersoon?

    /// Stichting and vereniging are legal entities with a KvK registration, board, IBAN.
    public var isRechtspersoon: Bool { rechtsvorm == "stichting" || rechtsvorm == "vereniging" }
}

public enum Fase: String, Sendable, CaseIterable, Codable { case ontlasten, empoweren, activeren }
public enum Verhouding: String, Sendable, CaseIterable, Codable { case aanvullend, alternatief }
public enum PartnerStatus: String, Sendable, CaseIterable, Codable {
    case toegezegd, inGesprek = "in-gesprek", beoogd
}

public struct Doelgroep: Sendable, Codable {
    public var omschrijving: String?
    public var problematiek: String?
    public var onderbouwing: [String] = []
    public var omvang: Int?
}

public struct Profijtgroep: Sendable, Codable {
    public var omschrijving: String?
    public var aantal: Int?
}

public struct Werkwijze: Sendable, Codable {
    public var omschrijving: String?
    public var motivering: String?
}

public struct BestaandInitiatief: Sendable, Codable {
    public var naam: String?
    public var wat: String?
}

public struct Positionering: Sendable, Codable {
    public var bestaandeInitiatieven: [BestaandInitiatief] = []
    public var verhouding: Verhouding?
    public var toegevoegdeWaarde: String?
}

public struct Partner: Sendable, Codable {
    public var naam: String?
    public var rol: String?
    public var status: PartnerStatus?
}

public struct Periode: Sendable, Codable {
    public var start: Datum?
    public var eind: Datum?
}

public struct Activiteit: Sendable, Codable {
    public var naam: String?
    public var omschrijving: String?
    public var fase: Fase?
    public var uitvoerders: [String] = []
    public var uren: Hoeveelheid?
    public var start: Datum?
    public var eind: Datum?
}

public struct Resultaat: Sendable, Codable {
    public var resultaat: String?
    public var waarom: String?
}

public struct Evaluatie: Sendable, Codable {
    public var hoe: String?
    public var wanneer: String?
    public var door: String?
}

public struct Verslaglegging: Sendable, Codable {
    public var door: String?
    public var wanneer: String?
    public var gebruik: String?
}

public struct Project: Sendable, Codable {
    public var titel: String?
    public var samenvatting: String?
    public var aanleiding: String?
    public var doel: String?
    public var thema: [String] = []
    public var regio: String?
    public var doelgroep = Doelgroep()
    public var profijtgroep: Profijtgroep?
    public var instroom: String?
    public var doorstroom: String?
    public var uitstroom: String?
    public var aanpak: [Fase] = []
    public var werkwijze = Werkwijze()
    public var deskundigheid: String?
    public var positionering: Positionering?
    public var partners: [Partner] = []
    public var projectleider: String?
    public var eindverantwoordelijke: String?
    public var periode = Periode()
    public var fasering: String?
    public var activiteiten: [Activiteit] = []
    public var resultaten: [Resultaat] = []
    public var succesfactoren: [String] = []
    public var faalfactoren: [String] = []
    public var evaluatie = Evaluatie()
    public var verslaglegging = Verslaglegging()
    public var vervolg: String?
}

public enum Inzet: String, Sendable, CaseIterable, Codable {
    case betaald, proDeo = "pro-deo", eigenVrijwilligers = "eigen-vrijwilligers"

    /// A post without `inzet` is paid (aanvraagformaat.md: "default betaald").
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        self = c.decodeNil() ? .betaald : (Inzet(rawValue: try c.decode(String.self)) ?? .betaald)
    }
}
public enum Onderbouwing: String, Sendable, CaseIterable, Codable { case offerte, berekening, schatting }

public struct Post: Sendable, Codable {
    public var post: String?
    public var categorie: String?
    public var aantal: Hoeveelheid?
    public var eenheid: String?
    public var prijs: Bedrag?
    public var bedrag: Bedrag?
    public var inzet: Inzet = .betaald
    public var onderbouwing: Onderbouwing?
    public var offerte: String?
    public var toelichting: String?

    /// `bedrag`, or `aantal × prijs` (nil when neither can be computed).
    public var berekendBedrag: Bedrag? {
        if let bedrag { return bedrag }
        guard let aantal, let prijs else { return nil }
        return aantal.times(prijs)
    }
}

public struct Begroting: Sendable, Codable {
    public var posten: [Post] = []
    public var toelichting: String?

    /// The sum of all posts (posts without a computable amount count as zero).
    public var totaal: Bedrag {
        posten.reduce(.zero) { $0 + ($1.berekendBedrag ?? .zero) }
    }

    /// Posts grouped by categorie, in order of first appearance.
    public var perCategorie: [(categorie: String, posten: [Post], subtotaal: Bedrag)] {
        var order: [String] = []
        var groups: [String: [Post]] = [:]
        for post in posten {
            let key = post.categorie ?? "overig"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(post)
        }
        return order.map { key in
            let ps = groups[key]!
            return (key, ps, ps.reduce(.zero) { $0 + ($1.berekendBedrag ?? .zero) })
        }
    }
}

public enum Soort: String, Sendable, CaseIterable, Codable {
    case eigenMiddelen = "eigen-middelen", natura, deelnemersbijdrage, sponsor, overheid, overig
}
public enum DekkingStatus: String, Sendable, CaseIterable, Codable { case toegezegd, aangevraagd, verwacht, afgewezen }

/// One line of the dekkingsplan: either a source (`bron` + `soort`) or a fund, with what the
/// source or fund decided (na-het-besluit.md, "The decision, per fund").
public struct Dekking: Sendable, Codable {
    public var bron: String?
    public var soort: Soort?
    public var fonds: String?
    /// The amount asked (or expected).
    public var bedrag: Bedrag?
    public var status: DekkingStatus?
    public var aangevraagdOp: Datum?
    public var besluitOp: Datum?
    /// What the fund gave, when it is not what was asked.
    public var toegezegdBedrag: Bedrag?
    /// The fund's own reference.
    public var kenmerk: String?
    public var verantwoordingVoor: Datum?
    public var voorwaarden: String?
    /// When the bedankbrief was sent.
    public var bedanktOp: Datum?

    /// The name shown in documents.
    public var naam: String { fonds ?? bron ?? "(naamloos)" }
    public var telt: Bool { status != .afgewezen }
    /// The amount the dekking counts: `toegezegd_bedrag` where given, else the amount asked.
    public var geteldBedrag: Bedrag? { toegezegdBedrag ?? bedrag }
    /// Given less than asked: the difference.
    public var minderDanGevraagd: Bedrag? {
        guard let toegezegdBedrag, let bedrag, toegezegdBedrag < bedrag else { return nil }
        return bedrag - toegezegdBedrag
    }
}

extension Aanvraag {
    /// Whether the fund at `index` was refused: its dekkingsplan entry says `afgewezen`. Such a
    /// fund gets no letter (and no letter-length estimate, and is not the review's letter); it
    /// stays in the fondsenlijst with that status.
    public func isAfgewezen(fonds index: Int) -> Bool {
        guard fondsen.indices.contains(index), let naam = fondsen[index].naam else { return false }
        return dekkingsplan.contains { $0.fonds == naam && $0.status == .afgewezen }
    }

    /// The indices of the funds that get a letter, in order.
    public var brieffondsen: [Int] { fondsen.indices.filter { !isAfgewezen(fonds: $0) } }
}

extension Array where Element == Dekking {
    /// The dekking total: all entries except `afgewezen`, each with `toegezegd_bedrag` where given.
    public var totaal: Bedrag {
        reduce(.zero) { $0 + ($1.telt ? ($1.geteldBedrag ?? .zero) : .zero) }
    }

    /// What the counted entries gave less than they were asked, together.
    public var minderDanGevraagd: Bedrag {
        reduce(.zero) { $0 + ($1.telt ? ($1.minderDanGevraagd ?? .zero) : .zero) }
    }
}

public struct Fonds: Sendable, Codable {
    public var naam: String?
    public var terAttentieVan: String?
    public var aanhef: String?
    public var adres: Adres?
    public var doelstelling: String?
}

public enum BijlageSoort: String, Sendable, CaseIterable, Codable {
    case statuten, kvkUittreksel = "kvk-uittreksel", jaarverslag, offerte, overig
}

public struct Bijlage: Sendable, Codable {
    public var titel: String?
    public var soort: BijlageSoort?
    public var bestand: String?
    public var organisatie: String?
    public var toelichting: String?
}

public struct Brief: Sendable, Codable {
    public var plaats: String?
    public var datum: Datum?
    public var inleiding: String?
    public var slot: String?
    public var gecorrigeerdDoor: String?
    public var ondertekening: [Persoon] = []
}

/// The file an aanvraag came from, and where each path stands in it.
public struct Bron: Sendable, Codable {
    public var bestand: String
    public var marks: [String: SourceMark] = [:]
    /// The file's text, to point at a word inside a long field (nil for composed examples).
    public var tekst: String?
    public init(bestand: String) { self.bestand = bestand }

    /// Not a field of the aanvraag: the reader sets it after decoding.
    public init(from decoder: any Decoder) throws { self.init(bestand: "") }
    public func encode(to encoder: any Encoder) throws {}

    /// The line where `woord` first stands as a whole word, at or after `vanaf`
    /// (within the next 200 lines: a field's text block).
    public func regel(van woord: String, vanaf: SourceMark) -> Int? {
        guard let tekst else { return nil }
        var nummer = 0
        for line in tekst.split(separator: "\n", omittingEmptySubsequences: false) {
            nummer += 1
            if nummer < vanaf.line { continue }
            if nummer > vanaf.line + 200 { break }
            var rest = line[...]
            while let r = rest.range(of: woord) {
                let before = r.lowerBound == line.startIndex ? nil : line[line.index(before: r.lowerBound)]
                let after = r.upperBound == line.endIndex ? nil : line[r.upperBound]
                if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return nummer }
                rest = line[r.upperBound...]
            }
        }
        return nil
    }

    /// The mark of `pad`, or of its nearest ancestor that is in the file
    /// (a missing field points at the section that should hold it).
    public func locate(_ pad: String) -> SourceMark? {
        var p = Substring(pad)
        while true {
            if let m = marks[String(p)] { return m }
            guard let cut = p.lastIndex(where: { $0 == "." || $0 == "[" }) else { return marks[""] }
            p = p[..<cut]
        }
    }
}

extension Aanvraag {
    /// The amount asked from fund `naam` in the dekkingsplan.
    public func gevraagd(van naam: String) -> Bedrag? {
        dekkingsplan.first { $0.fonds == naam }?.bedrag
    }
}

/// What the project really spent, received and reached, for the verantwoording
/// (na-het-besluit.md): "stuur later een verslag over het project" (L8999–9008).
public struct Realisatie: Sendable, Codable {
    /// The date the figures are taken at.
    public var peildatum: Datum?
    /// What each begroting post really cost, by the post's exact name.
    public var posten: [Besteding] = []
    /// Costs that were not in the begroting.
    public var extra: [ExtraKosten] = []
    /// What was received, from whom and when.
    public var ontvangen: [Ontvangst] = []
    /// What each planned resultaat reached, by the resultaat's exact text.
    public var resultaten: [Bereikt] = []
    public var verslag: Verslag?

    public init() {}

    /// Nothing filled in: a `realisatie:` with empty fields (as `vip init` writes it) counts as none.
    public var isLeeg: Bool {
        peildatum == nil && posten.isEmpty && extra.isEmpty && ontvangen.isEmpty && resultaten.isEmpty
            && verslag.map { $0.goed == nil && $0.beter == nil && $0.vervolg == nil } ?? true
    }
}

public struct Besteding: Sendable, Codable {
    public var post: String?
    public var werkelijk: Bedrag?
    public var toelichting: String?
}

public struct ExtraKosten: Sendable, Codable {
    public var post: String?
    public var categorie: String?
    public var werkelijk: Bedrag?
    public var toelichting: String?
}

/// Money received: from a fund (`fonds`, as in the dekkingsplan) or another source (`bron`).
public struct Ontvangst: Sendable, Codable {
    public var fonds: String?
    public var bron: String?
    public var bedrag: Bedrag?
    public var datum: Datum?

    /// The dekkingsplan name it was received from.
    public var van: String? { fonds ?? bron }
}

public struct Bereikt: Sendable, Codable {
    public var resultaat: String?
    public var bereikt: String?
}

public struct Verslag: Sendable, Codable {
    /// What went well.
    public var goed: String?
    /// What could be better.
    public var beter: String?
    /// How the project goes on.
    public var vervolg: String?
}

extension Aanvraag {
    /// The realisatie when something is filled in.
    public var gerealiseerd: Realisatie? { realisatie.flatMap { $0.isLeeg ? nil : $0 } }

    /// The dekkingsplan entry of fund `naam` (names compared as written).
    public func dekking(van naam: String) -> Dekking? { dekkingsplan.first { $0.fonds == naam } }

    /// The indices of the funds whose dekkingsplan entry says `toegezegd`, in order.
    public var toegezegdeFondsen: [Int] {
        fondsen.indices.filter { i in
            guard let naam = fondsen[i].naam else { return false }
            return dekkingsplan.contains { $0.fonds == naam && $0.status == .toegezegd }
        }
    }

    /// The indices of the funds that refused, in order.
    public var afgewezenFondsen: [Int] { fondsen.indices.filter { isAfgewezen(fonds: $0) } }
}
