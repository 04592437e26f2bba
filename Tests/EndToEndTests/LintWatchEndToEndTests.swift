import Foundation
import TestSupport
import XCTest

/// `archlab lint --watch` on a pseudo-terminal (util-linux `script`): a save that breaks the course shows the new
/// finding, the save that repairs it shows it fixed, and Ctrl-C leaves with status 0.
final class LintWatchEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "lint-watch-e2e" }

    override func setUpWithError() throws {
        try super.setUpWithError()
        try requireTool(
            FileManager.default.isExecutableFile(atPath: "/usr/bin/script"),
            "util-linux `script` is not installed; the pseudo-terminal tests need it")
    }

    func testASaveThatBreaksTheCourseShowsOnlyTheNewFindingThenItsFix() throws {
        let course = scratch.appendingPathComponent("course")
        let created = try ArchLabRunner.run(["new", "course", course.path], in: scratch)
        XCTAssertEqual(created.status, 0, created.stderr)
        let quiz = course.appendingPathComponent("Quizzes/01-first-steps.toml")
        let original = try String(contentsOf: quiz, encoding: .utf8)

        let terminal = try PseudoTerminal([try ArchLabRunner.binary.path, "lint", "--watch", "--course", course.path])
        let (process, keyboard, screen) = (terminal.process, terminal.keyboard, terminal.screen)
        defer { terminal.stop() }
        func wait(_ text: String, from: Int) throws -> Int {
            guard let end = screen.waitFor(text, from: from, timeout: 60) else {
                XCTFail("the screen never showed \(text.debugDescription):\n\(screen.text)")
                throw XCTSkip("gave up")
            }
            return end
        }
        var at = try wait("lint: no findings", from: 0)
        // A save that sets an impossible pass mark.
        try Data(original.replacingOccurrences(of: "pass = 0.75", with: "pass = 1.5").utf8).write(to: quiz)
        at = try wait("re-linted: 1 new, 0 fixed", from: at)
        at = try wait("new:   Quizzes/01-first-steps.toml:5:", from: at)
        at = try wait("`pass` must be greater than 0 and at most 1", from: at)
        at = try wait("lint: 1 error, 0 warnings", from: at)
        // The repair: the same finding reported as fixed, and nothing new.
        try Data(original.utf8).write(to: quiz)
        at = try wait("re-linted: 0 new, 1 fixed", from: at)
        at = try wait("fixed: Quizzes/01-first-steps.toml:5:", from: at)
        at = try wait("lint: no findings", from: at)
        keyboard.fileHandleForWriting.write(Data([0x03]))
        _ = try wait("Stopped watching.", from: at)
        process.waitUntilExit()
        keyboard.fileHandleForWriting.closeFile()
        XCTAssertEqual(process.terminationStatus, 0, screen.text)
        let shown = screen.text
        XCTAssertEqual(
            shown.components(separatedBy: "new:   ").count - 1, 1, "only the new finding is shown:\n\(shown)")
    }
}
