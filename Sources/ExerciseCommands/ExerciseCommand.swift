import CourseKit
import Exercises
import Foundation
import ProgressStore
import REPL

/// `exercise`, `exercise start|hint|solution|reset [ID]`.
enum ExerciseCommand {
    static let usage = "exercise [start|hint|solution|reset] [ID]"

    static func make(_ state: ExerciseCommandState) -> ReplCommand {
        ReplCommand(
            name: "exercise",
            usage: usage,
            summary: "Write this lesson's step of server.swift yourself, then `check` it",
            help: """
                `\(usage)`

                - `exercise` shows this lesson's exercise, your status and your workspace.
                - `exercise start [ID]` creates your `server-swift` workspace (or adds the exercise's file to it).
                - `exercise hint` shows the next hint, from a nudge to a near-answer.
                - `exercise solution [ID]` shows the reference solution after a pass, or after three failed checks \
                (`exercise solution ID yes` to confirm).
                - `exercise reset ID yes` restores the starter file; yours is kept as `.bak`.

                Then `check` builds your workspace and runs the tests; `archlab watch` in another terminal re-runs \
                them on save.
                """,
            completer: { session, previous in
                if previous.isEmpty { return ["start", "hint", "solution", "reset"] }
                return previous.count == 1 ? session.course.exercises.map(\.id) : []
            },
            handler: { session, arguments in try run(session, state, arguments.words) })
    }

    private static func run(
        _ session: ReplSession, _ state: ExerciseCommandState, _ words: [String]
    ) throws
        -> CommandResult
    {
        let verb = words.first ?? ""
        let id = words.count > 1 ? words[1] : nil
        let confirmed = words.count > 2 && words[2].lowercased() == "yes"
        switch verb {
        case "":
            try show(session, state, try state.exercise(nil, session))
        case "start":
            let exercise = try state.exercise(id, session)
            let workspace = state.workspace(session)
            let result = try workspace.start(exercise, course: session.course)
            try session.store.setWorkspace(learner: session.learner, path: workspace.root.path)
            if result.created { session.say("Created the workspace \(workspace.root.path).") }
            if exercise.isCapstone {
                session.say("The capstone has no file of its own: `check \(exercise.id)` judges your whole gateway.")
                return .succeeded
            }
            session.say(
                result.keptExistingFile
                    ? "\(result.learnerFile) already exists: left as it is "
                        + "(`exercise reset \(exercise.id) yes` restores the starter)."
                    : "Added \(result.learnerFile).")
            session.say(
                "Open \(workspace.root.path)/\(result.learnerFile), write the parts marked // TODO, then `check`.")
        case "hint":
            let exercise = try state.exercise(id, session)
            guard !exercise.hints.isEmpty else { throw ExerciseCommandError("`\(exercise.id)` has no hints.") }
            let index = min(state.hintsShown[exercise.id, default: 0], exercise.hints.count - 1)
            state.hintsShown[exercise.id] = index + 1
            session.sayWrapped("Hint \(index + 1)/\(exercise.hints.count): \(exercise.hints[index])")
        case "solution":
            try solution(session, try state.exercise(id, session), confirmed: confirmed)
        case "reset":
            guard let id else { throw ExerciseCommandError("Usage: exercise reset ID yes") }
            let exercise = try state.exercise(id, session)
            guard confirmed else {
                throw ExerciseCommandError(
                    "This replaces \(exercise.file) with the starter: type `exercise reset \(id) yes`.")
            }
            let backup = try state.workspace(session).reset(exercise)
            session.say("Restored the starter of \(exercise.file); your version is in \(backup).")
        default:
            throw ExerciseCommandError("Usage: \(usage)")
        }
        return .succeeded
    }

    private static func show(_ session: ReplSession, _ state: ExerciseCommandState, _ exercise: Exercise) throws {
        let results = try session.store.exerciseResults(learner: session.learner).filter {
            $0.exerciseID == exercise.id
        }
        let status =
            results.contains { $0.passed } ? "passed" : (results.isEmpty ? "not checked yet" : "not passed yet")
        let workspace = state.workspace(session)
        session.say("Exercise \(exercise.id): \(exercise.title) — \(status)")
        if exercise.isCapstone {
            let started = (try? workspace.manifest().exercises) ?? []
            let missing = session.course.exercises.filter { !$0.isCapstone && !started.contains($0.id) }.map(\.id)
            session.sayWrapped(
                "Judges: your whole gateway, every file of Sources/ServerSwift, on the `production` scenario's "
                    + "traffic: `check \(exercise.id)` (in a shell: `archlab check \(exercise.id)`).")
            if !missing.isEmpty {
                session.sayWrapped(
                    "It joins your workspace once every exercise is started; not yet: "
                        + missing.joined(separator: ", ") + ".")
            }
        } else {
            session.say("File: Sources/ServerSwift/\(exercise.file)")
        }
        session.say(
            "Workspace: \(workspace.root.path)\(workspace.exists ? "" : " (not created yet: `exercise start`)")")
    }

    private static func solution(_ session: ReplSession, _ exercise: Exercise, confirmed: Bool) throws {
        let results = try session.store.exerciseResults(learner: session.learner).filter {
            $0.exerciseID == exercise.id
        }
        if !results.contains(where: \.passed) {
            let failed = results.filter { !$0.passed }.count
            guard failed >= 3 else {
                throw ExerciseCommandError(
                    "The solution is shown after a pass or after 3 failed checks (\(failed) so far): "
                        + "try `exercise hint`."
                )
            }
            guard confirmed else {
                throw ExerciseCommandError(
                    "Show the solution before you have passed? Type `exercise solution \(exercise.id) yes`.")
            }
        }
        if exercise.isCapstone {
            throw ExerciseCommandError("`\(exercise.id)` has no file of its own, so it has no solution.")
        }
        guard let data = FileManager.default.contents(atPath: exercise.solutionFile.path) else {
            throw ExerciseCommandError("Cannot read \(exercise.solutionFile.path).")
        }
        try session.store.recordSolutionShown(learner: session.learner, exerciseID: exercise.id)
        session.say("// The reference solution of \(exercise.file)")
        session.say(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines))
    }
}
