import CourseKit
import CourseProgress
import Foundation
import ProgressStore
import Terminal

/// `review`: asks again the questions the learner missed in System Checks that are due today, shows the right
/// answer after each, and records every answer as a review answer (never an attempt, never an unlock).
struct ReviewFlow {
    let session: ReplSession

    func run() throws -> CommandResult {
        let painter = session.painter
        let items = try schedule()
        let now = session.clock.date()
        let due = ReviewSchedule.due(items, at: now)
        guard let first = items.first else {
            session.sayWrapped(
                """
                    Nothing to review: you have not missed a System Check question yet. A question you miss comes \
                    back here 1, 3, 7, 14, 30 and 60 days later until you answer it right each time.
                    """)
            return .succeeded
        }
        guard !due.isEmpty else {
            session.sayWrapped("Nothing is due for review now. " + nextText(items, first: first, now: now))
            return .succeeded
        }
        session.say(painter.paint("Review", .bold, .cyan))
        session.sayWrapped(
            """
                \(due.count) question\(due.count == 1 ? "" : "s") you missed in earlier System Checks. Answers here \
                are recorded, but they never change a score or unlock anything. Ctrl-C or Ctrl-D stops; the answers \
                given so far are kept.
                """)
        let seed = session.generator.next()
        let asker = QuestionAsker(session: session)
        var right = 0
        for (index, item) in due.enumerated() {
            session.say("")
            session.say(painter.paint("From “\(item.quiz.title)”", .dim))
            guard let answered = asker.ask(item.question, number: index + 1, of: due.count, seed: seed, reveal: .now)
            else {
                session.say("")
                session.say("Review stopped: \(index) answer\(index == 1 ? "" : "s") recorded.")
                return .succeeded
            }
            try session.store.recordReviewAnswer(
                learner: session.learner,
                NewReviewAnswer(
                    quizID: item.quiz.id, questionID: item.question.id, contentHash: item.quiz.contentHash,
                    responseJSON: try QuizFlow.json(answered.response), points: answered.grade.points,
                    maxPoints: answered.grade.maxPoints, hintsUsed: answered.hintsUsed))
            if answered.grade.correct {
                right += 1
                let step = min(item.step + 1, ReviewSchedule.intervalDays.count)
                if step < ReviewSchedule.intervalDays.count {
                    session.say("Next time for this one: in \(days(ReviewSchedule.intervalDays[step])).")
                } else {
                    session.say("Right at the longest interval: this question leaves your review.")
                }
            } else {
                session.say("It comes back in \(days(ReviewSchedule.intervalDays[0])).")
            }
        }
        session.say("")
        session.say("Review done: \(right) of \(due.count) right.")
        let after = try schedule()
        if let next = after.first {
            session.sayWrapped(nextText(after, first: next, now: session.clock.date()))
        } else {
            session.say("Nothing is left to review.")
        }
        return .succeeded
    }

    /// How many missed questions are due now (the start screen mentions them).
    func dueCount() throws -> Int {
        ReviewSchedule.due(try schedule(), at: session.clock.date()).count
    }

    private func schedule() throws -> [ReviewSchedule.Item] {
        ReviewSchedule.items(
            course: session.course, attempts: try session.store.attempts(learner: session.learner),
            reviews: try session.store.reviewAnswers(learner: session.learner))
    }

    /// "Next review: 2 questions in 3 days (2026-12-10 14:00 UTC)."
    private func nextText(_ items: [ReviewSchedule.Item], first: ReviewSchedule.Item, now: Date) -> String {
        let count = items.filter { $0.due == first.due }.count
        let wait = first.due.timeIntervalSince(now)
        let when: String
        if wait <= 0 {
            when = "now"
        } else if wait <= 23 * 3_600 {
            let hours = Int((wait / 3_600).rounded(.up))
            when = "in \(hours) hour\(hours == 1 ? "" : "s")"
        } else {
            when = "in " + days(Int((wait / 86_400).rounded(.up)))
        }
        let stamp = Self.stamp(first.due)
        return "Next review: \(count) question\(count == 1 ? "" : "s") \(when) (\(stamp)); type `review` then."
    }

    private func days(_ count: Int) -> String {
        count == 1 ? "1 day" : "\(count) days"
    }

    /// `2026-12-10 14:00 UTC`.
    static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String {
            let number = value ?? 0
            return number < 10 ? "0\(number)" : String(number)
        }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)) UTC"
    }
}
