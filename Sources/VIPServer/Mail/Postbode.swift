import Foundation
import ServiceLifecycle

/// Wakes the outbox worker of this process when a request put a mail in the outbox, so it goes
/// out within a moment instead of at the next look.
public final class Wekker: @unchecked Sendable {
    private let lock = NSLock()
    private var gewekt = false
    private var wachter: CheckedContinuation<Void, Never>?

    public init() {}

    public func wek() {
        let w: CheckedContinuation<Void, Never>? = lock.withLock {
            if let w = wachter {
                wachter = nil
                return w
            }
            gewekt = true
            return nil
        }
        w?.resume()
    }

    /// Returns when woken, or after `hoogstens`.
    func wacht(hoogstens: Duration) async {
        let wekker = Task { [weak self] in
            try? await Task.sleep(for: hoogstens)
            self?.wek()
        }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let direct: Bool = lock.withLock {
                if gewekt {
                    gewekt = false
                    return true
                }
                wachter = c
                return false
            }
            if direct { c.resume() }
        }
        wekker.cancel()
    }
}

/// The outbox worker: a service beside the HTTP server. At every start it makes every waiting
/// mail due, then sends what is due, a few at a time, looking again when woken (a request wrote a
/// mail) and at least every `interval`.
///
/// Each mail is claimed with a lease (`lease`, far longer than one delivery may take), so two
/// processes on one database never send it at the same time. A failed attempt is tried again
/// after 15 s, 30 s, 1 min, … (doubling, at most an hour apart) until 48 hours after the mail was
/// written; then it is marked failed and the beheerder sees it. A refusal of the mail itself (a
/// 5xx for its recipient or content) fails it at once.
///
/// The one window where a mail can go out twice: the mail server took it (`250`), and the process
/// died before its "sent" was committed. After the lease the mail is sent again, with the same
/// Message-ID and Date, so the recipient's mail program can recognise the repeat. The other
/// choice (mark it sent before the data goes out) would lose that mail instead; a lost reset or
/// invitation is worse than a second copy.
public final class Postbode: Service, Sendable {
    let opslag: any Opslag
    let vervoer: any Mailvervoer
    let afzender: Mailadres
    let klok: @Sendable () -> Date
    let wekker: Wekker
    let logboek: Logboek
    let meters: Meters?
    let interval: Duration
    /// This process, in the lease: host, process id and a random part.
    public let naam: String
    public let lease: TimeInterval
    /// Mails sent at the same time by this process.
    public let gelijktijdig: Int

    public static let opgeefduur: TimeInterval = 48 * 3600

    public init(opslag: any Opslag, vervoer: any Mailvervoer, afzender: Mailadres, klok: @escaping @Sendable () -> Date,
                wekker: Wekker, logboek: Logboek, meters: Meters?, interval: Duration = .seconds(2), lease: TimeInterval = 300,
                gelijktijdig: Int = 4) {
        self.lease = lease
        self.gelijktijdig = gelijktijdig
        self.opslag = opslag
        self.vervoer = vervoer
        self.afzender = afzender
        self.klok = klok
        self.wekker = wekker
        self.logboek = logboek
        self.meters = meters
        self.interval = interval
        naam = "\(ProcessInfo.processInfo.hostName.prefix(40))-\(getpid())-\(Geheim.token().prefix(8))"
    }

    /// The wait after attempt `n` (1 for the first): 15 s, 30 s, 1 min, …, at most an hour.
    public static func wachttijd(naPoging n: Int) -> TimeInterval {
        min(15 * pow(2, Double(max(0, n - 1))), 3600)
    }

    public func run() async throws {
        let stop = Vlag()
        try? await opslag.wekPostbus(nu: klok())
        await withGracefulShutdownHandler {
            while !stop.staat && !Task.isCancelled {
                if await werkAf(stop: stop) == 0 { await wekker.wacht(hoogstens: interval) }
            }
        } onGracefulShutdown: {
            stop.zet()
            self.wekker.wek()
        }
    }

    /// Sends what is due now, `gelijktijdig` at a time, until nothing is due (or the service
    /// stops); the number of mails it handled.
    @discardableResult
    func werkAf(stop: Vlag = Vlag()) async -> Int {
        var gedaan = 0
        while !stop.staat {
            var geclaimd: [Postbusmail] = []
            for _ in 0..<gelijktijdig {
                let nu = klok()
                do {
                    guard let m = try await opslag.claimMail(nu: nu, tot: nu.addingTimeInterval(lease), door: naam) else { break }
                    geclaimd.append(m)
                } catch {
                    logboek.gebeurtenis("postvak", [("fout", .tekst("de database antwoordde niet"))])
                    break
                }
            }
            if geclaimd.isEmpty { break }
            await withTaskGroup(of: Void.self) { groep in
                for m in geclaimd { groep.addTask { await self.bezorg(m) } }
            }
            gedaan += geclaimd.count
        }
        return gedaan
    }

    func bezorg(_ m: Postbusmail) async {
        let bytes = m.bericht.rfc5322(van: afzender, datum: m.aangemaakt)
        let poging = m.pogingen + 1
        do {
            try await vervoer.verstuur(bytes, van: afzender.adres, aan: m.bericht.aan.adres)
        } catch {
            let nu = klok()
            let volgende = nu.addingTimeInterval(Self.wachttijd(naPoging: poging))
            let opgeven = error.blijvend || volgende.timeIntervalSince(m.aangemaakt) > Self.opgeefduur
            try? await opslag.markeerPoging(id: m.id, door: naam, fout: error.melding, volgende: opgeven ? nil : volgende,
                                            tijd: nu)
            meters?.pogingMislukt.increment()
            logboek.gebeurtenis("mail", [("id", .getal(Double(m.id))), ("soort", .tekst(m.bericht.soort)),
                                         ("uitkomst", .tekst(opgeven ? "mislukt" : "later")),
                                         ("poging", .getal(Double(poging)))])
            return
        }
        // Retried: losing this write after the mail server took the mail is the one way a mail
        // goes out twice.
        for i in 0..<5 {
            do {
                try await opslag.markeerVerstuurd(id: m.id, door: naam, tijd: klok())
                break
            } catch {
                try? await Task.sleep(for: .milliseconds(200 << i))
            }
        }
        meters?.verstuurd.increment()
        logboek.gebeurtenis("mail", [("id", .getal(Double(m.id))), ("soort", .tekst(m.bericht.soort)),
                                     ("uitkomst", .tekst("verstuurd")), ("poging", .getal(Double(poging)))])
    }
}

extension Mailweg {
    /// The transport of this configuration.
    func vervoer(ehloNaam: String) -> any Mailvervoer {
        switch self {
        case .smtp(let s): return SMTPVervoer(s, ehloNaam: ehloNaam)
        case .sendmail(let pad): return SendmailVervoer(pad: pad)
        }
    }
}
