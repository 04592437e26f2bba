import Foundation
import TestSupport
import XCTest

/// `archlab watch` under a pseudo-terminal (util-linux `script`, as REPLTerminalEndToEndTests runs the REPL):
/// a saved file re-runs the check, `h` prints a hint, `q` quits.
final class ExerciseWatchEndToEndTests: XCTestCase {
    private var fixture: ExerciseWorkspaceFixture { .shared }

    override class func tearDown() {
        ExerciseWorkspaceFixture.shared.remove()
        super.tearDown()
    }

    func testWatchReRunsTheCheckWhenTheFileIsSaved() throws {
        try requireTool(
            FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux `script` is needed")
        try fixture.ensureStarted()
        try fixture.writeLearnerFile(try fixture.courseFile("starter/ExactCache.swift"))
        let arguments = [
            try ArchLabRunner.binary.path, "watch", "--course", fixture.course.path, "--db", fixture.database,
            "--learner", "watcher", "--workspace", fixture.workspace.path,
        ]
        let terminal = try PseudoTerminal(arguments)
        let (process, keyboard, screen) = (terminal.process, terminal.keyboard, terminal.screen)
        defer { terminal.stop() }
        XCTAssertTrue(screen.waitFor("1 of 6 tests passed", timeout: 300), screen.text)
        XCTAssertTrue(screen.waitFor("save a file to check again", timeout: 30), screen.text)
        try fixture.writeLearnerFile(try fixture.courseFile("solution/ExactCache.swift"))
        XCTAssertTrue(screen.waitFor("passed: all 6 tests", timeout: 300), screen.text)
        XCTAssertTrue(screen.text.contains("\u{1B}[2J"), "the screen is cleared between runs")
        keyboard.fileHandleForWriting.write(Data("h".utf8))
        XCTAssertTrue(screen.waitFor("Hint 1/3: ", timeout: 30), screen.text)
        keyboard.fileHandleForWriting.write(Data("q".utf8))
        XCTAssertTrue(screen.waitFor("Stopped watching.", timeout: 30), screen.text)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, screen.text)
    }
}
