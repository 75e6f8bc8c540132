import Foundation
import VIPChecklist
import VIPKit
import VIPModel

/// The page "Na het besluit" (na-het-besluit.md): per fund of the dekkingsplan what it decided
/// (the decision keys of the field table), and the realisatie: a table of every begroting post
/// with begroot, werkelijk, the difference and the running difference, with a subtotal per
/// categorie (as the begroting page has running totals); costs outside the begroting; the money
/// received against what was promised; each planned resultaat with what was reached; the verslag.
/// The figures are the verantwoording's (`Verantwoording`), so the page and the document agree.
///
/// Every input is named by its path in the aanvraag, as on every page; saving goes through
/// `Invulling.toegepast`, which sets the decision keys of the entries that exist
/// (`Pagina.losseVelden`) and keeps a table row only when something was filled in (`_alleenMet`).
struct NaHetBesluitweergave {
    var model: Aanvraag
    var invulling: Invulling

    static var sleutels: [String] { Pagina.besluitvelden }

    /// The page's data; takes the findings it shows beside its fields out of `w`.
    func gegevens(_ w: inout Veldweergave) -> [String: Any] {
        var d: [String: Any] = [:]
        d["besluiten"] = besluiten(&w)
        d["heeftBesluiten"] = !(d["besluiten"] as! [[String: Any]]).isEmpty
        let tabel = Veldentabel.aanvraag
        d["peildatum"] = tabel.veld("realisatie.peildatum").map { w.veld($0, pad: "realisatie.peildatum") } ?? [:]
        d["posten"] = posten(&w)
        d["dekking"] = dekking(&w)
        if let extra = tabel.veld("realisatie.extra") {
            var v = w.veld(extra, pad: "realisatie.extra")
            v["legendVerborgen"] = true
            d["extra"] = v
        }
        if let ontvangen = tabel.veld("realisatie.ontvangen") {
            var v = w.veld(ontvangen, pad: "realisatie.ontvangen")
            v["legendVerborgen"] = true
            d["ontvangen"] = v
        }
        d["resultaten"] = resultaten(&w)
        if let verslag = tabel.veld("realisatie.verslag") {
            var v = w.veld(verslag, pad: "realisatie.verslag")
            v["legendVerborgen"] = true
            d["verslag"] = v
        }
        return d
    }

    // MARK: The decision per fund

    func besluiten(_ w: inout Veldweergave) -> [[String: Any]] {
        model.dekkingsplan.enumerated().compactMap { i, dekking -> [String: Any]? in
            guard let naam = dekking.fonds else { return nil }
            let pad = "dekkingsplan[\(i)]"
            let velden = Self.sleutels.compactMap { sleutel -> [String: Any]? in
                guard let v = Veldentabel.aanvraag.veld("\(pad).\(sleutel)") else { return nil }
                return w.veld(v, pad: "\(pad).\(sleutel)")
            }
            return ["naam": naam, "id": Veldweergave.domID(pad) + "-besluit", "pad": pad,
                    "gevraagd": dekking.bedrag?.description ?? "geen bedrag", "velden": velden]
        }
    }

    // MARK: Begroot against werkelijk

