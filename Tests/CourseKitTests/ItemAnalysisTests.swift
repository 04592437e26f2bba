import CourseKit
import Foundation
import XCTest

/// The statistics behind `archlab stats`, on hand-made quizzes and attempts.
final class ItemAnalysisTests: XCTestCase {
    private func single(_ id: String, right: String = "a") -> Question {
        Question(
            id: id, kind: .single, prompt: id,
            options: ["a", "b", "c"].map {
                QuizOption(key: $0, text: $0, correct: $0 == right)
            })
    }

    private func quiz(_ questions: [Question], pass: Double = 0.5) -> Quiz {
        Quiz(
            id: "q", title: "Q", unlocks: "n", pass: pass, questions: questions,
            file: URL(fileURLWithPath: "/nonexistent/q.toml"), relativePath: "Quizzes/q.toml", contentHash: "h")
    }

    func testCorrelationIsPearsonsAndNilWithoutVariance() throws {
        XCTAssertEqual(
            try XCTUnwrap(ItemAnalysis.correlation([1, 0, 1, 0], [3, 1, 2, 2])), 1 / 2.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(ItemAnalysis.correlation([1, 0, 1, 0], [1, 3, 1, 3])), -1, accuracy: 1e-12)
        XCTAssertNil(ItemAnalysis.correlation([1, 1, 1], [1, 2, 3]))
        XCTAssertNil(ItemAnalysis.correlation([1], [2]))
    }

    func testAttemptsToPassTakeTheFirstPassingAttemptPerLearner() {
        let quiz = quiz([single("x")])
        var attempts: [ItemAnalysis.Attempt] = []
        // Learner k fails k times, then passes: 1, 2, 3, 4 attempts; `never` fails twice.
        for (learner, failures) in [("a", 0), ("b", 1), ("c", 2), ("d", 3)] {
            for _ in 0..<failures {
                attempts.append(.init(learner: learner, quizID: "q", responses: ["x": .option("b")]))
            }
            attempts.append(.init(learner: learner, quizID: "q", responses: ["x": .option("a")]))
        }
        attempts += Array(repeating: .init(learner: "never", quizID: "q", responses: ["x": .option("c")]), count: 2)
        let stats = ItemAnalysis.analyse(attempts, quizzes: [quiz], choice: .best).quizzes[0]
        XCTAssertEqual(stats.learners, 5)
        XCTAssertEqual(stats.attemptsToPass.passed, 4)
        XCTAssertEqual(stats.attemptsToPass.notPassed, 1)
        XCTAssertEqual(stats.attemptsToPass.median, 2.5)
        XCTAssertEqual(stats.attemptsToPass.p90, 4)
        XCTAssertEqual(stats.questions[0].correctShare, 4.0 / 5.0)
        let first = ItemAnalysis.analyse(attempts, quizzes: [quiz], choice: .first).quizzes[0]
        XCTAssertEqual(first.questions[0].correctShare, 1.0 / 5.0)
        XCTAssertEqual(first.questions[0].options.map(\.chosen), [1, 3, 1])
    }

    func testAStoredPassCountsEvenWhenTheCurrentQuizWouldFailIt() {
        let attempts = [ItemAnalysis.Attempt(learner: "a", quizID: "q", responses: ["x": .option("b")], passed: true)]
        let stats = ItemAnalysis.analyse(attempts, quizzes: [quiz([single("x")])], choice: .best).quizzes[0]
        XCTAssertEqual(stats.attemptsToPass.passed, 1)
        XCTAssertEqual(stats.questions[0].correctShare, 0)
    }

    func testFlagsNameTheirRules() {
        // 50 learners: `easy` right for all, `hard` right for 10 (20%), `odd` right only for the weaker learners,
        // `mid` right for half, mostly the stronger.
        let quiz = quiz([single("easy"), single("hard"), single("odd"), single("mid")])
        var attempts: [ItemAnalysis.Attempt] = []
        for i in 0..<50 {
            let wrong = i % 2 == 0 ? "b" : "c"
            let midRight = i < 10 || (25..<40).contains(i)
            let responses: [String: Response] = [
                "easy": .option("a"),
                "hard": .option(i < 10 ? "a" : wrong),
                "odd": .option(i < 25 ? "b" : "a"),
                "mid": .option(midRight ? "a" : wrong),
            ]
            attempts.append(ItemAnalysis.Attempt(learner: "l\(i)", quizID: "q", responses: responses))
        }
        let questions = ItemAnalysis.analyse(attempts, quizzes: [quiz], choice: .best).quizzes[0].questions
        let flags = Dictionary(
            uniqueKeysWithValues: questions.map { question in
                (question.id, question.flags.map { $0.code + ($0.option.map { ":" + $0 } ?? "") })
            })
        XCTAssertEqual(flags["easy"], ["too-easy", "unused-distractor:b", "unused-distractor:c"])
        XCTAssertEqual(flags["hard"], ["too-hard"])
        XCTAssertEqual(flags["odd"], ["negative-discrimination", "unused-distractor:c"])
        XCTAssertEqual(flags["mid"], [])
        XCTAssertNil(questions[0].discrimination, "everyone right: no variance")
        XCTAssertEqual(questions.first { $0.id == "easy" }?.flags.first?.rule, "at least 95% answered it correctly")
    }
}
