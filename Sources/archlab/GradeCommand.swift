import ArgumentParser
import CourseKit
import CourseProgress
import Foundation

/// `archlab grade`: grades learners' answers files against the course's System Checks for CI.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade answers files against the course's quizzes (text, JSON, JUnit or TAP).",
        discussion: """
            Exit status: 0 every file passes every selected quiz (or reaches --min-score), 1 any falls short, \
            2 a file is unreadable or malformed, a folder or glob holds no answers file, or the course cannot be used.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, junit, tap
    }

    @Argument(
        help: """
            Answers files (TOML: learner = "…" and [quiz.ID] tables), folders whose *.toml files are graded in name \
            order, or globs; a folder or glob with no file is exit 2.
            """)
    var files: [String] = []

    @OptionGroup var courseOptions: CourseOptions

    @Option(name: .customLong("quiz"), help: "Grade only this quiz id; repeat for several (default: every quiz).")
    var quizIDs: [String] = []

    @Option(help: "Output format: text, json, junit or tap.")
    var format: Format = .text

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(
        name: .customLong("min-score"),
        help:
            """
                Pass a file when its total reaches this share of the maximum (0.8 or 80%) instead of every quiz's pass \
                mark.
                """
    )
    var minScore: String?

    @Option(help: "Grade this learner's best stored attempts (with --db) instead of answers files.")
    var learner: String?

    @Option(help: "The progress database to read with --learner.")
    var db: String?

    func validate() throws {
        if learner != nil || db != nil {
            guard learner != nil, db != nil else { throw ValidationError("--learner and --db go together") }
            guard files.isEmpty else { throw ValidationError("give either answers files or --learner with --db") }
        } else if files.isEmpty {
            throw ValidationError("give at least one answers file (or --learner NAME --db PATH)")
        }
        if let minScore, Self.parseShare(minScore) == nil {
            throw ValidationError("--min-score must be a share between 0 and 1 (0.8) or a percentage (80%)")
        }
    }

    func run() throws {
        let course = try courseOptions.loadCourse()
        try selectQuizzes(quizIDs, in: course)
        let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var answers: [AnswersFile] = []
        var errors: [AnswersError] = []
        if let learner, let db {
            do {
                answers.append(try StoredAnswers.load(learner: learner, databasePath: db, course: course))
            } catch {
                StandardError.print("archlab: \(error)")
                throw ExitCode(2)
            }
        }
        let paths = AnswersPaths(files)
        for message in paths.unmatched { StandardError.print("archlab: \(message)") }
        if paths.files.isEmpty && answers.isEmpty && !paths.unmatched.isEmpty { throw ExitCode(2) }
        for path in paths.files {
            do {
                let url = URL(fileURLWithPath: path, relativeTo: workingDirectory)
                answers.append(try AnswersFile.read(path: path, url: url, course: course))
            } catch {
                StandardError.print("\(error)")
                errors.append(error)
            }
        }
        let report = GradeReport.grade(
            answers, course: course, quizIDs: quizIDs, minScore: minScore.flatMap(Self.parseShare), errors: errors)
        try ReportOutput.write(render(report), to: output)
        if !errors.isEmpty || !paths.unmatched.isEmpty { throw ExitCode(2) }
        if !report.passed { throw ExitCode(1) }
    }

    private func render(_ report: GradeReport) -> String {
        switch format {
        case .text: return report.renderText()
        case .json: return report.renderJSON()
        case .junit: return report.renderJUnit()
        case .tap: return report.renderTAP()
        }
    }

    /// `0.8` or `80%` → 0.8; nil when outside 0…1 or not a number.
    static func parseShare(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let isPercent = trimmed.hasSuffix("%")
        guard let value = Double(isPercent ? String(trimmed.dropLast()) : trimmed), value.isFinite else { return nil }
        let share = isPercent ? value / 100 : value
        return (0...1).contains(share) ? share : nil
    }
}
