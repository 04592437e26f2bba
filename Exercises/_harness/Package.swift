// swift-tools-version:5.9
// Provided by ArchLab: do not edit (`archlab check` verifies this file before every check).
import PackageDescription

let package = Package(
    name: "server-swift",
    targets: [
        .target(name: "ServerSupport"),
        .target(name: "ServerSwift", dependencies: ["ServerSupport"]),
        .executableTarget(name: "Harness", dependencies: ["ServerSwift", "ServerSupport"]),
    ]
)
