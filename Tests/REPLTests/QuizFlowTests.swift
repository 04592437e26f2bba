import CourseKit
import ProgressStore
import REPL
import Terminal
import XCTest

final class QuizFlowTests: XCTestCase {
    func testFailThenPassUnlocksTheNodeAndRedrawsTheMatrix() async throws {
        let harness = try ReplHarness()
        let wrong = harness.answers("basics", attempt: 1, correct: false)
        let right = harness.answers("basics", attempt: 2)
        let result = try await harness.run(["open 1", "quiz"] + wrong + ["quiz"] + right + ["lessons", "open 2"])
        XCTAssertTrue(result.text.contains("System Check: Basics\n2 questions, pass mark 100% (2 of 2 points)."))
        XCTAssertTrue(result.text.contains("Question 1/2 (one answer, 1 point)"))
        XCTAssertTrue(result.text.contains("✗ Not quite (0/1 point)"))
        XCTAssertTrue(result.text.contains("Why: SETEX is atomic."))
        XCTAssertTrue(result.text.contains("Score: 0/2 (0%) — NOT PASSED; the pass mark is 2."))
        XCTAssertTrue(result.text.contains("Score: 2/2 (100%) — PASSED; the pass mark is 2."))
        XCTAssertTrue(result.text.contains("NODE UNLOCKED: Basics\n\n┌"))
        XCTAssertTrue(result.text.contains("│ ✓ unlocked    │"))
        XCTAssertTrue(result.text.contains("Next: `open 2` for “Exact Caching”."))
        XCTAssertTrue(result.text.contains("▸ 1. Basics of Caching (5 min) — done"))
        XCTAssertTrue(result.text.contains("Lesson 2/3 · Exact Caching · page 1/2"))
        XCTAssertEqual(result.status, 0)
        let ada = try XCTUnwrap(harness.store.learner(named: "ada"))
        let attempts = try harness.store.attempts(learner: ada, quizID: "basics")
        XCTAssertEqual(attempts.map(\.passed), [false, true])
        XCTAssertEqual(try harness.store.unlockedNodes(learner: ada).map(\.nodeID), ["basics"])
    }

