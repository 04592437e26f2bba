import Clocks
import Foundation
import GRDB
import XCTest

@testable import ProgressStore

final class ProgressStoreTests: XCTestCase {
    private func openStore(
        _ directory: URL, clock: ManualClock = ManualClock(milliseconds: testEpochMilliseconds)
    ) throws -> ProgressStore {
        try ProgressStore(path: directory.appendingPathComponent("nested/dir/progress.sqlite").path, clock: clock)
    }

    func testNewDatabaseIsCreatedPrivateWithItsParentDirectories() throws {
        let directory = try makeTemporaryDirectory(self)
        let store = try openStore(directory)
        let attributes = try FileManager.default.attributesOfItem(atPath: store.path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let learner = try store.ensureLearner("ada")
        XCTAssertEqual(try store.lessonProgress(learner: learner), [])
        XCTAssertEqual(try store.attempts(learner: learner), [])
        XCTAssertEqual(try store.unlockedNodes(learner: learner), [])
        for sidecar in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: store.path + sidecar) {
            let mode = try FileManager.default.attributesOfItem(atPath: store.path + sidecar)[.posixPermissions]
            XCTAssertEqual((mode as? NSNumber)?.intValue, 0o600, sidecar)
        }
    }

    func testWritesAreCommittedWithFullSynchronousInWAL() throws {
        let store = try openStore(try makeTemporaryDirectory(self))
        let (mode, synchronous) = try store.database.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        XCTAssertEqual(mode, "wal")
        XCTAssertEqual(synchronous, 2)
    }

    func testLearnersAreCreatedOnceAndNamesWithControlCharactersRefused() throws {
        let store = try openStore(try makeTemporaryDirectory(self))
        let first = try store.ensureLearner("  ada ")
        let again = try store.ensureLearner("ada")
        XCTAssertEqual(first, again)
        XCTAssertEqual(first.name, "ada")
        XCTAssertThrowsError(try store.ensureLearner("ad\u{1B}[31ma"))
        XCTAssertThrowsError(try store.ensureLearner("   "))
        XCTAssertEqual(LearnerName.sanitized("bo\u{7}b\n"), "bob")
        _ = try store.ensureLearner("grace")
        XCTAssertEqual(try store.learners().map(\.learner.name), ["ada", "grace"])
    }

    func testReadingPositionKeepsFirstSeenAndCompletion() throws {
        let clock = ManualClock(milliseconds: testEpochMilliseconds)
        let store = try openStore(try makeTemporaryDirectory(self), clock: clock)
        let ada = try store.ensureLearner("ada")
        XCTAssertNil(try store.readingPosition(learner: ada, lessonID: "exact-caching"))
        try store.setReadingPosition(learner: ada, lessonID: "exact-caching", page: 2)
        clock.advance(milliseconds: 60_000)
        // A passed attempt completes its lesson; a later pass keeps the first completion time.
        _ = try store.recordAttempt(
            learner: ada, sampleAttempt(score: 4, passed: true), completingLesson: "exact-caching",
            decidingUnlocks: { _ in [] })
        clock.advance(milliseconds: 60_000)
        try store.setReadingPosition(learner: ada, lessonID: "exact-caching", page: 4)
        _ = try store.recordAttempt(
            learner: ada, sampleAttempt(score: 4, passed: true), completingLesson: "exact-caching",
            decidingUnlocks: { _ in [] })
        let position = try XCTUnwrap(try store.readingPosition(learner: ada, lessonID: "exact-caching"))
        XCTAssertEqual(position.page, 4)
        XCTAssertEqual(position.firstSeenAt, testEpoch)
        XCTAssertEqual(position.completedAt, testEpoch.addingTimeInterval(60))
        XCTAssertEqual(position.updatedAt, testEpoch.addingTimeInterval(120))
    }

    func testTimestampsAreStoredAsISO8601UTC() throws {
        let store = try openStore(try makeTemporaryDirectory(self))
        let ada = try store.ensureLearner("ada")
        _ = try store.recordAttempt(learner: ada, sampleAttempt(score: 4, passed: true), unlocking: ["exact-cache"])
        let stored = try store.database.read { db in
            try String.fetchAll(db, sql: "SELECT finishedAt FROM quizAttempt UNION ALL SELECT unlockedAt FROM unlock")
        }
        XCTAssertEqual(stored, ["2026-11-27T10:00:00.000Z", "2026-11-27T10:00:00.000Z"])
    }

    func testBestScoreIsKeptAcrossUnlimitedRetries() throws {
        let clock = ManualClock(milliseconds: testEpochMilliseconds)
        let store = try openStore(try makeTemporaryDirectory(self), clock: clock)
        let ada = try store.ensureLearner("ada")
        for score in [1.0, 3.0, 2.0, 3.0] {
            clock.advance(milliseconds: 10_000)
            _ = try store.recordAttempt(learner: ada, sampleAttempt(score: score, passed: score >= 3))
        }
        XCTAssertEqual(try store.attempts(learner: ada).map(\.score), [1, 3, 2, 3])
        let best = try store.bestAttempts(learner: ada)
        XCTAssertEqual(best.count, 1)
        XCTAssertEqual(best.first?.score, 3)
        XCTAssertEqual(
            best.first?.finishedAt, testEpoch.addingTimeInterval(20), "the first attempt with the best score")
        XCTAssertEqual(best.first?.answers.map(\.questionID), ["setex", "why-ttl"])
        XCTAssertEqual(best.first?.answers.map(\.responseJSON), ["\"a\"", "[\"a\",\"c\"]"])
        XCTAssertEqual(try store.passedQuizIDs(learner: ada), ["exact-caching"])
    }

