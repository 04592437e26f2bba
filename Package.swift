// swift-tools-version:6.1
// SPDX-License-Identifier: GPL-3.0-or-later
import PackageDescription

let nioCore: Target.Dependency = .product(name: "NIOCore", package: "swift-nio")
let nioPosix: Target.Dependency = .product(name: "NIOPosix", package: "swift-nio")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

// Modules the executable links; add yours on its own line.
let archlabDependencies: [Target.Dependency] = [
    argumentParser,

    logging,

    "RESP",

    "CourseKit",

    "JSONText",

    "SeededRandom",

    "REPL",

    "Terminal",

    "ProgressStore",

    "CourseProgress",

    "RateLimit",

    "Semantic",

    "Labs",

    "Gateway",

    "Clocks",

    "Keyspace",

    "RedisServer",

    "LabCommands",

    "Exercises",

    "ExerciseCommands",

    "GatewayServer",

    .product(name: "TOMLKit", package: "TOMLKit"),
]

// The executable links the Swift runtime and Foundation statically (Linux): no dynamic symbol lookups in a dozen
// shared libraries, ICU among them, before the REPL's first prompt (Benchmarks/repl-startup). The modules were
// compiled against the shared Foundation, whose link entries name only itself, so the static archives it needs are
// listed here, after it.
#if os(Linux)
let archlabLinkerSettings: [LinkerSetting] = [
    .unsafeFlags([
        "-static-stdlib",
        "-Xlinker", "-lFoundation", "-Xlinker", "-lCoreFoundation", "-Xlinker", "-lFoundationEssentials",
        "-Xlinker", "-l_FoundationICU", "-Xlinker", "-l_FoundationCShims", "-Xlinker", "-l_FoundationCollections",
        "-Xlinker", "-lswiftSynchronization",
    ]),
]
#else
let archlabLinkerSettings: [LinkerSetting] = []
#endif

// Semantic's numeric kernels: FMA/AVX2/F16C code generation for Swift code (Haswell and later; this toolchain rejects "x86-64-v3"), and optimised even in
// debug builds so the MiniLM tests stay fast. Only set on x86_64 Linux, where it was measured.
#if arch(x86_64)
let semanticSwiftSettings: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-target-cpu", "-Xfrontend", "haswell"]),
    .unsafeFlags(["-O"], .when(configuration: .debug)),
]
#else
let semanticSwiftSettings: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]
#endif

