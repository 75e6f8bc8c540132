import Foundation
import Hummingbird
import VIPChecklist
import VIPKit
import VIPModel

/// The docent's pages: the cursus with the progress of each cursist and the homework for the
/// next bijeenkomst, an aanvraag read (never edited) with her opmerkingen beside its fields,
/// and the goedkeuring of a version. The cursist marks opmerkingen afgehandeld here too. Every
/// action goes through the same service as the JSON API (`BeoordelingDienst`).
struct DocentPaginas {
    var paginas: Paginas
    var diensten: Diensten { paginas.diensten }
    var kern: Kern { diensten.kern }
    var weergave: Weergave { paginas.weergave }
    var toegang: Toegang { diensten.toegang }
    var beoordelingen: BeoordelingDienst { diensten.beoordelingen }

    func registreer(_ router: Router<VIPContext>) {
        func op(_ method: HTTPRequest.Method, _ pad: String,
                _ handler: @escaping @Sendable (Request, VIPContext) async throws -> Response) {
            paginas.op(router, method, pad, handler)
        }
        op(.get, "/cursus-maken", cursusPagina)
        op(.post, "/cursus-maken", cursusMaken)
        op(.get, "/cursussen/{id}", cursus)
        op(.get, "/aanvragen/{id}/lezen", lezen)
        op(.post, "/aanvragen/{id}/opmerkingen", plaatsOpmerking)
        op(.post, "/aanvragen/{id}/goedkeuring", keurGoed)
        op(.post, "/aanvragen/{id}/opmerkingen/{oid}/afgehandeld", handelAf)
    }

    /// A docent at a page of the cursist's own (`Paginas.eigen`): she is sent to the read view,
    /// and what would change the text is refused.
    struct AlleenLezen: Error {
        var naar: String
        static let melding = "Als docent leest u deze aanvraag en plaatst u opmerkingen; de tekst van de cursist "
            + "wijzigt u niet. Er is niets gewijzigd."
    }

    // MARK: Cursussen (docent)

    func docent(_ context: VIPContext) throws -> Gebruiker {
        let (g, _) = try paginas.aangemeld(context)
        guard g.rol == .docent else { throw Weigering.verboden("Alleen een docent kan een cursus aanmaken.") }
        return g
    }

    @Sendable func cursusPagina(_ request: Request, _ context: VIPContext) async throws -> Response {
        _ = try docent(context)
        var d = paginas.basis(context, titel: "Nieuwe cursus")
        d["naam"] = ""
        d["data"] = ""
        d["fout"] = false
        return Weergave.antwoord(weergave.html("cursus-maken", d))
    }

    @Sendable func cursusMaken(_ request: Request, _ context: VIPContext) async throws -> Response {
        let g = try docent(context)
        let f = try await paginas.formulier(request, context, limiet: Limieten.json)
        let data = (f["data"] ?? "").split(whereSeparator: { $0 == "\n" || $0 == "," || $0 == " " })
            .map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        do {
            let c = try await diensten.cursussen.maak(naam: f["naam"] ?? "", bijeenkomsten: data, docent: g)
            return Weergave.doorsturen("/cursussen/\(c.id)")
        } catch let fout as Weigering {
            var d = paginas.basis(context, titel: "Nieuwe cursus")
            d["naam"] = f["naam"] ?? ""
            d["data"] = f["data"] ?? ""
            d["fout"] = fout.fout
            return Weergave.antwoord(weergave.html("cursus-maken", d), status: fout.status)
        }
    }

    // MARK: The cursus page

    /// A column of the progress table: the onderdelen of `Voortgang` it adds up.
    struct Kolom {
        var titel: String
        var bijeenkomst: Int
    }

