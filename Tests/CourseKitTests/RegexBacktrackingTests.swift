import XCTest

@testable import CourseKit

/// The lint check for `accept_regex` patterns that backtrack catastrophically, and the step budget of matching.
final class RegexBacktrackingTests: XCTestCase {
    func testNestedQuantifiersAndOverlappingAlternativesAreFound() {
        let patterns = [
            "^(a+)+$", "(a*)*", "(a|aa)+", "(x+x+)+y", "(.*a){20}", "((ab)*c)+", "(?:\\w+\\s?)+$", "(a|a)*",
        ]
        for pattern in patterns {
            XCTAssertNotNil(RegexBacktracking.problem(in: pattern), pattern)
        }
    }

    func testSafePatternsAreLeftAlone() {
        for pattern in [
            "all\\s?keys[- ]lru", "Too Many Requests", "(the )?fixed[ -]?window( counter| limiter| algorithm)?",
            "(the )?(nearest |best |top |highest |max(imum)? )?(cosine )?similarity( score| value)?",
            "(\\d{1,3}\\.){3}\\d{1,3}", "(a++)+", "(?>a+)+", "[(a+)+]", "\\(a+\\)+", "(ab|cd)+", "a{2,5}",
        ] {
            XCTAssertNil(RegexBacktracking.problem(in: pattern), pattern)
        }
    }

    func testAMatchOverItsStepBudgetIsStoppedAndScoresZeroWithAReason() {
        let question = Question(
            id: "q", kind: .short, prompt: "?", hints: [], explanation: "", acceptRegex: ["(\\w|\\d)+!"], example: "a!")
        let grade = question.grade(.text(String(repeating: "1", count: 40)))
        XCTAssertEqual(grade.points, 0)
        XCTAssertEqual(grade.feedback.count, 1)
        XCTAssertTrue(grade.feedback[0].contains("was stopped after too many matching steps"), "\(grade.feedback)")
        XCTAssertEqual(question.grade(.text("abc!")).points, 1)
    }
}
