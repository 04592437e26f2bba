import CourseKit
import Foundation
import ProgressStore

/// Records an `archlab check` result with the Matrix nodes its pass completes: the shell's `check` and the REPL's
/// `check` use the same path.
public enum ExerciseRecording {
    /// Stores the result and, on a pass, the nodes it completes (cascades included), deciding them inside the
    /// same write transaction as `LabRunRecording.record` does. Returns the nodes newly unlocked.
    public static func record(
        exerciseID: String, passed: Bool, fileHash: String, failure: String?,
        for learner: Learner, in store: ProgressStore, course: Course
    ) throws -> [String] {
        let recorded = try store.recordExerciseResult(
            learner: learner, exerciseID: exerciseID, passed: passed, fileHash: fileHash, failure: failure,
            decidingUnlocks: { LabRunRecording.nodesToUnlock(in: course, given: $0) })
        return recorded.newlyUnlocked.map(\.nodeID)
    }

    /// Each exercise's status for a learner: `passed` once any check passed, `failed` when checked but never
    /// passed, `not-started` otherwise, with the time of the first pass.
    public static func statuses(
        of course: Course, results: [ExerciseResult]
    ) -> [(exercise: Exercise, status: String, passedAt: Date?)] {
        course.exercises.map { exercise in
            let mine = results.filter { $0.exerciseID == exercise.id }
            let firstPass = mine.first { $0.passed }
            let status = firstPass != nil ? "passed" : (mine.isEmpty ? "not-started" : "failed")
            return (exercise, status, firstPass?.checkedAt)
        }
    }
}
