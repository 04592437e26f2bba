import ArgumentParser
import CourseKit
import ExerciseCommands
import Foundation
import LabCommands
import ProgressStore
import REPL
import Synchronization
import Terminal

/// Options of `archlab` with no subcommand, which opens the learner's REPL.
struct ReplOptions: ParsableArguments {
    @Option(help: "Who is learning (default: your login name). Each learner has their own progress.")
    var learner: String?

    @Option(help: "The progress database (default: $ARCHLAB_DB, else $XDG_DATA_HOME/archlab/progress.sqlite).")
    var db: String?

    @Flag(name: .customLong("no-color"), help: "Never colour the output.")
    var noColor = false

    @Flag(
        name: .customLong("read-only"),
        help: "Never write the progress database: work on a copy that is discarded when you leave.")
    var readOnly = false

    @Option(help: .hidden)
    var seed: UInt64?
}

/// The REPL's options as plain values, however they were parsed.
struct ReplArguments: Equatable {
    var course: String?
    var learner: String?
    var db: String?
    var noColor = false
    var seed: UInt64?
    var readOnly = false
}

/// Builds a REPL session from the command line and the environment and runs it.
enum ReplLauncher {
    static func run(courseOptions: CourseOptions, options: ReplOptions) async throws {
        try await run(
            ReplArguments(
                course: courseOptions.course, learner: options.learner, db: options.db, noColor: options.noColor,
                seed: options.seed, readOnly: options.readOnly))
    }

    static func run(_ options: ReplArguments) async throws {
        let environment = ProcessInfo.processInfo.environment
        let directory = try CourseOptions.locate(explicit: options.course)
        // The course loads on another core while the learner is resolved and the progress database opens.
        let pending = PendingCourse(directory: directory)
        let learnerName = try LearnerChoice.resolve(options.learner)
        let store: ProgressStore
        do {
            let path = ProgressDatabaseLocation.resolveForCurrentProcess(explicit: options.db)
            store = options.readOnly ? try ProgressStore.openDiscardableCopy(path: path) : try ProgressStore(path: path)
        } catch {
            StandardError.print("archlab: \(error)")
            throw ExitCode(2)
        }
        let loaded: CourseLoadResult
        do {
            loaded = try pending.result()
        } catch {
            StandardError.print("archlab: \(error)")
            throw ExitCode(2)
        }
        let interactive = TerminalSize.inputIsTerminal
        let completer = SessionCompleter()
        let editor: LineEditor =
            interactive
            ? ReadlineEditor(historyPath: historyPath(environment), completer: completer.completer)
            : PlainLineEditor()
        let policy = ColorPolicy(
            outputIsTerminal: TerminalSize.outputIsTerminal, environment: environment,
            noColorFlag: options.noColor)
        var configuration = ReplConfiguration(
            course: loaded.course, courseFindings: loaded.findings.count, store: store, learnerName: learnerName,
            // A script on standard input gets no escape codes either (DESIGN.md, "Runtime places").
            painter: Painter(colorEnabled: policy.allowsColor && interactive),
            width: TerminalSize.outputIsTerminal ? TerminalSize.renderWidth(environment: environment) : 80,
            seed: options.seed ?? UInt64.random(in: .min ... .max))
        configuration.discardsProgress = options.readOnly
        // Ctrl-C stops a lab's long command (`fire`) only when readline catches it; otherwise SIGINT ends the process.
        let labs = LabContext(interrupted: { interactive && ReadlineEditor.takeInterrupt() })
        let session: ReplSession
        do {
            session = try ReplSession(
                configuration: configuration, editor: editor, output: StandardReplOutput(),
                additionalCommands: LabCommands.all(labs)
                    + ExerciseCommands.all(
                        workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
        } catch {
            StandardError.print("archlab: \(error)")
            throw ExitCode(2)
        }
        completer.session = session
        let status = await session.run()
        await labs.shutdown()
        if status != 0 { throw ExitCode(status) }
    }

    /// The course being loaded on a background queue; ``result()`` waits for it.
    final class PendingCourse: Sendable {
        private let outcome = Mutex<Result<CourseLoadResult, CourseError>?>(nil)
        private let done = DispatchSemaphore(value: 0)

        init(directory: URL) {
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                let result = Result { () throws(CourseError) in try CourseLoader.load(directory: directory) }
                outcome.withLock { $0 = result }
                done.signal()
            }
        }

        func result() throws -> CourseLoadResult {
            done.wait()
            guard let result = outcome.withLock({ $0 }) else {
                throw ExitCode(2)
            }
            return try result.get()
        }
    }

    /// `$XDG_STATE_HOME/archlab/history`, else `~/.local/state/archlab/history`.
    static func historyPath(_ environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/archlab/history"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/archlab/history"
    }
}
