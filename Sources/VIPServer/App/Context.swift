import Foundation
import Hummingbird
import NIOCore

/// The one request context of the server: the signed-in account, when there is one, and the
/// client's address.
public struct VIPContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `SessieMiddleware` when the request carries a valid session cookie.
    public var gebruiker: Gebruiker?
    public var sessie: Sessie?
    /// The peer's address; with `--proxy`, the last address of `X-Forwarded-For` (set by
    /// `SessieMiddleware`).
    public var adres: String?
    /// The peer's own address, whatever a proxy says (`/metrics` answers loopback).
    public var peer: String?
    /// With `--proxy`: the proxy said the browser came over https (`X-Forwarded-Proto`).
    public var https = false

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        adres = source.channel.remoteAddress?.ipAddress
        peer = adres
    }

    /// Bodies are read by the routes themselves, with `Limieten`.
    public var maxUploadSize: Int { Limieten.upload }

    /// The account, or 401.
    func aangemeld() throws -> (Gebruiker, Sessie) {
        guard let g = gebruiker, let s = sessie else { throw Weigering.nietAangemeld }
        return (g, s)
    }
}

public enum Limieten {
    /// An aanvraag, a check or an event (spec: 5 MiB).
    public static let aanvraag = 5 * 1024 * 1024
    /// A JSON body of the account and course routes.
    public static let json = 64 * 1024
    /// One uploaded file (spec: 10 MiB).
    public static let upload = 10 * 1024 * 1024
    /// The upload form: one file and the fields around it.
    static let uploadFormulier = upload + 64 * 1024
}
