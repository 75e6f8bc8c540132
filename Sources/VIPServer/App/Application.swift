import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import Logging
import ServiceLifecycle
import VIPSpelling

/// The router with every route and middleware; `buildApplication` serves it. Tests use it
/// in-process with HummingbirdTesting. The API's controllers and the pages are two faces over
/// the same services (`Diensten`).
public func buildRouter(_ diensten: Diensten, logboek: Logboek = .stil) -> (Router<VIPContext>, [Route]) {
    let router = Router(context: VIPContext.self)
    router.add(middleware: Verzoeklog(logboek: logboek, meters: diensten.kern.meters))
    router.add(middleware: BeveiligingsHeaders())
    router.add(middleware: FoutMiddleware())
    router.add(middleware: BodyLimiet(limiet: Limieten.uploadFormulier))
    router.add(middleware: SessieMiddleware(accounts: diensten.accounts,
                                            cookie: Sessiecookie(diensten.kern.configuratie).naam,
                                            proxy: diensten.kern.configuratie.proxy))
    let routes = Routes(router)
    AlgemeenAPI(diensten: diensten).registreer(routes)
    SessieAPI(diensten: diensten).registreer(routes)
    CursusAPI(diensten: diensten).registreer(routes)
    AanvraagAPI(diensten: diensten).registreer(routes)
    BestandAPI(diensten: diensten).registreer(routes)
    BeoordelingAPI(diensten: diensten).registreer(routes)
    EvenementAPI(diensten: diensten).registreer(routes)
    BeheerAPI(diensten: diensten).registreer(routes)
    // Not part of the JSON API: the Prometheus text format.
    MetersRoute(diensten: diensten).registreer(router)
    RegisterAPI(diensten: diensten).registreer(routes)
    FondsenAPI(diensten: diensten).registreer(routes)
    // The HTML pages are not part of the API description, so they register on the router itself.
    Paginas(diensten: diensten).registreer(router)
    return (router, routes.alle)
}

/// The application for `configuratie` with `opslag`; `onGestart` hears the real address
/// once the server listens (port 0 picks a free one).
public func buildApplication(_ configuratie: ServerConfiguratie, opslag: any Opslag,
                             onGestart: @escaping @Sendable (String, Int) async -> Void = { _, _ in })
    -> some ApplicationProtocol {
    buildApplication(Diensten(opslag: opslag, configuratie: configuratie), logboek: .stil, onGestart: onGestart)
}

/// The application over `diensten`, logging every request to `logboek`.
public func buildApplication(_ diensten: Diensten, logboek: Logboek,
                             onGestart: @escaping @Sendable (String, Int) async -> Void = { _, _ in })
    -> some ApplicationProtocol {
    let configuratie = diensten.kern.configuratie
    var logger = Logger(label: "vip-server")
    logger.logLevel = configuratie.logNiveau
    let (router, _) = buildRouter(diensten, logboek: logboek)
    let adres = configuratie.adres
    return Application(
        router: router,
        server: BegrensdHTTP1Kanaal.bouwer(configuratie.tijdslimieten),
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
        try configuratie.controleer()
        let opslag = try await configuratie.openOpslag()
        do {
            let n = try await OudeUploads.zetOver(data: configuratie.data, opslag: opslag)
            if n > 0 { schrijf("\(n) geüploade bestanden uit \(configuratie.data)/bestanden staan nu in de database.") }
        } catch {
            try? await opslag.sluit()
            throw StartFout("De oude uploads in \(configuratie.data)/bestanden konden niet in de database worden gezet: \(error)")
        }
        if configuratie.demo {
            for regel in try await Demo.laad(opslag, configuratie: configuratie) { schrijf(regel) }
        }
        // The Dutch dictionary loads once per process; load it before the first check asks.
        await Zwaar.doe { _ = Hunspell.dutch }
        let diensten = Diensten(opslag: opslag, configuratie: configuratie)
        let logboek = Logboek(formaat: configuratie.log)
        let app = buildApplication(diensten, logboek: logboek) { adres, poort in
            schrijf("vip draait op http://\(adres):\(poort)")
        }
        var services: [any Service] = [app]
        // The outbox worker looks at the outbox at every start; without mail configured there is none.
        if let postbode = diensten.kern.postbode(logboek: logboek) {
            services.append(postbode)
            // Reminders and notifications are looked for at start and then on a schedule.
            services.append(Herinneraar(diensten: diensten, logboek: logboek))
            schrijf("Mail gaat via \(configuratie.mail!.beschrijving); links in mails beginnen met \(configuratie.basisURL).")
        } else {
            schrijf("Mail staat uit (geen --smtp of --sendmail): wachtwoord vergeten en uitnodigingen per mail werken niet.")
        }
        var logger = Logger(label: "vip-server")
        logger.logLevel = configuratie.logNiveau
        Noodstop.installeer { regel in FileHandle.standardError.write(Data((regel + "\n").utf8)) }
        var config = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                               logger: logger)
        config.maximumGracefulShutdownDuration = .seconds(10)
        // The packages kept on disk go with the process (after a kill -9, the system's temporary
        // folder is cleaned by its own rules; under systemd it is the unit's PrivateTmp).
        defer {
            diensten.kern.pakketten.leeg()
            Logboek.leeg()
        }
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
