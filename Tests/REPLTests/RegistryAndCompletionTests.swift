import REPL
import Terminal
import XCTest

final class RegistryAndCompletionTests: XCTestCase {
    /// A lab-style command defined entirely outside the REPL module.
    static var fire: ReplCommand {
        ReplCommand(
            name: "fire", usage: "fire <burst|steady> [n]", summary: "Send requests at the gateway",
            help: "Sends requests.",
            completer: { _, previous in previous.isEmpty ? ["burst", "steady"] : [] }
        ) { session, arguments in
            guard let mode = arguments.words.first else { throw ReplError.usage("fire <burst|steady> [n]") }
            let fired = await Self.simulatedRequests(mode)
            session.say("fired \(fired)")
            return .succeeded
        }
    }

    /// Stands in for a lab's asynchronous work (a server round trip, a simulation).
    static func simulatedRequests(_ mode: String) async -> String {
        await Task.yield()
        return mode
    }

    func testALabRegistersACommandFromOutsideTheCore() async throws {
        let harness = try ReplHarness()
        let (session, output, _) = try harness.session(
            [.line("help"), .line("fire burst"), .line("help fire"), .line("fire")],
            extra: [Self.fire])
        let status = await session.run()
        XCTAssertEqual(status, 1)
        XCTAssertTrue(output.text.contains("  fire <burst|steady> [n]  Send requests at the gateway"))
        XCTAssertTrue(output.text.contains("fired burst"))
        XCTAssertTrue(output.text.contains("! error: Usage: fire <burst|steady> [n]"))
        XCTAssertEqual(session.completions(lineBeforeWord: "fire ", word: "b"), ["burst"])
        XCTAssertTrue(session.completions(lineBeforeWord: "", word: "fi").contains("fire"))
    }

    func testCompletionOfCommandsAndTheirArguments() async throws {
        let harness = try ReplHarness()
        _ = try await harness.run([], learner: "bob")
        let (session, _, _) = try harness.session([])
        XCTAssertEqual(session.completions(lineBeforeWord: "", word: "les"), ["lessons"])
        XCTAssertEqual(session.completions(lineBeforeWord: "", word: "ex"), ["exit"])
        XCTAssertEqual(
            Set(session.completions(lineBeforeWord: "open ", word: "")), ["1", "2", "3", "basics", "cache", "final"])
        XCTAssertEqual(session.completions(lineBeforeWord: "open ", word: "ca"), ["cache"])
        XCTAssertEqual(session.completions(lineBeforeWord: "quiz ", word: "f"), ["final"])
        XCTAssertEqual(session.completions(lineBeforeWord: "glossary ", word: "R"), ["Redis"])
        XCTAssertEqual(Set(session.completions(lineBeforeWord: "learner ", word: "")), ["ada", "bob"])
        XCTAssertEqual(session.completions(lineBeforeWord: "help ", word: "ma"), ["matrix"])
        XCTAssertEqual(session.completions(lineBeforeWord: "open 1 ", word: ""), [])
        XCTAssertEqual(session.completions(lineBeforeWord: "nosuch ", word: ""), [])
    }

    func testPromptFollowsTheLessonBeingRead() async throws {
        let harness = try ReplHarness()
        let (session, _, _) = try harness.session([])
        XCTAssertEqual(session.prompt, "archlab[server.swift 1/3]> ")
        _ = try await harness.run(["open 1", "quiz"] + harness.answers("basics", attempt: 1) + ["open 2"])
        let (later, _, _) = try harness.session([])
        XCTAssertEqual(later.prompt, "archlab[server.swift 2/3]> ")
    }

    /// A line ending in ` \` continues on the next (lessons wrap long commands so); the next line's
    /// indentation is dropped, and the command sees one line.
    func testALineEndingInABackslashContinuesOnTheNext() async throws {
        let echo = ReplCommand(name: "echo", usage: "echo …", summary: "Echo", help: "Echoes.") {
            session, arguments in
            session.say("[\(arguments.rest)]")
            return .succeeded
        }
        let harness = try ReplHarness()
        let (session, output, editor) = try harness.session(
            [
                .line("echo FT.CREATE idx SCHEMA v VECTOR \\"), .line("    FLAT 6 TYPE FLOAT32 \\"),
                .line("  DIM 384"),
            ],
            extra: [echo])
        _ = await session.run()
        XCTAssertTrue(output.text.contains("[FT.CREATE idx SCHEMA v VECTOR FLAT 6 TYPE FLOAT32 DIM 384]"), output.text)
        XCTAssertEqual(editor.prompts.filter { $0 == "... " }.count, 2)
    }
}
