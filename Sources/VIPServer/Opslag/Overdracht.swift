import Foundation

/// One value of a stored row, the same for both engines.
public enum Waarde: Sendable, Equatable {
    case null
    case geheel(Int64)
    case tekst(String)
    case bytes([UInt8])
}

/// A stored table as the export sees it: its columns with their kinds, and the order of its
/// rows (the primary key), so both engines write the same rows in the same order.
public struct Tabel: Sendable {
    public enum Soort: Sendable { case geheel, tekst, bytes }
    public var naam: String
    public var kolommen: [(naam: String, soort: Soort)]
    public var volgorde: String
    /// An identity column `id` whose counter must follow the imported rows (PostgreSQL).
    public var heeftId: Bool { kolommen.first?.naam == "id" }
}

/// An engine that can hand over all its rows and fill an empty database with them:
/// `vip server exporteer` and `vip server importeer` move a whole installation between
/// SQLite and PostgreSQL this way.
public protocol OverdraagbareOpslag: Opslag {
    /// Every row of `tabel`, in its order.
    func rijen(_ tabel: Tabel) async throws -> [[Waarde]]
    /// The tables of vip's schema (without `vip_schema`), with their number of rows.
    func tabelGroottes() async throws -> [String: Int]
    /// Inserts the rows in one transaction, after checking in that transaction that every
    /// table is empty (`OverdrachtFout.nietLeeg` otherwise); nothing is kept on an error.
    func vulLeeg(_ inhoud: [(Tabel, [[Waarde]])]) async throws
}

/// Why an export or import stops, in Dutch.
public struct OverdrachtFout: Error, CustomStringConvertible, Sendable, Equatable {
    public var melding: String
    public init(_ melding: String) { self.melding = melding }
    public var description: String { melding }

    static func nietLeeg(_ groottes: [String: Int]) -> OverdrachtFout {
        let gevuld = groottes.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        return OverdrachtFout("De database is niet leeg (\(gevuld.joined(separator: ", "))). Importeer alleen in een "
            + "nieuwe, lege database; er is niets veranderd.")
    }
}

/// The dump format `vip-export/1`: JSON lines, UTF-8, keys sorted, one object per line.
///
///     {"formaat":"vip-export/1","schemaversie":1}
///     {"rij":{"aangemaakt":1790000000000,"email":"d@x.nl","id":1,…},"tabel":"gebruikers"}
///     …
///     {"einde":{"rijen":42}}
///
/// - The header names the format and the schema version of the database it came from.
/// - Then every row of every moved table, tables in `Overdracht.tabellen` order (parents
///   first), rows in primary-key order. Integers are JSON numbers, text is a JSON string
///   (exactly the stored text), `null` is null, and the bytes of a version (`versies.tekst`)
///   are base64, so every version comes back byte for byte.
/// - The last line counts the rows, so a cut-off dump is refused instead of half imported.
/// - Sessions and failed logins are not moved: after a move everyone signs in again.
///
/// The same database exported twice gives the same bytes; so does a round trip through the
/// other engine.
public enum Overdracht {
    public static let formaat = "vip-export/1"

    /// Moved tables, parents before children.
    public static let tabellen: [Tabel] = [
        Tabel(naam: "gebruikers", kolommen: [("id", .geheel), ("email", .tekst), ("naam", .tekst), ("rol", .tekst),
                                             ("cursus_id", .geheel), ("wachtwoord_hash", .tekst), ("aangemaakt", .geheel)],
              volgorde: "id"),
        Tabel(naam: "cursussen", kolommen: [("id", .geheel), ("naam", .tekst), ("docent_id", .geheel),
                                            ("uitnodigingscode", .tekst), ("aangemaakt", .geheel)],
              volgorde: "id"),
        Tabel(naam: "bijeenkomsten", kolommen: [("cursus_id", .geheel), ("nr", .geheel), ("datum", .tekst)],
              volgorde: "cursus_id, nr"),
        Tabel(naam: "aanvragen", kolommen: [("id", .geheel), ("eigenaar_id", .geheel), ("versie", .geheel),
                                            ("aangemaakt", .geheel)],
              volgorde: "id"),
        Tabel(naam: "versies", kolommen: [("aanvraag_id", .geheel), ("versie", .geheel), ("tekst", .bytes),
                                          ("titel", .tekst), ("af", .geheel), ("fouten", .geheel),
                                          ("waarschuwingen", .geheel), ("gewijzigd", .geheel)],
              volgorde: "aanvraag_id, versie"),
        Tabel(naam: "opmerkingen", kolommen: [("id", .geheel), ("aanvraag_id", .geheel), ("versie", .geheel),
                                              ("docent_id", .geheel), ("pad", .tekst), ("tekst", .tekst),
                                              ("geplaatst", .geheel), ("afgehandeld", .geheel)],
              volgorde: "id"),
        Tabel(naam: "goedkeuringen", kolommen: [("aanvraag_id", .geheel), ("versie", .geheel), ("docent_id", .geheel),
                                                ("tijd", .geheel)],
              volgorde: "aanvraag_id, versie"),
        Tabel(naam: "evenementen", kolommen: [("id", .geheel), ("organisator_id", .geheel), ("tekst", .bytes),
                                              ("titel", .tekst), ("datum", .tekst), ("aangemaakt", .geheel)],
              volgorde: "id"),
        Tabel(naam: "evenement_cursussen", kolommen: [("evenement_id", .geheel), ("cursus_id", .geheel), ("nr", .geheel)],
              volgorde: "evenement_id, nr"),
    ]

