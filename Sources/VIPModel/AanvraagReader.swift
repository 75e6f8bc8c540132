import Foundation

/// Reads a `vip-aanvraag/1` file. Reading errors (not YAML, unknown key, wrong type,
/// ambiguous amount, bad date, a limit exceeded) throw `LeesFout`; missing content does
/// not — a bare draft reads fine and the checklist says what is missing.
public enum AanvraagReader {
    /// Reads the file at `path`; `bestand` is the name used in messages (default: `path`).
    public static func read(path: String, limits: ReadLimits = .standard) throws(LeesFout) -> Aanvraag {
        let bytes = try InputFile.read(path: path, limits: limits)
        return try parse(bytes, bestand: path, limits: limits)
    }

    public static func parse(_ text: String, bestand: String = "aanvraag.yaml",
                             tabel: Veldentabel = .aanvraag) throws(LeesFout) -> Aanvraag {
        try parse(Array(text.utf8), bestand: bestand, tabel: tabel)
    }

    public static func parse(_ bytes: [UInt8], bestand: String, limits: ReadLimits = .standard,
                             tabel: Veldentabel = .aanvraag) throws(LeesFout) -> Aanvraag {
        try InputFile.checkText(bytes, bestand: bestand, limits: limits)
        guard let root = try YAMLTree.compose(bytes, bestand: bestand, limits: limits), !root.isNull else {
            throw LeesFout(bestand: bestand, mark: nil,
                           melding: "Het bestand is leeg. Begin met `vip init` voor een ingevuld voorbeeld.")
        }
        var a = try decode(root, bestand: bestand, tabel: tabel)
        a.bron.tekst = String(decoding: bytes, as: UTF8.self)
        return a
    }

    /// Decodes a composed tree (also used to lay rule examples over a baseline). Which keys each
    /// mapping allows, and which values each choice, comes from `tabel`.
    public static func decode(_ root: YNode, bestand: String,
                              tabel: Veldentabel = .aanvraag) throws(LeesFout) -> Aanvraag {
        var r = NodeReader(bestand: bestand, tabel: tabel)
        guard case .mapping = root.kind else {
            throw r.error(root, "", "Een aanvraag is een blok met velden, te beginnen met `formaat: vip-aanvraag/1`.")
        }
        // The format line is checked first: a file of another kind should say so, not
        // report its keys as unknown.
        if case .mapping(let pairs) = root.kind {
            guard let f = pairs.first(where: { $0.key == "formaat" }) else {
                throw LeesFout(bestand: bestand, mark: root.mark, pad: "formaat",
                               melding: "Het veld `formaat: \(Aanvraag.formaat)` ontbreekt bovenaan; "
                                   + "daaraan herkent vip een aanvraag.")
            }
            let value = try r.text(f.value, "formaat")
            guard value == Aanvraag.formaat else {
                throw r.error(f.value, "formaat", "Onbekend formaat `\(value ?? "")`: deze versie van vip leest "
                    + "`\(Aanvraag.formaat)`.")
            }
        }
        guard let top = try r.mapping(root, "", what: "een aanvraag") else {
            throw r.error(root, "", "Het bestand is leeg.")
        }
        var a = Aanvraag()
        r.note("", root)
        a.negeer = try r.list(top["negeer"], "negeer", what: "regels om te negeren") {
            (r: inout NodeReader, n: YNode, p: String) throws(LeesFout) in
            guard let f = try r.mapping(n, p, what: "een regel om te negeren") else { return nil }
            return Negeer(regel: try r.text(f["regel"], f.path("regel")), reden: try r.text(f["reden"], f.path("reden")))
        }
        a.woordenlijst = try r.textList(top["woordenlijst"], "woordenlijst")
        a.organisatie = try organisatie(&r, top["organisatie"])
        a.project = try project(&r, top["project"])
        a.begroting = try begroting(&r, top["begroting"])
        a.dekkingsplan = try r.list(top["dekkingsplan"], "dekkingsplan", what: "bronnen en fondsen") {
            (r: inout NodeReader, n: YNode, p: String) throws(LeesFout) in
            guard let f = try r.mapping(n, p, what: "een bron of fonds") else { return Dekking() }
            return Dekking(bron: try r.text(f["bron"], f.path("bron")),
                           soort: try r.keuze(f["soort"], f.path("soort"), Soort.self),
                           fonds: try r.text(f["fonds"], f.path("fonds")),
                           bedrag: try r.bedrag(f["bedrag"], f.path("bedrag")),
                           status: try r.keuze(f["status"], f.path("status"), DekkingStatus.self))
        }
        a.fondsen = try r.list(top["fondsen"], "fondsen", what: "fondsen") {
            (r: inout NodeReader, n: YNode, p: String) throws(LeesFout) in
            guard let f = try r.mapping(n, p, what: "een fonds") else { return Fonds() }
            return Fonds(naam: try r.text(f["naam"], f.path("naam")),
                         terAttentieVan: try r.text(f["ter_attentie_van"], f.path("ter_attentie_van")),
                         aanhef: try r.text(f["aanhef"], f.path("aanhef")),
                         adres: try adres(&r, f["adres"], f.path("adres")),
                         doelstelling: try r.text(f["doelstelling"], f.path("doelstelling")))
        }
        a.bijlagen = try r.list(top["bijlagen"], "bijlagen", what: "bijlagen") {
            (r: inout NodeReader, n: YNode, p: String) throws(LeesFout) in
            guard let f = try r.mapping(n, p, what: "een bijlage") else { return Bijlage() }
            return Bijlage(titel: try r.text(f["titel"], f.path("titel")),
                           soort: try r.keuze(f["soort"], f.path("soort"), BijlageSoort.self),
                           bestand: try bestandPad(r, f["bestand"], f.path("bestand")),
                           organisatie: try r.text(f["organisatie"], f.path("organisatie")),
                           toelichting: try r.text(f["toelichting"], f.path("toelichting")))
        }
        a.brief = try brief(&r, top["brief"])
        a.bron = Bron(bestand: bestand)
        a.bron.marks = r.marks
        return a
    }

