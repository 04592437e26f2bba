import Foundation
import TestSupport
import XCTest

/// `archlab exercise verify` on a copy of the course where one exercise's starter already passes and the other's
/// solution fails: both are reported, exit 1.
final class ExerciseVerifyEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "exercise-verify" }

    func testVerifyCatchesAStarterThatPassesAndASolutionThatFails() throws {
        try XCTSkipIf(findExecutable("swift") == nil, "no swift on PATH")
        let root = ArchLabRunner.packageRoot
        for folder in ["Lessons", "Quizzes", "Exercises", "Sources"] {
            try FileManager.default.copyItem(
                at: root.appendingPathComponent(folder), to: scratch.appendingPathComponent(folder))
        }
        let bucket = scratch.appendingPathComponent("Exercises/06-token-bucket")
        try FileManager.default.removeItem(at: bucket.appendingPathComponent("starter/TokenBucket.swift"))
        try FileManager.default.copyItem(
            at: bucket.appendingPathComponent("solution/TokenBucket.swift"),
            to: bucket.appendingPathComponent("starter/TokenBucket.swift"))
        let cache = scratch.appendingPathComponent("Exercises/02-exact-cache/solution/ExactCache.swift")
        let solution = try String(contentsOf: cache, encoding: .utf8)
        try solution.replacingOccurrences(of: "String(ttlSeconds)", with: "\"60\"").write(
            to: cache, atomically: true, encoding: .utf8)

        let result = try ArchLabRunner.run(["exercise", "verify", "--course", scratch.path], in: scratch)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(
            result.stdout.contains("✗ token-bucket: the starter passes every test (an exercise must fail unsolved)"),
            result.stdout)
        XCTAssertTrue(
            result.stdout.contains(
                "✗ exact-cache: the solution does not pass: a miss calls the model and stores the answer with SETEX and a TTL of 3600 s: the key's TTL is wrong: expected 3600 s, got TTL 60"
            ),
            result.stdout)
    }
}
