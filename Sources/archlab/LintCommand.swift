import ArgumentParser
import CourseKit
import Labs

extension LintReport.Format: ExpressibleByArgument {}

/// `archlab lint`: checks every course file and prints the findings with their location.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check the course files (lessons, quizzes, Matrix, glossary, FAQ) and report problems.",
        discussion: "Exit status: 0 no findings, 1 findings, 2 no course found or unreadable."
    )

    @OptionGroup var courseOptions: CourseOptions

    @Option(help: "Output format: text or json.")
    var format: LintReport.Format = .text

    func run() throws {
        let directory = try courseOptions.locate()
        let result: CourseLoadResult
        do {
            result = try CourseLoader.load(directory: directory, knownScenarios: Set(ScenarioCatalog.ids))
        } catch {
            StandardError.print("archlab: \(error)")
            throw ExitCode(2)
        }
        print(LintReport.render(result.findings, format: format))
        if !result.findings.isEmpty { throw ExitCode(1) }
    }
}
