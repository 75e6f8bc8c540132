import Foundation
import VIPChecklist
import VIPDocument
import VIPKit
import VIPModel

/// A save refused because the aanvraag moved on. The API answers 412 with the current version
/// as ETag; a page shows the typed text again with a Dutch message (409). One rule, two faces.
struct VerouderdeVersie: Error {
    var huidige: Int
}

/// An aanvraag: who sees and owns it (`Toegang`), its versions (text and files, never changed
/// once stored), saving with the expected version, its files, and its package.
struct AanvraagDienst: Sendable {
    let kern: Kern
    var opslag: any Opslag { kern.opslag }
    var toegang: Toegang { Toegang(opslag: kern.opslag) }

    static let eigenaarAlleen = "Alleen de schrijvers van deze aanvraag wijzigen haar; een docent of een medecursist "
        + "geeft opmerkingen. Er is niets gewijzigd."
    static let pakketAlleen = "Het pakket van deze aanvraag bouwen haar schrijvers en de docent; u kunt haar lezen en "
        + "er opmerkingen bij plaatsen."

    // MARK: Seeing and owning

    /// The aanvraag when `g` may see it; 404 otherwise (as if it did not exist).
    func zichtbaar(_ id: Int64?, voor g: Gebruiker) async throws -> AanvraagRij {
        try await toegang.aanvraag(id, voor: g)
    }

    /// The aanvraag when `g` owns it: 404 when she may not see it, 403 when she may only read it.
    func eigen(_ id: Int64?, voor g: Gebruiker, waarom: String = eigenaarAlleen) async throws -> AanvraagRij {
        try await toegang.aanvraagAlsEigenaar(id, voor: g, waarom: waarom)
    }

    /// The aanvraag when `g` may build its package: an author or a docent of its cursus (403
    /// for a fellow cursist reading a shared aanvraag and for an organiser).
    func voorPakket(_ id: Int64?, voor g: Gebruiker) async throws -> AanvraagRij {
        if g.rol == .organisator {
            throw Weigering.verboden("Een organisator bouwt geen pakket van een aanvraag; dat doen de cursist en de docent.")
        }
        return try await toegang.aanvraag(id, voor: g, als: [.auteur, .docent], waarom: Self.pakketAlleen)
    }

    /// What the caller may see in her list: the aanvragen she writes (began or co-authors), or
    /// those of her cursussen as docent.
    func lijst(voor g: Gebruiker) async throws -> [AanvraagRij] {
        switch g.rol {
        case .cursist: return try await opslag.aanvragen(auteur: g.id)
        case .docent: return try await opslag.aanvragen(docent: g.id)
        case .organisator, .beheerder: return []
        }
    }

    // MARK: Writing together (cursus.md)

    /// Its authors, the one who began it first.
    func auteurs(_ a: AanvraagRij) async throws -> [Gebruiker] {
        try await opslag.auteurs(aanvraag: a.id)
    }

    /// Adds a cursist of the same cursus, by email, as co-author; 422 for anyone else (one
    /// answer for an unknown address, another role and another cursus).
    func voegAuteurToe(_ a: AanvraagRij, email: String) async throws -> Gebruiker {
        guard let c = try await opslag.gebruiker(email: AccountDienst.normaliseer(email)), c.rol == .cursist,
              c.cursus != nil, c.cursus == a.cursus else {
            throw Weigering(.unprocessableContent, "Er is geen cursist van uw cursus met dit e-mailadres. Een medeschrijver "
                + "meldt zich eerst aan met de uitnodigingscode van de cursus. Er is niets gewijzigd.")
        }
        try await opslag.voegAuteurToe(aanvraag: a.id, gebruiker: c.id)
        return c
    }

