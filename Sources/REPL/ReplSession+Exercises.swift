import CourseKit
import CourseProgress
import ProgressStore

extension ReplSession {
    /// Records an `archlab check` result for the session's learner and announces the nodes its pass completes
    /// (`NODE UNLOCKED: …`, then the Matrix), as a passed System Check does.
    public func recordExerciseResult(exerciseID: String, passed: Bool, fileHash: String, failure: String?) throws {
        announce(
            try ExerciseRecording.record(
                exerciseID: exerciseID, passed: passed, fileHash: fileHash, failure: failure,
                for: learner, in: store, course: course))
    }
}
