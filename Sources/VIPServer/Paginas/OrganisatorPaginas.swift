import Foundation
import Hummingbird
import VIPKit
import VIPModel

/// The organiser's pages: her fund speed-dates, a new one, and one event with its admission,
/// its schedule and the files `vip fondsendate` writes. Everything goes through the same
/// functions as `/api/evenementen`: an event is made by `Evenementen.maak(tekst:door:)`,
/// planned by `Speeddateplanning`, and its files are the API's `pakket`. Only the organiser
/// who made an event sees it; for anyone else it does not exist (404, as in the API).
struct OrganisatorPaginas {
    var paginas: Paginas
    var diensten: Diensten { paginas.diensten }
    var kern: Kern { diensten.kern }
    var weergave: Weergave { paginas.weergave }

    func registreer(_ router: Router<VIPContext>) {
        func op(_ method: HTTPRequest.Method, _ pad: String,
                _ handler: @escaping @Sendable (Request, VIPContext) async throws -> Response) {
            paginas.op(router, method, pad, handler)
        }
        op(.get, "/evenementen/nieuw", nieuwPagina)
        op(.post, "/evenementen/nieuw", maak)
        op(.get, "/evenementen/{id}", evenement)
        op(.get, "/evenementen/{id}/pakket.zip", pakket)
        op(.get, "/evenementen/{id}/bestanden/{naam}", bestand)
    }

    func organisator(_ context: VIPContext) throws -> Gebruiker {
        let (g, _) = try paginas.aangemeld(context)
        guard g.rol == .organisator else { throw Weigering.verboden("Alleen een organisator maakt een speeddate.") }
        return g
    }

    func eigen(_ context: VIPContext) async throws -> EvenementRij {
        let (g, _) = try paginas.aangemeld(context)
        return try await diensten.evenementen.eigen(context.parameters.get("id", as: Int64.self), g)
    }

    // MARK: Start page

    /// Her events, newest first as stored, with date, place and the number of cursussen.
    func start(_ context: VIPContext, _ g: Gebruiker, _ basis: [String: Any]) async throws -> Response {
        var d = basis
        let limits = kern.checker.limits
        let rijen = try await kern.opslag.evenementen(organisator: g.id)
        d["evenementen"] = rijen.map { e -> [String: Any] in
            let gelezen = try? Speeddateplanning.lees(e.tekst, limits: limits)
            let n = e.cursussen.count
            return ["id": String(e.id), "titel": e.titel,
                    "datum": (e.datum.flatMap(Datum.parse)?.description ?? e.datum) ?? "geen datum",
                    "locatie": gelezen?.evenement.locatie ?? "geen plaats opgegeven",
                    "cursussen": "\(n) \(n == 1 ? "cursus" : "cursussen")"]
        }
        d["geenEvenementen"] = rijen.isEmpty
        let register = try await diensten.register.huidig()
        let n = register.register?.fondsen.count ?? 0
        d["registerStand"] = register.rij == nil
            ? "Er is nog geen fondsenregister. Cursisten zoeken er fondsen in, en u kiest er de fondsen van een speeddate uit."
            : "Het register heeft \(n) \(n == 1 ? "fonds" : "fondsen") (versie \(register.versie))."
        return Weergave.antwoord(weergave.html("organisator", d))
    }

    // MARK: A new event

    @Sendable func nieuwPagina(_ request: Request, _ context: VIPContext) async throws -> Response {
        _ = try organisator(context)
        return try await formulier(context, .leeg, fout: nil)
    }

