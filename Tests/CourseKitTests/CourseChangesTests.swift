import Foundation
import XCTest

@testable import CourseKit

/// `lint --against`'s comparison on in-memory courses: what counts as a change to recorded progress.
final class CourseChangesTests: XCTestCase {
    private func question(_ id: String, right: String = "a", prompt: String = "p") -> Question {
        Question(
            id: id, kind: .single, prompt: prompt,
            options: ["a", "b"].map {
                QuizOption(key: $0, text: $0, correct: $0 == right)
            })
    }

    private func course(nodes: [String] = ["n"], questions: [Question], pass: Double = 0.5) -> Course {
        let quiz = Quiz(
            id: "q", title: "Q", unlocks: "n", pass: pass, questions: questions,
            file: URL(fileURLWithPath: "/nonexistent/q.toml"), relativePath: "Quizzes/q.toml", contentHash: "h")
        let matrix = Matrix(
            nodes: nodes.enumerated().map { MatrixNode(id: $1, title: $1, requires: [], column: $0, row: 0) })
        return Course(
            directory: URL(fileURLWithPath: "/nonexistent"), title: "C", subtitle: nil, ticker: "", description: nil,
            quote: nil, lessons: [], quizzes: [quiz], matrix: matrix, glossary: [], faq: [])
    }

    func testEqualCoursesAndRewordedPromptsHaveNoFindings() {
        let old = course(questions: [question("x"), question("y")])
        XCTAssertEqual(CourseChanges.findings(old: old, new: old), [])
        let reworded = course(questions: [question("x", prompt: "new words"), question("y")])
        XCTAssertEqual(CourseChanges.findings(old: old, new: reworded), [])
    }

    func testKeyPassMarkAndIdChangesAreWarnings() {
        let old = course(nodes: ["n", "gone"], questions: [question("x"), question("y"), question("z")])
        let new = course(questions: [question("x", right: "b"), question("why")], pass: 0.6)
        let findings = CourseChanges.findings(old: old, new: new)
        XCTAssertTrue(findings.allSatisfy { $0.severity == .warning && $0.code == CourseChanges.code })
        let messages = Set(findings.map(\.message))
        XCTAssertEqual(
            messages,
            [
                "node `gone` was removed: learners' unlocks of it no longer count",
                "quiz `q`: the pass mark changed from 0.5 to 0.6; recorded passes stand",
                "quiz `q`: the answer key of question `x` changed: recorded answers are graded differently now",
                "quiz `q`: question `y` was renamed to `why`: recorded answers to it no longer match",
                "quiz `q`: question `z` was removed: recorded answers to it no longer count",
            ])
    }

    func testTheKeySignatureCoversWhatGradingReads() {
        let numeric = Question(id: "n", kind: .numeric, prompt: "p", answer: 5, tolerance: 0.5, unit: "s")
        let wider = Question(id: "n", kind: .numeric, prompt: "other", answer: 5, tolerance: 1, unit: "s")
        XCTAssertNotEqual(CourseChanges.keySignature(numeric), CourseChanges.keySignature(wider))
        let order = Question(
            id: "o", kind: .order, prompt: "p", items: [OrderItem(key: "a", text: "A"), OrderItem(key: "b", text: "B")])
        let swapped = Question(
            id: "o", kind: .order, prompt: "p", items: [OrderItem(key: "b", text: "B"), OrderItem(key: "a", text: "A")])
        XCTAssertNotEqual(CourseChanges.keySignature(order), CourseChanges.keySignature(swapped))
        let short = Question(id: "s", kind: .short, prompt: "p", hints: ["h"], accept: ["x", "y"])
        let reordered = Question(id: "s", kind: .short, prompt: "q", hints: [], accept: ["y", "x"])
        XCTAssertEqual(CourseChanges.keySignature(short), CourseChanges.keySignature(reordered))
    }
}
