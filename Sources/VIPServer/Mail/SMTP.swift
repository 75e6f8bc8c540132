import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Why a mail was not handed over. `blijvend`: the mail server refused this mail itself (a 5xx
/// answer to its sender, recipient or content), so trying again cannot help; anything else (no
/// connection, TLS, a login refused, a 4xx answer, a timeout) is tried again later.
public struct Bezorgfout: Error, Sendable, Equatable, CustomStringConvertible {
    public var melding: String
    public var blijvend: Bool
    public init(_ melding: String, blijvend: Bool = false) {
        self.melding = melding
        self.blijvend = blijvend
    }
    public var description: String { melding }
}

/// Hands one finished message to the next mail server: SMTP (`SMTPVervoer`) or a local
/// sendmail program (`SendmailVervoer`). Tests use a fake.
public protocol Mailvervoer: Sendable {
    /// Returns once the receiving side has taken responsibility for the message (SMTP: `250`
    /// after the data; sendmail: exit status 0).
    func verstuur(_ bericht: [UInt8], van: String, aan: String) async throws(Bezorgfout)
}

/// `--smtp smtp://[user@]host[:587]` (STARTTLS, required when the server offers it) or
/// `smtps://[user@]host[:465]` (TLS from the first byte). The password comes from the
/// environment (`VIP_SMTP_WACHTWOORD`), never from the command line.
public struct SMTPInstelling: Sendable, Equatable {
    public enum Beveiliging: String, Sendable { case starttls, tls }
    public var host: String
    public var poort: Int
    public var beveiliging: Beveiliging
    public var gebruiker: String?
    public var wachtwoord: String?
    /// A PEM file with certificates trusted besides the system's (a relay with its own
    /// certificate; the tests' self-signed one).
    public var caBestand: String?
    /// One whole delivery: connect, TLS, login and data. Far shorter than the outbox's lease.
    public var tijdslimiet: Duration = .seconds(60)

    public init(host: String, poort: Int, beveiliging: Beveiliging, gebruiker: String? = nil, wachtwoord: String? = nil,
                caBestand: String? = nil) {
        self.host = host
        self.poort = poort
        self.beveiliging = beveiliging
        self.gebruiker = gebruiker
        self.wachtwoord = wachtwoord
        self.caBestand = caBestand
    }

    /// Reads `--smtp`; a Dutch `StartFout` for anything else.
    public init(url: String, wachtwoord: String?, caBestand: String?) throws(StartFout) {
        guard let c = URLComponents(string: url), let schema = c.scheme?.lowercased(), let host = c.host, !host.isEmpty,
              c.path.isEmpty || c.path == "/", c.query == nil else {
            throw StartFout("--smtp \(url) is geen geldig adres: gebruik smtp://[gebruiker@]host[:587] of "
                + "smtps://[gebruiker@]host[:465].")
        }
        guard c.password == nil else {
            throw StartFout("Zet het SMTP-wachtwoord niet in --smtp (dan staat het in de proceslijst), maar in de "
                + "omgevingsvariabele VIP_SMTP_WACHTWOORD.")
        }
        let beveiliging: Beveiliging
        switch schema {
        case "smtp": beveiliging = .starttls
        case "smtps": beveiliging = .tls
        default: throw StartFout("--smtp begint met smtp:// (STARTTLS) of smtps:// (TLS), niet met \(schema)://.")
        }
        let gebruiker = c.user.flatMap { $0.isEmpty ? nil : $0 }
        if gebruiker != nil && (wachtwoord ?? "").isEmpty {
            throw StartFout("--smtp noemt gebruiker \(gebruiker!), maar VIP_SMTP_WACHTWOORD is leeg of niet gezet.")
        }
        self.init(host: host, poort: c.port ?? (beveiliging == .tls ? 465 : 587), beveiliging: beveiliging,
                  gebruiker: gebruiker, wachtwoord: gebruiker == nil ? nil : wachtwoord, caBestand: caBestand)
    }

    /// For messages and the log: never the password, and not the user (often an e-mail address).
    public var beschrijving: String {
        "\(beveiliging == .tls ? "smtps" : "smtp")://\(host):\(poort)\(gebruiker == nil ? "" : " (met aanmelding)")"
    }
}

/// A small SMTP client (RFC 5321) on SwiftNIO: one connection per mail, EHLO, STARTTLS when
/// the server offers it (and always for `smtps`), AUTH PLAIN only inside TLS, MAIL/RCPT/DATA
/// with dot-stuffing, QUIT. Every step waits for its answer; the whole delivery has one time
/// limit. No pipelining, no SMTPUTF8 (addresses are ASCII: `Mailadres.isGeldig`).
public struct SMTPVervoer: Mailvervoer {
    public var instelling: SMTPInstelling
    /// The name this side gives in EHLO.
    public var ehloNaam: String

    public init(_ instelling: SMTPInstelling, ehloNaam: String) {
        self.instelling = instelling
        self.ehloNaam = ehloNaam.isEmpty ? "vip" : ehloNaam
    }

    public func verstuur(_ bericht: [UInt8], van: String, aan: String) async throws(Bezorgfout) {
        guard Mailadres.isGeldig(van) else { throw Bezorgfout("Het afzenderadres is ongeldig.", blijvend: true) }
        guard Mailadres.isGeldig(aan) else { throw Bezorgfout("Het adres van de ontvanger is ongeldig.", blijvend: true) }
        let limiet = instelling.tijdslimiet
        do {
            try await withThrowingTaskGroup(of: Void.self) { groep in
                groep.addTask { try await self.bezorg(bericht, van: van, aan: aan) }
                groep.addTask {
                    try await Task.sleep(for: limiet)
                    throw Bezorgfout("De mailserver antwoordde niet binnen \(limiet.components.seconds) seconden.")
                }
                try await groep.next()
                groep.cancelAll()
            }
        } catch let f as Bezorgfout {
            throw f
        } catch let e as NIOSSLError {
            throw Bezorgfout("TLS met \(instelling.host):\(instelling.poort) mislukte: \(e).")
        } catch let e as BoringSSLError {
            throw Bezorgfout("TLS met \(instelling.host):\(instelling.poort) mislukte: \(e).")
        } catch {
            throw Bezorgfout("Geen verbinding met de mailserver \(instelling.host):\(instelling.poort): \(error).")
        }
    }

    func tlsContext() throws -> NIOSSLContext {
        var c = TLSConfiguration.makeClientConfiguration()
        c.minimumTLSVersion = .tlsv12
        if let ca = instelling.caBestand { c.additionalTrustRoots = [.file(ca)] }
        return try NIOSSLContext(configuration: c)
    }

    /// SNI and certificate check by name; an IP address is checked without SNI.
    var serverNaam: String? {
        var a = in6_addr(), b = in_addr()
        let h = instelling.host
        if inet_pton(AF_INET, h, &b) == 1 || inet_pton(AF_INET6, h, &a) == 1 { return nil }
        return h
    }

    func bezorg(_ bericht: [UInt8], van: String, aan: String) async throws {
        let tls = instelling.beveiliging == .tls ? try tlsContext() : nil
        let naam = serverNaam
        let kanaal = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(15))
            .connect(host: instelling.host, port: instelling.poort) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: naam))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPRegels()))
                    return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await kanaal.executeThenClose { inbound, outbound in
            var sessie = SMTPSessie(regels: inbound.makeAsyncIterator(), uit: outbound)
            try await sessie.verwacht(220, "begroeting")
            var mogelijkheden = try await sessie.ehlo(ehloNaam)
            var versleuteld = tls != nil
            if !versleuteld {
                if mogelijkheden.contains("STARTTLS") {
                    try await sessie.stuur("STARTTLS")
                    try await sessie.verwacht(220, "STARTTLS")
                    let context = try tlsContext()
                    // TLS goes in front of the line decoder: from here the same lines arrive decrypted.
                    try await kanaal.channel.eventLoop.submit {
                        try kanaal.channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: context, serverHostname: naam), position: .first)
                    }.get()
                    versleuteld = true
                    mogelijkheden = try await sessie.ehlo(ehloNaam)
                }
            }
            if let gebruiker = instelling.gebruiker {
                guard versleuteld else {
                    throw Bezorgfout("De mailserver biedt geen STARTTLS aan; vip stuurt het wachtwoord niet onversleuteld.")
                }
                guard mogelijkheden.contains(where: { $0.hasPrefix("AUTH") && $0.split(separator: " ").contains("PLAIN") })
                else { throw Bezorgfout("De mailserver biedt geen AUTH PLAIN aan.") }
                let plain = Data(([0] + Array(gebruiker.utf8) + [0] + Array((instelling.wachtwoord ?? "").utf8)))
                    .base64EncodedString()
                try await sessie.stuur("AUTH PLAIN " + plain)
                let (code, tekst) = try await sessie.antwoord()
                guard code == 235 else {
                    throw Bezorgfout("De mailserver weigerde de aanmelding van \(gebruiker) (\(code) \(tekst)).")
                }
            }
            try await sessie.stuur("MAIL FROM:<\(van)>")
            try await sessie.verwacht(250, "MAIL FROM", blijvendBij5xx: true)
            try await sessie.stuur("RCPT TO:<\(aan)>")
            let (rcpt, rcptTekst) = try await sessie.antwoord()
            guard rcpt == 250 || rcpt == 251 else {
                throw Bezorgfout("De mailserver weigerde de ontvanger (\(rcpt) \(rcptTekst)).", blijvend: rcpt >= 500)
            }
            try await sessie.stuur("DATA")
            try await sessie.verwacht(354, "DATA", blijvendBij5xx: true)
            try await sessie.uit.write(ByteBuffer(bytes: SMTPSessie.puntVeilig(bericht)))
            try await sessie.verwacht(250, "het bericht", blijvendBij5xx: true)
            // The mail is the server's now; a failing QUIT changes nothing.
            try? await sessie.stuur("QUIT")
            _ = try? await sessie.antwoord()
        }
    }
}

