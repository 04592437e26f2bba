import Clocks
import CourseKit
import CourseProgress
import Foundation
import TestSupport
import XCTest

@testable import ProgressStore

/// A learner's records as the REPL and `archlab` write and read them, over the shared fixture course.
final class CourseProgressTests: XCTestCase {
    private struct InjectedFailure: Error {}

    private var directory: URL!
    private var course: Course!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "course-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        course = try CourseLoader.load(directory: try SharedFixtures.url("valid")).course
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func store(fault: (@Sendable (ProgressStore.FaultPoint) throws -> Void)? = nil) throws -> ProgressStore {
        let path = directory.appendingPathComponent("progress.sqlite").path
        let clock = ManualClock(milliseconds: 1_800_000_000_000)
        guard let fault else { return try ProgressStore(path: path, clock: clock) }
        return try ProgressStore(path: path, clock: clock, busyTimeout: 5, fault: fault)
    }

    private func attempt(_ quizID: String, passed: Bool) -> FinishedAttempt {
        FinishedAttempt(
            quizID: quizID, contentHash: "h", startedAt: Date(timeIntervalSince1970: 1_800_000_000),
            score: passed ? 1 : 0, maxScore: 1, passed: passed, answers: [])
    }

    func testAPassedAttemptCompletesItsLessonAndUnlocksItsNode() throws {
        let store = try store()
        let ada = try store.ensureLearner("ada")
        let failed = try AttemptRecording.record(attempt("caching", passed: false), for: ada, in: store, course: course)
        XCTAssertEqual(failed.newlyUnlocked.map(\.nodeID), [])
        XCTAssertNil(try store.lessonProgress(learner: ada).first?.completedAt, "a failed attempt completes nothing")

        let passed = try AttemptRecording.record(attempt("caching", passed: true), for: ada, in: store, course: course)
        XCTAssertEqual(passed.newlyUnlocked.map(\.nodeID), ["cost-model"])
        let lesson = try XCTUnwrap(try store.lessonProgress(learner: ada).first)
        XCTAssertEqual(lesson.lessonID, "caching")
        XCTAssertEqual(lesson.completedAt, Date(timeIntervalSince1970: 1_800_000_000))
    }

    func testAFailureAfterTheAnswersLeavesNeitherTheAttemptNorTheLessonCompleted() throws {
        let failing = try store { point in
            if point == .afterUnlocks { throw InjectedFailure() }
        }
        let ada = try failing.ensureLearner("ada")
        XCTAssertThrowsError(
            try AttemptRecording.record(attempt("caching", passed: true), for: ada, in: failing, course: course))
        XCTAssertEqual(try failing.attempts(learner: ada).count, 0)
        XCTAssertEqual(
            try failing.lessonProgress(learner: ada).count, 0, "the completion is part of the attempt's transaction")
    }

    func testTheReportShowsLessonStatusesNodesAndLabs() throws {
        let store = try store()
        let ada = try store.ensureLearner("ada")
        _ = try AttemptRecording.record(attempt("caching", passed: true), for: ada, in: store, course: course)
        _ = try LabRunRecording.record(
            "exact-cache", parametersJSON: "{}", summaryJSON: "{}", for: ada, in: store, course: course)
        let report = try ProgressReport.build(store: store, learner: ada, learnerName: "ada", course: course)
        XCTAssertEqual(report.lessons.map(\.status), ["completed", "open"])
        XCTAssertEqual(report.nodes.filter(\.unlocked).map(\.id), ["cost-model", "exact-cache"])
        XCTAssertEqual(report.labs.map(\.id), ["exact-cache"])
        XCTAssertEqual(report.lessons.first?.attempts, 1)

        let stranger = try ProgressReport.build(store: store, learner: nil, learnerName: "bob", course: course)
        XCTAssertEqual(stranger.lessons.map(\.status), ["open", "locked"])
        XCTAssertEqual(stranger.attempts.count, 0)
    }

    /// The answer to a lab's closing question is stored with its run (`v5-lab-answers`), replaced when the same run
    /// is answered again, and shown back as the latest answer per lab; it never unlocks anything.
    func testLabAnswersAreRecordedWithTheirRunAndShownLatestFirstPerLab() throws {
        let store = try store()
        let ada = try store.ensureLearner("ada")
        let first = try LabRunRecording.recordRun(
            "exact-cache", parametersJSON: "{}", summaryJSON: "{}", for: ada, in: store, course: course)
        XCTAssertEqual(first.unlocked, [], "the lab alone unlocks nothing before its node's requirements")
        try store.recordLabAnswer(runID: first.runID, question: "Which requests?", answer: "The one-offs.")
        let second = try LabRunRecording.recordRun(
            "exact-cache", parametersJSON: "{}", summaryJSON: "{}", for: ada, in: store, course: course)
        try store.recordLabAnswer(runID: second.runID, question: "Which requests?", answer: "Paraphrases too.")
        XCTAssertEqual(try store.labAnswers(learner: ada).map(\.answer), ["The one-offs.", "Paraphrases too."])
        let report = try ProgressReport.build(store: store, learner: ada, learnerName: "ada", course: course)
        XCTAssertEqual(report.labAnswers.map(\.answer), ["Paraphrases too."])
        XCTAssertEqual(report.labAnswers.first?.scenarioID, "exact-cache")
        XCTAssertEqual(report.nodes.filter(\.unlocked).map(\.id), [])
        XCTAssertThrowsError(try store.recordLabAnswer(runID: 999, question: "Q", answer: "A"))

        let bob = try store.ensureLearner("bob")
        XCTAssertEqual(try store.labAnswers(learner: bob), [], "answers are the learner's own")
    }
}
