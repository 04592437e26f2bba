import ArgumentParser
import CourseKit
import CourseProgress
import Foundation
import ProgressStore
import Terminal

/// `archlab progress`: a learner's lessons, Matrix nodes and attempts; `archlab progress reset` forgets them.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show a learner's progress: lessons, Matrix nodes, quiz attempts and best scores.",
        subcommands: [ShowProgress.self, ResetProgress.self],
        defaultSubcommand: ShowProgress.self)
}

struct ShowProgress: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a learner's progress (the default).")

    @Option(help: "The learner (default: the login name).")
    var learner: String?

    @Option(help: "Output format: text, json or csv.")
    var format: ProgressFormat = .text

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var courseOptions: CourseOptions

    func run() throws {
        let name = try LearnerChoice.resolve(learner)
        let course = try loadCourse()
        let store = try database.open(forWriting: false)
        // One lookup by name; every learner is summarised only for the message when this one is missing.
        let found = try withStoreErrors { try store.learner(named: name) }
        if found == nil {
            let list = try LearnerChoice.knownLearners(in: store)
            guard learner == nil else {
                StandardError.print("archlab: no learner \(name.debugDescription) in \(store.path) (\(list))")
                throw ExitCode(1)
            }
            StandardError.print(
                "archlab: nothing recorded for \(name.debugDescription) yet (\(list); pick one with --learner)")
        }
        let report = try withStoreErrors {
            try ProgressReport.build(store: store, learner: found, learnerName: name, course: course)
        }
        switch format {
        case .text: print(report.renderText())
        case .json: print(report.renderJSON())
        case .csv: print(report.renderCSV(), terminator: "")
        }
    }

    /// The course when one is found; an explicit `--course` that cannot be used is an error (exit 2).
    private func loadCourse() throws -> Course? {
        let explicit =
            courseOptions.course
            ?? ProcessInfo.processInfo.environment["ARCHLAB_COURSE"].flatMap { $0.isEmpty ? nil : $0 }
        let directory: URL
        do {
            directory = try CourseLocator.locate(
                explicit: courseOptions.course, environment: ProcessInfo.processInfo.environment,
                workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                installed: CourseOptions.installedCourse)
        } catch {
            if explicit != nil {
                StandardError.print("archlab: \(error)")
                throw ExitCode(2)
            }
            StandardError.print("archlab: no course found; showing the recorded progress only")
            return nil
        }
        do {
            // The report prints course titles: through the terminal's sanitiser, like the REPL's.
            return try CourseLoader.load(directory: directory).course.mappingDisplayText(ControlCharacters.sanitize)
        } catch {
            StandardError.print("archlab: \(error)")
            throw ExitCode(2)
        }
    }
}

struct ResetProgress: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Delete everything recorded for one learner (asks first unless --yes).")

    @Option(help: "The learner whose progress is deleted.")
    var learner: String

    @Flag(help: "Do not ask for confirmation (required when standard input is not a terminal).")
    var yes = false

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let name = try LearnerChoice.resolve(learner)
        let store = try database.open()
        guard let summary = try withStoreErrors({ try store.learners().first { $0.learner.name == name } }) else {
            StandardError.print("archlab: no learner named \(name.debugDescription) in \(store.path)")
            throw ExitCode(1)
        }
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                StandardError.print(
                    "archlab: refusing to reset \(name.debugDescription) without a terminal to confirm; pass --yes")
                throw ExitCode(1)
            }
            FileHandle.standardError.write(
                Data(
                    """
                    Delete all progress of \(name.debugDescription) (\(counted(summary.attempts, "attempt")), \
                    \(counted(summary.unlockedNodes, "unlocked node"))) from \(store.path)? [y/N] 
                    """.utf8))
            let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            guard answer == "y" || answer == "yes" else {
                StandardError.print("archlab: nothing deleted")
                throw ExitCode(1)
            }
        }
        _ = try withStoreErrors { try store.reset(learnerNamed: name) }
        print(
            """
                Reset \(name): \(counted(summary.attempts, "attempt")) and \
                \(counted(summary.unlockedNodes, "unlocked node")) deleted.
                """
        )
    }

    private func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