    @Sendable func maak(_ request: Request, _ context: VIPContext) async throws -> Response {
        let g = try organisator(context)
        let f = try await paginas.formulier(request, context, limiet: Limieten.aanvraag)
        var invoer = Evenementformulier(f)
        if f["actie"] == "meer" {
            invoer.meerRijen()
            return try await formulier(context, invoer, fout: nil)
        }
        if f["actie"] == "register" {
            let register = try await diensten.register.huidig().register
            let gekozen = Set(invoer.registerKeuze.map(Regio.normaal))
            let namen = invoer.neemOver((register?.fondsen ?? []).filter { gekozen.contains(Regio.normaal($0.naam)) })
            let melding = namen.isEmpty ? "Kies eerst een of meer fondsen uit het register; er is niets overgenomen."
                : "Overgenomen uit het register: \(namen.joined(separator: ", ")). Kijk de rijen na (bijvoorbeeld het aantal "
                    + "tafels) en maak de fondsendate aan."
            return try await formulier(context, invoer, fout: nil, melding: melding)
        }
        let (tekst, rijVan) = invoer.tekst()
        do {
            let e = try await diensten.evenementen.maak(tekst: tekst, door: g)
            return Weergave.doorsturen("/evenementen/\(e.id)?gemaakt=1")
        } catch let fout as Weigering {
            return try await formulier(context, invoer, fout: fout, rijVan: rijVan)
        }
    }

    /// The form with what was typed; with a refusal, its message at the top and beside the
    /// field it is about, and the refusal's status (422: nothing was stored).
    func formulier(_ context: VIPContext, _ invoer: Evenementformulier, fout: Weigering?,
                   rijVan: [Int] = [], melding overgenomen: String? = nil) async throws -> Response {
        var d = paginas.basis(context, titel: "Nieuwe fondsendate")
        d["overgenomen"] = overgenomen ?? false
        // The choice list of the register: a fund already in a row is shown as taken over.
        let register = try await diensten.register.huidig().register
        let inRijen = Set(invoer.fondsen.compactMap { $0["naam"] }.map(Regio.normaal))
        let aangevinkt = Set(invoer.registerKeuze.map(Regio.normaal))
        d["registerfondsen"] = (register?.fondsen ?? []).enumerated().map { i, f -> [String: Any] in
            let sleutel = Regio.normaal(f.naam)
            let uitleg = [f.themas.isEmpty ? nil : f.themas.joined(separator: ", "),
                          f.regio.isEmpty ? nil : f.regio.joined(separator: ", "), f.bereik].compactMap { $0 }
            return ["id": "register-\(i)", "naam": f.naam, "uitleg": uitleg.joined(separator: "; "),
                    "gekozen": aangevinkt.contains(sleutel), "inRij": inRijen.contains(sleutel)]
        }
        d["heeftRegister"] = !(register?.fondsen ?? []).isEmpty
        var melding: String? = nil
        var plek: (rij: Int?, veld: String?) = (nil, nil)
        if let fout {
            melding = fout.fout
            if let lees = Self.leesfout(fout) {
                melding = lees.melding
                plek = Evenementformulier.plek(lees.pad, rijVan: rijVan)
            }
        }
        func veld(_ id: String, _ sleutel: String, _ waarde: String, fout: Bool) -> [String: Any] {
            let (label, hint, soort) = Self.uitleg[sleutel] ?? (sleutel, "", "text")
            return ["id": id, "label": label, "hint": hint.isEmpty ? false : hint, "type": soort,
                    "getal": soort == "getal", "tekstvak": soort == "tekstvak", "gewoon": soort != "tekstvak",
                    "waarde": waarde, "fout": fout ? (melding ?? "") : false, "ongeldig": fout ? "true" : "false"]
        }
        d["evenementvelden"] = Evenementformulier.velden.map { v in
            veld(v, v, invoer.waarden[v] ?? "", fout: plek.rij == nil && plek.veld == v)
        }
        d["fondsen"] = invoer.fondsen.enumerated().map { i, rij -> [String: Any] in
            ["i": i, "nr": i + 1, "rijFout": plek.rij == i && plek.veld == nil ? (melding ?? "") : false,
             "velden": Evenementformulier.fondsvelden.map { v in
                 veld("fonds-\(i)-\(v)", v, rij[v] ?? "", fout: plek.rij == i && plek.veld == v)
             }]
        }
        d["aantalRijen"] = invoer.fondsen.count
        let gekozen = Set(invoer.cursussen)
        let cursussen = try await alleCursussen()
        d["cursussen"] = cursussen.map { c -> [String: Any] in
            ["id": String(c.id), "naam": c.naam, "docent": c.docent, "aanvragen": c.aanvragen,
             "gekozen": gekozen.contains(String(c.id))]
        }
        d["geenCursussen"] = cursussen.isEmpty
        // An unknown cursus is refused after reading, without a path.
        let overCursussen = plek.veld == "cursussen"
            || (fout.map { Self.leesfout($0) == nil && $0.fout.localizedCaseInsensitiveContains("cursus") } ?? false)
        d["cursussenFout"] = overCursussen ? (melding ?? "") : false
        if overCursussen { plek = (nil, "cursussen") }
        d["fout"] = melding.map { m -> [String: Any] in
            let anker = plek.veld.map { v in plek.rij.map { "fonds-\($0)-\(v)" } ?? v } ?? plek.rij.map { "fonds-\($0)" }
            return ["tekst": m, "anker": anker ?? false,
                    "label": Self.label(plek.veld).map { l in plek.rij.map { "Fonds \($0 + 1), \(l.lowercased())" } ?? l } ?? false]
        } ?? false
        return Weergave.antwoord(weergave.html("evenement-nieuw", d), status: fout?.status ?? .ok)
    }

