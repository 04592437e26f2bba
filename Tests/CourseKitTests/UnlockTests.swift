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
}
