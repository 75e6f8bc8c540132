import VIPDocument
import VIPModel

/// The documents `vip build` adds after the funds' decisions (na-het-besluit.md): a bedankbrief
/// for each fund that gave, a call sheet for each fund that refused, and with a `realisatie` the
/// verantwoording for all and one per fund that gave. They stand beside the package and are
/// not put in `aanvraag-<fonds>.zip`: that zip is the aanvraag as it is sent to a fund; these are
/// sent later, each on its own.
extension Pakket {
    /// The documents, with their names, in this order: bedankbrieven, call sheets, verantwoording.
    public func naHetBesluit(huisstijl stijl: Huisstijl) -> [(naam: String, document: Document)] {
        let a = aanvraag
        let slugs = fondsSlugs
        var docs: [(naam: String, document: Document)] = []
        for i in a.toegezegdeFondsen {
            docs.append((Namen.bedankbrief(slugs[i]), BedankbriefBuilder.document(a, fonds: i, huisstijl: stijl)))
        }
        for i in a.afgewezenFondsen {
            docs.append((Namen.naAfwijzing(slugs[i]),
                         NaAfwijzingBuilder.document(a, fonds: i, huisstijl: stijl, register: opties.register,
                                                     zoekresultaat: zoekresultaat(naAfwijzingVan: i))))
        }
        if a.gerealiseerd != nil {
            docs.append((Namen.verantwoording, VerantwoordingBuilder.document(a, huisstijl: stijl)))
            for i in a.toegezegdeFondsen {
                docs.append((Namen.verantwoording(slugs[i]), VerantwoordingBuilder.document(a, fonds: i, huisstijl: stijl)))
            }
        }
        return docs
    }

    /// The register searched for other funds after fund `index` refused: for the amount that fund
    /// was asked, on `--datum`, else the date of its besluit, else the letter's date (never today:
    /// the same input gives the same sheet).
    public func zoekresultaat(naAfwijzingVan index: Int) -> FondsenZoeker.Resultaat? {
        guard let register = opties.register else { return nil }
        let d = aanvraag.fondsen[index].naam.flatMap(aanvraag.dekking(van:))
        return FondsenZoeker(register: register).zoek(aanvraag, bedrag: d?.bedrag,
                                                      datum: opties.datum ?? d?.besluitOp ?? aanvraag.brief.datum)
    }
}

extension Pakket.Namen {
    /// The letter of thanks to a fund that gave: `bedankbrief-<fonds>`.
    public static func bedankbrief(_ slug: String) -> String { "bedankbrief-\(slug)" }
    /// The call sheet after a fund refused: `na-afwijzing-<fonds>`.
    public static func naAfwijzing(_ slug: String) -> String { "na-afwijzing-\(slug)" }
    /// The verantwoording for all: `verantwoording`.
    public static let verantwoording = "verantwoording"
    /// The verantwoording to one fund that gave: `verantwoording-<fonds>`.
    public static func verantwoording(_ slug: String) -> String { "verantwoording-\(slug)" }
}