    /// The reading error inside a refusal (`leesfout` of the API's answer).
    static func leesfout(_ fout: Weigering) -> (melding: String, pad: String)? {
        guard let (_, w) = fout.extra.first(where: { $0.0 == "leesfout" }), case .object(let leden) = w,
              case .string(let melding)? = leden.first(where: { $0.0 == "melding" })?.1,
              case .string(let pad)? = leden.first(where: { $0.0 == "pad" })?.1 else { return nil }
        return (melding, pad)
    }

    /// Per field: label, hint, and kind (`text`, `date`, `time`, `getal` or `tekstvak`).
    /// Numbers are typed as text: the reader, not the browser, says what is wrong, in Dutch.
    static let uitleg: [String: (String, String, String)] = [
        "titel": ("Titel", "Bijvoorbeeld: Speeddate met fondsen", "text"),
        "datum": ("Datum", "De dag van de speeddate.", "date"),
        "locatie": ("Plaats", "Gebouw en plaats, zoals Buurtcentrum De Tagrijn, Amsterdam.", "text"),
        "aanvang": ("Aanvang van de eerste ronde", "Een tijd als 14:00.", "time"),
        "rondeduur": ("Duur van een ronde, in minuten", "Een gesprek duurt bijvoorbeeld 10 minuten.", "getal"),
        "wisseltijd": ("Wisseltijd tussen de rondes, in minuten", "0 als er geen pauze is.", "getal"),
        "max_rondes": ("Hoogste aantal rondes", "Laat leeg als er geen grens is.", "getal"),
        "max_gesprekken": ("Gesprekken per project", "Laat leeg voor 3.", "getal"),
        "naam": ("Naam van het fonds", "Zoals: Oranje Fonds.", "text"),
        "vertegenwoordigers": ("Vertegenwoordigers (contactpersonen)", "Namen, gescheiden door komma’s.", "text"),
        "doelstelling": ("Doelstelling", "Wat het fonds wil bereiken, in een paar zinnen.", "tekstvak"),
        "thema": ("Thema’s", "Gescheiden door komma’s, zoals: participatie, armoede.", "text"),
        "regio": ("Regio", "‘landelijk’, of plaatsen en regio’s gescheiden door komma’s.", "text"),
        "bedrag-min": ("Kleinste bijdrage in euro", "Bijvoorbeeld 1.000; leeg als het fonds geen grens noemt.", "getal"),
        "bedrag-max": ("Grootste bijdrage in euro", "Bijvoorbeeld 25.000.", "getal"),
        "tafels": ("Tafels", "Gesprekken die het fonds tegelijk kan voeren; leeg voor 1.", "getal"),
    ]

    static func label(_ veld: String?) -> String? {
        guard let veld else { return nil }
        return veld == "cursussen" ? "Cursussen" : uitleg[veld]?.0
    }

    /// A cursus the organiser can choose: every cursus of this installation, since
    /// `POST /api/evenementen` takes any cursus that exists.
    struct Keuze {
        var id: Int64
        var naam: String
        var docent: String
        var aanvragen: String
    }

