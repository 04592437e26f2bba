import Foundation
import GRDB

/// Records whose dates are stored as ISO 8601 UTC text with milliseconds. Their properties spell identifiers
/// `learnerID` as the Swift code does; the columns keep the schema's `learnerId`, so old databases read unchanged.
protocol TimestampedRecord: Codable, FetchableRecord, EncodableRecord {}

extension TimestampedRecord {
    static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy {
        .custom { key in ColumnName.column(forProperty: key.stringValue) }
    }

    static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy {
        .custom { column in ColumnName.Key(stringValue: ColumnName.property(forColumn: column)) }
    }

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
    var learnerID: Int64
    var lessonID: String
    var page: Int
    var firstSeenAt: Date
    var updatedAt: Date
    var completedAt: Date?
}

struct QuizAttemptRecord: TimestampedRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "quizAttempt"
    var id: Int64?
    var learnerID: Int64
    var quizID: String
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
    var attemptID: Int64
    var questionID: String
    var response: String
    var points: Double
    var hintsUsed: Int
}

struct UnlockRecord: TimestampedRecord, PersistableRecord, Sendable {
    static let databaseTableName = "unlock"
    var learnerID: Int64
    var nodeID: String
    var unlockedAt: Date
    var attemptID: Int64?
    var labRunID: Int64?
    var exerciseResultID: Int64?
}

struct LabRunRecord: TimestampedRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "labRun"
    var id: Int64?
    var learnerID: Int64
    var scenarioID: String
    var parameters: String
    var summary: String
    var ranAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// The mapping between a record's `…ID` properties and the schema's `…Id` columns.
enum ColumnName {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }

        init(stringValue: String) {
            self.stringValue = stringValue
        }

        init?(intValue: Int) {
            return nil
        }
    }

    /// `learnerID` → `learnerId`; `id` and every other name unchanged.
    static func column(forProperty name: String) -> String {
        name.count > 2 && name.hasSuffix("ID") ? String(name.dropLast()) + "d" : name
    }

    /// `learnerId` → `learnerID`; `id` and every other name unchanged.
    static func property(forColumn name: String) -> String {
        name.count > 2 && name.hasSuffix("Id") ? String(name.dropLast()) + "D" : name
    }
}
