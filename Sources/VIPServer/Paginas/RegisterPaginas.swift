import Foundation
import Hummingbird
import VIPKit
import VIPModel

/// The organiser's page of the installation's fund register: the funds it holds, its text to edit,
/// a file to import and the file to export. Stored through `RegisterDienst`, as
/// `PUT /api/fondsenregister` stores it: an unreadable text is shown again with where and what,
/// and nothing is stored.
struct RegisterPaginas {
    var paginas: Paginas
    var diensten: Diensten { paginas.diensten }
    var weergave: Weergave { paginas.weergave }
    var register: RegisterDienst { diensten.register }

    func registreer(_ router: Router<VIPContext>) {
        paginas.op(router, .get, "/fondsenregister", pagina)
        paginas.op(router, .post, "/fondsenregister", bewaar)
        paginas.op(router, .get, "/fondsenregister/fondsenregister.yaml", export)
    }

    func beheerder(_ context: VIPContext) throws -> Gebruiker {
        let (g, _) = try paginas.aangemeld(context)
        return try register.toegang.registerbeheerder(g)
    }

    @Sendable func pagina(_ request: Request, _ context: VIPContext) async throws -> Response {
        _ = try beheerder(context)
        let melding: [String: Any]? = request.uri.queryParameters.get("opgeslagen").map {
            ["soort": "succes", "tekst": "Het fondsenregister is opgeslagen als versie \($0)."]
        }
        return try await toon(context, tekst: nil, melding: melding, status: .ok)
    }

    /// The page: the register now, and in the text box `tekst` (what was typed or imported) or the
    /// stored text.
    func toon(_ context: VIPContext, tekst: String?, melding: [String: Any]?, fout: Weigering? = nil,
              status: HTTPResponse.Status) async throws -> Response {
        let stand = try await register.huidig()
        var d = paginas.basis(context, titel: "Fondsenregister")
        d["melding"] = melding ?? false
        d["versie"] = stand.versie
        d["heeftRegister"] = stand.rij != nil
        if let rij = stand.rij {
            let door = try await diensten.kern.opslag.gebruiker(id: rij.door)?.naam ?? "onbekend"
            let n = stand.register?.fondsen.count ?? 0
            d["stand"] = "Versie \(rij.versie), opgeslagen op \(Paginas.tijd(rij.tijd)) door \(door); "
                + "\(n) \(n == 1 ? "fonds" : "fondsen")."
        }
        d["onleesbaar"] = stand.leesfout.map { "Het opgeslagen register kan niet worden gelezen: \($0.description)" } ?? false
        let fondsen = stand.register?.fondsen ?? []
        d["fondsen"] = fondsen.map(Self.rij)
        d["heeftFondsen"] = !fondsen.isEmpty
        d["tekst"] = tekst ?? stand.rij.map { String(decoding: $0.tekst, as: UTF8.self) } ?? Self.begin
        d["limietMiB"] = Limieten.aanvraag / 1024 / 1024
        if let fout {
            var f: [String: Any] = ["tekst": fout.fout]
            if let lees = fout.extra.first(where: { $0.0 == "leesfout" })?.1, case .object(let leden) = lees,
               case .number(let regel)? = leden.first(where: { $0.0 == "regel_nr" })?.1 {
                f["regel"] = regel
            }
            d["fout"] = f
        } else {
            d["fout"] = false
        }
        return Weergave.antwoord(weergave.html("fondsenregister", d), status: status)
    }

    /// What an organiser starts an empty register with.
    static let begin = "formaat: \(Fondsenregister.formaat)\nfondsen:\n  - naam: \n"

    /// One fund as a row of the table.
    static func rij(_ f: Fondsenregister.Fonds) -> [String: Any] {
        let contact = [f.terAttentieVan, f.adres.map { [$0.straat, [$0.postcode, $0.plaats].compactMap { $0 }.joined(separator: " ")]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ") }].compactMap { $0 }.filter { !$0.isEmpty }
        return ["naam": f.naam, "themas": f.themas.isEmpty ? "—" : f.themas.joined(separator: ", "),
                "regio": f.regio.isEmpty ? "—" : f.regio.joined(separator: ", "), "bedrag": f.bereik ?? "—",
                "termijn": f.beslistermijnWeken.map { "\($0) weken" } ?? "—",
                "contact": contact.isEmpty ? "—" : contact.joined(separator: "; ")]
    }

    /// The text box or an imported file becomes the new register.
    @Sendable func bewaar(_ request: Request, _ context: VIPContext) async throws -> Response {
        let g = try beheerder(context)
        let f = try await paginas.formulier(request, context, limiet: Limieten.aanvraag + 64 * 1024)
        let bytes: [UInt8]
        if let bestand = f.bestanden["bestand"], !bestand.bytes.isEmpty {
            bytes = bestand.bytes
        } else {
            // A text box sends CR LF line ends; the register is stored as typed, with LF.
            bytes = Array((f["tekst"] ?? "").replacingOccurrences(of: "\r\n", with: "\n").utf8)
        }
        let tekst = String(decoding: bytes, as: UTF8.self)
        guard !tekst.trimmedText.isEmpty else {
            return try await toon(context, tekst: tekst, melding: nil, fout: Weigering(.unprocessableContent,
                "Kies een bestand of typ het register; er is niets opgeslagen."), status: .unprocessableContent)
        }
        do {
            let (rij, _) = try await register.bewaar(bytes, door: g, verwacht: Int(f["versie"] ?? ""))
            return Weergave.doorsturen("/fondsenregister?opgeslagen=\(rij.versie)")
        } catch let w as Weigering where w.status == .unprocessableContent || w.status == .contentTooLarge {
            return try await toon(context, tekst: tekst, melding: nil, fout: w, status: w.status)
        } catch let v as VerouderdeVersie {
            return try await toon(context, tekst: tekst, melding: nil, fout: Weigering(.conflict,
                "Het fondsenregister is intussen gewijzigd (nu versie \(v.huidige)). Uw tekst is niet opgeslagen en staat "
                + "hieronder; kijk hem na en sla opnieuw op."), status: .conflict)
        }
    }

    @Sendable func export(_ request: Request, _ context: VIPContext) async throws -> Response {
        let g = try beheerder(context)
        let rij = try await register.tekst(voor: g)
        return Antwoord.bytes(rij.tekst, type: RegisterDienst.yaml, headers: [
            .contentDisposition: "attachment; filename=\"fondsenregister.yaml\"",
        ])
    }
}
