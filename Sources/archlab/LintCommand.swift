import ArgumentParser
import CourseKit
import Foundation
import Labs

extension LintReport.Format: ExpressibleByArgument {}

/// `archlab lint`: checks every course file and prints the findings with their location.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check the course files (lessons, quizzes, Matrix, glossary, FAQ) and report problems.",
        discussion: """
            Exit status: 0 no findings, 1 findings (errors or warnings), 2 no course found or unreadable. \
            --watch lints again after every save and prints only the new and fixed findings; Ctrl-C stops it \
            (exit status 0).
            """
    )

    @OptionGroup var courseOptions: CourseOptions

    @Option(help: "Output format: text or json.")
    var format: LintReport.Format = .text

    @Flag(help: "Keep watching the course's files; after each save print only the new and fixed findings.")
    var watch = false

    func validate() throws {
        if watch, format != .text { throw ValidationError("--watch prints text; leave out --format") }
    }

    func run() throws {
        let directory = try courseOptions.locate()
        if watch {
            LintWatch(directory: directory, lint: { Result { () throws(CourseError) in try lintFindings(directory) } }).run()
            return
        }
        let findings: [LintFinding]
        do {
            findings = try lintFindings(directory)
        } catch {
            StandardError.print("archlab: \(error)")
            throw ExitCode(2)
        }
        print(LintReport.render(findings, format: format))
        if !findings.isEmpty { throw ExitCode(1) }
    }

    /// Every finding of one lint pass.
    private func lintFindings(_ directory: URL) throws(CourseError) -> [LintFinding] {
        try CourseLoader.load(directory: directory, knownScenarios: Set(ScenarioCatalog.ids)).findings
    }
}
