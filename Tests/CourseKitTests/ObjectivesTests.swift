import Foundation
import XCTest

@testable import CourseKit

/// A lesson's `objectives` ("By the end of this lesson you can …") are read from its front matter, and lint
/// requires them: present, an array of strings, at least one, none blank.
final class ObjectivesTests: XCTestCase {
    func testObjectivesAreReadInOrder() throws {
        let course = try Fixtures.loadValid()
        XCTAssertEqual(
            course.lessons.first?.objectives, ["price one model call", "say when a cached answer is safe to serve"])
    }

    func testTheShippedCourseStatesObjectivesForEveryLesson() throws {
        let course = try Course.load(from: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent())
        XCTAssertEqual(course.lessons.count, 8)
        for lesson in course.lessons {
            XCTAssertFalse(lesson.objectives.isEmpty, lesson.id)
            XCTAssertEqual(lesson.pages.last?.title, "Recap", "lesson \(lesson.number) ends with a recap page")
        }
    }

    private func findings(replacing old: String, with new: String) throws -> [String] {
        let course = try Fixtures.copyOfValid()
        defer { try? FileManager.default.removeItem(at: course) }
        let file = course.appendingPathComponent("Lessons/01-caching.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(text.contains(old))
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: file)
        return try CourseLoader.load(directory: course).findings.map(\.description)
    }

    func testLintRequiresObjectivesWithTheirLine() throws {
        let line = #"objectives = ["price one model call", "say when a cached answer is safe to serve"]"#
        XCTAssertEqual(
            try findings(replacing: line + "\n", with: ""),
            ["Lessons/01-caching.md:2:1: error: missing field `objectives`"])
        let empty = try findings(replacing: line, with: "objectives = []")
        XCTAssertEqual(empty.count, 1, "\(empty)")
        XCTAssertTrue(
            empty.first?.hasPrefix("Lessons/01-caching.md:10:1: error: `objectives` must list at least one") == true,
            "\(empty)")
        XCTAssertEqual(
            try findings(replacing: line, with: #"objectives = ["price one model call", "  "]"#),
            ["Lessons/01-caching.md:10:1: error: an entry of `objectives` is empty"])
        XCTAssertEqual(
            try findings(replacing: line, with: #"objectives = "price one model call""#),
            ["Lessons/01-caching.md:10:1: error: `objectives` must be an array of strings, not a string"])
    }
}
