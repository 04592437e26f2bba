import CourseKit
import Terminal

/// The instructor's part of `archlab preview --quiz`: after a question as the learner sees it, its key (in the
/// shown labels), hints, explanation and the feedback of every option that has one.
struct QuizReview {
    let painter: Painter
    let width: Int

    func writes(_ question: Question, shown: [DisplayedChoice]) -> [String] {
        let label = Dictionary(shown.map { ($0.key, $0.label) }, uniquingKeysWith: { first, _ in first })
        var writes: [String] = []
        switch question.kind {
        case .single, .multiple:
            let right = shown.filter { question.option(key: $0.key)?.correct == true }
            writes.append(head("Key:") + " " + right.map(\.label).joined(separator: " "))
            writes += right.map { "  \($0.label)) \($0.text)" }
            if question.partial { writes.append(head("Partial credit:") + " yes") }
        case .short:
            if !question.accept.isEmpty {
                writes.append(head("Accepted:") + " " + question.accept.map { "“\($0)”" }.joined(separator: ", "))
            }
            if !question.acceptRegex.isEmpty {
                writes.append(head("Patterns:") + " " + question.acceptRegex.map { "/\($0)/" }.joined(separator: ", "))
            }
            if let example = question.example { writes.append(head("Example:") + " \(example)") }
            writes.append(head("Case-sensitive:") + (question.caseSensitive ? " yes" : " no"))
        case .numeric:
            var text = question.answer.map(GradeFormat.points) ?? "?"
            if question.tolerance > 0 { text += " ± \(GradeFormat.points(question.tolerance))" }
            if let unit = question.unit { text += " \(unit)" }
            writes.append(head("Answer:") + " " + text)
        case .order:
            let typed = question.items.map { label[$0.key] ?? $0.key }.joined(separator: " ")
            writes.append(head("Key:") + " \(typed)")
            for item in question.items {
                writes.append("  \(label[item.key] ?? item.key)) \(item.text)")
            }
            if question.partial { writes.append(head("Partial credit:") + " yes") }
        }
        if question.hints.isEmpty {
            writes.append(head("Hints:") + " none")
        } else {
            for (index, hint) in question.hints.enumerated() {
                writes.append(head("Hint \(index + 1)/\(question.hints.count):") + " " + hint)
            }
        }
        writes.append(MarkdownRenderer(painter: painter, width: width).render("**Why:** " + question.explanation))
        for choice in shown {
            guard let feedback = question.option(key: choice.key)?.feedback else { continue }
            writes.append(head("Feedback for \(choice.label)):") + " " + feedback)
        }
        return writes
    }

    private func head(_ text: String) -> String {
        painter.paint(text, .yellow)
    }
}