    /// The columns: the top-level parts of the field table in the order of the course, with the
    /// project split into its hoofdlijnen (due by bijeenkomst 2) and the projectplan (due later),
    /// and a last column for what belongs to no part (the woordenlijst, the aanvraag as a whole).
    static let kolommen: [Kolom] = {
        var uit: [Kolom] = []
        for v in Veldentabel.aanvraag.onderdelen {
            if v.pad == "project" {
                uit.append(Kolom(titel: "Hoofdlijnen", bijeenkomst: v.bijeenkomst ?? 2))
                let later = v.velden.compactMap(\.bijeenkomst).filter { $0 > (v.bijeenkomst ?? 2) }.min() ?? 4
                uit.append(Kolom(titel: "Projectplan", bijeenkomst: later))
            } else {
                uit.append(Kolom(titel: v.label, bijeenkomst: v.bijeenkomst ?? 99))
            }
        }
        // Stable: parts due by the same bijeenkomst keep the table's order.
        uit = uit.enumerated().sorted { ($0.element.bijeenkomst, $0.offset) < ($1.element.bijeenkomst, $1.offset) }
            .map(\.element)
        uit.append(Kolom(titel: "Overig", bijeenkomst: 99))
        return uit
    }()

    /// The column of an onderdeel key of `Voortgang` (`project.urgentie`, `begroting`, `algemeen`).
    static func kolom(van onderdeel: String) -> String {
        if onderdeel == "project" { return "Hoofdlijnen" }
        if onderdeel.hasPrefix("project.") {
            let b = Veldentabel.aanvraag.veld(onderdeel)?.bijeenkomst ?? 4
            return b <= 2 ? "Hoofdlijnen" : "Projectplan"
        }
        return Veldentabel.aanvraag.onderdelen.first { $0.pad == onderdeel }?.label ?? "Overig"
    }

    static func telling(_ t: Telling) -> String {
        if t.fouten == 0 && t.waarschuwingen == 0 { return "in orde" }
        var delen: [String] = []
        if t.fouten > 0 { delen.append("\(t.fouten) \(t.fouten == 1 ? "fout" : "fouten")") }
        if t.waarschuwingen > 0 {
            delen.append("\(t.waarschuwingen) \(t.waarschuwingen == 1 ? "waarschuwing" : "waarschuwingen")")
        }
        return delen.joined(separator: ", ")
    }

    /// A homework item: a field of the table due by one bijeenkomst, as a cursist sees it.
    struct Huiswerk {
        var pad: String
        var label: String
    }

    /// The fields due by bijeenkomst `nr`: a field whose own bijeenkomst it is, taken whole when
    /// everything inside it is due then too; a section with parts due later is split.
    static func huiswerk(bijeenkomst nr: Int) -> [Huiswerk] {
        func geheel(_ v: Veld) -> Bool { v.bijeenkomst == nr && v.velden.allSatisfy(geheel) }
        var uit: [Huiswerk] = []
        func loop(_ v: Veld, ouder: Veld?) {
            if v.bijeenkomst == nr && (geheel(v) || v.isLijst) {
                let label = ouder.map { o in o.pad == "project" ? v.label : "\(o.label): \(v.label.lowercased())" }
                uit.append(Huiswerk(pad: v.pad, label: label ?? v.label))
            } else if v.soort == .sectie {
                for kind in v.velden { loop(kind, ouder: v) }
            }
        }
        for v in Veldentabel.aanvraag.velden { loop(v, ouder: nil) }
        return uit
    }

    /// The homework of every bijeenkomst the field table names, worked out once.
    static let alleHuiswerk: [Int: [Huiswerk]] = {
        var nummers: Set<Int> = []
        func loop(_ v: Veld) { if let nr = v.bijeenkomst { nummers.insert(nr) }; v.velden.forEach(loop) }
        Veldentabel.aanvraag.velden.forEach(loop)
        return Dictionary(uniqueKeysWithValues: nummers.map { ($0, huiswerk(bijeenkomst: $0)) })
    }()

    /// Whether a version has touched the field at table path `pad`; `ingevuld` holds its filled
    /// paths with all their ancestors (`OnderdelenCache.ingevuld`), so a section counts as
    /// touched when any field inside it is.
    static func aangeraakt(_ pad: String, _ ingevuld: Set<String>) -> Bool {
        ingevuld.contains(pad)
    }

