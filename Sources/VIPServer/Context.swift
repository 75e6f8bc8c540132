import Foundation
import Hummingbird

/// The one request context of the server: the signed-in account, when there is one.
public struct VIPContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `SessieMiddleware` when the request carries a valid session cookie.
    public var gebruiker: Gebruiker?
    public var sessie: Sessie?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Bodies are read by the routes themselves, with `Limieten`.
    public var maxUploadSize: Int { Limieten.aanvraag }

    /// The account, or 401.
    func aangemeld() throws -> (Gebruiker, Sessie) {
        guard let g = gebruiker, let s = sessie else { throw APIFout.nietAangemeld }
        return (g, s)
    }
}

public enum Limieten {
    /// An aanvraag, a check or an event (spec: 5 MiB).
    public static let aanvraag = 5 * 1024 * 1024
    /// A JSON body of the account and course routes.
    public static let json = 64 * 1024
    /// One uploaded file (spec: 10 MiB), plus room for the form around it.
    public static let upload = 10 * 1024 * 1024
    static let uploadFormulier = upload + 64 * 1024

    /// The page route that takes uploads: `/aanvragen/{id}/bijlagen/upload`.
    static func isUpload(_ pad: String) -> Bool { pad.hasPrefix("/aanvragen/") && pad.hasSuffix("/bijlagen/upload") }
}
