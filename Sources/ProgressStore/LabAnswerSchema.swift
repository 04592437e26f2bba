import Foundation
import GRDB

/// The `v5-lab-answers` migration: the learner's answer to the question a lab's report ends with,
/// one per run at most; recorded, never graded.
enum LabAnswerSchema {
    static func migrate(_ db: Database) throws {
        try db.create(table: "labAnswer") { t in
            t.primaryKey("labRunId", .integer).references("labRun", onDelete: .cascade)
            t.column("question", .text).notNull()
            t.column("answer", .text).notNull()
            t.column("answeredAt", .text).notNull()
        }
    }
}

struct LabAnswerRecord: TimestampedRecord, PersistableRecord, Sendable {
    static let databaseTableName = "labAnswer"
    var labRunID: Int64
    var question: String
    var answer: String
    var answeredAt: Date
}
