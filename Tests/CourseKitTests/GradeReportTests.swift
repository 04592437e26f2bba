import Foundation
import JSONText
import TestSupport
import XCTest

@testable import CourseKit

#if canImport(FoundationXML)
import FoundationXML
#endif

final class GradeReportTests: XCTestCase {
    private func answers(_ names: [String], course: Course) throws -> [AnswersFile] {
        try names.map { name in
            let path = "answers/\(name).toml"
            return try AnswersFile.read(path: path, url: try Fixtures.root.appendingPathComponent(path), course: course)
        }
    }

    private func report(
        _ names: [String] = ["perfect", "empty", "partial"], quizIDs: [String] = [], minScore: Double? = nil
    ) throws -> GradeReport {
        let course = try Fixtures.loadValid()
        return GradeReport.grade(
            try answers(names, course: course), course: course, quizIDs: quizIDs, minScore: minScore)
    }

    private func golden(_ name: String) throws -> String {
        try String(contentsOf: try Fixtures.root.appendingPathComponent("golden/\(name)"), encoding: .utf8)
    }

    func testPerfectFilePassesWithFullMarksAndEmptyFileFailsWithZero() throws {
        let graded = try report()
        let perfect = graded.files[0]
        XCTAssertEqual(perfect.learner, "ada")
        XCTAssertEqual(perfect.score, 8.5)
        XCTAssertEqual(perfect.maxScore, 8.5)
        XCTAssertTrue(perfect.passed(minScore: nil))
        let empty = graded.files[1]
        XCTAssertEqual(empty.score, 0)
        XCTAssertFalse(empty.passed(minScore: nil))
        XCTAssertTrue(empty.quizzes.flatMap(\.questions).allSatisfy { !$0.answered })
        XCTAssertFalse(graded.passed)
    }

    func testPartialCreditAndPerQuizPassMarks() throws {
        let partial = try report(["partial"]).files[0]
        let caching = partial.quizzes[0]
        XCTAssertEqual(caching.questions.map(\.points), [0, 1, 0, 0])
        XCTAssertFalse(caching.passed)
        let limits = partial.quizzes[1]
        XCTAssertEqual(limits.questions[0].points, 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(limits.questions[1].points, 1.5, "2.05 is within the 0.1 tolerance of 2")
        XCTAssertTrue(limits.passed)
        XCTAssertFalse(partial.passed(minScore: nil))
        XCTAssertTrue(partial.passed(minScore: 0.3))
        XCTAssertFalse(partial.passed(minScore: 0.5))
    }

    func testQuizSelectionGradesOnlyTheChosenQuizzes() throws {
        let graded = try report(["partial"], quizIDs: ["limits"])
        XCTAssertEqual(graded.files[0].quizzes.map(\.quizID), ["limits"])
        XCTAssertTrue(graded.passed)
    }

    func testGoldenOutputForEveryFormat() throws {
        let graded = try report()
        XCTAssertEqual(graded.renderText() + "\n", try golden("grade.txt"))
        XCTAssertEqual(graded.renderJSON() + "\n", try golden("grade.json"))
        XCTAssertEqual(graded.renderJUnit() + "\n", try golden("grade.xml"))
        XCTAssertEqual(graded.renderTAP() + "\n", try golden("grade.tap"))
        XCTAssertEqual(try report().renderJUnit(), graded.renderJUnit(), "identical input, identical output")
    }

    func testJSONHasTheDocumentedFields() throws {
        let json = try report().renderJSON()
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(document["version"] as? Int, 3)
        XCTAssertEqual(document["status"] as? String, "fail")
        XCTAssertEqual(document["max_score"] as? Double, 25.5)
        let tests = try XCTUnwrap(document["tests"] as? [[String: Any]])
        XCTAssertEqual(tests.count, 21)
        XCTAssertEqual(tests[0]["name"] as? String, "ada/caching/benefit")
        XCTAssertEqual(tests[0]["status"] as? String, "pass")
        XCTAssertTrue(tests[0]["message"] is NSNull)
        let wrong = try XCTUnwrap(tests.first { $0["name"] as? String == "cy/caching/benefit" })
        XCTAssertEqual(wrong["status"] as? String, "fail")
        XCTAssertEqual(wrong["message"] as? String, "scored 0 of 1: Caching does not change tokens.")
        XCTAssertEqual(wrong["score"] as? Double, 0)
        XCTAssertEqual(wrong["max_score"] as? Double, 1)
    }

    func testJUnitValidatesAgainstTheSchema() throws {
        let xmllint = URL(fileURLWithPath: "/usr/bin/xmllint")
        try requireTool(
            FileManager.default.isExecutableFile(atPath: xmllint.path),
            "xmllint is not installed (apt-get install libxml2-utils)")
        let report = try report()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("grade-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(report.renderJUnit().utf8).write(to: file)
        let process = Process()
        process.executableURL = xmllint
        process.arguments = [
            "--noout", "--schema", try Fixtures.root.appendingPathComponent("junit.xsd").path, file.path,
        ]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, message)
    }

    func testMalformedAnswersFilesNameTheirLocation() throws {
        let course = try Fixtures.loadValid()
        let expected: [(String, String)] = [
            ("syntax-error", "answers/syntax-error.toml:4:13: error: TOML syntax error"),
            ("unknown-quiz", "answers/unknown-quiz.toml:6:1: error: unknown quiz `semantic`"),
            (
                "unknown-question",
                "answers/unknown-question.toml:5:1: error: unknown question `retry-after` in quiz `limits`"
            ),
            ("wrong-shape", "answers/wrong-shape.toml:4:1: error: `benefit` needs one option key"),
            ("no-learner", "answers/no-learner.toml:1:1: error: missing field `learner`"),
            ("missing", "answers/missing.toml: error: file not found"),
        ]
        for (name, prefix) in expected {
            XCTAssertThrowsError(try answers([name], course: course), name) { error in
                XCTAssertTrue("\(error)".hasPrefix(prefix), "\(error)")
            }
        }
    }

    func testTemplateIsAnAnswersFileThatScoresZero() throws {
        let course = try Fixtures.loadValid()
        let template = AnswersTemplate.render(quizzes: course.quizzes, course: course)
        XCTAssertEqual(template, try golden("template.toml"))
        let parsed = try AnswersFile.parse(text: template, path: "template.toml", course: course)
        XCTAssertEqual(parsed.responses.keys.sorted(), ["caching", "limits"])
        let graded = GradeReport.grade([parsed], course: course, quizIDs: [], minScore: nil)
        XCTAssertEqual(graded.files[0].score, 0)
        XCTAssertTrue(graded.files[0].quizzes.flatMap(\.questions).allSatisfy { !$0.answered })
        XCTAssertFalse(template.contains("correct"), "the template must not reveal answers")
    }
}

final class EscapingTests: XCTestCase {
    /// Escaped strings parse back to the original with Foundation's JSON parser.
    func testJSONStringsRoundTripThroughJSONSerialization() throws {
        for text in ["plain", "quote \" and \\ backslash", "tab\tnew\nline\r", "bell \u{7} nul \u{0}", "émoji 🙂", ""] {
            let literal = JSONText.string(text)
            let parsed = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
            XCTAssertEqual(parsed, [text])
        }
    }

