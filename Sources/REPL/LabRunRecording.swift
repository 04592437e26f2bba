import CourseKit
import ProgressStore

/// Records a lab run with the Matrix nodes it completes: the same for the REPL's `run` and the
/// shell's `archlab run`.
public enum LabRunRecording {
    /// Stores the run and the nodes it completes (cascades included) in one write transaction; which
    /// nodes those are is read from the learner's records just before. Returns the nodes newly unlocked.
    public static func record(
        _ scenarioID: String, parametersJSON: String, summaryJSON: String,
        for learner: Learner, in store: ProgressStore, course: Course
    ) throws -> [String] {
        let unlocking = try nodesToUnlock(alsoPassed: nil, alsoRan: scenarioID, for: learner, in: store, course: course)
        let recorded = try store.recordLabRun(
            learner: learner, scenarioId: scenarioID, parametersJSON: parametersJSON, summaryJSON: summaryJSON,
            unlocking: unlocking)
        return recorded.newlyUnlocked.map(\.nodeId)
    }

    /// The nodes that unlock once `quizID` counts as passed and `scenarioID` as run (either may be
    /// nil), cascades included, minus those already unlocked.
    static func nodesToUnlock(
        alsoPassed quizID: String?, alsoRan scenarioID: String?,
        for learner: Learner, in store: ProgressStore, course: Course
    ) throws -> [String] {
        var passed = try store.passedQuizIds(learner: learner)
        if let quizID { passed.insert(quizID) }
        var ran = try store.ranLabIds(learner: learner)
        if let scenarioID { ran.insert(scenarioID) }
        let already = Set(try store.unlockedNodes(learner: learner).map(\.nodeId))
        return course.unlockedNodes(passedQuizzes: passed, ranLabs: ran).filter { !already.contains($0) }
    }
}
