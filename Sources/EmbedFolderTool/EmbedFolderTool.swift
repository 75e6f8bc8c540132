#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The EmbedFolder plugin's tool: writes every file below a folder into a Swift source file
/// as string literals (Plugins/EmbedFolder says why).
///
///     EmbedFolderTool ROOT NAME OUTPUT
///
/// ROOT is the folder, NAME how comments call it ("Templates"), OUTPUT the Swift file.
/// Hidden files and folders are left out. Each file must be UTF-8 text without NUL; the
/// literal carries its exact bytes (line endings, tabs and trailing spaces included).
/// Deliberately without Foundation: the tool is compiled for every build of the package.
@main
struct EmbedFolderTool {
    static func main() {
        let args = CommandLine.arguments
        guard args.count == 4 else { fail("usage: EmbedFolderTool ROOT NAME OUTPUT") }
        let (root, name, output) = (args[1], args[2], args[3])
        var paths: [String] = []
        list(root, prefix: "", into: &paths)
        // Byte order of the UTF-8 paths: the same on every machine.
        paths.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }

        var out = """
            // Generated at build time by the EmbedFolder plugin (Plugins/EmbedFolder) from \(name)/.
            // Not in git: edit the files under \(name)/ instead.

            /// Every file below \(name)/, by its path there, in path order, with its exact bytes.
            enum EmbeddedFiles {
                static let files: [(path: String, contents: StaticString)] = [

            """
        for path in paths {
            let bytes = read(root + "/" + path)
            guard let text = String(validating: bytes, as: UTF8.self), !bytes.contains(0) else {
                fail("\(name)/\(path) is not UTF-8 text without NUL bytes; EmbedFolder embeds text only")
            }
            out += "        (\(literal(path)), \(literal(text))),\n"
        }
        out += "    ]\n}\n"
        save(out, to: output)
    }

    /// The relative paths of the regular files below `folder`, depth first.
    static func list(_ folder: String, prefix: String, into paths: inout [String]) {
        guard let dir = opendir(folder) else { fail("cannot open \(folder)") }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            var info = stat()
            guard stat(folder + "/" + name, &info) == 0 else { fail("cannot stat \(folder)/\(name)") }
            if info.st_mode & S_IFMT == S_IFDIR {
                list(folder + "/" + name, prefix: prefix + name + "/", into: &paths)
            } else if info.st_mode & S_IFMT == S_IFREG {
                paths.append(prefix + name)
            }
        }
    }

    static func read(_ path: String) -> [UInt8] {
        guard let file = fopen(path, "rb") else { fail("cannot read \(path)") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n == 0 { break }
            bytes += chunk[0..<n]
        }
        if ferror(file) != 0 { fail("cannot read \(path)") }
        return bytes
    }

    /// A one-line Swift string literal with the same scalars as `text`.
    static func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func save(_ text: String, to path: String) {
        guard let file = fopen(path, "wb") else { fail("cannot write \(path)") }
        let ok = fputs(text, file) >= 0
        if fclose(file) != 0 || !ok { fail("cannot write \(path)") }
    }

    static func fail(_ message: String) -> Never {
        let line = Array("EmbedFolderTool: \(message)\n".utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        exit(1)
    }
}
