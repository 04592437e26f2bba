import Foundation
import XCTest

@testable import CourseKit

/// Every broken fixture course (the valid course with one file changed) reports exactly the
/// findings in its `expected.txt`: the check, the file and the line an instructor must fix.
final class LintFixtureTests: XCTestCase {
    func testValidCourseLintsClean() throws {
        let result = try CourseLoader.load(directory: try Fixtures.valid)
        XCTAssertEqual(result.findings, [])
    }

    func testEveryBrokenFixtureReportsItsFindingsWithLocation() throws {
        let broken = try Fixtures.broken
        let cases = try FileManager.default.contentsOfDirectory(atPath: broken.path).sorted()
        XCTAssertGreaterThanOrEqual(cases.count, 35)
        for name in cases {
            let overlay = broken.appendingPathComponent(name)
            let course = try Fixtures.copyOfValid(overlay: overlay)
            defer { try? FileManager.default.removeItem(at: course) }
            let expected = try String(contentsOf: overlay.appendingPathComponent("expected.txt"), encoding: .utf8)
                .split(separator: "\n").map(String.init)
            let findings = try CourseLoader.load(directory: course).findings
            XCTAssertFalse(findings.isEmpty, "\(name): no finding")
            XCTAssertEqual(findings.map(\.description), expected, "fixture \(name)")
        }
    }

    func testFindingCodesNameTheCheck() throws {
        let broken = try Fixtures.broken
        let expectations: [(fixture: String, code: String, file: String, line: Int)] = [
            ("toml-syntax", "toml-syntax", "Quizzes/01-caching.toml", 4),
            ("unknown-key", "unknown-key", "Quizzes/01-caching.toml", 11),
            ("missing-field", "missing-field", "Quizzes/01-caching.toml", 25),
            ("wrong-type", "wrong-type", "Quizzes/01-caching.toml", 28),
            ("matrix-cycle", "matrix-cycle", "Lessons/course.toml", 11),
            ("unreachable-node", "unreachable-node", "Lessons/course.toml", 28),
            ("include-outside", "include-outside", "Lessons/01-caching.md", 25),
            ("empty-response", "empty-response", "Quizzes/01-caching.toml", 46),
            ("answer-key", "answer-key", "Quizzes/02-limits.toml", 34),
        ]
        for expectation in expectations {
            let course = try Fixtures.copyOfValid(overlay: broken.appendingPathComponent(expectation.fixture))
            defer { try? FileManager.default.removeItem(at: course) }
            let findings = try CourseLoader.load(directory: course).findings
            XCTAssertTrue(
                findings.contains {
                    $0.code == expectation.code && $0.file == expectation.file && $0.line == expectation.line
                },
                "\(expectation.fixture): \(findings)")
        }
    }

    func testUnknownScenarioIdsAreCheckedOnlyWhenARegistryIsGiven() throws {
        let directory = try Fixtures.valid
        XCTAssertEqual(try CourseLoader.load(directory: directory, knownScenarios: nil).findings, [])
        let findings = try CourseLoader.load(directory: directory, knownScenarios: ["token-bucket"]).findings
        XCTAssertEqual(
            findings.map(\.description),
            [
                "Lessons/01-caching.md:7:1: error: lesson `caching`: scenario `exact-cache` does not exist",
                "Lessons/course.toml:19:1: error: node `exact-cache`: lab `exact-cache` is not a known scenario",
                "Lessons/course.toml:35:1: error: lab `exact-cache` is not a known scenario",
            ])
    }

    func testNoCourseIsAnErrorNotAFinding() {
        let missing = URL(fileURLWithPath: "/nonexistent-course-\(UUID().uuidString)")
        XCTAssertThrowsError(try CourseLoader.load(directory: missing)) { error in
            XCTAssertTrue("\(error)".contains("not a course directory"))
        }
    }

    func testLoadingABrokenCourseForUseThrowsItsFindings() throws {
        let course = try Fixtures.copyOfValid(overlay: try Fixtures.broken.appendingPathComponent("toml-syntax"))
        defer { try? FileManager.default.removeItem(at: course) }
        XCTAssertThrowsError(try Course.load(from: course)) { error in
            guard let error = error as? CourseError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.findings.first?.code, "dangling-reference")
            XCTAssertTrue(error.description.contains("Quizzes/01-caching.toml:4:8"))
        }
    }

    func testJSONReportHasOneObjectPerFinding() throws {
        let finding = LintFinding(
            file: "Quizzes/a.toml", line: 3, column: 2, code: "unknown-key", message: "unknown key `x\"`")
        let json = LintReport.render([finding], format: .json)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        XCTAssertEqual(parsed?.count, 1)
        XCTAssertEqual(parsed?.first?["file"] as? String, "Quizzes/a.toml")
        XCTAssertEqual(parsed?.first?["line"] as? Int, 3)
        XCTAssertEqual(parsed?.first?["column"] as? Int, 2)
        XCTAssertEqual(parsed?.first?["severity"] as? String, "error")
        XCTAssertEqual(parsed?.first?["code"] as? String, "unknown-key")
        XCTAssertEqual(parsed?.first?["message"] as? String, "unknown key `x\"`")
        XCTAssertEqual(LintReport.render([], format: .json), "[]")
    }
}
