import Foundation
import XCTest

@testable import CourseKit

/// A System Check tied to no lesson (accepted when it unlocks a node), and the warning for quizzes where picking
/// the longest option is a winning strategy.
final class QuizLintTests: XCTestCase {
    private func single(_ id: String, right: String, wrong: [String]) -> String {
        var text = """

            [[question]]
            id = "\(id)"
            kind = "single"
            prompt = "Pick one."
            hints = ["Think."]
            explanation = "Because."
              [[question.option]]
              key = "a"
              text = "\(right)"
              correct = true

            """
        for (index, option) in wrong.enumerated() {
            text += """
                  [[question.option]]
                  key = "\(["b", "c", "d"][index])"
                  text = "\(option)"

                """
        }
        return text
    }

    private func quiz(id: String = "final", unlocks: String = "production", _ questions: [String]) -> String {
        "id = \"\(id)\"\ntitle = \"System Check: Final\"\nunlocks = \"\(unlocks)\"\npass = 0.5\n"
            + questions.joined()
    }

    private func lint(_ files: [String: String]) throws -> (Course, [LintFinding]) {
        let course = try Fixtures.copyOfValid()
        defer { try? FileManager.default.removeItem(at: course) }
        for (path, text) in files { try Fixtures.write(text, to: path, in: course) }
        let result = try CourseLoader.load(directory: course)
        return (result.course, result.findings)
    }

    func testAQuizWithNoLessonThatUnlocksANodeIsAcceptedAndRequiredByThatNode() throws {
        let text = quiz([single("one", right: "Short", wrong: ["Longer one", "Longest one"])])
        let (course, findings) = try lint(["Quizzes/final.toml": text])
        XCTAssertEqual(findings, [])
        XCTAssertEqual(course.quizzes.map(\.id), ["caching", "limits", "final"])
        XCTAssertEqual(course.quizzes(unlocking: "production").map(\.id), ["final"])
        let without = course.unlockedNodes(passedQuizzes: ["caching", "limits"], ranLabs: ["exact-cache"])
        XCTAssertFalse(without.contains("production"), "the node now needs the final check")
        let with = course.unlockedNodes(passedQuizzes: ["caching", "limits", "final"], ranLabs: ["exact-cache"])
        XCTAssertTrue(with.contains("production"))
    }

    func testAQuizWithNoLessonThatUnlocksNothingIsAnError() throws {
        let text = quiz(id: "orphan", unlocks: "", [single("one", right: "Short", wrong: ["Longer one"])])
        let (_, findings) = try lint(["Quizzes/orphan.toml": text])
        XCTAssertEqual(findings.map(\.code), ["orphan-quiz"])
        XCTAssertEqual(findings.first?.severity, .error)
        XCTAssertEqual(findings.first?.file, "Quizzes/orphan.toml")
        XCTAssertEqual(findings.first?.line, 3, "at `unlocks`")
    }

    func testMoreThanHalfWithTheRightOptionStrictlyLongestIsAWarning() throws {
        let text = quiz([
            single("one", right: "The long right answer", wrong: ["Short", "Shorter"]),
            single("two", right: "Another long right one", wrong: ["Wrong", "No"]),
            single("three", right: "Short", wrong: ["A longer wrong answer"]),
        ])
        let (_, findings) = try lint(["Quizzes/final.toml": text])
        XCTAssertEqual(findings.count, 1, "\(findings)")
        let finding = try XCTUnwrap(findings.first)
        XCTAssertEqual(finding.severity, .warning)
        XCTAssertEqual(finding.code, "longest-option-right")
        XCTAssertTrue(
            finding.description.hasPrefix(
                "Quizzes/final.toml:1:1: warning: quiz `final`: in 2 of its 3 single-choice questions the right "
                    + "option is the longest (`one`, `two`)"),
            finding.description)
        let summary = LintReport.render(findings, format: .text).split(separator: "\n").last
        XCTAssertEqual(summary, "lint: 0 errors, 1 warning")
    }

    func testHalfOrTiesAreNotWarnedAbout() throws {
        let half = quiz([
            single("one", right: "The long right answer", wrong: ["Short"]),
            single("two", right: "Short", wrong: ["A longer wrong answer"]),
        ])
        XCTAssertEqual(try lint(["Quizzes/final.toml": half]).1, [])
        let ties = quiz([single("one", right: "Same size", wrong: ["Size same", "Tiny"])])
        XCTAssertEqual(try lint(["Quizzes/final.toml": ties]).1, [])
    }

    func testTheShippedQuizzesDoNotRewardPickingTheLongestOption() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let course = try CourseLoader.load(directory: root).course
        let singles = course.quizzes.flatMap(\.questions).filter { $0.kind == .single }
        let longest = course.quizzes.flatMap(OptionLengthCheck.longestIsRight)
        XCTAssertGreaterThanOrEqual(singles.count, 20)
        XCTAssertLessThanOrEqual(longest.count * 4, singles.count, "at most a quarter: \(longest.map(\.id))")
        XCTAssertEqual(course.quiz(id: "final")?.unlocks, "production-backend")
        XCTAssertNil(course.lessons.first { $0.quiz == "final" }, "the final check belongs to no lesson")
    }
}
