import Foundation
import Hummingbird
import VIPKit
import VIPPlanning

/// The docent's peer review of bijeenkomst 4 in the browser (review.md): pick three aanvragen of
/// her cursus (or let `vip` pick three far apart), download the set `vip review` writes, and
/// combine the groups' rankings as `vip review combineer` does.
///
/// Nothing is stored: the set is made again from the choice and the seed (the same
/// `Reviewronde` as `POST /api/cursussen/{id}/review`), so the download link repeats the same
/// bytes, and the rankings are combined on the spot by the library's `Combineer`.
struct ReviewPaginas {
    var paginas: Paginas
    var diensten: Diensten { paginas.diensten }
    var weergave: Weergave { paginas.weergave }
    var toegang: Toegang { diensten.toegang }

    func registreer(_ router: Router<VIPContext>) {
        func op(_ method: HTTPRequest.Method, _ pad: String,
                _ handler: @escaping @Sendable (Request, VIPContext) async throws -> Response) {
            paginas.op(router, method, pad, handler)
        }
        op(.get, "/cursussen/{id}/review", pagina)
        op(.post, "/cursussen/{id}/review", maak)
        op(.get, "/cursussen/{id}/review/download", download)
        op(.get, "/cursussen/{id}/review/combineer", { _, context in
            Weergave.doorsturen("/cursussen/\(context.parameters.get("id") ?? "")/review#combineren")
        })
        op(.post, "/cursussen/{id}/review/combineer", combineer)
    }

    /// The cursus when the signed-in user is its docent; 404 for anyone else, as the API.
    func cursus(_ context: VIPContext) async throws -> Cursus {
        let (g, _) = try paginas.aangemeld(context)
        return try await toegang.cursusAlsDocent(context.parameters.get("id", as: Int64.self), voor: g)
    }

    // MARK: Choosing three aanvragen

    @Sendable func pagina(_ request: Request, _ context: VIPContext) async throws -> Response {
        let c = try await cursus(context)
        let d = try await gegevens(context, c)
        return Weergave.antwoord(weergave.html("review", d))
    }

    /// What every state of the page shows: the cursus, its aanvragen to choose from, and the
    /// empty form for the rankings.
    func gegevens(_ context: VIPContext, _ c: Cursus, gekozen: Set<Int64> = [], zaad: String = "")
        async throws -> [String: Any] {
        var d = paginas.basis(context, titel: "Peer-review")
        let alle = try await diensten.cursussen.aanvragen(c)
        d["cursusId"] = String(c.id)
        d["cursusNaam"] = c.naam
        d["aanvragen"] = alle.map { a in
            ["aanvraagId": String(a.id), "cursist": a.eigenaarNaam, "aanvraagTitel": a.afgeleid.titel ?? "Aanvraag zonder titel",
             "versie": a.versie, "fouten": a.afgeleid.fouten, "waarschuwingen": a.afgeleid.waarschuwingen,
             "gekozen": gekozen.contains(a.id)] as [String: Any]
        }
        d["geenAanvragen"] = alle.isEmpty
        d["teWeinig"] = !alle.isEmpty && alle.count < Peerreview.letters.count
        d["aantalAanvragen"] = alle.count == 1 ? "één aanvraag" : "\(alle.count) aanvragen"
        d["toonKeuze"] = true
        d["gemaakt"] = false
        d["keuzefout"] = false
        d["uitslag"] = false
        d["combineerfout"] = false
        d["rangordes"] = ""
        d["referentie"] = ""
        d["zaad"] = zaad
        return d
    }

    /// The choice of a posted form or of the download link: three ids, or `kies`.
    enum Keuze {
        static func lees(ids: [String], kies: Bool, zaad: String) throws -> (Reviewronde.Keuze, UInt64?) {
            let z = zaad.trimmingCharacters(in: .whitespaces)
            var getal: UInt64?
            if !z.isEmpty {
                guard let n = UInt64(z) else {
                    throw Weigering(.unprocessableContent, "Het zaad is een geheel getal van 0 of meer, zoals 1234; "
                        + "laat het veld leeg als u geen zaad hebt.")
                }
                getal = n
            }
            if kies { return (.kies(Peerreview.letters.count), getal) }
            var lijst: [Int64] = []
            for s in ids {
                guard let id = Int64(s.trimmingCharacters(in: .whitespaces)) else {
                    throw Weigering(.unprocessableContent, "„\(s)” is geen aanvraagnummer.")
                }
                lijst.append(id)
            }
            guard lijst.count == Peerreview.letters.count else {
                throw Weigering(.unprocessableContent, "Kies precies drie aanvragen; u koos er \(lijst.count). "
                    + "U kunt ook vip drie aanvragen laten kiezen.")
            }
            return (.aanvragen(lijst), getal)
        }
    }

