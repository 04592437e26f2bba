import GRDB

/// The database schema as an ordered list of migrations; a file whose applied migrations are not all known here
/// was written by a newer ArchLab and is refused.
enum ProgressSchema {
    /// SQLite `application_id` stamped on every progress database ("ALab"), so foreign SQLite files are told apart.
    static let applicationID: Int32 = 0x414C_6162

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = 1095524706")
            try db.create(table: "learner") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                t.column("createdAt", .text).notNull()
            }
            try db.create(table: "lessonProgress") { t in
                t.belongsTo("learner", onDelete: .cascade).notNull()
                t.column("lessonId", .text).notNull()
                t.column("page", .integer).notNull()
                t.column("firstSeenAt", .text).notNull()
                t.column("updatedAt", .text).notNull()
                t.column("completedAt", .text)
                t.primaryKey(["learnerId", "lessonId"])
            }
            try db.create(table: "quizAttempt") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("learner", onDelete: .cascade).notNull()
                t.column("quizId", .text).notNull()
                t.column("contentHash", .text).notNull()
                t.column("startedAt", .text).notNull()
                t.column("finishedAt", .text).notNull()
                t.column("score", .double).notNull()
                t.column("maxScore", .double).notNull()
                t.column("passed", .boolean).notNull()
            }
            try db.create(table: "answer") { t in
                t.belongsTo("attempt", inTable: "quizAttempt", onDelete: .cascade).notNull()
                t.column("questionId", .text).notNull()
                t.column("response", .text).notNull().check(sql: "json_valid(response)")
                t.column("points", .double).notNull()
                t.column("hintsUsed", .integer).notNull()
                t.primaryKey(["attemptId", "questionId"])
            }
            try db.create(table: "unlock") { t in
                t.belongsTo("learner", onDelete: .cascade).notNull()
                t.column("nodeId", .text).notNull()
                t.column("unlockedAt", .text).notNull()
                t.belongsTo("attempt", inTable: "quizAttempt", onDelete: .setNull)
                t.primaryKey(["learnerId", "nodeId"])
            }
        }
        migrator.registerMigration("v2-lab-runs") { db in
            try db.create(table: "labRun") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("learner", onDelete: .cascade).notNull()
                t.column("scenarioId", .text).notNull()
                t.column("parameters", .text).notNull().check(sql: "json_valid(parameters)")
                t.column("summary", .text).notNull().check(sql: "json_valid(summary)")
                t.column("ranAt", .text).notNull()
            }
            try db.alter(table: "unlock") { t in
                t.add(column: "labRunId", .integer).references("labRun", onDelete: .setNull)
            }
            try db.create(index: "quizAttempt_learner_quiz", on: "quizAttempt", columns: ["learnerId", "quizId"])
        }
        migrator.registerMigration("v3-exercises", migrate: ExerciseSchema.migrate)
        migrator.registerMigration("v4-review-answers", migrate: ReviewSchema.migrate)
        migrator.registerMigration("v5-lab-answers", migrate: LabAnswerSchema.migrate)
        return migrator
    }()

    /// The tables and views ArchLab's schema has once every migration ran (and GRDB's `grdb_migrations`):
    /// read from an in-memory database migrated once, so a new migration's tables count without a list to update.
    static let objectNames: Set<String> = {
        var names: Set<String> = ["grdb_migrations"]
        guard let memory = try? DatabaseQueue() else { return names }
        do {
            try migrator.migrate(memory)
            try memory.read { db in
                let rows = try String.fetchAll(
                    db,
                    sql: """
                        SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
                        """)
                names.formUnion(rows)
            }
        } catch {
            return names
        }
        return names
    }()
}
