import Foundation
import TestSupport
import XCTest

/// Exercise 8 and the capstone through the built binary, in one workspace holding every exercise with its reference
/// solution: a `Retry-After` of 0 fails the named case; the capstone passes with the reference solutions and fails,
/// naming the reason, with a handler that skips the limiter; it refuses to run before every exercise is started.
final class ExerciseHandlerAndCapstoneEndToEndTests: XCTestCase {
    private static let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
        "handler-capstone-\(UUID().uuidString)")
    nonisolated(unsafe) private static var started = false

    /// Every exercise but the capstone, in course order.
    private static let exercises = [
        "cost-of-a-call", "exact-cache", "semantic-cache", "stream-cache", "identify-and-limit", "token-bucket",
        "sliding-window", "http-handler",
    ]

    override class func tearDown() {
        try? FileManager.default.removeItem(at: scratch)
        super.tearDown()
    }

    private var workspace: URL { Self.scratch.appendingPathComponent("server-swift") }
    private var handlerFile: URL { workspace.appendingPathComponent("Sources/ServerSwift/Handler.swift") }

    private func run(_ arguments: [String], learner: String = "ada") throws -> ProcessOutput {
        try ArchLabRunner.run(
            arguments + [
                "--course", ArchLabRunner.packageRoot.path, "--db",
                Self.scratch.appendingPathComponent("progress.sqlite").path, "--learner", learner,
            ],
            in: Self.scratch)
    }

    /// Starts every exercise and puts each one's reference solution in place, once per process.
    override func setUpWithError() throws {
        try super.setUpWithError()
        try XCTSkipIf(findExecutable("swift") == nil, "no swift on PATH")
        guard !Self.started else { return }
        try FileManager.default.createDirectory(at: Self.scratch, withIntermediateDirectories: true)
        for id in Self.exercises {
            let started = try run(["exercise", "start", id])
            XCTAssertEqual(started.status, 0, started.stdout + started.stderr)
        }
        let root = ArchLabRunner.packageRoot.appendingPathComponent("Exercises")
        let folders = try FileManager.default.contentsOfDirectory(atPath: root.path)
        for folder in folders where folder.first?.isNumber == true {
            let solution = root.appendingPathComponent(folder).appendingPathComponent("solution")
            for name in try FileManager.default.contentsOfDirectory(atPath: solution.path) {
                let target = workspace.appendingPathComponent("Sources/ServerSwift").appendingPathComponent(name)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: solution.appendingPathComponent(name), to: target)
            }
        }
        Self.started = true
    }

    private func writeHandler(bug: String?) throws {
        let source =
            try bug.map { try SharedFixtures.url("deliberate-bugs/\($0)/Handler.swift") }
            ?? ArchLabRunner.packageRoot.appendingPathComponent("Exercises/08-http-handler/solution/Handler.swift")
        try String(contentsOf: source, encoding: .utf8).write(to: handlerFile, atomically: false, encoding: .utf8)
    }

    func testARetryAfterOfZeroFailsTheAtLeastOneSecondCase() throws {
        try writeHandler(bug: "http-handler")
        let result = try run(["check", "http-handler", "--workspace", workspace.path])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(
            result.stdout.contains("  ✓ a refused request gets 429 and Retry-After in whole seconds, rounded up"),
            result.stdout)
        XCTAssertTrue(
            result.stdout.contains("  ✗ Retry-After is at least 1 s, even when the limit resets right now"),
            result.stdout)
        XCTAssertTrue(result.stdout.contains(#""Retry-After":"0""#), "what the code sent\n" + result.stdout)
        XCTAssertTrue(result.stdout.contains("hint:     A reset at (or before) `nowMs` rounds to 0 s"), result.stdout)
        XCTAssertTrue(
            result.stdout.contains("  ✓ a refused caller never reaches the caches or the model"),
            "the stage order is right: only the header fails\n" + result.stdout)
    }

    func testTheReferenceSolutionsPassTheCapstoneWithTheirCost() throws {
        try writeHandler(bug: nil)
        let started = Date()
        let result = try run(["check", "capstone", "--workspace", workspace.path])
        print("archlab check capstone (reference solutions): \(Date().timeIntervalSince(started)) s")
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(
            result.stdout.contains(
                "capstone: Capstone: your gateway on production traffic (Sources/ServerSwift/*.swift)"),
            result.stdout)
        XCTAssertTrue(
            result.stdout.contains(
                "  ✓ decisions and cache results match ArchLab's step 8 on the production traffic"),
            result.stdout)
        XCTAssertTrue(result.stdout.contains("  ✓ no request is served another tenant's answer"), result.stdout)
        XCTAssertTrue(result.stdout.contains("  ✓ no limited caller reaches the model"), result.stdout)
        XCTAssertTrue(result.stdout.contains("  Cost of the "), result.stdout)
        XCTAssertTrue(result.stdout.contains("baseline without caches or limits $"), result.stdout)
        XCTAssertTrue(result.stdout.contains("  passed: all 3 tests"), result.stdout)
        XCTAssertFalse(result.stdout.contains("http-handler:"), "the capstone runs alone\n" + result.stdout)
    }

    func testAHandlerThatSkipsTheLimiterFailsTheCapstoneNamingTheReason() throws {
        try writeHandler(bug: "capstone")
        let result = try run(["check", "capstone", "--workspace", workspace.path, "--format", "json"])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(
            result.stdout.contains(#""name": "no limited caller reaches the model", "status": "failed""#),
            result.stdout)
        XCTAssertTrue(
            result.stdout.contains("requests reached your model past the limiter; the first: "), result.stdout)
        XCTAssertTrue(
            result.stdout.contains(
                "it reached your model without being put to your limiter (ArchLab's limiter refuses it with 429)"),
            result.stdout)
        XCTAssertTrue(result.stdout.contains(#""summary": ["Cost of the "#), result.stdout)
    }

    func testTheCapstoneNamesTheExercisesNotStartedYet() throws {
        let other = Self.scratch.appendingPathComponent("other")
        let started = try run(["exercise", "start", "exact-cache", "--workspace", other.path], learner: "grace")
        XCTAssertEqual(started.status, 0, started.stdout + started.stderr)
        let result = try run(["check", "capstone", "--workspace", other.path], learner: "grace")
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(
            result.stderr.contains(
                "`capstone` runs your whole gateway, so it needs every exercise started; not started yet: "
                    + "cost-of-a-call, semantic-cache"),
            result.stderr)
        let start = try run(["exercise", "start", "capstone", "--workspace", other.path], learner: "grace")
        XCTAssertEqual(start.status, 2, start.stdout + start.stderr)
        XCTAssertTrue(start.stderr.contains("not started yet: cost-of-a-call"), start.stderr)
    }
}
