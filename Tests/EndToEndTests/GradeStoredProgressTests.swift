import CourseKit
import Foundation
import ProgressStore
import XCTest

/// `grade --learner NAME --db PATH` grades the best stored attempt per quiz with today's quizzes.
final class GradeStoredProgressTests: XCTestCase {
    private func record(
        _ store: ProgressStore, _ learner: Learner, quiz: String, score: Double, answers: [String: Response]
    ) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let stored = try answers.sorted { $0.key < $1.key }.map { id, response in
            AttemptAnswer(
                questionID: id, responseJSON: String(decoding: try encoder.encode(response), as: UTF8.self), points: 0,
                hintsUsed: 0)
        }
        _ = try store.recordAttempt(
            learner: learner,
            FinishedAttempt(
                quizID: quiz, contentHash: "", startedAt: Date(timeIntervalSince1970: 0), score: score, maxScore: 5,
                passed: false, answers: stored))
    }

    func testBestStoredAttemptsAreGradedLikeAnAnswersFile() throws {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent(
            "progress-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: database) }
        let store = try ProgressStore(path: database.path)
        let ada = try store.ensureLearner("ada")
        try record(store, ada, quiz: "caching", score: 1, answers: ["benefit": .option("b")])
        try record(
            store, ada, quiz: "caching", score: 5,
            answers: [
                "benefit": .option("a"), "why-ttl": .options(["a", "c"]), "policy": .text("allkeys-lru"),
                "ttl-seconds": .number(3600, unit: "s"),
            ])
        try record(store, ada, quiz: "limits", score: 1, answers: ["steps": .order(["refill", "check", "take"])])
        try store.close()

        let output = try ArchLabRunner.run([
            "grade", "--course", "valid", "--learner", "ada", "--db", database.path, "--format", "json",
        ])
        XCTAssertEqual(output.status, 1, output.stderr)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(document["score"] as? Double, 6)
        XCTAssertEqual(document["max_score"] as? Double, 8.5)
        let quizzes = try XCTUnwrap(document["quizzes"] as? [[String: Any]])
        XCTAssertEqual(quizzes.map { $0["passed"] as? Bool }, [true, false])
        XCTAssertEqual(quizzes.first?["learner"] as? String, "ada")

        let passing = try ArchLabRunner.run([
            "grade", "--course", "valid", "--learner", "ada", "--db", database.path, "--quiz", "caching",
        ])
        XCTAssertEqual(passing.status, 0, passing.stdout + passing.stderr)

        let unknown = try ArchLabRunner.run(["grade", "--course", "valid", "--learner", "bob", "--db", database.path])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no learner named `bob`"), unknown.stderr)
    }

    func testMissingDatabaseIsUnusableInputAndNotCreated() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("none-\(UUID().uuidString).sqlite")
            .path
        let output = try ArchLabRunner.run(["grade", "--course", "valid", "--learner", "ada", "--db", path])
        XCTAssertEqual(output.status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        XCTAssertEqual(try ArchLabRunner.run(["grade", "--course", "valid", "--learner", "ada"]).status, 64)
        XCTAssertEqual(
            try ArchLabRunner.run([
                "grade", "--course", "valid", "--learner", "ada", "--db", path, "answers/perfect.toml",
            ]).status, 64)
    }
}