    func alleCursussen() async throws -> [Keuze] {
        try await diensten.evenementen.cursussen().map { c in
            Keuze(id: c.cursus.id, naam: c.cursus.naam, docent: c.docent,
                  aanvragen: "\(c.aanvragen) \(c.aanvragen == 1 ? "aanvraag" : "aanvragen")")
        }
    }

    // MARK: One event

    @Sendable func evenement(_ request: Request, _ context: VIPContext) async throws -> Response {
        let e = try await eigen(context)
        let p = try await Speeddateplanning(kern: kern).planning(e)
        let s = p.speeddate
        let ev = s.evenement
        var d = paginas.basis(context, titel: ev.titel)
        d["id"] = String(e.id)
        d["gemaakt"] = request.uri.queryParameters.get("gemaakt") != nil
        d["naam"] = ev.titel
        d["datum"] = ev.datum?.description ?? "geen datum"
        d["locatie"] = ev.locatie ?? "geen plaats opgegeven"
        d["aanvang"] = ev.aanvangTekst
        d["rondeduur"] = ev.rondeduur
        d["wisseltijd"] = ev.wisseltijd
        d["maxGesprekken"] = ev.maxGesprekken
        d["maxRondes"] = ev.maxRondes.map(String.init) ?? "geen grens"
        var cursusnamen: [String] = []
        var goedkeuringen: [Goedkeuring] = []
        for c in e.cursussen {
            cursusnamen.append(try await kern.opslag.cursus(id: c)?.naam ?? "cursus \(c)")
            goedkeuringen += try await kern.opslag.goedkeuringen(cursus: c)
        }
        d["cursussen"] = cursusnamen.isEmpty ? "geen" : cursusnamen.joined(separator: ", ")
        d["fondsen"] = ev.fondsen.map { f -> [String: Any] in
            ["naam": f.naam, "thema": f.thema.joined(separator: ", "), "regio": f.regio.joined(separator: ", "),
             "tafels": f.tafels, "vertegenwoordigers": f.vertegenwoordigers.joined(separator: ", ")]
        }

        // Admission: every project, as `toelating.csv` has it, with who presents it.
        d["projecten"] = s.deelnemers.map { dn -> [String: Any] in
            let b = p.bron(dn)
            var toelichting: String? = nil
            if !b.goedgekeurd, let laatste = goedkeuringen.filter({ $0.aanvraag == b.aanvraag.id }).map(\.versie).max() {
                toelichting = "De docent keurde versie \(laatste) goed; de huidige versie \(b.aanvraag.versie) is nog niet "
                    + "goedgekeurd."
            }
            return ["project": dn.naam, "organisatie": dn.organisatie, "cursist": b.aanvraag.eigenaarNaam,
                    "versie": b.aanvraag.versie, "toegelaten": dn.toegelaten, "reden": dn.reden,
                    "toelichting": toelichting ?? false]
        }
        d["geenProjecten"] = s.deelnemers.isEmpty
        d["aantalToegelaten"] = s.toegelaten.count
        d["aantalProjecten"] = s.deelnemers.count

        // The schedule: rounds × funds; a fund with several tables may hold several conversations.
        let fout = s.middernachtFout
        d["planningsfout"] = fout.map { "Het schema kan niet worden gemaakt: \($0.melding)" } ?? false
        d["fondsnamen"] = ev.fondsen.map(\.naam)
        d["heeftSchema"] = fout == nil && s.rooster.rondes > 0
        d["rondes"] = fout != nil ? [] : (0..<s.rooster.rondes).map { $0 + 1 }.map { r -> [String: Any] in
            ["ronde": r, "tijden": s.tijden(ronde: r), "cellen": ev.fondsen.map { f -> [String: Any] in
                let gesprekken = s.rooster.gesprekken.filter { $0.ronde == r && $0.fonds == f.naam }.sorted { $0.tafel < $1.tafel }
                return ["leeg": gesprekken.isEmpty, "gesprekken": gesprekken.map { g -> [String: Any] in
                    ["project": s.deelnemer(id: g.project)?.naam ?? g.project, "tafel": g.tafel, "toonTafel": f.tafels > 1]
                }]
            }]
        }
        d["geenGesprekken"] = fout == nil && s.rooster.rondes == 0
        d["aantalGesprekken"] = s.rooster.gesprekken.count
        d["aantalRondes"] = s.rooster.rondes
        d["rondesWoord"] = s.rooster.rondes == 1 ? "ronde" : "rondes"
        let opmerkingen = Self.opmerkingen(s.samenvatting)
        d["opmerkingen"] = opmerkingen
        d["heeftOpmerkingen"] = !opmerkingen.isEmpty

        // Downloads: the files of the API's pakket, by name.
        d["bestanden"] = fout != nil ? [] : SpeeddateOpdracht(checker: kern.checker).namen(s).map { naam -> [String: Any] in
            ["naam": naam, "adres": "/evenementen/\(e.id)/bestanden/\(naam)", "omschrijving": Self.omschrijving(naam)]
        }
        d["kanDownloaden"] = fout == nil
        return Weergave.antwoord(weergave.html("evenement", d))
    }

