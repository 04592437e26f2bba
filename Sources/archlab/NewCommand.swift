import ArgumentParser
import CourseKit
import Foundation

/// `archlab new course|lesson|quiz`: scaffolds a course, or adds a lesson or a quiz to one and registers it in
/// `Lessons/course.toml`, so the course keeps linting clean. Never overwrites a file.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Scaffold a course, or add a lesson (with its System Check and Matrix node) or a quiz to one.",
        discussion: "Exit status: 0 written, 1 a file or id already exists (nothing is written), 2 no course.",
        subcommands: [NewCourseCommand.self, NewLessonCommand.self, NewQuizCommand.self]
    )
}

/// `archlab new course DIR`.
struct NewCourseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course",
        abstract:
            "Write a small course that lints clean (a lesson, its System Check, a two-node Matrix, glossary, FAQ).",
        discussion: """
            The lesson has two pages; its System Check has one question of each kind (single, multiple, short, \
            numeric, order); every TOML field is explained in a comment. Nothing is overwritten: if any of the \
            files exists, nothing is written and the exit status is 1.
            """
    )

    @Argument(help: "The folder to create the course in (it may exist, but none of the files may).")
    var directory: String

    func run() throws {
        let root = URL(fileURLWithPath: directory)
        let files: [(String, String)] = [
            ("Lessons/course.toml", CourseTemplates.manifest),
            (
                "Lessons/01-first-steps.md",
                CourseTemplates.lesson(
                    id: "first-steps", title: "First Steps", step: 1, node: "first-steps", quiz: "first-steps")
            ),
            ("Quizzes/01-first-steps.toml", CourseTemplates.firstQuiz),
            ("Lessons/glossary.toml", CourseTemplates.glossary),
            ("Lessons/faq.toml", CourseTemplates.faq),
        ]
        try Scaffold.write(files, in: root)
        print(
            "Created a course in \(directory): lint it with `archlab lint --course \(directory)`, "
                + "read it with `archlab preview 1 --course \(directory)`.")
    }
}

/// `archlab new lesson ID`.
struct NewLessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Add a numbered lesson with its System Check and Matrix node, registered in Lessons/course.toml."
    )

    @Argument(help: "The lesson id (kebab-case); also the id of its quiz and its Matrix node.")
    var id: String

    @Option(help: "The lesson's title (default: the id in words).")
    var title: String?

    @OptionGroup var courseOptions: CourseOptions

    func validate() throws {
        try Scaffold.validate(id: id)
    }

    func run() throws {
        let directory = try courseOptions.locate()
        let plan = try Scaffold.Plan(directory: directory, id: id)
        let title = title ?? Scaffold.words(id)
        let name = String(format: "%02d-%@", plan.number, id)
        let lessonPath = "Lessons/\(name).md"
        let quizPath = "Quizzes/\(name).toml"
        var manifest = try Scaffold.appendingLesson("\(name).md", to: plan.manifestText)
        manifest = ManifestText.appendingTable(plan.nodeTable(title: title), to: manifest)
        let step = min(plan.course.lessons.count + 1, 8)
        try Scaffold.write(
            [
                (quizPath, CourseTemplates.quiz(id: id, title: title, unlocks: id)),
                (lessonPath, CourseTemplates.lesson(id: id, title: title, step: step, node: id, quiz: id)),
            ], in: directory)
        try Scaffold.replaceManifest(manifest, in: directory)
        print("Created \(lessonPath) and \(quizPath); added the lesson and node `\(id)` to Lessons/course.toml.")
    }
}

/// `archlab new quiz ID`.
struct NewQuizCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Add a quiz that unlocks a new Matrix node of the same id, registered in Lessons/course.toml."
    )

    @Argument(help: "The quiz id (kebab-case); also the id of the node it unlocks.")
    var id: String

    @Option(help: "The quiz's title (default: the id in words).")
    var title: String?

    @OptionGroup var courseOptions: CourseOptions

    func validate() throws {
        try Scaffold.validate(id: id)
    }

    func run() throws {
        let directory = try courseOptions.locate()
        let plan = try Scaffold.Plan(directory: directory, id: id)
        let title = title ?? Scaffold.words(id)
        let quizPath = "Quizzes/" + String(format: "%02d-%@", plan.number, id) + ".toml"
        let manifest = ManifestText.appendingTable(plan.nodeTable(title: title), to: plan.manifestText)
        try Scaffold.write([(quizPath, CourseTemplates.quiz(id: id, title: title, unlocks: id))], in: directory)
        try Scaffold.replaceManifest(manifest, in: directory)
        print("Created \(quizPath); added the node `\(id)` to Lessons/course.toml.")
    }
}
