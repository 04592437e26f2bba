import Clocks
import Foundation
import XCTest

@testable import ProgressStore

/// A returning learner who only reads (the REPL's start, `progress`) changes nothing on disk.
final class ReadOnlySessionTests: XCTestCase {
    func testAReadOnlySessionLeavesTheFileByteIdenticalAndNoSidecars() throws {
        let path = try makeTemporaryDirectory(self).appendingPathComponent("progress.sqlite").path
        let first = try ProgressStore(path: path, clock: ManualClock(milliseconds: testEpochMilliseconds))
        _ = try first.ensureLearner("ada")
        try first.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let store = try ProgressStore(path: path, clock: ManualClock(milliseconds: testEpochMilliseconds))
        let learner = try XCTUnwrap(try store.learner(named: "ada"))
        XCTAssertEqual(try store.lessonProgress(learner: learner), [])
        XCTAssertEqual(try store.unlockedNodes(learner: learner), [])
        try store.close()

        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
        for sidecar in ["-wal", "-shm"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: path + sidecar), sidecar)
        }
    }
}
