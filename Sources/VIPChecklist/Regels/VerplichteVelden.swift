import VIPModel

/// The work of `verplichte_velden`: every required field of the field table that no other rule
/// reports, in each section and list entry that is there. A section is never missing itself; its
/// fields are.
enum VerplichteVelden {
    /// The fields this rule checks.
    static func velden(_ tabel: Veldentabel) -> [Veld] { tabel.alle.filter(controleert) }

    static func controleert(_ v: Veld) -> Bool {
        guard v.verplicht, v.regel == nil else { return false }
        switch v.soort {
        case .vast, .sectie: return false
        default: return true
        }
    }

    /// Only the checked fields, and the fields of variants, are looked at; for the aanvraag's own
    /// table that plan is made once per process.
    private static let aanvraagplan = plan(.aanvraag)

    private static func plan(_ tabel: Veldentabel) -> Veldentabel.Sectieplan {
        tabel.sectieplan(waar: { controleert($0) || tabel.variantvelden.contains($0.pad) })
    }

    /// `inhoud`: the aanvraag as the tree of its fields.
    static func controleer(_ inhoud: Inhoud, tabel: Veldentabel, _ m: inout Melder) {
        func ontbreekt(_ v: Veld, _ pad: String) {
            var wat = v.benaming ?? v.label
            if case .keuze(let waarden, vrij: false) = v.soort { wat += " (\(Veld.opsomming(waarden)))" }
            m.meld(pad, "\(wat) ontbreekt. Vul `\(pad)` in.")
        }
        let plan = tabel.isZelfde(als: .aanvraag) ? aanvraagplan : plan(tabel)
        for sectie in tabel.secties(in: inhoud, plan: plan) {
            // An entry that is one of several kinds (a source or a fund) must complete one of them.
            if let varianten = sectie.veld?.varianten {
                let gevuld = { (sleutel: String) in sectie[sleutel] != nil }
                if !varianten.groepen.contains(where: { $0.allSatisfy(gevuld) }) {
                    if let gekozen = varianten.groepen.first(where: { $0.contains(where: gevuld) }) {
                        for rij in sectie.velden where gekozen.contains(rij.veld.sleutel) && rij.waarde == nil {
                            ontbreekt(rij.veld, rij.pad)
                        }
                    } else {
                        m.meld(sectie.pad, varianten.geenMelding)
                    }
                }
            }
            for rij in sectie.velden where rij.waarde == nil && controleert(rij.veld) {
                ontbreekt(rij.veld, rij.pad)
            }
        }
    }
}
