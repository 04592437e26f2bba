import CourseKit
import Foundation
import ProgressStore
import XCTest

/// Small learner-facing behaviours of the REPL and the shell commands, through the built binary
/// over the shipped course (findings of the new-learner walkthrough).
final class LearnerFrictionEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "friction-e2e" }

    private func repl(_ lines: [String]) throws -> ArchLabRunner.Output {
        let database = scratch.appendingPathComponent("progress.sqlite").path
        return try ReplProcess.run(
            ["--course", ArchLabRunner.packageRoot.path, "--db", database, "--learner", "ada", "--seed", "7"],
            input: lines.map { $0 + "\n" }.joined(), environment: ["XDG_STATE_HOME": scratch.path])
    }

    private func course() throws -> Course {
        try CourseLoader.load(directory: ArchLabRunner.packageRoot).course
    }

    func testQuizWithNoLessonOpenTakesThePromptsLessonAndANumberNamesALesson() throws {
        let course = try course()
        let first = try XCTUnwrap(course.lessons.first)
        let quiz = try XCTUnwrap(course.quiz(id: first.quiz))
        let bare = try repl(["quiz"])
        XCTAssertEqual(bare.stderr, "")
        XCTAssertTrue(bare.stdout.contains(quiz.title + "\n"), bare.stdout)
        XCTAssertTrue(bare.stdout.contains("Attempt abandoned"), bare.stdout)
        let numbered = try repl(["quiz 1"])
        XCTAssertEqual(numbered.stderr, "")
        XCTAssertTrue(numbered.stdout.contains(quiz.title + "\n"), numbered.stdout)
    }

    /// Right answers to `quiz` for the n-th attempt of a `--seed 7` session.
    private func rightAnswers(_ quiz: Quiz, attempt: Int) -> [String] {
        TypedAnswers.right(quiz, seed: TypedAnswers.attemptSeed(attempt))
    }

    func testThePassMarkIsShownExactly() throws {
        let course = try course()
        let first = try XCTUnwrap(course.quiz(id: try XCTUnwrap(course.lesson(number: 1)).quiz))
        let second = try XCTUnwrap(course.quiz(id: try XCTUnwrap(course.lesson(number: 2)).quiz))
        XCTAssertEqual(second.maxScore, 7, "the shipped lesson 2 check has 7 points")
        let store = try ProgressStore(path: scratch.appendingPathComponent("progress.sqlite").path)
        _ = try store.recordExerciseResult(
            learner: try store.ensureLearner("ada"), exerciseID: "cost-of-a-call", passed: true, fileHash: "",
            failure: nil, decidingUnlocks: { _ in [] })
        try store.close()
        // Lesson 2 opens once Cost Model has its System Check, exercise and lab (labs gate progress).
        let session = try repl(["quiz 1"] + rightAnswers(first, attempt: 1) + ["run baseline requests=200", "quiz 2"])
        XCTAssertTrue(session.stdout.contains("pass mark 75% (5.25 of 7 points)"), session.stdout)
    }

    func testSimilarTakesTheModelLikeTheShellCommand() throws {
        let session = try repl([
            "similar \"What is the capital of France?\" \"Which city is France's capital?\" --model lexical",
            "similar \"a b\" \"a c\" model=lexical",
        ])
        XCTAssertEqual(session.status, 0, session.stderr)
        XCTAssertEqual(session.stdout.components(separatedBy: "cosine similarity (lexical)").count, 3, session.stdout)
        let bad = try repl(["similar \"a\" \"b\" --model nope"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("--model nope"), bad.stderr)
    }

    func testServeStartSaysWhichStepItServes() throws {
        let session = try repl(["serve start --port 0 --latency-scale 0", "serve stop"])
        XCTAssertEqual(session.status, 0, session.stderr)
        let unwrapped = session.stdout.replacingOccurrences(of: "\n  ", with: " ")
        XCTAssertTrue(
            unwrapped.contains(
                """
                    Serving server.swift step 8 (the finished server of lesson 8; `serve start N` serves step N) on \
                    http://127.0.0.1:
                    """
            ),
            session.stdout)
    }

    func testGradeNamesTheFileAloneWhenTheLearnerIsEmpty() throws {
        let file = scratch.appendingPathComponent("blank.toml")
        try "learner = \"\"\n\n[quiz.caching]\nbenefit = \"a\"\n".write(to: file, atomically: true, encoding: .utf8)
        let graded = try ArchLabRunner.run(["grade", "--course", "valid", "--quiz", "caching", file.path])
        XCTAssertEqual(graded.status, 1, graded.stderr)
        XCTAssertTrue(graded.stdout.hasPrefix(file.path + ": "), graded.stdout)
    }

    func testServeOnABusyPortSaysWhichAddressAndHowToPickAnother() throws {
        let listener = try BusyPort()
        defer { listener.close() }
        let serve = try ArchLabRunner.run(["serve", "--port", "\(listener.port)", "--model", "lexical"], in: scratch)
        XCTAssertEqual(serve.status, 1)
        XCTAssertEqual(
            serve.stderr,
            "error: cannot listen on 127.0.0.1:\(listener.port): the address is already in use "
                + "(pick another with --port, e.g. --port 8081, or --port 0 for any free port)\n")
    }
}

/// A TCP socket listening on a free loopback port, so a server started there finds it taken.
private struct BusyPort {
    let descriptor: Int32
    let port: Int

    init() throws {
        #if canImport(Glibc)
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw XCTSkip("no socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let fd = descriptor
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else { throw XCTSkip("cannot listen on loopback: errno \(errno)") }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
    }
}
