import ArgumentParser
import Foundation

import VIPOpdrachtregel
import VIPServer

/// The database of `vip server`: a folder with SQLite, or a PostgreSQL URL.
struct DatabaseOpties: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("De map met de SQLite-database (vip.sqlite).", valueName: "MAP"))
    var data = "vip-data"

    @Option(name: .long, help: ArgumentHelp("Een PostgreSQL-database (postgres://…) in plaats van SQLite (ook VIP_DATABASE).",
                                            valueName: "URL"))
    var database: String?

    var configuratie: ServerConfiguratie {
        var c = ServerConfiguratie()
        c.data = data
        c.database = databaseUitOmgeving(database)
        return c
    }
}

/// `--database`, else `VIP_DATABASE` (a URL with a password stays out of the process list).
func databaseUitOmgeving(_ optie: String?) -> String? {
    (optie ?? ProcessInfo.processInfo.environment["VIP_DATABASE"]).flatMap { $0.isEmpty ? nil : $0 }
}

/// Runs `werk`, printing a Dutch refusal and exiting 2 when the database or the dump says no.
func overdracht(_ werk: @escaping @Sendable () async throws -> Void) throws {
    do {
        try wachtOp(werk)
    } catch let fout as StartFout {
        Terminal.fout(fout.melding)
        throw ExitCode(2)
    } catch let fout as OverdrachtFout {
        Terminal.fout(fout.melding)
        throw ExitCode(2)
    }
}

struct Exporteer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exporteer",
        abstract: "Schrijf alle gegevens van vip server naar standaarduitvoer (formaat vip-export/1).",
        discussion: "Eén consistente momentopname, ook terwijl servers draaien: accounts (met wachtwoordhashes), cursussen, "
            + "elke versie van elke aanvraag met haar bestanden byte voor byte, en de postbus (wachtende mail wordt na "
            + "importeren verstuurd). Sessies en mislukte pogingen gaan niet mee. Voorbeeld: vip server exporteer --data "
            + "vip-data > vip.export")

    @OptionGroup var opties: DatabaseOpties

    func run() throws {
        let configuratie = opties.configuratie
        try overdracht {
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

struct Importeer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "importeer",
        abstract: "Vul een nieuwe, lege database met een export van vip server exporteer.",
        discussion: "Weigert een database die al gegevens heeft. Voorbeeld: vip server importeer --database "
            + "postgres://vip@localhost/vip < vip.export")

    @OptionGroup var opties: DatabaseOpties

    @Argument(help: ArgumentHelp("De export (zonder: standaardinvoer).", valueName: "BESTAND"))
    var bestand: String?

    func run() throws {
        let bytes: [UInt8]
        if let bestand {
            guard let data = FileManager.default.contents(atPath: bestand) else {
                Terminal.fout("Het bestand \(bestand) kan niet worden gelezen.")
                throw ExitCode(2)
            }
            bytes = [UInt8](data)
        } else {
            bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        }
        let configuratie = opties.configuratie
        try overdracht {
            let dump = try Overdracht.lees(bytes)
            let samenvatting = try await Overdracht.importeer(dump, in: configuratie)
            schrijfRegel("Geïmporteerd: \(samenvatting.tekst)")
        }
    }
}
