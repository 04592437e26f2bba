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
        // `script` runs its command through `$SHELL -c`; `exec` leaves archlab as the terminal's only process.
        let command =
            "exec "
            + arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qefc", command, "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm"
        environment["SHELL"] = "/bin/sh"
        environment["ARCHLAB_COURSE"] = nil
        process.environment = environment
        let keyboard = Pipe()
        let out = Pipe()
        process.standardInput = keyboard
        process.standardOutput = out
        process.standardError = out
        let screen = WatchScreen()
        try process.run()
        let reader = out.fileHandleForReading
        Thread.detachNewThread {
            while case let data = reader.availableData, !data.isEmpty { screen.append(data) }
        }
        defer {
            if process.isRunning { process.terminate() }
        }
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

/// What the terminal has shown so far.
private final class WatchScreen: @unchecked Sendable {
    private let condition = NSCondition()
    private var bytes = Data()

    func append(_ data: Data) {
        condition.lock()
        bytes.append(data)
        condition.broadcast()
        condition.unlock()
    }

    var text: String {
        condition.lock()
        defer { condition.unlock() }
        return String(decoding: bytes, as: UTF8.self)
    }

    func waitFor(_ needle: String, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while !String(decoding: bytes, as: UTF8.self).contains(needle) {
            guard condition.wait(until: deadline) else { return false }
        }
        return true
    }
}
