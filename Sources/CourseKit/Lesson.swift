import Foundation

/// One lesson: its front matter and its pages, with every `{{#include}}` already resolved.
public struct Lesson: Sendable, Hashable {
    public let id: String
    public internal(set) var title: String
    /// The `server.swift` step this lesson builds (1...8).
    public let step: Int
    /// The Matrix node this lesson teaches (equals its quiz's `unlocks`).
    public let node: String
    /// The id of the lesson's System Check quiz.
    public let quiz: String
    /// The default scenario for `run`, if any.
    public let scenario: String?
    public let minutes: Int
    public internal(set) var summary: String?
    /// What the learner can do after the lesson (`objectives`), shown as "By the end of this lesson you can …"
    /// above its first page.
    public internal(set) var objectives: [String]
    /// 1-based position in course order.
    public let number: Int
    /// The lesson file.
    public let file: URL
    /// The lesson file's path relative to the course directory (`Lessons/02-exact-caching.md`).
    public let relativePath: String
    public internal(set) var pages: [LessonPage]

    public init(
        id: String, title: String, step: Int, node: String, quiz: String, scenario: String?, minutes: Int,
        summary: String?, number: Int, file: URL, relativePath: String, pages: [LessonPage],
        objectives: [String] = []
    ) {
        self.id = id
        self.title = title
        self.step = step
        self.node = node
        self.quiz = quiz
        self.scenario = scenario
        self.minutes = minutes
        self.summary = summary
        self.objectives = objectives
        self.number = number
        self.file = file
        self.relativePath = relativePath
        self.pages = pages
    }
}

/// One page of a lesson: the text under one `## ` heading, up to the next.
public struct LessonPage: Sendable, Hashable {
    /// The heading text without the `## ` marker.
    public internal(set) var title: String
    /// The page's Markdown body (without its heading line), includes resolved.
    public internal(set) var markdown: String
    /// The 1-based line of the page's heading in the lesson file.
    public let line: Int
    /// The page's `{{#exercise ID}}` directives, in order (the lines stay in `markdown`; see `segments`).
    public let exercises: [ExerciseDirective]

    public init(title: String, markdown: String, line: Int, exercises: [ExerciseDirective] = []) {
        self.title = title
        self.markdown = markdown
        self.line = line
        self.exercises = exercises
    }
}
