import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import Logging
import ServiceLifecycle
import VIPSpelling

/// The router with every route and middleware; `buildApplication` serves it. Tests use it
/// in-process with HummingbirdTesting.
public func buildRouter(_ dienst: Dienst) -> (Router<VIPContext>, [Route]) {
    let router = Router(context: VIPContext.self)
    router.add(middleware: BeveiligingsHeaders())
    router.add(middleware: FoutMiddleware())
    router.add(middleware: BodyLimiet(limiet: Limieten.aanvraag))
    router.add(middleware: SessieMiddleware(opslag: dienst.opslag, klok: dienst.configuratie.klok))
    router.add(middleware: CSRFMiddleware())
    let routes = Routes(router)
    Algemeen(dienst: dienst).registreer(routes)
    Sessies(dienst: dienst).registreer(routes)
    Cursussen(dienst: dienst).registreer(routes)
    Aanmelden(dienst: dienst).registreer(routes)
    Aanvragen(dienst: dienst).registreer(routes)
    Evenementen(dienst: dienst).registreer(routes)
    Beoordelingen(dienst: dienst).registreer(routes)
    Cursusdocent(dienst: dienst).registreer(routes)
    // The HTML pages are not part of the API description, so they register on the router itself.
    Paginas(dienst: dienst).registreer(router)
    return (router, routes.alle)
}

/// The application for `configuratie` with `opslag`; `onGestart` hears the real address
/// once the server listens (port 0 picks a free one).
public func buildApplication(_ configuratie: ServerConfiguratie, opslag: any Opslag,
                             onGestart: @escaping @Sendable (String, Int) async -> Void = { _, _ in })
    -> some ApplicationProtocol {
    var logger = Logger(label: "vip-server")
    logger.logLevel = configuratie.logNiveau
    let dienst = Dienst(opslag: opslag, configuratie: configuratie)
    let (router, _) = buildRouter(dienst)
    let adres = configuratie.adres
    return Application(
        router: router,
        configuration: .init(address: .hostname(adres, port: configuratie.poort), serverName: nil),
        onServerRunning: { channel in
            await onGestart(adres, channel.localAddress?.port ?? configuratie.poort)
        },
        logger: logger
    )
}

/// `vip server`: opens the storage, loads the demo when asked, serves until SIGINT or
/// SIGTERM (running requests finish first), then closes the database.
public enum VIPServerStart {
    public static func draai(_ configuratie: ServerConfiguratie,
                             schrijf: @escaping @Sendable (String) -> Void) async throws {
        let opslag = try await configuratie.openOpslag()
        if configuratie.demo {
            for regel in try await Demo.laad(opslag, configuratie: configuratie) { schrijf(regel) }
        }
        // The Dutch dictionary loads once per process; load it before the first check asks.
        await Zwaar.doe { _ = Hunspell.dutch }
        let app = buildApplication(configuratie, opslag: opslag) { adres, poort in
            schrijf("vip draait op http://\(adres):\(poort)")
        }
        var logger = Logger(label: "vip-server")
        logger.logLevel = configuratie.logNiveau
        var config = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint],
                                               logger: logger)
        config.maximumGracefulShutdownDuration = .seconds(10)
        do {
            try await ServiceGroup(configuration: config).run()
        } catch {
            try? await opslag.sluit()
            let detail = String(describing: error)
            if detail.contains("errno: \(EADDRINUSE)") || detail.contains("Address already in use") {
                throw StartFout("Poort \(configuratie.poort) op \(configuratie.adres) is al in gebruik. Stop het andere "
                    + "programma of kies een andere poort met --poort.")
            }
            throw StartFout("vip server kon niet starten of draaien op \(configuratie.adres):\(configuratie.poort): \(detail)")
        }
        try await opslag.sluit()
    }
}
