import Foundation

/// A whole course as loaded from a course directory: manifest, lessons in course order, quizzes,
/// the Architect Matrix, glossary and FAQ. Built by `CourseLoader`; everything else reads it.
public struct Course: Sendable {
    /// The course directory (the folder that holds `Lessons/`).
    public let directory: URL
    public internal(set) var title: String
    public internal(set) var subtitle: String?
    /// The ticker line shown under the title ("OPTIMIZE /// SECURE /// ...").
    public internal(set) var ticker: String
    public internal(set) var description: String?
    public internal(set) var quote: String?
    /// Lessons in the order `course.toml` lists them.
    public internal(set) var lessons: [Lesson]
    /// Quizzes in lesson order, then any quiz file no lesson names, by file name.
    public internal(set) var quizzes: [Quiz]
    public internal(set) var matrix: Matrix
    public internal(set) var glossary: [GlossaryEntry]
    public internal(set) var faq: [FAQEntry]
    /// Coding exercises, by folder name (`Exercises/02-…` before `Exercises/06-…`).
    public internal(set) var exercises: [Exercise]
    /// The question each lab's report ends with (`[[lab]]` tables in `course.toml`).
    public internal(set) var labQuestions: [LabQuestion] = []

    public init(
        directory: URL, title: String, subtitle: String?, ticker: String, description: String?, quote: String?,
        lessons: [Lesson], quizzes: [Quiz], matrix: Matrix, glossary: [GlossaryEntry], faq: [FAQEntry],
        exercises: [Exercise] = [], labQuestions: [LabQuestion] = []
    ) {
        self.directory = directory
        self.title = title
        self.subtitle = subtitle
        self.ticker = ticker
        self.description = description
        self.quote = quote
        self.lessons = lessons
        self.quizzes = quizzes
        self.matrix = matrix
        self.glossary = glossary
        self.faq = faq
        self.exercises = exercises
        self.labQuestions = labQuestions
    }

    /// The exercise with this id, if any.
    public func exercise(id: String) -> Exercise? {
        exercises.first { $0.id == id }
    }

    /// The lesson with this id, if any.
    public func lesson(id: String) -> Lesson? {
        lessons.first { $0.id == id }
    }

    /// The lesson at this 1-based position in course order (`lesson 3` in the REPL).
    public func lesson(number: Int) -> Lesson? {
        guard number >= 1, number <= lessons.count else { return nil }
        return lessons[number - 1]
    }

    /// The quiz with this id, if any.
    public func quiz(id: String) -> Quiz? {
        quizzes.first { $0.id == id }
    }

    /// The Matrix node with this id, if any.
    public func node(id: String) -> MatrixNode? {
        matrix.node(id: id)
    }

    /// The glossary entry for a term, compared case-insensitively.
    public func glossaryEntry(term: String) -> GlossaryEntry? {
        let wanted = term.lowercased()
        return glossary.first { $0.term.lowercased() == wanted }
    }
}
