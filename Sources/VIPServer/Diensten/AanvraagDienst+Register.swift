import Foundation
import VIPKit
import VIPModel

/// A fund from the installation's register, added to an aanvraag in one step (na-het-besluit.md:
/// "adds a fund with its address in one click").
extension AanvraagDienst {
    /// What adding did: the fund as the register has it, and whether it was new in `fondsen` and
    /// in the dekkingsplan (adding a fund that is there already stores nothing).
    struct Toegevoegd: Sendable {
        var opgeslagen: Opgeslagen
        var fonds: Fondsenregister.Fonds
        var nieuwInFondsen: Bool
        var nieuwInDekkingsplan: Bool
    }

    /// Adds register fund `naam` to `fondsen` (name, contact, aanhef, address and doelstelling from
    /// the register) and to the dekkingsplan (`fonds` with status `verwacht`, and `bedrag` when
    /// given), both only when they do not name it yet (names compared as the register compares
    /// them), and stores the result through `bewaarVelden` as the next version. A fund the register
    /// does not know is 422; without a register 404.
    func voegFondsToe(_ a: AanvraagRij, verwacht: Int, naam: String, bedrag: Bedrag? = nil) async throws -> Toegevoegd {
        guard let register = try await kern.register().register else {
            throw Weigering.nietGevonden(RegisterDienst.geenRegister)
        }
        guard let fonds = register.fonds(naam) else {
            throw Weigering(.unprocessableContent, "Het fondsenregister kent geen fonds met de naam \(naam). Er is niets "
                + "opgeslagen.")
        }
        let huidig = try await check(a, a.versie)
        guard let model = huidig.aanvraag else { throw Kern.leesfout(huidig) }
        let sleutel = Regio.normaal(fonds.naam)
        let inFondsen = model.fondsen.contains { $0.naam.map(Regio.normaal) == sleutel }
        let inPlan = model.dekkingsplan.contains { $0.fonds.map(Regio.normaal) == sleutel }
        if inFondsen && inPlan {
            return Toegevoegd(opgeslagen: Opgeslagen(versie: a.versie, check: huidig, nieuw: false, tijd: a.gewijzigd),
                              fonds: fonds, nieuwInFondsen: false, nieuwInDekkingsplan: false)
        }
        let (o, _) = try await bewaarVelden(a, verwacht: verwacht) { boom in
            var uit = boom
            if !inFondsen {
                uit = Self.voegToe(uit, lijst: "fondsen", Self.boom(fonds.alsAanvraagfonds))
            }
            if !inPlan {
                var paren: [YAMLWaarde.Paar] = [.init("fonds", .tekst(fonds.naam))]
                if let bedrag { paren.append(.init("bedrag", .letterlijk(bedrag.plain))) }
                paren.append(.init("status", .tekst(DekkingStatus.verwacht.rawValue)))
                uit = Self.voegToe(uit, lijst: "dekkingsplan", .map(paren))
            }
            return Invulling.orden(uit, Veldentabel.aanvraag.velden)
        }
        return Toegevoegd(opgeslagen: o, fonds: fonds, nieuwInFondsen: !inFondsen, nieuwInDekkingsplan: !inPlan)
    }

    static func voegToe(_ boom: YAMLWaarde, lijst: String, _ item: YAMLWaarde) -> YAMLWaarde {
        var items: [YAMLWaarde] = []
        if case .lijst(let l)? = boom[lijst] { items = l }
        return Invulling.zet(boom, sleutels: [lijst], .lijst(items + [item]))
    }

    /// An entry of `fondsen` as the export writes it.
    static func boom(_ f: Fonds) -> YAMLWaarde {
        var paren: [YAMLWaarde.Paar] = []
        func tekst(_ sleutel: String, _ waarde: String?, in lijst: inout [YAMLWaarde.Paar]) {
            if let waarde, !waarde.trimmedText.isEmpty { lijst.append(.init(sleutel, .tekst(waarde))) }
        }
        tekst("naam", f.naam, in: &paren)
        tekst("ter_attentie_van", f.terAttentieVan, in: &paren)
        tekst("aanhef", f.aanhef, in: &paren)
        if let a = f.adres {
            var adres: [YAMLWaarde.Paar] = []
            tekst("straat", a.straat, in: &adres)
            tekst("postcode", a.postcode, in: &adres)
            tekst("plaats", a.plaats, in: &adres)
            if !adres.isEmpty { paren.append(.init("adres", .map(adres))) }
        }
        tekst("doelstelling", f.doelstelling, in: &paren)
        return .map(paren)
    }
}