    /// Takes a co-author off: 404 when she is none, 403 for the one who began the aanvraag.
    func verwijderAuteur(_ a: AanvraagRij, gebruiker id: Int64?) async throws {
        guard let id, try await auteurs(a).contains(where: { $0.id == id }) else {
            throw Weigering.nietGevonden("Deze cursist schrijft niet mee aan deze aanvraag.")
        }
        guard id != a.eigenaar else {
            throw Weigering.verboden("Wie de aanvraag begon, blijft haar schrijver. Er is niets gewijzigd.")
        }
        try await opslag.verwijderAuteur(aanvraag: a.id, gebruiker: id)
    }

    /// Shares the aanvraag with every cursist of its cursus (read and comment), or withdraws it.
    func deel(_ a: AanvraagRij, groep: Bool) async throws -> AanvraagRij {
        guard a.cursus != nil else {
            throw Weigering(.unprocessableContent, "Deze aanvraag hoort bij geen cursus en kan niet met een groep worden gedeeld.")
        }
        try await opslag.zetGedeeld(aanvraag: a.id, gedeeld: groep)
        return try await opslag.aanvraag(id: a.id) ?? a
    }

    // MARK: Text and check of a version

    func tekst(_ a: AanvraagRij, _ versie: Int) async throws -> [UInt8] {
        guard let t = try await opslag.tekst(aanvraag: a.id, versie: versie) else {
            throw Weigering.nietGevonden("Versie \(versie) van deze aanvraag bestaat niet.")
        }
        return t
    }

    func check(_ a: AanvraagRij, _ versie: Int) async throws -> CheckResultaat {
        try await kern.controleer(try await tekst(a, versie))
    }

    /// The check of a version with what the pages derive from it (`Controle`).
    func controle(_ a: AanvraagRij, _ versie: Int) async throws -> Controle {
        try await kern.controle(try await tekst(a, versie))
    }

    /// The course's pace for this aanvraag: that of its owner's cursus, today.
    func tempo(_ a: AanvraagRij) async throws -> Tempo {
        guard let c = a.cursus else { return .alles }
        return Tempo(cursus: try await opslag.cursus(id: c), vandaag: Tijden.vandaag(kern.nu))
    }

    /// Which findings of `r` (a check of `a`) the pages show as "nog te doen".
    func wachtlijst(_ a: AanvraagRij, _ r: CheckResultaat) async throws -> Wachtlijst {
        Wachtlijst(r, tempo: try await tempo(a))
    }

    /// As above, with the filled paths kept with the check.
    func wachtlijst(_ a: AanvraagRij, _ c: Controle) async throws -> Wachtlijst {
        let tempo = try await tempo(a)
        return tempo.voorbij == nil ? .geen : Wachtlijst(c.resultaat, tempo: tempo, gevuld: c.gevuld)
    }

    func versies(_ a: AanvraagRij) async throws -> [VersieInfo] {
        try await opslag.versies(aanvraag: a.id)
    }

    // MARK: Making and saving

    /// A new aanvraag of cursist `g`: `tekst`, or the `vip init` template when empty. An
    /// unreadable text is 422 and nothing is stored.
    func maak(door g: Gebruiker, tekst invoer: [UInt8]) async throws -> AanvraagRij {
        guard g.rol == .cursist else { throw Weigering.verboden("Alleen een cursist schrijft een aanvraag.") }
        let tekst = invoer.isEmpty ? Array(Init.sjabloon.utf8) : invoer
        let r = try await kern.controleerLeesbaar(tekst)
        do {
            return try await opslag.maakAanvraag(eigenaar: g.id, tekst: tekst, afgeleid: Kern.afgeleid(r),
                                                 grenzen: kern.grenzen, tijd: kern.nu)
        } catch let fout as OpslagFout {
            throw Self.weigering(fout, kern.grenzen)
        }
    }

    /// The outcome of a save: the version the aanvraag is at, its check, and whether a new
    /// version was stored (a save of exactly the current text and files stores nothing).
    struct Opgeslagen: Sendable {
        var versie: Int
        var check: CheckResultaat
        var nieuw: Bool
        var tijd: Date
    }

