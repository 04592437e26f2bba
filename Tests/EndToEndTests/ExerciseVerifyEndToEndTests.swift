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
                """
                    ✗ exact-cache: the solution does not pass: a miss calls the model and stores the answer with SETEX \
                    and a TTL of 3600 s: the key's TTL is wrong: expected 3600 s, got TTL 60
                    """
            ),
            result.stdout)
    }

    /// `reference = "solution"`: the random blocks compare with the exercise's own solution, built in a package of
    /// its own under XDG_CACHE_HOME; the starter still fails and the solution passes.
    func testASolutionReferenceComparesWithTheExercisesOwnSolution() throws {
        try XCTSkipIf(findExecutable("swift") == nil, "no swift on PATH")
        let root = ArchLabRunner.packageRoot
        for folder in ["Lessons", "Quizzes", "Sources"] {
            try FileManager.default.copyItem(
                at: root.appendingPathComponent(folder), to: scratch.appendingPathComponent(folder))
        }
        let bucket = scratch.appendingPathComponent("Exercises/06-token-bucket")
        try FileManager.default.createDirectory(
            at: scratch.appendingPathComponent("Exercises"), withIntermediateDirectories: true)
        for folder in ["_harness", "06-token-bucket"] {
            try FileManager.default.copyItem(
                at: root.appendingPathComponent("Exercises/" + folder),
                to: scratch.appendingPathComponent("Exercises/" + folder))
        }
        // A course whose only exercise is the token bucket: the other nodes and lessons stop naming theirs.
        let manifest = scratch.appendingPathComponent("Lessons/course.toml")
        try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(
            of: #"exercise = (\[[^\]]*\]|"(?!token-bucket")[a-z-]+")\n"#, with: "", options: .regularExpression
        ).write(to: manifest, atomically: true, encoding: .utf8)
        for lesson in try FileManager.default.contentsOfDirectory(atPath: scratch.appendingPathComponent("Lessons").path)
        where lesson.hasSuffix(".md") {
            let file = scratch.appendingPathComponent("Lessons/" + lesson)
            try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
                of: #"\{\{#exercise [a-z-]+\}\}\n"#, with: "", options: .regularExpression
            ).write(to: file, atomically: true, encoding: .utf8)
        }
        let toml = bucket.appendingPathComponent("exercise.toml")
        let text = try String(contentsOf: toml, encoding: .utf8)
        XCTAssertTrue(text.contains("reference = \"ratelimit.token-bucket\""))
        try text.replacingOccurrences(of: "reference = \"ratelimit.token-bucket\"", with: "reference = \"solution\"")
            .write(to: toml, atomically: true, encoding: .utf8)

        let cache = scratch.appendingPathComponent("cache")
        let result = try ArchLabRunner.run(
            ["exercise", "verify", "--course", scratch.path], in: scratch, environment: ["XDG_CACHE_HOME": cache.path])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, "✓ token-bucket: the starter fails, the solution passes\n")
        let built = try FileManager.default.contentsOfDirectory(
            atPath: cache.appendingPathComponent("archlab/solutions").path)
        XCTAssertEqual(built.count, 1, "the solution package is built in the cache folder")
    }
}
