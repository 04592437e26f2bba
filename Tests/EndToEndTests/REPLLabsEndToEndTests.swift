import CourseKit
import Foundation
import ProgressStore
import SeededRandom
import TestSupport
import XCTest

/// The REPL's lab commands through the built binary, with a scripted standard input and the
/// shipped course; the lexical embedder (no model installed in the temporary cache directory).
final class REPLLabsEndToEndTests: XCTestCase {
    private var home: URL!

    override func setUpWithError() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("repl-labs-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: home)
    }

    func testLessonTwoQuizThenRunUnlocksRedisLab() throws {
        try passExercises(["cost-of-a-call", "exact-cache"])
        let course = try CourseLoader.load(directory: ArchLabRunner.packageRoot).course
        var generator = SplitMix64(seed: 11)
        var script = ["open 1", "quiz"] + answers(course, quiz: "cost-of-every-call", seed: generator.next())
        script += ["run requests=200"]  // labs gate progress: Cost Model needs lesson 1's lab too
        script += ["open 2", "quiz"] + answers(course, quiz: "exact-caching", seed: generator.next())
        script += ["run", "code"]
        let output = try repl(script, seed: 11)
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertTrue(output.stdout.contains("NODE UNLOCKED: Exact Cache"), output.stdout)
        XCTAssertTrue(output.stdout.contains("NODE UNLOCKED: Redis Lab"), output.stdout)
        let labUnlock = try XCTUnwrap(output.stdout.range(of: "NODE UNLOCKED: Redis Lab"))
        let runReport = try XCTUnwrap(output.stdout.range(of: "exact-cache"))
        XCTAssertLessThan(runReport.lowerBound, labUnlock.lowerBound, "the unlock follows the run's report")
        XCTAssertTrue(output.stdout.contains("server.swift — step 2"), "`code` shows the step's code")

        let again = try repl(["run exact-cache requests=100"], seed: 11)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertFalse(again.stdout.contains("NODE UNLOCKED"), "progress persisted: nothing new to unlock")
    }

    func testBurstUsesTheCurrentLessonsLimiter() throws {
        try passExercises(["cost-of-a-call", "identify-and-limit", "token-bucket"])
        let course = try CourseLoader.load(directory: ArchLabRunner.packageRoot).course
        var generator = SplitMix64(seed: 5)
        var script = ["open 1", "quiz"] + answers(course, quiz: "cost-of-every-call", seed: generator.next())
        script += ["run requests=200", "open 5", "quiz"]
        script += answers(course, quiz: "why-rate-limit", seed: generator.next())
        script += ["run requests=200", "open 6", "burst 15", "quiz"]
        script += answers(course, quiz: "token-bucket", seed: generator.next()) + ["run requests=200"]
        script += ["open 7", "burst 7"]
        let output = try repl(script, seed: 5)
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertTrue(
            output.stdout.contains("15 requests for key `learner` to token-bucket, 10 per 1m:"), output.stdout)
        XCTAssertTrue(output.stdout.contains("allowed 10, rejected with 429: 5"), output.stdout)
        XCTAssertTrue(
            output.stdout.contains("7 requests for key `learner` to sliding-window, 5 per 10 s:"), output.stdout)
        XCTAssertTrue(output.stdout.contains("allowed 5, rejected with 429: 2"), output.stdout)
    }

