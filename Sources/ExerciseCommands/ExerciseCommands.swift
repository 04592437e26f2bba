import CourseKit
import Exercises
import Foundation
import ProgressStore
import REPL

/// The REPL's `exercise` and `check` commands, registered through `ReplSession`'s `additionalCommands` as the lab
/// commands are.
public enum ExerciseCommands {
    /// Both commands; `workingDirectory` is where a new workspace (`server-swift`) goes.
    public static func all(workingDirectory: URL) -> [ReplCommand] {
        let state = ExerciseCommandState(workingDirectory: workingDirectory)
        return [ExerciseCommand.make(state), CheckReplCommand.make(state)]
    }
}

/// What the commands share: where workspaces go and how many hints were shown per exercise.
final class ExerciseCommandState: @unchecked Sendable {
    let workingDirectory: URL
    var hintsShown: [String: Int] = [:]

    init(workingDirectory: URL) {
        self.workingDirectory = workingDirectory
    }

    /// The learner's remembered workspace, else `server-swift` in the working directory.
    func workspace(_ session: ReplSession) -> Workspace {
        if let path = try? session.store.workspace(learner: session.learner) {
            return Workspace(root: URL(fileURLWithPath: path))
        }
        return Workspace(root: workingDirectory.appendingPathComponent("server-swift"))
    }

    /// The exercise named, else the current lesson's, else the one started last, else the first not started.
    func exercise(_ id: String?, _ session: ReplSession) throws -> Exercise {
        let course = session.course
        if let id {
            guard let exercise = course.exercise(id: id) else {
                throw ExerciseCommandError(
                    "No exercise `\(id)`: \(course.exercises.map(\.id).joined(separator: ", ")).")
            }
            return exercise
        }
        if let lesson = session.currentLesson, let exercise = course.exercises.first(where: { $0.lesson == lesson.id })
        {
            return exercise
        }
        let started = (try? workspace(session).manifest().exercises) ?? []
        if let last = started.last, let exercise = course.exercise(id: last) { return exercise }
        guard let first = course.exercises.first(where: { !started.contains($0.id) }) ?? course.exercises.first else {
            throw ExerciseCommandError("This course has no exercises.")
        }
        return first
    }
}

/// A message for the learner when an exercise command cannot do what was asked.
struct ExerciseCommandError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
