import Foundation

/// A learner in the progress database.
public struct Learner: Sendable, Hashable {
    public let id: Int64
    public let name: String
    public let createdAt: Date
}

/// A learner with counts for `archlab learners`.
public struct LearnerSummary: Sendable, Hashable {
    public let learner: Learner
    public let attempts: Int
    public let unlockedNodes: Int
    /// The most recent time anything was recorded for the learner, if ever.
    public let lastActivity: Date?
}

/// Where a learner is in one lesson: the page shown last, when the lesson was first opened and whether it is done.
public struct LessonProgress: Sendable, Hashable {
    public let lessonID: String
    /// Zero-based page index within the lesson.
    public let page: Int
    public let firstSeenAt: Date
    public let updatedAt: Date
    public let completedAt: Date?
}

/// One graded answer of an attempt. `responseJSON` is the learner's response as JSON text
/// (`"b"`, `["a", "c"]`, `5`, `"5 s"`), in file keys, as the answers-file format writes it.
public struct AttemptAnswer: Sendable, Hashable {
    public let questionID: String
    public let responseJSON: String
    public let points: Double
    public let hintsUsed: Int

    public init(questionID: String, responseJSON: String, points: Double, hintsUsed: Int) {
        self.questionID = questionID
        self.responseJSON = responseJSON
        self.points = points
        self.hintsUsed = hintsUsed
    }
}

/// A finished quiz attempt to record: graded by the caller, with the quiz's content hash as it was taken.
public struct FinishedAttempt: Sendable, Hashable {
    public let quizID: String
    public let contentHash: String
    public let startedAt: Date
    public let score: Double
    public let maxScore: Double
    public let passed: Bool
    public let answers: [AttemptAnswer]

    public init(
        quizID: String, contentHash: String, startedAt: Date,
        score: Double, maxScore: Double, passed: Bool, answers: [AttemptAnswer]
    ) {
        self.quizID = quizID
        self.contentHash = contentHash
        self.startedAt = startedAt
        self.score = score
        self.maxScore = maxScore
        self.passed = passed
        self.answers = answers
    }
}

/// A recorded quiz attempt with its answers.
public struct QuizAttempt: Sendable, Hashable {
    public let id: Int64
    public let quizID: String
    public let contentHash: String
    public let startedAt: Date
    public let finishedAt: Date
    public let score: Double
    public let maxScore: Double
    public let passed: Bool
    /// Answers in the order they were recorded.
    public let answers: [AttemptAnswer]

    /// Score as a share of the maximum (0 when the maximum is 0).
    public var ratio: Double { maxScore > 0 ? score / maxScore : 0 }
}

/// A Matrix node the learner has unlocked, when, and by which attempt or lab run (if any).
public struct NodeUnlock: Sendable, Hashable {
    public let nodeID: String
    public let unlockedAt: Date
    public let attemptID: Int64?
    public let labRunID: Int64?
}

/// The result of recording an attempt: the attempt as stored and the nodes that were unlocked by it
/// (nodes that were already unlocked are not repeated).
public struct RecordedAttempt: Sendable, Hashable {
    public let attempt: QuizAttempt
    public let newlyUnlocked: [NodeUnlock]
}

/// A lab (scenario) run: its parameters and summary as JSON text.
public struct LabRun: Sendable, Hashable {
    public let id: Int64
    public let scenarioID: String
    public let parametersJSON: String
    public let summaryJSON: String
    public let ranAt: Date
}

/// The learner's answer to the question a lab run's report ended with.
public struct LabAnswer: Sendable, Hashable {
    public let labRunID: Int64
    public let scenarioID: String
    public let question: String
    public let answer: String
    public let answeredAt: Date
}

/// The result of recording a lab run and the nodes it unlocked.
public struct RecordedLabRun: Sendable, Hashable {
    public let run: LabRun
    public let newlyUnlocked: [NodeUnlock]
}
