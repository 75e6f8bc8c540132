import Foundation
import Hummingbird
import VIPKit

/// Why the service layer refuses a request: the status the API answers, a Dutch `fout` the API
/// sends and a page shows, and extra members for the API (`leesfout`, `check`).
public struct Weigering: Error, HTTPResponseError {
    public var status: HTTPResponse.Status
    public var fout: String
    public var extra: [(String, JSON)] = []
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ fout: String, extra: [(String, JSON)] = [], headers: HTTPFields = [:]) {
        self.status = status
        self.fout = fout
        self.extra = extra
        self.headers = headers
    }

    public var json: JSON { .object([("fout", .string(fout))] + extra) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var r = Antwoord.json(json, status: status)
        for f in headers { r.headers.append(f) }
        return r
    }

    static let nietAangemeld = Weigering(.unauthorized, "U bent niet aangemeld. Meld u eerst aan.")
    static func nietGevonden(_ wat: String = "Dit bestaat niet, of u hebt er geen toegang toe.") -> Weigering {
        Weigering(.notFound, wat)
    }
    static func verboden(_ waarom: String) -> Weigering { Weigering(.forbidden, waarom) }
    static func teGroot(_ limiet: Int) -> Weigering {
        Weigering(.contentTooLarge, "Het verzoek is te groot: de grens is \(limiet / 1024 / 1024) MiB (\(limiet) bytes). "
            + "Er is niets opgeslagen.")
    }
    static func ongeldigeJSON(_ detail: String) -> Weigering {
        Weigering(.badRequest, "De inhoud is geen geldige JSON of mist een veld: \(detail)")
    }
}

/// Building answers with VIPKit's ordered JSON.
enum Antwoord {
    static func json(_ value: JSON, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var h = headers
        h[.contentType] = "application/json; charset=utf-8"
        let bytes = Array(value.serialised(pretty: false).utf8)
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func bytes(_ bytes: [UInt8], type: String, status: HTTPResponse.Status = .ok,
                      headers: HTTPFields = [:]) -> Response {
        var h = headers
        h[.contentType] = type
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func leeg(_ status: HTTPResponse.Status = .noContent) -> Response { Response(status: status) }

    /// ISO 8601 in UTC to the second, as every `gewijzigd` is written.
    static func tijd(_ d: Date) -> JSON {
        .string(d.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!)))
    }
}

extension HTTPResponse.Status {
    /// 507: an account's quotum (server.md, "Limits and quotas").
    static let onvoldoendeOpslag = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")
}
