import Clocks
import Foundation
import GRDB
import XCTest

@testable import ProgressStore

final class MigrationTests: XCTestCase {
    /// Builds `Fixtures/progress-v1.sqlite` (the schema as ArchLab's first release wrote it, with one learner's data)
    /// when ARCHLAB_WRITE_FIXTURES names the Fixtures directory; otherwise does nothing.
    func testWriteV1FixtureOnRequest() throws {
        guard let directory = ProcessInfo.processInfo.environment["ARCHLAB_WRITE_FIXTURES"] else { return }
        let path = (directory as NSString).appendingPathComponent("progress-v1.sqlite")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "remove the old fixture first")
        var configuration = Configuration()
        configuration.journalMode = .wal
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try ProgressSchema.migrator.migrate(queue, upTo: "v1")
        try queue.write { db in
            try db.execute(
                literal: """
                    INSERT INTO learner (id, name, createdAt) VALUES (1, 'ada', '2026-01-05T09:00:00.000Z');
                    INSERT INTO lessonProgress (learnerId, lessonId, page, firstSeenAt, updatedAt, completedAt)
                        VALUES (1, 'exact-caching', 3, '2026-01-05T09:01:00.000Z', '2026-01-05T09:20:00.000Z', '2026-01-05T09:20:00.000Z');
                    INSERT INTO quizAttempt (id, learnerId, quizId, contentHash, startedAt, finishedAt, score, maxScore, passed)
                        VALUES (1, 1, 'exact-caching', 'sha256:v1', '2026-01-05T09:21:00.000Z', '2026-01-05T09:25:00.000Z', 3.5, 4, 1);
                    INSERT INTO answer (attemptId, questionId, response, points, hintsUsed) VALUES
                        (1, 'setex', '"a"', 1, 0),
                        (1, 'why-ttl', '["a","c"]', 0.5, 1);
                    INSERT INTO unlock (learnerId, nodeId, unlockedAt, attemptId) VALUES (1, 'exact-cache', '2026-01-05T09:25:00.000Z', 1);
                    """)
        }
        try queue.close()
    }

    func testAnEmptyFileBecomesAProgressDatabase() throws {
        let directory = try makeTemporaryDirectory(self)
        let path = directory.appendingPathComponent("empty.sqlite").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try ProgressStore(path: path, clock: ManualClock(milliseconds: testEpochMilliseconds))
        let applied = try store.database.read { try ProgressSchema.migrator.appliedIdentifiers($0) }
        XCTAssertEqual(applied, Set(ProgressSchema.migrator.migrations))
        let ada = try store.ensureLearner("ada")
        XCTAssertEqual(try store.attempts(learner: ada), [])
    }

    func testAVersionOneDatabaseIsMigratedWithItsDataIntact() throws {
        let fixture = try XCTUnwrap(
            Bundle.module.url(forResource: "progress-v1", withExtension: "sqlite", subdirectory: "Fixtures"))
        let directory = try makeTemporaryDirectory(self)
        let path = directory.appendingPathComponent("progress.sqlite").path
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        let clock = ManualClock(milliseconds: testEpochMilliseconds)
        let store = try ProgressStore(path: path, clock: clock)

        let applied = try store.database.read { try ProgressSchema.migrator.appliedIdentifiers($0) }
        XCTAssertEqual(applied, ["v1", "v2-lab-runs", "v3-exercises", "v4-review-answers", "v5-lab-answers"])
        let ada = try XCTUnwrap(try store.learner(named: "ada"))
        let attempts = try store.attempts(learner: ada)
        XCTAssertEqual(attempts.count, 1)
        XCTAssertEqual(attempts.first?.contentHash, "sha256:v1")
        XCTAssertEqual(attempts.first?.score, 3.5)
        XCTAssertEqual(attempts.first?.finishedAt, ProgressTimestamp.date("2026-01-05T09:25:00.000Z"))
        XCTAssertEqual(attempts.first?.answers.map(\.responseJSON), ["\"a\"", "[\"a\",\"c\"]"])
        XCTAssertEqual(try store.unlockedNodes(learner: ada).map(\.nodeID), ["exact-cache"])
        XCTAssertEqual(try store.unlockedNodes(learner: ada).first?.labRunID, nil)
        XCTAssertEqual(try store.readingPosition(learner: ada, lessonID: "exact-caching")?.page, 3)
        XCTAssertEqual(try store.passedQuizIDs(learner: ada), ["exact-caching"])

        let run = try store.recordLabRun(
            learner: ada, scenarioID: "exact-cache", parametersJSON: "{}", summaryJSON: "{}", unlocking: ["cost-model"])
        XCTAssertEqual(run.newlyUnlocked.map(\.nodeID), ["cost-model"])
        XCTAssertEqual(try store.ranLabIDs(learner: ada), ["exact-cache"])
    }

    func testTheFixtureIsReallyVersionOne() throws {
        let fixture = try XCTUnwrap(
            Bundle.module.url(forResource: "progress-v1", withExtension: "sqlite", subdirectory: "Fixtures"))
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: fixture.path, configuration: configuration)
        let (applied, hasLabRuns) = try queue.read { db in
            (try ProgressSchema.migrator.appliedIdentifiers(db), try db.tableExists("labRun"))
        }
        XCTAssertEqual(applied, ["v1"])
        XCTAssertFalse(hasLabRuns)
    }
}
