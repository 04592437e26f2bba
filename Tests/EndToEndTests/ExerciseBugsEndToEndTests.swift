import Foundation
import TestSupport
import XCTest

/// One deliberate bug per exercise (TestSupport's `Fixtures/deliberate-bugs/<exercise>/`: copies of the solutions
/// with one mistake each), checked through the built binary in one workspace holding exercises 1 to 4: `archlab check`
/// fails, and the output names the case that catches the bug with a message saying what went wrong. And the issue's
/// promise for lesson 1: dollars computed in `Double` (CostInDouble.swift) pass, rounded to the cent.
final class ExerciseBugsEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "exercise-bugs" }

    private var workspace: URL { scratch.appendingPathComponent("server-swift") }

    private func run(_ arguments: [String]) throws -> ProcessOutput {
        try ArchLabRunner.run(
            arguments + [
                "--course", ArchLabRunner.packageRoot.path, "--db",
                scratch.appendingPathComponent("progress.sqlite").path, "--learner", "ada",
            ],
            in: scratch)
    }

    /// Writes the fixture `fixture` over the learner's file `file` and checks exercise `id`.
    private func check(
        _ file: String, from fixture: String? = nil, exercise id: String, status: Int32 = 1
    ) throws -> ProcessOutput {
        let bug = try SharedFixtures.url("deliberate-bugs/\(id)/\(fixture ?? file)")
        let text = try String(contentsOf: bug, encoding: .utf8)
        try text.write(
            to: workspace.appendingPathComponent("Sources/ServerSwift/" + file), atomically: false, encoding: .utf8)
        let result = try run(["check", id, "--workspace", workspace.path])
        XCTAssertEqual(result.status, status, result.stdout + result.stderr)
        return result
    }

    /// The lines of the failure of `test`: its `✗` line and the indented lines after it.
    private func failure(of test: String, in output: String) -> [String] {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "  ✗ " + test) else { return [] }
        return Array(lines[start...].prefix { $0 == lines[start] || $0.hasPrefix("      ") })
    }

    func testEachDeliberateBugFailsTheCaseThatNamesIt() throws {
        try XCTSkipIf(findExecutable("swift") == nil, "no swift on PATH")
        for id in ["cost-of-a-call", "exact-cache", "semantic-cache", "stream-cache"] {
            let started = try run(["exercise", "start", id, "--workspace", workspace.path])
            XCTAssertEqual(started.status, 0, started.stdout + started.stderr)
        }

        let cost = try check("Cost.swift", exercise: "cost-of-a-call")
        let centCase = failure(
            of: "a month is exact to the cent: $112.50, where Double says 112.49999999999999", in: cost.stdout)
        XCTAssertTrue(centCase.contains { $0.contains(#"expected: {"dollars":"112.50"}"#) }, cost.stdout)
        XCTAssertTrue(centCase.contains { $0.contains(#"got:      {"dollars":"112.49"}"#) }, cost.stdout)
        XCTAssertTrue(cost.stdout.contains("  ✓ a month with a 40 % cache hit rate bills only the 60 % misses"))
        XCTAssertTrue(
            cost.stdout.contains("  ✓ one call: input and output tokens, each at its own price per million"),
            "Double is close enough for one call: \(cost.stdout)")
        let double = try check("Cost.swift", from: "CostInDouble.swift", exercise: "cost-of-a-call", status: 0)
        XCTAssertTrue(
            double.stdout.contains("passed: all 9 tests"), "Double rounded to the cent passes: \(double.stdout)")

        let key = try check("ExactCache.swift", exercise: "exact-cache")
        let tenantCase = failure(of: "the key covers tenant, model, system prompt and parameters", in: key.stdout)
        XCTAssertTrue(tenantCase.contains { $0.contains("expected \"llm:exact:") }, key.stdout)

        let semantic = try check("SemanticCache.swift", exercise: "semantic-cache")
        let sharing = failure(of: "tenants never share entries", in: semantic.stdout)
        XCTAssertTrue(
            sharing.contains { $0.contains(#"expected: {"hit":false}"#) }
                && sharing.contains { $0.contains(#""answer":"Acme refunds within 30 days.""#) },
            semantic.stdout)
        XCTAssertTrue(sharing.contains { $0.contains(#""tenant":"globex""#) }, semantic.stdout)
        XCTAssertTrue(semantic.stdout.contains("  ✓ a near-duplicate about another order number is a miss"))

        let stream = try check("StreamCache.swift", exercise: "stream-cache")
        let aborted = failure(of: "a stream the model aborts is never stored", in: stream.stdout)
        XCTAssertTrue(aborted.contains { $0.contains(#""stored":true"#) }, stream.stdout)
        XCTAssertTrue(
            aborted.contains { $0.contains("hint:     `forward` returned nil: do not SETEX.") }, stream.stdout)
        XCTAssertTrue(stream.stdout.contains("  ✓ a complete stream is stored with SETEX and a TTL of 3600 s"))
    }
}
