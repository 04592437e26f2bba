import Foundation
import XCTest

@testable import CourseKit

final class UnlockTests: XCTestCase {
    func testNothingPassedUnlocksNothingWhenTheRootHasAQuiz() throws {
        let course = try Fixtures.loadValid()
        XCTAssertEqual(course.unlockedNodes(passedQuizzes: [], ranLabs: []), [])
        XCTAssertEqual(course.unlockedNodes(passedQuizzes: ["caching"], ranLabs: []), ["cost-model"])
    }

    func testLabNodesNeedTheirLabAndMilestonesFollowTheirRequirements() throws {
        let course = try Fixtures.loadValid()
        XCTAssertEqual(
            course.unlockedNodes(passedQuizzes: ["caching", "limits"], ranLabs: []), ["cost-model", "rate-limit"])
        XCTAssertEqual(
            course.unlockedNodes(passedQuizzes: ["caching", "limits"], ranLabs: ["exact-cache"]),
            ["cost-model", "exact-cache", "rate-limit", "production"])
    }

    func testAQuizPassedEarlyCountsOnceItsRequirementsAreMet() throws {
        let course = try Fixtures.loadValid()
        XCTAssertEqual(course.unlockedNodes(passedQuizzes: ["limits"], ranLabs: ["exact-cache"]), [])
        XCTAssertEqual(
            course.unlockedNodes(passedQuizzes: ["limits", "caching"], ranLabs: ["exact-cache"]),
            ["cost-model", "exact-cache", "rate-limit", "production"], "passing the root cascades")
    }

    func testCyclesNeverUnlockAndOrderFollowsTheManifest() {
        let nodes = [
            MatrixNode(id: "late", title: "Late", requires: ["root"], column: 1, row: 0),
            MatrixNode(id: "root", title: "Root", requires: [], column: 0, row: 0),
            MatrixNode(id: "a", title: "A", requires: ["b"], column: 2, row: 0),
            MatrixNode(id: "b", title: "B", requires: ["a"], column: 3, row: 0),
        ]
        let course = Course(
            directory: URL(fileURLWithPath: "/c"), title: "C", subtitle: nil, ticker: "", description: nil, quote: nil,
            lessons: [], quizzes: [], matrix: Matrix(nodes: nodes), glossary: [], faq: [])
        XCTAssertEqual(course.unlockedNodes(passedQuizzes: [], ranLabs: []), ["late", "root"])
        XCTAssertEqual(MatrixGraph.cycles(nodes), [["a", "b"]])
    }

    func testLessonAvailabilitySaysWhatIsMissingAndWhichLessonUnlocksIt() throws {
        let course = try Fixtures.loadValid()
        let first = try XCTUnwrap(course.lesson(id: "caching"))
        let second = try XCTUnwrap(course.lesson(id: "limits"))
        XCTAssertTrue(course.availability(of: first, unlocked: []).isOpen)
        XCTAssertFalse(course.availability(of: first, unlocked: []).completed)
        let locked = course.availability(of: second, unlocked: [])
        XCTAssertFalse(locked.isOpen)
        XCTAssertEqual(locked.missing.map(\.nodeID), ["cost-model"])
        XCTAssertEqual(locked.missing.first?.lessonIDs, ["caching"])
        XCTAssertEqual(locked.missing.first?.title, "Cost Model")
        let unlocked = Set(course.unlockedNodes(passedQuizzes: ["caching"], ranLabs: []))
        XCTAssertTrue(course.availability(of: second, unlocked: unlocked).isOpen)
        XCTAssertTrue(course.availability(of: first, unlocked: unlocked).completed)
    }