    /// Tables that stay behind on purpose: sessions and the login limit are short-lived.
    public static let achterblijvend: Set<String> = ["sessies", "mislukte_logins"]

    /// What was moved, per table, in `tabellen` order.
    public struct Samenvatting: Sendable, Equatable {
        public var rijen: [(tabel: String, aantal: Int)]
        public static func == (a: Self, b: Self) -> Bool { a.rijen.elementsEqual(b.rijen) { $0 == $1 } }
        public var tekst: String {
            rijen.map { "\($0.tabel): \($0.aantal)" }.joined(separator: ", ")
                + ". Sessies en mislukte aanmeldpogingen gaan niet mee: iedereen meldt zich opnieuw aan."
        }
    }

    // MARK: Export

    /// Writes the dump of `opslag`, line by line.
    public static func exporteer(_ opslag: any Opslag, schrijf: (String) throws -> Void) async throws -> Samenvatting {
        guard let o = opslag as? any OverdraagbareOpslag else {
            throw OverdrachtFout("Deze opslag kan niet worden geëxporteerd.")
        }
        try schrijf(try regel(["formaat": formaat, "schemaversie": try await o.schemaVersie()]))
        var samenvatting = Samenvatting(rijen: [])
        var totaal = 0
        for tabel in tabellen {
            let rijen = try await o.rijen(tabel)
            for rij in rijen {
                var velden: [String: Any] = [:]
                for (kolom, waarde) in zip(tabel.kolommen, rij) { velden[kolom.naam] = json(waarde) }
                try schrijf(try regel(["tabel": tabel.naam, "rij": velden]))
            }
            samenvatting.rijen.append((tabel.naam, rijen.count))
            totaal += rijen.count
        }
        try schrijf(try regel(["einde": ["rijen": totaal]]))
        return samenvatting
    }

