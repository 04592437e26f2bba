import Foundation
import TestSupport
import XCTest

/// A solution with one deliberate bug (a copy in TestSupport's `Fixtures/deliberate-bugs/<exercise>/`) fails
/// `archlab check` through the built binary, at the named case that tests the rule, with what was expected, what
/// the code returned and the hint. One workspace holds the three exercises, so the learner's package builds cold once.
final class ExerciseDeliberateBugEndToEndTests: XCTestCase {
    private static let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
        "deliberate-bugs-\(UUID().uuidString)")
    nonisolated(unsafe) private static var started = false

    override class func tearDown() {
        try? FileManager.default.removeItem(at: scratch)
        super.tearDown()
    }

    private var workspace: URL { Self.scratch.appendingPathComponent("server-swift") }

    private func run(_ arguments: [String]) throws -> ProcessOutput {
        try ArchLabRunner.run(
            arguments + [
                "--course", ArchLabRunner.packageRoot.path, "--db",
                Self.scratch.appendingPathComponent("progress.sqlite").path, "--learner", "ada",
            ],
            in: Self.scratch)
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        try XCTSkipIf(findExecutable("swift") == nil, "no swift on PATH")
        guard !Self.started else { return }
        try FileManager.default.createDirectory(at: Self.scratch, withIntermediateDirectories: true)
        for id in ["identify-and-limit", "token-bucket", "sliding-window"] {
            let started = try run(["exercise", "start", id])
            XCTAssertEqual(started.status, 0, started.stdout + started.stderr)
        }
        Self.started = true
    }

    /// Writes the buggy copy of `file` as the learner's file and checks exercise `id`.
    private func checkBuggy(_ id: String, _ file: String) throws -> ProcessOutput {
        let buggy = try SharedFixtures.url("deliberate-bugs/\(id)/\(file)")
        try String(contentsOf: buggy, encoding: .utf8).write(
            to: workspace.appendingPathComponent("Sources/ServerSwift/\(file)"), atomically: false, encoding: .utf8)
        return try run(["check", id, "--workspace", workspace.path])
    }

    func testForwardedForTrustedFromAnyPeerFailsTheUntrustedPeerCase() throws {
        let result = try checkBuggy("identify-and-limit", "Identify.swift")
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(
            result.stdout.contains("  ✓ an API key is the caller, whatever the addresses say"), result.stdout)
        XCTAssertTrue(
            result.stdout.contains("  ✗ X-Forwarded-For from a peer that is not a trusted proxy is ignored"),
            result.stdout)
        XCTAssertTrue(result.stdout.contains(#"expected: "ip:192.0.2.44""#), result.stdout)
        XCTAssertTrue(result.stdout.contains(#"got:      "ip:1.2.3.4""#), result.stdout)
        XCTAssertTrue(result.stdout.contains("hint:     Anyone can write `X-Forwarded-For: 1.2.3.4`"), result.stdout)
        XCTAssertTrue(
            result.stdout.contains("  ✓ a fixed window admits limit requests, then refuses until it ends"),
            "the fixed window is right: only the identity fails\n" + result.stdout)
    }

    func testARefusedRequestConsumingATokenFailsTheRefusedRequestCase() throws {
        let result = try checkBuggy("token-bucket", "TokenBucket.swift")
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("  ✓ a full bucket admits a burst of capacity requests"), result.stdout)
        XCTAssertTrue(result.stdout.contains("  ✗ a refused request does not consume a token"), result.stdout)
        XCTAssertTrue(result.stdout.contains(#""now_ms":1001000"#), "the input of the failing step\n" + result.stdout)
        XCTAssertTrue(result.stdout.contains(#"expected: {"allowed":true,"remaining":0}"#), result.stdout)
        XCTAssertTrue(result.stdout.contains(#"got:      {"allowed":false,"#), result.stdout)
        XCTAssertTrue(result.stdout.contains("hint:     With no token left, refuse and change nothing"), result.stdout)
    }

    func testAnOffByOneInTheWindowFailsTheBoundaryCase() throws {
        let result = try checkBuggy("sliding-window", "SlidingWindow.swift")
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("  ✓ a first window admits limit requests, then refuses"), result.stdout)
        XCTAssertTrue(
            result.stdout.contains("  ✗ exactly at the window boundary the previous window still counts in full"),
            result.stdout)
        XCTAssertTrue(
            result.stdout.contains(#"expected: {"allowed":false,"remaining":0,"reset_ms":1000020000}"#), result.stdout)
        XCTAssertTrue(
            result.stdout.contains(#""reset_ms":1000010000}"#), "the code's window ends 10 s early\n" + result.stdout)
        XCTAssertTrue(
            result.stdout.contains("  ✗ a request exactly at a window's start belongs to the new window"),
            result.stdout)
    }
}
