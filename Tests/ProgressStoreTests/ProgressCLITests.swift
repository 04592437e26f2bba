import Clocks
import Foundation
import TestSupport
import XCTest

@testable import ProgressStore

/// `archlab progress`, `archlab progress reset` and `archlab learners`, run as the built binary.
final class ProgressCLITests: XCTestCase {
    private func archlab() throws -> URL {
        let url = try productsDirectory().appendingPathComponent("archlab")
        try requireTool(FileManager.default.isExecutableFile(atPath: url.path), "the archlab executable is not built")
        return url
    }

    private func courseFixture() throws -> String {
        try SharedFixtures.url("valid").path
    }

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    func testProgressOnANewPathCreatesAPrivateDatabaseAndShowsNothingDone() throws {
        let directory = try makeTemporaryDirectory(self)
        let path = directory.appendingPathComponent("deep/new/progress.sqlite").path
        let result = try runChild(
            try archlab(), ["progress", "--db", path, "--course", try courseFixture(), "--format", "json"],
            environment: ["USER": "ada"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        XCTAssertEqual(mode?.intValue, 0o600)
        let document = try json(result.stdout)
        XCTAssertEqual(document["learner"] as? String, "ada")
        let lessons = try XCTUnwrap(document["lessons"] as? [[String: Any]])
        XCTAssertEqual(lessons.map { $0["id"] as? String }, ["caching", "limits"])
        XCTAssertEqual(lessons.map { $0["status"] as? String }, ["open", "locked"])
        XCTAssertTrue(lessons.allSatisfy { $0.keys.contains("page") && $0["page"] is NSNull })
        let nodes = try XCTUnwrap(document["nodes"] as? [[String: Any]])
        XCTAssertEqual(nodes.map { $0["id"] as? String }, ["cost-model", "exact-cache", "rate-limit", "production"])
        XCTAssertTrue(nodes.allSatisfy { $0["unlocked"] as? Bool == false && $0["unlocked_at"] is NSNull })
        XCTAssertEqual((document["attempts"] as? [Any])?.count, 0)

        let text = try runChild(
            try archlab(), ["progress", "--db", path, "--course", try courseFixture()], environment: ["USER": "ada"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("Learner: ada"), text.stdout)
        XCTAssertTrue(text.stdout.contains("Attempts: none yet"), text.stdout)
    }

    func testProgressShowsAttemptsUnlocksAndReadingPositions() throws {
        let path = try makeTemporaryDirectory(self).appendingPathComponent("progress.sqlite").path
        let store = try ProgressStore(path: path, clock: ManualClock(milliseconds: testEpochMilliseconds))
        let ada = try store.ensureLearner("ada")
        _ = try store.recordAttempt(learner: ada, sampleAttempt(quiz: "caching", score: 2, passed: false))
        _ = try store.recordAttempt(
            learner: ada, sampleAttempt(quiz: "caching", score: 3.5, passed: true), unlocking: ["cost-model"])
        try store.setReadingPosition(learner: ada, lessonID: "limits", page: 1)
        try store.close()

        let result = try runChild(
            try archlab(),
            ["progress", "--learner", "ada", "--db", path, "--course", try courseFixture(), "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let document = try json(result.stdout)
        let lessons = try XCTUnwrap(document["lessons"] as? [[String: Any]])
        XCTAssertEqual(lessons.map { $0["status"] as? String }, ["completed", "in-progress"])
        XCTAssertEqual(lessons.last?["page"] as? Int, 2)
        let nodes = try XCTUnwrap(document["nodes"] as? [[String: Any]])
        XCTAssertEqual(nodes.first?["unlocked"] as? Bool, true)
        XCTAssertEqual(nodes.first?["unlocked_at"] as? String, "2026-11-27T10:00:00.000Z")
        let attempts = try XCTUnwrap(document["attempts"] as? [[String: Any]])
        XCTAssertEqual(attempts.map { $0["score"] as? Double }, [2, 3.5])
        XCTAssertEqual(attempts.map { $0["max_score"] as? Double }, [4, 4])
        XCTAssertEqual(attempts.map { $0["passed"] as? Bool }, [false, true])
        XCTAssertEqual(attempts.first?["quiz"] as? String, "caching")
        XCTAssertEqual(attempts.first?["finished_at"] as? String, "2026-11-27T10:00:00.000Z")

        let csv = try runChild(
            try archlab(),
            ["progress", "--learner", "ada", "--db", path, "--course", try courseFixture(), "--format", "csv"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        XCTAssertTrue(csv.stdout.contains("ada,attempt,caching,,,,3.5,4,true,2026-11-27T10:00:00.000Z\r\n"), csv.stdout)

        let text = try runChild(
            try archlab(), ["progress", "--learner", "ada", "--db", path, "--course", try courseFixture()])
        XCTAssertTrue(text.stdout.contains("Matrix (1/4 unlocked)"), text.stdout)
    }

    func testResetAsksAndRefusesWithoutATerminal() throws {
        let path = try makeTemporaryDirectory(self).appendingPathComponent("progress.sqlite").path
        let store = try ProgressStore(path: path, clock: ManualClock(milliseconds: testEpochMilliseconds))
        _ = try store.recordAttempt(learner: try store.ensureLearner("ada"), sampleAttempt(score: 1, passed: false))
        _ = try store.ensureLearner("bob")
        try store.close()

        let refused = try runChild(
            try archlab(), ["progress", "reset", "--learner", "ada", "--db", path], stdin: "y\n")
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("--yes"), refused.stderr)

        let listed = try runChild(try archlab(), ["learners", "--db", path, "--format", "json"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let names = try XCTUnwrap(try json(listed.stdout)["learners"] as? [[String: Any]]).map { $0["name"] as? String }
        XCTAssertEqual(names, ["ada", "bob"])

        let reset = try runChild(try archlab(), ["progress", "reset", "--learner", "ada", "--yes", "--db", path])
        XCTAssertEqual(reset.status, 0, reset.stderr)
        let after = try runChild(try archlab(), ["learners", "--db", path])
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertFalse(after.stdout.contains("ada"), after.stdout)
        XCTAssertTrue(after.stdout.contains("bob"), after.stdout)

        let unknown = try runChild(try archlab(), ["progress", "reset", "--learner", "nobody", "--yes", "--db", path])
        XCTAssertEqual(unknown.status, 1)
    }

    func testResetOnATerminalAsksAndOnlyYesDeletes() throws {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        try requireTool(
            FileManager.default.isExecutableFile(atPath: script.path), "script (util-linux) is needed for a terminal")
        let path = try makeTemporaryDirectory(self).appendingPathComponent("progress.sqlite").path
        let store = try ProgressStore(path: path, clock: ManualClock(milliseconds: testEpochMilliseconds))
        _ = try store.recordAttempt(learner: try store.ensureLearner("ada"), sampleAttempt(score: 1, passed: false))
        try store.close()
        let command = "'\(try archlab().path)' progress reset --learner ada --db '\(path)'"

        let declined = try runChild(script, ["-qec", command, "/dev/null"], stdin: "n\n")
        XCTAssertEqual(declined.status, 1, declined.stdout)
        XCTAssertTrue(
            declined.stdout.contains("Delete all progress of \"ada\" (1 attempt, 0 unlocked nodes)"), declined.stdout)
        let kept = try ProgressStore(path: path)
        XCTAssertNotNil(try kept.learner(named: "ada"))
        try kept.close()

        let confirmed = try runChild(script, ["-qec", command, "/dev/null"], stdin: "y\n")
        XCTAssertEqual(confirmed.status, 0, confirmed.stdout)
        let emptied = try ProgressStore(path: path)
        XCTAssertNil(try emptied.learner(named: "ada"))
    }

    func testTheDatabaseDefaultsToArchlabDBThenXDGDataHome() throws {
        let directory = try makeTemporaryDirectory(self)
        let xdg = directory.appendingPathComponent("xdg").path
        let fromXDG = try runChild(
            try archlab(), ["learners"], environment: ["ARCHLAB_DB": "", "XDG_DATA_HOME": xdg])
        XCTAssertEqual(fromXDG.status, 0, fromXDG.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: xdg + "/archlab/progress.sqlite"))

        let chosen = directory.appendingPathComponent("chosen.sqlite").path
        let fromVariable = try runChild(
            try archlab(), ["learners"], environment: ["ARCHLAB_DB": chosen, "XDG_DATA_HOME": xdg])
        XCTAssertEqual(fromVariable.status, 0, fromVariable.stderr)
        XCTAssertTrue(fromVariable.stdout.contains(chosen), fromVariable.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: chosen))
    }

    func testARefusedFileExitsWithTwoAndIsLeftAlone() throws {
        let path = try makeTemporaryDirectory(self).appendingPathComponent("notes.txt").path
        let contents = Data(String(repeating: "not a database\n", count: 10).utf8)
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: contents))
        let result = try runChild(try archlab(), ["progress", "--db", path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("not an SQLite database"), result.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), contents)
    }

    func testALearnerNameWithControlCharactersIsRefused() throws {
        let path = try makeTemporaryDirectory(self).appendingPathComponent("p.sqlite").path
        let result = try runChild(try archlab(), ["progress", "--db", path, "--learner", "a\u{1B}[2Jb"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("control characters"), result.stderr)
    }
}