/// One conversation: commands out, (multi-line) answers in.
struct SMTPSessie {
    var regels: NIOAsyncChannelInboundStream<String>.AsyncIterator
    let uit: NIOAsyncChannelOutboundWriter<ByteBuffer>

    mutating func stuur(_ opdracht: String) async throws {
        try await uit.write(ByteBuffer(string: opdracht + "\r\n"))
    }

    /// The code and the text of the next answer (all lines of a multi-line one).
    mutating func antwoord() async throws -> (Int, String) {
        var teksten: [String] = []
        for _ in 0..<100 {
            guard let regel = try await regels.next() else {
                throw Bezorgfout("De mailserver verbrak de verbinding.")
            }
            let bytes = Array(regel.utf8)
            guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)) else {
                throw Bezorgfout("De mailserver gaf een onleesbaar antwoord.")
            }
            teksten.append(String(regel.dropFirst(4)))
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") { return (code, teksten.joined(separator: "\n")) }
        }
        throw Bezorgfout("De mailserver gaf een antwoord van meer dan 100 regels.")
    }

    mutating func verwacht(_ code: Int, _ stap: String, blijvendBij5xx: Bool = false) async throws {
        let (gekregen, tekst) = try await antwoord()
        guard gekregen == code else {
            throw Bezorgfout("De mailserver antwoordde bij \(stap) \(gekregen) \(tekst.prefix(200)).",
                             blijvend: blijvendBij5xx && gekregen >= 500)
        }
    }

    /// EHLO and the extensions the server names (upper case).
    mutating func ehlo(_ naam: String) async throws -> [String] {
        try await stuur("EHLO " + naam)
        let (code, tekst) = try await antwoord()
        guard code == 250 else { throw Bezorgfout("De mailserver weigerde EHLO (\(code) \(tekst.prefix(200))).") }
        return tekst.split(separator: "\n").dropFirst().map { $0.uppercased() }
    }

    /// The message as DATA carries it: every line that starts with a dot gets one more (RFC 5321
    /// §4.5.2), CRLF line ends, then the closing `.` line.
    static func puntVeilig(_ bericht: [UInt8]) -> [UInt8] {
        var uit: [UInt8] = []
        uit.reserveCapacity(bericht.count + 64)
        var regelBegin = true
        var vorige: UInt8 = 0
        for b in bericht {
            if b == UInt8(ascii: "\n") && vorige != UInt8(ascii: "\r") { uit.append(UInt8(ascii: "\r")) }
            if regelBegin && b == UInt8(ascii: ".") { uit.append(UInt8(ascii: ".")) }
            uit.append(b)
            regelBegin = b == UInt8(ascii: "\n")
            vorige = b
        }
        if !(uit.count >= 2 && uit[uit.count - 2] == UInt8(ascii: "\r") && uit[uit.count - 1] == UInt8(ascii: "\n")) {
            uit += Array("\r\n".utf8)
        }
        return uit + Array(".\r\n".utf8)
    }
}

