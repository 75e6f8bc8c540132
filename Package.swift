// swift-tools-version:6.1
import Foundation
import PackageDescription

// One library product (`VIPKit`) holds all behaviour; `vip` only parses arguments,
// calls it and maps results to exit codes. Each C library is imported by exactly
// one Swift module: CLibXML2 by VIPXML, CLibDeflate by VIPZip (which writes and reads the zip
// container itself), CHunspell by VIPSpelling, CYAML by VIPYAML.
let package = Package(
    name: "vip",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vip", targets: ["vip"]),
        .library(name: "VIPKit", targets: ["VIPKit"]),
        // The HTML form reader of `vip server`, on its own so that `make fuzz` can fuzz it.
        .library(name: "VIPFormulier", targets: ["VIPFormulier"]),
    ],
    dependencies: [
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CLibDeflate", pkgConfig: "libdeflate",
                       providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CHunspell", pkgConfig: "hunspell",
                       providers: [.apt(["libhunspell-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"])]),

        .target(name: "VIPHash"),
        .target(name: "VIPXML", dependencies: ["CLibXML2", "VIPHash"]),
        .target(name: "VIPZip", dependencies: ["CLibDeflate"]),
        .target(name: "VIPSpelling", dependencies: ["CHunspell", "VIPHash"]),
        .target(name: "VIPYAML", dependencies: ["CYAML"]),
        .target(name: "VIPModel", dependencies: ["VIPYAML"]),
        .target(name: "VIPChecklist", dependencies: ["VIPModel", "VIPSpelling"]),
        // Templates/ travels inside the binary, generated at build time (Plugins/EmbedFolder).
        .target(name: "VIPDocument", dependencies: ["VIPXML", "VIPZip"], plugins: ["EmbedFolder"]),
        .target(name: "VIPPlanning"),
        .target(name: "VIPFormulier"),
        .target(name: "VIPKit", dependencies: ["VIPModel", "VIPChecklist", "VIPDocument", "VIPZip",
                                              "VIPPlanning", "VIPSpelling", "VIPHash"]),
        .executableTarget(name: "EmbedFolderTool"),
        .plugin(name: "EmbedFolder", capability: .buildTool(), dependencies: ["EmbedFolderTool"]),
        // What `vip` and `vip-server` share: the terminal, the command line described as data
        // (Opdracht: parsing, Dutch help and messages), the hand-over to vip-server.
        .target(name: "VIPOpdrachtregel", dependencies: ["VIPModel"]),
        .executableTarget(name: "vip", dependencies: ["VIPKit", "VIPDocument", "VIPOpdrachtregel"]),

        // Paths to the shared samples and fixtures, for every test target.
        .target(name: "VIPTestSupport", path: "Tests/VIPTestSupport"),
        .testTarget(name: "VIPYAMLTests", dependencies: ["VIPYAML"]),
        .testTarget(name: "VIPXMLTests", dependencies: ["VIPXML"]),
        .testTarget(name: "VIPZipTests", dependencies: ["VIPZip"]),
        .testTarget(name: "VIPSpellingTests", dependencies: ["VIPSpelling", "VIPTestSupport"]),
        .testTarget(name: "VIPModelTests", dependencies: ["VIPModel", "VIPTestSupport"]),
        .testTarget(name: "VIPChecklistTests", dependencies: ["VIPChecklist", "VIPModel", "VIPSpelling"]),
        .testTarget(name: "VIPDocumentTests", dependencies: ["VIPDocument", "VIPXML", "VIPZip", "VIPTestSupport"]),
        .testTarget(name: "VIPFormulierTests", dependencies: ["VIPFormulier"]),
        .testTarget(name: "VIPOpdrachtregelTests", dependencies: ["VIPOpdrachtregel"]),
        .testTarget(name: "VIPPlanningTests", dependencies: [
            "VIPPlanning", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "VIPKitTests", dependencies: ["VIPKit", "VIPModel", "VIPChecklist", "VIPDocument", "VIPZip",
                                                     "VIPSpelling", "VIPHash", "VIPTestSupport"],
                    exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)

// `make release` sets VIP_VOLLEDIG_STATISCH=1: `vip` is then linked as a fully static executable
// (glibc and libstdc++ too), with no dynamic loader at all. Its start took 3.3 ms of CPU
// with the Swift runtime linked statically into a dynamic executable, 1.4 ms this way (mostly the
// loader's symbol lookups and the kernel mapping five shared libraries; bench/RESULTATEN.md).
// Only for `vip`: `vip-server` resolves host names (PostgreSQL, SMTP), which a static glibc can
// only do through the shared NSS modules of the very glibc it was linked with. The C libraries
// must then be named by their archives, as `make release` does (scripts/statische-pc.sh).
if ProcessInfo.processInfo.environment["VIP_VOLLEDIG_STATISCH"] == "1",
   let vip = package.targets.first(where: { $0.name == "vip" }) {
    vip.linkerSettings = [.unsafeFlags(["-static-executable"], .when(platforms: [.linux], configuration: .release))]
}

// `vip server` (Hummingbird, GRDB, bcrypt) lives in VIPServer, its tests and the `vip-server`
// program. Setting
// VIP_ZONDER_SERVER=1 leaves the server and its dependencies out of the build, so that
// slow passes (AddressSanitizer) only build what they test.
if ProcessInfo.processInfo.environment["VIP_ZONDER_SERVER"] == nil {
    package.dependencies += [
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        // Mail (issue 18): the SMTP client is written on SwiftNIO, with swift-nio-ssl for STARTTLS and
        // smtps; /metrics with swift-prometheus.
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
    ]
    package.targets += [
        .target(name: "VIPServer", dependencies: [
            "VIPKit", "VIPModel", "VIPChecklist", "VIPDocument", "VIPZip", "VIPSpelling",
            "VIPPlanning", "VIPFormulier", "VIPHash",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ],
        // The page templates, the style sheet and script, and the OpenAPI description travel inside
        // the binary (`Weergave.bestanden` lists them by name).
        resources: [.embedInCode("Web")]),
        .testTarget(name: "VIPServerTests", dependencies: [
            "VIPServer", "VIPKit", "VIPModel", "VIPZip",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
    ]
    // `vip server` and `vip gebruiker` run in their own program beside `vip`, so that the
    // command line does not carry the web server (Serverprogramma in VIPOpdrachtregel).
    package.products += [.executable(name: "vip-server", targets: ["vip-server"])]
    package.targets += [
        .executableTarget(name: "vip-server", dependencies: [
            "VIPServer", "VIPOpdrachtregel",
        ]),
    ]
}
