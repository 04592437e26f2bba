import Foundation
import GRDB

extension ProgressStore {
    /// The learner's reading position in `lessonID`, or nil when the lesson was never opened.
    public func readingPosition(learner: Learner, lessonID: String) throws -> LessonProgress? {
        try read { db in
            try LessonProgressRecord
                .filter(Column("learnerId") == learner.id && Column("lessonId") == lessonID)
                .fetchOne(db)
                .map(LessonProgress.init)
        }
    }

    /// Every lesson the learner has opened, by lesson id.
    public func lessonProgress(learner: Learner) throws -> [LessonProgress] {
        try read { db in
            try LessonProgressRecord
                .filter(Column("learnerId") == learner.id)
                .order(Column("lessonId"))
                .fetchAll(db)
                .map(LessonProgress.init)
        }
    }

    /// Records that the learner is on `page` (zero-based) of `lessonID`; the first call stamps "first seen".
    public func setReadingPosition(learner: Learner, lessonID: String, page: Int) throws {
        let now = clock.date()
        try write { db in
            try Self.upsertLesson(db, learner: learner, lessonID: lessonID, now: now) { $0.page = max(0, page) }
        }
    }

    static func upsertLesson(
        _ db: Database, learner: Learner, lessonID: String, now: Date,
        change: (inout LessonProgressRecord) -> Void
    ) throws {
        var record =
            try LessonProgressRecord
            .filter(Column("learnerId") == learner.id && Column("lessonId") == lessonID)
            .fetchOne(db)
            ?? LessonProgressRecord(
                learnerID: learner.id, lessonID: lessonID, page: 0,
                firstSeenAt: now, updatedAt: now, completedAt: nil)
        change(&record)
        record.updatedAt = now
        try record.save(db)
    }
}

extension LessonProgress {
    init(_ record: LessonProgressRecord) {
        self.init(
            lessonID: record.lessonID, page: record.page, firstSeenAt: record.firstSeenAt,
            updatedAt: record.updatedAt, completedAt: record.completedAt)
    }
}
