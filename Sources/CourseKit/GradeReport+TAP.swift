import JSONText

extension GradeReport {
    /// TAP version 13: one test point per question, a YAML block with the message and scores for
    /// a failed one, and a comment line per quiz with its score and pass mark.
    public func renderTAP() -> String {
        let all = cases
        var lines = ["TAP version 13", "1..\(all.count + errors.count)"]
        var number = 0
        for error in errors {
            number += 1
            lines.append("not ok \(number) - \(error.file)")
            lines.append("  ---")
            lines.append("  message: \(JSONText.string(error.description))")
            lines.append("  severity: error")
            lines.append("  ...")
        }
        for file in files {
            for quiz in file.quizzes {
                let verdict = quiz.passed ? "passed" : "failed"
                lines.append(
                    """
                        # \(file.learner)/\(quiz.quizID): \
                        \(GradeFormat.points(quiz.score))/\(GradeFormat.points(quiz.maxScore)), 
                        """
                        + "pass mark \(GradeFormat.points(quiz.passMark)), \(verdict)")
                for question in quiz.questions {
                    number += 1
                    let item = Case(file: file, quiz: quiz, question: question)
                    guard let message = item.message else {
                        lines.append("ok \(number) - \(item.name)")
                        continue
                    }
                    lines.append("not ok \(number) - \(item.name)")
                    lines.append("  ---")
                    lines.append("  message: \(JSONText.string(message))")
                    lines.append("  score: \(GradeFormat.points(question.points))")
                    lines.append("  max_score: \(GradeFormat.points(question.maxPoints))")
                    lines.append("  ...")
                }
            }
        }
        let passedFiles = files.filter { $0.passed(minScore: minScore) }.count
        lines.append("# \(passedFiles) of \(files.count + errors.count) answers files passed")
        return lines.joined(separator: "\n")
    }
}
