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

    private struct Answered {
        let grade: QuestionGrade
        let response: Response
        let hintsUsed: Int
    }

    func run() throws -> CommandResult {
        let seed = session.generator.next()
        let startedAt = session.clock.date()
        let painter = session.painter
        for text in QuestionView(painter: painter, width: session.width).introWrites(quiz) { session.say(text) }
        var answers: [Answered] = []
        for (index, question) in quiz.questions.enumerated() {
            session.say("")
            guard let answered = ask(question, number: index + 1, seed: seed) else {
                session.say("")
                session.say("Attempt abandoned: nothing was recorded. Type `quiz` to start again.")
                return .failed
            }
            answers.append(answered)
        }
        let grade = quiz.grade(questionGrades: answers.map(\.grade))
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
            if let lesson = session.course.lessons.first(where: { $0.quiz == quiz.id }) {
                if let following = session.course.lesson(number: lesson.number + 1),
                    (try? session.availability(of: following).isOpen) == true
                {
                    session.say("Next: `open \(following.number)` for “\(following.title)”.")
                }
                let passedExercises = (try? session.store.passedExerciseIDs(learner: session.learner)) ?? []
                if let node = session.course.node(id: lesson.node) {
                    let ranLabs = (try? session.store.ranLabIDs(learner: session.learner)) ?? []
                    if let lab = node.lab, !ranLabs.contains(lab) {
                        session.say("To unlock \(node.title), run its lab too: `run \(lab)`.")
                    }
                    for id in node.exercises where !passedExercises.contains(id) {
                        session.say(
                            """
                                To unlock \(node.title), pass the `\(id)` exercise too: `exercise start \(id)`, then \
                                `check`.
                                """
                        )
                    }
                }
            }
            session.say("")
            session.announce(recorded.newlyUnlocked.map(\.nodeID))
        } else {
            session.say("Reread the pages the explanations point to, then type `quiz` to try again.")
        }
        return .succeeded
    }

    /// Asks until the answer parses; nil when the learner abandons (Ctrl-C, Ctrl-D, end of input).
    private func ask(_ question: Question, number: Int, seed: UInt64) -> Answered? {
        let painter = session.painter
        let view = QuestionView(painter: painter, width: session.width)
        for text in view.questionWrites(question, number: number, of: quiz.questions.count, seed: seed) {
            session.say(text)
        }
        var hintsUsed = 0
        while true {
            switch session.readAnswer(prompt: "answer> ") {
            case .interrupted, .endOfInput:
                return nil
            case .line(let typed):
                if typed.trimmingCharacters(in: .whitespaces).lowercased() == "hint" {
                    if hintsUsed < question.hints.count {
                        session.say(
                            painter.paint("Hint \(hintsUsed + 1)/\(question.hints.count):", .yellow) + " "
                                + question.hints[hintsUsed])
                        hintsUsed += 1
                    } else {
                        session.say(
                            question.hints.isEmpty ? "This question has no hints." : "No more hints for this question.")
                    }
                    continue
                }
                do {
                    let response = try question.parseResponse(typed, seed: seed)
                    let grade = question.grade(response)
                    feedback(grade, question: question)
                    return Answered(grade: grade, response: response, hintsUsed: hintsUsed)
                } catch {
                    session.say(
                        painter.paint("Not an answer:", .yellow)
                            + " \(ControlCharacters.strip(error.description)). Try again.")
                }
            }
        }
    }

    private func feedback(_ grade: QuestionGrade, question: Question) {
        let painter = session.painter
        let score = "(\(points(grade.points))/\(points(grade.maxPoints)) point\(grade.maxPoints == 1 ? "" : "s"))"
        if grade.correct {
            session.say(painter.paint("✓ Correct", .green, .bold) + " " + score)
        } else if grade.points > 0 {
            session.say(painter.paint("~ Partly right", .yellow, .bold) + " " + score)
        } else {
            session.say(painter.paint("✗ Not quite", .red, .bold) + " " + score)
        }
        for line in grade.feedback {
            session.show(markdown: line)
        }
        session.show(markdown: "**Why:** " + question.explanation)
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
