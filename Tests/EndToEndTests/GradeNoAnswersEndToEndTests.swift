import Foundation
import XCTest

/// `archlab grade` given nothing to grade: an empty folder, or a glob the shell passed on unexpanded because it
/// matched nothing. Both are unusable input (exit 2 with a message), never "0 of 0 passed" and a green CI job.
final class GradeNoAnswersEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "e2e-grade-none" }

    private func validCourse() throws -> String {
        try ArchLabRunner.fixtures.appendingPathComponent("valid").path
    }

    func testAnEmptyFolderExitsTwoWithAMessage() throws {
        let folder = scratch.appendingPathComponent("answers")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("not toml answers".utf8).write(to: folder.appendingPathComponent("README.md"))
        let output = try ArchLabRunner.run(["grade", "--course", try validCourse(), folder.path])
        XCTAssertEqual(output.status, 2, output.stdout)
        XCTAssertTrue(output.stderr.contains("no answers files found in \(folder.path)"), output.stderr)
        XCTAssertFalse(output.stdout.contains("0 of 0"), output.stdout)
    }

    func testAGlobThatMatchedNothingExitsTwoWithAMessage() throws {
        let pattern = scratch.path + "/answers/*.toml"
        let output = try ArchLabRunner.run(["grade", "--course", try validCourse(), pattern])
        XCTAssertEqual(output.status, 2, output.stdout)
        XCTAssertTrue(output.stderr.contains("no answers files match \(pattern)"), output.stderr)
    }

    func testAGlobTheShellDidNotExpandIsExpandedByGrade() throws {
        let folder = scratch.appendingPathComponent("answers")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let perfect = try ArchLabRunner.fixtures.appendingPathComponent("answers/perfect.toml")
        try FileManager.default.copyItem(at: perfect, to: folder.appendingPathComponent("ada.toml"))
        let output = try ArchLabRunner.run(["grade", "--course", try validCourse(), folder.path + "/*.toml"])
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertTrue(output.stdout.contains("ada"), output.stdout)
    }
}