    /// Today in the Netherlands, for "the next bijeenkomst".
    static func vandaag(_ nu: Date) -> Datum? {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        let u = c.dateComponents([.year, .month, .day], from: nu)
        return Datum(jaar: u.year ?? 2000, maand: u.month ?? 1, dag: u.day ?? 1)
    }

    /// The approval line for a version list, for the docent (`voorCursist` false) or the cursist.
    static func goedkeuring(versie: Int, goedgekeurd: Int?, voorCursist: Bool) -> [String: Any] {
        let tekst: String
        let soort: String
        switch goedgekeurd {
        case nil:
            tekst = voorCursist ? "Uw docent heeft deze aanvraag nog niet goedgekeurd." : "Nog niet goedgekeurd."
            soort = "open"
        case let n? where n == versie:
            tekst = voorCursist ? "Goedgekeurd: versie \(n), uw laatste versie." : "Goedgekeurd: versie \(n), de laatste versie."
            soort = "goed"
        case let n?:
            tekst = voorCursist
                ? "Versie \(n) is goedgekeurd; uw laatste versie \(versie) nog niet. Uw docent keurt een nieuwe versie opnieuw goed."
                : "Goedgekeurd: versie \(n). De laatste versie is \(versie) en is nog niet goedgekeurd."
            soort = "verouderd"
        }
        return ["tekst": tekst, "soort": soort, "isGoed": soort == "goed", "isVerouderd": soort == "verouderd",
                "isOpen": soort == "open"]
    }

    @Sendable func cursus(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try paginas.aangemeld(context)
        let c = try await toegang.cursusAlsDocent(context.parameters.get("id", as: Int64.self), voor: g)
        var d = paginas.basis(context, titel: c.naam)
        d["naam"] = c.naam
        d["id"] = String(c.id)
        d["cursusId"] = String(c.id)
        d["code"] = c.uitnodigingscode

        let rijen = try await diensten.cursussen.voortgang(c)
        d["kolommen"] = Self.kolommen.map { ["titel": $0.titel] }
        d["geenCursisten"] = rijen.isEmpty
        var ingevuld: [Int64: Set<String>] = [:]
        d["rijen"] = try await rijen.asyncMap { r -> [String: Any] in
            var rij: [String: Any] = ["cursist": r.cursist.naam, "heeftAanvraag": r.aanvraag != nil]
            guard let a = r.aanvraag else { return rij }
            ingevuld[r.cursist.id] = try await kern.onderdelen.ingevuld(a, kern: kern)
            var perKolom: [String: Telling] = [:]
            for o in r.onderdelen {
                let k = Self.kolom(van: o.naam)
                perKolom[k, default: Telling()].fouten += o.telling.fouten
                perKolom[k, default: Telling()].waarschuwingen += o.telling.waarschuwingen
            }
            rij["aanvraagId"] = String(a.id)
            rij["titel"] = a.afgeleid.titel ?? "Aanvraag zonder titel"
            rij["versie"] = a.versie
            rij["cellen"] = Self.kolommen.map { k -> [String: Any] in
                let t = perKolom[k.titel] ?? Telling()
                // One class per cell (not three sections): the page has 30 × 9 of them.
                let klasse = t.fouten > 0 ? "status-fout" : t.waarschuwingen > 0 ? "status-waarschuwing" : "status-goed"
                return ["tekst": Self.telling(t), "klasse": klasse]
            }
            rij["afTekst"] = a.afgeleid.af ? "Ja" : "Nee"
            rij["goedkeuring"] = r.goedgekeurdeVersie.map { n in
                n == a.versie ? "Ja, versie \(n)" : "Versie \(n); niet de laatste versie (\(a.versie))"
            } ?? "Nee"
            rij["goedgekeurd"] = r.goedgekeurd
            rij["gewijzigd"] = Paginas.tijd(a.gewijzigd)
            return rij
        }

        // The bijeenkomsten, and the homework for the next one.
        let vandaag = Self.vandaag(kern.nu)
        let volgende = c.bijeenkomsten.firstIndex { s in
            guard let datum = Datum.parse(s), let vandaag else { return false }
            return datum >= vandaag
        }
        d["bijeenkomsten"] = c.bijeenkomsten.enumerated().map { i, s in
            ["nr": i + 1, "datum": Datum.parse(s)?.description ?? s, "isVolgende": i == volgende] as [String: Any]
        }
        if let volgende {
            let nr = volgende + 1
            let werk = Self.alleHuiswerk[nr] ?? []
            d["volgende"] = [
                "nr": nr, "datum": Datum.parse(c.bijeenkomsten[volgende])?.description ?? c.bijeenkomsten[volgende],
                "geenHuiswerk": werk.isEmpty,
                "huiswerk": werk.map { h -> [String: Any] in
                    let niet = rijen.filter { r in !Self.aangeraakt(h.pad, ingevuld[r.cursist.id] ?? []) }
                        .map(\.cursist.naam)
                    return ["label": h.label, "pad": h.pad, "niemand": niet.isEmpty,
                            "nietAangeraakt": niet.joined(separator: ", ")]
                },
            ] as [String: Any]
        } else {
            d["volgende"] = false
        }
        d["geenBijeenkomsten"] = c.bijeenkomsten.isEmpty
        return Weergave.antwoord(weergave.html("cursus", d))
    }

