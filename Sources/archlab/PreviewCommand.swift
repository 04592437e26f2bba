import ArgumentParser
import CourseKit
import Foundation
import REPL
import SeededRandom
import Terminal

/// `archlab preview`: a lesson's pages or its System Check exactly as the REPL shows them, without a progress
/// database, so an instructor can read what a learner will see.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show lesson pages or a System Check exactly as the REPL shows them (no progress read or written).",
        discussion: """
            `preview 2` prints every page of lesson 2, `preview 2 --page 3` one page, `preview 2 --quiz` its System \
            Check with each question's key, hints, explanation and feedback, `--all` every lesson (or, with --quiz, \
            every quiz). Output is wrapped at the REPL's width (80 columns when not a terminal) and coloured by the \
            same rules. Exit status: 0 shown, 1 no such lesson, page or quiz, 2 the course cannot be used.
            """
    )

    @Argument(help: "A lesson number or id (with --quiz, also a quiz id).")
    var lesson: String?

    @Option(help: "Show only this page (1-based).")
    var page: Int?

    @Flag(help: "Show the System Check for review instead of the pages.")
    var quiz = false

    @Flag(help: "Show every lesson (or every quiz with --quiz).")
    var all = false

    @Option(help: "The REPL's --seed: options are shuffled as in the first System Check of a session started with it.")
    var seed: UInt64 = 0

    @Flag(name: .customLong("no-color"), help: "Never colour the output.")
    var noColor = false

    @OptionGroup var courseOptions: CourseOptions

    func validate() throws {
        if all, lesson != nil { throw ValidationError("give a lesson or --all, not both") }
        if !all, lesson == nil { throw ValidationError("name a lesson (a number or an id) or give --all") }
        if page != nil, quiz || all {
            throw ValidationError("--page goes with one lesson's pages, not --quiz or --all")
        }
    }

    func run() throws {
        let directory = try courseOptions.locate()
        // Loaded as the REPL loads it: a course with lint findings still shows what can be shown.
        let course: Course
        do {
            let loaded = try CourseLoader.load(directory: directory)
            course = loaded.course
            if !loaded.findings.isEmpty {
                let count = loaded.findings.count
                StandardError.print("archlab: \(count) problem(s) in the course files: run `archlab lint`")
            }
        } catch {
            StandardError.print("archlab: \(error)")
            throw ExitCode(2)
        }
        let environment = ProcessInfo.processInfo.environment
        let policy = ColorPolicy(
            outputIsTerminal: TerminalSize.outputIsTerminal, environment: environment,
            noColorFlag: noColor)
        let painter = Painter(colorEnabled: policy.allowsColor)
        let width = TerminalSize.outputIsTerminal ? TerminalSize.renderWidth(environment: environment) : 80
        if quiz {
            let quizzes = all ? course.quizzes : [try findQuiz(lesson ?? "", in: course)]
            var generator = SplitMix64(seed: seed)
            let seed = generator.next()
            for (index, quiz) in quizzes.enumerated() {
                if index > 0 { print("") }
                showQuiz(quiz, seed: seed, painter: painter, width: width)
            }
            return
        }
        let lessons = all ? course.lessons : [try findLesson(lesson ?? "", in: course)]
        let view = PageView(painter: painter, width: width)
        for lesson in lessons {
            var indices = Array(lesson.pages.indices)
            if let page {
                guard lesson.pages.indices.contains(page - 1) else {
                    StandardError.print(
                        "archlab: no page \(page): lesson \(lesson.number) has pages 1 to \(lesson.pages.count)")
                    throw ExitCode(1)
                }
                indices = [page - 1]
            }
            for index in indices {
                for text in view.writes(
                    lesson: lesson, page: index, lessonCount: course.lessons.count, exercises: course.exercises)
                {
                    print(text)
                }
            }
        }
    }

    private func showQuiz(_ quiz: Quiz, seed: UInt64, painter: Painter, width: Int) {
        let view = QuestionView(painter: painter, width: width)
        let review = QuizReview(painter: painter, width: width)
        for text in view.introWrites(quiz) { print(text) }
        for (index, question) in quiz.questions.enumerated() {
            print("")
            for text in view.questionWrites(question, number: index + 1, of: quiz.questions.count, seed: seed) {
                print(text)
            }
            for text in review.writes(question, shown: QuestionView.shownChoices(question, seed: seed)) { print(text) }
        }
    }

    private func findLesson(_ text: String, in course: Course) throws -> Lesson {
        if let number = Int(text), let lesson = course.lesson(number: number) { return lesson }
        if let lesson = course.lesson(id: text.lowercased()) { return lesson }
        let shown = ControlCharacters.strip(text)
        StandardError.print(
            "archlab: no lesson `\(shown)`: use a number from 1 to \(course.lessons.count) or a lesson id")
        throw ExitCode(1)
    }

    private func findQuiz(_ text: String, in course: Course) throws -> Quiz {
        if let quiz = course.quiz(id: text.lowercased()) { return quiz }
        let lesson = try findLesson(text, in: course)
        guard let quiz = course.quiz(id: lesson.quiz) else {
            StandardError.print("archlab: lesson \(lesson.number) has no System Check")
            throw ExitCode(1)
        }
        return quiz
    }
}
