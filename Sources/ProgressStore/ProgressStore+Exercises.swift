import Foundation
import GRDB

/// One `archlab check` of one exercise, as recorded.
public struct ExerciseResult: Sendable, Hashable {
    public let id: Int64
    public let exerciseID: String
    public let passed: Bool
    public let checkedAt: Date
    /// SHA-256 (hex) of the learner's file as it was checked.
    public let fileHash: String
    /// The first failure in one line, nil for a pass.
    public let failure: String?
}

/// The result of recording an exercise result and the nodes it unlocked.
public struct RecordedExerciseResult: Sendable, Hashable {
    public let result: ExerciseResult
    public let newlyUnlocked: [NodeUnlock]
}

extension ProgressStore {
    /// Records one checked exercise; on a pass the nodes to unlock are decided inside the same write transaction,
    /// from the learner's records with this result already in them (as `recordLabRun(…decidingUnlocks:)` does).
    public func recordExerciseResult(
        learner: Learner, exerciseID: String, passed: Bool, fileHash: String, failure: String?,
        decidingUnlocks decide: (LearnerRecords) throws -> [String]
    ) throws -> RecordedExerciseResult {
        let now = clock.date()
        return try write { db in
            var record = ExerciseResultRecord(
                id: nil, learnerID: learner.id, exerciseID: exerciseID, passed: passed, checkedAt: now,
                fileHash: fileHash, failure: passed ? nil : failure)
            try record.insert(db)
            guard let id = record.id else {
                throw ProgressStoreError.database(nil, detail: "exercise result was stored without an id")
            }
            let nodes = passed ? try decide(try Self.learnerRecords(db, learner: learner)) : []
            let unlocked = try Self.insertUnlocks(
                db, learner: learner, nodes: nodes, at: now, attemptID: nil, labRunID: nil, exerciseResultID: id)
            return RecordedExerciseResult(result: ExerciseResult(record, id: id), newlyUnlocked: unlocked)
        }
    }

    /// The learner's exercise results, oldest first.
    public func exerciseResults(learner: Learner) throws -> [ExerciseResult] {
        try read { db in
            try ExerciseResultRecord
                .filter(Column("learnerId") == learner.id)
                .order(Column("checkedAt"), Column("id"))
                .fetchAll(db)
                .compactMap { record in record.id.map { ExerciseResult(record, id: $0) } }
        }
    }

    /// Ids of the exercises the learner has passed at least once.
    public func passedExerciseIDs(learner: Learner) throws -> Set<String> {
        try read { db in try Self.passedExerciseIDs(db, learner: learner) }
    }

    static func passedExerciseIDs(_ db: Database, learner: Learner) throws -> Set<String> {
        Set(
            try String.fetchAll(
                db,
                ExerciseResultRecord
                    .filter(Column("learnerId") == learner.id && Column("passed") == true)
                    .select(Column("exerciseId"), as: String.self)
                    .distinct()))
    }

    /// Records that the reference solution of an exercise was shown to the learner.
    public func recordSolutionShown(learner: Learner, exerciseID: String) throws {
        let now = clock.date()
        try write { db in
            var record = SolutionShownRecord(id: nil, learnerID: learner.id, exerciseID: exerciseID, shownAt: now)
            try record.insert(db)
        }
    }

    /// How many times the solution of this exercise was shown to the learner.
    public func solutionShownCount(learner: Learner, exerciseID: String) throws -> Int {
        try read { db in
            try SolutionShownRecord
                .filter(Column("learnerId") == learner.id && Column("exerciseId") == exerciseID)
                .fetchCount(db)
        }
    }

    /// Remembers the learner's workspace folder (an absolute path), replacing the one remembered before.
    public func setWorkspace(learner: Learner, path: String) throws {
        let now = clock.date()
        try write { db in
            try WorkspaceRecord(learnerID: learner.id, path: path, updatedAt: now).save(db)
        }
    }

    /// The learner's workspace folder, if one was ever created.
    public func workspace(learner: Learner) throws -> String? {
        try read { db in
            try WorkspaceRecord.filter(Column("learnerId") == learner.id).fetchOne(db)?.path
        }
    }
}

extension ExerciseResult {
    init(_ record: ExerciseResultRecord, id: Int64) {
        self.init(
            id: id, exerciseID: record.exerciseID, passed: record.passed, checkedAt: record.checkedAt,
            fileHash: record.fileHash, failure: record.failure)
    }
}