    /// A path relative to the aanvraag that must stay inside its folder.
    static func bestandPad(_ r: NodeReader, _ node: YNode?, _ pad: String) throws(LeesFout) -> String? {
        guard let p = try r.text(node, pad) else { return nil }
        let parts = p.split(separator: "/")
        if p.hasPrefix("/") || p.hasPrefix("~") || parts.contains("..") || p.contains("\\") {
            throw r.error(node, pad, "Het bestand \"\(p)\" moet in de map van de aanvraag staan "
                + "(of een submap daarvan); schrijf een pad zonder `/` vooraan en zonder `..`.")
        }
        return p
    }

    static func adres(_ r: inout NodeReader, _ node: YNode?, _ pad: String) throws(LeesFout) -> Adres? {
        guard let f = try r.mapping(node, pad, what: "een adres") else {
            return nil
        }
        return Adres(straat: try r.text(f["straat"], f.path("straat")),
                     postcode: try r.text(f["postcode"], f.path("postcode")).map(Postcode.normalise),
                     plaats: try r.text(f["plaats"], f.path("plaats")))
    }

    static func persoon(_ r: inout NodeReader, _ node: YNode, _ pad: String) throws(LeesFout) -> Persoon? {
        guard let f = try r.mapping(node, pad, what: "een persoon") else { return Persoon() }
        return Persoon(naam: try r.text(f["naam"], f.path("naam")), functie: try r.text(f["functie"], f.path("functie")))
    }

    static func organisatie(_ r: inout NodeReader, _ node: YNode?) throws(LeesFout) -> Organisatie {
        var o = Organisatie()
        guard let f = try r.mapping(node, "organisatie", what: "de organisatie") else { return o }
        o.naam = try r.text(f["naam"], f.path("naam"))
        o.rechtsvorm = try r.text(f["rechtsvorm"], f.path("rechtsvorm"))
        o.doelstelling = try r.text(f["doelstelling"], f.path("doelstelling"))
        o.opgericht = try r.datum(f["opgericht"], f.path("opgericht"))
        o.kvk = try r.text(f["kvk"], f.path("kvk"))
        o.rsin = try r.text(f["rsin"], f.path("rsin"))
        o.anbi = try r.ja(f["anbi"], f.path("anbi"))
        o.iban = try r.text(f["iban"], f.path("iban"))
        o.adres = try adres(&r, f["adres"], f.path("adres"))
        o.website = try r.text(f["website"], f.path("website"))
        o.logo = try bestandPad(r, f["logo"], f.path("logo"))
        o.bestuur = try r.list(f["bestuur"], f.path("bestuur"), what: "bestuursleden") {
            (r: inout NodeReader, n: YNode, p: String) throws(LeesFout) in try persoon(&r, n, p)
        }
        if let c = try r.mapping(f["contactpersoon"], f.path("contactpersoon"),
                                 what: "de contactpersoon") {
            o.contactpersoon = Contactpersoon(
                naam: try r.text(c["naam"], c.path("naam")), functie: try r.text(c["functie"], c.path("functie")),
                telefoon: try r.text(c["telefoon"], c.path("telefoon")), email: try r.text(c["email"], c.path("email")),
                bereikbaar: try r.text(c["bereikbaar"], c.path("bereikbaar")))
        }
        return o
    }

