import Foundation
import Hummingbird
import HTTPTypes
import Prometheus

/// The server's metrics in the Prometheus text format (`GET /metrics`): requests by route and
/// status, a duration histogram by route, and the outbox (waiting, failed, sent, attempts that
/// failed). One registry per application, so tests in one process do not share counts.
public final class Meters: Sendable {
    let register = PrometheusCollectorRegistry()
    private static let grenzen: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                                              .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                                              .milliseconds(2500), .seconds(5), .seconds(10)]
    let wachtend: Gauge
    let mislukt: Gauge
    let verstuurd: Counter
    let pogingMislukt: Counter

    public init() {
        wachtend = register.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "vip", subsystem: "outbox", metricName: "waiting", unitName: "", helpText: "Mails waiting in the outbox."))
        mislukt = register.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "vip", subsystem: "outbox", metricName: "failed", unitName: "",
            helpText: "Mails that failed for good (48 hours of attempts, or refused by the mail server)."))
        verstuurd = register.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "vip", subsystem: "outbox", metricName: "sent", unitName: "total",
            helpText: "Mails handed to the mail server by this process."))
        pogingMislukt = register.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "vip", subsystem: "outbox", metricName: "attempts_failed", unitName: "total",
            helpText: "Delivery attempts of this process that failed (tried again later, or failed for good)."))
    }

    func verzoek(methode: String, route: String, status: Int, duur: Duration) {
        register.makeCounter(descriptor: MetricNameDescriptor(namespace: "vip", subsystem: "http", metricName: "requests",
                                                              unitName: "total", helpText: "HTTP requests answered."),
                             labels: [("method", methode), ("route", route), ("status", String(status))]).increment()
        register.makeDurationHistogram(descriptor: MetricNameDescriptor(
            namespace: "vip", subsystem: "http", metricName: "request_duration", unitName: "seconds",
            helpText: "Time from the request's head to the answer's head."),
            labels: [("route", route)], buckets: Self.grenzen).record(duur)
    }

    /// The text of a scrape; the outbox is counted in the database first (every process of a
    /// shared installation reports the same outbox).
    func tekst(_ opslag: any Opslag) async -> [UInt8] {
        if let stand = try? await opslag.postbus(max: 0) {
            wachtend.set(Double(stand.wachtend))
            mislukt.set(Double(stand.aantalMislukt))
        }
        return register.emitToBuffer()
    }
}

/// `GET /metrics`: answered to loopback (a request that came through the proxy is not), or to
/// anyone with `Authorization: Bearer <--metrics-token>`.
struct MetersRoute {
    var diensten: Diensten

    func registreer(_ router: Router<VIPContext>) {
        router.get("/metrics") { request, context in try await toon(request, context) }
    }

    static func isLoopback(_ adres: String?) -> Bool {
        guard let a = adres else { return false }
        return a.hasPrefix("127.") || a == "::1" || a.hasPrefix("::ffff:127.")
    }

    func toon(_ request: Request, _ context: VIPContext) async throws -> Response {
        var toegestaan = false
        if let token = diensten.kern.configuratie.metricsToken, !token.isEmpty,
           let gegeven = request.headers[.authorization], gegeven.hasPrefix("Bearer ") {
            toegestaan = CSRFMiddleware.gelijk(String(gegeven.dropFirst("Bearer ".count)), token)
        }
        if !toegestaan && Self.isLoopback(context.peer) && request.headers[HTTPField.Name("X-Forwarded-For")!] == nil {
            toegestaan = true
        }
        guard toegestaan else {
            throw Weigering.verboden("/metrics antwoordt alleen op deze machine zelf, of met Authorization: Bearer en het "
                + "token van --metrics-token.")
        }
        let bytes = await diensten.kern.meters.tekst(diensten.kern.opslag)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// One line in the log and one count in the metrics for every request, with an id that the
/// answer carries as `X-Request-Id`. The route is the pattern the router matched
/// (`/api/aanvragen/{id}`), never the path itself.
struct Verzoeklog: RouterMiddleware {
    typealias Context = VIPContext
    var logboek: Logboek
    var meters: Meters
    static let kop = HTTPField.Name("X-Request-Id")!

    static let methoden: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    func handle(_ request: Request, context: VIPContext, next: (Request, VIPContext) async throws -> Response) async throws -> Response {
        let begin = ContinuousClock.now
        let id = Hex.encode(Geheim.bytes(6))
        let methode = Self.methoden.contains(request.method.rawValue) ? request.method.rawValue : "ANDERS"
        do {
            var r = try await next(request, context)
            r.headers[Self.kop] = id
            schrijf(methode, context, Int(r.status.code), begin, id)
            return r
        } catch {
            let status = (error as? HTTPResponseError)?.status.code ?? 500
            schrijf(methode, context, Int(status), begin, id)
            throw error
        }
    }

    func schrijf(_ methode: String, _ context: VIPContext, _ status: Int, _ begin: ContinuousClock.Instant, _ id: String) {
        let duur = ContinuousClock.now - begin
        // Hummingbird names an address no route serves "NotFound"; a pattern always starts with `/`.
        let route = context.endpointPath.flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "(geen route)"
        let ms = Double(duur.components.seconds) * 1000 + Double(duur.components.attoseconds) / 1e15
        logboek.verzoek(methode: methode, route: route, status: status, ms: ms, id: id)
        meters.verzoek(methode: methode, route: route, status: status, duur: duur)
    }
}
