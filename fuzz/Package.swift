// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets over vip's input surfaces. Built by fuzz/run.sh with
// `-sanitize=fuzzer,address -parse-as-library` (libFuzzer supplies `main`).
let package = Package(
    name: "vip-fuzz",
    dependencies: [.package(name: "vip", path: "..")],
    targets: [
        // Reader (YAML tree, limits, decoding) and the whole checklist.
        .executableTarget(name: "FuzzAanvraag", dependencies: [.product(name: "VIPKit", package: "vip")]),
        // The template loader: one part of a template folder replaced by the input.
        .executableTarget(name: "FuzzSjabloon", dependencies: [.product(name: "VIPKit", package: "vip")]),
        // The server's HTML form reader (urlencoded and multipart), which reads bodies before any
        // session is checked.
        .executableTarget(name: "FuzzFormulier", dependencies: [.product(name: "VIPFormulier", package: "vip")]),
    ],
    swiftLanguageModes: [.v6]
)
