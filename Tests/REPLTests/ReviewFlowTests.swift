import Clocks
import CourseKit
import ProgressStore
import REPL
import XCTest

/// `review` on a clock the tests move by days, the right answers shown after a failed attempt, and a System Check
/// tied to no lesson (`quiz ID`) that unlocks a node.
final class ReviewFlowTests: XCTestCase {
    private let day: Int64 = 86_400_000

    /// Whether `text` contains `part`, every run of white space counted as one space (messages wrap at 80 columns).
    private func has(_ text: String, _ part: String) -> Bool {
        func flat(_ value: String) -> String { value.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        return flat(text).contains(flat(part))
    }

    func testAfterAWrongAnswerTheRightOptionsAndWhyComeAfterTheAttempt() async throws {
        let harness = try ReplHarness()
        let seed = harness.attemptSeed(1)
        let quiz = try XCTUnwrap(harness.course.quiz(id: "basics"))
        let result = try await harness.run(["open 1", "quiz"] + harness.answers("basics", attempt: 1, correct: false))
        let text = result.text
        XCTAssertTrue(has(text, "✗ Not quite (0/1 point)\n"), text)
        XCTAssertTrue(has(text, "The right answer and why: at the end of this attempt."), text)
        let section = try XCTUnwrap(text.range(of: "The questions you missed"), text)
        let score = try XCTUnwrap(text.range(of: "Score: 0/2 (0%) — NOT PASSED"))
        XCTAssertLessThan(section.lowerBound, score.lowerBound)
        let lastQuestion = try XCTUnwrap(text.range(of: "Question 2/2 (one or more answers"))
        XCTAssertLessThan(lastQuestion.lowerBound, section.lowerBound, "nothing is revealed mid-attempt")
        XCTAssertFalse(String(text[..<section.lowerBound]).contains("Why: SETEX is atomic."), text)
        let after = String(text[section.lowerBound...])
        let setex = quiz.questions[0].displayOptions(seed: seed).first { $0.key == "a" }
        let label = try XCTUnwrap(setex?.label)
        XCTAssertTrue(has(after, "Right answer:\n  \(label)) `SETEX key 3600 value`\nWhy: SETEX is atomic."), after)
        let both = quiz.questions[1].displayOptions(seed: seed).filter { $0.key != "c" }
        let listed = both.map { "  \($0.label)) \($0.text)" }.joined(separator: "\n")
        XCTAssertTrue(has(after, "Right answers:\n" + listed), after)
        XCTAssertTrue(has(after, "Why: Money and time."), after)
    }

    func testARightAnswerRevealsNothingExtra() async throws {
        let harness = try ReplHarness()
        let result = try await harness.run(["open 1", "quiz"] + harness.answers("basics", attempt: 1))
        XCTAssertFalse(has(result.text, "The questions you missed"), result.text)
        XCTAssertTrue(has(result.text, "✓ Correct (1/1 point)\nWhy: SETEX is atomic."), result.text)
    }

    func testReviewAsksMissedQuestionsDaysLaterAndNeverUnlocks() async throws {
        let clock = ManualClock(milliseconds: 1_800_000_000_000)
        let harness = try ReplHarness(clock: clock)
        let empty = try await harness.run(["review"])
        XCTAssertTrue(has(empty.text, "Nothing to review: you have not missed a System Check question yet."))
        XCTAssertEqual(empty.status, 0)

        let failed = try await harness.run(
            ["open 1", "quiz"] + harness.answers("basics", attempt: 1, correct: false) + ["review"])
        XCTAssertTrue(has(failed.text, "NOT PASSED"), failed.text)
        XCTAssertTrue(
            has(failed.text,
                "Nothing is due for review now. Next review: 2 questions in 1 day (2027-01-16 08:00 UTC); "
                    + "type `review`"),
            failed.text)

        clock.advance(milliseconds: day)
        let start = try await harness.run([])
        XCTAssertTrue(has(start.text, "2 questions you missed are due for review: type `review`."), start.text)
        let seed = harness.attemptSeed(1)
        let quiz = try XCTUnwrap(harness.course.quiz(id: "basics"))
        let setexRight = harness.typed(quiz.questions[0], seed: seed)
        let wastedWrong = harness.typed(quiz.questions[1], seed: seed, correct: false)
        let review = try await harness.run(["review", setexRight, wastedWrong, "review"])
        let text = review.text
        XCTAssertTrue(has(text, "2 questions you missed in earlier System Checks."), text)
        XCTAssertTrue(has(text, "From “System Check: Basics”\nQuestion 1/2 (one answer, 1 point)"), text)
        XCTAssertTrue(has(text, "✓ Correct (1/1 point)\nWhy: SETEX is atomic.\nNext time for this one: in 3 days."))
        XCTAssertTrue(has(text, "✗ Not quite (0/1 point)\nThe provider's disk is not your bill.\nRight answers:"))
        XCTAssertTrue(has(text, "Why: Money and time.\nIt comes back in 1 day."), text)
        XCTAssertTrue(has(text, "Review done: 1 of 2 right."), text)
        XCTAssertTrue(has(text, "Next review: 1 question in 1 day (2027-01-17 08:00 UTC)"), text)
        XCTAssertTrue(has(text, "Nothing is due for review now."), "the second `review` finds nothing due")
        XCTAssertEqual(review.status, 0)

        let ada = try XCTUnwrap(harness.store.learner(named: "ada"))
        XCTAssertEqual(try harness.store.reviewAnswers(learner: ada).map(\.correct), [true, false])
        XCTAssertEqual(try harness.store.attempts(learner: ada).count, 1, "a review is not an attempt")
        XCTAssertEqual(try harness.store.unlockedNodes(learner: ada), [], "right review answers unlock nothing")

        clock.advance(milliseconds: day)
        let next = try await harness.run(["review", harness.typed(quiz.questions[1], seed: seed)])
        XCTAssertTrue(has(next.text, "1 question you missed"), next.text)
        XCTAssertTrue(has(next.text, "Review done: 1 of 1 right."), next.text)
        XCTAssertTrue(has(next.text, "Next review: 1 question in 2 days"), "setex is due 3 days after day 1")
    }

    func testANextReviewLessThanADayAwayIsGivenInHours() async throws {
        let clock = ManualClock(milliseconds: 1_800_000_000_000)
        let harness = try ReplHarness(clock: clock)
        _ = try await harness.run(["open 1", "quiz"] + harness.answers("basics", attempt: 1, correct: false))
        clock.advance(milliseconds: 2 * 3_600_000 + 1)
        let result = try await harness.run(["review"])
        XCTAssertTrue(has(result.text, "Next review: 2 questions in 22 hours (2027-01-16 08:00 UTC)"), result.text)
    }

    func testStoppingAReviewKeepsTheAnswersGiven() async throws {
        let clock = ManualClock(milliseconds: 1_800_000_000_000)
        let harness = try ReplHarness(clock: clock)
        _ = try await harness.run(["open 1", "quiz"] + harness.answers("basics", attempt: 1, correct: false))
        clock.advance(milliseconds: 2 * day)
        let quiz = try XCTUnwrap(harness.course.quiz(id: "basics"))
        let (session, output, _) = try harness.session([
            .line("review"), .line(harness.typed(quiz.questions[0], seed: harness.attemptSeed(1))), .interrupted,
        ])
        _ = await session.run()
        XCTAssertTrue(has(output.text, "Review stopped: 1 answer recorded."), output.text)
        let ada = try XCTUnwrap(harness.store.learner(named: "ada"))
        XCTAssertEqual(try harness.store.reviewAnswers(learner: ada).count, 1)
    }

    private let capstone = """
        id = "capstone"
        title = "System Check: Capstone"
        unlocks = "cache"
        pass = 1.0

        [[question]]
        id = "code"
        kind = "single"
        prompt = "Which status code means Too Many Requests?"
        hints = ["RFC 6585."]
        explanation = "429 (RFC 6585)."
          [[question.option]]
          key = "a"
          text = "429"
          correct = true
          [[question.option]]
          key = "b"
          text = "503"
          feedback = "503 is Service Unavailable."
        """

    func testAQuizWithNoLessonOpensWithItsNodesRequirementsAndCountsForTheNode() async throws {
        let harness = try ReplHarness(extraFiles: ["Quizzes/capstone.toml": capstone])
        XCTAssertEqual(harness.course.quizzes(unlocking: "cache").map(\.id), ["cache", "capstone"])
        let locked = try await harness.run(["quiz capstone"])
        XCTAssertTrue(
            has(locked.text, "! error: “System Check: Capstone” is locked: first unlock Basics."), locked.text)
        XCTAssertEqual(locked.status, 1)

        let result = try await harness.run(
            ["open 1", "quiz"] + harness.answers("basics", attempt: 1)
                + ["quiz capstone"] + harness.answers("capstone", attempt: 2)
                + ["open 2", "quiz"] + harness.answers("cache", attempt: 3))
        let text = result.text
        XCTAssertEqual(result.status, 0, text)
        let capstonePass = try XCTUnwrap(text.range(of: "System Check: Capstone\n"))
        let after = String(text[capstonePass.lowerBound...])
        XCTAssertTrue(
            has(after, "To unlock Cache: pass the System Check of lesson 2 “Exact Caching”."), after)
        XCTAssertTrue(has(after, "NODE UNLOCKED: Cache"), after)
        let ada = try XCTUnwrap(harness.store.learner(named: "ada"))
        XCTAssertEqual(try harness.store.unlockedNodes(learner: ada).map(\.nodeID), ["basics", "cache"])
    }

    func testAFailedLessonlessQuizNamesItselfForTheRetake() async throws {
        let harness = try ReplHarness(extraFiles: ["Quizzes/capstone.toml": capstone])
        let result = try await harness.run(
            ["open 1", "quiz"] + harness.answers("basics", attempt: 1)
                + ["quiz capstone"] + harness.answers("capstone", attempt: 2, correct: false))
        XCTAssertTrue(
            has(result.text, "Reread the pages the explanations point to, then type `quiz capstone` to try again."),
            result.text)
    }
}