    func testOptionsAreShownShuffledWithLettersAndAnswersMapToFileKeys() async throws {
        let harness = try ReplHarness()
        let quiz = try XCTUnwrap(harness.course.quiz(id: "basics"))
        let seed = harness.attemptSeed(1)
        let shown = quiz.questions[0].displayOptions(seed: seed)
        let result = try await harness.run(["open 1", "quiz"] + harness.answers("basics", attempt: 1))
        for choice in shown {
            XCTAssertTrue(
                result.text.contains("  \(choice.label)) `\(choice.text.dropFirst().dropLast())`")
                    || result.text.contains("  \(choice.label)) \(choice.text)"),
                "option \(choice.label) shown")
        }
        let ada = try XCTUnwrap(harness.store.learner(named: "ada"))
        let attempt = try XCTUnwrap(harness.store.attempts(learner: ada).first)
        XCTAssertEqual(
            attempt.answers.first { $0.questionID == "setex" }?.responseJSON, #"{"key":"a","kind":"option"}"#)
    }

    func testUnparseableAnswersAreAskedAgainAndHintsAreRecorded() async throws {
        let harness = try ReplHarness()
        let right = harness.answers("basics", attempt: 1)
        let result = try await harness.run(["open 1", "quiz", "", "zz", "hint", "hint", "hint", right[0], right[1]])
        XCTAssertTrue(result.text.contains("Not an answer:"))
        XCTAssertTrue(result.text.contains("Hint 1/2: One command, not two."))
        XCTAssertTrue(result.text.contains("Hint 2/2: Its name starts with SET."))
        XCTAssertTrue(result.text.contains("No more hints for this question."))
        XCTAssertTrue(result.text.contains("Score: 2/2 (100%) — PASSED"))
        let ada = try XCTUnwrap(harness.store.learner(named: "ada"))
        let attempt = try XCTUnwrap(harness.store.attempts(learner: ada).first)
        XCTAssertEqual(attempt.answers.first { $0.questionID == "setex" }?.hintsUsed, 2)
        XCTAssertEqual(attempt.answers.count, 2)
    }

    func testShortNumericAndOrderQuestions() async throws {
        let harness = try ReplHarness()
        let basics = harness.answers("basics", attempt: 1)
        let cacheQuiz = try XCTUnwrap(harness.course.quiz(id: "cache"))
        let seed = harness.attemptSeed(2)
        let order = harness.typed(cacheQuiz.questions[2], seed: seed)
        let result = try await harness.run(
            ["open 1", "quiz"] + basics + ["open 2", "quiz", "AllKeys-LRU", "five", "5s", order])
        XCTAssertTrue(result.text.contains("Question 2/3 (number, 1 point)"))
        XCTAssertTrue(result.text.contains("Type a number (in s)."))
        XCTAssertTrue(result.text.contains("Not an answer:"))
        XCTAssertTrue(result.text.contains("Type the numbers in the right order, e.g. `3 1 2`."))
        XCTAssertTrue(result.text.contains("  1) "))
        XCTAssertTrue(result.text.contains("Score: 3/3 (100%) — PASSED"))
        XCTAssertTrue(result.text.contains("NODE UNLOCKED: Cache"))
    }

    func testInterruptingAQuizAbandonsItWithoutRecording() async throws {
        let harness = try ReplHarness()
        let right = harness.answers("basics", attempt: 1)
        let (session, output, _) = try harness.session([
            .line("open 1"), .line("quiz"), .line(right[0]), .interrupted, .line("progress"),
        ])
        let status = await session.run()
        XCTAssertEqual(status, 1)
        XCTAssertTrue(output.text.contains("Attempt abandoned: nothing was recorded. Type `quiz` to start again."))
        XCTAssertTrue(output.text.contains("│ 1. Basics of Caching │    — │     0 │ × Basics │"), output.text)
        let ada = try XCTUnwrap(harness.store.learner(named: "ada"))
        XCTAssertEqual(try harness.store.attempts(learner: ada).count, 0)

        let ended = try await harness.run(["open 1", "quiz", right[0]])
        XCTAssertTrue(ended.text.contains("Attempt abandoned"))
        XCTAssertEqual(try harness.store.attempts(learner: ada).count, 0)
    }

    func testQuizWithNoOpenLessonTakesTheFirstAndANumberNamesALesson() async throws {
        let harness = try ReplHarness()
        let result = try await harness.run(["quiz"] + harness.answers("basics", attempt: 1) + ["quiz 3"])
        XCTAssertTrue(result.text.contains("System Check: Basics\n"))
        XCTAssertTrue(result.text.contains("Score: 2/2 (100%) — PASSED"))
        XCTAssertTrue(result.text.contains("! error: The System Check of lesson 3 is locked"), result.text)
    }

    func testLockedQuizzesAndHintOutsideAQuiz() async throws {
        let harness = try ReplHarness()
        let result = try await harness.run(["hint", "quiz cache", "quiz nope"])
        XCTAssertTrue(result.text.contains("! error: `hint` works while a System Check asks a question."))
        XCTAssertTrue(result.text.contains("! error: The System Check of lesson 2 is locked: the lesson needs Basics"))
        XCTAssertTrue(result.text.contains("! error: No System Check `nope`."))
        XCTAssertEqual(result.status, 1)
    }

    func testLabRunsAndPassesCascadeThroughMilestones() async throws {
        let harness = try ReplHarness()
        let lines =
            ["open 1", "quiz"] + harness.answers("basics", attempt: 1)
            + ["open 2", "quiz"] + harness.answers("cache", attempt: 2)
        let (session, output, _) = try harness.session(lines.map(LineInput.line))
        _ = await session.run()
        try session.recordLabRun(scenarioID: "exact-cache")
        XCTAssertTrue(output.text.contains("NODE UNLOCKED: Lab Node"))
        let final = try await harness.run(["open 3", "quiz"] + harness.answers("final", attempt: 1))
        XCTAssertTrue(final.text.contains("NODE UNLOCKED: Final\nNODE UNLOCKED: Milestone"), final.text)
        XCTAssertFalse(output.text.contains("COURSE COMPLETE"), "not before the last node")
        XCTAssertTrue(
            final.text.contains("COURSE COMPLETE — all 3 lessons passed and all 5 Matrix nodes unlocked."), final.text)
        XCTAssertTrue(final.text.contains("What next: `progress` shows your best scores"), final.text)
        XCTAssertTrue(final.text.contains("Learner ada: 2/3 lessons, 3/5 nodes unlocked."))
        let after = try await harness.run(["progress"])
        XCTAssertTrue(after.text.contains("Learner ada: 3/3 lessons, 5/5 nodes unlocked."))
        XCTAssertTrue(after.text.contains("Labs run: exact-cache"))
    }
}
