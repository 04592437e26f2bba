import Foundation
import XCTest

/// The REPL under a pseudo-terminal (util-linux `script`), where GNU readline is in charge:
/// tab completion, history across restarts, Ctrl-C and Ctrl-D.
final class REPLTerminalEndToEndTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            if ProcessInfo.processInfo.environment["ARCHLAB_REQUIRE_ALL"] == "1" {
                XCTFail("util-linux `script` is required for the pseudo-terminal tests")
                return
            }
            throw XCTSkip("util-linux `script` is not installed; the pseudo-terminal tests need it")
        }
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("repl-pty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    /// Types `keystrokes` (each chunk after a pause, as a person would) into the REPL on a terminal.
    private func typing(_ keystrokes: [String]) throws -> (status: Int32, screen: String) {
        let binary = try ArchLabRunner.binary.path
        let command = "\(binary) --course \(ArchLabRunner.packageRoot.path) --db \(scratch.path)/progress.sqlite --learner ada --seed 7"
        let feed = keystrokes.map { "sleep 0.4; printf '\($0)'" }.joined(separator: "; ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "(\(feed); sleep 0.4) | /usr/bin/script -qefc '\(command)' /dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm"
        environment["NO_COLOR"] = "1"
        environment["XDG_STATE_HOME"] = scratch.path
        environment["ARCHLAB_COURSE"] = nil
        environment["ARCHLAB_DB"] = nil
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testTabCompletesCommandNames() throws {
        let result = try typing(["les\\t\\n", "quit\\n"])
        XCTAssertEqual(result.status, 0, result.screen)
        XCTAssertTrue(result.screen.contains("archlab[server.swift 1/8]> lessons"), result.screen)
        XCTAssertTrue(result.screen.contains("1. The Cost of Every Call (12 min) — open"), result.screen)
    }

    func testHistorySurvivesARestart() throws {
        let first = try typing(["glossary TTL\\n", "quit\\n"])
        XCTAssertEqual(first.status, 0, first.screen)
        let history = try String(contentsOf: scratch.appendingPathComponent("archlab/history"), encoding: .utf8)
        XCTAssertTrue(history.contains("glossary TTL"), history)
        // Ctrl-P twice recalls the line before `quit` from the previous session.
        let second = try typing(["\\020\\020\\n", "quit\\n"])
        XCTAssertEqual(second.status, 0, second.screen)
        XCTAssertTrue(second.screen.contains("glossary TTL"), second.screen)
        XCTAssertTrue(second.screen.contains("TTL — "), second.screen)
    }

    func testCtrlCClearsTheLineAndAbandonsAQuizAndCtrlDLeaves() throws {
        let result = try typing(["xyz", "\\003", "open 1\\n", "quiz\\n", "\\003", "\\004"])
        XCTAssertEqual(result.status, 0, result.screen)
        XCTAssertFalse(result.screen.contains("Unknown command"), result.screen)
        XCTAssertTrue(result.screen.contains("^C"), result.screen)
        XCTAssertTrue(result.screen.contains("Lesson 1/8"), result.screen)
        XCTAssertTrue(result.screen.contains("Attempt abandoned: nothing was recorded."), result.screen)
    }
}
