/// The test-wise learner's shortcut: in a quiz where most single-choice questions have their right option as the
/// strictly longest, "pick the longest" scores without reading. Lint warns about such quizzes.
enum OptionLengthCheck {
    /// The single-choice questions whose one right option is strictly longer (in characters) than every other.
    static func longestIsRight(_ quiz: Quiz) -> [Question] {
        quiz.questions.filter { question in
            guard question.kind == .single else { return false }
            let right = question.options.filter(\.correct)
            let wrong = question.options.filter { !$0.correct }
            guard right.count == 1, let answer = right.first, !wrong.isEmpty else { return false }
            return wrong.allSatisfy { $0.text.count < answer.text.count }
        }
    }

    /// A warning when more than half of the quiz's single-choice questions have their right option longest.
    static func finding(_ quiz: Quiz, position: TOMLKeyLocator.Position) -> LintFinding? {
        let singles = quiz.questions.filter { $0.kind == .single }.count
        let longest = longestIsRight(quiz)
        guard singles > 0, longest.count * 2 > singles else { return nil }
        let ids = longest.map { "`\($0.id)`" }.joined(separator: ", ")
        return LintFinding(
            file: quiz.relativePath, line: position.line, column: position.column, severity: .warning,
            code: "longest-option-right",
            message: """
                quiz `\(quiz.id)`: in \(longest.count) of its \(singles) single-choice questions the right option is \
                the longest (\(ids)); a learner who picks the longest option passes without reading. Make the wrong \
                options as long as the right one
                """)
    }
}
