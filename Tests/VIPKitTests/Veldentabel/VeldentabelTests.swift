import Foundation
import Testing
@testable import VIPModel
@testable import VIPChecklist
@testable import VIPKit

@Suite("Veldentabel")
struct VeldentabelTests {
    let tabel = Veldentabel.aanvraag

    func lees(_ voorbeeld: Voorbeeldaanvraag, tabel: Veldentabel = .aanvraag) throws -> Aanvraag {
        try AanvraagReader.parse(try voorbeeld.yaml(), bestand: "vol.yaml", tabel: tabel)
    }

    /// `terAttentieVan` → `ter_attentie_van`: the YAML key of a model property.
    static func sleutel(_ eigenschap: String) -> String {
        eigenschap.reduce(into: "") { uit, c in uit += c.isUppercase ? "_" + c.lowercased() : String(c) }
    }

    @Test("A key's model property: camel case between underscores, the same on the fast ASCII way as on the general one")
    func theKeyGivesItsPropertyOnEitherWay() {
        func algemeen(_ s: String) -> String {
            s.split(separator: "_").enumerated()
                .map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }
                .joined()
        }
        let gevallen = ["naam", "ter_attentie_van", "_voor", "na_", "a__b", "kvk_2e_deel", "post_2025", "Al_groot",
                        "één_twee", "x_ñu", ""]
        for s in gevallen { #expect(Veld.eigenschap(s) == algemeen(s), "\(s)") }
        #expect(Veld.eigenschap("ter_attentie_van") == "terAttentieVan")
        #expect(Veld.eigenschap("één_twee") == "éénTwee")
        for v in tabel.alle { #expect(Self.sleutel(v.eigenschap) == v.sleutel || v.sleutel.contains(where: \.isNumber), "\(v.pad)") }
    }

    /// Walks a model value by reflection: every stored property by its path, and whether it held a value.
    func eigenschappen(van aanvraag: Aanvraag) -> [String: Bool] {
        var gevonden: [String: Bool] = [:]
        func aanwezig(_ x: Any) -> Any? {
            let m = Mirror(reflecting: x)
            switch m.displayStyle {
            case .optional: return m.children.first.flatMap { aanwezig($0.value) }
            case .collection: return m.children.isEmpty ? nil : x
            default: return x
            }
        }
        func loop(_ x: Any, _ pad: String) {
            for kind in Mirror(reflecting: x).children {
                guard let label = kind.label else { continue }
                // Where the file's nodes stand, and the fields the model has no property for: not fields.
                if pad.isEmpty && (label == "bron" || label == "overige") { continue }
                let p = pad.isEmpty ? Self.sleutel(label) : "\(pad).\(Self.sleutel(label))"
                let waarde = aanwezig(kind.value)
                gevonden[p] = (gevonden[p] ?? false) || waarde != nil
                // Descend only into what the table calls a section: amounts and dates are values.
                guard let waarde, let veld = tabel.veld(p), veld.heeftVelden else { continue }
                if veld.isLijst {
                    for item in Mirror(reflecting: waarde).children { loop(item.value, p + "[]") }
                } else {
                    loop(waarde, p)
                }
            }
        }
        loop(aanvraag, "")
        return gevonden
    }

    @Test func everyPropertyOfAFullAanvraagIsInTheTableAndBack() throws {
        let a = try lees(Voorbeeldaanvraag())
        let gevonden = eigenschappen(van: a)
        #expect(gevonden.count > 100)
        let buitenTabel = gevonden.keys.filter { tabel.veld($0)?.pad != $0 }.sorted()
        #expect(buitenTabel.isEmpty, "model properties the table lacks: \(buitenTabel)")
        let leeg = gevonden.filter { !$0.value }.map(\.key).sorted()
        #expect(leeg.isEmpty, "not filled from the table (read by nobody?): \(leeg)")
        let zonderEigenschap = tabel.alle.map(\.pad).filter { gevonden[$0] == nil }
        #expect(zonderEigenschap.isEmpty, "table fields without a model property: \(zonderEigenschap)")
    }

    /// Each choice of the table reads into the model as that same value: table and enums agree.
    @Test func everyChoiceValueReadsBack() throws {
        let keuzevelden = tabel.alle.filter { $0.keuzes != nil }
        let meeste = keuzevelden.map { $0.keuzes!.count }.max()!
        for i in 0..<meeste {
            func gekozen(_ v: Veld) -> String { v.keuzes![i % v.keuzes!.count] }
            let a = try lees(Voorbeeldaanvraag(keuze: { v, _ in gekozen(v) }))
            let gelezen = tabel.waarden(in: a) { $0.keuzes != nil }
            #expect(Set(gelezen.map(\.veld.pad)) == Set(keuzevelden.map(\.pad)))
            for w in gelezen { #expect(w.tekst == gekozen(w.veld), "\(w.pad)") }
        }
    }

    @Test func findingPathsLeadToTheirField() throws {
        let prijs = try #require(tabel.veld("begroting.posten[2].prijs"))
        #expect(prijs.pad == "begroting.posten[].prijs")
        #expect(prijs.soort == .bedrag && prijs.verplicht && prijs.bijeenkomst == 3)
        #expect(tabel.veld("begroting.posten[].prijs") == prijs)
        #expect(tabel.veld("project.thema[1]")?.pad == "project.thema")
        #expect(tabel.veld("fondsen[0]")?.pad == "fondsen")
        #expect(tabel.veld("fondsen[0].adres.postcode")?.identificeert == nil)
        #expect(tabel.veld("organisatie.adres.postcode")?.identificeert == .postcode)
        #expect(tabel.veld("project.doelgrop") == nil)
        #expect(tabel.sleutels(onder: "project.activiteiten[4]").contains("uitvoerders"))
        #expect(tabel.sleutels(onder: "") == tabel.velden.map(\.sleutel))
        #expect(tabel.sleutels(onder: "project.titel").isEmpty)
        #expect(tabel.keuzes("project.aanpak[0]") == Fase.allCases.map(\.rawValue))
    }

    /// A form follows the course: parts by the bijeenkomst they are due, each field with a label,
    /// and every field due by a bijeenkomst except the file's own bookkeeping.
    @Test func partsInCourseOrder() throws {
        let delen = tabel.onderdelen
        #expect(delen.first?.sleutel == "project")
        #expect(delen.map { $0.bijeenkomst! } == delen.map { $0.bijeenkomst! }.sorted())
        // The realisatie comes after the course and the funds' decisions: no bijeenkomst asks for it.
        #expect(Set(delen.map(\.sleutel))
                == Set(tabel.velden.filter(\.heeftVelden).map(\.sleutel)).subtracting(["negeer", "realisatie"]))
        for v in tabel.alle {
            #expect(!v.label.isEmpty, "\(v.pad)")
            let deel = v.pad.split(whereSeparator: { $0 == "." || $0 == "[" }).first.map(String.init) ?? ""
            if deel == "realisatie" {
                #expect(v.bijeenkomst == nil, "\(v.pad)")
            } else if !["formaat", "negeer", "woordenlijst"].contains(deel) {
                #expect((2...8).contains(v.bijeenkomst ?? 0), "\(v.pad)")
            }
        }
        #expect(tabel.veld("begroting.toelichting")?.bijeenkomst == 3)
        #expect(tabel.veld("brief.slot")?.bijeenkomst == 5)
        #expect(tabel.veld("project.partners[0].naam")?.bijeenkomst == 2)
    }

    /// A field added to the table reaches the reader, the schema, `vip init`, the spelling check,
    /// the anonymiser and `verplichte_velden`, with no other edit: each is a function of the table.
    @Test func aFieldAddedToTheTableShowsUpEverywhere() throws {
        let nieuw = Veld("nieuw_veld", .proza, "Nieuw veld", vraag: "Wat is er nieuw?", verplicht: true,
                         identificeert: .persoon)
        let btw = Veld("btw", .keuze(["hoog", "laag"]), "Btw-tarief", verplicht: true)
        let uitgebreid = tabel.met(nieuw, onder: "project").met(btw, onder: "begroting.posten")
        let pad = "project.nieuw_veld", btwPad = "begroting.posten[].btw"

        // The reader: the keys are allowed (unknown keys are still refused, with a suggestion).
        let yaml = "formaat: vip-aanvraag/1\nproject:\n  nieuw_veld: Iets nieuws\nbegroting:\n  posten:\n    - btw: laag\n"
        let onbekend = #expect(throws: LeesFout.self) { try AanvraagReader.parse(yaml) }
        #expect(onbekend?.melding.contains("Onbekend veld `nieuw_veld`") == true)
        _ = try AanvraagReader.parse(yaml, tabel: uitgebreid)
        let fout = #expect(throws: LeesFout.self) {
            try AanvraagReader.parse(yaml.replacingOccurrences(of: "btw: laag", with: "btww: laag"), tabel: uitgebreid)
        }
        #expect(fout?.melding.contains("bedoelde u `btw`?") == true, "\(fout?.melding ?? "")")

        // The schema.
        func eigenschappen(_ t: Veldentabel, _ pad: [String]) throws -> [String: Any] {
            var o = try #require(try JSONSerialization.jsonObject(with: Data(Schema.json(t).serialised().utf8)) as? [String: Any])
            for stap in pad { o = try #require(o[stap] as? [String: Any]) }
            return o
        }
        #expect(try eigenschappen(uitgebreid, ["properties", "project", "properties"])["nieuw_veld"] != nil)
        #expect(try eigenschappen(tabel, ["properties", "project", "properties"])["nieuw_veld"] == nil)
        let btwSchema = try eigenschappen(uitgebreid, ["properties", "begroting", "properties", "posten", "items",
                                                       "properties", "btw"])
        #expect((btwSchema["enum"] as? [Any?])?.count == 3)

        // `vip init`: the field with its label and question, in a file the reader takes.
        let sjabloon = Init.sjabloon(uitgebreid)
        let regels = sjabloon.split(separator: "\n")
        #expect(regels.contains { $0.hasPrefix("  nieuw_veld: ") && $0.hasSuffix(" # Nieuw veld. Wat is er nieuw?") })
        #expect(regels.contains { $0.hasPrefix("      btw: ") && $0.hasSuffix(" # Btw-tarief. Kies uit: hoog of laag.") })
        #expect(!Init.sjabloon(tabel).contains("nieuw_veld"))
        _ = try AanvraagReader.parse(sjabloon, tabel: uitgebreid)

        // The spelling check, the anonymiser and verplichte_velden.
        #expect(Spellingcontrole.velden(uitgebreid).map(\.pad).contains(pad))
        #expect(!Spellingcontrole.velden(tabel).map(\.pad).contains(pad))
        #expect(Anonimiseerder.identificerendeVelden(uitgebreid).map(\.pad).contains(pad))
        #expect(!Anonimiseerder.identificerendeVelden(tabel).map(\.pad).contains(pad))
        #expect(Set(VerplichteVelden.velden(uitgebreid).map(\.pad)).isSuperset(of: [pad, btwPad]))
        #expect(VerplichteVelden.velden(tabel).allSatisfy { $0.pad != pad && $0.pad != btwPad })

        // The rule reports them, missing, in the model that has no place for them yet.
        let a = try AanvraagReader.read(path: Repo.path("Samples/buurtmoestuin.yaml"))
        let regel = try #require(Checklist().regel("verplichte_velden"))
        var m = Melder(regel: regel, aanvraag: a)
        VerplichteVelden.controleer(a.inhoud, tabel: uitgebreid, &m)
        let paden = m.bevindingen.map(\.pad)
        #expect(paden.contains(pad))
        #expect(paden.contains("begroting.posten[0].btw"))
        #expect(m.bevindingen.contains { $0.melding == "Btw-tarief (hoog of laag) ontbreekt. Vul `begroting.posten[0].btw` in." })
        var standaard = Melder(regel: regel, aanvraag: a)
        VerplichteVelden.controleer(a.inhoud, tabel: tabel, &standaard)
        #expect(standaard.bevindingen.isEmpty)
    }

    /// Issue 17, item 6: a field is added in one place. A field with the identifying flag, added to
    /// the table only (the model has no property for it), is read, exported, on its page and
    /// anonymised, in the field itself and wherever the applicant repeats it.
    @Test func anIdentifyingFieldAddedToTheTableOnlyIsReadExportedShownAndAnonymised() throws {
        let nieuw = Veld("vertrouwenspersoon", .tekst, "Vertrouwenspersoon",
                         vraag: "Bij wie kunnen deelnemers terecht met een klacht?", identificeert: .persoon)
        let uitgebreid = tabel.met(nieuw, onder: "organisatie")
        let naam = "Quirijn Vermeulenhof"
        let origineel = try String(contentsOfFile: Repo.path("Samples/buurtmoestuin.yaml"), encoding: .utf8)
        var yaml = origineel.replacingOccurrences(of: "organisatie:\n  naam:",
                                                  with: "organisatie:\n  vertrouwenspersoon: \(naam)\n  naam:")
        yaml = yaml.replacingOccurrences(of: "  samenvatting: >\n",
                                         with: "  samenvatting: >\n    Klachten gaan naar \(naam).\n")
        #expect(yaml != origineel)

        // Read: the standard table refuses the key, the extended table reads it.
        #expect(throws: LeesFout.self) { try AanvraagReader.parse(yaml, bestand: "b.yaml") }
        let a = try AanvraagReader.parse(yaml, bestand: "b.yaml", tabel: uitgebreid)
        #expect(a.overige["organisatie.vertrouwenspersoon"] == .tekst(naam))
        let waarde = try #require(uitgebreid.waarden(in: a).first { $0.pad == "organisatie.vertrouwenspersoon" })
        #expect(waarde.tekst == naam && waarde.veld.identificeert == .persoon)
        #expect(a.bron.locate("organisatie.vertrouwenspersoon")?.line == 8)

        // Exported, in table order, and read back the same.
        let export = AanvraagExport.yaml(a, tabel: uitgebreid)
        #expect(export.contains("organisatie:\n  naam: \"Stichting Groen in Presikhaaf\"\n"))
        #expect(export.contains("  contactpersoon:") && export.contains("\n  vertrouwenspersoon: \"\(naam)\"\n"))
        let terug = try AanvraagReader.parse(export, bestand: "export.yaml", tabel: uitgebreid)
        #expect(AanvraagExport.yaml(terug, tabel: uitgebreid) == export)
        #expect(!AanvraagExport.yaml(a).contains("vertrouwenspersoon"))

        // On its page: the pages group the table's fields by part, in the order of the course.
        let deel = try #require(uitgebreid.onderdelen.first { $0.velden.contains { $0.pad == "organisatie.vertrouwenspersoon" } })
        #expect(deel.sleutel == "organisatie")
        #expect(uitgebreid.veld("organisatie.vertrouwenspersoon")?.bijeenkomst == deel.bijeenkomst)
        #expect(Init.sjabloon(uitgebreid).contains("  vertrouwenspersoon: "))

        // Anonymised: collected as a person, replaced in the field and in the prose.
        var anonimiseerder = Anonimiseerder(isGewoonWoord: { _ in false })
        anonimiseerder.tabel = uitgebreid
        let r = anonimiseerder.anonimiseer(a)
        #expect(r.identificerend.contains { $0.soort == .persoon && $0.tekst == naam })
        let label = try #require(r.aanvraag.overige["organisatie.vertrouwenspersoon"]?.tekst)
        #expect(label.hasPrefix("[persoon"))
        let anoniem = AanvraagExport.yaml(r.aanvraag, tabel: uitgebreid)
        #expect(anoniem.contains("vertrouwenspersoon: \"\(label)\""))
        #expect(!anoniem.contains("Quirijn") && !anoniem.contains("Vermeulenhof"), "\(anoniem)")
        #expect(r.aanvraag.project.samenvatting?.hasPrefix("Klachten gaan naar \(label).") == true)
    }

    /// Issue 17, item 7: the field table's walks reflect on no value. The model's `Codable`
    /// conformances, written by the compiler, carry the values between the model and the table;
    /// no `Mirror` is made per aanvraag, nor anywhere in the library.
    @Test func noReflectionInTheLibrary() throws {
        let fm = FileManager.default
        var gevonden: [String] = []
        for module in ["VIPModel", "VIPChecklist", "VIPKit", "VIPDocument"] {
            let map = Repo.path("Sources/\(module)")
            for bestand in try fm.subpathsOfDirectory(atPath: map) where bestand.hasSuffix(".swift") {
                let tekst = try String(contentsOfFile: map + "/" + bestand, encoding: .utf8)
                if tekst.contains("Mirror(") { gevonden.append("\(module)/\(bestand)") }
            }
        }
        #expect(gevonden.isEmpty, "Mirror in \(gevonden)")
    }
}
