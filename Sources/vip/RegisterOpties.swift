import VIPOpdrachtregel
import VIPKit
import VIPModel

/// `--register` and `--datum`, shared by `vip check`, `vip build` and `vip fondsen zoek`.
struct RegisterOpties {
    static let opties: [Opdracht.Optie] = [
        .init("register", waarde: "REGISTER", "Een fondsenregister (vip-fondsenregister/1)."),
        .init("datum", waarde: "DATUM", "De datum van vandaag voor regels met een termijn (standaard: vandaag), "
              + "zoals 2026-09-01."),
    ]

    var register: String?
    var datum: String?

    init(_ invoer: Invoer) {
        register = invoer.optie("register")
        datum = invoer.optie("datum")
    }

    /// The register, read; a reading error is printed and exits 2.
    func leesRegister() throws -> Fondsenregister? {
        guard let register else { return nil }
        do {
            return try FondsenregisterReader.read(path: register)
        } catch {
            Terminal.fout(error.description)
            throw Uitgangscode(2)
        }
    }

    func leesDatum() throws -> Datum? {
        guard let datum else { return nil }
        guard let d = Datum.parse(datum) else {
            throw Opdrachtfout("Verwacht een datum als 2026-09-01 of 1-9-2026 bij --datum; er staat \"\(datum)\".")
        }
        return d
    }
}
