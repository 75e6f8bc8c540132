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
        op(.post, "/cursussen/{id}/docenten", voegDocentToe)
        op(.post, "/cursussen/{id}/docenten/{gebruiker}/verwijderen", verwijderDocent)
        op(.post, "/cursussen/{id}/instellingen", zetInstellingen)
        op(.post, "/cursussen/{id}/aanwezigheid/{n}", zetAanwezigheid)
        op(.post, "/cursussen/{id}/herinneringen", verstuurHerinneringen)
        op(.post, "/cursussen/{id}/uitnodigingen", nodigUit)
        op(.get, "/aanvragen/{id}/lezen", lezen)
        op(.post, "/aanvragen/{id}/opmerkingen", plaatsOpmerking)
        op(.post, "/aanvragen/{id}/goedkeuring", keurGoed)
        op(.post, "/aanvragen/{id}/opmerkingen/{oid}/afgehandeld", handelAf)
    }

    /// A docent or a fellow cursist at a page of the authors' own (`Paginas.eigen`): she is sent
    /// to the read view, and what would change the text is refused.
    struct AlleenLezen: Error {
        var naar: String
        static let melding = "U leest deze aanvraag en plaatst er opmerkingen bij; de tekst wijzigen alleen haar "
            + "schrijvers. Er is niets gewijzigd."
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

    /// What a row of the docent's table says of a cursist's aanvraag at the course's pace: her
    /// fouten and waarschuwingen, the parts that have fouten, what waits for a later bijeenkomst.
    static func stand(_ r: VoortgangRij) -> (tekst: String, klasse: String, delen: String, teDoen: String) {
        let t = r.totaal
        var perKolom: [String: Int] = [:]
        for o in r.onderdelen {
            let f = o.telling.op(r.tempo).fouten
            if f > 0 { perKolom[kolom(van: o.naam), default: 0] += f }
        }
        let delen = kolommen.compactMap { k in perKolom[k.titel].map { "\(k.titel) (\($0))" } }.joined(separator: ", ")
        let klasse = t.fouten > 0 ? "status-fout" : t.waarschuwingen > 0 ? "status-waarschuwing"
            : t.teDoen > 0 ? "status-te-doen" : "status-goed"
        return (telling(Telling(fouten: t.fouten, waarschuwingen: t.waarschuwingen)), klasse, delen,
                t.teDoen == 0 ? "" : "\(t.teDoen) nog te doen")
    }

    /// The bijeenkomst whose attendance the page offers to record: `gekozen` when the cursus has
    /// it, else the last one whose date is today or before, else the first.
    static func aanwezigheidsBijeenkomst(_ c: Cursus, gekozen: Int?, nu: Date) -> Int? {
        guard !c.bijeenkomsten.isEmpty else { return nil }
        if let n = gekozen, (1...c.bijeenkomsten.count).contains(n) { return n }
        let vandaag = Tijden.vandaag(nu)
        let geweest = c.bijeenkomsten.lastIndex { s in
            guard let d = Datum.parse(s), let vandaag else { return false }
            return d <= vandaag
        }
        return (geweest ?? 0) + 1
    }

    @Sendable func cursus(_ request: Request, _ context: VIPContext) async throws -> Response {
        try await cursusPagina(request, context, melding: nil, status: .ok)
    }

    func cursusPagina(_ request: Request, _ context: VIPContext, melding: [String: Any]?,
                      status: HTTPResponse.Status) async throws -> Response {
        let (g, _) = try paginas.aangemeld(context)
        let c = try await toegang.cursusAlsDocent(context.parameters.get("id", as: Int64.self), voor: g)
        let o = try await diensten.cursussen.overzicht(c, voor: g)
        var d = paginas.basis(context, titel: c.naam)
        d["naam"] = c.naam
        d["id"] = String(c.id)
        d["cursusId"] = String(c.id)
        d["code"] = c.uitnodigingscode
        let gedaan: [String: Any]? = Self.gedaan(request.uri.queryParameters.get("gedaan")).map {
            ["soort": "succes", "tekst": $0, "isFout": false]
        }
        d["melding"] = (melding ?? gedaan) ?? false
        d["docenten"] = o.docenten.map { doc in
            ["id": String(doc.id), "naam": doc.naam, "isZelf": doc.id == g.id, "kanWeg": o.docenten.count > 1] as [String: Any]
        }
        d["herinneringen"] = c.herinneringen
        d["maxAfwezig"] = c.maxAfwezig
        d["mailUit"] = !kern.configuratie.mailAan
        d["herinneringDagen"] = kern.configuratie.herinneringDagen
        let verstuurd = try await diensten.herinneringen.verstuurd(c)

        let rijen = try await diensten.cursussen.voortgang(c)
        d["geenCursisten"] = rijen.isEmpty
        var ingevuld: [Int64: Set<String>] = [:]
        let volgende = o.volgende
        let werk = volgende.map { Huiswerk.tot(bijeenkomst: $0) } ?? []
        d["rijen"] = try await rijen.asyncMap { r -> [String: Any] in
            var rij: [String: Any] = ["cursist": r.cursist.naam, "cursistId": String(r.cursist.id),
                                      "heeftAanvraag": r.aanvraag != nil]
            let afwezig = r.afwezig.count
            rij["aanwezigheid"] = r.aanwezig.isEmpty && r.afwezig.isEmpty ? "nog niets vastgelegd"
                : "\(r.aanwezig.count) keer aanwezig, \(afwezig) keer afwezig"
                    + (r.afwezig.isEmpty ? "" : " (bijeenkomst " + r.afwezig.map(String.init).joined(separator: ", ") + ")")
            rij["teVaakAfwezig"] = afwezig > c.maxAfwezig
            rij["herinneringenVerstuurd"] = (verstuurd[r.cursist.id] ?? []).map { h in
                ["nr": h.nr, "datum": Self.dag(h.tijd)] as [String: Any]
            }
            guard let a = r.aanvraag else { return rij }
            let gevuld = try await kern.onderdelen.ingevuld(a, kern: kern)
            ingevuld[r.cursist.id] = gevuld
            let stand = Self.stand(r)
            rij["aanvraagId"] = String(a.id)
            rij["titel"] = a.afgeleid.titel ?? "Aanvraag zonder titel"
            rij["versie"] = a.versie
            rij["stand"] = stand.tekst
            rij["klasse"] = stand.klasse
            rij["foutenIn"] = Paginas.ofNiets(stand.delen)
            rij["teDoen"] = Paginas.ofNiets(stand.teDoen)
            rij["gedeeld"] = a.gedeeld
            rij["samen"] = a.eigenaar == r.cursist.id ? false : "met " + a.eigenaarNaam
            let open = werk.filter { !Huiswerk.aangeraakt($0.pad, gevuld) }.count
            rij["huiswerk"] = volgende == nil ? "—" : open == 0 ? "alles ingevuld" : "\(open) van \(werk.count) open"
            rij["afTekst"] = a.afgeleid.af ? "Ja" : "Nee"
            rij["goedkeuring"] = r.goedgekeurdeVersie.map { n in
                n == a.versie ? "Ja, versie \(n)" : "Versie \(n); niet de laatste versie (\(a.versie))"
            } ?? "Nee"
            rij["goedgekeurd"] = r.goedgekeurd
            rij["gewijzigd"] = Paginas.tijd(a.gewijzigd)
            return rij
        }

        // The bijeenkomsten, and the homework for the next one.
        d["bijeenkomsten"] = c.bijeenkomsten.enumerated().map { i, s in
            ["nr": i + 1, "datum": CursistPaginas.datum(s), "isVolgende": i + 1 == volgende] as [String: Any]
        }
        if let nr = volgende {
            let dezeKeer = Huiswerk.perBijeenkomst[nr] ?? []
            d["volgende"] = [
                "nr": nr, "datum": CursistPaginas.datum(c.bijeenkomsten[nr - 1]),
                "geenHuiswerk": dezeKeer.isEmpty,
                "huiswerk": dezeKeer.map { h -> [String: Any] in
                    let niet = rijen.filter { r in !Huiswerk.aangeraakt(h.pad, ingevuld[r.cursist.id] ?? []) }
                        .map(\.cursist.naam)
                    return ["label": h.label, "pad": h.pad, "niemand": niet.isEmpty,
                            "nietAangeraakt": niet.joined(separator: ", ")]
                },
            ] as [String: Any]
        } else {
            d["volgende"] = false
        }
        d["geenBijeenkomsten"] = c.bijeenkomsten.isEmpty

        // Attendance of one bijeenkomst, as a form: recorded values, else everyone ticked.
        let gekozen = request.uri.queryParameters.get("aanwezigheid").flatMap { Int($0) }
        if let nr = Self.aanwezigheidsBijeenkomst(c, gekozen: gekozen, nu: kern.nu), !rijen.isEmpty {
            let vastgelegd = Dictionary(rijen.compactMap { r -> (Int64, Bool)? in
                if r.aanwezig.contains(nr) { return (r.cursist.id, true) }
                if r.afwezig.contains(nr) { return (r.cursist.id, false) }
                return nil
            }, uniquingKeysWith: { a, _ in a })
            d["aanwezigheid"] = [
                "nr": nr, "datum": CursistPaginas.datum(c.bijeenkomsten[nr - 1]),
                "nogNiets": vastgelegd.isEmpty,
                "cursisten": rijen.map { r in
                    ["id": String(r.cursist.id), "naam": r.cursist.naam, "aanwezig": vastgelegd[r.cursist.id] ?? true]
                        as [String: Any]
                },
                "keuzes": c.bijeenkomsten.indices.map { i in
                    ["nr": i + 1, "isGekozen": i + 1 == nr, "huidig": i + 1 == nr ? "true" : "false"] as [String: Any]
                },
            ] as [String: Any]
        } else {
            d["aanwezigheid"] = false
        }
        return Weergave.antwoord(weergave.html("cursus", d), status: status)
    }

    // MARK: Running the cursus together

    /// What the cursus page says after an action (`?gedaan=`): a fixed message per action, never
    /// text from the address.
    static func gedaan(_ code: String?) -> String? {
        guard let code else { return nil }
        switch code {
        case "docent": return "De docent is toegevoegd; zij ziet en doet nu alles wat een docent van deze cursus doet."
        case "docent-weg": return "De docent is van deze cursus gehaald."
        case "instellingen": return "De instellingen zijn opgeslagen."
        case "herinneringen-0": return "Er was niemand om te herinneren: wie nog huiswerk heeft, kreeg de herinnering "
            + "voor deze bijeenkomst al, of de volgende bijeenkomst is nog verder weg."
        case "herinneringen-1": return "Er is 1 herinnering verstuurd."
        case "uitnodigingen-1": return "Er is 1 uitnodiging verstuurd."
        default:
            if code.hasPrefix("herinneringen-"), let n = Int(code.dropFirst(14)), n > 1 {
                return "Er zijn \(n) herinneringen verstuurd."
            }
            if code.hasPrefix("uitnodigingen-"), let n = Int(code.dropFirst(14)), n > 1 {
                return "Er zijn \(n) uitnodigingen verstuurd."
            }
            if code.hasPrefix("aanwezigheid-"), let n = Int(code.dropFirst(13)) {
                return "De aanwezigheid van bijeenkomst \(n) is opgeslagen."
            }
            return nil
        }
    }

    /// A docent action on the cursus page: done, then back to the page with a message; a refusal
    /// the docent can correct (422, 409) shows the page again with it.
    func cursusActie(_ request: Request, _ context: VIPContext, anker: String,
                     _ actie: @escaping @Sendable (Cursus, Formulier) async throws -> String) async throws -> Response {
        let (g, _) = try paginas.aangemeld(context)
        let c = try await diensten.cursussen.teWijzigen(context.parameters.get("id", as: Int64.self), g,
                                                         waarom: CursusDienst.alleenDocenten)
        let f = try await paginas.formulier(request, context, limiet: Limieten.json)
        do {
            let gedaan = try await actie(c, f)
            return Weergave.doorsturen("/cursussen/\(c.id)?gedaan=\(gedaan)#\(anker)")
        } catch let fout as Weigering where fout.status == .unprocessableContent || fout.status == .conflict {
            return try await cursusPagina(request, context, melding: ["soort": "fout", "tekst": fout.fout, "isFout": true],
                                          status: fout.status)
        }
    }

    @Sendable func voegDocentToe(_ request: Request, _ context: VIPContext) async throws -> Response {
        try await cursusActie(request, context, anker: "docenten-kop") { c, f in
            _ = try await diensten.cursussen.voegDocentToe(c, email: f["email"] ?? "")
            return "docent"
        }
    }

    @Sendable func verwijderDocent(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try paginas.aangemeld(context)
        let weg = context.parameters.get("gebruiker", as: Int64.self)
        let antwoord = try await cursusActie(request, context, anker: "docenten-kop") { c, _ in
            try await diensten.cursussen.verwijderDocent(c, gebruiker: weg)
            return "docent-weg"
        }
        // Who takes herself off no longer sees the cursus.
        if weg == g.id, antwoord.status == .seeOther { return Weergave.doorsturen("/") }
        return antwoord
    }

    @Sendable func zetInstellingen(_ request: Request, _ context: VIPContext) async throws -> Response {
        try await cursusActie(request, context, anker: "instellingen-kop") { c, f in
            guard let m = Int(f["max_afwezig"] ?? "") else {
                throw Weigering(.unprocessableContent, "Vul bij ‘Hoogstens afwezig’ een getal in. Er is niets gewijzigd.")
            }
            _ = try await diensten.cursussen.zetInstellingen(c, herinneringen: f["herinneringen"] == "1", maxAfwezig: m)
            return "instellingen"
        }
    }

    /// "4 december 2026": the day a reminder was sent, in the Netherlands.
    static func dag(_ d: Date) -> String {
        let u = Tijden.kalender.dateComponents([.year, .month, .day], from: d)
        return "\(u.day ?? 1) \(Tijden.maanden[(u.month ?? 1) - 1]) \(u.year ?? 2000)"
    }

    @Sendable func verstuurHerinneringen(_ request: Request, _ context: VIPContext) async throws -> Response {
        try await cursusActie(request, context, anker: "herinneringen-kop") { c, _ in
            let verstuurd = try await diensten.herinneringen.verstuurNu(c)
            return "herinneringen-\(verstuurd.count)"
        }
    }

    @Sendable func nodigUit(_ request: Request, _ context: VIPContext) async throws -> Response {
        let (g, _) = try paginas.aangemeld(context)
        return try await cursusActie(request, context, anker: "uitnodigen-kop") { c, f in
            let emails = (f["emails"] ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline || $0 == " " })
                .map(String.init)
            let n = try await diensten.herinneringen.nodigUit(c, emails: emails, door: g)
            return "uitnodigingen-\(n)"
        }
    }

    @Sendable func zetAanwezigheid(_ request: Request, _ context: VIPContext) async throws -> Response {
        let n = context.parameters.get("n", as: Int.self)
        return try await cursusActie(request, context, anker: "aanwezigheid-kop") { c, f in
            let nr = try diensten.cursussen.bijeenkomst(c, n)
            let aanwezig = Set(f.waarden["aanwezig"] ?? [])
            let lijst = (f.waarden["cursist"] ?? []).compactMap(Int64.init).map {
                Aanwezigheid(nr: nr, cursist: $0, aanwezig: aanwezig.contains(String($0)))
            }
            _ = try await diensten.cursussen.zetAanwezigheid(c, nr: nr, lijst)
            return "aanwezigheid-\(nr)"
        }
    }

    // MARK: Reading an aanvraag

    /// One opmerking as the templates show it.
    static func opmerking(_ o: Opmerking) -> [String: Any] {
        ["id": String(o.id), "tekst": o.tekst, "docent": o.docentNaam, "geplaatst": Paginas.tijd(o.geplaatst),
         "afgehandeld": o.afgehandeld != nil, "afgehandeldOp": o.afgehandeld.map(Paginas.tijd) ?? "",
         "opmerkingVersie": o.versie, "opmerkingPad": Paginas.ofNiets(o.pad), "vanMedecursist": o.vanMedecursist]
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
        var los: [[String: Any]] = []
        if !hier.isEmpty {
            // Without opmerkingen on this part no field gets any: each field then finds the empty
            // list of the page itself, so the walk over the fields is only made when there are.
            var getoond = Self.paden(d["velden"] ?? [Any]())
            if let b = d["begroting"] { getoond.formUnion(Self.paden(b)) }
            let verdeeld = verdeel(hier, over: getoond)
            los = verdeeld.los
            if let velden = d["velden"] { d["velden"] = metOpmerkingen(velden, verdeeld.bijVeld) }
            if let b = d["begroting"] { d["begroting"] = metOpmerkingen(b, verdeeld.bijVeld) }
        }
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
        /// Which of them wait for a later bijeenkomst ("nog te doen").
        var wachtlijst: Wachtlijst

        mutating func neem(_ pad: String, lijst: Bool) -> [[String: Any]] {
            let hier = bevindingen.filter { $0.pad == pad || (lijst && Veldentabel.zonderLaatsteIndex($0.pad) == pad) }
            bevindingen.removeAll { $0.pad == pad || (lijst && Veldentabel.zonderLaatsteIndex($0.pad) == pad) }
            return hier.map { Veldweergave.bevinding($0, wacht: wachtlijst.wacht($0)) }
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
        let (a, relatie) = try await toegang.zichtbaar(context.parameters.get("id", as: Int64.self), voor: g)
        let isDocent = relatie == .docent
        let r = try await diensten.aanvragen.check(a, a.versie)
        guard let model = r.aanvraag else { throw Kern.leesfout(r) }
        var d = paginas.basis(context, titel: "Lezen: " + (model.project.titel ?? "Aanvraag zonder titel"))
        d["aanvraagId"] = String(a.id)
        d["aanvraagTitel"] = model.project.titel ?? "Aanvraag zonder titel"
        d["eigenaar"] = a.eigenaarNaam
        d["versie"] = a.versie
        d["gewijzigd"] = Paginas.tijd(a.gewijzigd)
        let wachtlijst = try await diensten.aanvragen.wachtlijst(a, r)
        let stand = Paginastand.alle(r.bevindingen, wachtlijst: wachtlijst)
        d["fouten"] = stand.reduce(0) { $0 + $1.fouten }
        d["waarschuwingen"] = stand.reduce(0) { $0 + $1.waarschuwingen }
        d["teDoen"] = stand.reduce(0) { $0 + $1.teDoen }
        // Approval counts every fout, due or not.
        d["alleFouten"] = r.bevindingen.count(.fout)
        d["af"] = r.isAf
        d["isDocent"] = isDocent
        d["isAuteur"] = relatie == .auteur
        d["isMedecursist"] = relatie == .medecursist
        d["kanPlaatsen"] = relatie == .docent || relatie == .medecursist
        d["kanAfhandelen"] = false
        d["melding"] = melding ?? false
        let lijst = try await kern.opslag.goedkeuringen(aanvraag: a.id)
        d["goedkeuring"] = Self.goedkeuring(versie: a.versie, goedgekeurd: lijst.laatste(aanvraag: a.id),
                                            voorCursist: relatie == .auteur)
        d["isGoedgekeurd"] = lijst.keurt(aanvraag: a.id, versie: a.versie)
        if let c = a.cursus { d["cursusId"] = String(c) }
        d["heeftCursus"] = a.cursus != nil && isDocent
        d["cursusKruimel"] = a.cursus != nil && relatie == .medecursist

        var lezer = Lezer(invulling: Invulling(model), bevindingen: r.bevindingen.filter { !$0.onderdrukt },
                          wachtlijst: wachtlijst)
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
            var v = Veldweergave.bevinding(b, wacht: wachtlijst.wacht(b))
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
        // Who may do it first, as the API: only the form of a docent or a fellow cursist is read.
        _ = try await beoordelingen.magPlaatsen(id, g)
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
        _ = try await beoordelingen.magGoedkeuren(id, g)
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
        _ = try await beoordelingen.magAfhandelen(id, g)
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
