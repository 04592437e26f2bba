import CourseKit
import Foundation
import XCTest

/// The learner's REPL driven through the built binary with scripted standard input, over the shipped course.
final class REPLEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "repl-e2e" }

    private var database: String { scratch.appendingPathComponent("progress.sqlite").path }

    private func repl(_ lines: [String], learner: String = "ada", extra: [String] = []) throws -> ArchLabRunner.Output {
        try ReplProcess.run(
            ["--course", ArchLabRunner.packageRoot.path, "--db", database, "--learner", learner, "--seed", "7"] + extra,
            input: lines.map { $0 + "\n" }.joined(), environment: ["XDG_STATE_HOME": scratch.path])
    }

    private func course() throws -> Course {
        try CourseLoader.load(directory: ArchLabRunner.packageRoot).course
    }

    private func attemptSeed(_ attempt: Int) -> UInt64 {
        TypedAnswers.attemptSeed(attempt)
    }

    private func answers(_ quiz: Quiz, seed: UInt64, correct: Bool) -> [String] {
        correct ? TypedAnswers.right(quiz, seed: seed) : TypedAnswers.wrong(quiz, seed: seed)
    }

    func testEveryCommandsHappyPath() throws {
        let script = [
            "help", "help quiz", "lessons", "open 1", "next", "back", "page 2", "code", "matrix", "progress",
            "glossary", "glossary Redis", "faq", "faq 1", "learner", "learner bob", "learner ada",
            "reset --yes", "exit",
        ]
        let session = try repl(script)
        XCTAssertEqual(session.status, 0, session.stderr)
        XCTAssertEqual(session.stderr, "")
        for expected in [
            "Commands:", "quiz [n|id]", "The Cost of Every Call", "page 2/", "server.swift", "✓ unlocked   ○ available",
            "Labs run: none yet", "Redis — ", "Type `faq <n>` for an answer.", "You are now bob",
            "Progress of ada erased", "Progress saved. Bye, ada.",
        ] {
            XCTAssertTrue(session.stdout.contains(expected), "missing \(expected)")
        }
    }

    func testErrorPathsAreReportedOnStandardErrorAndFailTheScript() throws {
        let cases: [(String, String)] = [
            ("frobnicate", "Unknown command `frobnicate`"),
            ("open 99", "No lesson `99`"),
            ("open 2", "is locked: it needs"),
            ("next", "No lesson is open"),
            ("back", "No lesson is open"),
            ("page 2", "No lesson is open"),
            ("code", "No lesson is open"),
            ("quiz nope", "No System Check `nope`"),
            ("hint", "`hint` works while a System Check asks a question"),
            ("glossary zzzz", "No glossary term `zzzz`"),
            ("faq 999", "No FAQ entry `999`"),
            ("help nope", "No command `nope`"),
            ("learner \u{1B}[31m", "Cannot use that name"),
        ]
        for (line, message) in cases {
            let session = try repl([line, "quit"])
            XCTAssertEqual(session.status, 1, "\(line) should fail the script")
            XCTAssertTrue(session.stderr.contains(message), "\(line): \(session.stderr)")
            XCTAssertFalse(session.stderr.contains("\u{1B}"), "control characters are stripped: \(line)")
        }
        let passing = try repl(["lessons"])
        XCTAssertEqual(passing.status, 0)
    }

    func testAQuizCutShortByTheEndOfInputIsNotRecorded() throws {
        let session = try repl(["open 1", "quiz", "hint"])
        XCTAssertTrue(session.stdout.contains("Hint 1/"))
        XCTAssertTrue(session.stdout.contains("Attempt abandoned: nothing was recorded."))
        XCTAssertEqual(session.status, 1)
        let progress = try repl(["progress"])
        XCTAssertTrue(progress.stdout.contains("0/"), progress.stdout)
        XCTAssertFalse(progress.stdout.contains("│     1 │"), progress.stdout)
    }

    func testUnusableStartupInputExitsTwo() throws {
        let noCourse = try ReplProcess.run(
            ["--course", scratch.path, "--db", database], input: "quit\n", environment: [:])
        XCTAssertEqual(noCourse.status, 2)
        XCTAssertTrue(noCourse.stderr.hasPrefix("archlab: "), noCourse.stderr)
        let notADatabase = scratch.appendingPathComponent("notes.txt")
        try Data("hello".utf8).write(to: notADatabase)
        let badDatabase = try ReplProcess.run(
            ["--course", ArchLabRunner.packageRoot.path, "--db", notADatabase.path],
            input: "quit\n", environment: [:])
        XCTAssertEqual(badDatabase.status, 2, badDatabase.stdout)
    }
}

/// Runs the built binary with text on standard input.
enum ReplProcess {
    static func run(_ arguments: [String], input: String, environment: [String: String]) throws -> ArchLabRunner.Output
    {
        let process = Process()
        process.executableURL = try ArchLabRunner.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["ARCHLAB_COURSE"] = nil
        env["ARCHLAB_DB"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        return try ArchLabRunner.capture(process, input: input)
    }
}
