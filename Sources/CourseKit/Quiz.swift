import Foundation

/// A System Check: the questions of one lesson, the node a pass unlocks, and the pass mark.
public struct Quiz: Sendable, Hashable {
    public let id: String
    public internal(set) var title: String
    /// The Matrix node unlocked on the first pass.
    public let unlocks: String
    /// Share of the maximum score needed to pass (0 < pass <= 1).
    public let pass: Double
    public internal(set) var questions: [Question]
    /// The quiz file.
    public let file: URL
    /// The quiz file's path relative to the course directory (`Quizzes/02-exact-caching.toml`).
    public let relativePath: String
    /// SHA-256 (lowercase hex) of the quiz file's exact bytes, so a stored attempt can tell
    /// whether the quiz changed since it was taken.
    public let contentHash: String

    public init(
        id: String, title: String, unlocks: String, pass: Double, questions: [Question], file: URL,
        relativePath: String, contentHash: String
    ) {
        self.id = id
        self.title = title
        self.unlocks = unlocks
        self.pass = pass
        self.questions = questions
        self.file = file
        self.relativePath = relativePath
        self.contentHash = contentHash
    }

    /// The question with this id, if any.
    public func question(id: String) -> Question? {
        questions.first { $0.id == id }
    }

    /// The highest score possible: the sum of all questions' points.
    public var maxScore: Double {
        questions.reduce(0) { $0 + $1.points }
    }
}
