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
        line("<testsuites name=\"archlab grade\" tests=\"\(questions.count + errors.count)\" failures=\"\(failures)\" errors=\"\(errors.count)\">")
        for error in errors {
            line("  <testsuite name=\(attribute(error.file)) tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">")
            line("    <testcase name=\"answers file\" classname=\(attribute(error.file))>")
            line("      <error message=\(attribute(error.description)) type=\"malformed\">\(escape(error.description))</error>")
            line("    </testcase>")
            line("  </testsuite>")
        }
        for file in files {
            for quiz in file.quizzes {
                let suiteCases = quiz.questions.map { Case(file: file, quiz: quiz, question: $0) }
                let suiteFailures = suiteCases.filter { !$0.passed }.count
                line(
                    "  <testsuite name=\(attribute("\(file.learner)/\(quiz.quizID)")) tests=\"\(suiteCases.count)\" "
                        + "failures=\"\(suiteFailures)\" errors=\"0\" skipped=\"0\">")
                line("    <properties>")
                for (name, value) in [
                    ("learner", file.learner), ("file", file.path), ("quiz", quiz.quizID),
                    ("title", quizTitles[quiz.quizID] ?? quiz.quizID), ("score", GradeFormat.points(quiz.score)),
                    ("max_score", GradeFormat.points(quiz.maxScore)), ("pass_mark", GradeFormat.points(quiz.passMark)),
                    ("passed", quiz.passed ? "true" : "false"),
                ] {
                    line("      <property name=\"\(name)\" value=\(attribute(value))/>")
                }
                line("    </properties>")
                for item in suiteCases {
                    let open = "    <testcase name=\(attribute(item.question.questionID)) classname=\(attribute("\(file.learner).\(quiz.quizID)"))"
                    guard let message = item.message else {
                        line(open + "/>")
                        continue
                    }
                    let type = item.question.answered ? "wrong" : "unanswered"
                    line(open + ">")
                    line("      <failure message=\(attribute(message)) type=\"\(type)\">\(escape(message))</failure>")
                    line("    </testcase>")
                }
                let verdict = quiz.passed ? "passed" : "failed"
                line(
                    "    <system-out>\(escape("score \(GradeFormat.points(quiz.score))/\(GradeFormat.points(quiz.maxScore)), pass mark \(GradeFormat.points(quiz.passMark)), \(verdict)"))</system-out>")
                line("  </testsuite>")
            }
        }
        out += "</testsuites>"
        return out
    }

    private func attribute(_ text: String) -> String {
        let escaped = escape(text)
        guard escaped.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }) else {
            return "\"" + escaped + "\""
        }
        return "\"" + escaped.replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "\n", with: "&#10;") + "\""
    }

    /// XML text escaping; characters XML 1.0 forbids are dropped.
    private func escape(_ text: String) -> String {
        let plain = !text.utf8.contains { byte in
            byte < 0x20 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == 0xEF
        }
        if plain { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case let control where control.value < 0x20 || control.value == 0xFFFE || control.value == 0xFFFF: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