    // MARK: Reading an aanvraag

    /// One opmerking as the templates show it.
    static func opmerking(_ o: Opmerking) -> [String: Any] {
        ["id": String(o.id), "tekst": o.tekst, "docent": o.docentNaam, "geplaatst": Paginas.tijd(o.geplaatst),
         "afgehandeld": o.afgehandeld != nil, "afgehandeldOp": o.afgehandeld.map(Paginas.tijd) ?? "",
         "opmerkingVersie": o.versie, "opmerkingPad": o.pad]
    }

    /// Which shown field each opmerking stands beside: the field at its path, or else the nearest
    /// field that holds it (`project.partners[1].rol` beside partner 2's role, or the list). The
    /// ones that fit no shown field are returned apart.
    static func verdeel(_ opmerkingen: [Opmerking], over paden: Set<String>)
        -> (bijVeld: [String: [[String: Any]]], los: [[String: Any]]) {
        var bij: [String: [[String: Any]]] = [:]
        var los: [[String: Any]] = []
        for o in opmerkingen {
            let pad = o.pad
            let beste = paden.filter { pad == $0 || pad.hasPrefix($0 + ".") || pad.hasPrefix($0 + "[") }
                .max { $0.count < $1.count }
            if let beste { bij[beste, default: []].append(opmerking(o)) } else { los.append(opmerking(o)) }
        }
        return (bij, los)
    }

    /// Every `pad` of the nested field dictionaries of a page.
    static func paden(_ waarde: Any) -> Set<String> {
        var uit = Set<String>()
        if let d = waarde as? [String: Any] {
            if let p = d["pad"] as? String { uit.insert(p) }
            for (_, w) in d { uit.formUnion(paden(w)) }
        } else if let l = waarde as? [Any] {
            for w in l { uit.formUnion(paden(w)) }
        }
        return uit
    }

    /// The same dictionaries with each field's opmerkingen (and an empty list where it has none,
    /// so that a field never shows the opmerkingen of the section around it).
    static func metOpmerkingen(_ waarde: Any, _ bij: [String: [[String: Any]]]) -> Any {
        if var d = waarde as? [String: Any] {
            for (k, w) in d where w is [String: Any] || w is [Any] { d[k] = metOpmerkingen(w, bij) }
            if let p = d["pad"] as? String {
                let lijst = bij[p] ?? []
                d["opmerkingen"] = lijst
                d["heeftOpmerkingen"] = !lijst.isEmpty
            }
            return d
        }
        if let l = waarde as? [Any] { return l.map { metOpmerkingen($0, bij) } }
        return waarde
    }

