import ArgumentParser
import CourseKit
import Exercises
import Foundation
import ProgressStore

/// `--workspace`, `--learner`, `--db` and `--course`, shared by `check`, `watch` and `exercise`.
struct ExerciseOptions: ParsableArguments {
    @Option(help: "The learner's workspace (default: the one remembered for the learner, else ./server-swift).")
    var workspace: String?

    @Option(help: "Record results for this learner (default: the login name; created if absent).")
    var learner: String?

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var courseOptions: CourseOptions

    /// The course, loaded clean, or exit 2.
    func loadCourse() throws -> Course {
        try courseOptions.loadCourse()
    }

    /// The progress store and the learner (created if absent), or exit 2.
    func openLearner() throws -> (ProgressStore, Learner) {
        let name = try LearnerChoice.resolve(learner)
        let store = try database.open()
        let learner = try withStoreErrors { try store.ensureLearner(name) }
        return (store, learner)
    }

    /// `--workspace`, else the learner's remembered workspace, else `./server-swift`.
    func workspace(store: ProgressStore?, learner: Learner?) -> Workspace {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if let workspace { return Workspace(root: URL(fileURLWithPath: workspace, relativeTo: cwd)) }
        if let store, let learner, let remembered = try? store.workspace(learner: learner) {
            return Workspace(root: URL(fileURLWithPath: remembered))
        }
        return Workspace(root: cwd.appendingPathComponent("server-swift"))
    }
}

/// Runs an exercise-engine call, turning its errors into a message on stderr and exit 2.
func withExerciseErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        StandardError.print("archlab: \(error)")
        throw ExitCode(2)
    }
}

/// The exercise with this id, or exit 2 naming the known ones.
func findExercise(_ id: String, in course: Course) throws -> Exercise {
    guard let exercise = course.exercise(id: id) else {
        StandardError.print(
            "archlab: unknown exercise `\(id)` (known: \(course.exercises.map(\.id).joined(separator: ", ")))")
        throw ExitCode(2)
    }
    return exercise
}
