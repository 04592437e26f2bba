import Foundation
import GRDB

extension ProgressStore {
    /// Records one review answer at the store clock's now. It touches no attempt, lesson or unlock.
    @discardableResult
    public func recordReviewAnswer(learner: Learner, _ answer: NewReviewAnswer) throws -> ReviewAnswer {
        guard Self.isValidJSON(answer.responseJSON) else {
            throw ProgressStoreError.invalidJSON(field: "response to \(answer.questionID)")
        }
        let now = clock.date()
        return try write { db in
            var record = ReviewAnswerRecord(
                id: nil, learnerID: learner.id, quizID: answer.quizID, questionID: answer.questionID,
                contentHash: answer.contentHash, response: answer.responseJSON, points: answer.points,
                maxPoints: answer.maxPoints, hintsUsed: answer.hintsUsed, answeredAt: now)
            try record.insert(db)
            guard let id = record.id else {
                throw ProgressStoreError.database(nil, detail: "review answer was stored without an id")
            }
            return ReviewAnswer(record: record, id: id)
        }
    }

    /// Every review answer of the learner, oldest first.
    public func reviewAnswers(learner: Learner) throws -> [ReviewAnswer] {
        try read { db in
            try ReviewAnswerRecord
                .filter(Column("learnerId") == learner.id)
                .order(Column("answeredAt"), Column("id"))
                .fetchAll(db)
                .compactMap { record in record.id.map { ReviewAnswer(record: record, id: $0) } }
        }
    }
}

extension ReviewAnswer {
    init(record: ReviewAnswerRecord, id: Int64) {
        self.init(
            id: id, quizID: record.quizID, questionID: record.questionID, contentHash: record.contentHash,
            responseJSON: record.response, points: record.points, maxPoints: record.maxPoints,
            hintsUsed: record.hintsUsed, answeredAt: record.answeredAt)
    }
}
