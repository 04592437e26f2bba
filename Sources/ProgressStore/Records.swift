import Foundation
import GRDB

/// Records whose dates are stored as ISO 8601 UTC text with milliseconds.
protocol TimestampedRecord: Codable, FetchableRecord, EncodableRecord {}

extension TimestampedRecord {
    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .custom { ProgressTimestamp.string($0) }
    }

    static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .custom { value in String.fromDatabaseValue(value).flatMap(ProgressTimestamp.date) }
    }
}

struct LearnerRecord: TimestampedRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "learner"
    var id: Int64?
    var name: String
    var createdAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

struct LessonProgressRecord: TimestampedRecord, PersistableRecord, Sendable {
    static let databaseTableName = "lessonProgress"
    var learnerId: Int64
    var lessonId: String
    var page: Int
    var firstSeenAt: Date
    var updatedAt: Date
    var completedAt: Date?
}

struct QuizAttemptRecord: TimestampedRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "quizAttempt"
    var id: Int64?
    var learnerId: Int64
    var quizId: String
    var contentHash: String
    var startedAt: Date
    var finishedAt: Date
    var score: Double
    var maxScore: Double
    var passed: Bool

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

struct AnswerRecord: TimestampedRecord, PersistableRecord, Sendable {
    static let databaseTableName = "answer"
    var attemptId: Int64
    var questionId: String
    var response: String
    var points: Double
    var hintsUsed: Int
}

struct UnlockRecord: TimestampedRecord, PersistableRecord, Sendable {
    static let databaseTableName = "unlock"
    var learnerId: Int64
    var nodeId: String
    var unlockedAt: Date
    var attemptId: Int64?
    var labRunId: Int64?
    var exerciseResultId: Int64?
}

struct LabRunRecord: TimestampedRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "labRun"
    var id: Int64?
    var learnerId: Int64
    var scenarioId: String
    var parameters: String
    var summary: String
    var ranAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
