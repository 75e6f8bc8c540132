import Foundation

/// One value of a stored row, the same for both engines.
public enum Waarde: Sendable, Equatable {
    case null
    case geheel(Int64)
    case tekst(String)
    case bytes([UInt8])
}

/// An engine that can hand over all its rows and fill an empty database with them:
/// `vip server exporteer` and `vip server importeer` move a whole installation between
/// SQLite and PostgreSQL this way, and make backups while servers run.
public protocol OverdraagbareOpslag: Sendable {
    /// Every row of `tabellen`, table after table in their order, in ONE read transaction: one
    /// consistent snapshot, whatever servers write meanwhile. Rows come one at a time.
    func leesAlles(_ tabellen: [Tabel], rij: @escaping @Sendable (Tabel, [Waarde]) throws -> Void) async throws
    /// The tables of vip's schema (without `vip_schema`), with their number of rows.
    func tabelGroottes() async throws -> [String: Int]
    /// The tables of vip's schema (without `vip_schema`) with their columns, as the database has them.
    func kolommen() async throws -> [String: [String]]
    /// In one transaction: checks that every table is empty (`OverdrachtFout.nietLeeg`
    /// otherwise), then inserts the rows `volgende` gives until it gives nil. Nothing is kept
    /// when anything throws, `volgende` included.
    func vulLeeg(_ volgende: @escaping @Sendable () throws -> (Tabel, [Waarde])?) async throws
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
///     {"formaat":"vip-export/1","schemaversie":4}
///     {"rij":{"aangemaakt":1790000000000,"email":"d@x.nl","id":1,…},"tabel":"gebruikers"}
///     …
///     {"einde":{"rijen":42}}
///
/// - The header names the format and the schema version of the database it came from.
/// - Then every row of every moved table (`Schema.overgedragen`), tables parents first, rows
///   in primary-key order. Integers are JSON numbers, text is a JSON string (exactly the stored
///   text), `null` is null, and bytes (a version's text, a file, an event) are base64, so every
///   version and every file comes back byte for byte.
/// - The last line counts the rows, so a cut-off dump is refused instead of half imported.
/// - Sessions and failed attempts are not moved: after a move everyone signs in again. Columns
///   that are derived (counts per onderdeel) are computed again where needed.
///
/// Both directions stream: one row is in memory at a time (a file of 10 MiB is the largest).
/// The same database exported twice gives the same bytes; so does a round trip through the
/// other engine.
public enum Overdracht {
    public static let formaat = "vip-export/1"

    /// What was moved, per table, in `Schema` order.
    public struct Samenvatting: Sendable, Equatable {
        public var rijen: [(tabel: String, aantal: Int)]
        public static func == (a: Self, b: Self) -> Bool { a.rijen.elementsEqual(b.rijen) { $0 == $1 } }
        public var tekst: String {
            rijen.map { "\($0.tabel): \($0.aantal)" }.joined(separator: ", ")
                + ". Sessies en mislukte aanmeldpogingen gaan niet mee: iedereen meldt zich opnieuw aan."
        }
    }

    /// Counts rows per table as they stream past.
    final class Teller: @unchecked Sendable {
        private let lock = NSLock()
        private var aantallen: [String: Int] = [:]
        func tel(_ tabel: String) { lock.withLock { aantallen[tabel, default: 0] += 1 } }
        func samenvatting(_ tabellen: [Tabel]) -> Samenvatting {
            lock.withLock { Samenvatting(rijen: tabellen.map { ($0.naam, aantallen[$0.naam] ?? 0) }) }
        }
        var totaal: Int { lock.withLock { aantallen.values.reduce(0, +) } }
    }

    // MARK: Export

