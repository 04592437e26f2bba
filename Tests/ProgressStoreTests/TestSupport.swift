import Foundation
import TestSupport
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
let testEpochMilliseconds: Int64 = 1_795_773_600_000

func sampleAttempt(
    quiz: String = "exact-caching", hash: String = "h1", score: Double, maxScore: Double = 4,
    passed: Bool, questions: [String] = ["setex", "why-ttl"]
) -> FinishedAttempt {
    FinishedAttempt(
        quizID: quiz, contentHash: hash, startedAt: testEpoch, score: score, maxScore: maxScore, passed: passed,
        answers: questions.enumerated().map { index, id in
            AttemptAnswer(
                questionID: id, responseJSON: index == 0 ? "\"a\"" : "[\"a\",\"c\"]", points: 1, hintsUsed: index)
        })
}

/// The directory holding the package's built executables (next to the test bundle).
func productsDirectory() throws -> URL {
    try BuiltProducts.executable("ProgressCrashWriter").deletingLastPathComponent()
}

/// Runs an executable to completion with `arguments` and `environment` additions.
func runChild(
    _ executable: URL, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil
) throws -> ProcessOutput {
    try ProcessCapture.run(executable, arguments, environment: environment, input: stdin)
}
