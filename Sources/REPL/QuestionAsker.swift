import CourseKit
import Foundation
import Terminal

/// Asks one question in the REPL until the answer parses, grades it and prints the verdict. Shared by the System
/// Check (`QuizFlow`) and `review` (`ReviewFlow`).
struct QuestionAsker {
    let session: ReplSession

    /// What the learner answered, graded.
    struct Answered {
        let grade: QuestionGrade
        let response: Response
        let hintsUsed: Int
    }

    /// When the right option of a missed single or multiple question is shown.
    enum Reveal {
        /// Right away, after the verdict (review: nothing is at stake).
        case now
        /// After the attempt (a System Check retried for credit): the caller shows `rightAnswerWrites` at the end.
        case afterAttempt
    }

    /// Asks until the answer parses; nil when the learner abandons (Ctrl-C, Ctrl-D, end of input).
    func ask(_ question: Question, number: Int, of count: Int, seed: UInt64, reveal: Reveal) -> Answered? {
        let painter = session.painter
        let view = QuestionView(painter: painter, width: session.width)
        for text in view.questionWrites(question, number: number, of: count, seed: seed) {
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
                    feedback(grade, question: question, seed: seed, reveal: reveal)
                    return Answered(grade: grade, response: response, hintsUsed: hintsUsed)
                } catch {
                    session.say(
                        painter.paint("Not an answer:", .yellow)
                            + " \(ControlCharacters.strip(error.description)). Try again.")
                }
            }
        }
    }

    /// True for a missed question whose right option(s) wait for the end of the attempt.
    static func defersAnswer(_ grade: QuestionGrade, question: Question) -> Bool {
        !grade.correct && (question.kind == .single || question.kind == .multiple)
    }

    private func feedback(_ grade: QuestionGrade, question: Question, seed: UInt64, reveal: Reveal) {
        let painter = session.painter
        let score = "(\(GradeFormat.points(grade.points))/\(GradeFormat.points(grade.maxPoints)) "
            + "point\(grade.maxPoints == 1 ? "" : "s"))"
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
        if Self.defersAnswer(grade, question: question) {
            switch reveal {
            case .now:
                for text in rightAnswerWrites(question, seed: seed) { session.say(text) }
            case .afterAttempt:
                session.say(painter.paint("The right answer and why: at the end of this attempt.", .dim))
            }
            return
        }
        session.show(markdown: "**Why:** " + question.explanation)
    }

    /// "Right answer: b) …" (or "Right answers:" with every right option), with the labels shown for `seed`, then
    /// the explanation.
    func rightAnswerWrites(_ question: Question, seed: UInt64) -> [String] {
        let painter = session.painter
        let right = QuestionView.shownChoices(question, seed: seed).filter {
            question.option(key: $0.key)?.correct == true
        }
        var writes = [painter.paint(right.count == 1 ? "Right answer:" : "Right answers:", .green, .bold)]
        let inline = InlineMarkdown(colorEnabled: painter.colorEnabled)
        let wrapper = WordWrapper(painter: painter)
        for choice in right {
            let label = "  \(choice.label)) "
            let lines = wrapper.wrap(
                inline.runs(WordWrapper.keepingRepeatedSpaces(choice.text)), width: session.width - label.count)
            for (index, line) in lines.enumerated() {
                writes.append((index == 0 ? label : String(repeating: " ", count: label.count)) + line)
            }
        }
        let renderer = MarkdownRenderer(painter: painter, width: session.width)
        writes.append(renderer.render("**Why:** " + question.explanation))
        return writes
    }
}
