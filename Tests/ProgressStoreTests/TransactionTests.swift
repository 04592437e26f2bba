import Clocks
import Foundation
import GRDB
import XCTest

@testable import ProgressStore

final class TransactionTests: XCTestCase {
    private struct InjectedFailure: Error {}

    private func counts(_ store: ProgressStore) throws -> [Int] {
        try store.database.read { db in
            [
                try QuizAttemptRecord.fetchCount(db),
                try AnswerRecord.fetchCount(db),
                try UnlockRecord.fetchCount(db),
            ]
        }
    }

    private func assertFailureMidwayLeavesNothing(at point: ProgressStore.FaultPoint) throws {
        let path = try makeTemporaryDirectory(self).appendingPathComponent("progress.sqlite").path
        let failing = try ProgressStore(
            path: path, clock: ManualClock(milliseconds: testEpochMilliseconds), busyTimeout: 5
        ) { reached in
            if reached == point { throw InjectedFailure() }
        }
        let ada = try failing.ensureLearner("ada")
        XCTAssertThrowsError(
            try failing.recordAttempt(
                learner: ada, sampleAttempt(score: 4, passed: true), unlocking: ["exact-cache", "cost-model"])
        ) { error in
            XCTAssertTrue(error is InjectedFailure, "\(error)")
        }
        XCTAssertEqual(try counts(failing), [0, 0, 0])
        try failing.close()

        let reopened = try ProgressStore(path: path, clock: ManualClock(milliseconds: testEpochMilliseconds))
        XCTAssertEqual(try counts(reopened), [0, 0, 0])
        let recorded = try reopened.recordAttempt(
            learner: ada, sampleAttempt(score: 4, passed: true), unlocking: ["exact-cache"])
        XCTAssertEqual(recorded.newlyUnlocked.map(\.nodeID), ["exact-cache"])
        XCTAssertEqual(try counts(reopened), [1, 2, 1])
    }

    func testAFailureAfterTheAnswersLeavesNothing() throws {
        try assertFailureMidwayLeavesNothing(at: .afterAnswers)
    }

    func testAFailureAfterTheUnlocksLeavesNothing() throws {
        try assertFailureMidwayLeavesNothing(at: .afterUnlocks)
    }

    func testADatabaseConstraintFailureMidwayLeavesNothing() throws {
        let store = try ProgressStore(
            path: try makeTemporaryDirectory(self).appendingPathComponent("p.sqlite").path,
            clock: ManualClock(milliseconds: testEpochMilliseconds))
        let ada = try store.ensureLearner("ada")
        let duplicated = sampleAttempt(score: 2, passed: false, questions: ["setex", "why-ttl", "setex"])
        XCTAssertThrowsError(try store.recordAttempt(learner: ada, duplicated, unlocking: ["exact-cache"])) { error in
            XCTAssertTrue(error is ProgressStoreError, "\(error)")
        }
        XCTAssertEqual(try counts(store), [0, 0, 0])
    }

    func testAResponseThatIsNotJSONIsRefusedBeforeWriting() throws {
        let store = try ProgressStore(
            path: try makeTemporaryDirectory(self).appendingPathComponent("p.sqlite").path,
            clock: ManualClock(milliseconds: testEpochMilliseconds))
        let ada = try store.ensureLearner("ada")
        let bad = FinishedAttempt(
            quizID: "q", contentHash: "h", startedAt: testEpoch, score: 0, maxScore: 1, passed: false,
            answers: [AttemptAnswer(questionID: "a", responseJSON: "b", points: 0, hintsUsed: 0)])
        XCTAssertThrowsError(try store.recordAttempt(learner: ada, bad))
        XCTAssertEqual(try counts(store), [0, 0, 0])
    }
}
