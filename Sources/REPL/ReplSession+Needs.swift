import CourseKit
import ProgressStore

extension ReplSession {
    /// The learner's passed quizzes, labs run, exercises passed and unlocked nodes, as one read.
    func learnerRecords() throws -> LearnerRecords {
        LearnerRecords(
            passedQuizIDs: try store.passedQuizIDs(learner: learner),
            ranLabIDs: try store.ranLabIDs(learner: learner),
            unlockedNodeIDs: try unlockedNodeIDs(),
            passedExerciseIDs: try store.passedExerciseIDs(learner: learner))
    }

    /// What a locked node still needs for this learner.
    func needs(of nodeID: String, records: LearnerRecords) -> NodeNeeds {
        course.needs(
            of: nodeID, unlocked: records.unlockedNodeIDs, passedQuizzes: records.passedQuizIDs,
            ranLabs: records.ranLabIDs, passedExercises: records.passedExerciseIDs)
    }

    /// "pass the System Check of lesson 1 “…”; pass the `cost-of-a-call` exercise: `exercise start
    /// cost-of-a-call`, then `check`": each thing a node still needs, with the command that does it;
    /// empty when nothing is missing.
    func needsText(_ needs: NodeNeeds) -> String {
        var parts: [String] = []
        if !needs.nodes.isEmpty {
            parts.append("first unlock " + needs.nodes.map { course.node(id: $0)?.title ?? $0 }.joined(separator: ", "))
        }
        for quizID in needs.quizzes {
            if let lesson = course.lessons.first(where: { $0.quiz == quizID }) {
                parts.append("pass the System Check of lesson \(lesson.number) “\(lesson.title)”")
            } else {
                parts.append("pass the System Check `\(quizID)`: `quiz \(quizID)`")
            }
        }
        if let lab = needs.lab { parts.append("run the `\(lab)` lab: `run \(lab)`") }
        let exercises = needs.exercises
        if let only = exercises.first, exercises.count == 1 {
            parts.append("pass the `\(only)` exercise: `exercise start \(only)`, then `check`")
        } else if let last = exercises.last {
            let names = exercises.dropLast().map { "`\($0)`" }.joined(separator: ", ") + " and `\(last)`"
            parts.append("pass the exercises \(names): `exercise start ID`, then `check`")
        }
        for id in needs.capstones {
            parts.append("pass the capstone: `archlab check \(id)`, once every exercise has passed")
        }
        return parts.joined(separator: "; ")
    }
}
