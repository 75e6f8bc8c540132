// swift-tools-version:6.1
import PackageDescription

// The benchmark of `make bench` (bench/run.sh): a separate package so that the main
// package's build and tests stay untouched. Built with `-c release` into bench/.build.
let package = Package(
    name: "vip-bench",
    dependencies: [.package(name: "vip", path: "..")],
    targets: [
        .executableTarget(name: "VipBench", dependencies: [.product(name: "VIPKit", package: "vip")]),
    ],
    swiftLanguageModes: [.v6]
)
