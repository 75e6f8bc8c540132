import ArgumentParser
import VIPOpdrachtregel
import VIPKit
import VIPModel

/// `--register` and `--datum`, shared by `vip check`, `vip build` and `vip fondsen zoek`.
struct RegisterOpties: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Een fondsenregister (vip-fondsenregister/1).", valueName: "REGISTER"))
    var register: String?

    @Option(name: .long, help: ArgumentHelp("De datum van vandaag voor regels met een termijn (standaard: vandaag), "
                                            + "zoals 2026-09-01.", valueName: "DATUM"))
    var datum: String?

    /// The register, read; a reading error is printed and exits 2.
    func leesRegister() throws -> Fondsenregister? {
        guard let register else { return nil }
        do {
            return try FondsenregisterReader.read(path: register)
        } catch {
            Terminal.fout(error.description)
            throw ExitCode(2)
        }
    }

    func leesDatum() throws -> Datum? {
        guard let datum else { return nil }
        guard let d = Datum.parse(datum) else {
            throw ValidationError("Verwacht een datum als 2026-09-01 of 1-9-2026 bij --datum; er staat \"\(datum)\".")
        }
        return d
    }
}
