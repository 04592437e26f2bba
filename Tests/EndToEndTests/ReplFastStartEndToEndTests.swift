import Foundation
import XCTest

/// `archlab` with only the REPL's options skips swift-argument-parser at start-up; `archlab learn` with the same
/// options always goes through it. Both must give the learner the same session, errors included.
final class ReplFastStartEndToEndTests: XCTestCase {
    private let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
        "fast-start-\(UUID().uuidString)")

    override func setUpWithError() throws {
        for side in ["fast", "full"] {
            try FileManager.default.createDirectory(
                at: scratch.appendingPathComponent(side), withIntermediateDirectories: true)
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Runs `archlab <arguments>` and `archlab learn <arguments>`, each with its own progress database
    /// (`@DB@` in `arguments` stands for it), and asserts the same status, output and errors.
    private func assertSameSession(
        _ arguments: [String], script: [String], file: StaticString = #filePath, line: UInt = #line
    ) throws {
        var outputs: [ArchLabRunner.Output] = []
        for (side, prefix) in [("fast", [String]()), ("full", ["learn"])] {
            let database = scratch.appendingPathComponent(side).appendingPathComponent("progress.sqlite").path
            let resolved = arguments.map { $0.replacingOccurrences(of: "@DB@", with: database) }
            outputs.append(
                try ReplProcess.run(
                    prefix + resolved, input: script.map { $0 + "\n" }.joined(),
                    environment: ["XDG_STATE_HOME": scratch.appendingPathComponent(side).path]))
        }
        XCTAssertEqual(outputs[0].status, outputs[1].status, "status", file: file, line: line)
        XCTAssertEqual(outputs[0].stdout, outputs[1].stdout, "stdout", file: file, line: line)
        XCTAssertEqual(outputs[0].stderr, outputs[1].stderr, "stderr", file: file, line: line)
    }

    private var course: String { ArchLabRunner.packageRoot.path }

    func testTheSameSessionWithSeparateAndJoinedValues() throws {
        let script = ["lessons", "open 1", "next", "progress", "quiz", "quit"]
        try assertSameSession(
            ["--course", course, "--db", "@DB@", "--learner", "ada", "--seed", "7", "--no-color"], script: script)
        try assertSameSession(["--course=\(course)", "--db=@DB@", "--learner=ada", "--seed=7"], script: script)
        try assertSameSession(
            ["--no-color", "--seed", "18446744073709551615", "--learner", "bo", "--db", "@DB@", "--course", course],
            script: ["open 2", "exit"])
    }

    func testTheSameErrorsForAnUnusableCourseLearnerOrDatabase() throws {
        let missing = scratch.appendingPathComponent("no-course").path
        try assertSameSession(["--course", missing, "--db", "@DB@", "--learner", "ada"], script: ["quit"])
        try assertSameSession(["--course", course, "--db", "@DB@", "--learner", "a\u{1}b"], script: ["quit"])
        try assertSameSession(["--course", course, "--db", scratch.path, "--learner", "ada"], script: ["quit"])
    }
}
