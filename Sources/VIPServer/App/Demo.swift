import Foundation
import VIPModel

/// `vip server --demo`: on an empty database, an organiser, a docent, a cursus and three
/// cursisten whose aanvragen are the sample files. The demo passwords are fixed, so the
/// README can name them; the demo listens on loopback only unless told otherwise.
enum Demo {
    struct Account {
        var rol: Rol
        var naam: String
        var email: String
        var wachtwoord: String
    }

    static let organisator = Account(rol: .organisator, naam: "Olga Organisator", email: "organisator@demo.vip",
                                      wachtwoord: "demo-organisator")
    static let docent = Account(rol: .docent, naam: "Daan Docent", email: "docent@demo.vip", wachtwoord: "demo-docent")
    static let cursisten = [
        Account(rol: .cursist, naam: "Fatima Bakker", email: "fatima@demo.vip", wachtwoord: "demo-cursist"),
        Account(rol: .cursist, naam: "Joost de Vries", email: "joost@demo.vip", wachtwoord: "demo-cursist"),
        Account(rol: .cursist, naam: "Kim Jansen", email: "kim@demo.vip", wachtwoord: "demo-cursist"),
    ]
    static let bijeenkomsten = ["2026-09-01", "2026-09-15", "2026-09-29", "2026-10-13", "2026-10-27", "2026-11-10",
                                "2026-11-24", "2026-12-08"]

    /// The folder with the sample aanvragen: given, or `Samples/` here, or beside the
    /// repository the executable was built in (`.build/debug/vip`).
    static func voorbeeldmap(_ configuratie: ServerConfiguratie) -> String? {
        var kandidaten: [String] = []
        if let v = configuratie.voorbeelden { kandidaten.append(v) }
        kandidaten.append("Samples")
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var map = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            map = map.deletingLastPathComponent()
            kandidaten.append(map.appendingPathComponent("Samples").path)
        }
        return kandidaten.first { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("buurtmoestuin.yaml")) }
    }

    /// The sample aanvragen, sorted by file name: buurtmoestuin, concept-vol-fouten, kinderfestival.
    static func voorbeelden(_ map: String) -> [[UInt8]] {
        let namen = ((try? FileManager.default.contentsOfDirectory(atPath: map)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        return namen.compactMap { naam -> [UInt8]? in
            guard let data = FileManager.default.contents(atPath: (map as NSString).appendingPathComponent(naam)) else { return nil }
            let bytes = [UInt8](data)
            return (try? AanvraagReader.parse(bytes, bestand: naam)) == nil ? nil : bytes
        }
    }

    /// `fondsendate.yaml` of the samples as the organiser posts it: without `projecten`, with
    /// the demo cursus.
    static func speeddate(_ map: String, cursus: Int64) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: (map as NSString).appendingPathComponent("fondsendate.yaml")) else {
            return nil
        }
        let kop = String(decoding: data, as: UTF8.self).components(separatedBy: "\nprojecten:")[0]
        return Array((kop + "\ncursussen: [\(cursus)]\n").utf8)
    }

    /// `fondsenregister.yaml` of the samples, stored as the organiser's import; false when it is
    /// missing or unreadable.
    static func laadRegister(_ map: String, opslag: any Opslag, door: Gebruiker, tijd: Date) async throws -> Bool {
        guard let data = FileManager.default.contents(atPath: (map as NSString).appendingPathComponent("fondsenregister.yaml")),
              (try? FondsenregisterReader.parse([UInt8](data), bestand: Registerbron.bestand)) != nil else { return false }
        _ = try await opslag.bewaarRegister(tekst: [UInt8](data), door: door.id, verwacht: 0, tijd: tijd)
        return true
    }

    /// Loads the demo into an empty database; returns the lines to print.
    static func laad(_ opslag: any Opslag, configuratie: ServerConfiguratie) async throws(StartFout) -> [String] {
        do {
            let kern = Kern(opslag: opslag, configuratie: configuratie)
            var regels: [String] = []
            if try await opslag.aantalGebruikers() == 0 {
                guard let map = voorbeeldmap(configuratie) else {
                    throw StartFout("--demo vindt de voorbeeldaanvragen niet (Samples/buurtmoestuin.yaml). Start vip server "
                        + "vanuit de map van de repository, bijvoorbeeld met `make serve`.")
                }
                let nu = kern.nu
                for a in [organisator, docent] {
                    _ = try await opslag.maakGebruiker(email: a.email, naam: a.naam, rol: a.rol,
                                                       wachtwoordHash: await kern.hash(a.wachtwoord), cursus: nil, tijd: nu)
                }
                guard let d = try await opslag.gebruiker(email: docent.email),
                      let o = try await opslag.gebruiker(email: organisator.email) else { return [] }
                let cursus = try await opslag.maakCursus(naam: "Van Idee naar Project, najaar 2026", docent: d.id,
                                                         bijeenkomsten: bijeenkomsten, uitnodigingscode: "DEMO-2026", tijd: nu)
                // The example register (fictional funds), so the fondsen page has something to search; an
                // installation without --demo has no register until an organiser imports one.
                let heeftRegister = try await laadRegister(map, opslag: opslag, door: o, tijd: nu)
                let teksten = voorbeelden(map)
                for (a, tekst) in zip(cursisten, teksten) {
                    let g = try await opslag.maakGebruiker(email: a.email, naam: a.naam, rol: .cursist,
                                                           wachtwoordHash: await kern.hash(a.wachtwoord),
                                                           cursus: cursus.id, tijd: nu)
                    let r = try await kern.controleer(tekst)
                    let rij = try await opslag.maakAanvraag(eigenaar: g.id, tekst: tekst, afgeleid: Kern.afgeleid(r), tijd: nu)
                    // The docent has approved what is af, so the speed-date admits someone.
                    if r.isAf { try await opslag.keurGoed(aanvraag: rij.id, versie: rij.versie, docent: d.id, tijd: nu) }
                }
                if let tekst = speeddate(map, cursus: cursus.id) {
                    let e = try Speeddateplanning.lees(tekst)
                    _ = try await opslag.maakEvenement(organisator: o.id, tekst: tekst, titel: e.evenement.titel,
                                                       datum: e.evenement.datum?.iso, cursussen: [cursus.id], tijd: nu)
                }
                regels.append("Demo geladen: een organisator, een docent, de cursus \"\(cursus.naam)\" (uitnodigingscode "
                    + "\(cursus.uitnodigingscode)), \(min(cursisten.count, teksten.count)) cursisten met een aanvraag (wat af is, "
                    + "is goedgekeurd)" + (heeftRegister ? ", het voorbeeldfondsenregister (verzonnen fondsen)" : "")
                    + " en een speeddate met fondsen.")
            } else {
                regels.append("De database heeft al gegevens; de demo is niet opnieuw geladen. De demo-accounts (als ze er "
                    + "nog zijn):")
            }
            for a in [organisator, docent] + cursisten {
                regels.append("  \(a.rol.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(a.email)  wachtwoord: \(a.wachtwoord)")
            }
            return regels
        } catch let fout as StartFout {
            throw fout
        } catch {
            throw StartFout("De demo kon niet worden geladen: \(error)")
        }
    }
}

