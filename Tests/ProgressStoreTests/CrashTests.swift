import Clocks
import Foundation
import GRDB
import XCTest

@testable import ProgressStore

/// Durability against kill -9 and several processes: runs the ProgressCrashWriter helper executable.
final class CrashTests: XCTestCase {
    private func writerURL() throws -> URL {
        try productsDirectory().appendingPathComponent("ProgressCrashWriter")
    }

    /// `ID HASH` lines printed by the writer, as a map from attempt id to content hash.
    private func acknowledgements(_ output: String) -> [(Int64, String)] {
        output.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let id = Int64(parts[0]) else { return nil }
            return (id, String(parts[1]))
        }
    }

    private func check(
        _ path: String, acknowledged: [(Int64, String)], file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let store = try ProgressStore(path: path, clock: ManualClock(milliseconds: testEpochMilliseconds))
        let (integrity, stored, answerCounts, unlockedAttempts) = try store.database.read { db in
            (
                try String.fetchAll(db, sql: "PRAGMA integrity_check"),
                try QuizAttemptRecord.fetchAll(db),
                try Int.fetchAll(db, AnswerRecord.select(count(Column("questionId"))).group(Column("attemptId"))),
                try Int.fetchOne(db, UnlockRecord.select(count(Column("nodeId")))) ?? 0
            )
        }
        XCTAssertEqual(integrity, ["ok"], file: file, line: line)
        var hashByID: [Int64: String] = [:]
        for record in stored {
            if let id = record.id { hashByID[id] = record.contentHash }
        }
        let missing = acknowledged.filter { hashByID[$0.0] != $0.1 }
        XCTAssertTrue(missing.isEmpty, "acknowledged attempts lost: \(missing.prefix(20))", file: file, line: line)
        XCTAssertEqual(answerCounts.count, stored.count, "every attempt has its answers", file: file, line: line)
        XCTAssertTrue(
            answerCounts.allSatisfy { $0 == 3 }, "no attempt with part of its answers", file: file, line: line)
        if !stored.isEmpty {
            XCTAssertGreaterThan(unlockedAttempts, 0, file: file, line: line)
        }
        try store.close()
    }

    func testAcknowledgedAttemptsSurviveSIGKILLAtRandomMoments() throws {
        let writer = try writerURL()
        let path = try makeTemporaryDirectory(self).appendingPathComponent("crash.sqlite").path
        let cycles = ProcessInfo.processInfo.environment["ARCHLAB_CRASH_CYCLES"].flatMap(Int.init) ?? 240
        var random = SplitMix64(seed: 0xA7C4_1AB5)
        var acknowledged: [(Int64, String)] = []
        var cyclesKilledInsideLoop = 0
        var cyclesKilledWhileOpening = 0
        for cycle in 0..<cycles {
            let child = try KillableChild(executable: writer, arguments: ["--db", path, "--learner", "crash"])
            if cycle % 10 == 9 {
                // Now and then, kill while the store opens (inspection, WAL recovery, migration).
                usleep(UInt32(random.next() % 15_000))
                child.kill()
                acknowledged.append(contentsOf: acknowledgements(child.finish()))
                cyclesKilledWhileOpening += 1
                continue
            }
            let ready = child.readUntilLine("ready")
            XCTAssertTrue(ready, "writer did not start: \(child.stderrText())")
            if !ready { child.kill(); break }
            usleep(UInt32(random.next() % 50_000))
            child.kill()
            let output = child.finish()
            acknowledged.append(contentsOf: acknowledgements(output))
            if child.wasKilled { cyclesKilledInsideLoop += 1 }
        }
        print(
            """
            crash test: \(cyclesKilledInsideLoop) SIGKILL cycles inside the write loop, \(cyclesKilledWhileOpening) while \
            opening, \(acknowledged.count) acknowledged attempts
            """)
        XCTAssertGreaterThanOrEqual(cyclesKilledInsideLoop, cycles * 9 / 10)
        XCTAssertGreaterThan(acknowledged.count, 0)
        try check(path, acknowledged: acknowledged)
    }

    func testTwoProcessesWritingAtOnceBothSucceed() throws {
        let writer = try writerURL()
        let path = try makeTemporaryDirectory(self).appendingPathComponent("fresh/shared.sqlite").path
        for round in 0..<2 {
            let children = try ["ada", "bob"].map { name in
                try KillableChild(executable: writer, arguments: ["--db", path, "--learner", name, "--count", "120"])
            }
            let outputs = children.map { $0.finish() }
            var ids: [(Int64, String)] = []
            for (child, output) in zip(children, outputs) {
                XCTAssertEqual(child.status, 0, "round \(round): \(child.stderrText())")
                XCTAssertFalse(child.stderrText().contains("locked"), child.stderrText())
                let childIDs = acknowledgements(output)
                XCTAssertEqual(childIDs.count, 120)
                ids.append(contentsOf: childIDs)
            }
            XCTAssertEqual(Set(ids.map(\.0)).count, 240)
            try check(path, acknowledged: ids)
        }
        let store = try ProgressStore(path: path)
        XCTAssertEqual(try store.learners().map(\.attempts), [240, 240])
    }
}

/// SplitMix64: a small seeded generator so the kill moments are reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
