import ArgumentParser
import CourseKit
import CourseProgress
import Exercises
import Foundation
import ProgressStore
import REPL

/// `archlab exercise`: the learner's coding exercises and the course author's `verify`.
struct ExerciseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercise",
        abstract: "Start, list and get hints for the coding exercises; verify them as a course author.",
        subcommands: [
            ExerciseStartCommand.self, ExerciseListCommand.self, ExerciseHintCommand.self,
            ExerciseSolutionCommand.self, ExerciseResetCommand.self, ExerciseVerifyCommand.self,
        ]
    )
}

/// `archlab exercise start [ID]`: creates or extends the workspace with an exercise's file.
struct ExerciseStartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Create or extend your server-swift workspace with an exercise.")

    @Argument(help: "The exercise (default: the first one not started yet).")
    var id: String?

    @OptionGroup var options: ExerciseOptions

    @Flag(help: "Restore provided files that were changed (your own files are never touched).")
    var repair = false

    func run() throws {
        let course = try options.loadCourse()
        let (store, learner) = try options.openLearner()
        let workspace = options.workspace(store: store, learner: learner)
        let started = (try? workspace.manifest().exercises) ?? []
        guard
            let exercise = try id.map({ try findExercise($0, in: course) })
                ?? course.exercises.first(where: { !started.contains($0.id) }) ?? course.exercises.last
        else {
            StandardError.print("archlab: the course has no exercises")
            throw ExitCode(2)
        }
        let result = try withExerciseErrors { try workspace.start(exercise, course: course, repair: repair) }
        try withStoreErrors { try store.setWorkspace(learner: learner, path: workspace.root.path) }
        if result.created { print("Created the workspace \(workspace.root.path).") }
        if exercise.isCapstone {
            print("Capstone \(exercise.id): \(exercise.title)")
            print("It has no file of its own: run `archlab check \(exercise.id)` to judge your whole gateway.")
            return
        }
        if result.keptExistingFile {
            print(
                "\(result.learnerFile) already exists: left as it is "
                    + "(`archlab exercise reset \(exercise.id)` restores the starter)."
            )
        } else {
            print("Added \(result.learnerFile).")
        }
        print("Exercise \(exercise.id): \(exercise.title)")
        print(
            "Open \(workspace.root.path)/\(result.learnerFile), write the parts marked // TODO, "
                + "then run `archlab check`."
        )
    }
}

/// `archlab exercise list`: every exercise with the learner's status.
struct ExerciseListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the exercises and your status.")

    @OptionGroup var options: ExerciseOptions

    func run() throws {
        let course = try options.loadCourse()
        let (store, learner) = try options.openLearner()
        let results = try withStoreErrors { try store.exerciseResults(learner: learner) }
        for item in ExerciseRecording.statuses(of: course, results: results) {
            let file = item.exercise.isCapstone ? "every file, `archlab check capstone`" : item.exercise.file
            print(
                "\(item.exercise.id)  \(item.status)  \(item.exercise.title) "
                    + "(lesson \(item.exercise.lesson), \(file))"
            )
        }
        let statuses = ExerciseRecording.statuses(of: course, results: results)
        print("Passed: \(statuses.filter { $0.status == "passed" }.count)/\(statuses.count)")
        let workspace = options.workspace(store: store, learner: learner)
        print("Workspace: \(workspace.root.path)\(workspace.exists ? "" : " (not created yet)")")
    }
}

/// `archlab exercise hint [ID]`: the hints, from a nudge to a near-answer.
struct ExerciseHintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hint", abstract: "Show a hint for an exercise.")

    @Argument(help: "The exercise (default: the one started last).")
    var id: String?

    @Option(help: "Show the hints up to this one (1 is a nudge, the last a near-answer).")
    var level: Int = 1

    @OptionGroup var options: ExerciseOptions

    func run() throws {
        let course = try options.loadCourse()
        let exercise = try currentExercise(id, options: options, course: course)
        let shown = exercise.hints.prefix(max(1, level))
        for (index, hint) in shown.enumerated() { print("Hint \(index + 1)/\(exercise.hints.count): \(hint)") }
        if shown.count < exercise.hints.count {
            print("(more: archlab exercise hint \(exercise.id) --level \(shown.count + 1))")
        }
    }
}

/// The exercise `id` names, else the one started last in the workspace, else the course's first.
func currentExercise(_ id: String?, options: ExerciseOptions, course: Course) throws -> Exercise {
    if let id { return try findExercise(id, in: course) }
    let workspace = options.workspace(store: nil, learner: nil)
    let remembered = try? options.openLearner()
    let chosen = remembered.map { options.workspace(store: $0.0, learner: $0.1) } ?? workspace
    if let last = (try? chosen.manifest())?.exercises.last, let exercise = course.exercise(id: last) { return exercise }
    guard let first = course.exercises.first else {
        StandardError.print("archlab: the course has no exercises")
        throw ExitCode(2)
    }
    return first
}

/// Asks a yes/no question on a terminal; false when standard input is not one (use `--yes` there).
func confirm(_ question: String) -> Bool {
    guard isatty(STDIN_FILENO) == 1 else { return false }
    print(question + " [y/N] ", terminator: "")
    fflush(nil)
    return readLine()?.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("y") == true
}
