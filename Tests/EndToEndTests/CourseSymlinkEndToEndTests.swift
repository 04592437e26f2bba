import Foundation
import XCTest

/// Course files are read only from inside the course folder: a lesson, quiz or glossary reached through a symbolic
/// link that leaves the folder is refused like an include that leaves it, as a lint error naming the file.
final class CourseSymlinkEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "e2e-symlink" }

    private func copyCourse() throws -> URL {
        let course = scratch.appendingPathComponent("course")
        try FileManager.default.copyItem(at: try ArchLabRunner.fixtures.appendingPathComponent("valid"), to: course)
        return course
    }

    func testLessonsQuizzesAndGlossaryReachedThroughASymlinkOutsideAreRefused() throws {
        let course = try copyCourse()
        let outside = scratch.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        for relative in ["Lessons/02-limits.md", "Quizzes/02-limits.toml", "Lessons/glossary.toml"] {
            let original = course.appendingPathComponent(relative)
            let moved = outside.appendingPathComponent(original.lastPathComponent)
            try FileManager.default.moveItem(at: original, to: moved)
            try FileManager.default.createSymbolicLink(at: original, withDestinationURL: moved)
        }
        let lint = try ArchLabRunner.run(["lint", "--course", course.path])
        XCTAssertEqual(lint.status, 1, lint.stdout)
        for relative in ["Lessons/02-limits.md", "Quizzes/02-limits.toml", "Lessons/glossary.toml"] {
            let expected = "\(relative):1:1: error: the file is a symbolic link that leaves the course folder"
            XCTAssertTrue(lint.stdout.contains(expected), lint.stdout)
        }
        let answers = try ArchLabRunner.fixtures.appendingPathComponent("answers/perfect.toml").path
        let grade = try ArchLabRunner.run(["grade", "--course", course.path, answers])
        XCTAssertEqual(grade.status, 2)
        XCTAssertTrue(grade.stderr.contains("Quizzes/02-limits.toml"), grade.stderr)
    }

    func testASymlinkThatStaysInsideTheCourseIsFollowed() throws {
        let course = try copyCourse()
        let original = course.appendingPathComponent("Lessons/glossary.toml")
        let kept = course.appendingPathComponent("Sources/glossary.toml")
        try FileManager.default.moveItem(at: original, to: kept)
        try FileManager.default.createSymbolicLink(at: original, withDestinationURL: kept)
        let lint = try ArchLabRunner.run(["lint", "--course", course.path])
        XCTAssertEqual(lint.status, 0, lint.stdout)
    }
}
