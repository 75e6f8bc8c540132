import Foundation
import ServiceLifecycle

/// The schedule of reminders and notifications: a service beside the HTTP server and the outbox
/// worker. At start and then every `interval` it writes the notification bundles that are due;
/// reminders at start and at least every `herinneringsInterval` (10 minutes). What is due is
/// decided by the configuration's clock (tests move it); several processes may run it at once,
/// the storage writes each reminder and each bundle once.
public final class Herinneraar: Service, Sendable {
    let diensten: Diensten
    let logboek: Logboek
    let interval: Duration
    let herinneringsInterval: Duration

    public init(diensten: Diensten, logboek: Logboek, interval: Duration? = nil,
                herinneringsInterval: Duration = .seconds(600)) {
        self.diensten = diensten
        self.logboek = logboek
        self.interval = interval ?? diensten.kern.configuratie.herinneraarInterval
        self.herinneringsInterval = min(herinneringsInterval, .seconds(600))
    }

    public func run() async throws {
        let klok = ContinuousClock()
        var laatsteHerinneringen: ContinuousClock.Instant?
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if laatsteHerinneringen.map({ klok.now - $0 >= herinneringsInterval }) ?? true {
                laatsteHerinneringen = klok.now
                await rondeHerinneringen()
            }
            await rondeMeldingen()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
        }
    }

    /// One look for due reminders; how many were written.
    @discardableResult
    public func rondeHerinneringen() async -> Int {
        do {
            let n = try await diensten.herinneringen.verstuurAlles()
            if n > 0 { logboek.gebeurtenis("herinneringen", [("geschreven", .getal(Double(n)))]) }
            return n
        } catch {
            logboek.gebeurtenis("herinneringen", [("fout", .tekst("de database antwoordde niet"))])
            return 0
        }
    }

    /// One look for due notification bundles; how many were written.
    @discardableResult
    public func rondeMeldingen() async -> Int {
        do {
            return try await diensten.meldingen.verstuur()
        } catch {
            logboek.gebeurtenis("meldingen", [("fout", .tekst("de database antwoordde niet"))])
            return 0
        }
    }
}
