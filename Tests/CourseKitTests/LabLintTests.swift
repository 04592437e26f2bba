import Foundation
import XCTest

@testable import CourseKit

/// Labs gate progress and end with a question (issue #19), checked by `archlab lint`, which knows the scenarios:
/// a lesson's scenario must be the lab of its node or of a lab node right after it, and every lab a learner is
/// sent to needs a `[[lab]]` question.
final class LabLintTests: XCTestCase {
    private let scenarios: Set<String> = ["exact-cache", "security"]

    /// The valid course with `edit` applied to its `course.toml`, linted with the scenarios known.
    private func lint(_ edit: (String) -> String) throws -> [String] {
        let course = try Fixtures.copyOfValid()
        defer { try? FileManager.default.removeItem(at: course) }
        let manifest = course.appendingPathComponent("Lessons/course.toml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try edit(text).write(to: manifest, atomically: true, encoding: .utf8)
        return try CourseLoader.load(directory: course, knownScenarios: scenarios).findings.map(\.description)
    }

    func testTheValidCourseGatesItsLabAndAsksItsQuestion() throws {
        XCTAssertEqual(try lint { $0 }, [])
        let course = try Fixtures.loadValid()
        XCTAssertEqual(course.labQuestion(for: "exact-cache")?.question, "Which requests still reached the model?")
        XCTAssertEqual(course.labQuestion(for: "exact-cache")?.line, 34)
        XCTAssertNil(course.labQuestion(for: "security"))
    }

    func testALessonScenarioThatGatesNoNodeIsAnError() throws {
        let findings = try lint { $0.replacingOccurrences(of: "lab = \"exact-cache\"\n", with: "") }
        XCTAssertEqual(
            findings,
            [
                """
                Lessons/01-caching.md:7:1: error: lesson `caching`: its scenario `exact-cache` gates nothing: add \
                `lab = "exact-cache"` to node `cost-model` (or to a lab node that requires it)
                """
            ])
    }

    func testALabNodeThatDoesNotFollowTheLessonsNodeDoesNotCount() throws {
        // The lab node now follows rate-limit, not the lesson's cost-model: the lab no longer gates the lesson.
        let findings = try lint {
            $0.replacingOccurrences(
                of: "requires = [\"cost-model\"]\nat = [1, 0]", with: "requires = [\"rate-limit\"]\nat = [1, 0]")
        }
        XCTAssertTrue(findings.contains { $0.contains("scenario `exact-cache` gates nothing") }, "\(findings)")
    }

    func testEveryLabNeedsOneKnownQuestion() throws {
        let missing = try lint {
            $0.replacingOccurrences(of: "scenario = \"exact-cache\"", with: "scenario = \"security\"")
        }
        XCTAssertEqual(
            missing,
            [
                """
                Lessons/course.toml:1:1: error: lab `exact-cache` has no question: add a `[[lab]]` table with \
                `scenario = "exact-cache"` and the `question` its report ends with
                """
            ])
        let unknown = try lint { $0 + "\n[[lab]]\nscenario = \"nope\"\nquestion = \"Why?\"\n" }
        XCTAssertEqual(unknown, ["Lessons/course.toml:39:1: error: lab `nope` is not a known scenario"])
        let twice = try lint { $0 + "\n[[lab]]\nscenario = \"exact-cache\"\nquestion = \"Again?\"\n" }
        XCTAssertEqual(twice, ["Lessons/course.toml:39:1: error: lab `exact-cache` has more than one `[[lab]]` table"])
        let empty = try lint {
            $0.replacingOccurrences(of: "\"Which requests still reached the model?\"", with: "\" \"")
        }
        XCTAssertEqual(empty, ["Lessons/course.toml:36:1: error: lab `exact-cache`: `question` is empty"])
    }

    func testWithoutTheScenarioCatalogueTheLabChecksDoNotRun() throws {
        let course = try Fixtures.copyOfValid()
        defer { try? FileManager.default.removeItem(at: course) }
        let manifest = course.appendingPathComponent("Lessons/course.toml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try text.replacingOccurrences(of: "lab = \"exact-cache\"\n", with: "").write(
            to: manifest, atomically: true, encoding: .utf8)
        XCTAssertEqual(try CourseLoader.load(directory: course).findings, [])
    }
}
