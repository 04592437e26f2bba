import Foundation
import GRDB

/// The `v4-review-answers` migration: the answers a learner gave in `review`, the spaced re-asking of questions
/// missed in System Checks. They are kept apart from `quizAttempt`, so a review never counts as an attempt, a
/// pass or an unlock.
enum ReviewSchema {
    static func migrate(_ db: Database) throws {
        try db.create(table: "reviewAnswer") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("learner", onDelete: .cascade).notNull()
            t.column("quizId", .text).notNull()
            t.column("questionId", .text).notNull()
            t.column("contentHash", .text).notNull()
            t.column("response", .text).notNull().check(sql: "json_valid(response)")
            t.column("points", .double).notNull()
            t.column("maxPoints", .double).notNull()
            t.column("hintsUsed", .integer).notNull()
            t.column("answeredAt", .text).notNull()
        }
        try db.create(index: "reviewAnswer_learner", on: "reviewAnswer", columns: ["learnerId"])
    }
}

struct ReviewAnswerRecord: TimestampedRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "reviewAnswer"
    var id: Int64?
    var learnerID: Int64
    var quizID: String
    var questionID: String
    var contentHash: String
    var response: String
    var points: Double
    var maxPoints: Double
    var hintsUsed: Int
    var answeredAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
