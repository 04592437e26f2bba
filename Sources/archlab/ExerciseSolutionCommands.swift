import ArgumentParser
import CourseKit
import Exercises
import Foundation
import ProgressStore

/// `archlab exercise solution [ID]`: the reference solution, after a pass or after three failed checks.
struct ExerciseSolutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solution", abstract: "Show the reference solution (after a pass, or after three failed checks).")

    @Argument(help: "The exercise (default: the one started last).")
    var id: String?

    @Flag(help: "Do not ask for confirmation (needed when standard input is not a terminal).")
    var yes = false

    @OptionGroup var options: ExerciseOptions

    static let failuresBeforeSolution = 3

    func run() throws {
        let course = try options.loadCourse()
        let exercise = try currentExercise(id, options: options, course: course)
        let (store, learner) = try options.openLearner()
        let results = try withStoreErrors { try store.exerciseResults(learner: learner) }.filter {
            $0.exerciseID == exercise.id
        }
        let passed = results.contains { $0.passed }
        if !passed {
            let failed = results.filter { !$0.passed }.count
            guard failed >= Self.failuresBeforeSolution else {
                StandardError.print(
                    "archlab: the solution of \(exercise.id) is shown after a pass or after "
                        + """
                            \(Self.failuresBeforeSolution) failed checks (\(failed) so far); try `archlab exercise \
                            hint \(exercise.id)`
                            """
                )
                throw ExitCode(1)
            }
            guard yes || confirm("Show the solution of \(exercise.id) before you have passed it?") else {
                StandardError.print("archlab: not shown (confirm on a terminal, or pass --yes)")
                throw ExitCode(1)
            }
        }
        if exercise.isCapstone {
            StandardError.print("archlab: \(ExerciseError.capstoneHasNoFile(exercise.id)), so it has no solution")
            throw ExitCode(2)
        }
        guard let text = FileManager.default.contents(atPath: exercise.solutionFile.path) else {
            StandardError.print("archlab: cannot read \(exercise.solutionFile.path)")
            throw ExitCode(2)
        }
        try withStoreErrors { try store.recordSolutionShown(learner: learner, exerciseID: exercise.id) }
        print("// The reference solution of \(exercise.file) (\(exercise.id))")
        print(String(decoding: text, as: UTF8.self), terminator: "")
    }
}

/// `archlab exercise reset ID`: restores the starter file, keeping the learner's as `.bak`.
struct ExerciseResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset", abstract: "Restore an exercise's starter file (your version is kept as .bak).")

    @Argument(help: "The exercise.")
    var id: String

    @Flag(help: "Do not ask for confirmation (needed when standard input is not a terminal).")
    var yes = false

    @OptionGroup var options: ExerciseOptions

    func run() throws {
        let course = try options.loadCourse()
        let exercise = try findExercise(id, in: course)
        if exercise.isCapstone {
            StandardError.print("archlab: \(ExerciseError.capstoneHasNoFile(exercise.id)); nothing to reset")
            throw ExitCode(2)
        }
        let (store, learner) = try options.openLearner()
        let workspace = options.workspace(store: store, learner: learner)
        let manifest = try withExerciseErrors { try workspace.manifest() }
        guard manifest.exercises.contains(exercise.id) else {
            StandardError.print("archlab: exercise `\(exercise.id)` is not started in \(workspace.root.path)")
            throw ExitCode(2)
        }
        guard
            yes || confirm("Replace \(exercise.file) with the starter (your version is kept as \(exercise.file).bak)?")
        else {
            StandardError.print("archlab: not reset (confirm on a terminal, or pass --yes)")
            throw ExitCode(1)
        }
        let backup = try withExerciseErrors { try workspace.reset(exercise) }
        print("Restored the starter of \(exercise.file); your version is in \(backup).")
    }
}
