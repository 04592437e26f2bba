import ArgumentParser
import CourseKit
import Foundation

/// `archlab answers`: tools for answers files (the files `archlab grade` reads).
struct AnswersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answers",
        abstract: "Work with answers files for `archlab grade`.",
        subcommands: [AnswersTemplateCommand.self]
    )
}

/// `archlab answers template QUIZ…`: an answers file to fill in, with prompts and choices as comments.
struct AnswersTemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Print an answers file with every question id of the given quizzes (default: all)."
    )

    @Argument(help: "Quiz ids (default: every quiz of the course).")
    var quizIDs: [String] = []

    @OptionGroup var courseOptions: CourseOptions

    @Option(help: "Write the template to this file instead of standard output.")
    var output: String?

    func run() throws {
        let course = try courseOptions.loadCourse()
        let quizzes = try selectQuizzes(quizIDs, in: course)
        let text = AnswersTemplate.render(quizzes: quizzes, course: course)
        guard let output else {
            print(text, terminator: "")
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            StandardError.print("archlab: cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(2)
        }
    }
}
