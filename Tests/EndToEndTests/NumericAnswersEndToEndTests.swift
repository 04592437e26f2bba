import CourseKit
import Foundation
import SeededRandom
import XCTest

/// Numeric answers a learner types naturally (another spelling of the unit, a dollar sign, thousands
/// separators) through the built binary; another unit is asked again (never counted), not converted.
final class NumericAnswersEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "numeric-e2e" }

    private func courseDirectory() throws -> URL {
        try ArchLabRunner.fixtures.appendingPathComponent("valid")
    }

    /// The right answers to the fixture's `caching` check for the first attempt of a `--seed 7` session,
    /// with the numeric question answered by `numeric` (several lines when the first are re-asked).
    private func cachingAnswers(numeric: [String]) throws -> [String] {
        let course = try CourseLoader.load(directory: courseDirectory()).course
        let quiz = try XCTUnwrap(course.quiz(id: "caching"))
        var generator = SplitMix64(seed: 7)
        return TypedAnswers.right(quiz, seed: generator.next(), numeric: numeric)
    }

    private func repl(_ lines: [String]) throws -> ArchLabRunner.Output {
        let database = scratch.appendingPathComponent("progress.sqlite").path
        return try ReplProcess.run(
            ["--course", courseDirectory().path, "--db", database, "--learner", "ada", "--seed", "7"],
            input: (lines + ["quit"]).map { $0 + "\n" }.joined(), environment: ["XDG_STATE_HOME": scratch.path])
    }

    func testAnotherUnitIsAskedAgainAndAnotherSpellingOfTheUnitIsAccepted() throws {
        let session = try repl(["open 1", "quiz"] + cachingAnswers(numeric: ["60 min", "2 requests", "3600 seconds"]))
        XCTAssertEqual(session.status, 0, session.stderr)
        XCTAssertTrue(
            session.stdout.contains("Not an answer: this question is answered in s, not `min`: type the answer in s"),
            session.stdout)
        XCTAssertTrue(
            session.stdout.contains("Not an answer: this question is answered in s, not `requests`"), session.stdout)
        XCTAssertFalse(session.stdout.contains("✗ Not quite"), session.stdout)
        XCTAssertTrue(session.stdout.contains("— PASSED"), session.stdout)
    }

    func testThousandsSeparatorsAreNumbers() throws {
        let session = try repl(["open 1", "quiz"] + cachingAnswers(numeric: ["3,600 s"]))
        XCTAssertEqual(session.status, 0, session.stderr)
        XCTAssertFalse(session.stdout.contains("Not an answer"), session.stdout)
        XCTAssertFalse(session.stdout.contains("✗ Not quite"), session.stdout)
    }

    func testAnswersFilesAreParsedTheSameWay() throws {
        let file = scratch.appendingPathComponent("answers.toml")
        let answers = """
            learner = "ada"

            [quiz.caching]
            benefit = "a"
            why-ttl = ["a", "c"]
            policy = "allkeys-lru"
            ttl-seconds = "3,600 sec"

            [quiz.limits]
            steps = ["refill", "check", "take"]
            refill = "2 seconds"
            status = "Too Many Requests"
            """
        try answers.write(to: file, atomically: true, encoding: .utf8)
        let graded = try ArchLabRunner.run(["grade", "--course", "valid", file.path])
        XCTAssertEqual(graded.status, 0, graded.stdout + graded.stderr)
        XCTAssertFalse(graded.stdout.contains("FAILED"), graded.stdout)
    }
}
