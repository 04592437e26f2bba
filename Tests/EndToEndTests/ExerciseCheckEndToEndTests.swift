import Foundation
import ProgressStore
import TestSupport
import XCTest

/// `archlab exercise start` and `archlab check` end to end, on one shared workspace (see ExerciseWorkspaceFixture).
final class ExerciseCheckEndToEndTests: XCTestCase {
    private var fixture: ExerciseWorkspaceFixture { .shared }

    override class func tearDown() {
        ExerciseWorkspaceFixture.shared.remove()
        super.tearDown()
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        try fixture.ensureStarted()
    }

    /// The learner's way: the starter fails with the first rule's hint, the solution passes, the pass is recorded
    /// and completes the Exact Cache node (its quiz and the Cost Model node are already done).
    func testStarterFailsSolutionPassesAndThePassUnlocksTheNode() throws {
        try fixture.writeLearnerFile(try fixture.courseFile("starter/ExactCache.swift"))
        let learner = "grace"
        let store = try ProgressStore(path: fixture.database)
        let grace = try store.ensureLearner(learner)
        for (quiz, nodes) in [("cost-of-every-call", ["cost-model"]), ("exact-caching", [])] {
            _ = try store.recordAttempt(
                learner: grace,
                FinishedAttempt(
                    quizID: quiz, contentHash: "x", startedAt: Date(), score: 1, maxScore: 1, passed: true, answers: []),
                unlocking: nodes)
        }
        try store.close()

        let failing = try fixture.run(["check", "--workspace", fixture.workspace.path], learner: learner)
        XCTAssertEqual(failing.status, 1, failing.stdout + failing.stderr)
        XCTAssertTrue(
            failing.stdout.contains("✗ the same question with other spacing and case has the same key"), failing.stdout)
        XCTAssertTrue(failing.stdout.contains("hint:     Normalise the prompt before hashing"), failing.stdout)
        XCTAssertTrue(
            failing.stdout.contains("got:      \"llm:exact:  How do I   reset my Password? \""), failing.stdout)
        XCTAssertFalse(failing.stdout.contains("NODE UNLOCKED"), failing.stdout)

        try fixture.writeLearnerFile(try fixture.courseFile("solution/ExactCache.swift"))
        let passing = try fixture.run(["check"], learner: learner)
        XCTAssertEqual(passing.status, 0, passing.stdout + passing.stderr)
        XCTAssertTrue(
            passing.stdout.contains("✓ a miss calls the model and stores the answer with SETEX and a TTL of 3600 s"))
        XCTAssertTrue(passing.stdout.contains("passed: all 6 tests"), passing.stdout)
        XCTAssertTrue(passing.stdout.contains("Recorded for learner grace."), passing.stdout)
        XCTAssertTrue(passing.stdout.contains("NODE UNLOCKED: Exact Cache"), passing.stdout)

        let progress = try fixture.run(["progress", "--format", "json"], learner: learner)
        XCTAssertEqual(progress.status, 0, progress.stderr)
        XCTAssertTrue(
            progress.stdout.contains("{\"id\": \"exact-cache\", \"status\": \"passed\", \"passed_at\": \"20"),
            progress.stdout)
        XCTAssertTrue(
            progress.stdout.contains("{\"id\": \"token-bucket\", \"status\": \"not-started\", \"passed_at\": null}"))
        XCTAssertTrue(progress.stdout.contains("{\"id\": \"exact-cache\", \"unlocked\": true"), progress.stdout)
    }