    /// Stores `tekst` with the files of `verwacht` changed by `bestanden` as the next version,
    /// when `verwacht` is still current (`VerouderdeVersie` otherwise). An unreadable text is
    /// 422; beyond the limits 413 or 507; nothing is stored then.
    func bewaar(_ a: AanvraagRij, verwacht: Int, tekst: [UInt8], bestanden: BestandWijziging = .geen,
                check: CheckResultaat? = nil) async throws -> Opgeslagen {
        let r: CheckResultaat
        if let check { r = check } else { r = try await kern.controleerLeesbaar(tekst) }
        guard verwacht == a.versie else { throw VerouderdeVersie(huidige: a.versie) }
        if bestanden == .geen, tekst == (try await self.tekst(a, a.versie)) {
            return Opgeslagen(versie: a.versie, check: r, nieuw: false, tijd: a.gewijzigd)
        }
        let tijd = kern.nu
        do {
            let versie = try await opslag.voegVersieToe(aanvraag: a.id, verwacht: verwacht, tekst: tekst,
                                                        afgeleid: Kern.afgeleid(r), bestanden: bestanden,
                                                        grenzen: kern.grenzen, tijd: tijd)
            return Opgeslagen(versie: versie, check: r, nieuw: true, tijd: tijd)
        } catch OpslagFout.verouderd(let huidige) {
            throw VerouderdeVersie(huidige: huidige)
        } catch let fout as OpslagFout {
            throw Self.weigering(fout, kern.grenzen)
        }
    }

    /// The fields of `pagina` as a form gives them (`invulling`), applied to the model of the
    /// current version and stored as the next version (the text is the export of the model).
    /// Also what `PATCH /api/aanvragen/{id}` does for the page script. `wijzig` may change more
    /// (the bijlagen page adds an entry with its upload).
    func bewaarVelden(_ a: AanvraagRij, verwacht: Int, bestanden: BestandWijziging = .geen,
                      wijzig: @escaping @Sendable (YAMLWaarde) -> YAMLWaarde) async throws -> (Opgeslagen, [UInt8]) {
        let huidig = try await check(a, a.versie)
        guard let model = huidig.aanvraag else { throw Kern.leesfout(huidig) }
        let nieuw = Array(AanvraagExport.schrijf(wijzig(AanvraagExport.boom(model))).utf8)
        let r = try await kern.controleer(nieuw)
        if r.leesfout != nil { throw VeldFout(resultaat: r, huidig: huidig) }
        return (try await bewaar(a, verwacht: verwacht, tekst: nieuw, bestanden: bestanden, check: r), nieuw)
    }

    /// A value typed in a field that cannot be read (an amount like `1.500`): where, and what.
    struct VeldFout: Error {
        var resultaat: CheckResultaat
        var huidig: CheckResultaat
        var fout: LeesFout { resultaat.leesfout! }
    }

    /// "Deze versie terugzetten": the text and files of version `n` become the newest version.
    func zetTerug(_ a: AanvraagRij, versie n: Int, verwacht: Int) async throws -> Opgeslagen {
        let oud = try await tekst(a, n)
        return try await bewaar(a, verwacht: verwacht, tekst: oud, bestanden: .vanVersie(n))
    }

