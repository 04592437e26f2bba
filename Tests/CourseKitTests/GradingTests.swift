import Foundation
import XCTest

@testable import CourseKit

final class GradingTests: XCTestCase {
    private func question(_ quiz: String, _ id: String) throws -> Question {
        try XCTUnwrap(try Fixtures.loadValid().quiz(id: quiz)?.question(id: id))
    }

    func testSingleGivesFullPointsOnlyForTheCorrectOptionAndShowsFeedback() throws {
        let single = try question("caching", "benefit")
        XCTAssertEqual(single.grade(.option("a")).points, 1)
        XCTAssertTrue(single.grade(.option("a")).correct)
        let wrong = single.grade(.option("b"))
        XCTAssertEqual(wrong.points, 0)
        XCTAssertFalse(wrong.correct)
        XCTAssertTrue(wrong.answered)
        XCTAssertEqual(wrong.feedback, ["Caching does not change tokens."])
        XCTAssertEqual(single.grade(.option("z")).feedback, ["unknown option `z`"])
        XCTAssertEqual(single.grade(nil).points, 0)
        XCTAssertFalse(single.grade(nil).answered)
        XCTAssertEqual(single.grade(.text("a")).points, 0)
    }

    /// `(right chosen − wrong chosen) / right`, floored at 0, times the question's points (2 here).
    func testMultiplePartialCreditFormula() throws {
        let multiple = try question("caching", "why-ttl")
        XCTAssertEqual(multiple.grade(.options(["a", "c"])).points, 2)
        XCTAssertEqual(multiple.grade(.options(["c", "a"])).points, 2)
        XCTAssertEqual(multiple.grade(.options(["a"])).points, 1)
        XCTAssertEqual(multiple.grade(.options(["a", "b"])).points, 0)
        XCTAssertEqual(multiple.grade(.options(["a", "b", "c"])).points, 1)
        XCTAssertEqual(multiple.grade(.options(["b"])).points, 0)
        XCTAssertEqual(multiple.grade(.options(["a", "a"])).points, 1)
        XCTAssertEqual(multiple.grade(.options(["a", "b"])).feedback, ["TTL does not speed up reads."])
        XCTAssertEqual(multiple.grade(.options([])).points, 0)
    }

    func testMultipleWithoutPartialIsAllOrNothing() {
        let question = Question(
            id: "q", kind: .multiple, points: 3, prompt: "?",
            options: [
                QuizOption(key: "a", text: "A", correct: true), QuizOption(key: "b", text: "B", correct: true),
                QuizOption(key: "c", text: "C"),
            ])
        XCTAssertEqual(question.grade(.options(["a"])).points, 0)
        XCTAssertEqual(question.grade(.options(["a", "b", "c"])).points, 0)
        XCTAssertEqual(question.grade(.options(["b", "a"])).points, 3)
    }

