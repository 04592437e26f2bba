import CourseKit
import Foundation
import ProgressStore

/// Spaced review of the questions a learner missed in System Checks. A question missed in an attempt comes back
/// one day after the miss; answered right in `review` it moves to the next interval (3, 7, 14, 30, then 60 days
/// after that answer), answered wrong it starts again at one day. A right answer at the 60-day review retires it;
/// a new miss in a System Check brings it back at one day.
public enum ReviewSchedule {
    /// Days between reviews, by how many reviews in a row were answered right.
    public static let intervalDays = [1, 3, 7, 14, 30, 60]

    private static let secondsPerDay: TimeInterval = 86_400

    /// One question in review, and when it is due.
    public struct Item: Sendable, Hashable {
        public let quiz: Quiz
        public let question: Question
        /// When it is due.
        public let due: Date
        /// Index into `intervalDays` of the wait that ends at `due`.
        public let step: Int
    }

    private enum Event {
        case missedInAttempt
        case reviewed(correct: Bool)
    }

    /// The questions in review, soonest due first (then in course order). Questions no longer in the course are
    /// left out; a question changed since the miss is asked as it is now.
    public static func items(course: Course, attempts: [QuizAttempt], reviews: [ReviewAnswer]) -> [Item] {
        var events: [String: [(date: Date, order: Int, event: Event)]] = [:]
        var order = 0
        for attempt in attempts {
            guard let quiz = course.quiz(id: attempt.quizID) else { continue }
            for answer in attempt.answers {
                guard let question = quiz.question(id: answer.questionID), answer.points < question.points else {
                    continue
                }
                events[key(quiz.id, question.id), default: []].append((attempt.finishedAt, order, .missedInAttempt))
                order += 1
            }
        }
        for review in reviews {
            events[key(review.quizID, review.questionID), default: []].append(
                (review.answeredAt, order, .reviewed(correct: review.correct)))
            order += 1
        }
        var items: [(item: Item, courseOrder: Int)] = []
        for (quizIndex, quiz) in course.quizzes.enumerated() {
            for (questionIndex, question) in quiz.questions.enumerated() {
                guard let history = events[key(quiz.id, question.id)] else { continue }
                let sorted = history.sorted { ($0.date, $0.order) < ($1.date, $1.order) }
                guard let state = replay(sorted.map { ($0.date, $0.event) }) else { continue }
                let step = state.step
                let due = state.anchor.addingTimeInterval(Double(intervalDays[step]) * secondsPerDay)
                let item = Item(quiz: quiz, question: question, due: due, step: step)
                items.append((item, quizIndex * 10_000 + questionIndex))
            }
        }
        return items.sorted { ($0.item.due, $0.courseOrder) < ($1.item.due, $1.courseOrder) }.map(\.item)
    }

    /// The items due at `now`.
    public static func due(_ items: [Item], at now: Date) -> [Item] {
        items.filter { $0.due <= now }
    }

    /// The time the current wait started and its step, or nil when the question is not (or no longer) in review.
    private static func replay(_ history: [(Date, Event)]) -> (anchor: Date, step: Int)? {
        var state: (anchor: Date, step: Int)?
        for (date, event) in history {
            switch event {
            case .missedInAttempt:
                state = (date, 0)
            case .reviewed(let correct):
                guard let current = state else { continue }
                if !correct {
                    state = (date, 0)
                } else if current.step + 1 < intervalDays.count {
                    state = (date, current.step + 1)
                } else {
                    state = nil
                }
            }
        }
        return state
    }

    private static func key(_ quizID: String, _ questionID: String) -> String {
        quizID + "\u{0}" + questionID
    }
}
