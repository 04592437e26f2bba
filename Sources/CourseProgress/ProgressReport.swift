import CourseKit
import Foundation
import ProgressStore

/// A learner's state as `archlab progress` and the REPL's `progress` show it: lesson status, Matrix nodes,
/// attempts and labs run.
public struct ProgressReport: Sendable {
    public struct LessonRow: Sendable {
        public var id: String
        public var title: String
        /// `locked`, `open`, `in-progress` or `completed`.
        public var status: String
        /// 1-based page the learner is on, nil when never opened.
        public var page: Int?
        public var pages: Int?
        public var best: QuizAttempt?
        public var attempts: Int
    }

    public struct NodeRow: Sendable {
        public var id: String
        public var title: String
        public var unlocked: Bool
        public var unlockedAt: Date?
        /// What a locked node still needs (its quizzes, lab, exercises and the capstone, and the nodes it
        /// requires); nil for an unlocked node or without a course.
        public var needs: NodeNeeds?
    }

    public var learner: String
    public var database: String
    public var lessons: [LessonRow]
    public var nodes: [NodeRow]
    public var attempts: [QuizAttempt]
    /// Scenario ids of the labs run, in the order first run, with the time of the latest run.
    public var labs: [(id: String, lastRun: Date)] = []
    /// The latest answer to each lab's closing question, in the order the labs were first answered.
    public var labAnswers: [LabAnswer] = []
    /// The course's exercises with the learner's status (`passed`, `failed`, `not-started`) and first pass.
    public var exercises: [(id: String, status: String, passedAt: Date?)] = []
    /// The learner's remembered `server-swift` workspace, if any.
    public var workspace: String?
    /// The content hash of each quiz of the course as it is now, by quiz id (empty without a course).
    public var quizHashes: [String: String] = [:]

    /// True when `attempt` was taken on an older version of a quiz the course still has (its file changed since).
    public func isOnOlderVersion(_ attempt: QuizAttempt) -> Bool {
        quizHashes[attempt.quizID].map { $0 != attempt.contentHash } ?? false
    }

    /// Builds the report from the store, laid over the course when there is one (else from the records alone);
    /// `learner` is the caller's lookup of `learnerName`, nil when the store does not have them.
    public static func build(
        store: ProgressStore, learner: Learner?, learnerName: String, course: Course?
    ) throws -> ProgressReport {
        guard let learner else {
            return from(
                learner: learnerName, database: store.path, course: course, positions: [], attempts: [],
                unlocks: [], ranLabs: [])
        }
        let runs = try store.labRuns(learner: learner)
        var report = from(
            learner: learner.name, database: store.path, course: course,
            positions: try store.lessonProgress(learner: learner),
            attempts: try store.attempts(learner: learner),
            unlocks: try store.unlockedNodes(learner: learner),
            ranLabs: Set(runs.map(\.scenarioID)),
            passedExercises: try store.passedExerciseIDs(learner: learner))
        report.labs = labsRun(runs)
        report.labAnswers = latestAnswers(try store.labAnswers(learner: learner))
        let results = try store.exerciseResults(learner: learner)
        report.exercises =
            course.map { course in
                ExerciseRecording.statuses(of: course, results: results).map {
                    ($0.exercise.id, $0.status, $0.passedAt)
                }
            } ?? []
        report.workspace = try store.workspace(learner: learner)
        return report
    }

    /// The last answer per scenario, ordered by each scenario's first answer.
    static func latestAnswers(_ answers: [LabAnswer]) -> [LabAnswer] {
        var order: [String] = []
        var latest: [String: LabAnswer] = [:]
        for answer in answers {
            if latest[answer.scenarioID] == nil { order.append(answer.scenarioID) }
            latest[answer.scenarioID] = answer
        }
        return order.compactMap { latest[$0] }
    }

