import Foundation
import GRDB

/// The `v3-exercises` migration: results of `archlab check`, solutions shown, and each learner's workspace.
enum ExerciseSchema {
    static func migrate(_ db: Database) throws {
        try db.create(table: "exerciseResult") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("learner", onDelete: .cascade).notNull()
            t.column("exerciseId", .text).notNull()
            t.column("passed", .boolean).notNull()
            t.column("checkedAt", .text).notNull()
            t.column("fileHash", .text).notNull()
            t.column("failure", .text)
        }
        try db.create(
            index: "exerciseResult_learner_exercise", on: "exerciseResult", columns: ["learnerId", "exerciseId"])
        try db.create(table: "solutionShown") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("learner", onDelete: .cascade).notNull()
            t.column("exerciseId", .text).notNull()
            t.column("shownAt", .text).notNull()
        }
        try db.create(table: "workspace") { t in
            t.primaryKey("learnerId", .integer).references("learner", onDelete: .cascade)
            t.column("path", .text).notNull()
            t.column("updatedAt", .text).notNull()
        }
        try db.alter(table: "unlock") { t in
            t.add(column: "exerciseResultId", .integer).references("exerciseResult", onDelete: .setNull)
        }
    }
}

struct ExerciseResultRecord: TimestampedRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "exerciseResult"
    var id: Int64?
    var learnerID: Int64
    var exerciseID: String
    var passed: Bool
    var checkedAt: Date
    var fileHash: String
    var failure: String?

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

struct SolutionShownRecord: TimestampedRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "solutionShown"
    var id: Int64?
    var learnerID: Int64
    var exerciseID: String
    var shownAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

struct WorkspaceRecord: TimestampedRecord, PersistableRecord, Sendable {
    static let databaseTableName = "workspace"
    var learnerID: Int64
    var path: String
    var updatedAt: Date
}
