import Foundation
import Testing
import VIPZip

/// Whole commands, as a user runs them (the built `vip` binary).
@Suite struct CLITests {
    func copySample(_ name: String, to dir: String) throws -> String {
        let dest = dir + "/" + (name as NSString).lastPathComponent
        try FileManager.default.copyItem(atPath: Repo.path(name), toPath: dest)
        return dest
    }

    @Test func checkAfExitsZeroWithVerdict() throws {
        let r = try VipBinary.run(["check", Repo.fixture])
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix("leeswerf.yaml: af\n"))
    }

    @Test func checkWithFoutenExitsOneAndGroups() throws {
        let r = try VipBinary.run(["check", Repo.path("Samples/concept-vol-fouten.yaml")])
        #expect(r.status == 1)
        #expect(r.stdout.contains("Fouten ("))
        #expect(r.stdout.contains(": fout: "))
        let last = r.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.contains("niet af: ") && last.contains(" fouten, "))
        // Every finding line has file:line:column and a rule id.
        for line in r.stdout.split(separator: "\n") where line.contains(": fout: ") {
            #expect(line.range(of: #"^.+\.yaml:\d+:\d+: fout: .+ \[[a-z_]+\]$"#, options: .regularExpression) != nil, "\(line)")
        }
    }

    @Test func checkJSONHasTheSpecifiedFields() throws {
        let r = try VipBinary.run(["check", "--format", "json", Repo.fixture, Repo.path("Samples/concept-vol-fouten.yaml")])
        #expect(r.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(json.count == 2)
        #expect(json[0]["af"] as? Bool == true)
        let totalen = try #require(json[0]["totalen"] as? [String: String])
        #expect(totalen["begroting"] == "7025.00" && totalen["dekking"] == "7025.00")
        let b = try #require((json[1]["bevindingen"] as? [[String: Any]])?.first)
        for key in ["regel", "ernst", "melding", "pad", "regel_nr", "kolom"] { #expect(b[key] != nil, "\(key)") }
    }

    @Test func readingErrorIsExitTwoWithPlaceOnStderr() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/a.yaml"
        try "formaat: vip-aanvraag/1\nproject:\n  doelgrop: x\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try VipBinary.run(["check", file])
        #expect(r.status == 2)
        #expect(r.stderr.contains("a.yaml:3:3: leesfout: Onbekend veld `doelgrop`; bedoelde u `doelgroep`?"))
        let j = try VipBinary.run(["check", "--format", "json", file])
        #expect(j.status == 2)
        #expect(j.stdout.contains("\"leesfout\"") && j.stdout.contains("\"regel_nr\": 3") && j.stdout.contains("\"kolom\": 3"))
    }

    /// With standard output and standard error in one file (`2>&1`), every line stays whole
    /// and in the order of the files: the report of the first aanvraag, then the read error of
    /// the second, then the report of the third.
    @Test func reportsAndReadErrorsKeepTheirOrderInOneFile() throws {
        let vol = Repo.path("Samples/concept-vol-fouten.yaml"), fondsendate = Repo.path("Samples/fondsendate.yaml")
        let r = try run("/bin/sh", ["-c", "exec \"$0\" check \"$1\" \"$2\" \"$1\" 2>&1", VipBinary.path, vol, fondsendate],
                        environment: ["NO_COLOR": "1", "PATH": "/usr/bin:/bin"])
        let regels = r.stdout.split(separator: "\n").filter { $0.hasPrefix("/") }
        let fout = try #require(regels.firstIndex { $0.hasPrefix(fondsendate + ":") })
        #expect(regels[fout].contains("leesfout: Onbekend formaat"), "\(regels[fout])")
        #expect(regels[..<fout].contains { $0.hasPrefix(vol + ":") })
        #expect(regels[(fout + 1)...].contains { $0.hasPrefix(vol + ":") })
        #expect(regels.allSatisfy { !$0.dropFirst().contains(fondsendate + ":") }, "\(r.stdout)")
    }

    @Test func noColourWhenPiped() throws {
        let r = try VipBinary.run(["check", Repo.path("Samples/concept-vol-fouten.yaml")], env: ["NO_COLOR": ""])
        #expect(!r.stdout.contains("\u{1B}["))
    }

    /// cli.md: Dutch help and Dutch messages; wrong arguments exit 2 with nothing written.
    @Test func badArgumentsExitTwoInDutch() throws {
        let engels = ["Error", "Usage", "USAGE", "OVERVIEW", "OPTIONS", "Show ", "Missing", "Unknown", "invalid"]
        for argumenten in [["check"], ["bestaatniet"], ["build", "--formaat", "pdf", Repo.fixture],
                           ["check", "--format", "xml", Repo.fixture], ["build", Repo.fixture, "--uit"],
                           ["review", "--zaad", "veel", Repo.fixture], ["init", "a", "b"], ["fondsen", "zoek", Repo.fixture]] {
            let r = try VipBinary.run(argumenten)
            #expect(r.status == 2, "\(argumenten)")
            #expect(r.stdout.isEmpty && r.stderr.hasPrefix("Fout: ") && r.stderr.contains("\nGebruik: vip "), "\(r.stderr)")
            #expect(!engels.contains { r.stderr.contains($0) }, "\(r.stderr)")
        }
        #expect(try VipBinary.run(["bouw"]).stderr.hasPrefix("Fout: Onbekend subcommando `bouw`."))
        for argumenten in [["--help"], ["--hulp"], ["build", "-h"], ["help", "review", "combineer"], ["fondsen"]] {
            let r = try VipBinary.run(argumenten)
            #expect(r.status == 0 && r.stdout.contains("\nGEBRUIK: vip ") && r.stderr.isEmpty, "\(argumenten)")
            #expect(!engels.contains { r.stdout.contains($0) }, "\(r.stdout)")
        }
        #expect(try VipBinary.run(["--version"]).stdout == "0.1.0\n")
        // Options after the files, and in the `--optie=waarde` form.
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try VipBinary.run(["build", Repo.fixture, "--formaat=odt", "--uit", dir + "/uit"])
        #expect(r.status == 0, "\(r.stderr)")
        let bestanden = try FileManager.default.contentsOfDirectory(atPath: dir + "/uit")
        #expect(!bestanden.isEmpty && bestanden.allSatisfy { !$0.hasSuffix(".docx") }, "\(bestanden)")
    }

    /// `vip server …` and `vip gebruiker …` are run by the program `vip-server` beside `vip`
    /// (followed through a symbolic link), with the arguments unchanged and in the same
    /// process (`execv`); without it, a Dutch message and exit 2. A stand-in script shows what it got.
    @Test func serverCommandsGoToVipServerBesideVip() throws {
        let dir = Repo.tempDir()
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/bin", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir + "/elders", withIntermediateDirectories: true)
        try fm.copyItem(atPath: VipBinary.path, toPath: dir + "/bin/vip")
        try fm.createSymbolicLink(atPath: dir + "/elders/vip", withDestinationPath: dir + "/bin/vip")
        // This environment (ASAN_OPTIONS in `make test-asan`), with only the folder of the link on PATH.
        var leeg = ProcessInfo.processInfo.environment
        leeg["PATH"] = dir + "/elders"

        let zonder = try run(dir + "/elders/vip", ["server", "--poort", "0"], environment: leeg)
        #expect(zonder.status == 2)
        #expect(zonder.stderr.contains("Het programma vip-server ontbreekt"), "\(zonder.stderr)")

        try "#!/bin/sh\necho \"$0 $*\"\nexit 7\n".write(toFile: dir + "/bin/vip-server", atomically: true, encoding: .utf8)
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir + "/bin/vip-server")
        for argumenten in [["server", "--poort", "0", "--data", "een map"], ["gebruiker", "toevoegen", "--help"],
                           ["help", "server"]] {
            let r = try run(dir + "/elders/vip", argumenten, environment: leeg)
            #expect(r.status == 7)
            let echt = URL(fileURLWithPath: dir).resolvingSymlinksInPath().path
            #expect(r.stdout == "\(echt)/bin/vip-server \(argumenten.joined(separator: " "))\n", "\(r.stdout)")
        }
        // Everything else stays in vip itself.
        #expect(try run(dir + "/elders/vip", ["check", Repo.fixture], environment: leeg).status == 0)
    }

    @Test func initWritesADraftThatReadsAndRefusesToOverwrite() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try VipBinary.run(["init", dir])
        #expect(r.status == 0)
        let text = try String(contentsOfFile: dir + "/aanvraag.yaml", encoding: .utf8)
        #expect(text.hasPrefix("# yaml-language-server: $schema="))
        let check = try VipBinary.run(["check", dir + "/aanvraag.yaml"])
        #expect(check.status == 1, "a fresh draft is readable and not af: \(check.stderr)")
        let again = try VipBinary.run(["init", dir])
        #expect(again.status == 2)
        #expect(try String(contentsOfFile: dir + "/aanvraag.yaml", encoding: .utf8) == text)
    }

    @Test func regelsListsEveryRuleInEveryFormat() throws {
        let json = try VipBinary.run(["regels", "--format", "json"])
        #expect(json.status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        var ernst: [String: String] = [:]
        for r in list { if let id = r["id"] as? String { ernst[id] = r["ernst"] as? String } }
        // The catalogue in docs/checklist.md: its rows are `| \`id\` | ernst | … |`.
        let docs = try String(contentsOfFile: Repo.path("docs/checklist.md"), encoding: .utf8)
        var docsErnst: [String: String] = [:]
        for line in docs.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            docsErnst[String(cells[0].dropFirst().dropLast())] = cells[1]
        }
        #expect(list.count == ernst.count, "duplicate rule ids")
        #expect(docsErnst.count >= 65)
        #expect(ernst == docsErnst)
        let md = try VipBinary.run(["regels", "--format", "markdown"])
        #expect(md.stdout.contains("| `dekking_sluitend` | fout |"))
        #expect(md.stdout == docs, "docs/checklist.md differs from `vip regels --format markdown`: run `make docs`")
        let tekst = try VipBinary.run(["regels"])
        #expect(tekst.stdout.contains("meerdere_fondsen (waarschuwing"))
    }

    /// The samples and an init file validate against `vip schema` with a real JSON Schema validator.
    @Test func schemaValidatesSamplesAndInitFile() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let schema = try VipBinary.run(["schema"])
        try schema.stdout.write(toFile: dir + "/schema.json", atomically: true, encoding: .utf8)
        _ = try VipBinary.run(["init", dir + "/init"])
        let files = [Repo.fixture, dir + "/init/aanvraag.yaml"] + ["buurtmoestuin", "kinderfestival", "concept-vol-fouten"]
            .map { Repo.path("Samples/\($0).yaml") }
        let script = """
            import json, sys, yaml, jsonschema
            class L(yaml.SafeLoader): pass
            # Keep dates as text, as vip reads them.
            L.yaml_implicit_resolvers = {k: [r for r in v if r[0] != 'tag:yaml.org,2002:timestamp'] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            v = jsonschema.Draft202012Validator(schema)
            bad = 0
            for f in sys.argv[2:]:
                for e in v.iter_errors(yaml.load(open(f), Loader=L)):
                    bad += 1; print(f, list(e.path), e.message)
            # A misspelt key must be refused by the schema too.
            bad_doc = {"formaat": "vip-aanvraag/1", "project": {"doelgrop": "x"}}
            if v.is_valid(bad_doc): bad += 1; print("unknown key accepted")
            sys.exit(1 if bad else 0)
            """
        let r = try run("/usr/bin/env", ["python3", "-c", script, dir + "/schema.json"] + files)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    }
}

