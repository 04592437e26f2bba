import CourseKit
import Foundation
import ProgressStore

/// Records a lab run with the Matrix nodes it completes: the same for the REPL's `run` and the
/// shell's `archlab run`.
public enum LabRunRecording {
    /// Stores the run and the nodes it completes (cascades included) in one write transaction; which
    /// nodes those are is decided inside it, from the learner's records with this run in them, so another
    /// process recording for the same learner at the same moment cannot make either miss an unlock.
    /// Returns the nodes newly unlocked.
    public static func record(
        _ scenarioID: String, parametersJSON: String, summaryJSON: String,
        for learner: Learner, in store: ProgressStore, course: Course
    ) throws -> [String] {
        try recordRun(
            scenarioID, parametersJSON: parametersJSON, summaryJSON: summaryJSON, for: learner, in: store,
            course: course
        ).unlocked
    }

    /// Like ``record(_:parametersJSON:summaryJSON:for:in:course:)``, also returning the run's id (to attach
    /// the learner's answer to the lab's question).
    public static func recordRun(
        _ scenarioID: String, parametersJSON: String, summaryJSON: String,
        for learner: Learner, in store: ProgressStore, course: Course
    ) throws -> (runID: Int64, unlocked: [String]) {
        let recorded = try store.recordLabRun(
            learner: learner, scenarioID: scenarioID, parametersJSON: parametersJSON, summaryJSON: summaryJSON,
            decidingUnlocks: { nodesToUnlock(in: course, given: $0) })
        return (recorded.run.id, recorded.newlyUnlocked.map(\.nodeID))
    }

    /// A run's parameters as JSON text with sorted keys, `model` set to the embedder's name when the run
    /// had one: the REPL's `run` and the shell's `archlab run` store the same text.
    public static func parametersJSON(_ values: [String: String], model: String?) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let all = values.merging(model.map { ["model": $0] } ?? [:]) { $1 }
        return String(decoding: try encoder.encode(all), as: UTF8.self)
    }

    /// The nodes the learner's records complete (cascades included, from the nodes already unlocked), minus those
    /// already unlocked.
    static func nodesToUnlock(in course: Course, given records: LearnerRecords) -> [String] {
        course.unlockedNodes(
            passedQuizzes: records.passedQuizIDs, ranLabs: records.ranLabIDs,
            passedExercises: records.passedExerciseIDs, alreadyUnlocked: records.unlockedNodeIDs
        )
        .filter { !records.unlockedNodeIDs.contains($0) }
    }
}