    /// The rows of the table: each begroting post in the order of its categorie (`perCategorie`, as the
    /// verantwoording has them), bound to the realisatie entry that names it (the first one), or to a
    /// new entry after the last one; costs outside the begroting in their categorie, read only; a
    /// subtotal row per categorie. Entries that name no post stand below, to correct or remove.
    func posten(_ w: inout Veldweergave) -> [String: Any] {
        let realisatie = model.realisatie ?? Realisatie()
        let v = Verantwoording(model)
        guard let werkelijkVeld = Veldentabel.aanvraag.veld("realisatie.posten[0].werkelijk"),
              let toelichtingVeld = Veldentabel.aanvraag.veld("realisatie.posten[0].toelichting"),
              let postVeld = Veldentabel.aanvraag.veld("realisatie.posten[0].post") else { return [:] }
        var gebonden = Set<Int>()
        var volgende = max(realisatie.posten.count, (invulling.indices("realisatie.posten").last ?? -1) + 1)
        var lopend = Bedrag.zero
        var groepen: [[String: Any]] = []
        var zonder = 0
        for categorie in v.categorieen {
            var rijen: [[String: Any]] = []
            for regel in categorie.regels {
                guard let begroot = regel.begroot else {
                    // A cost outside the begroting: edited in its own list below.
                    let bedrag = regel.werkelijk ?? .zero
                    lopend += bedrag
                    rijen.append(["post": regel.post, "isExtra": true, "begroot": "—", "werkelijkTekst": bedrag.description,
                                  "verschil": VerantwoordingBuilder.verschil(bedrag),
                                  "lopend": VerantwoordingBuilder.verschil(lopend), "heeftBevindingen": false,
                                  "begrootCenten": 0, "werkelijkCenten": bedrag.cents])
                    continue
                }
                let k: Int
                if let gevonden = realisatie.posten.indices.first(where: { !gebonden.contains($0)
                    && realisatie.posten[$0].post == regel.post }) {
                    k = gevonden
                } else {
                    k = volgende
                    volgende += 1
                }
                gebonden.insert(k)
                let pad = "realisatie.posten[\(k)]"
                var werkelijk = w.veld(werkelijkVeld, pad: pad + ".werkelijk")
                werkelijk["heeftAriaLabel"] = true
                werkelijk["ariaLabel"] = "Werkelijk bedrag van \(regel.post)"
                var toelichting = w.veld(toelichtingVeld, pad: pad + ".toelichting")
                toelichting["isProza"] = false
                toelichting["isTekst"] = true
                toelichting["heeftHint"] = false
                toelichting["heeftAriaLabel"] = true
                toelichting["ariaLabel"] = "Toelichting bij \(regel.post)"
                let eigen = w.neem(pad) + w.neem(pad + ".post")
                var rij: [String: Any] = ["post": regel.post, "pad": pad, "isExtra": false, "begroot": begroot.description,
                                          "begrootCenten": begroot.cents, "werkelijkVeld": werkelijk,
                                          "toelichtingVeld": toelichting, "bevindingen": eigen,
                                          "heeftBevindingen": !eigen.isEmpty || (werkelijk["heeftBevindingen"] as? Bool ?? false)
                                              || (toelichting["heeftBevindingen"] as? Bool ?? false)]
                if let gedaan = Bedrag.lees(invulling[pad + ".werkelijk"]) {
                    lopend += gedaan - begroot
                    rij["verschil"] = VerantwoordingBuilder.verschil(gedaan - begroot)
                    rij["lopend"] = VerantwoordingBuilder.verschil(lopend)
                } else {
                    zonder += 1
                    rij["verschil"] = "—"
                    rij["lopend"] = ""
                }
                rijen.append(rij)
            }
            groepen.append(["categorie": categorie.naam, "rijen": rijen, "begroot": categorie.begroot.description,
                            "werkelijk": categorie.werkelijk.description,
                            "verschil": VerantwoordingBuilder.verschil(categorie.verschil)])
        }
        // Entries that name no begroting post (or name one twice): shown as they are, to correct.
        let overig = realisatie.posten.indices.filter { !gebonden.contains($0) }.map { k -> [String: Any] in
            let pad = "realisatie.posten[\(k)]"
            var velden: [String: Any] = [:]
            for (sleutel, veld) in [("post", postVeld), ("werkelijk", werkelijkVeld), ("toelichting", toelichtingVeld)] {
                var cel = w.veld(veld, pad: "\(pad).\(sleutel)")
                if sleutel != "werkelijk" { cel["isProza"] = false; cel["isTekst"] = true }
                cel["heeftHint"] = false
                cel["heeftAriaLabel"] = true
                cel["ariaLabel"] = "Regel \(k + 1) zonder begrotingspost: \(sleutel)"
                velden[sleutel] = cel
            }
            let eigen = w.neem(pad)
            return ["pad": pad, "id": Veldweergave.domID(pad), "post": velden["post"]!, "werkelijk": velden["werkelijk"]!,
                    "toelichting": velden["toelichting"]!, "bevindingen": eigen, "heeftBevindingen": !eigen.isEmpty]
        }
        let algemeen = w.neem("realisatie.posten")
        return ["groepen": groepen, "heeftGroepen": !groepen.isEmpty, "begroot": v.begroot.description,
                "werkelijk": v.werkelijk.description, "verschil": VerantwoordingBuilder.verschil(v.verschil),
                "zonder": zonder, "heeftZonder": zonder > 0, "zonderTekst": zonder == 1 ? "1 post heeft" : "\(zonder) posten hebben",
                "overig": overig, "heeftOverig": !overig.isEmpty, "bevindingen": algemeen, "heeftBevindingen": !algemeen.isEmpty]
    }

