import VIPModel

/// The figures of the verantwoording (na-het-besluit.md), worked out once from the begroting, the
/// dekkingsplan and the realisatie, to the cent: per post and per categorie begroot, werkelijk and
/// the difference; the dekking as promised and as received; each planned resultaat with what was
/// reached. The builder only lays them out.
public struct Verantwoording: Sendable {
    public struct Regel: Sendable {
        public var post: String
        /// nil for a cost that was not in the begroting (`realisatie.extra`).
        public var begroot: Bedrag?
        /// nil when the realisatie does not name the post (yet).
        public var werkelijk: Bedrag?
        public var toelichting: String?
        public var verschil: Bedrag? { werkelijk.map { $0 - (begroot ?? .zero) } }
    }

    public struct Categorie: Sendable {
        public var naam: String
        public var regels: [Regel]
        public var begroot: Bedrag { regels.reduce(.zero) { $0 + ($1.begroot ?? .zero) } }
        public var werkelijk: Bedrag { regels.reduce(.zero) { $0 + ($1.werkelijk ?? .zero) } }
        public var verschil: Bedrag { werkelijk - begroot }
    }

    public struct Dekkingsregel: Sendable {
        public var naam: String
        public var isFonds: Bool
        /// nil for money received that the dekkingsplan does not name.
        public var status: DekkingStatus?
        public var gevraagd: Bedrag?
        /// What was promised: the amount of an entry with status `toegezegd` (`toegezegd_bedrag` where given).
        public var toegezegd: Bedrag?
        /// What was received (nil: nothing recorded).
        public var ontvangen: Bedrag?
        public var ontvangstdata: [Datum]
    }

    public var peildatum: Datum?
    public var categorieen: [Categorie]
    public var dekking: [Dekkingsregel]
    /// Each planned resultaat with what was reached (nil: not filled in), then what was reached
    /// that matches no planned one.
    public var resultaten: [(beoogd: String, bereikt: String?)]
    public var ookBereikt: [(resultaat: String, bereikt: String)]
    public var verslag: Verslag?

    public var begroot: Bedrag { categorieen.reduce(.zero) { $0 + $1.begroot } }
    public var werkelijk: Bedrag { categorieen.reduce(.zero) { $0 + $1.werkelijk } }
    public var verschil: Bedrag { werkelijk - begroot }
    public var toegezegd: Bedrag { dekking.reduce(.zero) { $0 + ($1.toegezegd ?? .zero) } }
    public var ontvangen: Bedrag { dekking.reduce(.zero) { $0 + ($1.ontvangen ?? .zero) } }
    /// Begroting posts the realisatie does not name.
    public var zonderWerkelijk: [String] { categorieen.flatMap(\.regels).filter { $0.werkelijk == nil }.map(\.post) }

    public init(_ a: Aanvraag) {
        let r = a.realisatie ?? Realisatie()
        peildatum = r.peildatum
        verslag = r.verslag

        // Posts per categorie in the begroting's order; a post's werkelijk is the sum of the
        // realisatie entries with its exact name. Extra costs join their categorie, or a new one.
        var werkelijk: [String: Bedrag] = [:]
        var toelichting: [String: String] = [:]
        for p in r.posten {
            guard let naam = p.post else { continue }
            if let w = p.werkelijk { werkelijk[naam] = (werkelijk[naam] ?? .zero) + w }
            if let t = p.toelichting { toelichting[naam] = toelichting[naam].map { $0 + " " + t } ?? t }
        }
        var categorieen = a.begroting.perCategorie.map { groep in
            Categorie(naam: groep.categorie, regels: groep.posten.map { post in
                let naam = post.post ?? ""
                return Regel(post: naam, begroot: post.berekendBedrag ?? .zero, werkelijk: werkelijk[naam],
                             toelichting: toelichting[naam])
            })
        }
        for e in r.extra {
            let regel = Regel(post: e.post ?? "", begroot: nil, werkelijk: e.werkelijk ?? .zero, toelichting: e.toelichting)
            let naam = e.categorie ?? "overig"
            if let i = categorieen.firstIndex(where: { $0.naam == naam }) {
                categorieen[i].regels.append(regel)
            } else {
                categorieen.append(Categorie(naam: naam, regels: [regel]))
            }
        }
        self.categorieen = categorieen

        // The dekking: each dekkingsplan entry with what it promised and what came in under its name.
        var ontvangen: [String: (bedrag: Bedrag, data: [Datum])] = [:]
        var volgorde: [String] = []
        for o in r.ontvangen {
            guard let van = o.van else { continue }
            let sleutel = Regio.normaal(van)
            if ontvangen[sleutel] == nil { volgorde.append(sleutel); ontvangen[sleutel] = (.zero, []) }
            ontvangen[sleutel]!.bedrag += o.bedrag ?? .zero
            if let d = o.datum { ontvangen[sleutel]!.data.append(d) }
        }
        var gebruikt = Set<String>()
        var dekking = a.dekkingsplan.map { d -> Dekkingsregel in
            let sleutel = Regio.normaal(d.naam)
            let binnen = gebruikt.insert(sleutel).inserted ? ontvangen[sleutel] : nil
            return Dekkingsregel(naam: d.naam, isFonds: d.fonds != nil, status: d.status, gevraagd: d.bedrag,
                                 toegezegd: d.status == .toegezegd ? d.geteldBedrag : nil, ontvangen: binnen?.bedrag,
                                 ontvangstdata: binnen?.data ?? [])
        }
        for sleutel in volgorde where !gebruikt.contains(sleutel) {
            let naam = r.ontvangen.first { $0.van.map(Regio.normaal) == sleutel }?.van ?? sleutel
            dekking.append(Dekkingsregel(naam: naam, isFonds: true, status: nil, gevraagd: nil, toegezegd: nil,
                                         ontvangen: ontvangen[sleutel]!.bedrag, ontvangstdata: ontvangen[sleutel]!.data))
        }
        self.dekking = dekking

        var bereikt: [String: String] = [:]
        for b in r.resultaten {
            guard let resultaat = b.resultaat, let wat = b.bereikt else { continue }
            bereikt[resultaat] = bereikt[resultaat].map { $0 + " " + wat } ?? wat
        }
        let beoogd = a.project.resultaten.compactMap(\.resultaat)
        resultaten = beoogd.map { ($0, bereikt[$0]) }
        ookBereikt = r.resultaten.compactMap { b in
            guard let resultaat = b.resultaat, let wat = b.bereikt, !beoogd.contains(resultaat) else { return nil }
            return (resultaat, wat)
        }
    }
}