    /// For the cursist's page of one part (`Paginas.onderdeel`): her opmerkingen beside the fields,
    /// those of this part that fit no field at its top, the forms that mark one afgehandeld, and
    /// the approval line.
    static func cursistDeel(_ d: inout [String: Any], pagina: Pagina, opmerkingen: [Opmerking],
                            goedkeuring: [String: Any]?) {
        let eerste = Pagina.alle.first?.slug
        let hier = opmerkingen.filter { o in
            (Pagina.van(o.pad)?.slug ?? eerste) == pagina.slug
        }
        var getoond = Self.paden(d["velden"] ?? [Any]())
        if let b = d["begroting"] { getoond.formUnion(Self.paden(b)) }
        let (bij, los) = verdeel(hier, over: getoond)
        if let velden = d["velden"] { d["velden"] = metOpmerkingen(velden, bij) }
        if let b = d["begroting"] { d["begroting"] = metOpmerkingen(b, bij) }
        d["opmerkingen"] = [Any]()
        d["heeftOpmerkingen"] = false
        d["paginaOpmerkingen"] = los
        d["heeftPaginaOpmerkingen"] = !los.isEmpty
        d["kanAfhandelen"] = true
        d["afhandelFormulieren"] = hier.map { ["id": String($0.id), "afgehandeld": $0.afgehandeld != nil] as [String: Any] }
        d["terug"] = pagina.slug
        d["goedkeuring"] = goedkeuring ?? false
    }

    /// What the read view shows of one field: its value as text, its findings and opmerkingen;
    /// a section or list with its fields inside.
    struct Lezer {
        var invulling: Invulling
        var bevindingen: [Bevinding]

        mutating func neem(_ pad: String, lijst: Bool) -> [[String: Any]] {
            let hier = bevindingen.filter { $0.pad == pad || (lijst && Veldentabel.zonderLaatsteIndex($0.pad) == pad) }
            bevindingen.removeAll { $0.pad == pad || (lijst && Veldentabel.zonderLaatsteIndex($0.pad) == pad) }
            return hier.map(Veldweergave.bevinding)
        }

        mutating func veld(_ v: Veld, pad: String, label: String? = nil) -> [String: Any] {
            var d: [String: Any] = ["pad": pad, "id": Veldweergave.domID(pad), "label": label ?? v.label,
                                    "isGroep": false, "isLijst": false, "velden": [Any](), "items": [Any](),
                                    "waarde": "", "leeg": false]
            switch v.soort {
            case .sectie:
                d["isGroep"] = true
                d["velden"] = v.velden.map { veld($0, pad: pad + "." + $0.sleutel) }
            case .lijst(.sectie):
                d["isGroep"] = true
                d["isLijst"] = true
                let items = invulling.indices(pad).enumerated().map { nr, i -> [String: Any] in
                    let itemPad = "\(pad)[\(i)]"
                    let velden = v.velden.map { veld($0, pad: itemPad + "." + $0.sleutel) }
                    let eigen = neem(itemPad, lijst: false)
                    return ["pad": itemPad, "id": Veldweergave.domID(itemPad), "titel": "\(v.label) \(nr + 1)",
                            "velden": velden, "bevindingen": eigen, "heeftBevindingen": !eigen.isEmpty]
                }
                d["items"] = items
                d["leeg"] = items.isEmpty
            case .lijst:
                let waarden = v.keuzes != nil ? (invulling.waarden[pad] ?? []).joined(separator: ", ") : invulling[pad]
                d["waarde"] = waarden
                d["leeg"] = waarden.trimmedText.isEmpty
            default:
                d["waarde"] = invulling[pad]
                d["leeg"] = invulling[pad].trimmedText.isEmpty
            }
            let eigen = neem(pad, lijst: v.isLijst && !v.heeftVelden)
            d["bevindingen"] = eigen
            d["heeftBevindingen"] = !eigen.isEmpty
            return d
        }
    }

