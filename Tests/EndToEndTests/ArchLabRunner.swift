import Foundation
import TestSupport
import XCTest

/// Runs the built `archlab` binary (found next to the test bundle, as swift-argument-parser's
/// ExampleTests do) and captures what a user would see.
struct ArchLabRunner {
    typealias Output = ProcessOutput

    static var binary: URL {
        get throws { try BuiltProducts.executable("archlab") }
    }

    static var fixtures: URL {
        get throws { try SharedFixtures.root }
    }

    /// The package root, which holds the shipped course.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]
    ) throws -> Output {
        let process = Process()
        process.executableURL = try binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["ARCHLAB_COURSE"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.currentDirectoryURL = try directory ?? fixtures
        return try capture(process)
    }

    /// Runs `process` to its end with `input` on standard input and returns what it wrote.
    static func capture(_ process: Process, input: String? = nil) throws -> Output {
        try ProcessCapture.run(process, input: input)
    }
}
