import CourseKit
import Exercises
import Foundation
import REPL

/// `check [ID] [--previous]`: `archlab check` inside the REPL, recording the result and announcing unlocks.
enum CheckReplCommand {
    static func make(_ state: ExerciseCommandState) -> ReplCommand {
        ReplCommand(
            name: "check",
            usage: "check [ID] [--previous]",
            summary: "Build your server-swift workspace and run the exercise's tests",
            help: """
                `check [ID] [--previous]`

                Builds your workspace with `swift build` and runs the hidden tests of the exercise started last \
                (or ID): \
                named cases first, then seeded random traffic compared with ArchLab's own implementation. Earlier \
                exercises you passed run again (all earlier ones with `--previous`). A pass is recorded and unlocks \
                its node.
                """,
            completer: { session, previous in
                previous.isEmpty ? session.course.exercises.map(\.id) + ["--previous"] : []
            },
            handler: { session, arguments in try await run(session, state, arguments.words) })
    }

    private static func run(
        _ session: ReplSession, _ state: ExerciseCommandState, _ words: [String]
    ) async throws
        -> CommandResult
    {
        let previous = words.contains("--previous")
        let id = words.first { $0 != "--previous" }
        let workspace = state.workspace(session)
        let manifest = try workspace.manifest()
        try workspace.verifyProvided(manifest)
        let started = manifest.exercises.compactMap { session.course.exercise(id: $0) }
        // The capstone is checked only when named: after the last exercise, `check` checks that exercise.
        guard let last = started.last(where: { !$0.isCapstone }) ?? started.last else {
            throw ExerciseCommandError("No exercise is started: `exercise start`.")
        }
        let current = try id.map { try state.exercise($0, session) } ?? last
        guard started.contains(where: { $0.id == current.id }) else {
            if current.isCapstone {
                let missing = session.course.exercises.filter { !$0.isCapstone && !manifest.exercises.contains($0.id) }
                throw ExerciseCommandError("\(ExerciseError.capstoneNotReady(current.id, missing: missing.map(\.id))).")
            }
            throw ExerciseCommandError("`\(current.id)` is not started: `exercise start \(current.id)`.")
        }
        let passed = try session.store.passedExerciseIDs(learner: session.learner)
        // The capstone judges the whole workspace itself; the exercises before it run only with --previous.
        let earlier =
            current.isCapstone && !previous
            ? [] : started.prefix { $0.id != current.id }.filter { previous || passed.contains($0.id) }
        session.say("Building \(workspace.root.path)…")
        let report = try await ExerciseChecker(workspace: workspace).check(earlier + [current], started: started)
        session.say(report.renderText())
        for exercise in report.exercises {
            try session.recordExerciseResult(
                exerciseID: exercise.id, passed: exercise.passed, fileHash: exercise.fileHash,
                failure: exercise.failureSummary)
        }
        return report.passed ? .succeeded : .failed
    }
}
