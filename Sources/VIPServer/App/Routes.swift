import Hummingbird

/// Registers the API's routes and keeps their list, so that a test can hold the OpenAPI
/// description against what the router really serves.
///
/// The CSRF check is a middleware of the route group, so it runs after the router has found the
/// route: what is checked is decided by the route reached, never by the text of the path
/// (`//api/aanvragen/1` reaches `/api/aanvragen/{id}` and gets exactly its rules).
final class Routes {
    let metCSRF: RouterGroup<VIPContext>
    let zonderCSRF: RouterGroup<VIPContext>
    private(set) var alle: [Route] = []

    init(_ router: Router<VIPContext>) {
        metCSRF = router.group().add(middleware: CSRFMiddleware())
        zonderCSRF = router.group()
    }

    /// A route; `csrf: false` only for the few that need no session token (server.md:
    /// `/api/check`, `POST /api/sessie`, `/api/aanmelden`, and what anyone may call).
    func on(_ method: HTTPRequest.Method, _ pad: String, csrf: Bool = true,
            _ handler: @escaping @Sendable (Request, VIPContext) async throws -> Response) {
        (csrf ? metCSRF : zonderCSRF).on(RouterPath(pad), method: method, use: handler)
        alle.append(Route(method: method.rawValue, pad: pad))
    }
}

/// One route: method and path with `{parameter}` segments (OpenAPI's notation).
public struct Route: Sendable, Hashable, CustomStringConvertible {
    public var method: String
    public var pad: String
    public var description: String { "\(method) \(pad)" }
}