let targets: [Target] = [
    // Each target is its own paragraph, so branches that add different targets merge cleanly.
    // A target is commented out until its folder holds code.

    .systemLibrary(name: "CReadline", path: "Sources/CReadline"),

    // Lua 5.1 (Debian's liblua5.1-0-dev) for the keyspace's EVAL and FUNCTION scripting.
    .systemLibrary(name: "CLua", path: "Sources/CLua", pkgConfig: "lua5.1"),

    // A header-only software-prefetch hint for Semantic's flat scan (no library to link).
    .systemLibrary(name: "CPrefetch", path: "Sources/CPrefetch"),

    .target(name: "SeededRandom"),

    // The one clock protocol and its system, coarse and manual clocks.
    .target(name: "Clocks"),

    .target(name: "JSONText"),

    .target(name: "CourseKit", dependencies: ["SeededRandom", "JSONText", .product(name: "TOMLKit", package: "TOMLKit")]),

    .target(name: "ProgressStore", dependencies: ["Clocks", .product(name: "GRDB", package: "GRDB.swift")]),

    // A learner's records: recording with unlocks decided in the write transaction, the progress report, stored answers.
    .target(name: "CourseProgress", dependencies: ["CourseKit", "ProgressStore"]),

    .executableTarget(name: "ProgressCrashWriter", dependencies: ["ProgressStore"]),

    .target(name: "RESP", dependencies: [nioCore], swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),

    .target(name: "Keyspace", dependencies: ["RESP", "SeededRandom", "Clocks", "Semantic", "CLua", nioCore, .product(name: "Crypto", package: "swift-crypto")], swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),

    .target(name: "RedisServer", dependencies: ["RESP", "Keyspace", "Clocks", nioCore, nioPosix, logging], swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),

    .target(name: "RateLimit", dependencies: ["RESP", "SeededRandom", "JSONText", "Clocks"]),

    .target(
        name: "Semantic",
        dependencies: ["SeededRandom", "CPrefetch", "Clocks", .product(name: "Crypto", package: "swift-crypto")],
        swiftSettings: semanticSwiftSettings
    ),

    // server.swift: the gateway's stages and steps, cache keys, the cached-answer codec, the LLM client interface.
    .target(name: "Gateway", dependencies: ["Clocks", "RESP", "RateLimit", "Semantic", .product(name: "Crypto", package: "swift-crypto")]),

    .target(name: "Labs", dependencies: ["Gateway", "Clocks", "RESP", "SeededRandom", "Keyspace", "RateLimit", "Semantic", .product(name: "Histogram", package: "hdrhistogram-swift")]),

    .target(
        name: "GatewayServer",
        dependencies: ["Gateway", "Clocks", nioCore, nioPosix, logging, .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "Prometheus", package: "swift-prometheus")]
    ),

    .target(name: "Exercises", dependencies: ["CourseKit", "JSONText", "SeededRandom", "RateLimit", "Gateway", "RESP", "Keyspace", "RedisServer", "Labs", "Semantic", "Clocks", logging, .product(name: "Crypto", package: "swift-crypto")]),

    .target(name: "ExerciseCommands", dependencies: ["REPL", "Exercises", "CourseKit", "CourseProgress", "ProgressStore"]),

    .target(name: "Terminal", dependencies: ["CReadline"]),

    .target(name: "REPL", dependencies: ["CourseKit", "ProgressStore", "CourseProgress", "Terminal", "SeededRandom", "Clocks"]),

    .target(name: "LabCommands", dependencies: ["REPL", "CourseProgress", "Labs", "Gateway", "Clocks", "GatewayServer", "Keyspace", "RESP", "RedisServer", "RateLimit", "Semantic", "Terminal", logging]),

    // Test doubles shared by the test targets (a scripted line editor, buffered output); linked only by tests.
    .target(name: "ArchLabTesting", dependencies: ["Terminal", "REPL"]),

    .executableTarget(name: "archlab", dependencies: archlabDependencies, linkerSettings: archlabLinkerSettings),

    .target(name: "TestSupport", dependencies: ["RESP", "Semantic", nioCore], path: "Tests/TestSupport", resources: [.copy("Fixtures")]),

    .testTarget(name: "CourseKitTests", dependencies: ["TestSupport", "SeededRandom", "CourseKit", "JSONText"], resources: [.copy("Fixtures")]),

    .testTarget(name: "ProgressStoreTests", dependencies: ["Clocks", "TestSupport", "ProgressStore", .product(name: "GRDB", package: "GRDB.swift")], resources: [.copy("Fixtures")]),

    .testTarget(name: "CourseProgressTests", dependencies: ["TestSupport", "CourseProgress", "CourseKit", "ProgressStore", "Clocks"]),

    .testTarget(name: "ClocksTests", dependencies: ["Clocks"]),

    .testTarget(name: "JSONTextTests", dependencies: ["JSONText", "SeededRandom"]),

    .testTarget(name: "RESPTests", dependencies: ["RESP", "SeededRandom", nioCore, .product(name: "NIOTestUtils", package: "swift-nio")]),

    .testTarget(name: "KeyspaceTests", dependencies: ["Clocks", "TestSupport", "Keyspace", "RESP", "SeededRandom", nioCore]),

    .testTarget(name: "RedisServerTests", dependencies: ["Clocks", "TestSupport", "RedisServer", "Keyspace", "RESP", "SeededRandom", nioCore, nioPosix, logging, .product(name: "NIOEmbedded", package: "swift-nio"), .product(name: "NIOTestUtils", package: "swift-nio")], resources: [.copy("Fixtures")]),

    .testTarget(name: "RateLimitTests", dependencies: ["Clocks", "TestSupport", "RateLimit", "RESP", "RedisServer", "Keyspace", logging]),

    .testTarget(name: "SemanticTests", dependencies: ["Clocks", "TestSupport", "SeededRandom", "Semantic"], resources: [.copy("Fixtures")]),

    .testTarget(name: "GatewayServerTests", dependencies: ["GatewayServer", "Gateway", "Clocks", "Labs", "Keyspace", "RateLimit", "Semantic"]),

    .testTarget(name: "GatewayTests", dependencies: ["TestSupport", "Gateway", "Clocks", "Labs", "RESP", "Keyspace", "RateLimit", "Semantic", "SeededRandom", .product(name: "Crypto", package: "swift-crypto")]),

    .testTarget(name: "LabsTests", dependencies: ["TestSupport", "Labs", "Gateway", "Clocks", "RESP", "Keyspace", "RateLimit", "Semantic", "SeededRandom"]),

    .testTarget(name: "TerminalTests", dependencies: ["Terminal"]),

    .testTarget(name: "ExercisesTests", dependencies: ["Exercises", "CourseKit"]),

    .testTarget(name: "REPLTests", dependencies: ["ArchLabTesting", "TestSupport", "Clocks", "CourseProgress", "SeededRandom", "REPL", "CourseKit", "ProgressStore", "Terminal"]),

    .testTarget(name: "LabCommandsTests", dependencies: ["ArchLabTesting", "TestSupport", "LabCommands", "REPL", "CourseKit", "ProgressStore", "Terminal", "Keyspace", "RESP", "RedisServer"]),

    // Checks every module's imports against docs/architecture.md.
    .testTarget(name: "ArchitectureTests"),

    .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "SeededRandom", "CourseKit", "ProgressStore"]),
]

let package = Package(
    name: "ArchLab",
    // Linux is where ArchLab is built and tested; macOS 15 is the first with the Synchronization module it uses.
    platforms: [.macOS(.v15)],
    products: [.executable(name: "archlab", targets: ["archlab"])],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: targets
)
