import Foundation

/// Who sees and changes what (server.md "Who sees what", cursus.md "Working together"), for the
/// API and the pages alike: each function returns the resource or throws the answer the caller
/// gets. What she may not see is 404, as if it did not exist; what she may see but not change is
/// 403.
///
/// An aanvraag is seen by its authors (the cursist who began it and her co-authors), by every
/// docent of the owner's cursus, and — when it is shared with the group — by every cursist of
/// that cursus. Its authors change and build it; a docent comments, approves and builds it; a
/// fellow cursist reads and comments. Organisers see aanvragen only through their own events.
public struct Toegang: Sendable {
    public var opslag: any Opslag

    public init(opslag: any Opslag) { self.opslag = opslag }

    /// What `g` is to an aanvraag.
    public enum Relatie: Sendable, Equatable {
        case auteur, docent, medecursist, geen
    }

    public func relatie(_ a: AanvraagRij, _ g: Gebruiker) async throws -> Relatie {
        switch g.rol {
        case .cursist:
            if a.eigenaar == g.id { return .auteur }
            guard a.cursus != nil, g.cursus == a.cursus else { return .geen }
            if try await opslag.auteurs(aanvraag: a.id).contains(where: { $0.id == g.id }) { return .auteur }
            return a.gedeeld ? .medecursist : .geen
        case .docent:
            guard let c = a.cursus, let cursus = try await opslag.cursus(id: c) else { return .geen }
            return cursus.docenten.contains(g.id) ? .docent : .geen
        case .organisator, .beheerder:
            return .geen
        }
    }

    /// The aanvraag and what `g` is to it, when she may see it; 404 otherwise.
    public func zichtbaar(_ id: Int64?, voor g: Gebruiker) async throws -> (AanvraagRij, Relatie) {
        guard let id, let a = try await opslag.aanvraag(id: id) else { throw Weigering.nietGevonden() }
        let r = try await relatie(a, g)
        guard r != .geen else { throw Weigering.nietGevonden() }
        return (a, r)
    }

    /// The aanvraag when `g` may see it.
    public func aanvraag(_ id: Int64?, voor g: Gebruiker) async throws -> AanvraagRij {
        try await zichtbaar(id, voor: g).0
    }

    /// The aanvraag when `g` is one of `toegestaan`; 403 with `waarom` when she may only see it.
    public func aanvraag(_ id: Int64?, voor g: Gebruiker, als toegestaan: Set<Relatie>, waarom: String) async throws -> AanvraagRij {
        let (a, r) = try await zichtbaar(id, voor: g)
        guard toegestaan.contains(r) else { throw Weigering.verboden(waarom) }
        return a
    }

    /// The aanvraag when `g` is a docent of its cursus; 403 for the others who see it.
    public func aanvraagAlsDocent(_ id: Int64?, voor g: Gebruiker, waarom: String) async throws -> AanvraagRij {
        try await aanvraag(id, voor: g, als: [.docent], waarom: waarom)
    }

    /// The aanvraag when `g` is one of its authors; 403 for the others who see it.
    public func aanvraagAlsEigenaar(_ id: Int64?, voor g: Gebruiker, waarom: String) async throws -> AanvraagRij {
        try await aanvraag(id, voor: g, als: [.auteur], waarom: waarom)
    }

    /// The cursus when `g` is one of its docenten; 404 for anyone else.
    public func cursusAlsDocent(_ id: Int64?, voor g: Gebruiker) async throws -> Cursus {
        guard let id, g.rol == .docent, let c = try await opslag.cursus(id: id), c.docenten.contains(g.id) else {
            throw Weigering.nietGevonden()
        }
        return c
    }

    /// The cursus when `g` follows it or is one of its docenten; 404 for anyone else.
    public func cursus(_ id: Int64?, voor g: Gebruiker) async throws -> Cursus {
        guard let id, let c = try await opslag.cursus(id: id) else { throw Weigering.nietGevonden() }
        switch g.rol {
        case .cursist where g.cursus == c.id: return c
        case .docent where c.docenten.contains(g.id): return c
        default: throw Weigering.nietGevonden()
        }
    }

    /// The roles that keep the installation's fund register (na-het-besluit.md: "organisers and
    /// beheerders edit it").
    static let registerbeheerders: Set<Rol> = [.organisator, .beheerder]

    /// `g` when she keeps the fund register; 403 for every other account (the register exists for
    /// everyone: cursisten search it).
    public func registerbeheerder(_ g: Gebruiker) throws -> Gebruiker {
        guard Self.registerbeheerders.contains(g.rol) else {
            throw Weigering.verboden("Alleen een organisator of beheerder beheert het fondsenregister. Cursisten zoeken erin op de "
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