    static func regel(_ object: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    static func json(_ w: Waarde) -> Any {
        switch w {
        case .null: return NSNull()
        case .geheel(let i): return NSNumber(value: i)
        case .tekst(let t): return t
        case .bytes(let b): return Data(b).base64EncodedString()
        }
    }

    // MARK: Import

    /// A dump read and checked: its schema version and the rows of each table.
    public struct Dump: Sendable {
        public var schemaversie: Int
        public var inhoud: [(Tabel, [[Waarde]])]
    }

    /// Reads a whole dump; refuses another format, a newer schema, unknown tables or columns,
    /// and a dump without its closing line.
    public static func lees(_ bytes: [UInt8]) throws(OverdrachtFout) -> Dump {
        let regels = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        func object(_ i: Int) throws(OverdrachtFout) -> [String: Any] {
            guard let o = try? JSONSerialization.jsonObject(with: Data(regels[i])) as? [String: Any] else {
                throw OverdrachtFout("Regel \(i + 1) van de export is geen JSON-object.")
            }
            return o
        }
        guard !regels.isEmpty else { throw OverdrachtFout("De export is leeg.") }
        let kop = try object(0)
        guard kop["formaat"] as? String == formaat, let versie = (kop["schemaversie"] as? NSNumber)?.intValue else {
            throw OverdrachtFout("Dit is geen export van vip (de eerste regel moet {\"formaat\":\"\(formaat)\",…} zijn).")
        }
        guard versie <= Migraties.bekendeVersie else {
            throw OverdrachtFout("De export heeft schemaversie \(versie) en komt van een nieuwere vip; deze vip kent versie "
                + "\(Migraties.bekendeVersie). Werk vip bij.")
        }
        var perTabel: [String: [[Waarde]]] = [:]
        var einde: Int?
        for i in 1..<regels.count {
            let o = try object(i)
            if let e = o["einde"] as? [String: Any] {
                einde = (e["rijen"] as? NSNumber)?.intValue
                guard i == regels.count - 1 else { throw OverdrachtFout("Regel \(i + 1): na het einde van de export staat nog iets.") }
                break
            }
            guard let naam = o["tabel"] as? String, let velden = o["rij"] as? [String: Any] else {
                throw OverdrachtFout("Regel \(i + 1) van de export heeft geen tabel en rij.")
            }
            guard let tabel = tabellen.first(where: { $0.naam == naam }) else {
                throw OverdrachtFout("Regel \(i + 1): onbekende tabel \(naam).")
            }
            if let vreemd = velden.keys.first(where: { k in !tabel.kolommen.contains { $0.naam == k } }) {
                throw OverdrachtFout("Regel \(i + 1): onbekende kolom \(vreemd) in tabel \(naam).")
            }
            var rij: [Waarde] = []
            for kolom in tabel.kolommen {
                guard let w = waarde(velden[kolom.naam], kolom.soort) else {
                    throw OverdrachtFout("Regel \(i + 1): kolom \(kolom.naam) van tabel \(naam) heeft geen geldige waarde.")
                }
                rij.append(w)
            }
            perTabel[naam, default: []].append(rij)
        }
        let aantal = perTabel.values.reduce(0) { $0 + $1.count }
        guard let einde, einde == aantal else {
            throw OverdrachtFout("De export is onvolledig: de slotregel {\"einde\":…} ontbreekt of telt andere rijen "
                + "(gelezen: \(aantal)). Maak de export opnieuw.")
        }
        return Dump(schemaversie: versie, inhoud: tabellen.map { ($0, perTabel[$0.naam] ?? []) })
    }

    static func waarde(_ v: Any?, _ soort: Tabel.Soort) -> Waarde? {
        guard let v, !(v is NSNull) else { return .null }
        switch soort {
        case .geheel:
            guard let n = v as? NSNumber, let i = Int64(n.stringValue) else { return nil }
            return .geheel(i)
        case .tekst:
            return (v as? String).map(Waarde.tekst)
        case .bytes:
            return (v as? String).flatMap { Data(base64Encoded: $0) }.map { .bytes([UInt8]($0)) }
        }
    }

    /// Fills the empty database of `configuratie` with `dump`: creates the schema at the dump's
    /// version, inserts every row in one transaction, then migrates forward to this vip's version.
    public static func importeer(_ dump: Dump, in configuratie: ServerConfiguratie) async throws -> Samenvatting {
        let opslag: any Opslag
        do {
            opslag = try await configuratie.openOpslag(schemaVersie: dump.schemaversie)
        } catch {
            // A database already past the dump's schema (but not newer than this vip) is no place
            // for it: say that, not that vip is too old.
            guard dump.schemaversie < Migraties.bekendeVersie, let al = try? await configuratie.openOpslag() else {
                throw error
            }
            let versie = (try? await al.schemaVersie()) ?? Migraties.bekendeVersie
            try? await al.sluit()
            throw OverdrachtFout("De database heeft al schemaversie \(versie), de export versie \(dump.schemaversie). "
                + "Importeer in een nieuwe, lege database, of exporteer opnieuw met deze vip.")
        }
        do {
            guard let o = opslag as? any OverdraagbareOpslag else {
                throw OverdrachtFout("Deze opslag kan niet worden geïmporteerd.")
            }
            let huidig = try await o.schemaVersie()
            guard huidig == dump.schemaversie else {
                throw OverdrachtFout("De database heeft schemaversie \(huidig), de export \(dump.schemaversie). Importeer in "
                    + "een nieuwe, lege database.")
            }
            try await o.vulLeeg(dump.inhoud)
            try await o.sluit()
        } catch {
            try? await opslag.sluit()
            throw error
        }
        // Forward to this vip's schema, as a start of `vip server` would.
        try await configuratie.openOpslag().sluit()
        return Samenvatting(rijen: dump.inhoud.map { ($0.0.naam, $0.1.count) })
    }
}