    /// The aanvraag read-only, in the order of the course, for the docent of the cursist's cursus
    /// (with her forms) and for the cursist herself (without them).
    @Sendable func lezen(_ request: Request, _ context: VIPContext) async throws -> Response {
        try await leesPagina(request, context, melding: nil, status: .ok)
    }

    func leesPagina(_ request: Request, _ context: VIPContext, melding: [String: Any]?,
                    status: HTTPResponse.Status) async throws -> Response {
        let (g, _) = try paginas.aangemeld(context)
        let a = try await toegang.aanvraag(context.parameters.get("id", as: Int64.self), voor: g)
        let isDocent = a.eigenaar != g.id
        let r = try await diensten.aanvragen.check(a, a.versie)
        guard let model = r.aanvraag else { throw Kern.leesfout(r) }
        var d = paginas.basis(context, titel: "Lezen: " + (model.project.titel ?? "Aanvraag zonder titel"))
        d["aanvraagId"] = String(a.id)
        d["aanvraagTitel"] = model.project.titel ?? "Aanvraag zonder titel"
        d["eigenaar"] = a.eigenaarNaam
        d["versie"] = a.versie
        d["gewijzigd"] = Paginas.tijd(a.gewijzigd)
        d["fouten"] = r.bevindingen.count(.fout)
        d["waarschuwingen"] = r.bevindingen.count(.waarschuwing)
        d["af"] = r.isAf
        d["isDocent"] = isDocent
        d["kanAfhandelen"] = false
        d["melding"] = melding ?? false
        let lijst = try await kern.opslag.goedkeuringen(aanvraag: a.id)
        d["goedkeuring"] = Self.goedkeuring(versie: a.versie, goedgekeurd: lijst.laatste(aanvraag: a.id),
                                            voorCursist: !isDocent)
        d["isGoedgekeurd"] = lijst.keurt(aanvraag: a.id, versie: a.versie)
        if let c = a.cursus { d["cursusId"] = String(c) }
        d["heeftCursus"] = a.cursus != nil && isDocent

        var lezer = Lezer(invulling: Invulling(model), bevindingen: r.bevindingen.filter { !$0.onderdrukt })
        var groepen: [[String: Any]] = []
        for p in Pagina.alle {
            var velden: [[String: Any]] = []
            for pad in p.velden {
                guard let v = Veldentabel.aanvraag.veld(pad) else { continue }
                var label = v.label
                if let ouder = AanvraagPaginas.ouder(pad), !p.velden.contains(ouder.pad) {
                    label = "\(ouder.label): \(v.label.lowercased())"
                }
                velden.append(lezer.veld(v, pad: pad, label: label))
            }
            var groep: [String: Any] = ["slug": p.slug, "titel": p.titel, "vraag": p.vraag,
                                        "isProjectplan": p.groep == .projectplan, "velden": velden]
            if p.slug == "begroting" { groep["totaal"] = model.begroting.totaal.formatted() }
            groep["heeftTotaal"] = p.slug == "begroting"
            groepen.append(groep)
        }
        // Findings at no shown field: at the top, with the part they belong to.
        let algemeen = lezer.bevindingen.map { b -> [String: Any] in
            var v = Veldweergave.bevinding(b)
            v["paginaTitel"] = Pagina.van(b.pad)?.titel ?? "De aanvraag als geheel"
            return v
        }
        d["algemeen"] = algemeen
        d["heeftAlgemeen"] = !algemeen.isEmpty

        let opmerkingen = try await kern.opslag.opmerkingen(aanvraag: a.id)
        let (bij, los) = Self.verdeel(opmerkingen, over: Self.paden(groepen))
        d["groepen"] = Self.metOpmerkingen(groepen, bij)
        d["opmerkingen"] = [Any]()
        d["heeftOpmerkingen"] = false
        d["losseOpmerkingen"] = los
        d["heeftLosseOpmerkingen"] = !los.isEmpty
        d["foutenLijst"] = r.bevindingen.filter { !$0.onderdrukt && $0.ernst == .fout }.map { b -> [String: Any] in
            var v = Veldweergave.bevinding(b)
            v["paginaTitel"] = Pagina.van(b.pad)?.titel ?? "De aanvraag als geheel"
            return v
        }
        return Weergave.antwoord(weergave.html("lezen", d), status: status)
    }