    public static func from(
        learner: String, database: String, course: Course?, positions: [LessonProgress],
        attempts: [QuizAttempt], unlocks: [NodeUnlock], ranLabs: Set<String>, passedExercises: Set<String> = []
    ) -> ProgressReport {
        let passed = Set(attempts.filter(\.passed).map(\.quizID))
        let recorded = Dictionary(unlocks.map { ($0.nodeID, $0.unlockedAt) }, uniquingKeysWith: min)
        let computed =
            course?.unlockedNodes(
                passedQuizzes: passed, ranLabs: ranLabs, passedExercises: passedExercises,
                alreadyUnlocked: Set(recorded.keys)) ?? []
        let unlocked = Set(recorded.keys).union(computed)
        let position = Dictionary(positions.map { ($0.lessonID, $0) }, uniquingKeysWith: { first, _ in first })
        let best = bestByQuiz(attempts)
        let countByQuiz = Dictionary(grouping: attempts, by: \.quizID).mapValues(\.count)

        var lessons: [LessonRow] = []
        var nodes: [NodeRow] = []
        if let course {
            for lesson in course.lessons {
                let progress = position[lesson.id]
                let done =
                    passed.contains(lesson.quiz) || unlocked.contains(lesson.node) || progress?.completedAt != nil
                let status: String
                if done {
                    status = "completed"
                } else if progress != nil {
                    status = "in-progress"
                } else if course.availability(of: lesson, unlocked: unlocked).isOpen {
                    status = "open"
                } else {
                    status = "locked"
                }
                lessons.append(
                    LessonRow(
                        id: lesson.id, title: lesson.title, status: status, page: progress.map { $0.page + 1 },
                        pages: lesson.pages.count, best: best[lesson.quiz], attempts: countByQuiz[lesson.quiz] ?? 0))
            }
            nodes = course.matrix.nodes.map { node in
                let needs =
                    unlocked.contains(node.id)
                    ? nil
                    : course.needs(
                        of: node.id, unlocked: unlocked, passedQuizzes: passed, ranLabs: ranLabs,
                        passedExercises: passedExercises)
                return NodeRow(
                    id: node.id, title: node.title, unlocked: unlocked.contains(node.id), unlockedAt: recorded[node.id],
                    needs: needs)
            }
        }
        let known = Set(lessons.map(\.id))
        for progress in positions where !known.contains(progress.lessonID) {
            lessons.append(
                LessonRow(
                    id: progress.lessonID, title: progress.lessonID,
                    status: progress.completedAt == nil ? "in-progress" : "completed",
                    page: progress.page + 1, pages: nil, best: nil, attempts: 0))
        }
        let knownNodes = Set(nodes.map(\.id))
        for unlock in unlocks where !knownNodes.contains(unlock.nodeID) {
            nodes.append(
                NodeRow(id: unlock.nodeID, title: unlock.nodeID, unlocked: true, unlockedAt: unlock.unlockedAt))
        }
        var report = ProgressReport(
            learner: learner, database: database, lessons: lessons, nodes: nodes, attempts: attempts)
        report.quizHashes = Dictionary(
            (course?.quizzes ?? []).map { ($0.id, $0.contentHash) }, uniquingKeysWith: { first, _ in first })
        return report
    }

    /// Each scenario once, in the order first run, with its latest run time.
    public static func labsRun(_ runs: [LabRun]) -> [(id: String, lastRun: Date)] {
        var labs: [(id: String, lastRun: Date)] = []
        for run in runs {
            if let index = labs.firstIndex(where: { $0.id == run.scenarioID }) {
                labs[index].lastRun = max(labs[index].lastRun, run.ranAt)
            } else {
                labs.append((run.scenarioID, run.ranAt))
            }
        }
        return labs
    }

    /// The first attempt with the highest share of points, per quiz.
    public static func bestByQuiz(_ attempts: [QuizAttempt]) -> [String: QuizAttempt] {
        var best: [String: QuizAttempt] = [:]
        for attempt in attempts {
            if let current = best[attempt.quizID], current.ratio >= attempt.ratio { continue }
            best[attempt.quizID] = attempt
        }
        return best
    }
}
