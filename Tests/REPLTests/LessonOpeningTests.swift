import XCTest

/// A lesson opens with "By the end of this lesson you can …" from its `objectives`, on its first page only, and
/// `lessons` shows each lesson's `summary` under its title.
final class LessonOpeningTests: XCTestCase {
    func testTheFirstPageOpensWithTheObjectives() async throws {
        let harness = try ReplHarness()
        let result = try await harness.run(["open 1", "next", "back"])
        let heading = "By the end of this lesson you can:"
        XCTAssertEqual(result.text.components(separatedBy: heading).count - 1, 2, "page 1 twice, page 2 never")
        XCTAssertTrue(result.text.contains("price one model call"), result.text)
        XCTAssertTrue(result.text.contains("spot the questions worth caching"), result.text)
        let opening = try XCTUnwrap(result.text.range(of: heading))
        let firstPage = try XCTUnwrap(result.text.range(of: "The problem"))
        XCTAssertLessThan(opening.lowerBound, firstPage.lowerBound, "the objectives come before the first page")
    }

    func testLessonsShowsEachSummaryUnderItsTitle() async throws {
        let harness = try ReplHarness()
        let result = try await harness.run(["lessons"])
        let lines = result.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let title = try XCTUnwrap(lines.firstIndex { $0.contains("1. Basics of Caching (5 min)") }, result.text)
        XCTAssertEqual(lines[title + 1], "     Why a repeated question is paid for twice")
        XCTAssertTrue(lines[title + 2].contains("2. Exact Caching"), "a lesson without a summary adds no line")
    }
}