/// Lines of an SMTP answer, without their CRLF; a line over 4 KiB is refused.
struct SMTPRegels: ByteToMessageDecoder {
    typealias InboundOut = String

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let nl = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > 4096 { throw Bezorgfout("De mailserver stuurde een regel van meer dan 4 KiB.") }
            return .needMoreData
        }
        // Without the line end, cut as bytes: in a Swift String "\r\n" is one Character.
        var bytes = buffer.readBytes(length: nl - buffer.readerIndex + 1) ?? []
        while let laatste = bytes.last, laatste == UInt8(ascii: "\n") || laatste == UInt8(ascii: "\r") { bytes.removeLast() }
        context.fireChannelRead(wrapInboundOut(String(decoding: bytes, as: UTF8.self)))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}

/// `--sendmail PATH`: a sendmail-compatible program (msmtp, Postfix's sendmail) with `-t -i`,
/// the message on standard input. Exit status 0 means it took the mail.
public struct SendmailVervoer: Mailvervoer {
    public var pad: String
    public var tijdslimiet: TimeInterval = 60

    public init(pad: String) { self.pad = pad }

    public func verstuur(_ bericht: [UInt8], van: String, aan: String) async throws(Bezorgfout) {
        let pad = pad, limiet = tijdslimiet
        // A thread of its own: the program may take a while, and the checker's threads (`Zwaar`)
        // are for checks.
        let uitkomst: Result<Void, Bezorgfout> = await withCheckedContinuation { klaarMet in
            Thread.detachNewThread { klaarMet.resume(returning: Self.draai(pad, bericht, limiet)) }
        }
        try uitkomst.get()
    }

