import Foundation
import TestSupport
import XCTest

/// Lesson 5's forged-key page, run as written: its REPL lines through the binary (each `serve start` on a
/// free port and with a fast model), its shell lines in a scratch folder.
final class ForgedKeysLessonEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "forged-keys-e2e" }

    /// The `text` blocks of the lesson's "Try it: forged keys" page, line by line.
    private func blocks() throws -> [[String]] {
        let lesson = try String(
            contentsOf: ArchLabRunner.packageRoot.appendingPathComponent("Lessons/05-why-rate-limit.md"),
            encoding: .utf8)
        let page =
            try XCTUnwrap(lesson.components(separatedBy: "## Try it: forged keys").dropFirst().first)
            .components(separatedBy: "\n## ").first ?? ""
        return page.components(separatedBy: "```text\n").dropFirst().map { block in
            (block.components(separatedBy: "```").first ?? "").split(separator: "\n").map(String.init)
        }
    }

    func testTheReplLinesShowOpenAndKeyedServersAsTheLessonSays() throws {
        let replLines = try blocks().filter { !($0.first ?? "").hasPrefix("$ ") }
        XCTAssertEqual(replLines.count, 2)
        let script = replLines.joined().map { $0.hasPrefix("serve start") ? $0 + " --port 0 --latency-scale 0" : $0 }
        let process = Process()
        process.executableURL = try ArchLabRunner.binary
        process.arguments = ["--course", ArchLabRunner.packageRoot.path, "--learner", "ada"]
        var environment = ProcessInfo.processInfo.environment
        environment["ARCHLAB_COURSE"] = nil
        environment["ARCHLAB_DB"] = scratch.appendingPathComponent("progress.sqlite").path
        for name in ["HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"] { environment[name] = scratch.path }
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = try ArchLabRunner.capture(process, input: script.joined(separator: "\n") + "\n")
        XCTAssertEqual(output.status, 0, output.stderr)
        let totals = output.stdout.split(separator: "\n").filter { $0.first?.isNumber == true && $0.contains(": ") }
        XCTAssertEqual(totals, ["200: 12", "401: 10, 429: 2", "200: 3"], output.stdout)
    }

    func testTheShellLinesMakeAKeyFileServeAccepts() throws {
        let shellLines = try XCTUnwrap(try blocks().first { ($0.first ?? "").hasPrefix("$ ") })
        // The key file is written in two lines (80 columns), then chmod, then serve.
        XCTAssertEqual(shellLines.count, 4)
        for line in shellLines.dropLast() {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", String(line.dropFirst(2))]
            process.currentDirectoryURL = scratch
            XCTAssertEqual(try ArchLabRunner.capture(process).status, 0, line)
        }
        let serveWords = (shellLines.last ?? "").split(separator: " ").dropFirst(2).map(String.init)
        XCTAssertEqual(serveWords, ["serve", "--step", "5", "--keys", "keys.toml"])
        let serve = try ServeProcess(
            Array(serveWords.dropFirst()) + ["--model", "lexical", "--latency-scale", "0"], in: scratch)
        let client = try KeepAliveHTTP(port: serve.port)
        let body = #"{"model":"gpt-4o","messages":[{"role":"user","content":"How do I reset my password?"}]}"#
        XCTAssertEqual(
            try client.send(
                "POST", "/v1/chat/completions", body: body, headers: ["Authorization": "Bearer sk-ada-7f3c9e21b8d4a605"]
            ).status, 200)
        XCTAssertEqual(
            try client.send("POST", "/v1/chat/completions", body: body, headers: ["Authorization": "Bearer forged-1"])
                .status, 401)
        serve.stop()
    }
}