    /// The set for the choice, with a Dutch refusal when the cursus has too few aanvragen.
    func uitkomst(_ c: Cursus, _ keuze: Reviewronde.Keuze, _ zaad: UInt64?) async throws -> Reviewronde.Uitkomst {
        if case .kies = keuze {
            let n = try await diensten.cursussen.aanvragen(c).count
            if n < Peerreview.letters.count {
                throw Weigering(.unprocessableContent, "Om te laten kiezen zijn minstens drie aanvragen nodig; "
                    + "deze cursus heeft er \(n).")
            }
        }
        return try await diensten.cursussen.review(c, keuze: keuze, zaad: zaad)
    }

    @Sendable func maak(_ request: Request, _ context: VIPContext) async throws -> Response {
        let c = try await cursus(context)
        let f = try await paginas.formulier(request, context, limiet: Limieten.json)
        let ids = f.waarden["aanvraag"] ?? []
        let zaadTekst = f["zaad"] ?? ""
        let gekozen = Set(ids.compactMap { Int64($0) })
        do {
            let (keuze, zaad) = try Keuze.lees(ids: ids, kies: f["actie"] == "kies", zaad: zaadTekst)
            let u = try await uitkomst(c, keuze, zaad)
            var d = try await gegevens(context, c)
            d["toonKeuze"] = false
            d["gemaakt"] = try await gemaakt(c, u)
            d["referentie"] = u.uitvoer.docentenblad.rangorde.joined(separator: ", ")
            return Weergave.antwoord(weergave.html("review", d))
        } catch let fout as Weigering where fout.status == .unprocessableContent || fout.status == .badRequest {
            var d = try await gegevens(context, c, gekozen: gekozen, zaad: zaadTekst)
            d["keuzefout"] = fout.fout
            return Weergave.antwoord(weergave.html("review", d), status: fout.status)
        }
    }

    /// The result for the docent only: which aanvraag became A, B and C, the seed, the reference
    /// ranking and the link that downloads this very set again.
    func gemaakt(_ c: Cursus, _ u: Reviewronde.Uitkomst) async throws -> [String: Any] {
        let alle = try await diensten.cursussen.aanvragen(c)
        let perBestand = Dictionary(alle.map { (Reviewronde.bestand($0), $0) }, uniquingKeysWith: { a, _ in a })
        let scores = Dictionary(u.uitvoer.docentenblad.aanvragen.map { ($0.letter, $0.beoordeling.score) },
                                uniquingKeysWith: { a, _ in a })
        var ids: [Int64] = []
        var letters: [[String: Any]] = []
        for t in u.uitvoer.toewijzing.sorted(by: { $0.letter < $1.letter }) {
            let a = perBestand[t.bestand]
            if let a { ids.append(a.id) }
            letters.append([
                "letter": t.letter, "cursist": a?.eigenaarNaam ?? t.bestand,
                "aanvraagTitel": a?.afgeleid.titel ?? "Aanvraag zonder titel",
                "aanvraagId": a.map { String($0.id) } ?? "", "versie": a?.versie ?? 0, "score": scores[t.letter] ?? 0,
            ])
        }
        let query = "aanvragen=" + ids.sorted().map(String.init).joined(separator: ",") + "&zaad=\(u.uitvoer.zaad)"
        return [
            "letters": letters,
            "zaadWaarde": String(u.uitvoer.zaad),
            "rangorde": u.uitvoer.docentenblad.rangorde.joined(separator: " > "),
            "downloadAdres": "/cursussen/\(c.id)/review/download?" + query,
            "deelnemersBestanden": u.uitvoer.deelnemers.map { ["naam": $0.naam] },
            "docentBestanden": u.uitvoer.docent.map { ["naam": $0.naam] },
        ]
    }

    /// The zip of `POST /api/cursussen/{id}/review` for the same ids and seed.
    @Sendable func download(_ request: Request, _ context: VIPContext) async throws -> Response {
        let c = try await cursus(context)
        let q = request.uri.queryParameters
        let ids = (q.get("aanvragen") ?? "").split(separator: ",").map(String.init)
        let (keuze, zaad) = try Keuze.lees(ids: ids, kies: q.get("kies") != nil, zaad: q.get("zaad") ?? "")
        let u = try await uitkomst(c, keuze, zaad)
        return Antwoord.bytes(u.zip, type: "application/zip", headers: [
            .contentDisposition: "attachment; filename=\"review-cursus-\(c.id).zip\"",
            .cacheControl: "no-store",
        ])
    }

    // MARK: Combining the rankings

    @Sendable func combineer(_ request: Request, _ context: VIPContext) async throws -> Response {
        let c = try await cursus(context)
        let f = try await paginas.formulier(request, context, limiet: Limieten.aanvraag)
        var d = try await gegevens(context, c)
        d["toonKeuze"] = false
        d["rangordes"] = f["rangordes"] ?? ""
        d["referentie"] = f["referentie"] ?? ""
        do {
            let groepen = try Self.groepen(f)
            let referentie = try Self.referentie(f)
            let uitslag: Combineer.Uitslag
            do { uitslag = try Combineer.combineer(groepen, referentie: referentie) } catch {
                throw Weigering(.unprocessableContent, error.description)
            }
            d["uitslag"] = Self.uitslag(uitslag)
            return Weergave.antwoord(weergave.html("review", d))
        } catch let fout as Weigering where fout.status == .unprocessableContent {
            d["combineerfout"] = fout.fout
            return Weergave.antwoord(weergave.html("review", d), status: fout.status)
        }
    }

