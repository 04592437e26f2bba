import Foundation
import GRDB

extension ProgressStore {
    /// Records a lab run (parameters and summary as JSON text) and the nodes it unlocks, in one transaction.
    public func recordLabRun(
        learner: Learner, scenarioID: String, parametersJSON: String, summaryJSON: String,
        unlocking nodes: [String] = []
    ) throws -> RecordedLabRun {
        try recordLabRun(
            learner: learner, scenarioID: scenarioID, parametersJSON: parametersJSON, summaryJSON: summaryJSON,
            decidingUnlocks: { _ in nodes })
    }

    /// Records a lab run like `recordLabRun(learner:scenarioID:parametersJSON:summaryJSON:unlocking:)`, but the nodes
    /// to unlock are decided inside the transaction, from the learner's records with this run already in them.
    public func recordLabRun(
        learner: Learner, scenarioID: String, parametersJSON: String, summaryJSON: String,
        decidingUnlocks decide: (LearnerRecords) throws -> [String]
    ) throws -> RecordedLabRun {
        guard Self.isValidJSON(parametersJSON) else { throw ProgressStoreError.invalidJSON(field: "lab parameters") }
        guard Self.isValidJSON(summaryJSON) else { throw ProgressStoreError.invalidJSON(field: "lab summary") }
        let now = clock.date()
        return try write { db in
            var record = LabRunRecord(
                id: nil, learnerID: learner.id, scenarioID: scenarioID,
                parameters: parametersJSON, summary: summaryJSON, ranAt: now)
            try record.insert(db)
            guard let id = record.id else {
                throw ProgressStoreError.database(nil, detail: "lab run was stored without an id")
            }
            let nodes = try decide(try Self.learnerRecords(db, learner: learner))
            let unlocked = try Self.insertUnlocks(
                db, learner: learner, nodes: nodes, at: now, attemptID: nil, labRunID: id)
            return RecordedLabRun(run: LabRun(record: record, id: id), newlyUnlocked: unlocked)
        }
    }

    /// The learner's lab runs, oldest first.
    public func labRuns(learner: Learner) throws -> [LabRun] {
        try read { db in
            try LabRunRecord
                .filter(Column("learnerId") == learner.id)
                .order(Column("ranAt"), Column("id"))
                .fetchAll(db)
                .compactMap { record in record.id.map { LabRun(record: record, id: $0) } }
        }
    }

    /// Ids of the scenarios the learner has run at least once.
    public func ranLabIDs(learner: Learner) throws -> Set<String> {
        Set(try labRuns(learner: learner).map(\.scenarioID))
    }
}

extension LabRun {
    init(record: LabRunRecord, id: Int64) {
        self.init(
            id: id, scenarioID: record.scenarioID, parametersJSON: record.parameters,
            summaryJSON: record.summary, ranAt: record.ranAt)
    }
}
