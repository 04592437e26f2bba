import Foundation
import XCTest

/// `accept_regex` patterns that backtrack catastrophically: lint names the nested quantifier with its
/// position, and grading stops a pattern lint cannot see through after a step budget, scoring the answer 0
/// and saying why, instead of spending seconds per answers file.
final class RegexBudgetEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "e2e-regex" }

    /// A copy of the fixture course whose `status` question accepts `patterns` (TOML literal strings).
    private func course(patterns: [String]) throws -> URL {
        let course = scratch.appendingPathComponent("course")
        try FileManager.default.copyItem(at: try ArchLabRunner.fixtures.appendingPathComponent("valid"), to: course)
        let quiz = course.appendingPathComponent("Quizzes/02-limits.toml")
        let text = try String(contentsOf: quiz, encoding: .utf8)
        let list = patterns.map { "'\($0)'" }.joined(separator: ", ")
        let edited = text.replacingOccurrences(
            of: "accept_regex = [\"Too Many Requests\"]", with: "accept_regex = [\"Too Many Requests\", \(list)]")
        XCTAssertNotEqual(edited, text)
        try Data(edited.utf8).write(to: quiz)
        return course
    }

    func testLintReportsNestedQuantifiersWithTheirPosition() throws {
        let course = try course(patterns: ["^(a+)+$", "(a*)*b", "(a|aa)+c", "(x+x+)+y"])
        let output = try ArchLabRunner.run(["lint", "--course", course.path])
        XCTAssertEqual(output.status, 1, output.stdout)
        for pattern in ["^(a+)+$", "(a*)*b", "(a|aa)+c", "(x+x+)+y"] {
            let expected = "Quizzes/02-limits.toml:41:1: error: question `status`: `accept_regex` entry `\(pattern)`"
            XCTAssertTrue(output.stdout.contains(expected), output.stdout)
        }
        XCTAssertTrue(output.stdout.contains("backtrack"), output.stdout)
        let valid = try ArchLabRunner.fixtures.appendingPathComponent("valid").path
        let clean = try ArchLabRunner.run(["lint", "--course", valid])
        XCTAssertEqual(clean.status, 0, clean.stdout)
    }

    func testAPathologicalMatchIsStoppedScoresZeroAndSaysWhy() throws {
        // Overlapping classes under one quantifier: not a nested quantifier, so lint lets it through.
        let course = try course(patterns: [#"(\w|\d)+!"#])
        XCTAssertEqual(try ArchLabRunner.run(["lint", "--course", course.path]).status, 0)
        let answers = scratch.appendingPathComponent("answers.toml")
        let crafted = String(repeating: "1", count: 22)
        try Data("learner = \"mallory\"\n[quiz.limits]\nstatus = \"\(crafted)\"\n".utf8).write(to: answers)
        let output = try ArchLabRunner.run(["grade", "--course", course.path, "--quiz", "limits", answers.path])
        XCTAssertEqual(output.status, 1, output.stderr)
        XCTAssertTrue(
            output.stdout.contains("status: scored 0 of 1: `accept_regex` entry `(\\w|\\d)+!` was stopped"),
            output.stdout)
    }
}
