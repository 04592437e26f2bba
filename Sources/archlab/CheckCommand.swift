import ArgumentParser
import CourseKit
import CourseProgress
import Exercises
import Foundation
import ProgressStore
import REPL

/// `archlab check`: builds the learner's workspace and runs the hidden tests of the current exercise (and the
/// earlier ones with `--previous`, and always those already passed), recording the result.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Build your server-swift workspace and run the exercise's tests.",
        discussion: """
            Exit status: 0 every test passed, 1 a test or the build failed, 2 the workspace or the arguments \
            cannot be used (no workspace, a provided file changed, no `swift` on PATH).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, junit, tap
    }

    @Argument(help: "The exercise to check (default: the one started last).")
    var id: String?

    @OptionGroup var options: ExerciseOptions

    @Flag(help: "Re-run every earlier started exercise too.")
    var previous = false

    @Flag(help: "Show the whole build log.")
    var verbose = false

    @Flag(help: "Check every exercise started in the workspace (CI grading; nothing is recorded).")
    var all = false

    @Option(help: "Output format: text, json, junit or tap.")
    var format: Format = .text

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("time-limit"), help: "Seconds each test may run (1 to 10).")
    var timeLimit: Int = 10

    @Option(
        name: .customLong("redis-url"),
        help: "Use this Redis (a scratch database: it is flushed) instead of the in-process server.")
    var redisURL: String?

    func validate() throws {
        guard (1...10).contains(timeLimit) else { throw ValidationError("--time-limit must be from 1 to 10 seconds") }
        if all, id != nil { throw ValidationError("give either an exercise id or --all") }
    }

    func run() async throws {
        let code = try await CheckRun(
            options: options, id: id, previous: previous, verbose: verbose, all: all, format: format, output: output,
            timeLimit: timeLimit, redisURL: redisURL
        ).perform()
        if code != 0 { throw ExitCode(code) }
    }
}

/// One check, shared by `archlab check` and `archlab watch`.
struct CheckRun {
    let options: ExerciseOptions
    var id: String?
    var previous = false
    var verbose = false
    var all = false
    var format: CheckCommand.Format = .text
    var output: String?
    var timeLimit = 10
    var redisURL: String?

    /// Runs the check and prints its report; returns the exit status.
    func perform() async throws -> Int32 {
        let course = try options.loadCourse()
        let recording: (ProgressStore, Learner)? = all ? nil : try options.openLearner()
        let workspace = options.workspace(store: recording?.0, learner: recording?.1)
        let manifest = try withExerciseErrors { try workspace.manifest() }
        try withExerciseErrors { try workspace.verifyProvided(manifest) }
        let exercises = try select(manifest: manifest, course: course, recording: recording)
        let checker = ExerciseChecker(workspace: workspace, timeLimit: timeLimit, redisURL: redisURL)
        let report: CheckReport
        do {
            report = try await checker.check(
                exercises, started: manifest.exercises.compactMap { course.exercise(id: $0) })
        } catch {
            StandardError.print("archlab: \(error)")
            return 2
        }
        if verbose { StandardError.print(report.buildLog) }
        var text: String
        switch format {
        case .text: text = report.renderText()
        case .json: text = report.renderJSON()
        case .junit: text = report.renderJUnit()
        case .tap: text = report.renderTAP()
        }
        if let (store, learner) = recording {
            var lines: [String] = []
            for exercise in report.exercises {
                let unlocked = try withStoreErrors {
                    try ExerciseRecording.record(
                        exerciseID: exercise.id, passed: exercise.passed, fileHash: exercise.fileHash,
                        failure: exercise.failureSummary, for: learner, in: store, course: course)
                }
                lines += unlocked.map { "NODE UNLOCKED: \(course.node(id: $0)?.title ?? $0)" }
            }
            if !lines.isEmpty, let complete = try completion(course: course, store: store, learner: learner) {
                lines.append(complete)
            }
            if format == .text { text += "\nRecorded for learner \(learner.name)." + lines.map { "\n" + $0 }.joined() }
        }
        try ReportOutput.write(text, to: output)
        return report.passed ? 0 : 1
    }

    /// "COURSE COMPLETE — …" once every Matrix node is unlocked (a check that unlocks the last node, the
    /// capstone's, ends the course as the REPL's last unlock does), else nil.
    private func completion(course: Course, store: ProgressStore, learner: Learner) throws -> String? {
        let unlocked = Set(try withStoreErrors { try store.unlockedNodes(learner: learner) }.map(\.nodeID))
        guard !course.matrix.nodes.isEmpty, course.matrix.nodes.allSatisfy({ unlocked.contains($0.id) }) else {
            return nil
        }
        let exercises = course.exercises.isEmpty ? "" : " and all \(course.exercises.count) exercises"
        return "COURSE COMPLETE — all \(course.lessons.count) lessons\(exercises) passed and all "
            + "\(course.matrix.nodes.count) Matrix nodes unlocked."
    }

    /// The exercises to run, in the order they were started: all with `--all`; else the one asked for (or the one
    /// started last), with the earlier ones under `--previous` and the earlier ones already passed.
    private func select(
        manifest: WorkspaceManifest, course: Course, recording: (ProgressStore, Learner)?
    ) throws -> [Exercise] {
        let started = try manifest.exercises.map { try findExercise($0, in: course) }
        guard !started.isEmpty else {
            StandardError.print("archlab: no exercise is started in this workspace; run `archlab exercise start`")
            throw ExitCode(2)
        }
        if all { return started }
        let current: Exercise
        if let id {
            let exercise = try findExercise(id, in: course)
            if exercise.isCapstone, !started.contains(where: { $0.id == id }) {
                let missing = course.exercises.filter { !$0.isCapstone && !manifest.exercises.contains($0.id) }
                StandardError.print("archlab: \(ExerciseError.capstoneNotReady(id, missing: missing.map(\.id)))")
                throw ExitCode(2)
            }
            guard started.contains(where: { $0.id == id }) else {
                StandardError.print(
                    "archlab: exercise `\(id)` is not started in this workspace; run `archlab exercise start \(id)`")
                throw ExitCode(2)
            }
            current = exercise
        } else {
            // The capstone is checked when asked for by name: after the last exercise, `check` checks that one.
            current = started.last(where: { !$0.isCapstone }) ?? started[started.count - 1]
        }
        // The capstone judges the whole workspace itself; the exercises before it run only with --previous.
        if current.isCapstone, !previous { return [current] }
        let passed =
            try recording.map { store, learner in try withStoreErrors { try store.passedExerciseIDs(learner: learner) }
            } ?? []
        let earlier = started.prefix { $0.id != current.id }.filter { previous || passed.contains($0.id) }
        return earlier + [current]
    }

}
