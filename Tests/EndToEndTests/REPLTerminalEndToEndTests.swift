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
        let terminal = try PseudoTerminal(
            arguments, environment: ["NO_COLOR": "1", "XDG_STATE_HOME": scratch.path, "ARCHLAB_DB": nil])
        let (process, keyboard, screen) = (terminal.process, terminal.keyboard, terminal.screen)
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
