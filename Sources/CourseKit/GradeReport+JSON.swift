extension GradeReport {
    /// One JSON document shaped like Exercism's `results.json` version 3, with the scores GitHub
    /// Classroom's reporter reads: `version`, `status`, `score`, `max_score`, and one test per
    /// question named `LEARNER/QUIZ/QUESTION`; `quizzes` adds each quiz's pass mark and result.
    public func renderJSON() -> String {
        let tests = cases.map { item in
            "    " + JSONText.object([
                ("name", JSONText.string(item.name)),
                ("status", JSONText.string(item.passed ? "pass" : "fail")),
                ("message", item.message.map(JSONText.string) ?? "null"),
                ("score", JSONText.number(item.question.points)),
                ("max_score", JSONText.number(item.question.maxPoints)),
            ])
        }
        let errorTests = errors.map { error in
            "    " + JSONText.object([
                ("name", JSONText.string(error.file)),
                ("status", JSONText.string("error")),
                ("message", JSONText.string(error.description)),
                ("score", "0"),
                ("max_score", "0"),
            ])
        }
        let quizzes = files.flatMap { file in
            file.quizzes.map { quiz in
                "    " + JSONText.object([
                    ("learner", JSONText.string(file.learner)),
                    ("file", JSONText.string(file.path)),
                    ("quiz", JSONText.string(quiz.quizID)),
                    ("score", JSONText.number(quiz.score)),
                    ("max_score", JSONText.number(quiz.maxScore)),
                    ("pass_mark", JSONText.number(quiz.passMark)),
                    ("passed", quiz.passed ? "true" : "false"),
                ])
            }
        }
        func array(_ items: [String]) -> String {
            items.isEmpty ? "[]" : "[\n" + items.joined(separator: ",\n") + "\n  ]"
        }
        return """
            {
              "version": 3,
              "status": \(JSONText.string(status)),
              "score": \(JSONText.number(score)),
              "max_score": \(JSONText.number(maxScore)),
              "tests": \(array(tests + errorTests)),
              "quizzes": \(array(quizzes))
            }
            """
    }
}
