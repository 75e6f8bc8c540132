import Foundation
import Testing
// The shared paths (Repo) for every file of this target.
@_exported import VIPTestSupport

/// Runs a program and returns its exit status and output.
@discardableResult
func run(_ executable: String, _ arguments: [String], input: String? = nil, environment: [String: String]? = nil,
         cwd: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    if let environment { p.environment = environment }
    if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    if let input {
        let inp = Pipe()
        p.standardInput = inp
        inp.fileHandleForWriting.write(Data(input.utf8))
        try inp.fileHandleForWriting.close()
    } else {
        p.standardInput = FileHandle.nullDevice
    }
    try p.run()
    // Read both pipes while the process runs, so a full pipe cannot block it.
    let outBox = Box()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async { outBox.set(out.fileHandleForReading.readDataToEndOfFile()); group.leave() }
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    let outData = outBox.get()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

final class Box: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}

final class Collector<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func add(_ t: T) { lock.lock(); items.append(t); lock.unlock() }
    var all: [T] { lock.lock(); defer { lock.unlock() }; return items }
}

/// The project's document checker (Tests/DocumentChecker/check_document.py): OASIS ODF
/// and ECMA-376 schemas, package rules, LibreOffice, pandoc, python-docx.
enum Oracles {
    struct Verdict: Sendable {
        var path: String
        var passed: Bool
        var report: String
    }

    /// Checks every file, two at a time (the machine has two cores): the files are split
    /// into two groups and each group goes to one checker run, which starts LibreOffice's
    /// private profile once for all its files.
    static func check(_ paths: [String]) -> [Verdict] {
        let verdicts = Collector<Verdict>()
        let groups = [0, 1].map { g in paths.enumerated().filter { $0.offset % 2 == g }.map(\.element) }
        DispatchQueue.concurrentPerform(iterations: groups.count) { g in
            let group = groups[g]
            guard !group.isEmpty else { return }
            do {
                let r = try run("/usr/bin/env", ["python3", Repo.checker] + group)
                let reports = Self.split(r.stdout, files: group)
                for path in group {
                    let report = reports[path] ?? ""
                    // A file passes only with a report of its own and no FAIL line in it.
                    let passed = !report.isEmpty && !report.split(separator: "\n").contains { $0.hasPrefix("FAIL ") }
                    verdicts.add(Verdict(path: path, passed: passed, report: report + r.stderr))
                }
            } catch {
                for path in group { verdicts.add(Verdict(path: path, passed: false, report: "\(error)")) }
            }
        }
        return verdicts.all.sorted { $0.path < $1.path }
    }

    /// The checker's output cut into one report per file (each begins with `== PATH`).
    static func split(_ output: String, files: [String]) -> [String: String] {
        var reports: [String: String] = [:]
        var current: String?
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("== ") { current = String(line.dropFirst(3)); continue }
            if line.hasPrefix("RESULT: ") { current = nil; continue }
            if let c = current { reports[c, default: ""] += line + "\n" }
        }
        return reports
    }

    /// Records a test issue for every file that an oracle refuses.
    static func expectAllPass(_ paths: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(FileManager.default.fileExists(atPath: Repo.checker), "document checker missing: \(Repo.checker)",
                sourceLocation: sourceLocation)
        #expect(!paths.isEmpty, "no documents to check", sourceLocation: sourceLocation)
        #expect(paths.allSatisfy { FileManager.default.fileExists(atPath: $0) }, "a document to check is missing",
                sourceLocation: sourceLocation)
        if Repo.zonderOrakels { return }
        for v in check(paths) where !v.passed {
            Issue.record("the document checker refused \(v.path):\n\(v.report)", sourceLocation: sourceLocation)
        }
    }

    /// Plain text of a document through a real reader (pandoc).
    static func text(_ path: String) throws -> String {
        let r = try run("/usr/bin/env", ["pandoc", "-t", "plain", "--wrap=none", path])
        guard r.status == 0 else { throw CocoaError(.fileReadCorruptFile) }
        return r.stdout
    }
}

/// The vip executable built next to the tests (debug build).
enum VipBinary {
    /// The `vip` built beside the test binary, so `make test-asan` tests the ASan build.
    static var path: String {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("vip").path
        let candidates = [besideTests, Repo.path(".build/debug/vip")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[1]
    }

    static func run(_ args: [String], cwd: String? = nil, env: [String: String] = [:]) throws
        -> (status: Int32, stdout: String, stderr: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        for (k, v) in env { environment[k] = v }
        return try VIPKitTests.run(path, args, environment: environment, cwd: cwd)
    }
}
