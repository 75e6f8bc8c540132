import Hummingbird

/// Registers routes on the router and keeps their list, so that a test can hold the
/// OpenAPI description against what the router really serves.
final class Routes {
    let router: Router<VIPContext>
    private(set) var alle: [Route] = []

    init(_ router: Router<VIPContext>) { self.router = router }

    func on(_ method: HTTPRequest.Method, _ pad: String,
            _ handler: @escaping @Sendable (Request, VIPContext) async throws -> Response) {
        router.on(RouterPath(pad), method: method, use: handler)
        alle.append(Route(method: method.rawValue, pad: pad))
    }
}

/// One route: method and path with `{parameter}` segments (OpenAPI's notation).
public struct Route: Sendable, Hashable, CustomStringConvertible {
    public var method: String
    public var pad: String
    public var description: String { "\(method) \(pad)" }
}