    func testAChangedQuizKeepsOldAttemptsAndNeverRevokesAnUnlock() throws {
        let clock = ManualClock(milliseconds: testEpochMilliseconds)
        let store = try openStore(try makeTemporaryDirectory(self), clock: clock)
        let ada = try store.ensureLearner("ada")
        let first = try store.recordAttempt(
            learner: ada, sampleAttempt(hash: "old", score: 4, passed: true), unlocking: ["exact-cache"])
        XCTAssertEqual(first.newlyUnlocked.map(\.nodeID), ["exact-cache"])
        clock.advance(milliseconds: 3600_000)
        let second = try store.recordAttempt(
            learner: ada, sampleAttempt(hash: "new", score: 0, maxScore: 5, passed: false, questions: ["other"]),
            unlocking: ["exact-cache"])
        XCTAssertEqual(second.newlyUnlocked, [])
        let unlocks = try store.unlockedNodes(learner: ada)
        XCTAssertEqual(unlocks.map(\.nodeID), ["exact-cache"])
        XCTAssertEqual(unlocks.first?.unlockedAt, testEpoch)
        XCTAssertEqual(unlocks.first?.attemptID, first.attempt.id)
        XCTAssertEqual(try store.attempts(learner: ada).map(\.contentHash), ["old", "new"])
        XCTAssertEqual(try store.passedQuizIDs(learner: ada), ["exact-caching"])
    }

    func testLabRunsAreRecordedWithTheirUnlocks() throws {
        let store = try openStore(try makeTemporaryDirectory(self))
        let ada = try store.ensureLearner("ada")
        let run = try store.recordLabRun(
            learner: ada, scenarioID: "exact-cache", parametersJSON: "{\"requests\":100}",
            summaryJSON: "{\"hit_rate\":0.8}", unlocking: ["exact-cache"])
        XCTAssertEqual(run.newlyUnlocked.first?.labRunID, run.run.id)
        XCTAssertEqual(try store.ranLabIDs(learner: ada), ["exact-cache"])
        XCTAssertEqual(try store.labRuns(learner: ada).first?.summaryJSON, "{\"hit_rate\":0.8}")
        XCTAssertThrowsError(
            try store.recordLabRun(learner: ada, scenarioID: "x", parametersJSON: "{", summaryJSON: "{}"))
    }

    func testResetRemovesOnlyThatLearner() throws {
        let store = try openStore(try makeTemporaryDirectory(self))
        let ada = try store.ensureLearner("ada")
        let bob = try store.ensureLearner("bob")
        for learner in [ada, bob] {
            _ = try store.recordAttempt(
                learner: learner, sampleAttempt(score: 4, passed: true), unlocking: ["exact-cache"])
            try store.setReadingPosition(learner: learner, lessonID: "exact-caching", page: 1)
        }
        XCTAssertTrue(try store.reset(learnerNamed: "ada"))
        XCTAssertFalse(try store.reset(learnerNamed: "ada"))
        XCTAssertEqual(try store.learners().map(\.learner.name), ["bob"])
        XCTAssertEqual(try store.attempts(learner: bob).count, 1)
        let orphans = try store.database.read { db in
            try Int.fetchOne(
                db,
                sql:
                    """
                        SELECT (SELECT count(*) FROM answer) + (SELECT count(*) FROM unlock) + (SELECT count(*) FROM \
                        lessonProgress)
                        """
            )
        }
        XCTAssertEqual(orphans, 2 + 1 + 1)
    }

    func testDatabaseLocationFollowsFlagThenEnvironmentThenXDG() {
        let home = "/home/ada"
        XCTAssertEqual(
            ProgressDatabaseLocation.resolve(
                explicit: "p.sqlite", environment: ["ARCHLAB_DB": "/e.sqlite"], homeDirectory: home,
                currentDirectory: "/w"),
            "/w/p.sqlite")
        XCTAssertEqual(
            ProgressDatabaseLocation.resolve(
                explicit: nil, environment: ["ARCHLAB_DB": "/e.sqlite"], homeDirectory: home, currentDirectory: "/w"),
            "/e.sqlite")
        XCTAssertEqual(
            ProgressDatabaseLocation.resolve(
                explicit: nil, environment: ["XDG_DATA_HOME": "/x"], homeDirectory: home, currentDirectory: "/w"),
            "/x/archlab/progress.sqlite")
        XCTAssertEqual(
            ProgressDatabaseLocation.resolve(
                explicit: nil, environment: ["XDG_DATA_HOME": "rel"], homeDirectory: home, currentDirectory: "/w"),
            "/home/ada/.local/share/archlab/progress.sqlite")
    }
}