    // MARK: Actions

    /// "Opmerking plaatsen": as `POST /api/aanvragen/{id}/opmerkingen`.
    @Sendable func plaatsOpmerking(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try paginas.aangemeld(context)
        let id = context.parameters.get("id", as: Int64.self)
        // Who may do it first, as the API: only the docent's form is read.
        _ = try await toegang.aanvraagAlsDocent(id, voor: g, waarom: "Alleen de docent plaatst opmerkingen bij een "
            + "aanvraag; u kunt ze wel afhandelen.")
        let f = try await paginas.formulier(request, context, limiet: Limieten.json)
        do {
            let o = try await beoordelingen.plaats(aanvraag: id, door: g, pad: f["pad"] ?? "", tekst: f["tekst"] ?? "")
            return Weergave.doorsturen("/aanvragen/\(o.aanvraag)/lezen?geplaatst=\(o.id)#\(Veldweergave.domID(o.pad))")
        } catch let fout as Weigering where fout.status == .unprocessableContent {
            return try await leesPagina(request, context, melding: ["soort": "fout", "tekst": "Niet geplaatst: " + fout.fout],
                                        status: fout.status)
        }
    }

    /// "Versie N goedkeuren": as `POST /api/aanvragen/{id}/goedkeuring`; a version with fouten is
    /// not approved, and the page says which fouten.
    @Sendable func keurGoed(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try paginas.aangemeld(context)
        let id = context.parameters.get("id", as: Int64.self)
        _ = try await toegang.aanvraagAlsDocent(id, voor: g, waarom: "Alleen de docent keurt een aanvraag goed.")
        let f = try await paginas.formulier(request, context, limiet: Limieten.json)
        guard let versie = Int(f["versie"] ?? "") else {
            throw Weigering(.unprocessableContent, "Er is geen versie gekozen om goed te keuren. Er is niets gewijzigd.")
        }
        do {
            let a = try await beoordelingen.keurGoed(aanvraag: id, versie: versie, door: g)
            return Weergave.doorsturen("/aanvragen/\(a.id)/lezen?goedgekeurd=\(versie)")
        } catch let fout as Weigering where fout.status == .unprocessableContent {
            return try await leesPagina(request, context, melding: [
                "soort": "fout", "tekst": fout.fout + " Er is niets opgeslagen. De fouten staan hieronder.",
                "toonFouten": true,
            ], status: fout.status)
        }
    }

    /// "Afgehandeld" (or "Weer openen") by the cursist: as `PATCH /api/aanvragen/{id}/opmerkingen/{oid}`.
    @Sendable func handelAf(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try paginas.aangemeld(context)
        let id = context.parameters.get("id", as: Int64.self)
        _ = try await toegang.aanvraagAlsEigenaar(id, voor: g, waarom: "Alleen de cursist zelf handelt een opmerking af.")
        let f = try await paginas.formulier(request, context, limiet: Limieten.json)
        let o = try await beoordelingen.handelAf(aanvraag: id, opmerking: context.parameters.get("oid", as: Int64.self),
                                                 door: g, afgehandeld: f["afgehandeld"] != "0")
        let terug = Pagina.met(slug: f["terug"] ?? "")?.slug ?? Pagina.van(o.pad)?.slug ?? Pagina.alle[0].slug
        return Weergave.doorsturen("/aanvragen/\(o.aanvraag)/\(terug)#opmerking-\(o.id)")
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var uit: [T] = []
        for e in self { uit.append(try await transform(e)) }
        return uit
    }
}
