import Foundation
import GRDB

extension ProgressStore {
    /// Records the learner's answer to the question that ended lab run `runID` (replacing an earlier
    /// answer to the same run). Not graded; nothing unlocks.
    public func recordLabAnswer(runID: Int64, question: String, answer: String) throws {
        let now = clock.date()
        try write { db in
            guard try LabRunRecord.fetchOne(db, key: runID) != nil else {
                throw ProgressStoreError.database(nil, detail: "no lab run \(runID) to answer")
            }
            try LabAnswerRecord(labRunID: runID, question: question, answer: answer, answeredAt: now).save(db)
        }
    }

    /// The learner's answers to lab questions, oldest first.
    public func labAnswers(learner: Learner) throws -> [LabAnswer] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT labAnswer.labRunId, labRun.scenarioId, labAnswer.question, labAnswer.answer,
                           labAnswer.answeredAt
                    FROM labAnswer JOIN labRun ON labRun.id = labAnswer.labRunId
                    WHERE labRun.learnerId = ?
                    ORDER BY labAnswer.answeredAt, labAnswer.labRunId
                    """,
                arguments: [learner.id])
            return rows.compactMap { row -> LabAnswer? in
                let answered: String = row[4]
                guard let date = ProgressTimestamp.date(answered) else { return nil }
                return LabAnswer(
                    labRunID: row[0], scenarioID: row[1], question: row[2], answer: row[3], answeredAt: date)
            }
        }
    }
}
