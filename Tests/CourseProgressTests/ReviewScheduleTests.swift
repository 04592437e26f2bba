import Clocks
import CourseKit
import CourseProgress
import Foundation
import TestSupport
import XCTest

@testable import ProgressStore

/// `review`'s schedule over records written as the REPL writes them: a miss comes back after 1 day, a right review
/// moves it to 3, 7, 14, 30 and 60 days, a wrong one back to 1 day, and a right answer at 60 days retires it.
final class ReviewScheduleTests: XCTestCase {
    private let day: Int64 = 86_400_000
    private var directory: URL!
    private var course: Course!
    private var clock: ManualClock!
    private var store: ProgressStore!
    private var ada: Learner!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        course = try CourseLoader.load(directory: try SharedFixtures.url("valid")).course
        clock = ManualClock(milliseconds: 1_800_000_000_000)
        store = try ProgressStore(path: directory.appendingPathComponent("p.sqlite").path, clock: clock)
        ada = try store.ensureLearner("ada")
    }

    override func tearDownWithError() throws {
        try? store.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Records an attempt at `caching` in which `missed` questions earned nothing and the others every point.
    private func attempt(missing missed: Set<String>, partly: Set<String> = []) throws {
        let quiz = try XCTUnwrap(course.quiz(id: "caching"))
        let answers = quiz.questions.map { question in
            AttemptAnswer(
                questionID: question.id, responseJSON: "null",
                points: missed.contains(question.id) ? 0 : partly.contains(question.id) ? question.points / 2
                    : question.points,
                hintsUsed: 0)
        }
        _ = try store.recordAttempt(
            learner: ada,
            FinishedAttempt(
                quizID: quiz.id, contentHash: quiz.contentHash, startedAt: clock.date(), score: 0,
                maxScore: quiz.maxScore, passed: false, answers: answers))
    }

    private func review(_ questionID: String, right: Bool) throws {
        try store.recordReviewAnswer(
            learner: ada,
            NewReviewAnswer(
                quizID: "caching", questionID: questionID, contentHash: "h", responseJSON: "null",
                points: right ? 1 : 0, maxPoints: 1, hintsUsed: 0))
    }

    private func items() throws -> [ReviewSchedule.Item] {
        ReviewSchedule.items(
            course: course, attempts: try store.attempts(learner: ada), reviews: try store.reviewAnswers(learner: ada))
    }

    private func dueIDs() throws -> [String] {
        ReviewSchedule.due(try items(), at: clock.date()).map(\.question.id)
    }

    func testAMissIsDueOneDayLaterAndPartialCreditCountsAsAMiss() throws {
        XCTAssertEqual(try items(), [], "nothing missed, nothing to review")
        try attempt(missing: ["benefit"], partly: ["why-ttl"])
        XCTAssertEqual(try items().map(\.question.id), ["benefit", "why-ttl"])
        XCTAssertEqual(try dueIDs(), [])
        clock.advance(milliseconds: day - 1)
        XCTAssertEqual(try dueIDs(), [], "not a moment before the day is over")
        clock.advance(milliseconds: 1)
        XCTAssertEqual(try dueIDs(), ["benefit", "why-ttl"])
        XCTAssertEqual(try items().first?.due, clock.date())
    }

    func testRightReviewsMoveThroughTheIntervalsAWrongOneResetsAndTheLastRetires() throws {
        try attempt(missing: ["benefit"])
        clock.advance(milliseconds: day)
        try review("benefit", right: true)
        let afterFirst = try XCTUnwrap(try items().first)
        XCTAssertEqual(afterFirst.step, 1)
        XCTAssertEqual(afterFirst.due, clock.date().addingTimeInterval(3 * 86_400))
        clock.advance(milliseconds: 3 * day)
        XCTAssertEqual(try dueIDs(), ["benefit"])
        try review("benefit", right: false)
        XCTAssertEqual(try items().first?.step, 0)
        XCTAssertEqual(try items().first?.due, clock.date().addingTimeInterval(86_400))
        for days in ReviewSchedule.intervalDays {
            clock.advance(milliseconds: Int64(days) * day)
            XCTAssertEqual(try dueIDs(), ["benefit"], "due after \(days) days")
            try review("benefit", right: true)
        }
        XCTAssertEqual(try items(), [], "right at 60 days: retired")
        clock.advance(milliseconds: 365 * day)
        XCTAssertEqual(try dueIDs(), [])
        try attempt(missing: ["benefit"])
        XCTAssertEqual(try items().map(\.step), [0], "a new miss brings it back")
    }

    func testQuestionsNoLongerInTheCourseAreLeftOut() throws {
        _ = try store.recordAttempt(
            learner: ada,
            FinishedAttempt(
                quizID: "gone", contentHash: "h", startedAt: clock.date(), score: 0, maxScore: 1, passed: false,
                answers: [AttemptAnswer(questionID: "old", responseJSON: "null", points: 0, hintsUsed: 0)]))
        try attempt(missing: ["no-such-question"])
        XCTAssertEqual(try items(), [])
    }
}
