import Foundation
import PackagePlugin

/// Puts a folder of the package into a module at build time, so that `vip` stays one
/// self-contained binary while the files stay readable and diffable in git, and nothing
/// generated is committed. The generated `EmbeddedFiles.swift` lives in the build folder.
///
/// SwiftPM's own `.embedInCode` resources do not fit these folders: it names each resource
/// by its file name alone (`odt/styles.xml` and `docx/word/styles.xml` are both `styles_xml`,
/// which SwiftPM refuses as "multiple resources named 'styles.xml'"), flattens directories, and
/// only takes files inside the target's own folder.
///
/// A target that applies this plugin gets an internal `EmbeddedFiles.files`: every file below
/// its folder, by path with "/" ("odt/styles.xml"), in path order, as a `StaticString` (the
/// exact UTF-8 bytes, in the binary's read-only data; no copy at start-up).
///
/// Editing a file rebuilds the module. A file added or removed in a folder that existed when
/// SwiftPM last planned the build is picked up too (the folders are inputs); for a file in a
/// brand-new subfolder, build once more after any change to Package.swift.
@main
struct EmbedFolder: BuildToolPlugin {
    /// The folder, relative to the package root, that each target embeds.
    static let folders = [
        "VIPDocument": "Templates",
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let folder = Self.folders[target.name] else {
            throw EmbedFolderError.noFolder(target: target.name)
        }
        let root = context.package.directoryURL.appending(path: folder)
        // Every folder and file below the root is an input, so that adding, removing or
        // editing a file runs the tool again; the tool lists the folder itself.
        var inputs = [root]
        let fm = FileManager.default
        if let walker = fm.enumerator(at: root, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]) {
            for case let url as URL in walker { inputs.append(url) }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [
            .buildCommand(displayName: "Embedding the folder \(folder) in \(target.name)",
                          executable: try context.tool(named: "EmbedFolderTool").url,
                          arguments: [root.path, folder, output.path],
                          inputFiles: inputs, outputFiles: [output]),
        ]
    }
}

enum EmbedFolderError: Error, CustomStringConvertible {
    case noFolder(target: String)

    var description: String {
        switch self {
        case .noFolder(let target):
            return "EmbedFolder: no folder for target \(target); add it to EmbedFolder.folders"
        }
    }
}
