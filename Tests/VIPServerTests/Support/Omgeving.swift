import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import VIPServer

/// The one place where tests set up a server: storage in a fresh folder, a clock the
/// test can move, and helpers that make users, cursussen, sessions and aanvragen.
final class Klok: @unchecked Sendable {
    private let lock = NSLock()
    private var tijd = Date(timeIntervalSince1970: 1_790_000_000)
    var nu: Date { lock.withLock { tijd } }
    func verzet(_ seconden: TimeInterval) { lock.withLock { tijd = tijd.addingTimeInterval(seconden) } }
}

enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ rel: String) -> String { root.appendingPathComponent(rel).standardized.path }

    static func tempDir(_ name: String = "vip-server-test") -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func sample(_ naam: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: path("Samples/\(naam)"))!)
    }

    /// The vip executable of this build (`swift build --build-tests` builds it beside the tests).
    static var vip: String {
        let naast = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("vip").path
        let kandidaten = [naast, path(".build/debug/vip")]
        return kandidaten.first { FileManager.default.isExecutableFile(atPath: $0) } ?? kandidaten[1]
    }
}

/// A signed-in client: its cookie and CSRF token.
struct Aangemeld: Sendable {
    var cookie: String
    var csrf: String
}

struct Omgeving: Sendable {
    let map: String
    let opslag: any Opslag
    let diensten: Diensten
    let klok: Klok
    static let wachtwoord = "geheim-wachtwoord"

    init() throws {
        map = Repo.tempDir()
        klok = Klok()
        opslag = try SQLiteOpslag(pad: (map as NSString).appendingPathComponent("vip.sqlite"))
        diensten = Diensten(opslag: opslag, configuratie: Self.configuratie(map: map, klok: klok))
    }

    /// SQLite, with the configuration changed by `pas` (mail on, an extern-url, …).
    init(_ pas: (inout ServerConfiguratie) -> Void) throws {
        map = Repo.tempDir()
        klok = Klok()
        opslag = try SQLiteOpslag(pad: (map as NSString).appendingPathComponent("vip.sqlite"))
        var c = Self.configuratie(map: map, klok: klok)
        pas(&c)
        diensten = Diensten(opslag: opslag, configuratie: c)
    }

    /// Mail on (a sendmail that is never run: the in-process tests look at the outbox), with an
    /// http extern-url so the cookie keeps its plain name.
    static func metMail(_ c: inout ServerConfiguratie) {
        c.mail = .sendmail("/bin/true")
        c.afzender = Mailadres("Stichting Voorbeeld <vip@voorbeeld.nl>")
        c.externURL = "http://vip.voorbeeld.nl"
    }

    /// On a fresh database of `motor` (`Motoren`), with `grenzen` for the limits.
    init(motor: String, grenzen: Grenzen = Grenzen(), pas: (inout ServerConfiguratie) -> Void = { _ in }) async throws {
        map = Repo.tempDir()
        klok = Klok()
        opslag = try await Motoren.nieuw(motor).open()
        var c = Self.configuratie(map: map, klok: klok)
        c.grenzen = grenzen
        pas(&c)
        diensten = Diensten(opslag: opslag, configuratie: c)
    }

    static func configuratie(map: String, klok: Klok) -> ServerConfiguratie {
        var c = ServerConfiguratie()
        c.data = map
        c.bcryptKosten = 4
        let k = klok
        c.klok = { k.nu }
        return c
    }

    func app() -> some ApplicationProtocol {
        Application(router: buildRouter(diensten).0)
    }

    /// Runs `test` against the router in-process.
    func test<T: Sendable>(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await app().test(.router) { client in try await test(client) }
    }

    // MARK: People and courses, made directly in storage

    @discardableResult
    func gebruiker(_ rol: Rol, _ email: String, cursus: Int64? = nil) async throws -> Gebruiker {
        try await opslag.maakGebruiker(email: email, naam: email.components(separatedBy: "@")[0].capitalized, rol: rol,
                                       wachtwoordHash: await diensten.kern.hash(Self.wachtwoord), cursus: cursus, tijd: klok.nu)
    }

    func cursus(docent: Gebruiker, code: String? = nil) async throws -> Cursus {
        try await opslag.maakCursus(naam: "Cursus van \(docent.naam)", docent: docent.id, bijeenkomsten: ["2026-09-01"],
                                    uitnodigingscode: code ?? "C\(docent.id)-\(UUID().uuidString.prefix(6))", tijd: klok.nu)
    }

    func aanvraag(_ eigenaar: Gebruiker, _ tekst: [UInt8] = Repo.sample("buurtmoestuin.yaml")) async throws -> AanvraagRij {
        try await opslag.maakAanvraag(eigenaar: eigenaar.id, tekst: tekst,
                                      afgeleid: Kern.afgeleid(try await diensten.kern.controleer(tekst)), tijd: klok.nu)
    }
}

// MARK: HTTP helpers

extension TestClientProtocol {
    /// A request with the session's cookie and (unless `csrf` is false) its CSRF token.
    func vraag(_ method: HTTPRequest.Method, _ uri: String, als sessie: Aangemeld? = nil, csrf: Bool = true,
               tekst: [UInt8]? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        var h = headers
        if let sessie {
            h[.cookie] = "vip_sessie=\(sessie.cookie)"
            if csrf { h[HTTPField.Name("X-CSRF-Token")!] = sessie.csrf }
        }
        let r = try await execute(uri: uri, method: method, headers: h, body: tekst.map { ByteBuffer(bytes: $0) })
        // Every answer of the JSON API against the OpenAPI description.
        for p in OpenAPIValidatie.problemen(method: method, uri: uri, status: Int(r.status.code),
                                            contentType: r.headers[.contentType], body: Array(r.body.readableBytesView)) {
            Issue.record(Comment(rawValue: "OpenAPI: " + p))
        }
        return r
    }

    func vraag(_ method: HTTPRequest.Method, _ uri: String, als sessie: Aangemeld? = nil, csrf: Bool = true,
               json: Any, headers: HTTPFields = [:]) async throws -> TestResponse {
        let data = try JSONSerialization.data(withJSONObject: json)
        return try await vraag(method, uri, als: sessie, csrf: csrf, tekst: [UInt8](data), headers: headers)
    }

    /// Signs in and returns the cookie and CSRF token.
    func meldAan(_ email: String, _ wachtwoord: String = Omgeving.wachtwoord) async throws -> Aangemeld {
        let r = try await vraag(.post, "/api/sessie", json: ["email": email, "wachtwoord": wachtwoord])
        try #require(r.status == .ok, "aanmelden \(email): \(r.status) \(r.tekst)")
        let setCookie = try #require(r.headers[.setCookie])
        let waarde = setCookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1]
        return Aangemeld(cookie: String(waarde), csrf: try #require(r.object["csrf"] as? String))
    }
}

extension TestResponse {
    var bytes: [UInt8] { Array(body.readableBytesView) }
    var tekst: String { String(decoding: bytes, as: UTF8.self) }
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
    var fout: String? { object["fout"] as? String }
}

/// Runs a process and collects its output.
func draai(_ pad: String, _ args: [String], cwd: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: pad)
    p.arguments = args
    if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}
