import CourseKit
import Foundation
import ProgressStore
import XCTest

/// `archlab stats` on a generated cohort whose answer patterns are planted: the shares and discrimination
/// computed here independently (point-biserial formula) match, and exactly the planted weak items are flagged.
final class StatsEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "stats-e2e" }

    private var courseDirectory: URL { scratch.appendingPathComponent("course") }
    private let cohort = 50

    override func setUpWithError() throws {
        try super.setUpWithError()
        let created = try ArchLabRunner.run(["new", "course", courseDirectory.path], in: scratch)
        XCTAssertEqual(created.status, 0, created.stderr)
    }

    /// Learner i's answers to the scaffold's five questions, with the patterns the test plants:
    /// `one-answer` right for 48 (2 pick `b`, nobody `c`), `several-answers` right only for the weaker half,
    /// `short-answer` right for 5, `a-number` for 30, `in-order` for 25.
    private func answers(_ i: Int) -> (toml: String, right: [String: Bool]) {
        let single = i < 48 ? "a" : "b"
        let multiple = i >= 25 ? "[\"a\", \"b\"]" : "[\"c\"]"
        let short = i < 5 ? "next" : "previous"
        let number = i < 30 ? "2" : "3"
        let order = i < 25 ? "[\"a\", \"b\", \"c\"]" : "[\"b\", \"a\", \"c\"]"
        let toml = """
            learner = "learner-\(i)"
            [quiz.first-steps]
            one-answer = "\(single)"
            several-answers = \(multiple)
            short-answer = "\(short)"
            a-number = \(number)
            in-order = \(order)

            """
        let right = [
            "one-answer": i < 48, "several-answers": i >= 25, "short-answer": i < 5, "a-number": i < 30,
            "in-order": i < 25,
        ]
        return (toml, right)
    }

    /// The point-biserial coefficient (M1 − M0) / s · √(p q), s the population deviation of the rest scores.
    private func pointBiserial(item: [Bool], rest: [Double]) -> Double? {
        let n = Double(item.count)
        let ones = zip(item, rest).filter(\.0).map(\.1)
        let zeros = zip(item, rest).filter { !$0.0 }.map(\.1)
        guard !ones.isEmpty, !zeros.isEmpty else { return nil }
        let mean = rest.reduce(0, +) / n
        let deviation = (rest.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n).squareRoot()
        guard deviation > 0 else { return nil }
        let p = Double(ones.count) / n
        let m1 = ones.reduce(0, +) / Double(ones.count)
        let m0 = zeros.reduce(0, +) / Double(zeros.count)
        return (m1 - m0) / deviation * (p * (1 - p)).squareRoot()
    }

    private func json(_ output: ArchLabRunner.Output) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    func testSharesDiscriminationAndFlagsOfAPlantedCohort() throws {
        let folder = scratch.appendingPathComponent("answers")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var rightBy: [[String: Bool]] = []
        for i in 0..<cohort {
            let (toml, right) = answers(i)
            rightBy.append(right)
            try Data(toml.utf8).write(to: folder.appendingPathComponent(String(format: "learner-%02d.toml", i)))
        }
        let output = try ArchLabRunner.run(
            ["stats", "--course", courseDirectory.path, "--format", "json", folder.path], in: scratch)
        XCTAssertEqual(output.status, 0, output.stderr)
        let quizzes = try XCTUnwrap(try json(output)["quizzes"] as? [[String: Any]])
        let quiz = try XCTUnwrap(quizzes.first)
        XCTAssertEqual(quiz["id"] as? String, "first-steps")
        let questions = try XCTUnwrap(quiz["questions"] as? [[String: Any]])
        let ids = ["one-answer", "several-answers", "short-answer", "a-number", "in-order"]
        XCTAssertEqual(questions.compactMap { $0["id"] as? String }, ids)
        let totals = rightBy.map { right in Double(right.values.filter { $0 }.count) }
        var flagged: [String: Set<String>] = [:]
        for question in questions {
            let id = try XCTUnwrap(question["id"] as? String)
            let item = rightBy.map { $0[id] ?? false }
            let rest = zip(item, totals).map { $1 - ($0 ? 1 : 0) }
            XCTAssertEqual(question["learners"] as? Int, cohort)
            let share = try XCTUnwrap(question["correct_share"] as? Double)
            XCTAssertEqual(share, Double(item.filter { $0 }.count) / Double(cohort), accuracy: 1e-9, id)
            let expected = pointBiserial(item: item, rest: rest)
            if let expected {
                XCTAssertEqual(try XCTUnwrap(question["discrimination"] as? Double), expected, accuracy: 1e-4, id)
            } else {
                XCTAssertTrue(question["discrimination"] is NSNull, id)
            }
            let flags = try XCTUnwrap(question["flags"] as? [[String: Any]])
            flagged[id] = Set(
                flags.map { flag in
                    (flag["code"] as? String ?? "") + ((flag["option"] as? String).map { ":" + $0 } ?? "")
                })
        }
        XCTAssertEqual(flagged["one-answer"], ["too-easy", "unused-distractor:c"])
        XCTAssertEqual(flagged["several-answers"], ["negative-discrimination"])
        XCTAssertEqual(flagged["short-answer"], ["too-hard"])
        XCTAssertEqual(flagged["a-number"], [])
        XCTAssertEqual(flagged["in-order"], [])
        let options = try XCTUnwrap(questions[0]["options"] as? [[String: Any]])
        XCTAssertEqual(options.compactMap { $0["key"] as? String }, ["a", "b", "c"])
        XCTAssertEqual(options.compactMap { $0["chosen"] as? Int }, [48, 2, 0])
        let attempts = try XCTUnwrap(quiz["attempts_to_pass"] as? [String: Any])
        // Passing needs 3.75 of 5 points: the learners right on at least four questions pass, each at once.
        let passers = totals.filter { $0 >= 3.75 }.count
        XCTAssertEqual(attempts["passed"] as? Int, passers)
        XCTAssertEqual(attempts["not_passed"] as? Int, cohort - passers)

        let text = try ArchLabRunner.run(["stats", "--course", courseDirectory.path, folder.path], in: scratch)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(
            text.stdout.contains(
                "one-answer: unused-distractor (option c): a wrong option chosen by under 2% of learners"), text.stdout)
        XCTAssertTrue(text.stdout.contains("✓ a ███████████████████· "), text.stdout)
        let csv = try ArchLabRunner.run(
            ["stats", "--course", courseDirectory.path, "--format", "csv", folder.path], in: scratch)
        XCTAssertTrue(csv.stdout.contains("option,first-steps,one-answer,b,50,,,2,,,,\r\n"), csv.stdout)
    }

    func testAttemptsToPassAndFirstVersusBestAttemptFromADatabase() throws {
        let database = scratch.appendingPathComponent("cohort.sqlite").path
        let course = try CourseLoader.load(directory: courseDirectory).course
        let quiz = try XCTUnwrap(course.quiz(id: "first-steps"))
        let store = try ProgressStore(path: database)
        // Learner k fails k times, then passes; `never` fails twice and stops.
        let plans: [(String, Int, Bool)] = [
            ("p0", 0, true), ("p1", 0, true), ("p2", 1, true), ("p3", 2, true),
            ("p4", 3, true), ("never", 2, false),
        ]
        for (name, failures, passes) in plans {
            let learner = try store.ensureLearner(name)
            var responses: [[String: Response]] = Array(repeating: [:], count: failures)
            if passes { responses.append(quiz.answerKey) }
            for attempt in responses {
                let grade = quiz.grade(attempt)
                let answers = try attempt.map { id, response in
                    AttemptAnswer(
                        questionID: id,
                        responseJSON: String(decoding: try JSONEncoder().encode(response), as: UTF8.self),
                        points: 1, hintsUsed: 0)
                }
                _ = try store.recordAttempt(
                    learner: learner,
                    FinishedAttempt(
                        quizID: quiz.id, contentHash: quiz.contentHash, startedAt: Date(), score: grade.score,
                        maxScore: grade.maxScore, passed: grade.passed, answers: answers))
            }
        }
        try store.close()
        for (choice, share) in [("best", 5.0 / 6.0), ("first", 2.0 / 6.0)] {
            let output = try ArchLabRunner.run(
                ["stats", "--course", courseDirectory.path, "--db", database, "--attempt", choice, "--format", "json"],
                in: scratch)
            XCTAssertEqual(output.status, 0, output.stderr)
            let quizzes = try XCTUnwrap(try json(output)["quizzes"] as? [[String: Any]])
            let attempts = try XCTUnwrap(quizzes.first?["attempts_to_pass"] as? [String: Any])
            XCTAssertEqual(attempts["passed"] as? Int, 5)
            XCTAssertEqual(attempts["not_passed"] as? Int, 1)
            XCTAssertEqual(attempts["median"] as? Double, 2)  // 1, 1, 2, 3, 4
            XCTAssertEqual(attempts["p90"] as? Double, 4)  // nearest rank: the 5th of 5
            let questions = try XCTUnwrap(quizzes.first?["questions"] as? [[String: Any]])
            XCTAssertEqual(questions.first?["learners"] as? Int, 6)
            XCTAssertEqual(try XCTUnwrap(questions.first?["correct_share"] as? Double), share, accuracy: 1e-4, choice)
        }
    }

    func testAMalformedAnswersFileExitsTwo() throws {
        let bad = scratch.appendingPathComponent("bad.toml")
        try Data("learner = \"x\"\n[quiz.nope]\n".utf8).write(to: bad)
        let output = try ArchLabRunner.run(["stats", "--course", courseDirectory.path, bad.path], in: scratch)
        XCTAssertEqual(output.status, 2)
        XCTAssertTrue(output.stderr.contains("unknown quiz `nope`"), output.stderr)
    }
}
