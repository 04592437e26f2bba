import Clocks
import CourseKit
import CourseProgress
import Foundation
import ProgressStore
import REPL
import XCTest

/// Two processes recording for the same learner at once: the unlock that needs both records must land.
final class ConcurrentUnlockTests: XCTestCase {
    /// A clock whose first reading waits until the other side's clock has been read too, so two stores
    /// reach their write at the same moment: each has done whatever it does before writing.
    private final class RendezvousClock: WallClock, @unchecked Sendable {
        private let mine: DispatchSemaphore
        private let theirs: DispatchSemaphore
        private let lock = NSLock()
        private var met = false

        init(mine: DispatchSemaphore, theirs: DispatchSemaphore) {
            self.mine = mine
            self.theirs = theirs
        }

        func nowMilliseconds() -> Int64 {
            lock.lock()
            let first = !met
            met = true
            lock.unlock()
            if first {
                mine.signal()
                _ = theirs.wait(timeout: .now() + 60)
            }
            return 1_800_000_000_000
        }
    }

    private final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var messages: [String] = []

        func add(_ message: String) {
            lock.lock()
            messages.append(message)
            lock.unlock()
        }

        var all: [String] {
            lock.lock()
            defer { lock.unlock() }
            return messages
        }
    }

    private func passing(_ quiz: Quiz) -> FinishedAttempt {
        FinishedAttempt(
            quizID: quiz.id, contentHash: quiz.contentHash, startedAt: Date(timeIntervalSince1970: 1_800_000_000),
            score: quiz.maxScore, maxScore: quiz.maxScore, passed: true,
            answers: quiz.questions.map {
                AttemptAnswer(questionID: $0.id, responseJSON: "\"x\"", points: $0.points, hintsUsed: 0)
            })
    }

    func testAQuizPassAndALabRunFinishingAtOnceBothLeaveTheUnlock() throws {
        let harness = try ReplHarness()
        let course = harness.course
        let basics = try XCTUnwrap(course.quiz(id: "basics"))
        let cache = try XCTUnwrap(course.quiz(id: "cache"))
        let ada = try harness.store.ensureLearner("ada")
        _ = try AttemptRecording.record(passing(basics), for: ada, in: harness.store, course: course)

        let quizSide = DispatchSemaphore(value: 0)
        let labSide = DispatchSemaphore(value: 0)
        let quizStore = try ProgressStore(
            path: harness.databasePath, clock: RendezvousClock(mine: quizSide, theirs: labSide))
        let labStore = try ProgressStore(
            path: harness.databasePath, clock: RendezvousClock(mine: labSide, theirs: quizSide))
        let cachePass = passing(cache)
        let results = DispatchGroup()
        let failures = Failures()
        for side in 0..<2 {
            DispatchQueue.global().async(group: results) {
                do {
                    if side == 0 {
                        _ = try AttemptRecording.record(cachePass, for: ada, in: quizStore, course: course)
                    } else {
                        _ = try LabRunRecording.record(
                            "exact-cache", parametersJSON: "{}", summaryJSON: "{}", for: ada, in: labStore,
                            course: course)
                    }
                } catch {
                    failures.add("\(error)")
                }
            }
        }
        results.wait()
        XCTAssertEqual(failures.all, [])
        let unlocked = Set(try harness.store.unlockedNodes(learner: ada).map(\.nodeID))
        XCTAssertEqual(unlocked, ["basics", "cache", "lab-node"], "the node needing the quiz and the lab must unlock")
    }
}
