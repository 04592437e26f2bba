import CourseKit
import CourseProgress
import Foundation
import ProgressStore
import Terminal

/// One attempt at a System Check: asks each question, grades it with CourseKit, shows feedback,
/// and records the whole attempt (and any unlocks) only when every question was answered.
struct QuizFlow {
    let session: ReplSession
    let quiz: Quiz

    func run() throws -> CommandResult {
        let seed = session.generator.next()
        let startedAt = session.clock.date()
        let painter = session.painter
        for text in QuestionView(painter: painter, width: session.width).introWrites(quiz) { session.say(text) }
        var answers: [QuestionAsker.Answered] = []
        let asker = QuestionAsker(session: session)
        for (index, question) in quiz.questions.enumerated() {
            session.say("")
            guard
                let answered = asker.ask(
                    question, number: index + 1, of: quiz.questions.count, seed: seed, reveal: .afterAttempt)
            else {
                session.say("")
                session.say("Attempt abandoned: nothing was recorded. Type `quiz` to start again.")
                return .failed
            }
            answers.append(answered)
        }
        let grade = quiz.grade(questionGrades: answers.map(\.grade))
        showMissedAnswers(answers, asker: asker, seed: seed)
        session.say("")
        let verdict = grade.passed ? painter.paint("PASSED", .green, .bold) : painter.paint("NOT PASSED", .red, .bold)
        session.say(
            """
                Score: \(points(grade.score))/\(points(grade.maxScore)) \
                (\(percent(grade.maxScore > 0 ? grade.score / grade.maxScore : 0))) — \(verdict); the pass mark is \
                \(points(grade.passMark)).
                """
        )
        let finished = FinishedAttempt(
            quizID: quiz.id, contentHash: quiz.contentHash, startedAt: startedAt, score: grade.score,
            maxScore: grade.maxScore, passed: grade.passed,
            answers: try answers.map { answer in
                AttemptAnswer(
                    questionID: answer.grade.questionID, responseJSON: try Self.json(answer.response),
                    points: answer.grade.points, hintsUsed: answer.hintsUsed)
            })
        let recorded = try AttemptRecording.record(
            finished, for: session.learner, in: session.store, course: session.course)
        if grade.passed {
            let lesson = session.course.lessons.first(where: { $0.quiz == quiz.id })
            if let lesson, let following = session.course.lesson(number: lesson.number + 1),
                (try? session.availability(of: following).isOpen) == true
            {
                session.say("Next: `open \(following.number)` for “\(following.title)”.")
            }
            if let lesson {
                let passedExercises = (try? session.store.passedExerciseIDs(learner: session.learner)) ?? []
                if let node = session.course.node(id: lesson.node) {
                    let ranLabs = (try? session.store.ranLabIDs(learner: session.learner)) ?? []
                    if let lab = node.lab, !ranLabs.contains(lab) {
                        session.say("To unlock \(node.title), run its lab too: `run \(lab)`.")
                    }
                }
                for id in session.course.node(id: lesson.node)?.exercises ?? [] where !passedExercises.contains(id) {
                    session.say(
                        """
                            To unlock \(session.course.node(id: lesson.node)?.title ?? lesson.node), pass the `\(id)` \
                            exercise too: `exercise start \(id)`, then `check`.
                            """
                    )
                }
            } else if let records = try? session.learnerRecords(), let node = session.course.node(id: quiz.unlocks) {
                let needs = session.needs(of: node.id, records: records)
                if !needs.isEmpty {
                    session.sayWrapped("To unlock \(node.title): " + session.needsText(needs) + ".")
                }
            }
            session.say("")
            session.announce(recorded.newlyUnlocked.map(\.nodeID))
        } else {
            let retake = session.course.lessons.contains { $0.quiz == quiz.id } ? "`quiz`" : "`quiz \(quiz.id)`"
            session.say("Reread the pages the explanations point to, then type \(retake) to try again.")
        }
        return .succeeded
    }

    /// After the score: the right option(s) and the explanation of each single or multiple question missed.
    private func showMissedAnswers(_ answers: [QuestionAsker.Answered], asker: QuestionAsker, seed: UInt64) {
        let missed = zip(quiz.questions, answers).enumerated().filter { _, pair in
            QuestionAsker.defersAnswer(pair.1.grade, question: pair.0)
        }
        guard !missed.isEmpty else { return }
        session.say("")
        session.say(session.painter.paint("The questions you missed", .bold))
        for (index, pair) in missed {
            session.say("")
            session.say(session.painter.paint("Question \(index + 1)/\(quiz.questions.count)", .bold))
            session.show(markdown: pair.0.prompt)
            for text in asker.rightAnswerWrites(pair.0, seed: seed) { session.say(text) }
        }
    }

    private func points(_ value: Double) -> String {
        GradeFormat.points(value)
    }

    private func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded()))%"
    }

    static func json(_ response: Response) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(response), as: UTF8.self)
    }
}