    static func project(_ r: inout NodeReader, _ node: YNode?) throws(LeesFout) -> Project {
        var p = Project()
        guard let f = try r.mapping(node, "project", what: "het project") else { return p }
        func t(_ key: String) throws(LeesFout) -> String? { try r.text(f[key], f.path(key)) }
        p.titel = try t("titel")
        p.samenvatting = try t("samenvatting")
        p.aanleiding = try t("aanleiding")
        p.doel = try t("doel")
        p.thema = try r.textList(f["thema"], f.path("thema"))
        p.regio = try t("regio")
        if let d = try r.mapping(f["doelgroep"], f.path("doelgroep"),
                                 what: "de doelgroep") {
            p.doelgroep = Doelgroep(omschrijving: try r.text(d["omschrijving"], d.path("omschrijving")),
                                    problematiek: try r.text(d["problematiek"], d.path("problematiek")),
                                    onderbouwing: try r.textList(d["onderbouwing"], d.path("onderbouwing")),
                                    omvang: try r.geheel(d["omvang"], d.path("omvang")))
        }
        if let d = try r.mapping(f["profijtgroep"], f.path("profijtgroep"), what: "de profijtgroep") {
            p.profijtgroep = Profijtgroep(omschrijving: try r.text(d["omschrijving"], d.path("omschrijving")),
                                          aantal: try r.geheel(d["aantal"], d.path("aantal")))
        }
        p.instroom = try t("instroom")
        p.doorstroom = try t("doorstroom")
        p.uitstroom = try t("uitstroom")
        p.aanpak = try r.list(f["aanpak"], f.path("aanpak"), what: "fasen") {
            (r: inout NodeReader, n: YNode, pad: String) throws(LeesFout) in try r.keuze(n, pad, Fase.self)
        }
        if let w = try r.mapping(f["werkwijze"], f.path("werkwijze"), what: "de werkwijze") {
            p.werkwijze = Werkwijze(omschrijving: try r.text(w["omschrijving"], w.path("omschrijving")),
                                    motivering: try r.text(w["motivering"], w.path("motivering")))
        }
        p.deskundigheid = try t("deskundigheid")
        if let pos = try r.mapping(f["positionering"], f.path("positionering"),
                                   what: "de positionering") {
            var value = Positionering()
            value.bestaandeInitiatieven = try r.list(pos["bestaande_initiatieven"], pos.path("bestaande_initiatieven"),
                                                     what: "bestaande initiatieven") {
                (r: inout NodeReader, n: YNode, pad: String) throws(LeesFout) in
                guard let b = try r.mapping(n, pad, what: "een initiatief") else { return BestaandInitiatief() }
                return BestaandInitiatief(naam: try r.text(b["naam"], b.path("naam")), wat: try r.text(b["wat"], b.path("wat")))
            }
            value.verhouding = try r.keuze(pos["verhouding"], pos.path("verhouding"), Verhouding.self)
            value.toegevoegdeWaarde = try r.text(pos["toegevoegde_waarde"], pos.path("toegevoegde_waarde"))
            p.positionering = value
        }
        p.partners = try r.list(f["partners"], f.path("partners"), what: "partners") {
            (r: inout NodeReader, n: YNode, pad: String) throws(LeesFout) in
            guard let b = try r.mapping(n, pad, what: "een partner") else { return Partner() }
            return Partner(naam: try r.text(b["naam"], b.path("naam")), rol: try r.text(b["rol"], b.path("rol")),
                           status: try r.keuze(b["status"], b.path("status"), PartnerStatus.self))
        }
        p.projectleider = try t("projectleider")
        p.eindverantwoordelijke = try t("eindverantwoordelijke")
        if let pe = try r.mapping(f["periode"], f.path("periode"), what: "de periode") {
            p.periode = Periode(start: try r.datum(pe["start"], pe.path("start")), eind: try r.datum(pe["eind"], pe.path("eind")))
        }
        p.fasering = try t("fasering")
        p.activiteiten = try r.list(f["activiteiten"], f.path("activiteiten"), what: "activiteiten") {
            (r: inout NodeReader, n: YNode, pad: String) throws(LeesFout) in
            guard let b = try r.mapping(n, pad, what: "een activiteit") else { return Activiteit() }
            return Activiteit(naam: try r.text(b["naam"], b.path("naam")),
                              omschrijving: try r.text(b["omschrijving"], b.path("omschrijving")),
                              fase: try r.keuze(b["fase"], b.path("fase"), Fase.self),
                              uitvoerders: try r.textList(b["uitvoerders"], b.path("uitvoerders")),
                              uren: try r.hoeveelheid(b["uren"], b.path("uren")),
                              start: try r.datum(b["start"], b.path("start")), eind: try r.datum(b["eind"], b.path("eind")))
        }
        p.resultaten = try r.list(f["resultaten"], f.path("resultaten"), what: "resultaten") {
            (r: inout NodeReader, n: YNode, pad: String) throws(LeesFout) in
            if case .scalar = n.kind {  // a bare text is a result without reason
                return Resultaat(resultaat: try r.text(n, pad), waarom: nil)
            }
            guard let b = try r.mapping(n, pad, what: "een resultaat") else { return Resultaat() }
            return Resultaat(resultaat: try r.text(b["resultaat"], b.path("resultaat")),
                             waarom: try r.text(b["waarom"], b.path("waarom")))
        }
        p.succesfactoren = try r.textList(f["succesfactoren"], f.path("succesfactoren"))
        p.faalfactoren = try r.textList(f["faalfactoren"], f.path("faalfactoren"))
        if let e = try r.mapping(f["evaluatie"], f.path("evaluatie"), what: "de evaluatie") {
            p.evaluatie = Evaluatie(hoe: try r.text(e["hoe"], e.path("hoe")), wanneer: try r.text(e["wanneer"], e.path("wanneer")),
                                    door: try r.text(e["door"], e.path("door")))
        }
        if let v = try r.mapping(f["verslaglegging"], f.path("verslaglegging"), what: "de verslaglegging") {
            p.verslaglegging = Verslaglegging(door: try r.text(v["door"], v.path("door")),
                                              wanneer: try r.text(v["wanneer"], v.path("wanneer")),
                                              gebruik: try r.text(v["gebruik"], v.path("gebruik")))
        }
        p.vervolg = try t("vervolg")
        return p
    }

