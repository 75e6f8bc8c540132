// swift-tools-version:6.1
import PackageDescription

// One library product (`VIPKit`) holds all behaviour; `vip` only parses arguments,
// calls it and maps results to exit codes. Each C library is imported by exactly
// one Swift module: CLibXML2 by VIPXML, CLibZip and CLibDeflate by VIPZip, CHunspell by VIPSpelling,
// CYAML by VIPYAML.
let package = Package(
    name: "vip",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "vip", targets: ["vip"]),
        .library(name: "VIPKit", targets: ["VIPKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CLibZip", pkgConfig: "libzip",
                       providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CLibDeflate", pkgConfig: "libdeflate",
                       providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CHunspell", pkgConfig: "hunspell",
                       providers: [.apt(["libhunspell-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"])]),

        .target(name: "VIPXML", dependencies: ["CLibXML2"]),
        .target(name: "VIPZip", dependencies: ["CLibZip", "CLibDeflate"]),
        .target(name: "VIPSpelling", dependencies: ["CHunspell"]),
        .target(name: "VIPYAML", dependencies: ["CYAML"]),
        .target(name: "VIPModel", dependencies: ["VIPYAML"]),
        .target(name: "VIPChecklist", dependencies: ["VIPModel", "VIPSpelling"]),
        .target(name: "VIPDocument", dependencies: ["VIPXML", "VIPZip"]),
        .target(name: "VIPPlanning"),
        .target(name: "VIPKit", dependencies: ["VIPModel", "VIPChecklist", "VIPDocument", "VIPZip",
                                              "VIPPlanning", "VIPSpelling"]),
        .executableTarget(name: "vip", dependencies: [
            "VIPKit", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "VIPYAMLTests", dependencies: ["VIPYAML"]),
        .testTarget(name: "VIPModelTests", dependencies: ["VIPModel"]),
        .testTarget(name: "VIPChecklistTests", dependencies: ["VIPChecklist", "VIPModel", "VIPSpelling"]),
        .testTarget(name: "VIPDocumentTests", dependencies: ["VIPDocument", "VIPXML", "VIPZip"]),
        .testTarget(name: "VIPPlanningTests", dependencies: [
            "VIPPlanning", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "VIPKitTests", dependencies: ["VIPKit", "VIPModel", "VIPChecklist", "VIPDocument", "VIPZip",
                                                     "VIPSpelling"],
                    exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