    /// Writes the dump of `opslag`, line by line, from one snapshot.
    public static func exporteer(_ opslag: any Opslag,
                                 schrijf: @escaping @Sendable (String) throws -> Void) async throws -> Samenvatting {
        let versie = try await opslag.schemaVersie()
        let tabellen = Schema.overgedragen(in: versie)
        try schrijf(try regel(["formaat": formaat, "schemaversie": versie]))
        let teller = Teller()
        try await opslag.leesAlles(tabellen) { tabel, rij in
            var velden: [String: Any] = [:]
            for (kolom, waarde) in zip(tabel.kolommen, rij) { velden[kolom.naam] = json(waarde) }
            try schrijf(try regel(["tabel": tabel.naam, "rij": velden]))
            teller.tel(tabel.naam)
        }
        try schrijf(try regel(["einde": ["rijen": teller.totaal]]))
        return teller.samenvatting(tabellen)
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

    /// Lines of a dump, one at a time.
    public protocol Regelbron: AnyObject, Sendable {
        /// The next line without its line end; nil at the end.
        func volgende() throws -> [UInt8]?
    }

    /// The lines of a dump held in memory.
    public final class Geheugenregels: Regelbron, @unchecked Sendable {
        private let regels: [ArraySlice<UInt8>]
        private var i = 0
        public init(_ bytes: [UInt8]) {
            regels = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        }
        public func volgende() throws -> [UInt8]? {
            guard i < regels.count else { return nil }
            defer { i += 1 }
            return Array(regels[i])
        }
    }

    /// The lines of a dump read from a file (or standard input) in blocks.
    public final class Bestandsregels: Regelbron, @unchecked Sendable {
        private let handle: FileHandle
        private var buffer: [UInt8] = []
        private var begin = 0
        private var klaar = false
        public init(_ handle: FileHandle) { self.handle = handle }
        public func volgende() throws -> [UInt8]? {
            while true {
                if let nl = buffer[begin...].firstIndex(of: UInt8(ascii: "\n")) {
                    let regel = Array(buffer[begin..<nl])
                    begin = nl + 1
                    if regel.isEmpty { continue }
                    return regel
                }
                if klaar {
                    guard begin < buffer.count else { return nil }
                    let regel = Array(buffer[begin...])
                    begin = buffer.count
                    return regel
                }
                buffer.removeFirst(begin)
                begin = 0
                let blok = try handle.read(upToCount: 1 << 20) ?? Data()
                if blok.isEmpty { klaar = true } else { buffer += blok }
            }
        }
    }

    /// A dump being read: its schema version from the first line, then its rows one by one,
    /// each checked (known table and columns, valid values), and at the end the closing count.
    public final class Dump: @unchecked Sendable {
        public let schemaversie: Int
        let bron: any Regelbron
        let tabellen: [String: Tabel]
        private var nr = 1
        private var gelezen = 0
        private var einde = false
        public private(set) var aantallen: [String: Int] = [:]

        init(_ bron: any Regelbron) throws {
            self.bron = bron
            guard let eerste = try bron.volgende() else { throw OverdrachtFout("De export is leeg.") }
            guard let kop = try? JSONSerialization.jsonObject(with: Data(eerste)) as? [String: Any],
                  kop["formaat"] as? String == formaat, let versie = (kop["schemaversie"] as? NSNumber)?.intValue else {
                throw OverdrachtFout("Dit is geen export van vip (de eerste regel moet {\"formaat\":\"\(formaat)\",…} zijn).")
            }
            guard versie <= Migraties.bekendeVersie else {
                throw OverdrachtFout("De export heeft schemaversie \(versie) en komt van een nieuwere vip; deze vip kent "
                    + "versie \(Migraties.bekendeVersie). Werk vip bij.")
            }
            schemaversie = versie
            tabellen = Dictionary(uniqueKeysWithValues: Schema.overgedragen(in: versie).map { ($0.naam, $0) })
        }

        /// The next row; nil after the closing line, which must count every row read.
        public func volgende() throws -> (Tabel, [Waarde])? {
            guard !einde else { return nil }
            guard let bytes = try bron.volgende() else {
                throw OverdrachtFout("De export is onvolledig: de slotregel {\"einde\":…} ontbreekt (gelezen: \(gelezen) "
                    + "rijen). Maak de export opnieuw; er is niets geïmporteerd.")
            }
            nr += 1
            guard let o = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                throw OverdrachtFout("Regel \(nr) van de export is geen JSON-object.")
            }
            if let e = o["einde"] as? [String: Any] {
                guard (e["rijen"] as? NSNumber)?.intValue == gelezen else {
                    throw OverdrachtFout("De export is onvolledig: de slotregel telt andere rijen (gelezen: \(gelezen)). "
                        + "Maak de export opnieuw.")
                }
                guard try bron.volgende() == nil else {
                    throw OverdrachtFout("Regel \(nr + 1): na het einde van de export staat nog iets.")
                }
                einde = true
                return nil
            }
            guard let naam = o["tabel"] as? String, let velden = o["rij"] as? [String: Any] else {
                throw OverdrachtFout("Regel \(nr) van de export heeft geen tabel en rij.")
            }
            guard let tabel = tabellen[naam] else { throw OverdrachtFout("Regel \(nr): onbekende tabel \(naam).") }
            if let vreemd = velden.keys.first(where: { k in !tabel.kolommen.contains { $0.naam == k } }) {
                throw OverdrachtFout("Regel \(nr): onbekende kolom \(vreemd) in tabel \(naam).")
            }
            var rij: [Waarde] = []
            for kolom in tabel.kolommen {
                guard let w = Overdracht.waarde(velden[kolom.naam], kolom.soort) else {
                    throw OverdrachtFout("Regel \(nr): kolom \(kolom.naam) van tabel \(naam) heeft geen geldige waarde.")
                }
                rij.append(w)
            }
            gelezen += 1
            aantallen[naam, default: 0] += 1
            return (tabel, rij)
        }
    }

    /// Opens a dump: reads and checks its first line.
    public static func open(_ bron: any Regelbron) throws -> Dump { try Dump(bron) }

    /// A whole dump in memory, checked to its end before anything is imported (tests and small
    /// dumps); returns the dump ready to import from its first row.
    public static func lees(_ bytes: [UInt8]) throws -> Dump {
        let controle = try Dump(Geheugenregels(bytes))
        while try controle.volgende() != nil {}
        return try Dump(Geheugenregels(bytes))
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
    /// version, inserts every row in one transaction as it is read, then migrates forward to this
    /// vip's version. A dump that breaks off or holds a bad line leaves the database empty.
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
            let huidig = try await opslag.schemaVersie()
            guard huidig == dump.schemaversie else {
                throw OverdrachtFout("De database heeft schemaversie \(huidig), de export \(dump.schemaversie). Importeer in "
                    + "een nieuwe, lege database.")
            }
            try await opslag.vulLeeg { try dump.volgende() }
            try await opslag.sluit()
        } catch {
            try? await opslag.sluit()
            throw error
        }
        // Forward to this vip's schema, as a start of `vip server` would.
        try await configuratie.openOpslag().sluit()
        return Samenvatting(rijen: Schema.overgedragen(in: dump.schemaversie).map { ($0.naam, dump.aantallen[$0.naam] ?? 0) })
    }
}
