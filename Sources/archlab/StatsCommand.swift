import ArgumentParser
import CourseKit
import CourseProgress
import Foundation

extension ItemAnalysis.Choice: ExpressibleByArgument {}

/// `archlab stats`: item analysis of a cohort's answers files or progress databases, graded like `grade` grades.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Item analysis of a cohort: share correct, discrimination and option choices per question.",
        discussion: """
            Reads answers files (or folders of them, as `grade` does; several files of one learner count as successive \
            attempts, in the order given) or progress databases (--db, repeatable: every learner's attempts). \
            Question statistics use each learner's best attempt, or their first with --attempt first; per quiz, the \
            attempts learners needed to pass (median, 90th percentile). Discrimination is \
            the point-biserial correlation between a question's score and the rest of the quiz. Flags: too-easy \
            (>= 95% correct), too-hard (<= 20%), negative-discrimination (< 0), unused-distractor (a wrong option \
            chosen by < 2%). Exit status: 0 shown, 2 a file is unreadable or malformed, or the course cannot be used.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }

    @Argument(help: "Answers files, or folders whose *.toml files are read in name order.")
    var files: [String] = []

    @Option(name: .customLong("db"), help: "A progress database; repeat for several.")
    var databases: [String] = []

    @Option(name: .customLong("quiz"), help: "Analyse only this quiz id; repeat for several (default: every quiz).")
    var quizIDs: [String] = []

    @Option(help: "Which attempt of each learner the question statistics use: best or first.")
    var attempt: ItemAnalysis.Choice = .best

    @Option(help: "Output format: text, json or csv.")
    var format: Format = .text

    @OptionGroup var courseOptions: CourseOptions

    func validate() throws {
        if files.isEmpty && databases.isEmpty {
            throw ValidationError("give answers files (or folders) or --db PATH")
        }
        if !files.isEmpty && !databases.isEmpty {
            throw ValidationError("give either answers files or --db, not both")
        }
    }

    func run() throws {
        let course = try courseOptions.loadCourse()
        let quizzes = try selectQuizzes(quizIDs, in: course)
        var attempts: [ItemAnalysis.Attempt] = []
        var failed = false
        for path in databases {
            do {
                attempts += try StoredCohort.attempts(databasePath: path, course: course)
            } catch {
                StandardError.print("archlab: \(error)")
                failed = true
            }
        }
        let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let paths = AnswersPaths(files)
        for message in paths.unmatched {
            StandardError.print("archlab: \(message)")
            failed = true
        }
        for path in paths.files {
            do {
                let url = URL(fileURLWithPath: path, relativeTo: workingDirectory)
                let file = try AnswersFile.read(path: path, url: url, course: course)
                for (quizID, responses) in file.responses.sorted(by: { $0.key < $1.key }) {
                    attempts.append(ItemAnalysis.Attempt(learner: file.learner, quizID: quizID, responses: responses))
                }
            } catch {
                StandardError.print("\(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
        let analysis = ItemAnalysis.analyse(attempts, quizzes: quizzes, choice: attempt)
        switch format {
        case .text: print(analysis.renderText())
        case .json: print(analysis.renderJSON())
        case .csv: print(analysis.renderCSV(), terminator: "")
        }
    }
}