    /// Storage refusals in Dutch, with what the cursist can do.
    static func weigering(_ fout: OpslagFout, _ g: Grenzen) -> Error {
        switch fout {
        case .teVeelBestanden(let aantal, let bytes):
            return Weigering(.contentTooLarge, "Een versie mag hoogstens \(g.bestandenPerVersie) bestanden en samen "
                + "\(g.bytesPerVersie / 1024 / 1024) MiB aan bestanden hebben; met dit bestand zouden het er \(aantal) zijn, "
                + "samen \(Bestanden.grootte(bytes)). Verwijder eerst een bestand dat u niet meer nodig hebt. Er is niets "
                + "opgeslagen.")
        case .teVeelAanvragen(let n):
            return Weigering(.onvoldoendeOpslag, "U hebt al \(n) aanvragen, het maximum. Verwijder een oude aanvraag die u "
                + "niet meer nodig hebt, of vraag uw docent om hulp. Er is niets opgeslagen.")
        case .quotum(let gebruik, let quotum):
            return Weigering(.onvoldoendeOpslag, "Uw opslagruimte is vol: dit zou \(Bestanden.grootte(gebruik)) worden, "
                + "de grens is \(Bestanden.grootte(quotum)). Verwijder een oude aanvraag of grote bestanden die u niet meer "
                + "nodig hebt, of vraag uw docent om hulp. Er is niets opgeslagen.")
        case .nietGevonden:
            return Weigering.nietGevonden()
        default:
            return fout
        }
    }

    // MARK: Files

    /// The files of version `versie` (default: the current one).
    func bestanden(_ a: AanvraagRij, versie: Int? = nil) async throws -> [BestandInfo] {
        let n = versie ?? a.versie
        guard let lijst = try await opslag.bestanden(aanvraag: a.id, versie: n) else {
            throw Weigering.nietGevonden("Versie \(n) van deze aanvraag bestaat niet.")
        }
        return lijst
    }

    /// The bytes of file `naam` of version `versie`, exactly as uploaded.
    func bestand(_ a: AanvraagRij, naam: String, versie: Int? = nil) async throws -> [UInt8] {
        guard let b = try await bestanden(a, versie: versie).first(where: { $0.naam == naam }),
              let bytes = try await opslag.inhoud(sha256: b.sha256) else {
            throw Weigering.nietGevonden("Dit bestand hoort niet bij deze versie van de aanvraag.")
        }
        return bytes
    }

    /// A new version with the same text whose files hold `bytes` as `naam` (replacing a file of
    /// that name).
    func zetBestand(_ a: AanvraagRij, verwacht: Int, naam: String, bytes: [UInt8]) async throws -> (Opgeslagen, BestandInfo) {
        try Bestanden.controleerNaam(naam)
        if bytes.count > Limieten.upload { throw Weigering.teGroot(Limieten.upload) }
        let tekst = try await tekst(a, a.versie)
        let o = try await bewaar(a, verwacht: verwacht, tekst: tekst, bestanden: .zet(naam: naam, bytes: bytes))
        return (o, BestandInfo(naam: naam, grootte: bytes.count, sha256: Hash.sha256(bytes)))
    }

    /// A new version without file `naam`; 404 when the current version has none of that name.
    func verwijderBestand(_ a: AanvraagRij, verwacht: Int, naam: String) async throws -> Opgeslagen {
        guard try await bestanden(a).contains(where: { $0.naam == naam }) else {
            throw Weigering.nietGevonden("De huidige versie heeft geen bestand met de naam \(naam).")
        }
        return try await bewaar(a, verwacht: verwacht, tekst: try await tekst(a, a.versie), bestanden: .verwijder(naam: naam))
    }

    /// How much of her quotum the cursist uses.
    func gebruik(_ g: Gebruiker) async throws -> Gebruik { try await opslag.gebruik(eigenaar: g.id) }

    // MARK: The package

    /// `formaat` as the API and the pages take it: odt, docx or beide (default).
    static func formaten(_ formaat: String?) throws -> [DocumentFormat] {
        switch formaat ?? "beide" {
        case "beide", "": return [.odt, .docx]
        case "odt": return [.odt]
        case "docx": return [.docx]
        case let f: throw Weigering(.unprocessableContent, "Onbekend formaat `\(f)`: kies odt, docx of beide.")
        }
    }

    /// `concept=1` (also `ja`, `true`): build with CONCEPT on every page, fouten or not.
    static func isConcept(_ waarde: String?) -> Bool { ["1", "ja", "true"].contains(waarde ?? "") }