/// `vip gebruiker toevoegen`: docent and organiser accounts are made on the command line.
public enum GebruikerToevoegen {
    public static func voegToe(_ configuratie: ServerConfiguratie, rol: Rol, email: String, naam: String,
                               wachtwoord: String) async throws(StartFout) -> Gebruiker {
        let e = AccountDienst.normaliseer(email)
        guard AccountDienst.isEmail(e) else { throw StartFout("\(email) is geen geldig e-mailadres.") }
        let n = naam.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !n.isEmpty else { throw StartFout("Geef een naam met --naam.") }
        if let fout = AccountDienst.wachtwoordFout(wachtwoord) { throw StartFout(fout.fout) }
        guard rol != .cursist else {
            throw StartFout("Cursisten melden zich zelf aan met de uitnodigingscode van hun cursus; maak hier een docent, "
                + "organisator of beheerder.")
        }
        let opslag = try await configuratie.openOpslag()
        do {
            let kern = Kern(opslag: opslag, configuratie: configuratie)
            let g = try await opslag.maakGebruiker(email: e, naam: n, rol: rol, wachtwoordHash: await kern.hash(wachtwoord),
                                                   cursus: nil, tijd: Date())
            try await opslag.sluit()
            return g
        } catch OpslagFout.emailBestaat {
            throw StartFout("Er is al een account met het e-mailadres \(e).")
        } catch {
            throw StartFout("Het account kon niet worden gemaakt: \(error)")
        }
    }

    public static func genereerWachtwoord() -> String { Geheim.wachtwoord() }
}
