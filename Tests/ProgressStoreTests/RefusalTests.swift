import Clocks
import Foundation
import GRDB
import XCTest

@testable import ProgressStore

final class RefusalTests: XCTestCase {
    private func assertRefused(
        _ path: String, file: StaticString = #filePath, line: UInt = #line,
        _ check: (ProgressStoreError) -> Void
    ) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let siblingsBefore = try FileManager.default.contentsOfDirectory(
            atPath: (path as NSString).deletingLastPathComponent)
        XCTAssertThrowsError(
            try ProgressStore(path: path, clock: ManualClock(milliseconds: testEpochMilliseconds)), file: file,
            line: line
        ) { error in
            guard let refusal = error as? ProgressStoreError else {
                return XCTFail("unexpected error \(error)", file: file, line: line)
            }
            XCTAssertTrue(refusal.isRefusedFile, "\(refusal)", file: file, line: line)
            XCTAssertTrue(refusal.description.contains(path), refusal.description, file: file, line: line)
            check(refusal)
        }
        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(before, after, "the refused file must stay byte-identical", file: file, line: line)
        let siblingsAfter = try FileManager.default.contentsOfDirectory(
            atPath: (path as NSString).deletingLastPathComponent)
        XCTAssertEqual(
            Set(siblingsBefore), Set(siblingsAfter), "nothing is created next to a refused file", file: file, line: line
        )
    }

    /// A closed, checkpointed progress database with some data (no -wal left behind).
    private func makeDatabase(_ directory: URL) throws -> String {
        let path = directory.appendingPathComponent("progress.sqlite").path
        let store = try ProgressStore(path: path, clock: ManualClock(milliseconds: testEpochMilliseconds))
        let ada = try store.ensureLearner("ada")
        for index in 0..<40 {
            _ = try store.recordAttempt(
                learner: ada, sampleAttempt(quiz: "quiz-\(index)", score: 4, passed: true), unlocking: ["node-\(index)"]
            )
        }
        try store.close()
        // A last single connection closing checkpoints and removes the write-ahead log.
        try DatabaseQueue(path: path).close()
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))
        return path
    }

    func testADatabaseFromANewerArchLabIsRefusedUnchanged() throws {
        let path = try makeDatabase(try makeTemporaryDirectory(self))
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(literal: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
        }
        try queue.close()
        try assertRefused(path) { error in
            XCTAssertTrue(error.description.contains("newer ArchLab"), error.description)
            XCTAssertTrue(error.description.contains("v9-from-the-future"), error.description)
        }
    }

    func testAFileThatIsNotSQLiteIsRefusedUnchanged() throws {
        let directory = try makeTemporaryDirectory(self)
        for (name, contents) in [("notes.txt", String(repeating: "my precious notes\n", count: 20)), ("tiny", "hi")] {
            let path = directory.appendingPathComponent(name).path
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(contents.utf8)))
            try assertRefused(path) { error in
                XCTAssertTrue(error.description.contains("not an SQLite database"), error.description)
            }
        }
    }

    func testACorruptDatabaseIsRefusedUnchanged() throws {
        let path = try makeDatabase(try makeTemporaryDirectory(self))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertGreaterThan(bytes.count, 4096 * 4)
        for index in (4096 * 2)..<(4096 * 4) {
            bytes[index] = UInt8(truncatingIfNeeded: index &* 31 &+ 7)
        }
        try bytes.write(to: URL(fileURLWithPath: path))
        try assertRefused(path) { error in
            XCTAssertTrue(error.description.contains("damaged"), error.description)
        }
    }

    func testADatabaseWithADamagedSchemaPageIsRefusedUnchanged() throws {
        let path = try makeDatabase(try makeTemporaryDirectory(self))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for index in 100..<4096 {
            bytes[index] = 0xA5
        }
        try bytes.write(to: URL(fileURLWithPath: path))
        try assertRefused(path) { error in
            XCTAssertTrue(error.description.contains("damaged"), error.description)
        }
    }

    func testAnotherApplicationsDatabaseIsRefusedUnchanged() throws {
        let path = try makeTemporaryDirectory(self).appendingPathComponent("photos.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.create(table: "photo") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("title", .text)
            }
            try db.execute(literal: "INSERT INTO photo (title) VALUES ('beach')")
        }
        try queue.close()
        try assertRefused(path) { error in
            XCTAssertTrue(error.description.contains("not an ArchLab progress database"), error.description)
        }
    }

    func testADirectoryIsRefused() throws {
        let directory = try makeTemporaryDirectory(self)
        XCTAssertThrowsError(try ProgressStore(path: directory.path)) { error in
            XCTAssertTrue("\(error)".contains("not a regular file"), "\(error)")
        }
    }
}