    // MARK: Promised against received

    /// Per dekkingsplan entry (and money from a source it does not name): asked, promised, received
    /// and the difference, as in the verantwoording.
    func dekking(_ w: inout Veldweergave) -> [String: Any] {
        let v = Verantwoording(model)
        // What is said of the realisatie as a whole is about money received (`realisatie_ontvangen`).
        let algemeen = w.neem("realisatie")
        let rijen = v.dekking.map { r -> [String: Any] in
            let verschil = r.ontvangen.map { o in VerantwoordingBuilder.verschil(o - (r.toegezegd ?? .zero)) } ?? "—"
            return ["naam": r.naam, "status": r.status?.rawValue ?? "niet in het dekkingsplan",
                    "gevraagd": r.gevraagd?.description ?? "—", "toegezegd": r.toegezegd?.description ?? "—",
                    "ontvangen": r.ontvangen?.description ?? "—", "verschil": verschil]
        }
        return ["rijen": rijen, "heeftRijen": !rijen.isEmpty, "toegezegd": v.toegezegd.description,
                "bevindingen": algemeen, "heeftBevindingen": !algemeen.isEmpty,
                "ontvangen": v.ontvangen.description,
                "verschil": VerantwoordingBuilder.verschil(v.ontvangen - v.toegezegd)]
    }

    // MARK: Results

    /// Each planned resultaat with a field for what was reached (bound to the realisatie entry that
    /// names it, or a new one); entries that name no planned resultaat stand below.
    func resultaten(_ w: inout Veldweergave) -> [String: Any] {
        let realisatie = model.realisatie ?? Realisatie()
        guard let bereiktVeld = Veldentabel.aanvraag.veld("realisatie.resultaten[0].bereikt"),
              let resultaatVeld = Veldentabel.aanvraag.veld("realisatie.resultaten[0].resultaat") else { return [:] }
        var gebonden = Set<Int>()
        var volgende = max(realisatie.resultaten.count, (invulling.indices("realisatie.resultaten").last ?? -1) + 1)
        let beoogd = model.project.resultaten.compactMap(\.resultaat)
        let rijen = beoogd.enumerated().map { nr, tekst -> [String: Any] in
            let k: Int
            if let gevonden = realisatie.resultaten.indices.first(where: { !gebonden.contains($0)
                && realisatie.resultaten[$0].resultaat == tekst }) {
                k = gevonden
            } else {
                k = volgende
                volgende += 1
            }
            gebonden.insert(k)
            let pad = "realisatie.resultaten[\(k)]"
            var bereikt = w.veld(bereiktVeld, pad: pad + ".bereikt")
            bereikt["label"] = "Bereikt bij resultaat \(nr + 1)"
            bereikt["heeftVraag"] = false
            let eigen = w.neem(pad) + w.neem(pad + ".resultaat")
            return ["nr": nr + 1, "resultaat": tekst, "pad": pad, "bereikt": bereikt, "bevindingen": eigen,
                    "heeftBevindingen": !eigen.isEmpty]
        }
        let overig = realisatie.resultaten.indices.filter { !gebonden.contains($0) }.map { k -> [String: Any] in
            let pad = "realisatie.resultaten[\(k)]"
            var r = w.veld(resultaatVeld, pad: pad + ".resultaat")
            r["label"] = "Resultaat (staat niet bij de beoogde resultaten)"
            let b = w.veld(bereiktVeld, pad: pad + ".bereikt")
            let eigen = w.neem(pad)
            return ["pad": pad, "id": Veldweergave.domID(pad), "resultaatVeld": r, "bereikt": b, "bevindingen": eigen,
                    "heeftBevindingen": !eigen.isEmpty]
        }
        let algemeen = w.neem("realisatie.resultaten")
        return ["rijen": rijen, "heeftRijen": !rijen.isEmpty, "overig": overig, "heeftOverig": !overig.isEmpty,
                "bevindingen": algemeen, "heeftBevindingen": !algemeen.isEmpty]
    }
}
