import Clocks
import Foundation
import GRDB
import XCTest

@testable import ProgressStore

/// Databases that are not ArchLab's are refused untouched, with what was found named: a database holding only
/// a view, an empty `grdb_migrations` table, another GRDB application's database (which must not be called
/// "written by a newer ArchLab"), and ArchLab's own tables next to a stranger's.
final class ForeignDatabaseRefusalTests: XCTestCase {
    private func assertRefusedAsForeign(
        _ path: String, naming: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let directory = (path as NSString).deletingLastPathComponent
        let siblingsBefore = Set(try FileManager.default.contentsOfDirectory(atPath: directory))
        let open = { try ProgressStore(path: path, clock: ManualClock(milliseconds: testEpochMilliseconds)) }
        XCTAssertThrowsError(try open(), file: file, line: line) { error in
            let text = "\(error)"
            XCTAssertTrue((error as? ProgressStoreError)?.isRefusedFile ?? false, text, file: file, line: line)
            XCTAssertTrue(text.contains("not an ArchLab progress database"), text, file: file, line: line)
            XCTAssertFalse(text.contains("newer ArchLab"), text, file: file, line: line)
            XCTAssertTrue(text.contains(naming), text, file: file, line: line)
        }
        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(after, before, "the file must stay byte-identical", file: file, line: line)
        let siblingsAfter = Set(try FileManager.default.contentsOfDirectory(atPath: directory))
        XCTAssertEqual(siblingsAfter, siblingsBefore, file: file, line: line)
    }

    private func makeFile(_ sql: String) throws -> String {
        let path = try makeTemporaryDirectory(self).appendingPathComponent("other.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
        try queue.close()
        return path
    }

    func testADatabaseHoldingOnlyAViewIsRefused() throws {
        let path = try makeFile("CREATE VIEW answers AS SELECT 42 AS value")
        try assertRefusedAsForeign(path, naming: "view `answers`")
    }

    func testAnEmptyMigrationsTableIsRefused() throws {
        let path = try makeFile("CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        try assertRefusedAsForeign(path, naming: "does not list ArchLab's first migration `v1`")
    }

    func testAnotherGRDBApplicationsDatabaseIsNotCalledANewerArchLab() throws {
        let path = try makeTemporaryDirectory(self).appendingPathComponent("notes.sqlite").path
        var migrator = DatabaseMigrator()
        migrator.registerMigration("createNote") { db in
            try db.create(table: "note") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("text", .text)
            }
        }
        let queue = try DatabaseQueue(path: path)
        try migrator.migrate(queue)
        try queue.close()
        try assertRefusedAsForeign(path, naming: "createNote")
    }

    func testArchLabTablesNextToAStrangersTableAreRefused() throws {
        let path = try makeTemporaryDirectory(self).appendingPathComponent("progress.sqlite").path
        let store = try ProgressStore(path: path, clock: ManualClock(milliseconds: testEpochMilliseconds))
        _ = try store.ensureLearner("ada")
        try store.close()
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE bitcoin_wallet (key TEXT)") }
        try queue.close()
        try DatabaseQueue(path: path).close()
        try assertRefusedAsForeign(path, naming: "table `bitcoin_wallet`")
    }
}
