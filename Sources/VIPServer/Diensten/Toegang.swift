import Foundation

/// Who sees and changes what (spec: "Who sees what"), for the API and the pages alike: each
/// function returns the resource or throws the answer the caller gets. What she may not see
/// is 404, as if it did not exist; what she may see but not change is 403.
public struct Toegang: Sendable {
    public var opslag: any Opslag

    public init(opslag: any Opslag) { self.opslag = opslag }

    /// Whether `g` is the docent of the cursus the aanvraag's owner follows.
    func isDocent(van a: AanvraagRij, _ g: Gebruiker) async throws -> Bool {
        guard g.rol == .docent, let c = a.cursus, let cursus = try await opslag.cursus(id: c) else { return false }
        return cursus.docent == g.id
    }

    /// The aanvraag when `g` may see it: its owner, or the docent of the owner's cursus.
    /// Organisers see aanvragen only through the package of their own events.
    public func aanvraag(_ id: Int64?, voor g: Gebruiker) async throws -> AanvraagRij {
        guard let id, let a = try await opslag.aanvraag(id: id) else { throw Weigering.nietGevonden() }
        if a.eigenaar == g.id { return a }
        if try await isDocent(van: a, g) { return a }
        throw Weigering.nietGevonden()
    }

    /// The aanvraag when `g` is the docent of its cursus; its owner gets 403 with `waarom`.
    public func aanvraagAlsDocent(_ id: Int64?, voor g: Gebruiker, waarom: String) async throws -> AanvraagRij {
        let a = try await aanvraag(id, voor: g)
        guard a.eigenaar != g.id else { throw Weigering.verboden(waarom) }
        return a
    }

    /// The aanvraag when `g` owns it; the docent of its cursus gets 403 with `waarom`.
    public func aanvraagAlsEigenaar(_ id: Int64?, voor g: Gebruiker, waarom: String) async throws -> AanvraagRij {
        let a = try await aanvraag(id, voor: g)
        guard a.eigenaar == g.id else { throw Weigering.verboden(waarom) }
        return a
    }

    /// The cursus when `g` is its docent; 404 for anyone else.
    public func cursusAlsDocent(_ id: Int64?, voor g: Gebruiker) async throws -> Cursus {
        guard let id, g.rol == .docent, let c = try await opslag.cursus(id: id), c.docent == g.id else {
            throw Weigering.nietGevonden()
        }
        return c
    }

    /// The roles that keep the installation's fund register (na-het-besluit.md: "organisers and
    /// beheerders edit it").
    static let registerbeheerders: Set<Rol> = [.organisator]

    /// `g` when she keeps the fund register; 403 for every other account (the register exists for
    /// everyone: cursisten search it).
    public func registerbeheerder(_ g: Gebruiker) throws -> Gebruiker {
        guard Self.registerbeheerders.contains(g.rol) else {
            throw Weigering.verboden("Alleen een organisator beheert het fondsenregister. Cursisten zoeken erin op de "
                + "pagina Fondsen van hun aanvraag.")
        }
        return g
    }

    /// The event when `g` is the organiser who made it; 404 for anyone else.
    public func evenementAlsOrganisator(_ id: Int64?, voor g: Gebruiker) async throws -> EvenementRij {
        guard let id, g.rol == .organisator, let e = try await opslag.evenement(id: id), e.organisator == g.id else {
            throw Weigering.nietGevonden()
        }
        return e
    }
}
