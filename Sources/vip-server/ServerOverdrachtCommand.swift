import Foundation

import VIPOpdrachtregel
import VIPServer

/// The database of `vip server`: a folder with SQLite, or a PostgreSQL URL.
enum DatabaseOpties {
    static let opties: [Opdracht.Optie] = [
        .init("data", waarde: "MAP", "De map met de SQLite-database (vip.sqlite).", standaard: "vip-data"),
        .init("database", waarde: "URL", "Een PostgreSQL-database (postgres://…) in plaats van SQLite (ook VIP_DATABASE)."),
    ]

    static func configuratie(_ invoer: Invoer) -> ServerConfiguratie {
        var c = ServerConfiguratie()
        c.data = invoer.optie("data") ?? "vip-data"
        c.database = databaseUitOmgeving(invoer.optie("database"))
        return c
    }
}

/// `--database`, else `VIP_DATABASE` (a URL with a password stays out of the process list).
func databaseUitOmgeving(_ optie: String?) -> String? {
    (optie ?? ProcessInfo.processInfo.environment["VIP_DATABASE"]).flatMap { $0.isEmpty ? nil : $0 }
}

/// Runs `werk`, printing a Dutch refusal and exiting 2 when the database or the dump says no.
func overdracht(_ werk: @escaping @Sendable () async throws -> Void) throws -> Int32 {
    do {
        try wachtOp(werk)
        return 0
    } catch let fout as StartFout {
        Terminal.fout(fout.melding)
        return 2
    } catch let fout as OverdrachtFout {
        Terminal.fout(fout.melding)
        return 2
    }
}

enum Exporteer {
    static let opdracht = Opdracht(
        "exporteer",
        samenvatting: "Schrijf alle gegevens van vip server naar standaarduitvoer (formaat vip-export/1).",
        uitleg: "Eén consistente momentopname, ook terwijl servers draaien: accounts (met wachtwoordhashes), cursussen, "
            + "elke versie van elke aanvraag met haar bestanden byte voor byte, en de postbus (wachtende mail wordt na "
            + "importeren verstuurd). Sessies en mislukte pogingen gaan niet mee. Voorbeeld: vip server exporteer --data "
            + "vip-data > vip.export",
        opties: DatabaseOpties.opties,
        voerUit: run)

    static func run(_ invoer: Invoer) throws -> Int32 {
        let configuratie = DatabaseOpties.configuratie(invoer)
        return try overdracht {
            let opslag = try await configuratie.openOpslag()
            final class Buffer: @unchecked Sendable { var data = Data() }
            let buffer = Buffer()
            do {
                let samenvatting = try await Overdracht.exporteer(opslag) { regel in
                    buffer.data.append(contentsOf: Array(regel.utf8) + [0x0A])
                    if buffer.data.count >= 1 << 20 {
                        FileHandle.standardOutput.write(buffer.data)
                        buffer.data.removeAll(keepingCapacity: true)
                    }
                }
                FileHandle.standardOutput.write(buffer.data)
                try await opslag.sluit()
                FileHandle.standardError.write(Data("Geëxporteerd: \(samenvatting.tekst)\n".utf8))
            } catch {
                try? await opslag.sluit()
                throw error
            }
        }
    }
}

enum Importeer {
    static let opdracht = Opdracht(
        "importeer",
        samenvatting: "Vul een nieuwe, lege database met een export van vip server exporteer.",
        uitleg: "Weigert een database die al gegevens heeft. Voorbeeld: vip server importeer --database "
            + "postgres://vip@localhost/vip < vip.export",
        argumenten: [.init("BESTAND", "De export (zonder: standaardinvoer).", aantal: .hoogstensEen)],
        opties: DatabaseOpties.opties,
        voerUit: run)

    static func run(_ invoer: Invoer) throws -> Int32 {
        let bytes: [UInt8]
        if let bestand = invoer.argumenten.first {
            guard let data = FileManager.default.contents(atPath: bestand) else {
                Terminal.fout("Het bestand \(bestand) kan niet worden gelezen.")
                return 2
            }
            bytes = [UInt8](data)
        } else {
            bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        }
        let configuratie = DatabaseOpties.configuratie(invoer)
        return try overdracht {
            let dump = try Overdracht.lees(bytes)
            let samenvatting = try await Overdracht.importeer(dump, in: configuratie)
            schrijfRegel("Geïmporteerd: \(samenvatting.tekst)")
        }
    }
}
