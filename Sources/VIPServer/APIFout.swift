import Foundation
import Hummingbird
import VIPKit

/// An error answer: status and a Dutch `fout`, plus extra members (`leesfout`, `check`).
public struct APIFout: Error, HTTPResponseError {
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

    static let nietAangemeld = APIFout(.unauthorized, "U bent niet aangemeld. Meld u eerst aan.")
    static func nietGevonden(_ wat: String = "Dit bestaat niet, of u hebt er geen toegang toe.") -> APIFout {
        APIFout(.notFound, wat)
    }
    static func verboden(_ waarom: String) -> APIFout { APIFout(.forbidden, waarom) }
    static func teGroot(_ limiet: Int) -> APIFout {
        APIFout(.contentTooLarge, "Het verzoek is te groot: de grens is \(limiet / 1024 / 1024) MiB (\(limiet) bytes). "
            + "Er is niets opgeslagen.")
    }
    static func ongeldigeJSON(_ detail: String) -> APIFout {
        APIFout(.badRequest, "De inhoud is geen geldige JSON of mist een veld: \(detail)")
    }
    static func nogNietGebouwd(_ wat: String) -> APIFout {
        APIFout(.notImplemented, "\(wat) komt in een volgende versie van vip server.")
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
