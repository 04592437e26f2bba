import CourseKit
import Terminal

/// What the REPL prints when a System Check starts and when it asks a question. `QuizFlow` and
/// `archlab preview --quiz` both print it, so a preview shows the labels a learner sees for the same seed.
public struct QuestionView {
    public let painter: Painter
    public let width: Int

    public init(painter: Painter, width: Int) {
        self.painter = painter
        self.width = width
    }

    /// The title and the line giving the number of questions and the pass mark.
    public func introWrites(_ quiz: Quiz) -> [String] {
        let count = quiz.questions.count
        return [
            painter.paint(quiz.title, .bold, .cyan),
            """
                \(count) question\(count == 1 ? "" : "s"), pass mark \(Self.percent(quiz.pass)) \
                (\(Self.points(quiz.pass * quiz.maxScore)) of \(Self.points(quiz.maxScore)) points). Type `hint` for a \
                hint; Ctrl-C or Ctrl-D abandons the attempt.
                """,
        ]
    }

    /// The options or order items in the order shown for `seed`; empty for short and numeric questions.
    public static func shownChoices(_ question: Question, seed: UInt64) -> [DisplayedChoice] {
        switch question.kind {
        case .single, .multiple: return question.displayOptions(seed: seed)
        case .order: return question.displayItems(seed: seed)
        case .short, .numeric: return []
        }
    }

    /// The question as asked: its number, kind and points, the prompt, the labelled choices and the instructions.
    public func questionWrites(_ question: Question, number: Int, of count: Int, seed: UInt64) -> [String] {
        var writes = [
            painter.paint("Question \(number)/\(count)", .bold) + painter.paint(" (\(describe(question)))", .dim),
            MarkdownRenderer(painter: painter, width: width).render(question.prompt),
        ]
        let inline = InlineMarkdown(colorEnabled: painter.colorEnabled)
        let wrapper = WordWrapper(painter: painter)
        for choice in Self.shownChoices(question, seed: seed) {
            let label = "  \(choice.label)) "
            let lines = wrapper.wrap(
                inline.runs(WordWrapper.keepingRepeatedSpaces(choice.text)), width: width - label.count)
            for (index, line) in lines.enumerated() {
                writes.append((index == 0 ? label : String(repeating: " ", count: label.count)) + line)
            }
        }
        writes.append(painter.paint(instructions(question), .dim))
        return writes
    }

    private func describe(_ question: Question) -> String {
        let kind: String
        switch question.kind {
        case .single: kind = "one answer"
        case .multiple: kind = "one or more answers"
        case .short: kind = "short answer"
        case .numeric: kind = "number"
        case .order: kind = "put in order"
        }
        return "\(kind), \(Self.points(question.points)) point\(question.points == 1 ? "" : "s")"
    }

    private func instructions(_ question: Question) -> String {
        switch question.kind {
        case .single: return "Type one letter."
        case .multiple: return "Type every letter that applies, e.g. `a c`."
        case .short: return "Type your answer."
        case .numeric: return question.unit.map { "Type a number (in \($0))." } ?? "Type a number."
        case .order: return "Type the numbers in the right order, e.g. `3 1 2`."
        }
    }

    static func points(_ value: Double) -> String {
        GradeFormat.points(value)
    }

    static func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded()))%"
    }
}
