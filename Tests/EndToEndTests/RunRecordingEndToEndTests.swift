import Foundation
import XCTest

/// `archlab run` from the shell records the lab for a learner, as the lessons' `$ archlab run …` lines
/// promise, and `archlab progress` lists the labs run.
final class RunRecordingEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "run-record" }

    private var database: String { scratch.appendingPathComponent("progress.sqlite").path }

    private func shell(_ arguments: [String], user: String = "nobody-here") throws -> ArchLabRunner.Output {
        try ArchLabRunner.run(
            arguments + ["--course", ArchLabRunner.packageRoot.path], in: scratch,
            environment: ["ARCHLAB_DB": database, "XDG_STATE_HOME": scratch.path, "USER": user, "LOGNAME": user])
    }

    private func createLearner(_ name: String) throws {
        let session = try ReplProcess.run(
            ["--course", ArchLabRunner.packageRoot.path, "--db", database, "--learner", name],
            input: "quit\n", environment: ["XDG_STATE_HOME": scratch.path])
        XCTAssertEqual(session.status, 0, session.stderr)
    }

    func testAShellRunIsRecordedForTheNamedLearnerAndListedByProgress() throws {
        try createLearner("ada")
        let before = try shell(["progress", "--learner", "ada"])
        XCTAssertTrue(before.stdout.contains("Labs run: none yet"), before.stdout)
        let run = try shell(["run", "baseline", "--learner", "ada"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("Recorded for learner ada."), run.stdout)
        let after = try shell(["progress", "--learner", "ada"])
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertTrue(after.stdout.contains("Labs run: baseline"), after.stdout)
        let json = try shell(["progress", "--learner", "ada", "--format", "json"])
        XCTAssertTrue(
            json.stdout.contains("\"labs\": [{\"id\": \"baseline\"") || json.stdout.contains("\"id\":\"baseline\""),
            json.stdout)
    }

    func testTheLoginLearnerIsRecordedOnlyWhenTheyExist() throws {
        let nobody = try shell(["run", "baseline"], user: "ada")
        XCTAssertEqual(nobody.status, 0, nobody.stderr)
        XCTAssertFalse(nobody.stdout.contains("Recorded"), nobody.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: database), "a plain run creates no database")
        try createLearner("ada")
        let recorded = try shell(["run", "baseline"], user: "ada")
        XCTAssertTrue(recorded.stdout.contains("Recorded for learner ada."), recorded.stdout)
        let opted = try shell(["run", "baseline", "--no-record"], user: "ada")
        XCTAssertFalse(opted.stdout.contains("Recorded"), opted.stdout)
    }

    func testABrokenCourseNobodyAskedForDoesNotStopAPlainRun() throws {
        try createLearner("ada")
        let broken = scratch.appendingPathComponent("broken-course")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try Data("title = ".utf8).write(to: broken.appendingPathComponent("course.toml"))
        let environment = [
            "ARCHLAB_DB": database, "XDG_STATE_HOME": scratch.path, "USER": "ada", "LOGNAME": "ada",
            "ARCHLAB_COURSE": broken.path,
        ]
        let run = try ArchLabRunner.run(["run", "baseline"], in: scratch, environment: environment)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("Step 1"), run.stdout)
        XCTAssertFalse(run.stdout.contains("Recorded"), run.stdout)
        let named = try ArchLabRunner.run(
            ["run", "baseline", "--learner", "ada"], in: scratch, environment: environment)
        XCTAssertEqual(named.status, 2, "a learner who asked for recording is told the course cannot be read")
        XCTAssertTrue(named.stderr.contains("the run cannot be recorded without the course"), named.stderr)
    }

    func testAnUnknownLearnerIsAnErrorNamingTheKnownOnes() throws {
        try createLearner("ada")
        let run = try shell(["run", "baseline", "--learner", "nobody"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, "", "nothing runs for an unknown learner")
        XCTAssertTrue(run.stderr.contains("no learner \"nobody\"") && run.stderr.contains("known: ada"), run.stderr)
        let progress = try shell(["progress", "--learner", "nobody"])
        XCTAssertEqual(progress.status, 1)
        XCTAssertTrue(progress.stderr.contains("known: ada"), progress.stderr)
    }
}
