import JSONText

extension GradeReport {
    /// One JSON document shaped like Exercism's `results.json` version 3, with the scores GitHub
    /// Classroom's reporter reads: `version`, `status`, `score`, `max_score`, and one test per
    /// question named `LEARNER/QUIZ/QUESTION`; `quizzes` adds each quiz's pass mark and result.
    public func renderJSON() -> String {
        var out = ""
        out.reserveCapacity(256 + files.count * 4096)
        out += "{\n  \"version\": 3,\n  \"status\": \(JSONText.string(status)),\n"
        out += "  \"score\": \(JSONText.number(score)),\n  \"max_score\": \(JSONText.number(maxScore)),\n  \"tests\": ["
        var first = true
        func separator() {
            out += first ? "\n    " : ",\n    "
            first = false
        }
        for file in files {
            for quiz in file.quizzes {
                for question in quiz.questions {
                    separator()
                    let item = Case(file: file, quiz: quiz, question: question)
                    out += "{\"name\": \(JSONText.string(item.name)), "
                    out += "\"status\": \(item.passed ? "\"pass\"" : "\"fail\""), "
                    out += "\"message\": \(item.message.map(JSONText.string) ?? "null"), "
                    out +=
                        """
                            \"score\": \(JSONText.number(question.points)), \"max_score\": \
                            \(JSONText.number(question.maxPoints))}
                            """
                }
            }
        }
        for error in errors {
            separator()
            out += "{\"name\": \(JSONText.string(error.file)), \"status\": \"error\", "
            out += "\"message\": \(JSONText.string(error.description)), \"score\": 0, \"max_score\": 0}"
        }
        out += first ? "],\n  \"quizzes\": [" : "\n  ],\n  \"quizzes\": ["
        first = true
        for file in files {
            let prefix = "{\"learner\": \(JSONText.string(file.learner)), \"file\": \(JSONText.string(file.path)), "
            for quiz in file.quizzes {
                separator()
                out += prefix + "\"quiz\": \(JSONText.string(quiz.quizID)), \"score\": \(JSONText.number(quiz.score)), "
                out +=
                    """
                        \"max_score\": \(JSONText.number(quiz.maxScore)), \"pass_mark\": \
                        \(JSONText.number(quiz.passMark)), 
                        """
                out += "\"passed\": \(quiz.passed ? "true" : "false")}"
            }
        }
        out += first ? "]\n}" : "\n  ]\n}"
        return out
    }
}
