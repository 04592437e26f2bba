import Clocks
import Foundation
import XCTest

@testable import ProgressStore

/// The `v4-review-answers` migration: answers given in `review`, kept apart from attempts and unlocks.
final class ReviewAnswerTests: XCTestCase {
    private func makeStore() throws -> (ProgressStore, ManualClock) {
        let directory = try makeTemporaryDirectory(self)
        let clock = ManualClock(milliseconds: testEpochMilliseconds)
        return (try ProgressStore(path: directory.appendingPathComponent("p.sqlite").path, clock: clock), clock)
    }

    private func answer(_ questionID: String, points: Double) -> NewReviewAnswer {
        NewReviewAnswer(
            quizID: "caching", questionID: questionID, contentHash: "h1", responseJSON: #"{"key":"a","kind":"option"}"#,
            points: points, maxPoints: 1, hintsUsed: 1)
    }

    func testReviewAnswersAreStoredInOrderWithTheStoreClockAndNeverAsAttemptsOrUnlocks() throws {
        let (store, clock) = try makeStore()
        let ada = try store.ensureLearner("ada")
        let first = try store.recordReviewAnswer(learner: ada, answer("benefit", points: 0))
        clock.advance(milliseconds: 86_400_000)
        try store.recordReviewAnswer(learner: ada, answer("benefit", points: 1))
        let answers = try store.reviewAnswers(learner: ada)
        XCTAssertEqual(answers.map(\.correct), [false, true])
        XCTAssertEqual(answers.map(\.questionID), ["benefit", "benefit"])
        XCTAssertEqual(first.answeredAt, Date(timeIntervalSince1970: Double(testEpochMilliseconds) / 1000))
        XCTAssertEqual(answers.last?.answeredAt.timeIntervalSince(first.answeredAt), 86_400)
        XCTAssertEqual(answers.first?.hintsUsed, 1)
        XCTAssertEqual(answers.first?.contentHash, "h1")
        XCTAssertEqual(try store.attempts(learner: ada), [])
        XCTAssertEqual(try store.passedQuizIDs(learner: ada), [])
        XCTAssertEqual(try store.unlockedNodes(learner: ada), [])
        let bob = try store.ensureLearner("bob")
        XCTAssertEqual(try store.reviewAnswers(learner: bob), [])
    }

    func testAnInvalidResponseIsRefusedAndResettingTheLearnerDeletesTheirReviews() throws {
        let (store, _) = try makeStore()
        let ada = try store.ensureLearner("ada")
        let broken = NewReviewAnswer(
            quizID: "caching", questionID: "benefit", contentHash: "h1", responseJSON: "{not json", points: 0,
            maxPoints: 1, hintsUsed: 0)
        XCTAssertThrowsError(try store.recordReviewAnswer(learner: ada, broken))
        try store.recordReviewAnswer(learner: ada, answer("benefit", points: 1))
        XCTAssertTrue(try store.reset(learnerNamed: "ada"))
        let again = try store.ensureLearner("ada")
        XCTAssertEqual(try store.reviewAnswers(learner: again), [])
    }
}