    func testRedisLimitAndSimilarThroughTheBinary() throws {
        let output = try repl([
            "redis SET k v",
            "redis GET k",
            "redis TTL k",
            "redis GET missing",
            "limit simulate --algorithm all --limit 5 --window 10s --traffic \"burst 10 at 9.9s\"",
            "similar \"What is the capital of France?\" \"What is the capital of Germany?\"",
            "semantic threshold 0.5",
            "similar \"What is the capital of France?\" \"What is the capital of Germany?\"",
        ])
        XCTAssertEqual(output.status, 0, output.stderr)
        let lines = output.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("OK"))
        XCTAssertTrue(lines.contains("\"v\""))
        XCTAssertTrue(lines.contains("(integer) -1"))
        XCTAssertTrue(lines.contains("(nil)"))
        XCTAssertTrue(output.stdout.contains("sliding-log"), output.stdout)
        XCTAssertTrue(output.stdout.contains("cosine similarity (lexical)"), output.stdout)
        XCTAssertTrue(output.stdout.contains("MISS at threshold 0.95"), output.stdout)
        XCTAssertTrue(output.stdout.contains("HIT at threshold 0.50"), output.stdout)
    }

    func testLessonEightServeAndFire() throws {
        let output = try repl([
            "serve start --step 8 --port 0 --latency-scale 0 --limit \"5 per 1h\"",
            "fire 7",
            "fire 2 --key guess",
            "serve stop",
        ])
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertTrue(output.stdout.contains("X-Cache: MISS"), output.stdout)
        XCTAssertTrue(output.stdout.contains("X-Cache: HIT-EXACT"), output.stdout)
        XCTAssertTrue(output.stdout.contains("429 Too Many Requests   Retry-After: "), output.stdout)
        XCTAssertTrue(output.stdout.contains("200: 5, 429: 2"), output.stdout)
        XCTAssertTrue(output.stdout.contains("401 Unauthorized        RateLimit-Remaining: 9"), output.stdout)
        XCTAssertTrue(output.stdout.contains("401: 2"), output.stdout)
        let key = try XCTUnwrap(output.stdout.firstMatch(of: /sk-lesson-[0-9a-f]{32}/)?.output, output.stdout)
        XCTAssertEqual(output.stdout.components(separatedBy: key).count, 2, "the lesson key is printed once")
        let again = try repl(["serve start --port 0 --latency-scale 0", "serve stop"])
        XCTAssertTrue(again.stdout.contains(String(key)), "the same --seed, the same lesson key")
    }

    func testServeStartTakesAStepAndSaysWhatItServes() throws {
        let output = try repl([
            "serve start 2 --port 0 --latency-scale 0",
            "fire 3",
            "serve status",
            "serve stop",
            "serve start 6 --port 0 --latency-scale 0 --limit \"2 per 1h\"",
            "fire 3",
            "serve stop",
            "serve start --port 0 --latency-scale 0",
            "serve stop",
        ])
        XCTAssertEqual(output.status, 0, output.stderr)
        let lines = output.stdout.replacingOccurrences(of: "\n  ", with: " ").split(separator: "\n").map(String.init)
        let started = lines.filter { $0.hasPrefix("Serving server.swift step") }
        XCTAssertEqual(started.count, 3, output.stdout)
        XCTAssertTrue(started[0].hasPrefix("Serving server.swift step 2 on http://127.0.0.1:"), output.stdout)
        XCTAssertTrue(
            started[0].hasSuffix(": the exact cache, in your Redis; no rate limit. Try `fire 3`."), output.stdout)
        XCTAssertTrue(output.stdout.contains("X-Cache: HIT-EXACT"), output.stdout)
        XCTAssertTrue(output.stdout.contains("200: 3\n"), output.stdout)
        XCTAssertTrue(
            lines.contains {
                $0.hasPrefix("serving server.swift step 2 on http://127.0.0.1:") && $0.hasSuffix("no rate limit.")
            }, output.stdout)
        XCTAssertTrue(started[1].hasPrefix("Serving server.swift step 6 on http://127.0.0.1:"), output.stdout)
        XCTAssertTrue(
            started[1].hasSuffix(
                """
                    : a limit of 2 per 1h per API key (token-bucket), then the exact and semantic caches, streamed \
                    answers cached too. Try `fire 7`.
                    """
            ),
            output.stdout)
        XCTAssertTrue(output.stdout.contains("200: 2, 429: 1"), output.stdout)
        XCTAssertTrue(
            started[2].hasPrefix(
                "Serving server.swift step 8 (the finished server of lesson 8; `serve start N` serves step N) on"),
            output.stdout)
    }

    func testServersLeftRunningStopWhenTheSessionEnds() throws {
        let output = try repl(["redis-server start 0", "serve start --port 0 --latency-scale 0", "fire 1"])
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertTrue(output.stdout.contains("200: 1"), output.stdout)
    }

    func testLimitSimulateInTheReplPrintsWhatTheCommandLinePrints() throws {
        let flags = [
            "--algorithm", "all", "--limit", "5", "--window", "10s", "--traffic", "burst 10 at 9.9s; burst 10 at 10.1s",
        ]
        let cli = try shell(#""$ARCHLAB" limit simulate "$@""#, arguments: flags)
        XCTAssertEqual(cli.status, 0, cli.stderr)
        let repl = try repl([
            "limit simulate " + flags.map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: " ")
        ])
        XCTAssertEqual(repl.status, 0, repl.stderr)
        XCTAssertTrue(repl.stdout.contains(cli.stdout), "REPL:\n\(repl.stdout)\nCLI:\n\(cli.stdout)")
    }

    func testErrorsGoToStandardErrorAndFailTheScript() throws {
        let output = try repl(["redis", "run nosuch", "burst 5", "similar one", "redis GET still-works"])
        XCTAssertEqual(output.status, 1)
        XCTAssertTrue(output.stderr.contains("Usage: redis <command>"), output.stderr)
        XCTAssertTrue(output.stderr.contains("nosuch"), output.stderr)
        XCTAssertTrue(output.stderr.contains("no rate limiter"), output.stderr)
        XCTAssertTrue(output.stderr.contains("exactly two texts"), output.stderr)
        XCTAssertTrue(output.stdout.contains("(nil)"), "later commands still run")
    }

    func testRedisServerServesTheSessionKeyspaceToRedisCli() throws {
        try requireTool(
            FileManager.default.isExecutableFile(atPath: "/usr/bin/redis-cli"), "redis-cli is not installed")
        let port = try freePort()
        let cli = "/usr/bin/redis-cli -p \(port)"
        // The REPL reads its script from a pipe; `redis-cli` runs from the shell in between.
        let output = try shell(
            """
            { echo 'redis SET fromrepl hello'; echo 'redis-server start \(port)'; \
              for i in $(seq 1 150); do \(cli) PING >/dev/null 2>&1 && break; sleep 0.2; done; \
              \(cli) GET fromrepl >&2; \(cli) SET fromcli yes >/dev/null; \
              echo 'redis GET fromcli'; echo 'redis-server stop'; } | "$ARCHLAB" --course "$COURSE"
            """)
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertTrue(output.stderr.contains("hello"), output.stderr)
        XCTAssertTrue(output.stdout.contains("\"yes\""), output.stdout)
        XCTAssertTrue(output.stdout.contains("redis-server stopped"), output.stdout)
    }

    private func answers(_ course: Course, quiz id: String, seed: UInt64) -> [String] {
        course.quiz(id: id).map { TypedAnswers.right($0, seed: seed) } ?? []
    }

    private var environment: [String: String] {
        [
            "ARCHLAB_DB": home.appendingPathComponent("progress.sqlite").path,
            "XDG_CACHE_HOME": home.appendingPathComponent("cache").path,
            "XDG_STATE_HOME": home.appendingPathComponent("state").path,
            "HOME": home.path,
            "NO_COLOR": "1",
        ]
    }

    /// Runs `archlab --learner ada` with `lines` on standard input.
    /// Records passed `archlab check`s for ada, as if she had written these exercises from the shell: the nodes
    /// that require them then unlock with their System Checks.
    private func passExercises(_ ids: [String]) throws {
        let store = try ProgressStore(path: home.appendingPathComponent("progress.sqlite").path)
        let ada = try store.ensureLearner("ada")
        for id in ids {
            _ = try store.recordExerciseResult(
                learner: ada, exerciseID: id, passed: true, fileHash: "", failure: nil, decidingUnlocks: { _ in [] })
        }
        try store.close()
    }

    private func repl(_ lines: [String], seed: UInt64 = 1) throws -> ArchLabRunner.Output {
        let script = home.appendingPathComponent("script.txt")
        try (lines.joined(separator: "\n") + "\n").write(to: script, atomically: true, encoding: .utf8)
        return try shell(
            #""$ARCHLAB" --course "$COURSE" --learner ada --seed \#(seed) < "$SCRIPT""#, extra: ["SCRIPT": script.path])
    }

    private func shell(
        _ command: String, arguments: [String] = [], extra: [String: String] = [:]
    ) throws -> ArchLabRunner.Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command, "sh"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["ARCHLAB_COURSE"] = nil
        for (key, value) in environment.merging(extra, uniquingKeysWith: { $1 }) { env[key] = value }
        env["ARCHLAB"] = try ArchLabRunner.binary.path
        env["COURSE"] = ArchLabRunner.packageRoot.path
        process.environment = env
        return try ArchLabRunner.capture(process)
    }
}
