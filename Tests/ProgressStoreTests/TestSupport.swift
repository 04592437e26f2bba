import Foundation
import XCTest
@testable import ProgressStore

/// A fresh directory under the system temporary directory, removed when the test ends.
func makeTemporaryDirectory(_ testCase: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("archlab-progress-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    testCase.addTeardownBlock {
        try? FileManager.default.removeItem(at: url)
    }
    return url
}

/// 2026-11-27T10:00:00Z, the start of every test clock.
let testEpoch = Date(timeIntervalSince1970: 1_795_773_600)

func sampleAttempt(
    quiz: String = "exact-caching", hash: String = "h1", score: Double, maxScore: Double = 4,
    passed: Bool, questions: [String] = ["setex", "why-ttl"]
) -> FinishedAttempt {
    FinishedAttempt(
        quizId: quiz, contentHash: hash, startedAt: testEpoch, score: score, maxScore: maxScore, passed: passed,
        answers: questions.enumerated().map { index, id in
            AttemptAnswer(questionId: id, responseJSON: index == 0 ? "\"a\"" : "[\"a\",\"c\"]", points: 1, hintsUsed: index)
        })
}

/// The directory holding the package's built executables (next to the test bundle).
func productsDirectory() throws -> URL {
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var candidates = [executable.deletingLastPathComponent()]
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
        candidates.append(bundle.bundleURL.deletingLastPathComponent())
    }
    for candidate in candidates
    where FileManager.default.isExecutableFile(atPath: candidate.appendingPathComponent("ProgressCrashWriter").path) {
        return candidate
    }
    try requireTool(false, "the built executables (ProgressCrashWriter, archlab) are not next to the test bundle")
    throw XCTSkip("built executables not found")
}

/// Skips (locally) or fails (when ARCHLAB_REQUIRE_ALL=1) a test whose tool is missing.
func requireTool(_ available: Bool, _ reason: String) throws {
    if available { return }
    if ProcessInfo.processInfo.environment["ARCHLAB_REQUIRE_ALL"] == "1" {
        XCTFail(reason)
    }
    throw XCTSkip(reason)
}

/// Output of a finished child process.
struct ChildResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs an executable to completion with `arguments` and `environment` additions; stderr goes through a file.
func runChild(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> ChildResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { _, new in new }
    process.environment = env
    let errorURL = FileManager.default.temporaryDirectory.appendingPathComponent("archlab-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorURL) }
    let errorHandle = try FileHandle(forWritingTo: errorURL)
    defer { try? errorHandle.close() }
    let out = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = errorHandle
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let outBytes = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let errBytes = (try? Data(contentsOf: errorURL)) ?? Data()
    return ChildResult(
        status: process.terminationStatus,
        stdout: String(decoding: outBytes, as: UTF8.self),
        stderr: String(decoding: errBytes, as: UTF8.self))
}
