import CourseKit
import ProgressStore

/// Records a finished System Check attempt with the Matrix nodes its pass completes: the REPL's quiz
/// flow and tests use the same path.
public enum AttemptRecording {
    /// Stores the attempt, its answers and, when it passed, its lesson's completion and the nodes it completes
    /// (cascades included), in one write transaction that also decides those nodes, as
    /// `LabRunRecording.record` does for a run.
    public static func record(
        _ attempt: FinishedAttempt, for learner: Learner, in store: ProgressStore, course: Course
    ) throws -> RecordedAttempt {
        let lesson = course.lessons.first { $0.quiz == attempt.quizID }?.id
        return try store.recordAttempt(
            learner: learner, attempt, completingLesson: lesson,
            decidingUnlocks: { records in
                attempt.passed ? LabRunRecording.nodesToUnlock(in: course, given: records) : []
            })
    }
}
