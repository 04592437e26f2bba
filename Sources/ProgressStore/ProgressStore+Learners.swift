import Foundation
import GRDB

extension ProgressStore {
    /// The learner named `name` (trimmed; control characters refused), created on first use.
    public func ensureLearner(_ name: String) throws -> Learner {
        let valid = try LearnerName.validated(name)
        let now = clock.date()
        let record = try write { db -> LearnerRecord in
            if let existing = try LearnerRecord.filter(Column("name") == valid).fetchOne(db) {
                return existing
            }
            var record = LearnerRecord(id: nil, name: valid, createdAt: now)
            try record.insert(db)
            return record
        }
        return try Learner(record)
    }

    /// The learner named `name`, or nil when there is none (nothing is created).
    public func learner(named name: String) throws -> Learner? {
        let valid = try LearnerName.validated(name)
        let record = try read { db in
            try LearnerRecord.filter(Column("name") == valid).fetchOne(db)
        }
        return try record.map(Learner.init)
    }

    /// Every learner, by name, with attempt and unlock counts.
    public func learners() throws -> [LearnerSummary] {
        try read { db in
            let records = try LearnerRecord.order(Column("name")).fetchAll(db)
            return try records.map { record in
                let learner = try Learner(record)
                let attempts = try QuizAttemptRecord.filter(Column("learnerId") == learner.id).fetchCount(db)
                let unlocks = try UnlockRecord.filter(Column("learnerId") == learner.id).fetchCount(db)
                let times = [
                    try Self.latest(QuizAttemptRecord.self, column: "finishedAt", learner: learner.id, db),
                    try Self.latest(LessonProgressRecord.self, column: "updatedAt", learner: learner.id, db),
                    try Self.latest(LabRunRecord.self, column: "ranAt", learner: learner.id, db),
                ].compactMap { $0 }
                return LearnerSummary(
                    learner: learner, attempts: attempts, unlockedNodes: unlocks, lastActivity: times.max())
            }
        }
    }

    /// Deletes everything recorded for the learner named `name` (the learner too); false when there was none.
    @discardableResult
    public func reset(learnerNamed name: String) throws -> Bool {
        let valid = try LearnerName.validated(name)
        return try write { db in
            try LearnerRecord.filter(Column("name") == valid).deleteAll(db) > 0
        }
    }

    private static func latest<R: TableRecord>(
        _ type: R.Type, column: String, learner: Int64, _ db: Database
    ) throws -> Date? {
        let text = try String.fetchOne(
            db, type.filter(Column("learnerId") == learner).select(max(Column(column))))
        return text.flatMap(ProgressTimestamp.date)
    }
}

extension Learner {
    init(_ record: LearnerRecord) throws {
        guard let id = record.id else {
            throw ProgressStoreError.database(nil, detail: "learner \(record.name) has no id")
        }
        self.init(id: id, name: record.name, createdAt: record.createdAt)
    }
}