    static func begroting(_ r: inout NodeReader, _ node: YNode?) throws(LeesFout) -> Begroting {
        var b = Begroting()
        guard let f = try r.mapping(node, "begroting", what: "de begroting") else { return b }
        b.posten = try r.list(f["posten"], f.path("posten"), what: "posten") {
            (r: inout NodeReader, n: YNode, pad: String) throws(LeesFout) in
            guard let p = try r.mapping(n, pad, what: "een post") else {
                return Post()  // an empty entry keeps the indices of the entries after it
            }
            var post = Post()
            post.post = try r.text(p["post"], p.path("post"))
            post.categorie = try r.text(p["categorie"], p.path("categorie"))
            post.aantal = try r.hoeveelheid(p["aantal"], p.path("aantal"))
            post.eenheid = try r.text(p["eenheid"], p.path("eenheid"))
            post.prijs = try r.bedrag(p["prijs"], p.path("prijs"))
            post.bedrag = try r.bedrag(p["bedrag"], p.path("bedrag"))
            post.inzet = try r.keuze(p["inzet"], p.path("inzet"), Inzet.self) ?? .betaald
            post.onderbouwing = try r.keuze(p["onderbouwing"], p.path("onderbouwing"), Onderbouwing.self)
            post.offerte = try r.text(p["offerte"], p.path("offerte"))
            post.toelichting = try r.text(p["toelichting"], p.path("toelichting"))
            if post.bedrag == nil, let aantal = post.aantal, let prijs = post.prijs,
               (aantal.times(prijs)?.magnitude ?? Bedrag.maximum + Bedrag(cents: 1)) > Bedrag.maximum {
                // Refused here so that no sum over the posts can overflow.
                throw r.error(p["prijs"], p.path("prijs"), "Aantal × prijs is meer dan \(Bedrag.maximum); "
                    + "zo'n post kan niet kloppen.")
            }
            return post
        }
        b.toelichting = try r.text(f["toelichting"], f.path("toelichting"))
        return b
    }

