import GRDB

/// What a learner has done, read inside a write transaction: the caller decides the unlocks from it while
/// no other process can write, so two processes finishing the last requirements at once cannot both miss one.
public struct LearnerRecords: Sendable, Hashable {
    /// Quizzes passed at least once, the attempt being recorded included.
    public let passedQuizIDs: Set<String>
    /// Scenarios run at least once, the run being recorded included.
    public let ranLabIDs: Set<String>
    /// Matrix nodes already unlocked.
    public let unlockedNodeIDs: Set<String>
    /// Exercises passed at least once, the result being recorded included.
    public let passedExerciseIDs: Set<String>

    public init(
        passedQuizIDs: Set<String>, ranLabIDs: Set<String>, unlockedNodeIDs: Set<String>,
        passedExerciseIDs: Set<String> = []
    ) {
        self.passedQuizIDs = passedQuizIDs
        self.ranLabIDs = ranLabIDs
        self.unlockedNodeIDs = unlockedNodeIDs
        self.passedExerciseIDs = passedExerciseIDs
    }
}

extension ProgressStore {
    static func learnerRecords(_ db: Database, learner: Learner) throws -> LearnerRecords {
        let ran = try String.fetchAll(
            db,
            LabRunRecord
                .filter(Column("learnerId") == learner.id)
                .select(Column("scenarioId"), as: String.self)
                .distinct())
        let unlocked = try String.fetchAll(
            db,
            UnlockRecord
                .filter(Column("learnerId") == learner.id)
                .select(Column("nodeId"), as: String.self))
        return LearnerRecords(
            passedQuizIDs: try passedQuizIDs(db, learner: learner), ranLabIDs: Set(ran), unlockedNodeIDs: Set(unlocked),
            passedExerciseIDs: try passedExerciseIDs(db, learner: learner))
    }

    /// Ids of the quizzes the learner has passed at least once (in any version of the quiz).
    static func passedQuizIDs(_ db: Database, learner: Learner) throws -> Set<String> {
        Set(
            try String.fetchAll(
                db,
                QuizAttemptRecord
                    .filter(Column("learnerId") == learner.id && Column("passed") == true)
                    .select(Column("quizId"), as: String.self)
                    .distinct()))
    }
}
