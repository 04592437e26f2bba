import Clocks
import Foundation
import GRDB
import XCTest

@testable import ProgressStore

/// The `v3-exercises` migration: exercise results with their unlocks, solutions shown, the workspace path.
final class ExerciseResultTests: XCTestCase {
    private func makeStore() throws -> (ProgressStore, ManualClock) {
        let directory = try makeTemporaryDirectory(self)
        let clock = ManualClock(milliseconds: testEpochMilliseconds)
        return (try ProgressStore(path: directory.appendingPathComponent("p.sqlite").path, clock: clock), clock)
    }

    func testAPassIsRecordedWithTheNodesDecidedFromRecordsThatIncludeIt() throws {
        let (store, clock) = try makeStore()
        let ada = try store.ensureLearner("ada")
        let failed = try store.recordExerciseResult(
            learner: ada, exerciseID: "token-bucket", passed: false, fileHash: "aa",
            failure: "case 1: expected 2, got 3",
            decidingUnlocks: { _ in
                XCTFail("a failure decides no unlocks")
                return ["token-bucket"]
            })
        XCTAssertEqual(failed.newlyUnlocked, [])
        XCTAssertEqual(failed.result.failure, "case 1: expected 2, got 3")
        clock.advance(milliseconds: 60_000)
        var seen: LearnerRecords?
        let passed = try store.recordExerciseResult(
            learner: ada, exerciseID: "token-bucket", passed: true, fileHash: "bb", failure: "ignored on a pass",
            decidingUnlocks: { records in
                seen = records
                return records.passedExerciseIDs.contains("token-bucket") ? ["token-bucket"] : []
            })
        XCTAssertEqual(seen?.passedExerciseIDs, ["token-bucket"])
        XCTAssertEqual(passed.newlyUnlocked.map(\.nodeID), ["token-bucket"])
        XCTAssertNil(passed.result.failure)
        XCTAssertEqual(try store.passedExerciseIDs(learner: ada), ["token-bucket"])
        XCTAssertEqual(try store.exerciseResults(learner: ada).map(\.fileHash), ["aa", "bb"])
        XCTAssertEqual(try store.unlockedNodes(learner: ada).map(\.nodeID), ["token-bucket"])
        let unlockSource = try store.database.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT exerciseResultId FROM unlock WHERE nodeId = ?", arguments: ["token-bucket"])
        }
        XCTAssertEqual(unlockSource, passed.result.id)
    }

    func testSolutionsShownAndTheWorkspaceAreRememberedPerLearner() throws {
        let (store, _) = try makeStore()
        let ada = try store.ensureLearner("ada")
        let bob = try store.ensureLearner("bob")
        XCTAssertNil(try store.workspace(learner: ada))
        try store.setWorkspace(learner: ada, path: "/home/ada/server-swift")
        try store.setWorkspace(learner: ada, path: "/home/ada/code/server-swift")
        XCTAssertEqual(try store.workspace(learner: ada), "/home/ada/code/server-swift")
        XCTAssertNil(try store.workspace(learner: bob))
        try store.recordSolutionShown(learner: ada, exerciseID: "exact-cache")
        try store.recordSolutionShown(learner: ada, exerciseID: "exact-cache")
        XCTAssertEqual(try store.solutionShownCount(learner: ada, exerciseID: "exact-cache"), 2)
        XCTAssertEqual(try store.solutionShownCount(learner: bob, exerciseID: "exact-cache"), 0)
        XCTAssertTrue(try store.reset(learnerNamed: "ada"))
        let rows = try store.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM solutionShown") }
        XCTAssertEqual(rows, 0, "a learner's reset removes their exercise records")
    }
}
