import ArgumentParser
import CourseKit
import CourseProgress
import Foundation
import ProgressStore

/// Records a shell `archlab run` for a learner, so a lesson's `$ archlab run …` line unlocks the same
/// lab-gated Matrix nodes as the REPL's `run`. With `--learner` the learner must exist (exit 1 naming the
/// known ones); without it the run is recorded for the login-name learner only when that learner already
/// has progress in an existing database, and otherwise silently not at all.
struct LabRunRecorder {
    private let store: ProgressStore
    private let learner: Learner
    private let course: Course

    /// The recorder for this invocation, or nil when nothing is to be recorded. Called before the run,
    /// so an unknown learner fails fast.
    static func prepare(
        learner explicit: String?, database: String?, course: String?, disabled: Bool
    ) throws -> LabRunRecorder? {
        if disabled { return nil }
        let name = try LearnerChoice.resolve(explicit)
        let path = ProgressDatabaseLocation.resolveForCurrentProcess(explicit: database)
        let asked = explicit != nil
        guard FileManager.default.fileExists(atPath: path) else {
            guard asked else { return nil }
            StandardError.print(
                """
                    archlab: no learner \(name.debugDescription): there is no progress database at \(path) (start \
                    `archlab --learner \(name)` first)
                    """
            )
            throw ExitCode(1)
        }
        let store: ProgressStore
        do {
            store = try ProgressStore(path: path)
        } catch let error as ProgressStoreError where error.isReadOnly && !asked {
            // A plain run for the login learner goes on unrecorded, as it does without a database.
            return nil
        } catch {
            StandardError.print("archlab: \(error)")
            throw ExitCode(2)
        }
        guard let learner = try withStoreErrors({ try store.learner(named: name) }) else {
            guard asked else { return nil }
            let list = try LearnerChoice.knownLearners(in: store)
            StandardError.print("archlab: no learner \(name.debugDescription) in \(path) (\(list))")
            throw ExitCode(1)
        }
        guard let loaded = try loadCourse(course, required: asked) else { return nil }
        return LabRunRecorder(store: store, learner: learner, course: loaded)
    }

    /// Stores the run and the nodes it completes; returns the lines telling the learner about it.
    func record(scenarioID: String, parametersJSON: String, summaryJSON: String) throws -> [String] {
        try withStoreErrors {
            let unlocked = try LabRunRecording.record(
                scenarioID, parametersJSON: parametersJSON, summaryJSON: summaryJSON, for: learner, in: store,
                course: course)
            return ["Recorded for learner \(learner.name)."]
                + unlocked.map { "NODE UNLOCKED: \(course.node(id: $0)?.title ?? $0)" }
        }
    }

    /// The question the course ends lab `scenario`'s report with: from this recorder's course, else from the
    /// course found as the REPL finds it; nil when there is none (or no course can be loaded).
    static func labQuestion(_ scenario: String, recorder: LabRunRecorder?, course explicit: String?) -> String? {
        if let recorder { return recorder.course.labQuestion(for: scenario)?.question }
        let course = try? loadCourse(explicit, required: false)
        return course?.labQuestion(for: scenario)?.question
    }

    private static func loadCourse(_ explicit: String?, required: Bool) throws -> Course? {
        let directory: URL
        do {
            directory = try CourseLocator.locate(
                explicit: explicit, environment: ProcessInfo.processInfo.environment,
                workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                installed: CourseOptions.installedCourse)
        } catch {
            guard required || explicit != nil else { return nil }
            StandardError.print("archlab: \(error); the run cannot be recorded without the course")
            throw ExitCode(2)
        }
        do {
            return try CourseLoader.load(directory: directory).course
        } catch {
            guard required || explicit != nil else { return nil }
            StandardError.print("archlab: \(error); the run cannot be recorded without the course")
            throw ExitCode(2)
        }
    }
}