/// `vip build --sjabloon MAP`: an organisation's own template set.
@Suite struct SjabloonTests {
    func copyTemplates(to dir: String) throws -> String {
        let dest = dir + "/huisstijl"
        try FileManager.default.copyItem(atPath: Repo.path("Templates"), toPath: dest)
        return dest
    }

    @Test func ownTemplatesAreUsed() throws {
        let dir = Repo.tempDir("sjabloon")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = try copyTemplates(to: dir)
        let styles = t + "/odt/styles.xml"
        let s = try String(contentsOfFile: styles, encoding: .utf8)
        #expect(s.contains("Liberation Sans"))
        try s.replacingOccurrences(of: "Liberation Sans", with: "DejaVu Serif").write(toFile: styles, atomically: true, encoding: .utf8)
        let r = try VipBinary.run(["build", Repo.fixture, "--uit", dir + "/uit", "--formaat", "odt", "--sjabloon", t])
        #expect(r.status == 0, "\(r.stderr)")
        let zip = try ZipReader(path: dir + "/uit/projectplan.odt")
        #expect(String(decoding: try zip.read("styles.xml"), as: UTF8.self).contains("DejaVu Serif"))
        Oracles.expectAllPass([dir + "/uit/projectplan.odt"])
    }

    @Test func brokenTemplateIsRefusedNamingPartAndLine() throws {
        let dir = Repo.tempDir("sjabloon")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = try copyTemplates(to: dir)
        let styles = t + "/docx/word/styles.xml"
        let s = try String(contentsOfFile: styles, encoding: .utf8)
        try String(s.prefix(s.count / 2)).write(toFile: styles, atomically: true, encoding: .utf8)
        let r = try VipBinary.run(["build", Repo.fixture, "--uit", dir + "/uit", "--sjabloon", t])
        #expect(r.status == 2)
        #expect(r.stderr.contains("styles.xml") && r.stderr.contains("regel"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/uit"))
    }
}

/// `vip build --pdf`: PDFs through LibreOffice, or a clear message without it.
@Suite struct PDFTests {
    @Test func pdfsAreWrittenNextToTheDocuments() throws {
        let dir = Repo.tempDir("pdf")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try VipBinary.run(["build", Repo.fixture, "--uit", dir, "--formaat", "odt", "--pdf"])
        #expect(r.status == 0, "\(r.stderr)")
        for doc in ["brief-maasstad-leesfonds", "brief-kinderboekenfonds-zuid", "projectplan", "begroting", "fondsenlijst"] {
            let pdf = FileManager.default.contents(atPath: "\(dir)/\(doc).pdf") ?? Data()
            #expect(pdf.starts(with: Data("%PDF".utf8)), "\(doc).pdf")
        }
    }

    @Test func withoutLibreOfficeTheMessageSaysWhatToInstallAndNothingIsWritten() throws {
        let dir = Repo.tempDir("pdf")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try VipBinary.run(["build", Repo.fixture, "--uit", dir + "/uit", "--pdf"], env: ["PATH": "/nonexistent"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("LibreOffice") && r.stderr.contains("niets geschreven"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/uit"))
    }
}
