import CourseKit
import Foundation
import ProgressStore

/// Every learner's attempts in a progress database as item-analysis attempts (`archlab stats --db`), oldest first.
public enum StoredCohort {
    /// The attempts of every learner of the database at the course's quizzes, each learner named
    /// `path#name` so learners of different databases stay apart; attempts at quizzes no longer in the course
    /// and answers to removed questions are left out. Throws a message when the file is not a progress database.
    public static func attempts(
        databasePath: String, course: Course
    ) throws(StoredAnswersError) -> [ItemAnalysis.Attempt] {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw StoredAnswersError("\(databasePath): progress database not found")
        }
        var result: [ItemAnalysis.Attempt] = []
        do {
            let store = try ProgressStore(path: databasePath)
            defer { try? store.close() }
            for summary in try store.learners() {
                for attempt in try store.attempts(learner: summary.learner) {
                    guard let quiz = course.quiz(id: attempt.quizID) else { continue }
                    var responses: [String: Response] = [:]
                    for answer in attempt.answers where quiz.question(id: answer.questionID) != nil {
                        let json = Data(answer.responseJSON.utf8)
                        guard let response = try? JSONDecoder().decode(Response.self, from: json) else {
                            throw StoredAnswersError(
                                "\(databasePath): the stored answer to "
                                    + "`\(attempt.quizID)/\(answer.questionID)` is not a response")
                        }
                        responses[answer.questionID] = response
                    }
                    result.append(
                        ItemAnalysis.Attempt(
                            learner: databasePath + "#" + summary.learner.name, quizID: attempt.quizID,
                            responses: responses, passed: attempt.passed))
                }
            }
        } catch let error as StoredAnswersError {
            throw error
        } catch {
            throw StoredAnswersError("\(databasePath): \(error)")
        }
        return result
    }
}
