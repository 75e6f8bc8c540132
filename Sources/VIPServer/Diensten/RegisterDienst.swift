import Foundation
import VIPKit
import VIPModel

/// The installation's one fund register (na-het-besluit.md, "The fund register"): organisers import,
/// edit and export the `vip-fondsenregister/1` file; every import or edit is stored as a new
/// version, byte for byte, and the newest is the register that the checks, the search on the
/// fondsen page, the call sheet and the speed-date form use.
struct RegisterDienst: Sendable {
    let kern: Kern
    static let yaml = "application/yaml; charset=utf-8"
    var toegang: Toegang { Toegang(opslag: kern.opslag) }

    static let geenRegister = "Deze installatie heeft nog geen fondsenregister. Een organisator importeert het "
        + "(vip-fondsenregister/1)."

    /// The register as it stands now.
    func huidig() async throws -> Registerbron.Stand { try await kern.register() }

    /// The newest stored text, for the organiser who exports it; 404 when there is none.
    func tekst(voor g: Gebruiker) async throws -> RegisterRij {
        _ = try toegang.registerbeheerder(g)
        guard let rij = try await huidig().rij else { throw Weigering.nietGevonden(Self.geenRegister) }
        return rij
    }

    /// Stores `tekst` as the new register when it reads as `vip fondsen zoek --register` reads a
    /// file: 422 with `leesfout` (line, column, path) otherwise, and nothing is stored. With
    /// `verwacht` (If-Match, or the version the page showed), a register changed meanwhile is
    /// `VerouderdeVersie`.
    func bewaar(_ tekst: [UInt8], door g: Gebruiker, verwacht: Int?) async throws -> (RegisterRij, Fondsenregister) {
        _ = try toegang.registerbeheerder(g)
        if tekst.count > Limieten.aanvraag { throw Weigering.teGroot(Limieten.aanvraag) }
        let limits = kern.checker.limits
        let gelezen: Result<Fondsenregister, LeesFout> = await Zwaar.doe {
            Result { () throws(LeesFout) in try FondsenregisterReader.parse(tekst, bestand: Registerbron.bestand, limits: limits) }
        }
        let register: Fondsenregister
        switch gelezen {
        case .success(let r): register = r
        case .failure(let e): throw Self.leesfout(e)
        }
        let rij: RegisterRij
        do {
            rij = try await kern.opslag.bewaarRegister(tekst: tekst, door: g.id, verwacht: verwacht, tijd: kern.nu)
        } catch OpslagFout.verouderd(let huidige) {
            throw VerouderdeVersie(huidige: huidige)
        }
        kern.registerbron.zet(Registerbron.Stand(rij: rij, register: register))
        return (rij, register)
    }

    /// 422 for a register that cannot be read: where (file, line, column, path) and what.
    static func leesfout(_ e: LeesFout) -> Weigering {
        let plek = e.mark.map { " (regel \($0.line), kolom \($0.column))" } ?? ""
        return Weigering(.unprocessableContent, "Het fondsenregister kan niet worden gelezen\(plek): \(e.melding) Er is niets "
            + "opgeslagen.", extra: [("leesfout", .object([
                ("bestand", .string(e.bestand)),
                ("melding", .string(e.melding)),
                ("regel_nr", e.mark.map { JSON.int($0.line) } ?? .null),
                ("kolom", e.mark.map { JSON.int($0.column) } ?? .null),
                ("pad", .string(e.pad)),
                ("tekst", .string(e.description)),
            ]))])
    }

    /// An amount and a date as a search or a form gives them, read as `--bedrag` and `--datum` are
    /// (empty: not given); 422 when unreadable.
    static func zoekopties(_ bedrag: String?, _ datum: String?) throws -> (Bedrag?, Datum?) {
        var b: Bedrag? = nil, d: Datum? = nil
        if let bedrag, !bedrag.trimmedText.isEmpty {
            guard let gelezen = Bedrag.lees(bedrag) else {
                throw Weigering(.unprocessableContent, "Verwacht een bedrag als 3500 of 3.500,00; er staat \"\(bedrag)\".")
            }
            b = gelezen
        }
        if let datum, !datum.trimmedText.isEmpty {
            guard let gelezen = Datum.parse(datum.trimmedText) else {
                throw Weigering(.unprocessableContent, "Verwacht een datum als 2026-09-01 of 1-9-2026; er staat \"\(datum)\".")
            }
            d = gelezen
        }
        return (b, d)
    }

    /// The register funds that fit `aanvraag`, as `vip fondsen zoek --bedrag B --datum D` finds them;
    /// without a date, today by the server's clock. 404 when the installation has no register.
    func zoek(_ aanvraag: Aanvraag, bedrag: Bedrag?, datum: Datum?) async throws -> FondsenZoeker.Resultaat {
        guard let register = try await huidig().register else { throw Weigering.nietGevonden(Self.geenRegister) }
        let d = datum ?? kern.vandaag
        return await Zwaar.doe { FondsenZoeker(register: register).zoek(aanvraag, bedrag: bedrag, datum: d) }
    }
}
