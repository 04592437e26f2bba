import Foundation
import TestSupport
import XCTest

/// A progress database ArchLab cannot write is refused when the session opens, before the learner can take a
/// whole quiz that would then be lost; `grade --db` only reads, so it neither creates nor changes a database.
final class ReadOnlyDatabaseEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "e2e-readonly" }

    private var database: String { scratch.appendingPathComponent("progress.sqlite").path }
    private var locked: [String] = []

    private func repl(_ lines: [String], extra: [String] = []) throws -> ArchLabRunner.Output {
        try ReplProcess.run(
            [
                "--course", try ArchLabRunner.fixtures.appendingPathComponent("valid").path, "--db", database,
                "--learner", "ada", "--seed", "7",
            ] + extra,
            input: lines.map { $0 + "\n" }.joined(), environment: ["XDG_STATE_HOME": scratch.path])
    }

    /// Makes `path` unwritable even for root (the immutable attribute), else by its mode.
    private func makeReadOnly(_ path: String) throws {
        if geteuid() == 0 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
            process.arguments = ["+i", path]
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw XCTSkip("this file system has no immutable attribute, and root may write any file")
            }
            locked.append(path)
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        }
    }

    override func tearDownWithError() throws {
        for path in locked {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
            process.arguments = ["-i", path]
            try process.run()
            process.waitUntilExit()
        }
        try super.tearDownWithError()
    }

    func testAReadOnlyDatabaseIsRefusedBeforeAnyQuiz() throws {
        let first = try repl(["quit"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: database + "-wal"))
        try makeReadOnly(database)
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let session = try repl(["quiz 1", "a", "a c", "allkeys-lru", "3600", "quit"])
        XCTAssertEqual(session.status, 2, session.stdout)
        XCTAssertTrue(session.stderr.contains("\(database): the progress database is read-only"), session.stderr)
        XCTAssertTrue(session.stderr.contains("archlab --read-only"), session.stderr)
        XCTAssertFalse(session.stdout.contains("System Check"), session.stdout)
        XCTAssertFalse(session.stdout.contains("Progress saved"), session.stdout)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: database)), before)
        for sidecar in ["-wal", "-shm"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: database + sidecar), sidecar)
        }
    }

    func testWithReadOnlyTheSessionSaysNothingIsSavedAndSavesNothing() throws {
        XCTAssertEqual(try repl(["open 1", "quit"]).status, 0)
        try makeReadOnly(database)
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let script = ["quiz 1", "a", "a b", "allkeys-lru", "3600", "progress", "quit"]
        let session = try repl(script, extra: ["--read-only"])
        XCTAssertEqual(session.status, 0, session.stderr)
        let notice = "Read-only: this session works on a copy of your progress; nothing you do"
        XCTAssertTrue(session.stdout.contains(notice), session.stdout)
        XCTAssertTrue(session.stdout.contains("System Check"), session.stdout)
        XCTAssertTrue(session.stdout.contains("Nothing was saved (read-only session). Bye, ada."), session.stdout)
        XCTAssertFalse(session.stdout.contains("Progress saved"), session.stdout)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: database)), before)
        for sidecar in ["-wal", "-shm"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: database + sidecar), sidecar)
        }
        let missing = scratch.appendingPathComponent("never.sqlite").path
        let fresh = try ReplProcess.run(
            [
                "--course", try ArchLabRunner.fixtures.appendingPathComponent("valid").path, "--db", missing,
                "--learner", "bo", "--read-only",
            ],
            input: "quit\n", environment: ["XDG_STATE_HOME": scratch.path])
        XCTAssertEqual(fresh.status, 0, fresh.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing), "--read-only created a database")
    }

    func testProgressAndLearnersStillShowAReadOnlyDatabase() throws {
        XCTAssertEqual(try repl(["quit"]).status, 0)
        try makeReadOnly(database)
        let progress = try ArchLabRunner.run(["progress", "--db", database, "--learner", "ada"])
        XCTAssertEqual(progress.status, 0, progress.stderr)
        let learners = try ArchLabRunner.run(["learners", "--db", database])
        XCTAssertEqual(learners.status, 0, learners.stderr)
        XCTAssertTrue(learners.stdout.contains("ada"), learners.stdout)
    }

    func testARunOnAReadOnlyDatabaseGoesUnrecordedUnlessRecordingWasAsked() throws {
        XCTAssertEqual(try repl(["quit"]).status, 0)
        try makeReadOnly(database)
        let environment = ["ARCHLAB_DB": database, "XDG_STATE_HOME": scratch.path, "USER": "ada", "LOGNAME": "ada"]
        let plain = try ArchLabRunner.run(["run", "baseline"], in: scratch, environment: environment)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertFalse(plain.stdout.contains("Recorded"), plain.stdout)
        let named = try ArchLabRunner.run(
            ["run", "baseline", "--learner", "ada"], in: scratch, environment: environment)
        XCTAssertEqual(named.status, 2, named.stdout)
        XCTAssertTrue(named.stderr.contains("the progress database is read-only"), named.stderr)
        XCTAssertEqual(named.stdout, "", "nothing runs when the run asked to be recorded cannot be")
    }

    func testGradeFromADatabaseNeitherCreatesNorWritesIt() throws {
        let valid = try ArchLabRunner.fixtures.appendingPathComponent("valid").path
        let missing = try ArchLabRunner.run(["grade", "--course", valid, "--learner", "ada", "--db", database])
        XCTAssertEqual(missing.status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: database), "grade --db created a database")
        XCTAssertEqual(try repl(["quit"]).status, 0)
        try makeReadOnly(database)
        let graded = try ArchLabRunner.run(["grade", "--course", valid, "--learner", "ada", "--db", database])
        XCTAssertEqual(graded.status, 1, graded.stderr)
        XCTAssertTrue(graded.stdout.contains("ada (\(database)): 0/8.5 points"), graded.stdout + graded.stderr)
        for sidecar in ["-wal", "-shm"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: database + sidecar), sidecar)
        }
    }

    func testAnotherApplicationsDatabaseIsRefusedByEveryCommand() throws {
        let sqlite = try requireSQLite()
        let path = scratch.appendingPathComponent("notes.sqlite").path
        let create = Process()
        create.executableURL = URL(fileURLWithPath: sqlite)
        create.arguments = [path, "CREATE VIEW v AS SELECT 1;"]
        try create.run()
        create.waitUntilExit()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let valid = try ArchLabRunner.fixtures.appendingPathComponent("valid").path
        let commands: [[String]] = [
            ["progress", "--db", path, "--learner", "ada"],
            ["grade", "--course", valid, "--learner", "ada", "--db", path],
            ["--course", valid, "--db", path, "--learner", "ada"],
        ]
        for command in commands {
            let output = try ArchLabRunner.run(command)
            XCTAssertEqual(output.status, 2, "\(command): \(output.stdout)")
            XCTAssertTrue(output.stderr.contains("not an ArchLab progress database"), "\(command): \(output.stderr)")
            XCTAssertTrue(output.stderr.contains("view `v`"), "\(command): \(output.stderr)")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before, "\(command)")
        }
    }

    private func requireSQLite() throws -> String {
        try requireExecutable("sqlite3", "the sqlite3 shell is not installed (apt-get install sqlite3)")
    }
}
