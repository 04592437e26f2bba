import CourseKit
import ProgressStore

/// Records a lab run with the Matrix nodes it completes: the same for the REPL's `run` and the
/// shell's `archlab run`.
public enum LabRunRecording {
    /// Stores the run and unlocks every node it completes (cascades included), in one transaction;
    /// returns the ids of the nodes newly unlocked.
    public static func record(
        _ scenarioID: String, parametersJSON: String, summaryJSON: String,
        for learner: Learner, in store: ProgressStore, course: Course
    ) throws -> [String] {
        let passed = try store.passedQuizIds(learner: learner)
        let already = Set(try store.unlockedNodes(learner: learner).map(\.nodeId))
        var ran = try store.ranLabIds(learner: learner)
        ran.insert(scenarioID)
        let unlocking = course.unlockedNodes(passedQuizzes: passed, ranLabs: ran).filter { !already.contains($0) }
        let recorded = try store.recordLabRun(
            learner: learner, scenarioId: scenarioID, parametersJSON: parametersJSON, summaryJSON: summaryJSON,
            unlocking: unlocking)
        return recorded.newlyUnlocked.map(\.nodeId)
    }
}
