import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The real `vip server` process: start, PUT, kill -9, restart, find every answered version.
@Suite(.serialized) struct ProcesTests {
    final class Server {
        let proces = Process()
        let uit = Pipe()
        var poort = 0

        init(data: String, extra: [String] = []) throws {
            proces.executableURL = URL(fileURLWithPath: Repo.vip)
            proces.arguments = ["server", "--data", data, "--poort", "0"] + extra
            proces.standardOutput = uit
            proces.standardError = FileHandle.nullDevice
            try proces.run()
            // The first line that says where it listens.
            var gelezen = ""
            let einde = Date().addingTimeInterval(60)
            while Date() < einde {
                let data = uit.fileHandleForReading.availableData
                if data.isEmpty { break }
                gelezen += String(decoding: data, as: UTF8.self)
                if let regel = gelezen.split(separator: "\n").first(where: { $0.hasPrefix("vip draait op http://") }),
                   let p = regel.split(separator: ":").last.flatMap({ Int($0) }) {
                    poort = p
                    return
                }
            }
            proces.terminate()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "server start niet: \(gelezen)"])
        }

        func stop(_ signaal: Int32) -> Int32 {
            kill(proces.processIdentifier, signaal)
            proces.waitUntilExit()
            return proces.terminationStatus
        }
    }

    struct Antwoord {
        var status: Int
        var body: Data
        var headers: [String: String]
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    /// Without cookie storage: cookies do not name a port, so a shared store would hand one
    /// server's session cookie to another server's test running at the same time.
    static let verbindingen: URLSession = {
        let c = URLSessionConfiguration.ephemeral
        c.httpCookieStorage = nil
        c.httpShouldSetCookies = false
        c.httpCookieAcceptPolicy = .never
        return URLSession(configuration: c)
    }()

    static func vraag(_ poort: Int, _ method: String, _ pad: String, body: Data? = nil,
                      headers: [String: String] = [:]) async throws -> Antwoord {
        var r = URLRequest(url: URL(string: "http://127.0.0.1:\(poort)\(pad)")!)
        r.httpMethod = method
        r.httpBody = body
        r.httpShouldHandleCookies = false
        for (k, v) in headers { r.setValue(v, forHTTPHeaderField: k) }
        let (data, response) = try await verbindingen.data(for: r)
        let http = response as! HTTPURLResponse
        var h: [String: String] = [:]
        for (k, v) in http.allHeaderFields { h[String(describing: k).lowercased()] = String(describing: v) }
        return Antwoord(status: http.statusCode, body: data, headers: h)
    }

    @Test func antwoordenPutsOverlevenKill9() async throws {
        let data = Repo.tempDir("vip-proces")
        // A docent and a cursus made through the real commands and API.
        let toevoegen = Process()
        toevoegen.executableURL = URL(fileURLWithPath: Repo.vip)
        toevoegen.arguments = ["gebruiker", "toevoegen", "--data", data, "--rol", "docent", "--email", "d@school.nl",
                               "--naam", "Docent"]
        let invoer = Pipe()
        toevoegen.standardInput = invoer
        toevoegen.standardOutput = FileHandle.nullDevice
        try toevoegen.run()
        invoer.fileHandleForWriting.write(Data("docent-wachtwoord\n".utf8))
        try invoer.fileHandleForWriting.close()
        toevoegen.waitUntilExit()
        #expect(toevoegen.terminationStatus == 0)

        var server = try Server(data: data)
        let p = server.poort
        let json = { (o: Any) in try JSONSerialization.data(withJSONObject: o) }
        let d = try await Self.vraag(p, "POST", "/api/sessie", body: try json(["email": "d@school.nl", "wachtwoord": "docent-wachtwoord"]))
        #expect(d.status == 200)
        let dCookie = try #require(d.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        let cursus = try await Self.vraag(p, "POST", "/api/cursussen", body: try json(["naam": "C", "bijeenkomsten": []]),
                                          headers: ["Cookie": dCookie, "X-CSRF-Token": d.json["csrf"] as! String])
        let code = try #require(cursus.json["uitnodigingscode"] as? String)
        #expect(try await Self.vraag(p, "POST", "/api/aanmelden", body: try json([
            "uitnodigingscode": code, "naam": "F", "email": "f@thuis.nl", "wachtwoord": "cursist-wachtwoord"])).status == 201)
        let s = try await Self.vraag(p, "POST", "/api/sessie", body: try json(["email": "f@thuis.nl", "wachtwoord": "cursist-wachtwoord"]))
        let cookie = try #require(s.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        let h = ["Cookie": cookie, "X-CSRF-Token": s.json["csrf"] as! String]
        let basis = "formaat: vip-aanvraag/1\nproject:\n  titel: Versie "
        let nieuw = try await Self.vraag(p, "POST", "/api/aanvragen", body: Data((basis + "1\n").utf8), headers: h)
        #expect(nieuw.status == 201)
        let id = try #require(nieuw.json["id"] as? Int)

        // 200 PUTs, each answered before the next; then kill -9 right after the last answer.
        var beantwoord: [Int: String] = [1: basis + "1\n"]
        for n in 2...201 {
            let tekst = basis + "\(n)\n"
            let r = try await Self.vraag(p, "PUT", "/api/aanvragen/\(id)", body: Data(tekst.utf8),
                                         headers: h.merging(["If-Match": "\"\(n - 1)\""]) { $1 })
            #expect(r.status == 200)
            if r.status == 200 { beantwoord[n] = tekst }
        }
        _ = server.stop(SIGKILL)

        server = try Server(data: data)
        let q = server.poort
        let s2 = try await Self.vraag(q, "POST", "/api/sessie", body: try json(["email": "f@thuis.nl", "wachtwoord": "cursist-wachtwoord"]))
        let cookie2 = try #require(s2.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        let lijst = try await Self.vraag(q, "GET", "/api/aanvragen/\(id)/versies", headers: ["Cookie": cookie2])
        let versies = (try JSONSerialization.jsonObject(with: lijst.body) as? [[String: Any]]) ?? []
        #expect(versies.count == beantwoord.count)
        for n in [1, 2, 100, 200, 201] {
            let r = try await Self.vraag(q, "GET", "/api/aanvragen/\(id)/versies/\(n)", headers: ["Cookie": cookie2])
            #expect(String(decoding: r.body, as: UTF8.self) == beantwoord[n], "versie \(n)")
        }
        let huidig = try await Self.vraag(q, "GET", "/api/aanvragen/\(id)", headers: ["Cookie": cookie2])
        #expect(huidig.headers["etag"] == "\"201\"")
        // SIGTERM: a clean stop with exit code 0.
        #expect(server.stop(SIGTERM) == 0)
    }

    @Test func gebruikerToevoegenMaaktEenWachtwoordAlsErGeenIs() async throws {
        let data = Repo.tempDir("vip-gebruiker")
        // Standard input is empty (not a terminal): vip makes a password and prints it.
        let r = try draai(Repo.vip, ["gebruiker", "toevoegen", "--data", data, "--rol", "organisator", "--email", "O@School.nl",
                                     "--naam", "Olga"])
        #expect(r.status == 0, "\(r.stderr)")
        let regel = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("Wachtwoord: ") })
        let wachtwoord = String(regel.dropFirst("Wachtwoord: ".count))
        #expect(wachtwoord.count == 16)
        let dubbel = try draai(Repo.vip, ["gebruiker", "toevoegen", "--data", data, "--rol", "docent", "--email", "o@school.nl",
                                          "--naam", "Ander"])
        #expect(dubbel.status == 2)
        #expect(dubbel.stderr.contains("al een account"))
        let cursist = try draai(Repo.vip, ["gebruiker", "toevoegen", "--data", data, "--rol", "cursist", "--email", "c@x.nl",
                                           "--naam", "C"])
        #expect(cursist.status == 2)
        let server = try Server(data: data)
        let s = try await Self.vraag(server.poort, "POST", "/api/sessie", body: try JSONSerialization.data(withJSONObject: [
            "email": "o@school.nl", "wachtwoord": wachtwoord]))
        #expect(s.status == 200)
        #expect(s.json["rol"] as? String == "organisator")
        // A second server on the same port says so in Dutch.
        let bezet = try draai(Repo.vip, ["server", "--data", Repo.tempDir("vip-bezet"), "--poort", String(server.poort)])
        #expect(bezet.status == 2)
        #expect(bezet.stderr.contains("al in gebruik"), "\(bezet.stderr)")
        #expect(server.stop(SIGTERM) == 0)
    }

    /// An unreachable PostgreSQL: a Dutch message, exit 2, and never the password.
    @Test func postgresZonderServerGeeftDuidelijkeMelding() throws {
        let r = try draai(Repo.vip, ["server", "--database", "postgres://vip:geheim@127.0.0.1:1/vip", "--poort", "0"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("PostgreSQL"))
        #expect(!r.stderr.contains("geheim"))
    }

    /// The server program's help and its messages about wrong arguments are Dutch, and wrong
    /// arguments start nothing (exit 2).
    @Test func opdrachtregelVanDeServerIsNederlands() throws {
        let data = Repo.tempDir("vip-opdrachtregel")
        for argumenten in [["server", "--poort", "acht"], ["server", "--log", "xml"], ["server", "exporteer", "--dta", data],
                           ["gebruiker", "toevoegen", "--data", data, "--rol", "docent", "--naam", "D"],
                           ["gebruiker", "toevoegen", "--data", data, "--rol", "cursist", "--email", "c@x.nl", "--naam", "C"],
                           ["gebruiker", "verwijderen"]] {
            let r = try draai(Repo.vip, argumenten)
            #expect(r.status == 2, "\(argumenten): \(r.stderr)")
            #expect(r.stderr.hasPrefix("Fout: ") && r.stderr.contains("\nGebruik: vip "), "\(r.stderr)")
        }
        #expect(try draai(Repo.vip, ["server", "exporteer", "--dta", data]).stderr
                    .hasPrefix("Fout: Onbekende optie `--dta`; bedoelde u `--data`?"))
        #expect(!FileManager.default.fileExists(atPath: data + "/vip.sqlite"), "nothing was opened")
        for argumenten in [["server", "--hulp"], ["server", "start", "-h"], ["help", "gebruiker", "toevoegen"]] {
            let r = try draai(Repo.vip, argumenten)
            #expect(r.status == 0 && r.stdout.contains("GEBRUIK: vip ") && r.stdout.contains("OPTIES:"), "\(argumenten)")
            #expect(!r.stdout.contains("USAGE") && !r.stdout.contains("Show help"), "\(r.stdout)")
        }
    }

    @Test func demoLaadtAccountsEnAanvragen() async throws {
        let data = Repo.tempDir("vip-demo")
        let server = try Server(data: data, extra: ["--demo"])
        let p = server.poort
        #expect(try await Self.vraag(p, "GET", "/gezond").status == 200)
        let s = try await Self.vraag(p, "POST", "/api/sessie",
                                     body: try JSONSerialization.data(withJSONObject: ["email": "docent@demo.vip", "wachtwoord": "demo-docent"]))
        #expect(s.status == 200)
        let cookie = try #require(s.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        let lijst = try await Self.vraag(p, "GET", "/api/aanvragen", headers: ["Cookie": cookie])
        let rijen = (try JSONSerialization.jsonObject(with: lijst.body) as? [[String: Any]]) ?? []
        #expect(rijen.count == 3)
        // The organiser's speed-date admits the approved sample aanvragen.
        let o = try await Self.vraag(p, "POST", "/api/sessie", body: try JSONSerialization.data(
            withJSONObject: ["email": "organisator@demo.vip", "wachtwoord": "demo-organisator"]))
        let oCookie = try #require(o.headers["set-cookie"]?.split(separator: ";").first.map(String.init))
        let evenementen = (try JSONSerialization.jsonObject(with: try await Self.vraag(p, "GET", "/api/evenementen",
                                                                                   headers: ["Cookie": oCookie]).body)
            as? [[String: Any]]) ?? []
        let id = try #require(evenementen.first?["id"] as? Int)
        let e = try await Self.vraag(p, "GET", "/api/evenementen/\(id)", headers: ["Cookie": oCookie])
        let projecten = ((try JSONSerialization.jsonObject(with: e.body) as? [String: Any])?["projecten"] as? [[String: Any]]) ?? []
        #expect(projecten.compactMap { $0["toegelaten"] as? Bool }.sorted { !$0 && $1 } == [false, true, true])
        #expect(server.stop(SIGTERM) == 0)
    }
}
