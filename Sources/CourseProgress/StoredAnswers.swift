import CourseKit
import Foundation
import ProgressStore

/// Turns a learner's best stored attempts into an answers file, so `grade --learner --db` grades
/// them with the current quizzes exactly like a submitted file.
public enum StoredAnswers {
    /// The learner's best attempt per quiz as an answers file; quizzes no longer in the course are skipped.
    /// Throws a message for the user when the database or learner is missing or a stored answer is unreadable.
    public static func load(
        learner name: String, databasePath: String, course: Course
    ) throws(StoredAnswersError) -> AnswersFile {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw StoredAnswersError("\(databasePath): progress database not found")
        }
        let attempts: [QuizAttempt]
        do {
            let store = try ProgressStore.openReadOnly(path: databasePath)
            defer { try? store.close() }
            guard let learner = try store.learner(named: name) else {
                throw StoredAnswersError("\(databasePath): no learner named `\(name)`")
            }
            attempts = try store.bestAttempts(learner: learner)
        } catch let error as StoredAnswersError {
            throw error
        } catch {
            throw StoredAnswersError("\(databasePath): \(error)")
        }
        var responses: [String: [String: Response]] = [:]
        for attempt in attempts where course.quiz(id: attempt.quizID) != nil {
            var quizResponses: [String: Response] = [:]
            for answer in attempt.answers {
                guard let response = try? JSONDecoder().decode(Response.self, from: Data(answer.responseJSON.utf8))
                else {
                    throw StoredAnswersError(
                        """
                            \(databasePath): the stored answer to `\(attempt.quizID)/\(answer.questionID)` is not a \
                            response
                            """
                    )
                }
                quizResponses[answer.questionID] = response
            }
            responses[attempt.quizID] = quizResponses
        }
        return AnswersFile(path: databasePath, learner: name, responses: responses)
    }
}

/// Why stored attempts cannot be graded.
public struct StoredAnswersError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
