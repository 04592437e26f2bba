import Foundation
import XCTest

/// Course text and server replies never carry terminal control sequences to the learner's terminal, whatever
/// the colour setting: ESC sequences (screen clears, title changes), other C0 and C1 controls and bidi
/// overrides are removed by one sanitiser; lint reports them in course files with their position; `grade`
/// escapes a learner name's control characters.
final class TerminalSafetyEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "e2e-terminal" }

    private static let forbidden: [Unicode.Scalar] = ["\u{1B}", "\u{07}", "\u{9B}", "\u{202E}", "\u{2066}", "\u{08}"]

    private func assertClean(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for scalar in Self.forbidden where text.unicodeScalars.contains(scalar) {
            XCTFail("\(what) holds U+\(String(scalar.value, radix: 16, uppercase: true))", file: file, line: line)
        }
    }

    /// The fixture course with control sequences in a lesson page (raw bytes), a quiz prompt and option and a
    /// glossary definition (TOML escapes).
    private func hostileCourse() throws -> URL {
        let course = scratch.appendingPathComponent("course")
        try FileManager.default.copyItem(at: try ArchLabRunner.fixtures.appendingPathComponent("valid"), to: course)
        try edit(
            course.appendingPathComponent("Lessons/01-caching.md"),
            "Every call costs money.", "Every call \u{1B}[2J\u{1B}]0;pwned\u{07}costs \u{9B}31mmoney\u{202E}.")
        try edit(
            course.appendingPathComponent("Quizzes/01-caching.toml"),
            "What is the primary benefit", #"What is the \u001B[2Jprimary benefit"#)
        try edit(
            course.appendingPathComponent("Quizzes/01-caching.toml"),
            "text = \"More tokens\"", #"text = "More \u0008\u0008tokens\u2066""#)
        try edit(
            course.appendingPathComponent("Lessons/01-caching.md"),
            "title = \"Caching\"", #"title = "Cach\u001B]0;x\u0007ing""#)
        try edit(
            course.appendingPathComponent("Quizzes/02-limits.toml"),
            "example = \"Too Many Requests\"", #"example = "Too Many\u001B[2J Requests""#)
        try edit(
            course.appendingPathComponent("Lessons/glossary.toml"),
            "In-memory data store.", #"In-memory \u001B]0;owned\u0007data store."#)
        return course
    }

    private func edit(_ file: URL, _ old: String, _ new: String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(file.lastPathComponent) lacks \(old)")
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: file)
    }

    func testLintReportsControlCharactersWithTheirPosition() throws {
        let course = try hostileCourse()
        let output = try ArchLabRunner.run(["lint", "--course", course.path])
        XCTAssertEqual(output.status, 1, output.stdout)
        assertClean(output.stdout, "lint's output")
        for expected in [
            "Lessons/01-caching.md:15:12: error: control character U+001B (ESC)",
            "Quizzes/01-caching.toml:9:23: error: control character U+001B (ESC)",
            "Quizzes/01-caching.toml:18:16: error: control character U+0008",
            "Lessons/glossary.toml:3:25: error: control character U+001B (ESC)",
            "Lessons/01-caching.md:3:14: error: control character U+001B (ESC)",
            #"the `example` `Too Many\u{1B}[2J Requests` is not accepted"#,
        ] {
            XCTAssertTrue(output.stdout.contains(expected), "missing \(expected) in\n\(output.stdout)")
        }
    }

    func testTheREPLShowsNoControlSequencesEvenWithoutColour() throws {
        let course = try hostileCourse()
        for extra in [["--no-color"], []] {
            let session = try ReplProcess.run(
                [
                    "--course", course.path, "--db", scratch.appendingPathComponent("p.sqlite").path, "--learner",
                    "ada",
                    "--seed", "7",
                ] + extra,
                input: "open 1\nglossary Redis\nredis NOPE\u{1B}[2J\u{9B}1m\nquiz 1\n",
                environment: ["XDG_STATE_HOME": scratch.path])
            assertClean(session.stdout, "the REPL's output \(extra)")
            assertClean(session.stderr, "the REPL's errors \(extra)")
            XCTAssertTrue(session.stdout.contains("Every call costs money."), session.stdout)
            XCTAssertTrue(session.stdout.contains("In-memory data store."), session.stdout)
            XCTAssertTrue(session.stdout.contains("What is the primary benefit"), session.stdout)
            let everything = session.stdout + session.stderr
            XCTAssertTrue(everything.contains("unknown command 'NOPE'"), everything)
        }
    }

    func testProgressShowsCourseTitlesSanitised() throws {
        let course = try hostileCourse()
        let database = scratch.appendingPathComponent("p.sqlite").path
        _ = try ReplProcess.run(
            ["--course", course.path, "--db", database, "--learner", "ada"], input: "open 1\n",
            environment: ["XDG_STATE_HOME": scratch.path])
        let output = try ArchLabRunner.run(["progress", "--course", course.path, "--db", database, "--learner", "ada"])
        XCTAssertEqual(output.status, 0, output.stderr)
        assertClean(output.stdout, "progress's output")
        XCTAssertTrue(output.stdout.contains("Caching"), output.stdout)
    }

    func testGradeEscapesALearnerNameInTextOutput() throws {
        let answers = scratch.appendingPathComponent("eve.toml")
        try Data(#"learner = "eve\u001B[2J\u202E""#.utf8).write(to: answers)
        let output = try ArchLabRunner.run(
            ["grade", "--course", try ArchLabRunner.fixtures.appendingPathComponent("valid").path, answers.path])
        XCTAssertEqual(output.status, 1, output.stderr)
        assertClean(output.stdout, "grade's text output")
        XCTAssertTrue(output.stdout.contains(#"eve\u{1B}[2J\u{202E} ("#), output.stdout)
    }
}