    /// A compile error is shown at the learner's file and line, without the rest of the build log.
    func testACompileErrorShowsTheLearnersFileAndLine() throws {
        var text = try fixture.courseFile("solution/ExactCache.swift")
        text = text.replacingOccurrences(of: "        return text\n", with: "        return txet\n")
        try fixture.writeLearnerFile(text)
        let result = try fixture.run(["check", "--workspace", fixture.workspace.path])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "✗ the build failed:", result.stdout)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0.contains("return txet")
        }.map { $0 + 1 }
        XCTAssertTrue(
            lines.dropFirst().first?.hasPrefix("Sources/ServerSwift/ExactCache.swift:\(line ?? 0):") == true,
            result.stdout)
        XCTAssertFalse(result.stdout.contains("Compiling"), result.stdout)
        XCTAssertFalse(result.stdout.contains("Building for debugging"), result.stdout)
    }

    /// An endless loop times out and a crash names its signal and line; the earlier pass stays recorded.
    func testAnEndlessLoopAndACrashFailTheirTestAndLeaveProgressIntact() throws {
        let solution = try fixture.courseFile("solution/ExactCache.swift")
        try fixture.writeLearnerFile(solution)
        XCTAssertEqual(try fixture.run(["check"], learner: "linus").status, 0)

        let loop = solution.replacingOccurrences(
            of: "        prompt.split(whereSeparator:",
            with:
                """
                            var spin = 0\n        while prompt.count >= 0 { spin &+= 1 }\n        return \
                    prompt.split(whereSeparator:
                    """
        )
        try fixture.writeLearnerFile(loop)
        let started = Date()
        let timedOut = try fixture.run(["check", "--time-limit", "2"], learner: "linus")
        XCTAssertEqual(timedOut.status, 1, timedOut.stdout + timedOut.stderr)
        XCTAssertTrue(timedOut.stdout.contains("timed out after 2 s"), timedOut.stdout)
        XCTAssertTrue(
            timedOut.stdout.contains(
                "- a miss calls the model and stores the answer with SETEX and a TTL of 3600 s (not run)"))
        XCTAssertLessThan(Date().timeIntervalSince(started), 120, "the loop was not stopped")

        let crash = solution.replacingOccurrences(
            of: "        prompt.split(whereSeparator:",
            with: "        let none: [String] = []\n        return none[prompt.count] + prompt.split(whereSeparator:")
        try fixture.writeLearnerFile(crash)
        let crashed = try fixture.run(["check"], learner: "linus")
        XCTAssertEqual(crashed.status, 1, crashed.stdout + crashed.stderr)
        let crashLine =
            crash.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("none[prompt.count]") }.map { $0 + 1 } ?? 0
        XCTAssertTrue(crashed.stdout.contains("the harness crashed (signal"), crashed.stdout)
        XCTAssertTrue(crashed.stdout.contains("Index out of range"), crashed.stdout)
        XCTAssertTrue(crashed.stdout.contains("at Sources/ServerSwift/ExactCache.swift:\(crashLine)"), crashed.stdout)

        let progress = try fixture.run(["progress", "--format", "json"], learner: "linus")
        XCTAssertTrue(progress.stdout.contains("{\"id\": \"exact-cache\", \"status\": \"passed\""), progress.stdout)
    }

    /// A provided file the learner changed is named, and nothing runs (exit 2).
    func testAChangedHarnessFileIsReported() throws {
        try fixture.writeLearnerFile(try fixture.courseFile("solution/ExactCache.swift"))
        let harness = fixture.workspace.appendingPathComponent("Sources/Harness/main.swift")
        let original = try Data(contentsOf: harness)
        defer { try? original.write(to: harness) }
        try (original + Data("// a learner's edit\n".utf8)).write(to: harness)
        let result = try fixture.run(["check"])
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("provided file changed: Sources/Harness/main.swift"), result.stderr)
        XCTAssertEqual(result.stdout, "")
    }

    /// `check --all --format junit` validates against the JUnit schema the grade tests use.
    func testJUnitOfAllExercisesValidatesAgainstTheSchema() throws {
        let xmllint = try requireExecutable("xmllint", "xmllint (libxml2-utils) is needed to validate JUnit")
        try fixture.writeLearnerFile(try fixture.courseFile("starter/ExactCache.swift"))
        let report = fixture.scratch.appendingPathComponent("check.xml")
        let result = try ArchLabRunner.run([
            "check", "--all", "--workspace", fixture.workspace.path, "--course", fixture.course.path,
            "--format", "junit", "--output", report.path,
        ])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint)
        process.arguments = [
            "--noout", "--schema", try ArchLabRunner.fixtures.appendingPathComponent("junit.xsd").path, report.path,
        ]
        let validated = try ProcessCapture.run(process)
        XCTAssertEqual(validated.status, 0, validated.stderr)
        let xml = try String(contentsOf: report, encoding: .utf8)
        XCTAssertTrue(xml.contains("<testsuite name=\"exact-cache\" tests=\"6\""), xml)
    }

    /// In the REPL: `exercise` shows the lesson's exercise, `check` runs it and a pass prints `NODE UNLOCKED:`.
    func testTheREPLsExerciseAndCheckCommandsRecordThePassAndUnlockTheNode() throws {
        try fixture.writeLearnerFile(try fixture.courseFile("solution/ExactCache.swift"))
        let store = try ProgressStore(path: fixture.database)
        let margaret = try store.ensureLearner("margaret")
        for (quiz, nodes) in [("cost-of-every-call", ["cost-model"]), ("exact-caching", [])] {
            _ = try store.recordAttempt(
                learner: margaret,
                FinishedAttempt(
                    quizID: quiz, contentHash: "x", startedAt: Date(), score: 1, maxScore: 1, passed: true, answers: []),
                unlocking: nodes)
        }
        try store.close()
        let process = Process()
        process.executableURL = try ArchLabRunner.binary
        process.arguments = ["--course", fixture.course.path, "--db", fixture.database, "--learner", "margaret"]
        process.currentDirectoryURL = fixture.scratch
        var environment = ProcessInfo.processInfo.environment
        environment["ARCHLAB_COURSE"] = nil
        process.environment = environment
        let output = try ArchLabRunner.capture(
            process, input: "open 2\nexercise\nexercise start\ncheck\nexercise hint\n")
        XCTAssertEqual(output.status, 0, output.stdout + output.stderr)
        XCTAssertTrue(
            output.stdout.contains("Exercise exact-cache: Write the exact cache — not checked yet"), output.stdout)
        XCTAssertTrue(
            output.stdout.contains("Sources/ServerSwift/ExactCache.swift already exists: left as it is"), output.stdout)
        XCTAssertTrue(output.stdout.contains("passed: all 6 tests"), output.stdout)
        XCTAssertTrue(output.stdout.contains("NODE UNLOCKED: Exact Cache"), output.stdout)
        XCTAssertTrue(output.stdout.contains("Hint 1/3: "), output.stdout)
    }

    /// The solution is refused before a pass (and before three failed checks), shown after one, and recorded;
    /// `reset` restores the starter and keeps the learner's file as `.bak`.
    func testSolutionIsShownOnlyAfterAPassAndResetKeepsABackup() throws {
        let refused = try fixture.run(["exercise", "solution", "exact-cache"], learner: "ken")
        XCTAssertEqual(refused.status, 1, refused.stdout + refused.stderr)
        XCTAssertTrue(refused.stderr.contains("after a pass or after 3 failed checks (0 so far)"), refused.stderr)
        XCTAssertEqual(refused.stdout, "")

        let store = try ProgressStore(path: fixture.database)
        let ken = try store.ensureLearner("ken")
        for _ in 0..<3 {
            _ = try store.recordExerciseResult(
                learner: ken, exerciseID: "exact-cache", passed: false, fileHash: "", failure: "x",
                decidingUnlocks: { _ in [] })
        }
        try store.close()
        let unconfirmed = try fixture.run(["exercise", "solution", "exact-cache"], learner: "ken")
        XCTAssertEqual(unconfirmed.status, 1, unconfirmed.stderr)
        XCTAssertTrue(unconfirmed.stderr.contains("pass --yes"), unconfirmed.stderr)
        let shown = try fixture.run(["exercise", "solution", "exact-cache", "--yes"], learner: "ken")
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertTrue(
            shown.stdout.contains("public static func key(for request: ChatRequest) -> String {"), shown.stdout)
        let reopened = try ProgressStore(path: fixture.database)
        XCTAssertEqual(
            try reopened.solutionShownCount(
                learner: try XCTUnwrap(reopened.learner(named: "ken")), exerciseID: "exact-cache"), 1)
        try reopened.close()

        try fixture.writeLearnerFile("// my work in progress\n")
        let reset = try fixture.run([
            "exercise", "reset", "exact-cache", "--yes", "--workspace", fixture.workspace.path,
        ])
        XCTAssertEqual(reset.status, 0, reset.stderr)
        XCTAssertEqual(
            try String(contentsOf: fixture.exactCacheFile, encoding: .utf8),
            try fixture.courseFile("starter/ExactCache.swift"))
        let backup = fixture.exactCacheFile.appendingPathExtension("bak")
        XCTAssertEqual(try String(contentsOf: backup, encoding: .utf8), "// my work in progress\n")
        try FileManager.default.removeItem(at: backup)
    }

    /// `--redis-url`: the Redis steps run against the real redis-server, which the checker inspects too.
    func testRedisURLRunsTheRedisStepsAgainstAnotherServer() throws {
        let redis = try ReferenceRedis.start()
        defer { redis.stop() }
        try fixture.writeLearnerFile(try fixture.courseFile("solution/ExactCache.swift"))
        let passing = try fixture.run(["check", "exact-cache", "--redis-url", "redis://127.0.0.1:\(redis.port)"])
        XCTAssertEqual(passing.status, 0, passing.stdout + passing.stderr)
        XCTAssertTrue(passing.stdout.contains("✓ a hit is served from Redis without calling the model"), passing.stdout)

        let noTTL = try fixture.courseFile("solution/ExactCache.swift")
            .replacingOccurrences(of: "[\"SETEX\", key, String(ttlSeconds), text]", with: "[\"SET\", key, text]")
        try fixture.writeLearnerFile(noTTL)
        let failing = try fixture.run(["check", "exact-cache", "--redis-url", "redis://127.0.0.1:\(redis.port)"])
        XCTAssertEqual(failing.status, 1, failing.stdout + failing.stderr)
        XCTAssertTrue(
            failing.stdout.contains("the key's TTL is wrong: expected 3600 s, got no TTL (-1)"), failing.stdout)
    }
}
