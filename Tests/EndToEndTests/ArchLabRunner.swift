import Foundation
import XCTest

/// Runs the built `archlab` binary (found next to the test bundle, as swift-argument-parser's
/// ExampleTests do) and captures what a user would see.
struct ArchLabRunner {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var binary: URL {
        get throws {
            let candidates = Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() } + [Bundle.main.bundleURL]
            for directory in candidates {
                let url = directory.appendingPathComponent("archlab")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
            let reason = "the archlab binary is not built next to the tests (run `swift build` first)"
            // In CI every end-to-end test must run: a missing binary is a failure there, not a skip.
            if ProcessInfo.processInfo.environment["ARCHLAB_REQUIRE_ALL"] == "1" {
                throw ArchLabRunnerError(reason)
            }
            throw XCTSkip(reason)
        }
    }

    static var fixtures: URL {
        get throws { try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil)) }
    }

    /// The package root, which holds the shipped course.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Output {
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

    /// Runs `process` to its end with `input` (or nothing) on standard input and returns what it
    /// wrote; standard error is read on another thread, so neither pipe can fill up and stall it.
    static func capture(_ process: Process, input: String? = nil) throws -> Output {
        let stdin = Pipe()
        let out = Pipe()
        let err = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData, as: UTF8.self))
    }
}

/// A failure to set up an end-to-end test (thrown where a skip would hide a broken CI).
struct ArchLabRunnerError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