    static func brief(_ r: inout NodeReader, _ node: YNode?) throws(LeesFout) -> Brief {
        var b = Brief()
        guard let f = try r.mapping(node, "brief", what: "de brief") else { return b }
        b.plaats = try r.text(f["plaats"], f.path("plaats"))
        b.datum = try r.datum(f["datum"], f.path("datum"))
        b.inleiding = try r.text(f["inleiding"], f.path("inleiding"))
        b.slot = try r.text(f["slot"], f.path("slot"))
        b.gecorrigeerdDoor = try r.text(f["gecorrigeerd_door"], f.path("gecorrigeerd_door"))
        b.ondertekening = try r.list(f["ondertekening"], f.path("ondertekening"), what: "ondertekenaars") {
            (r: inout NodeReader, n: YNode, p: String) throws(LeesFout) in try persoon(&r, n, p)
        }
        return b
    }
}

/// Dutch postcodes: `1066js` is normalised to `1066 JS`, not refused.
public enum Postcode {
    public static func normalise(_ raw: String) -> String {
        let compact = raw.filter { !$0.isWhitespace }
        guard compact.count == 6 else { return raw }
        let digits = compact.prefix(4), letters = compact.suffix(2)
        guard digits.allSatisfy(\.isASCIIDigit), letters.allSatisfy({ $0.isASCII && $0.isLetter }) else { return raw }
        return "\(digits) \(letters.uppercased())"
    }

    public static func isValid(_ s: String) -> Bool {
        let c = Array(s)
        guard c.count == 7, c[4] == " " else { return false }
        return c[0] != "0" && c[0...3].allSatisfy(\.isASCIIDigit) && c[5...6].allSatisfy { $0.isASCII && $0.isUppercase }
    }
}

/// Reading the raw file: the checks that come before YAML.
public enum InputFile {
    public static func read(path: String, limits: ReadLimits) throws(LeesFout) -> [UInt8] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw LeesFout(bestand: path, mark: nil, melding: "Het bestand bestaat niet.")
        }
        if isDir.boolValue {
            throw LeesFout(bestand: path, mark: nil, melding: "Dit is een map, geen bestand. Geef het aanvraagbestand op, "
                + "bijvoorbeeld \(path.hasSuffix("/") ? path : path + "/")aanvraag.yaml.")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LeesFout(bestand: path, mark: nil, melding: "Het bestand kan niet worden gelezen (geen leesrechten?).")
        }
        defer { try? handle.close() }
        // Read one byte past the limit, so a huge file is refused without loading it.
        let data: Data
        do {
            data = try handle.read(upToCount: limits.maxBytes + 1) ?? Data()
        } catch {
            throw LeesFout(bestand: path, mark: nil, melding: "Het bestand kan niet worden gelezen: \(error.localizedDescription)")
        }
        if data.count > limits.maxBytes {
            throw LeesFout(bestand: path, mark: nil, melding: "Het bestand is groter dan \(limits.maxBytes / 1_048_576) MB; "
                + "een aanvraag is veel kleiner. Is dit het goede bestand?")
        }
        return [UInt8](data)
    }

    /// Refuses empty files, binary junk and invalid UTF-8 with the place of the first bad byte.
    public static func checkText(_ bytes: [UInt8], bestand: String, limits: ReadLimits) throws(LeesFout) {
        if bytes.count > limits.maxBytes {
            throw LeesFout(bestand: bestand, mark: nil, melding: "Het bestand is groter dan \(limits.maxBytes / 1_048_576) MB.")
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw LeesFout(bestand: bestand, mark: nil,
                           melding: "Het bestand is leeg. Begin met `vip init` voor een ingevuld voorbeeld.")
        }
        var line = 1, column = 1, i = 0
        while i < bytes.count {
            let b = bytes[i]
            var length = 1
            if b == 0 {
                throw LeesFout(bestand: bestand, mark: SourceMark(line: line, column: column),
                               melding: "Het bestand bevat binaire gegevens (een nul-byte); het is geen tekstbestand. "
                                   + "Is dit het goede bestand?")
            }
            if b >= 0x80 {
                length = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0
                var valid = length > 0 && i + length <= bytes.count
                if valid {
                    for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { valid = false }
                }
                if valid, length >= 3 {
                    // Refuse overlong forms, surrogates and values above U+10FFFF.
                    let b1 = bytes[i + 1]
                    if b == 0xE0 && b1 < 0xA0 || b == 0xED && b1 >= 0xA0 || b == 0xF0 && b1 < 0x90 || b == 0xF4 && b1 >= 0x90 {
                        valid = false
                    }
                }
                guard valid else {
                    throw LeesFout(bestand: bestand, mark: SourceMark(line: line, column: column),
                                   melding: "Het bestand is geen geldige UTF-8-tekst (byte \(i + 1)). "
                                       + "Sla het in uw teksteditor op als UTF-8.")
                }
            }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += length
        }
    }
}