    /// Partial order credit is the share of item pairs in the right relative order.
    func testOrderPartialCreditCountsPairs() throws {
        let order = try question("limits", "steps")
        XCTAssertEqual(order.grade(.order(["refill", "check", "take"])).points, 1)
        XCTAssertEqual(order.grade(.order(["check", "refill", "take"])).points, 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(order.grade(.order(["take", "check", "refill"])).points, 0)
        XCTAssertEqual(order.grade(.order(["refill", "take", "check"])).points, 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(order.grade(.order(["take", "refill", "check"])).points, 1.0 / 3.0, accuracy: 1e-12)
        XCTAssertFalse(order.grade(.order(["check", "refill", "take"])).correct)
        let strict = Question(
            id: "s", kind: .order, prompt: "?",
            items: [OrderItem(key: "a", text: "A"), OrderItem(key: "b", text: "B"), OrderItem(key: "c", text: "C")])
        XCTAssertEqual(strict.grade(.order(["b", "a", "c"])).points, 0)
        XCTAssertEqual(strict.grade(.order(["a", "b", "c"])).points, 1)
    }

    func testShortNormalisesWhitespaceAndCaseAndMatchesRegexOverTheWholeAnswer() throws {
        let short = try question("caching", "policy")
        XCTAssertTrue(short.grade(.text("allkeys-lru")).correct)
        XCTAssertTrue(short.grade(.text("  AllKeys-LRU ")).correct)
        XCTAssertTrue(short.grade(.text("all keys lru")).correct)
        XCTAssertTrue(short.grade(.text("ALL   KEYS-lru")).correct)
        XCTAssertFalse(short.grade(.text("volatile-lru")).correct)
        XCTAssertFalse(short.grade(.text("use allkeys-lru")).correct, "the regex must match the whole answer")
        XCTAssertFalse(short.grade(.text("allkeys-lru please")).correct)
        let alternation = Question(id: "x", kind: .short, prompt: "?", acceptRegex: ["a|ab"], example: "a")
        XCTAssertTrue(alternation.grade(.text("ab")).correct, "a later alternative may match the whole answer")
    }

    func testShortCaseSensitive() throws {
        let short = try question("limits", "status")
        XCTAssertTrue(short.grade(.text("Too  Many Requests")).correct)
        XCTAssertFalse(short.grade(.text("too many requests")).correct)
    }

    func testNumericToleranceAndUnits() throws {
        let numeric = try question("limits", "refill")
        XCTAssertEqual(numeric.grade(.number(2, unit: nil)).points, 1.5)
        XCTAssertTrue(numeric.grade(.number(2.1, unit: "s")).correct)
        XCTAssertTrue(numeric.grade(.number(1.9, unit: nil)).correct)
        XCTAssertFalse(numeric.grade(.number(2.11, unit: nil)).correct)
        let wrongUnit = numeric.grade(.number(2, unit: "ms"))
        XCTAssertFalse(wrongUnit.correct)
        XCTAssertEqual(wrongUnit.feedback, ["`ms` is not the expected unit: the unit is `s`"])
        XCTAssertTrue(numeric.grade(.text("2 s")).correct)
        XCTAssertTrue(numeric.grade(.text("2s")).correct)
        XCTAssertFalse(numeric.grade(.text("two")).correct)
        let exact = try question("caching", "ttl-seconds")
        XCTAssertTrue(exact.grade(.number(3600, unit: nil)).correct)
        XCTAssertFalse(exact.grade(.number(3601, unit: nil)).correct)
        let tenths = Question(id: "t", kind: .numeric, prompt: "?", answer: 0.3)
        XCTAssertTrue(tenths.grade(.number(0.1 + 0.2, unit: nil)).correct, "floating-point noise is not an error")
    }

    func testQuizPassMarkAndAnswerKey() throws {
        let quiz = try XCTUnwrap(try Fixtures.loadValid().quiz(id: "caching"))
        let perfect = quiz.grade(quiz.answerKey)
        XCTAssertEqual(perfect.score, 5)
        XCTAssertEqual(perfect.maxScore, 5)
        XCTAssertTrue(perfect.passed)
        XCTAssertEqual(perfect.passMark, 3.75)
        XCTAssertFalse(quiz.grade([:]).passed)
        XCTAssertEqual(quiz.grade([:]).score, 0)
        let almost = quiz.grade([
            "benefit": .option("a"), "why-ttl": .options(["a", "c"]), "policy": .text("allkeys-lru"),
        ])
        XCTAssertEqual(almost.score, 4)
        XCTAssertTrue(almost.passed)
        let short = quiz.grade([
            "benefit": .option("a"), "why-ttl": .options(["a"]), "ttl-seconds": .number(3600, unit: "s"),
        ])
        XCTAssertEqual(short.score, 3)
        XCTAssertFalse(short.passed)
        XCTAssertEqual(almost.questions.map(\.questionID), ["benefit", "why-ttl", "policy", "ttl-seconds"])
    }

    func testExactPassMarkPassesDespiteFloatingPointSums() {
        let questions = (0..<10).map { Question(id: "q\($0)", kind: .numeric, points: 0.1, prompt: "?", answer: 1) }
        let quiz = Quiz(
            id: "z", title: "Z", unlocks: "n", pass: 0.7, questions: questions, file: URL(fileURLWithPath: "/z"),
            relativePath: "z", contentHash: "")
        let responses = Dictionary(uniqueKeysWithValues: (0..<7).map { ("q\($0)", Response.number(1, unit: nil)) })
        XCTAssertTrue(quiz.grade(responses).passed)
    }

    func testResponsesRoundTripThroughJSON() throws {
        let responses: [Response] = [
            .option("a"), .options(["a", "c"]), .text("allkeys-lru"), .number(5, unit: "s"), .number(2.5, unit: nil),
            .order(["c", "a", "b"]),
        ]
        let data = try JSONEncoder().encode(responses)
        XCTAssertEqual(try JSONDecoder().decode([Response].self, from: data), responses)
    }
}
