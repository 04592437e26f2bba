extension GradeReport {
    /// A readable summary per learner: each quiz's score against its pass mark, then the
    /// questions that were not fully right with their feedback.
    public func renderText() -> String {
        var lines: [String] = errors.map { "\($0.description) — NOT GRADED" }
        if !errors.isEmpty { lines.append("") }
        for file in files {
            let verdict = file.passed(minScore: minScore) ? "PASSED" : "FAILED"
            let passedCount = file.quizzes.filter(\.passed).count
            let path = GradeFormat.escapingControls(file.path)
            let who = file.learner.isEmpty ? path : "\(GradeFormat.escapingControls(file.learner)) (\(path))"
            var header =
                "\(who): \(GradeFormat.points(file.score))/\(GradeFormat.points(file.maxScore)) points, "
                + "\(passedCount) of \(file.quizzes.count) System Checks passed"
            if let minScore { header += ", minimum \(GradeFormat.points(minScore * 100))%" }
            lines.append(header + " — " + verdict)
            for quiz in file.quizzes {
                let mark = quiz.passed ? "pass" : "FAIL"
                lines.append(
                    """
                          [\(mark)] \(quiz.quizID): \
                        \(GradeFormat.points(quiz.score))/\(GradeFormat.points(quiz.maxScore)) 
                        """
                        + "(pass mark \(GradeFormat.points(quiz.passMark)))")
                for question in quiz.questions where !question.correct {
                    let detail = Case(file: file, quiz: quiz, question: question).message ?? ""
                    lines.append("      \(question.questionID): \(detail)")
                }
            }
            lines.append("")
        }
        let passedFiles = files.filter { $0.passed(minScore: minScore) }.count
        let total = files.count + errors.count
        lines.append("\(passedFiles) of \(total) answers file\(total == 1 ? "" : "s") passed")
        return lines.joined(separator: "\n")
    }
}