    /// The files `vip build` writes for version `versie` (logo and bijlagen from that version's
    /// own files), built on disk one bijlage at a time (`Pakketmap`); the caller answers with it,
    /// which removes its folder. Fouten without `concept`: 422 with the check.
    func pakket(_ a: AanvraagRij, versie: Int, opties gekozen: BuildOpties) async throws -> Pakketmap {
        let tekst = try await tekst(a, versie)
        // The check of `vip build --register REGISTER --datum VANDAAG`, from memory when this text
        // was checked today with this register.
        let stand = try await kern.register()
        let r = try await kern.controleer(tekst)
        if r.leesfout != nil { throw Kern.leesfout(r) }
        if !r.isAf && !gekozen.concept {
            let n = r.bevindingen.count(.fout)
            throw Weigering(.unprocessableContent, "De aanvraag is nog niet af (\(n) \(n == 1 ? "fout" : "fouten")); "
                + "er is geen pakket gemaakt. Vraag een concept (concept=1) voor een versie met CONCEPT op elke pagina.",
                            extra: [("check", CheckReport.json(r))])
        }
        let sleutel = Pakketcache.Sleutel(aanvraag: a.id, versie: versie, formaten: gekozen.formaten.map(\.rawValue),
                                          concept: gekozen.concept, pdf: gekozen.pdf, register: stand.versie,
                                          datum: kern.vandaag)
        if let bewaard = kern.pakketten.zoek(sleutel) { return bewaard }
        let bron = try await Versiebron(opslag: opslag, aanvraag: a.id, versie: versie)
        // As `vip build --register`: the call sheet after a refusal lists the register's fitting
        // funds. No `--datum`: the sheet searches on the date of the refusal, so the same text
        // gives the same files on any day.
        var metRegister = gekozen
        metRegister.register = stand.register
        let opties = metRegister
        let model = r.aanvraag!
        let uitkomst: Result<Pakketmap, Weigering> = await Zwaar.doe {
            do {
                return .success(try Pakketmap.bouw(model, bron: bron, opties: opties))
            } catch let fout as BuildFout {
                return .failure(Weigering(.unprocessableContent, fout.description))
            } catch {
                return .failure(Weigering(.internalServerError, "Het pakket kon niet worden gemaakt: \(error)"))
            }
        }
        return kern.pakketten.bewaar(sleutel, try uitkomst.get())
    }
}

/// File names in a version, and sizes in Dutch.
enum Bestanden {
    /// server.md: 1–100 of `A–Z a–z 0–9 . - _`, not starting with `.`.
    static func isGeldigeNaam(_ naam: String) -> Bool {
        guard (1...100).contains(naam.utf8.count), !naam.hasPrefix(".") else { return false }
        return naam.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2E || b == 0x2D || b == 0x5F
        }
    }

    static func controleerNaam(_ naam: String) throws {
        guard isGeldigeNaam(naam) else {
            throw Weigering(.unprocessableContent, "Een bestandsnaam heeft 1 tot 100 tekens: letters, cijfers, punt, "
                + "streepje en liggend streepje, en begint niet met een punt. Er is niets opgeslagen.")
        }
    }

    /// A file name from an upload made safe: letters, digits, `.`, `-`, `_` (others become `-`).
    static func veiligeNaam(_ s: String) -> String {
        let basis = (s as NSString).lastPathComponent
        var uit = String(basis.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "-" })
        while uit.hasPrefix(".") { uit.removeFirst() }
        if uit.isEmpty { uit = "bijlage" }
        return String(uit.suffix(100))
    }

    /// "12 kB", "3,4 MB".
    static func grootte(_ n: Int) -> String {
        n < 1024 * 1024 ? "\(max(1, n / 1024)) kB"
            : String(format: "%.1f MB", Double(n) / 1_048_576).replacingOccurrences(of: ".", with: ",")
    }
}
