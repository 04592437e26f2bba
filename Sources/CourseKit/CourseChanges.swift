import Foundation

/// Compares a course with an older version of itself (`archlab lint --against`) and reports the edits that affect
/// learners' recorded progress: a removed or renamed node, lesson, quiz or question id, a changed answer key, a
/// changed pass mark, a quiz that unlocks another node. Each is a warning placed in the new course's files.
public enum CourseChanges {
    /// The code of every finding this check reports.
    public static let code = "progress-change"

    /// Warnings for every change from `old` to `new` that recorded progress depends on; empty for equal courses.
    public static func findings(old: Course, new: Course) -> [LintFinding] {
        var findings: [LintFinding] = []
        func warn(_ file: String, _ line: Int, _ message: String) {
            findings.append(LintFinding(file: file, line: line, severity: .warning, code: code, message: message))
        }
        let manifest = "Lessons/course.toml"
        let oldNodes = Set(old.matrix.nodes.map(\.id))
        let newNodes = Set(new.matrix.nodes.map(\.id))
        for node in old.matrix.nodes where !newNodes.contains(node.id) {
            // A new node with the old one's title or place is taken to be the old one renamed.
            let heir = new.matrix.nodes.first { candidate in
                !oldNodes.contains(candidate.id)
                    && (candidate.title == node.title || (candidate.column, candidate.row) == (node.column, node.row))
            }
            if let heir {
                warn(
                    manifest, heir.line,
                    "node `\(node.id)` was renamed to `\(heir.id)`: "
                        + "learners' unlocks of `\(node.id)` no longer count")
            } else {
                warn(manifest, 1, "node `\(node.id)` was removed: learners' unlocks of it no longer count")
            }
        }
        let oldLessons = Set(old.lessons.map(\.id))
        for lesson in old.lessons where new.lesson(id: lesson.id) == nil {
            let heir = new.lessons.first { $0.relativePath == lesson.relativePath && !oldLessons.contains($0.id) }
            if let heir {
                warn(
                    heir.relativePath, line(of: "id", in: heir.file),
                    "lesson `\(lesson.id)` was renamed to "
                        + "`\(heir.id)`: learners' reading positions in it are lost")
            } else {
                warn(
                    lesson.relativePath, 1,
                    "lesson `\(lesson.id)` was removed: learners' reading positions in it are lost")
            }
        }
        let oldQuizzes = Set(old.quizzes.map(\.id))
        for quiz in old.quizzes {
            var current = new.quiz(id: quiz.id)
            if current == nil {
                let heir = new.quizzes.first { $0.relativePath == quiz.relativePath && !oldQuizzes.contains($0.id) }
                if let heir {
                    warn(
                        heir.relativePath, line(of: "id", in: heir.file),
                        "quiz `\(quiz.id)` was renamed to "
                            + "`\(heir.id)`: learners' attempts at `\(quiz.id)` no longer count")
                    current = heir
                } else {
                    warn(
                        quiz.relativePath, 1,
                        "quiz `\(quiz.id)` was removed: learners' attempts at it no longer count")
                }
            }
            guard let current else { continue }
            compare(quiz, current, warn: warn)
        }
        return findings.sorted { ($0.file, $0.line, $0.column, $0.message) < ($1.file, $1.line, $1.column, $1.message) }
    }

    private static func compare(_ old: Quiz, _ new: Quiz, warn: (String, Int, String) -> Void) {
        let file = new.relativePath
        let quiz = "quiz `\(new.id)`"
        if old.pass != new.pass {
            warn(
                file, line(of: "pass", in: new.file),
                "\(quiz): the pass mark changed from "
                    + "\(GradeFormat.points(old.pass)) to \(GradeFormat.points(new.pass)); recorded passes stand")
        }
        if old.unlocks != new.unlocks {
            warn(
                file, line(of: "unlocks", in: new.file),
                "\(quiz) now unlocks `\(new.unlocks)` instead of `\(old.unlocks)`")
        }
        let oldIDs = Set(old.questions.map(\.id))
        for (index, question) in old.questions.enumerated() {
            let id = "`\(question.id)`"
            guard let current = new.question(id: question.id) else {
                // A new question in the same place is taken to be the old one renamed.
                if new.questions.indices.contains(index), !oldIDs.contains(new.questions[index].id) {
                    let heir = new.questions[index]
                    warn(
                        file, heir.line,
                        "\(quiz): question \(id) was renamed to `\(heir.id)`: "
                            + "recorded answers to it no longer match")
                } else {
                    warn(file, 1, "\(quiz): question \(id) was removed: recorded answers to it no longer count")
                }
                continue
            }
            if keySignature(question) != keySignature(current) {
                warn(
                    file, current.line,
                    "\(quiz): the answer key of question \(id) changed: "
                        + "recorded answers are graded differently now")
            }
        }
    }

    /// Everything grading depends on, so two questions with equal signatures grade every response alike.
    static func keySignature(_ question: Question) -> String {
        var parts = [question.kind.rawValue, "points=\(question.points)", "partial=\(question.partial)"]
        switch question.kind {
        case .single, .multiple:
            parts.append("options=" + question.options.map(\.key).sorted().joined(separator: ","))
            parts.append("correct=" + question.options.filter(\.correct).map(\.key).sorted().joined(separator: ","))
        case .short:
            parts.append("accept=" + question.accept.sorted().joined(separator: "\u{1F}"))
            parts.append("regex=" + question.acceptRegex.sorted().joined(separator: "\u{1F}"))
            parts.append("case=\(question.caseSensitive)")
        case .numeric:
            parts.append("answer=\(question.answer.map { String($0) } ?? "-")")
            parts.append("tolerance=\(question.tolerance)")
            parts.append("unit=\(question.unit ?? "-")")
        case .order:
            parts.append("items=" + question.items.map(\.key).joined(separator: ","))
        }
        return parts.joined(separator: "|")
    }

    /// The line of a top-level `key =` in a file (its front matter for a lesson); 1 when not found.
    private static func line(of key: String, in file: URL) -> Int {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return 1 }
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix(key) else { continue }
            let rest = trimmed.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
            if rest.hasPrefix("=") { return index + 1 }
        }
        return 1
    }
}
