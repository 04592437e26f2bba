import Foundation
import TestSupport
import XCTest

/// The REPL under a pseudo-terminal (util-linux `script`), where GNU readline is in charge:
/// tab completion, history across restarts, Ctrl-C and Ctrl-D.
final class REPLTerminalEndToEndTests: XCTestCase {
    private let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("repl-pty-\(UUID().uuidString)")
    private let prompt = "archlab[server.swift 1/8]> "

    override func setUpWithError() throws {
        try requireTool(
            FileManager.default.isExecutableFile(atPath: "/usr/bin/script"),
            "util-linux `script` is not installed; the pseudo-terminal tests need it")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Opens the REPL on a terminal and plays `steps`: each waits until the screen shows its text (after
    /// what the previous step waited for), then types its keys, as a person watching the screen would.
    private func session(_ steps: [(waitFor: String, type: String)]) throws -> (status: Int32, screen: String) {
        let binary = try ArchLabRunner.binary.path
        let arguments = [
            binary, "--course", ArchLabRunner.packageRoot.path, "--db", "\(scratch.path)/progress.sqlite",
            "--learner", "ada", "--seed", "7",
        ]
        // `script` runs its command through `$SHELL -c`; `exec` makes archlab the terminal's only process, so a
        // shell that stays in between (dash does) never takes the Ctrl-C meant for archlab and dies of it.
        let command =
            "exec "
            + arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qefc", command, "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm"
        environment["SHELL"] = "/bin/sh"
        environment["NO_COLOR"] = "1"
        environment["XDG_STATE_HOME"] = scratch.path
        environment["ARCHLAB_COURSE"] = nil
        environment["ARCHLAB_DB"] = nil
        process.environment = environment
        let keyboard = Pipe()
        let out = Pipe()
        process.standardInput = keyboard
        process.standardOutput = out
        process.standardError = out
        let screen = Screen()
        try process.run()
        let reader = out.fileHandleForReading
        Thread.detachNewThread {
            while case let data = reader.availableData, !data.isEmpty { screen.append(data) }
            screen.finish()
        }
        var searchFrom = 0
        for step in steps {
            guard let end = screen.waitFor(step.waitFor, from: searchFrom, timeout: 60) else {
                keyboard.fileHandleForWriting.closeFile()
                process.terminate()
                process.waitUntilExit()
                XCTFail("the screen never showed \(step.waitFor.debugDescription):\n\(screen.text)")
                return (-1, screen.text)
            }
            searchFrom = end
            keyboard.fileHandleForWriting.write(Data(step.type.utf8))
        }
        process.waitUntilExit()
        keyboard.fileHandleForWriting.closeFile()
        screen.waitForEnd(timeout: 10)
        return (process.terminationStatus, screen.text)
    }

    func testTabCompletesCommandNames() throws {
        let result = try session([(prompt, "les\t\n"), (prompt, "quit\n")])
        XCTAssertEqual(result.status, 0, result.screen)
        XCTAssertTrue(result.screen.contains("\(prompt)lessons"), result.screen)
        XCTAssertTrue(result.screen.contains("1. The Cost of Every Call (12 min) — open"), result.screen)
    }

    func testHistorySurvivesARestart() throws {
        let first = try session([(prompt, "glossary TTL\n"), ("TTL — ", "quit\n")])
        XCTAssertEqual(first.status, 0, first.screen)
        let history = try String(contentsOf: scratch.appendingPathComponent("archlab/history"), encoding: .utf8)
        XCTAssertTrue(history.contains("glossary TTL"), history)
        // Ctrl-P twice recalls the line before `quit` from the previous session.
        let second = try session([(prompt, "\u{10}\u{10}"), ("glossary TTL", "\n"), ("TTL — ", "quit\n")])
        XCTAssertEqual(second.status, 0, second.screen)
    }

    func testCtrlCClearsTheLineAndAbandonsAQuizAndCtrlDLeaves() throws {
        let result = try session([
            (prompt, "xyz"), ("xyz", "\u{3}"), ("^C", "open 1\n"), ("Lesson 1/8", ""), (prompt, "quiz\n"),
            ("answer> ", "\u{3}"), ("Attempt abandoned: nothing was recorded.", ""), (prompt, "\u{4}"),
        ])
        XCTAssertEqual(result.status, 0, result.screen)
        XCTAssertFalse(result.screen.contains("Unknown command"), result.screen)
        XCTAssertTrue(result.screen.contains("Progress saved."), result.screen)
    }

    func testCtrlCStopsALongRunWithoutRecordingIt() throws {
        let result = try session([
            (prompt, "run production model=lexical\n"), ("model=lexical\r\n", "\u{3}"),
            ("Interrupted (Ctrl-C): the run stopped and was not recorded.", ""), (prompt, "progress\n"),
            ("Labs run: ", ""), (prompt, "\u{4}"),
        ])
        XCTAssertEqual(result.status, 0, result.screen)
        XCTAssertTrue(result.screen.contains("Labs run: none yet"), result.screen)
        XCTAssertFalse(result.screen.contains("% saved"), "no report after the interrupt: \(result.screen)")
    }
}

/// What the terminal has shown so far, filled from the pipe's reader thread.
final class Screen: @unchecked Sendable {
    private let condition = NSCondition()
    private var bytes = Data()
    private var ended = false

    func append(_ data: Data) {
        condition.lock()
        bytes.append(data)
        condition.broadcast()
        condition.unlock()
    }

    /// The terminal closed: nothing more will be shown.
    func finish() {
        condition.lock()
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    func waitForEnd(timeout: TimeInterval) {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while !ended, condition.wait(until: deadline) {}
    }

    var text: String {
        condition.lock()
        defer { condition.unlock() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Waits until `text` appears at or after byte `from`; returns the byte offset just past it.
    func waitFor(_ text: String, from: Int, timeout: TimeInterval) -> Int? {
        let needle = Data(text.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if from <= bytes.count, let range = bytes.range(of: needle, in: from..<bytes.count) {
                return range.upperBound
            }
            guard !ended, condition.wait(until: deadline) else { return nil }
        }
    }
}
