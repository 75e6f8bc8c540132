import Foundation

/// What the two executables share: the terminal, and the way from `vip server` to the server
/// program. (The command line itself is described in `Opdracht`.)
public enum Terminal {
    public static var kleur: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }
    public static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// `s` on standard output at once, in one `write`. `print` kept standard output in C's
    /// buffer until the program ended when it was a file or a pipe, so with `2>&1` the messages
    /// on standard error landed before, or in the middle of, lines written earlier.
    public static func uit(_ s: String, regeleinde: Bool = true) {
        var s = s
        if regeleinde { s += "\n" }
        s.withUTF8 { bytes in
            var rest = UnsafeRawBufferPointer(bytes)
            while !rest.isEmpty {
                let n = write(STDOUT_FILENO, rest.baseAddress, rest.count)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return }
                rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            }
        }
    }

    public static func fout(_ s: String) {
        FileHandle.standardError.write(Data((s.hasSuffix("\n") ? s : s + "\n").utf8))
    }
}

/// `vip server …` and `vip gebruiker …` run in a program of their own, `vip-server`, installed
/// beside `vip`: the web server (Hummingbird, NIO, GRDB, PostgresNIO, the page templates) is
/// most of the code, and a `vip build` or `vip check` that carries it pays for it at every
/// start (the runtime's conformance lookups scan every record in the program, the loader
/// relocates every pointer) and in memory (bench/RESULTATEN.md). `vip` hands such a command
/// line over unchanged with `execv`: the same process, its signals and its exit code.
public enum Serverprogramma {
    public static let naam = "vip-server"
    /// The first arguments that belong to the server program. An array, not a set: looked at
    /// at every start, and the first `Set<String>` costs the runtime a conformance lookup.
    public static let commandos = ["server", "gebruiker"]
    public static let serverUitleg = "Start vip in de browser, of verhuis de gegevens (exporteer, importeer)."
    public static let gebruikerUitleg = "Beheer accounts van docenten, organisatoren en beheerders."

    /// Whether `argumenten` (without the program name) are a command of the server program:
    /// `server …`, `gebruiker …`, or help for one of them (`help server`).
    public static func isVoor(_ argumenten: [String]) -> Bool {
        guard let eerste = argumenten.first else { return false }
        if commandos.contains(eerste) { return true }
        return eerste == "help" && argumenten.count > 1 && commandos.contains(argumenten[1])
    }

    /// `vip-server` beside this program (its real path, links followed), else on `PATH`.
    public static func pad() -> String? {
        let fm = FileManager.default
        var mappen: [String] = []
        if let zelf = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            mappen.append((zelf as NSString).deletingLastPathComponent)
        } else if let nul = CommandLine.arguments.first, nul.contains("/") {
            mappen.append((URL(fileURLWithPath: nul).resolvingSymlinksInPath().path as NSString).deletingLastPathComponent)
        }
        mappen += (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return mappen.lazy.map { ($0 as NSString).appendingPathComponent(naam) }.first { fm.isExecutableFile(atPath: $0) }
    }

    /// Replaces this process by `vip-server` with `argumenten`; returns only on failure (exit 2).
    public static func doorgeven(_ argumenten: [String]) -> Never {
        guard let pad = pad() else {
            Terminal.fout("Het programma \(naam) ontbreekt: het hoort naast vip te staan (make release maakt beide in "
                + ".build/release/). Kopieer vip en \(naam) samen naar dezelfde map.")
            exit(2)
        }
        let argv = ([pad] + argumenten).map { strdup($0) } + [nil]
        execv(pad, argv)
        Terminal.fout("Het programma \(pad) kon niet worden gestart: \(String(cString: strerror(errno))).")
        exit(2)
    }
}
