import CourseKit
import JSONText

extension ItemAnalysis {
    /// `{"quizzes": [{"id", "title", "learners", "attempts_to_pass": {"passed", "not_passed", "median", "p90"},
    /// "questions": [{"id", "kind", "learners", "correct_share", "discrimination", "options": [{"key", "chosen",
    /// "correct"}], "flags": [{"code", "rule", "option"}]}]}]}`; a statistic that cannot be computed is null.
    func renderJSON() -> String {
        let quizObjects = quizzes.map { quiz in
            JSONText.object([
                ("id", JSONText.string(quiz.id)),
                ("title", JSONText.string(quiz.title)),
                ("learners", String(quiz.learners)),
                (
                    "attempts_to_pass",
                    JSONText.object([
                        ("passed", String(quiz.attemptsToPass.passed)),
                        ("not_passed", String(quiz.attemptsToPass.notPassed)),
                        ("median", quiz.attemptsToPass.median.map(JSONText.number) ?? "null"),
                        ("p90", quiz.attemptsToPass.p90.map(JSONText.number) ?? "null"),
                    ])
                ),
                ("questions", JSONText.array(quiz.questions.map(Self.questionJSON))),
            ])
        }
        return JSONText.object([("quizzes", JSONText.array(quizObjects))])
    }

    private static func questionJSON(_ question: QuestionStats) -> String {
        JSONText.object([
            ("id", JSONText.string(question.id)),
            ("kind", JSONText.string(question.kind.rawValue)),
            ("learners", String(question.learners)),
            ("correct_share", JSONText.number(question.correctShare)),
            ("discrimination", question.discrimination.map(JSONText.number) ?? "null"),
            (
                "options",
                JSONText.array(
                    question.options.map { option in
                        JSONText.object([
                            ("key", JSONText.string(option.key)),
                            ("chosen", String(option.chosen)),
                            ("correct", option.correct ? "true" : "false"),
                        ])
                    })
            ),
            (
                "flags",
                JSONText.array(
                    question.flags.map { flag in
                        JSONText.object([
                            ("code", JSONText.string(flag.code)),
                            ("rule", JSONText.string(flag.rule)),
                            ("option", flag.option.map(JSONText.string) ?? "null"),
                        ])
                    })
            ),
        ])
    }

    /// One CSV table with a `kind` column: a `quiz` row (attempts to pass), a `question` row per question and an
    /// `option` row per option of single and multiple questions; fields a kind lacks are empty.
    func renderCSV() -> String {
        var rows = [
            [
                "kind", "quiz", "question", "option", "learners", "correct_share", "discrimination", "chosen", "flags",
                "passed", "attempts_median", "attempts_p90",
            ]
        ]
        for quiz in quizzes {
            let attempts = quiz.attemptsToPass
            rows.append([
                "quiz", quiz.id, "", "", String(quiz.learners), "", "", "", "", String(attempts.passed),
                attempts.median.map(JSONText.number) ?? "", attempts.p90.map(JSONText.number) ?? "",
            ])
            for question in quiz.questions {
                rows.append([
                    "question", quiz.id, question.id, "", String(question.learners),
                    JSONText.number(question.correctShare), question.discrimination.map(JSONText.number) ?? "", "",
                    question.flags.map { $0.code + ($0.option.map { ":" + $0 } ?? "") }.joined(separator: " "),
                    "", "", "",
                ])
                for option in question.options {
                    rows.append([
                        "option", quiz.id, question.id, option.key, String(question.learners), "", "",
                        String(option.chosen), "", "", "", "",
                    ])
                }
            }
        }
        return CSVWriter.render(rows)
    }

    /// Per quiz: learners and attempts to pass, a table of the questions, then a bar per option.
    func renderText() -> String {
        var lines: [String] = []
        for quiz in quizzes {
            if !lines.isEmpty { lines.append("") }
            lines.append("\(quiz.title) (\(quiz.id)): \(quiz.learners) learner\(quiz.learners == 1 ? "" : "s")")
            let attempts = quiz.attemptsToPass
            var passing = "  passed: \(attempts.passed), not passed: \(attempts.notPassed)"
            if let median = attempts.median, let p90 = attempts.p90 {
                passing +=
                    "; attempts to pass: median \(JSONText.number(median)), "
                    + "90th percentile \(JSONText.number(p90))"
            }
            lines.append(passing)
            guard quiz.learners > 0 else { continue }
            lines += TextTable.render(
                header: ["QUESTION", "KIND", "LEARNERS", "CORRECT", "DISCRIMINATION", "FLAGS"],
                rows: quiz.questions.map { question in
                    [
                        question.id, question.kind.rawValue, String(question.learners),
                        Self.percent(question.correctShare),
                        question.discrimination.map { String(format: "%+.2f", $0) } ?? "-",
                        question.flags.map { $0.code + ($0.option.map { " (\($0))" } ?? "") }.joined(separator: ", "),
                    ]
                })
            for question in quiz.questions where !question.options.isEmpty {
                lines.append("")
                lines.append("  \(question.id)")
                for option in question.options {
                    let share = question.learners > 0 ? Double(option.chosen) / Double(question.learners) : 0
                    let bar = String(repeating: "█", count: Int((share * 20).rounded()))
                        .padding(toLength: 20, withPad: "·", startingAt: 0)
                    let count = String(option.chosen).leftPadded(to: 4)
                    let mark = option.correct ? "✓" : " "
                    lines.append("    \(mark) \(option.key) \(bar) \(count) \(Self.percent(share).leftPadded(to: 4))")
                }
            }
            let flagged = quiz.questions.flatMap { question in question.flags.map { (question.id, $0) } }
            if !flagged.isEmpty {
                lines.append("")
                lines.append("  Flags:")
                for (id, flag) in flagged {
                    lines.append("    \(id): \(flag.code)\(flag.option.map { " (option \($0))" } ?? ""): \(flag.rule)")
                }
            }
        }
        return lines.isEmpty ? "No quizzes selected." : lines.joined(separator: "\n")
    }

    private static func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded()))%"
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
