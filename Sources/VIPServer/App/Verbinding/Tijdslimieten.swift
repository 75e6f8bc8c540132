import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes

/// The time limits of one connection (server.md, "Hostile clients"): the headers of a request
/// must be complete within 30 s of its first byte, its body may not stall for 30 s, and an
/// idle keep-alive connection closes after 75 s. While a request is being answered there is
/// no limit (a package may take time; SIGTERM ends everything within 10 s anyway).
///
/// An answer given before its request's body is in (a 413 by Content-Length, a 400 on a
/// broken form) says `Connection: close`; the rest of that body is then read and thrown away,
/// at most `afvoeren` long and `afvoerBytes` bytes, and the connection closes. Closing at once
/// would make the kernel reset a client that is still sending, which may then never read the
/// answer; not reading at all would leave it blocked in its send until a time limit.
public struct Tijdslimieten: Sendable {
    public var kop: TimeAmount = .seconds(30)
    public var body: TimeAmount = .seconds(30)
    public var stil: TimeAmount = .seconds(75)
    public var afvoeren: TimeAmount = .seconds(5)
    public var afvoerBytes = 64 << 20
    public init() {}
}

/// HTTP/1 as Hummingbird serves it, with two handlers added per connection that share one
/// clock: one before the HTTP decoder sees every byte arrive, one after it sees where a
/// request's head and end are.
struct BegrensdHTTP1Kanaal: ServerChildChannel, HTTPChannelHandler {
    typealias Value = HTTP1Channel.Value
    let responder: HTTPChannelHandler.Responder
    let limieten: Tijdslimieten

    static func bouwer(_ limieten: Tijdslimieten) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in BegrensdHTTP1Kanaal(responder: responder, limieten: limieten) }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let klok = Verbindingsklok(limieten: limieten)
        let kanaal = HTTP1Channel(responder: responder,
                                  configuration: .init(additionalChannelHandlers: [VerzoekdelenKijker(klok: klok)]))
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(BytesKijker(klok: klok), position: .first)
        }.flatMap { kanaal.setup(channel: channel, logger: logger) }
    }

    func handle(value: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: value, logger: logger)
    }
}

/// The state of one connection. Used only on the connection's event loop.
final class Verbindingsklok: @unchecked Sendable {
    enum Toestand {
        /// Between requests (or before the first): waiting for a first byte.
        case stil
        /// Bytes of a request came, its head is not complete yet.
        case kop
        /// The head came; the body is arriving.
        case body
        /// The whole request is in; it is being answered.
        case antwoorden
        /// Answered before the body was in: what still arrives is read and dropped, then close.
        case afvoeren
    }

    let limieten: Tijdslimieten
    var toestand = Toestand.stil
    var openstaand = 0
    var afgevoerd = 0
    var deadline: NIODeadline = .distantFuture
    var timer: Scheduled<Void>?
    weak var context: ChannelHandlerContext?

    init(limieten: Tijdslimieten) { self.limieten = limieten }

    func zet(_ t: Toestand, _ nu: NIODeadline = .now()) {
        toestand = t
        switch t {
        case .stil: deadline = nu + limieten.stil
        case .kop: deadline = nu + limieten.kop
        case .body: deadline = nu + limieten.body
        case .antwoorden: deadline = .distantFuture
        case .afvoeren: deadline = nu + limieten.afvoeren
        }
        plan()
    }

    func plan() {
        timer?.cancel()
        timer = nil
        guard deadline != .distantFuture, let context else { return }
        timer = context.eventLoop.scheduleTask(deadline: deadline) { [weak self] in self?.verlopen() }
    }

    func verlopen() {
        guard let context, deadline != .distantFuture else { return }
        if NIODeadline.now() >= deadline {
            context.close(promise: nil)
        } else {
            plan()
        }
    }

    // Events
    func bytes() {
        switch toestand {
        case .stil: zet(.kop)
        case .body: deadline = .now() + limieten.body  // no rescheduling per chunk; `verlopen` looks again
        case .kop, .antwoorden, .afvoeren: break
        }
    }

    /// Whether `n` arriving bytes are to be dropped (after an early answer); closes the
    /// connection once too many were.
    func afvoeren(_ n: Int) -> Bool {
        guard toestand == .afvoeren else { return false }
        afgevoerd += n
        if afgevoerd > limieten.afvoerBytes { context?.close(promise: nil) } else { context?.read() }
        return true
    }

    /// Whether an answer starting now comes before its request's body is complete: the request
    /// being answered is the only one open, and its body is still arriving. (With pipelining,
    /// a later request's body may be arriving while an earlier, complete one is answered.)
    var vroeg: Bool { toestand == .body && openstaand == 1 }

    func kopCompleet() {
        openstaand += 1
        zet(.body)
    }

    func verzoekCompleet() { zet(.antwoorden) }

    func antwoordCompleet() {
        openstaand = max(0, openstaand - 1)
        if openstaand == 0, toestand == .antwoorden { zet(.stil) }
        if openstaand == 0, toestand == .body {
            // The server stops reading this request once its answer is written: read on here.
            zet(.afvoeren)
            context?.read()
        }
    }

    func sluit() {
        timer?.cancel()
        timer = nil
        deadline = .distantFuture
    }
}

/// Before the HTTP decoder: every byte that arrives.
final class BytesKijker: ChannelDuplexHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let klok: Verbindingsklok

    init(klok: Verbindingsklok) { self.klok = klok }

    func handlerAdded(context: ChannelHandlerContext) {
        klok.context = context
        if context.channel.isActive { klok.zet(.stil) }
    }

    func channelActive(context: ChannelHandlerContext) {
        klok.zet(.stil)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        klok.sluit()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { klok.sluit() }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if klok.afvoeren(unwrapInboundIn(data).readableBytes) { return }
        klok.bytes()
        context.fireChannelRead(data)
    }
}

/// After the HTTP decoder: a request's head and end, and the end of each answer.
final class VerzoekdelenKijker: ChannelDuplexHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart
    let klok: Verbindingsklok

    init(klok: Verbindingsklok) { self.klok = klok }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: klok.kopCompleet()
        case .body: break
        case .end: klok.verzoekCompleet()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .head(var kop) = unwrapOutboundIn(data), klok.vroeg {
            kop.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(kop)), promise: promise)
            return
        }
        if case .end = unwrapOutboundIn(data) {
            let klok = self.klok
            let p = promise ?? context.eventLoop.makePromise()
            p.futureResult.whenSuccess { klok.antwoordCompleet() }
            context.write(data, promise: p)
            return
        }
        context.write(data, promise: promise)
    }
}