    /// The groups' rankings: an uploaded file exactly as `vip review combineer` reads it, or the
    /// typed lines, where "Groep 1: B, A, C" may also be written for "Groep 1, B, A, C".
    static func groepen(_ f: Formulier) throws -> [Combineer.Groep] {
        let bron: String
        let tekst: String
        if let b = f.bestanden["rangordebestand"] {
            bron = b.naam
            tekst = String(decoding: b.bytes, as: UTF8.self)
        } else {
            bron = "de rangordes"
            tekst = (f["rangordes"] ?? "").split(separator: "\n", omittingEmptySubsequences: false).map { regel in
                guard let dubbelepunt = regel.firstIndex(of: ":") else { return String(regel) }
                var r = regel
                r.replaceSubrange(dubbelepunt...dubbelepunt, with: regel.contains(";") ? ";" : ",")
                return String(r)
            }.joined(separator: "\n")
        }
        do { return try Combineer.lees(tekst, bestand: bron) } catch {
            throw Weigering(.unprocessableContent, melding(error, bron: bron))
        }
    }

    /// The docent's reference ranking: typed ("B, A, C" or "B > A > C"), or from an uploaded
    /// docentenblad.json; nil when neither is given (then there is no distance, as in the CLI).
    static func referentie(_ f: Formulier) throws -> [String]? {
        let getypt = (f["referentie"] ?? "").split { !$0.isLetter }.map { $0.uppercased() }
        if !getypt.isEmpty { return getypt }
        guard let blad = f.bestanden["docentenblad"] else { return nil }
        do { return try Combineer.referentie(json: Data(blad.bytes), bestand: blad.naam) } catch {
            throw Weigering(.unprocessableContent, error.description)
        }
    }

    /// The library's message, with the line named in words: "Regel 2 van de rangordes: …".
    static func melding(_ fout: ReviewFout, bron: String) -> String {
        switch fout {
        case .rangordeVelden(let bestand, let regel, _, _), .rangordeLetter(let bestand, let regel, _, _),
             .rangordeDubbel(let bestand, let regel, _):
            let tekst = fout.description
            let voor = "\(bestand):\(regel): "
            return "Regel \(regel) van \(bron): " + (tekst.hasPrefix(voor) ? String(tekst.dropFirst(voor.count)) : tekst)
        case .geenRangorde:
            return "In \(bron) staat geen enkele rangorde. Schrijf per groep één regel, zoals: Groep 1, B, A, C."
        default:
            return fout.description
        }
    }

    /// The result as `vip review combineer` shows it: the table itself, and the same figures as
    /// an HTML table.
    static func uitslag(_ u: Combineer.Uitslag) -> [String: Any] {
        func afstand(_ r: [String]) -> [String: Any] {
            guard let ref = u.referentie, let d = try? Kendall.distance(r, ref), let tau = try? Kendall.tau(r, ref) else {
                return ["afstand": "", "tau": ""]
            }
            return ["afstand": String(d), "tau": String(format: "%+.2f", tau).replacingOccurrences(of: ".", with: ",")]
        }
        let l = u.schulze.candidates
        var paren: [[String: Any]] = []
        for i in l.indices {
            for j in l.indices where i < j {
                paren.append(["eerste": l[i], "tweede": l[j], "voor": u.schulze.pairwise[i][j], "tegen": u.schulze.pairwise[j][i]])
            }
        }
        return [
            "samen": u.schulze.tiers.map { $0.joined(separator: " = ") }.joined(separator: " > "),
            "aantalGroepen": "\(u.groepen.count) \(u.groepen.count == 1 ? "groep" : "groepen")",
            "heeftReferentie": u.referentie != nil,
            "referentieRangorde": (u.referentie ?? []).joined(separator: " > "),
            "groepen": u.groepen.map { g -> [String: Any] in
                let rij: [String: Any] = ["groepNaam": g.naam, "groepRangorde": g.rangorde.joined(separator: " ")]
                return rij.merging(afstand(g.rangorde)) { a, _ in a }
            },
            "schulzeRangorde": u.schulze.ranking.joined(separator: " "),
            "schulze": afstand(u.schulze.ranking),
            "gelijk": u.schulze.ties.map { $0.joined(separator: " en ") }.joined(separator: "; "),
            "heeftGelijk": !u.schulze.ties.isEmpty,
            "paren": paren,
            "tabel": Combineer.tabel(u),
        ]
    }
}
