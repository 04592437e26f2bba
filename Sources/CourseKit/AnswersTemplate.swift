import SeededRandom

/// An answers file to fill in: every question id of the chosen quizzes with an empty answer,
/// and as comments its prompt and choices (order items shuffled, so the template gives nothing away).
public enum AnswersTemplate {
    public static func render(quizzes: [Quiz], course: Course) -> String {
        var lines = [
            "# Answers for \"\(oneLine(course.title))\". Fill in `learner` and each answer;",
            "# an empty answer counts as unanswered. Grade with: archlab grade THIS-FILE",
            "learner = \"\"",
        ]
        for quiz in quizzes {
            lines.append("")
            lines.append("# \(oneLine(quiz.title)) (pass mark \(GradeFormat.points(quiz.pass * 100))%)")
            lines.append("[quiz.\(quiz.id)]")
            for question in quiz.questions {
                lines.append("")
                lines += comment(for: question)
                lines.append("\(question.id) = \(emptyValue(question.kind))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func comment(for question: Question) -> [String] {
        let points = question.points == 1 ? "1 point" : "\(GradeFormat.points(question.points)) points"
        var lines = ["# \(question.kind.rawValue), \(points): \(oneLine(question.prompt))"]
        switch question.kind {
        case .single:
            lines.append("#   one option key:")
            lines += question.options.map { "#   \($0.key) = \(oneLine($0.text))" }
        case .multiple:
            lines.append("#   a list of every right option key, e.g. [\"a\", \"c\"]:")
            lines += question.options.map { "#   \($0.key) = \(oneLine($0.text))" }
        case .short:
            lines.append("#   a short text answer")
        case .numeric:
            let unit = question.unit.map { " (unit: \($0), e.g. \"5 \($0)\")" } ?? ""
            lines.append("#   a number\(unit)")
        case .order:
            lines.append("#   the item keys in the right order, e.g. [\"c\", \"a\", \"b\"]:")
            let shuffled = question.items.stablyShuffled(seed: SplitMix64.stableHash(question.id))
            lines += shuffled.map { "#   \($0.key) = \(oneLine($0.text))" }
        }
        return lines
    }

    private static func emptyValue(_ kind: QuestionKind) -> String {
        switch kind {
        case .single, .short, .numeric: return "\"\""
        case .multiple, .order: return "[]"
        }
    }

    /// Text on one comment line: newlines become spaces.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