    /// What the command's summary warns about: conversations dropped by `max_rondes` (with
    /// each one), projects without a conversation or without a fitting fund.
    static func opmerkingen(_ samenvatting: String) -> [String] {
        var uit: [String] = []
        var vervallen = false
        for regel in samenvatting.split(separator: "\n").map(String.init) {
            if regel.hasPrefix("Let op:") || regel.hasPrefix("Vervallen") {
                uit.append(regel)
                vervallen = regel.hasPrefix("Vervallen")
            } else if vervallen && regel.hasPrefix("  ") {
                uit.append(regel.trimmedText)
            } else {
                vervallen = false
            }
        }
        return uit
    }

    static func omschrijving(_ naam: String) -> String {
        let stam = (naam as NSString).deletingPathExtension
        let soort = naam.hasSuffix(".odt") ? " (ODT, LibreOffice)" : naam.hasSuffix(".docx") ? " (DOCX, Word)" : ""
        let wat: String = switch stam {
        case "projectenoverzicht": "Projectenoverzicht voor de fondsen"
        case "fondsenoverzicht": "Fondsenoverzicht voor de deelnemers"
        case "schema": naam.hasSuffix(".csv") ? "Schema als CSV, één regel per gesprek" : "Schema: rondes × fondsen"
        case "agenda-fondsen": "Agenda per fonds"
        case "agenda-projecten": "Agenda per project"
        case "niet-toegelaten": "Niet toegelaten projecten, met de reden"
        case "toelating": "Toelating als CSV, met de reden"
        default: naam
        }
        return wat + soort
    }

    // MARK: Downloads

    /// The same zip as `GET /api/evenementen/{id}/pakket`.
    @Sendable func pakket(_ request: Request, _ context: VIPContext) async throws -> Response {
        let e = try await eigen(context)
        let zip = try await Speeddateplanning(kern: kern).pakket(e)
        return Antwoord.bytes(zip, type: "application/zip", headers: [
            .contentDisposition: "attachment; filename=\"fondsendate-\(e.id).zip\"",
        ])
    }

    /// One file of the pakket, as it is in the zip.
    @Sendable func bestand(_ request: Request, _ context: VIPContext) async throws -> Response {
        let e = try await eigen(context)
        let naam = context.parameters.get("naam") ?? ""
        let bestanden = try await Speeddateplanning(kern: kern).bestanden(e)
        guard let b = bestanden.first(where: { $0.naam == naam }) else {
            throw Weigering.nietGevonden("Dit bestand hoort niet bij de speeddate.")
        }
        let type = naam.hasSuffix(".odt") ? "application/vnd.oasis.opendocument.text"
            : naam.hasSuffix(".docx") ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            : naam.hasSuffix(".csv") ? "text/csv; charset=utf-8" : "application/octet-stream"
        // Names come from the pakket, not from the address: letters, digits, `.` and `-` only.
        return Antwoord.bytes(b.bytes, type: type, headers: [
            .contentDisposition: "attachment; filename=\"\(Bestanden.veiligeNaam(b.naam))\"",
        ])
    }
}