    /// A lesson node needing its quiz and its exercise, and a capstone needing every exercise and `capstone`: each
    /// says what is still missing, and nothing unlocks without the exercises.
    func testNodesNeedTheirExercisesAndSayWhatIsMissing() {
        let nodes = [
            MatrixNode(id: "cost", title: "Cost", requires: [], column: 0, row: 0, exercises: ["cost-of-a-call"]),
            MatrixNode(id: "lab", title: "Lab", requires: ["cost"], column: 1, row: 0, lab: "exact-cache"),
            MatrixNode(
                id: "capstone", title: "Capstone", requires: ["lab"], column: 2, row: 0,
                exercises: ["cost-of-a-call", "capstone"]),
        ]
        let quiz = Quiz(
            id: "cost-quiz", title: "Q", unlocks: "cost", pass: 0.75, questions: [],
            file: URL(fileURLWithPath: "/c/Quizzes/q.toml"), relativePath: "Quizzes/q.toml", contentHash: "")
        let capstone = Exercise(
            id: "capstone", title: "Capstone", lesson: "l", file: "", hints: [], calls: [], cases: [], randoms: [],
            directory: URL(fileURLWithPath: "/c/Exercises/capstone"), relativePath: "Exercises/capstone/exercise.toml",
            capstone: CapstoneSpec(scenario: "production", seed: 1, minAgreement: 0.99, parameters: [:], tenants: 3))
        let course = Course(
            directory: URL(fileURLWithPath: "/c"), title: "C", subtitle: nil, ticker: "", description: nil, quote: nil,
            lessons: [], quizzes: [quiz], matrix: Matrix(nodes: nodes), glossary: [], faq: [], exercises: [capstone])
        XCTAssertEqual(course.unlockedNodes(passedQuizzes: ["cost-quiz"], ranLabs: ["exact-cache"]), [])
        XCTAssertEqual(
            course.needs(
                of: "cost", unlocked: [], passedQuizzes: ["cost-quiz"], ranLabs: [], passedExercises: []),
            NodeNeeds(nodeID: "cost", exercises: ["cost-of-a-call"]))
        XCTAssertEqual(
            course.needs(of: "capstone", unlocked: [], passedQuizzes: [], ranLabs: [], passedExercises: []),
            NodeNeeds(nodeID: "capstone", nodes: ["lab"], exercises: ["cost-of-a-call"], capstones: ["capstone"]))
        XCTAssertEqual(
            course.unlockedNodes(
                passedQuizzes: ["cost-quiz"], ranLabs: ["exact-cache"], passedExercises: ["cost-of-a-call"]),
            ["cost", "lab"], "the capstone waits for its own check")
        let all = course.unlockedNodes(
            passedQuizzes: ["cost-quiz"], ranLabs: ["exact-cache"], passedExercises: ["cost-of-a-call", "capstone"])
        XCTAssertEqual(all, ["cost", "lab", "capstone"])
        XCTAssertTrue(
            course.needs(
                of: "capstone", unlocked: Set(all), passedQuizzes: [], ranLabs: [], passedExercises: []
            ).isEmpty)
        XCTAssertEqual(
            course.needs(of: "lab", unlocked: ["cost"], passedQuizzes: [], ranLabs: [], passedExercises: []),
            NodeNeeds(nodeID: "lab", lab: "exact-cache"))
        XCTAssertEqual(
            course.unlockedNodes(passedQuizzes: [], ranLabs: ["exact-cache"], alreadyUnlocked: ["cost", "gone"]),
            ["cost", "lab"], "a recorded unlock stays and counts as a met requirement")
    }

    /// `{{#exercise ID}}` lines outside fenced code split a page into Markdown and exercise boxes.
    func testExerciseDirectivesSplitAPageOutsideFencedCode() {
        let page = LessonPage(
            title: "T",
            markdown: "Before.\n\n{{#exercise token-bucket}}\n\n```text\n{{#exercise in-code}}\n```\n  {{#exercise b}}",
            line: 1)
        XCTAssertEqual(
            page.segments,
            [
                .markdown("Before."), .exercise("token-bucket"), .markdown("```text\n{{#exercise in-code}}\n```"),
                .exercise("b"),
            ])
        XCTAssertEqual(LessonPage(title: "T", markdown: "Plain.", line: 1).segments, [.markdown("Plain.")])
        XCTAssertEqual(ExerciseDirective.exerciseID(in: "{{#exercise  a-b }}"), "a-b")
        XCTAssertEqual(ExerciseDirective.exerciseID(in: "{{#exercise}}"), "")
        XCTAssertNil(ExerciseDirective.exerciseID(in: "{{#exercises a}}"))
        XCTAssertNil(ExerciseDirective.exerciseID(in: "see {{#exercise a}}"))
    }
}
