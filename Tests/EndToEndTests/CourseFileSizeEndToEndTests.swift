import Foundation
import XCTest

/// Course files are read only up to a size: a file over 10 MB is refused before it is read and a lesson page over
/// 1 MB is not loaded, both as lint errors naming the file.
final class CourseFileSizeEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "e2e-size" }

    private func copyCourse() throws -> URL {
        let course = scratch.appendingPathComponent("course")
        try FileManager.default.copyItem(at: try ArchLabRunner.fixtures.appendingPathComponent("valid"), to: course)
        return course
    }

    func testAFileOverTenMegabytesIsRefusedUnread() throws {
        let course = try copyCourse()
        let glossary = course.appendingPathComponent("Lessons/glossary.toml")
        let handle = try FileHandle(forWritingTo: glossary)
        try handle.truncate(atOffset: 10 * 1024 * 1024 + 1)
        try handle.close()
        let lint = try ArchLabRunner.run(["lint", "--course", course.path])
        XCTAssertEqual(lint.status, 1, lint.stdout)
        XCTAssertTrue(
            lint.stdout.contains("Lessons/glossary.toml:1:1: error: the file is larger than 10 MB (10485761 bytes)"),
            lint.stdout)
    }

    func testALessonPageOverOneMegabyteIsAnError() throws {
        let course = try copyCourse()
        let lesson = course.appendingPathComponent("Lessons/02-limits.md")
        var text = try String(contentsOf: lesson, encoding: .utf8)
        text += "\n## A very long page\n\n" + String(repeating: "All work and no play. ", count: 50_000) + "\n"
        try Data(text.utf8).write(to: lesson)
        let line =
            text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0 == "## A very long page" }.map { $0 + 1 } ?? 0
        let lint = try ArchLabRunner.run(["lint", "--course", course.path])
        XCTAssertEqual(lint.status, 1, lint.stdout)
        XCTAssertTrue(
            lint.stdout.contains("Lessons/02-limits.md:\(line):1: error: page `A very long page` is larger than 1 MB"),
            lint.stdout)
    }
}
