import Foundation

extension GradeReport {
    /// JUnit XML: one `<testsuite>` per quiz per learner, one `<testcase>` per question, a
    /// `<failure>` carrying the feedback for a wrong or unanswered question. No timestamps,
    /// so identical input gives identical output.
    public func renderJUnit() -> String {
        let questions = files.flatMap { $0.quizzes.flatMap(\.questions) }
        let failures = questions.filter { !$0.correct }.count
        var out = ""
        out.reserveCapacity(512 + files.count * 8192)
        func line(_ text: String) {
            out += text
            out += "\n"
        }
        line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        line(
            """
                <testsuites name=\"archlab grade\" tests=\"\(questions.count + errors.count)\" \
                failures=\"\(failures)\" errors=\"\(errors.count)\">
                """
        )
        for error in errors {
            line(
                """
                      <testsuite name=\(XMLText.attribute(error.file)) tests=\"1\" failures=\"0\" errors=\"1\" \
                    skipped=\"0\">
                    """
            )
            line("    <testcase name=\"answers file\" classname=\(XMLText.attribute(error.file))>")
            line(
                """
                          <error message=\(XMLText.attribute(error.description)) \
                    type=\"malformed\">\(XMLText.escape(error.description))</error>
                    """
            )
            line("    </testcase>")
            line("  </testsuite>")
        }
        for file in files {
            for quiz in file.quizzes {
                let suiteCases = quiz.questions.map { Case(file: file, quiz: quiz, question: $0) }
                let suiteFailures = suiteCases.filter { !$0.passed }.count
                line(
                    """
                          <testsuite name=\(XMLText.attribute("\(file.learner)/\(quiz.quizID)")) \
                        tests=\"\(suiteCases.count)\" 
                        """
                        + "failures=\"\(suiteFailures)\" errors=\"0\" skipped=\"0\">")
                line("    <properties>")
                for (name, value) in [
                    ("learner", file.learner), ("file", file.path), ("quiz", quiz.quizID),
                    ("title", quizTitles[quiz.quizID] ?? quiz.quizID), ("score", GradeFormat.points(quiz.score)),
                    ("max_score", GradeFormat.points(quiz.maxScore)), ("pass_mark", GradeFormat.points(quiz.passMark)),
                    ("passed", quiz.passed ? "true" : "false"),
                ] {
                    line("      <property name=\"\(name)\" value=\(XMLText.attribute(value))/>")
                }
                line("    </properties>")
                for item in suiteCases {
                    let open =
                        """
                                <testcase name=\(XMLText.attribute(item.question.questionID)) \
                            classname=\(XMLText.attribute("\(file.learner).\(quiz.quizID)"))
                            """
                    guard let message = item.message else {
                        line(open + "/>")
                        continue
                    }
                    let type = item.question.answered ? "wrong" : "unanswered"
                    line(open + ">")
                    line(
                        """
                                  <failure message=\(XMLText.attribute(message)) \
                            type=\"\(type)\">\(XMLText.escape(message))</failure>
                            """
                    )
                    line("    </testcase>")
                }
                let verdict = quiz.passed ? "passed" : "failed"
                let score = "\(GradeFormat.points(quiz.score))/\(GradeFormat.points(quiz.maxScore))"
                let summary = "score \(score), pass mark \(GradeFormat.points(quiz.passMark)), \(verdict)"
                line("    <system-out>\(XMLText.escape(summary))</system-out>")
                line("  </testsuite>")
            }
        }
        out += "</testsuites>"
        return out
    }
}