    static func draai(_ pad: String, _ bericht: [UInt8], _ limiet: TimeInterval) -> Result<Void, Bezorgfout> {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: pad)
            p.arguments = ["-t", "-i"]
            let invoer = Pipe(), fouten = Pipe()
            p.standardInput = invoer
            p.standardOutput = FileHandle.nullDevice
            p.standardError = fouten
            do { try p.run() } catch {
                return .failure(Bezorgfout("\(pad) kan niet worden gestart: \(error.localizedDescription)"))
            }
            let klaar = DispatchSemaphore(value: 0)
            let foutTekst = Uitvoer()
            Thread.detachNewThread {
                foutTekst.data = fouten.fileHandleForReading.readDataToEndOfFile()
                klaar.signal()
            }
            try? invoer.fileHandleForWriting.write(contentsOf: Data(bericht))
            try? invoer.fileHandleForWriting.close()
            if klaar.wait(timeout: .now() + limiet) == .timedOut {
                p.terminate()
                return .failure(Bezorgfout("\(pad) was na \(Int(limiet)) seconden niet klaar."))
            }
            p.waitUntilExit()
            guard p.terminationStatus == 0 else {
                let tekst = String(decoding: foutTekst.data.prefix(300), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                return .failure(Bezorgfout("\(pad) stopte met status \(p.terminationStatus)\(tekst.isEmpty ? "" : ": " + tekst)"))
            }
            return .success(())
    }

    final class Uitvoer: @unchecked Sendable { var data = Data() }
}
