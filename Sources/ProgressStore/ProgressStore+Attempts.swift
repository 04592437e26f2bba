import Foundation
import GRDB

extension ProgressStore {
    /// Records a finished attempt, its answers and the nodes it unlocks in ONE transaction: all of it lands, or
    /// (on any error) none of it. `unlocking` are node ids the caller computed; already unlocked ones are kept as
    /// they were (first unlock time and attempt), never revoked. The finish time is the store clock's now.
    public func recordAttempt(
        learner: Learner, _ attempt: FinishedAttempt, unlocking nodes: [String] = []
    ) throws -> RecordedAttempt {
        try recordAttempt(learner: learner, attempt, decidingUnlocks: { _ in nodes })
    }

    /// Records a finished attempt like `recordAttempt(learner:_:unlocking:)`, but the nodes to unlock are decided
    /// inside the transaction, from the learner's records with this attempt already in them, so a lab run or
    /// attempt another process records at the same moment is never missed. A passed attempt also marks
    /// `completingLesson` completed, in the same transaction.
    public func recordAttempt(
        learner: Learner, _ attempt: FinishedAttempt, completingLesson lessonID: String? = nil,
        decidingUnlocks decide: (LearnerRecords) throws -> [String]
    ) throws -> RecordedAttempt {
        for answer in attempt.answers where !Self.isValidJSON(answer.responseJSON) {
            throw ProgressStoreError.invalidJSON(field: "response to \(answer.questionID)")
        }
        let now = clock.date()
        let fault = self.fault
        return try write { db in
            var record = QuizAttemptRecord(
                id: nil, learnerID: learner.id, quizID: attempt.quizID, contentHash: attempt.contentHash,
                startedAt: attempt.startedAt, finishedAt: now, score: attempt.score,
                maxScore: attempt.maxScore, passed: attempt.passed)
            try record.insert(db)
            guard let attemptID = record.id else {
                throw ProgressStoreError.database(nil, detail: "attempt was stored without an id")
            }
            for answer in attempt.answers {
                try AnswerRecord(
                    attemptID: attemptID, questionID: answer.questionID, response: answer.responseJSON,
                    points: answer.points, hintsUsed: answer.hintsUsed
                ).insert(db)
            }
            try fault?(.afterAnswers)
            if attempt.passed, let lessonID {
                try Self.upsertLesson(db, learner: learner, lessonID: lessonID, now: now) { record in
                    if record.completedAt == nil { record.completedAt = now }
                }
            }
            let nodes = try decide(try Self.learnerRecords(db, learner: learner))
            let unlocked = try Self.insertUnlocks(
                db, learner: learner, nodes: nodes, at: now, attemptID: attemptID, labRunID: nil)
            try fault?(.afterUnlocks)
            let stored = QuizAttempt(record: record, id: attemptID, answers: attempt.answers)
            return RecordedAttempt(attempt: stored, newlyUnlocked: unlocked)
        }
    }

    /// Every attempt of the learner (optionally of one quiz), oldest first, with answers.
    public func attempts(learner: Learner, quizID: String? = nil) throws -> [QuizAttempt] {
        try read { db in
            var request = QuizAttemptRecord.filter(Column("learnerId") == learner.id)
            if let quizID {
                request = request.filter(Column("quizId") == quizID)
            }
            let records = try request.order(Column("finishedAt"), Column("id")).fetchAll(db)
            return try records.map { try Self.attempt($0, db) }
        }
    }

    /// The best attempt per quiz (highest share of points, then the earliest), by quiz id, with answers.
    /// Attempts of older versions of a quiz count too; compare `contentHash` to tell them apart.
    public func bestAttempts(learner: Learner) throws -> [QuizAttempt] {
        let all = try attempts(learner: learner)
        var best: [String: QuizAttempt] = [:]
        for attempt in all {
            if let current = best[attempt.quizID], current.ratio >= attempt.ratio { continue }
            best[attempt.quizID] = attempt
        }
        return best.values.sorted { $0.quizID < $1.quizID }
    }

    /// Ids of the quizzes the learner has passed at least once (in any version of the quiz).
    public func passedQuizIDs(learner: Learner) throws -> Set<String> {
        try read { db in try Self.passedQuizIDs(db, learner: learner) }
    }

    static func attempt(_ record: QuizAttemptRecord, _ db: Database) throws -> QuizAttempt {
        guard let id = record.id else {
            throw ProgressStoreError.database(nil, detail: "attempt without an id")
        }
        let answers =
            try AnswerRecord
            .filter(Column("attemptId") == id)
            .order(Column.rowID)
            .fetchAll(db)
            .map {
                AttemptAnswer(
                    questionID: $0.questionID, responseJSON: $0.response, points: $0.points, hintsUsed: $0.hintsUsed)
            }
        return QuizAttempt(record: record, id: id, answers: answers)
    }

    static func isValidJSON(_ text: String) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil
    }
}

extension QuizAttempt {
    init(record: QuizAttemptRecord, id: Int64, answers: [AttemptAnswer]) {
        self.init(
            id: id, quizID: record.quizID, contentHash: record.contentHash, startedAt: record.startedAt,
            finishedAt: record.finishedAt, score: record.score, maxScore: record.maxScore,
            passed: record.passed, answers: answers)
    }
}