    /// Test names are escaped as a whole, so a quote in any part (learner, quiz or question id) keeps the JSON valid.
    func testJSONTestNamesEscapeEveryPart() throws {
        let question = QuestionGrade(
            questionID: "q\\1", points: 1, maxPoints: 1, correct: true, answered: true, feedback: [])
        let quiz = QuizGrade(quizID: "z\"q", questions: [question], score: 1, maxScore: 1, pass: 1, passed: true)
        let report = GradeReport(
            files: [FileGrade(path: "a.toml", learner: "ada \"x\"", quizzes: [quiz])], minScore: nil, quizTitles: [:])
        let document = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(report.renderJSON().utf8)) as? [String: Any])
        let tests = try XCTUnwrap(document["tests"] as? [[String: Any]])
        XCTAssertEqual(tests.first?["name"] as? String, "ada \"x\"/z\"q/q\\1")
    }

    /// Feedback with markup and control characters still gives a schema-valid, parseable JUnit report.
    func testJUnitEscapesMarkupInFeedback() throws {
        let question = QuestionGrade(
            questionID: "q", points: 0, maxPoints: 1, correct: false, answered: true,
            feedback: ["<b>&\"quoted\"\nline\u{1}"])
        let quiz = QuizGrade(quizID: "z", questions: [question], score: 0, maxScore: 1, pass: 1, passed: false)
        let report = GradeReport(
            files: [FileGrade(path: "a<b>.toml", learner: "ada & co", quizzes: [quiz])], minScore: nil, quizTitles: [:])
        let xml = report.renderJUnit()
        XCTAssertTrue(xml.contains("message=\"scored 0 of 1: &lt;b&gt;&amp;&quot;quoted&quot;&#10;line\""), xml)
        XCTAssertTrue(xml.contains("<property name=\"file\" value=\"a&lt;b&gt;.toml\"/>"))
        let parser = XMLParser(data: Data(xml.utf8))
        XCTAssertTrue(parser.parse(), "\(String(describing: parser.parserError))")
    }
}
