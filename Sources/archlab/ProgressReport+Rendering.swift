import CourseKit
import CourseProgress
import Foundation
import JSONText
import ProgressStore

extension ProgressReport {
    /// The readable form: a lesson table, the Matrix nodes, then every attempt.
    func renderText() -> String {
        var lines = ["Learner: \(learner)", "Database: \(database)", ""]
        if lessons.isEmpty {
            lines.append("Lessons: none opened yet")
        } else {
            let rows = lessons.map { row -> [String] in
                let page = row.page.map { page in row.pages.map { "\(page)/\($0)" } ?? "\(page)" } ?? "-"
                let best = row.best.map { "\(JSONText.number($0.score))/\(JSONText.number($0.maxScore))" } ?? "-"
                return [row.id, row.title, row.status, page, best, "\(row.attempts)"]
            }
            lines.append("Lessons")
            lines += TextTable.render(header: ["LESSON", "TITLE", "STATUS", "PAGE", "BEST", "ATTEMPTS"], rows: rows)
        }
        lines.append("")
        if nodes.isEmpty {
            lines.append("Matrix: no node unlocked yet")
        } else {
            let unlockedCount = nodes.filter(\.unlocked).count
            lines.append("Matrix (\(unlockedCount)/\(nodes.count) unlocked)")
            lines += TextTable.render(
                header: ["NODE", "TITLE", "UNLOCKED", "AT", "STILL NEEDS"],
                rows: nodes.map {
                    [
                        $0.id, $0.title, $0.unlocked ? "yes" : "no", $0.unlockedAt.map(ProgressTimestamp.string) ?? "-",
                        $0.needs.map(Self.needsText) ?? "-",
                    ]
                })
        }
        lines.append("")
        lines.append("Labs run: " + (labs.isEmpty ? "none yet" : labs.map(\.id).joined(separator: ", ")))
        for answer in labAnswers {
            lines.append("  after \(answer.scenarioID): Q: \(answer.question)")
            lines.append("    A: \(answer.answer)")
        }
        lines.append("")
        lines += exerciseLines()
        if attempts.isEmpty {
            lines.append("Attempts: none yet")
        } else {
            lines.append("Attempts")
            lines += TextTable.render(
                header: ["QUIZ", "SCORE", "PASSED", "FINISHED"],
                rows: attempts.map {
                    [
                        $0.quizID + (isOnOlderVersion($0) ? " *" : ""),
                        "\(JSONText.number($0.score))/\(JSONText.number($0.maxScore))",
                        $0.passed ? "yes" : "no", ProgressTimestamp.string($0.finishedAt),
                    ]
                })
            if attempts.contains(where: isOnOlderVersion) {
                lines.append("  * taken on an older version of the quiz, which has changed since; unlocks earned stay")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `{"learner", "lessons": [{"id", "status", "page"}], "nodes": [{"id", "unlocked", "unlocked_at", "needs"}],
    /// "attempts": [{"quiz", "score", "max_score", "passed", "finished_at", "quiz_changed"}], "labs": [{"id",
    /// "last_run"}]}`;
    /// `quiz_changed` is true for an attempt taken on an older version of the quiz.
    func renderJSON() -> String {
        let lessonObjects = lessons.map { row in
            JSONText.object([
                ("id", JSONText.string(row.id)),
                ("status", JSONText.string(row.status)),
                ("page", row.page.map(String.init) ?? "null"),
            ])
        }
        let nodeObjects = nodes.map { row in
            JSONText.object(
                [
                    ("id", JSONText.string(row.id)),
                    ("unlocked", row.unlocked ? "true" : "false"),
                    ("unlocked_at", row.unlockedAt.map { JSONText.string(ProgressTimestamp.string($0)) } ?? "null"),
                ] + (row.needs.map { [("needs", Self.needsJSON($0))] } ?? []))
        }
        let attemptObjects = attempts.map { attempt in
            JSONText.object([
                ("quiz", JSONText.string(attempt.quizID)),
                ("score", JSONText.number(attempt.score)),
                ("max_score", JSONText.number(attempt.maxScore)),
                ("passed", attempt.passed ? "true" : "false"),
                ("finished_at", JSONText.string(ProgressTimestamp.string(attempt.finishedAt))),
                ("quiz_changed", isOnOlderVersion(attempt) ? "true" : "false"),
            ])
        }
        let labObjects = labs.map { lab in
            JSONText.object([
                ("id", JSONText.string(lab.id)),
                ("last_run", JSONText.string(ProgressTimestamp.string(lab.lastRun))),
            ])
        }
        return JSONText.object(
            [
                ("learner", JSONText.string(learner)),
                ("lessons", JSONText.array(lessonObjects)),
                ("nodes", JSONText.array(nodeObjects)),
                ("attempts", JSONText.array(attemptObjects)),
                ("labs", JSONText.array(labObjects)),
                (
                    "lab_answers",
                    JSONText.array(
                        labAnswers.map { answer in
                            JSONText.object([
                                ("lab", JSONText.string(answer.scenarioID)),
                                ("question", JSONText.string(answer.question)),
                                ("answer", JSONText.string(answer.answer)),
                                ("answered_at", JSONText.string(ProgressTimestamp.string(answer.answeredAt))),
                            ])
                        })
                ),
            ] + exerciseJSON())
    }

    /// One CSV table with a `kind` column (`lesson`, `node`, `attempt`, `lab`); fields a kind lacks are empty.
    func renderCSV() -> String {
        var rows = [
            ["learner", "kind", "id", "status", "page", "unlocked_at", "score", "max_score", "passed", "finished_at"]
        ]
        for row in lessons {
            rows.append([
                learner, "lesson", row.id, row.status, row.page.map(String.init) ?? "", "",
                row.best.map { JSONText.number($0.score) } ?? "", row.best.map { JSONText.number($0.maxScore) } ?? "",
                "", "",
            ])
        }
        for row in nodes {
            rows.append([
                learner, "node", row.id, row.unlocked ? "unlocked" : "locked", "",
                row.unlockedAt.map(ProgressTimestamp.string) ?? "", "", "", "", "",
            ])
        }
        for attempt in attempts {
            rows.append([
                learner, "attempt", attempt.quizID, "", "", "", JSONText.number(attempt.score),
                JSONText.number(attempt.maxScore), attempt.passed ? "true" : "false",
                ProgressTimestamp.string(attempt.finishedAt),
            ])
        }
        for lab in labs {
            rows.append([learner, "lab", lab.id, "run", "", "", "", "", "", ProgressTimestamp.string(lab.lastRun)])
        }
        for exercise in exercises {
            rows.append([
                learner, "exercise", exercise.id, exercise.status, "", "", "", "",
                exercise.status == "passed" ? "true" : "false",
                exercise.passedAt.map(ProgressTimestamp.string) ?? "",
            ])
        }
        return CSVWriter.render(rows)
    }

    /// "quiz cost-of-every-call; exercise cost-of-a-call; after exact-cache": what a locked node still needs.
    static func needsText(_ needs: NodeNeeds) -> String {
        var parts = needs.quizzes.map { "quiz \($0)" }
        parts += needs.lab.map { ["lab \($0)"] } ?? []
        if !needs.exercises.isEmpty {
            parts.append(
                (needs.exercises.count == 1 ? "exercise " : "exercises ") + needs.exercises.joined(separator: ", "))
        }
        parts += needs.capstones.map { "check \($0)" }
        parts += needs.nodes.isEmpty ? [] : ["after " + needs.nodes.joined(separator: ", ")]
        return parts.isEmpty ? "-" : parts.joined(separator: "; ")
    }

    /// `{"nodes": [...], "quizzes": [...], "lab": "…" or null, "exercises": [...], "capstones": [...]}`.
    static func needsJSON(_ needs: NodeNeeds) -> String {
        JSONText.object([
            ("nodes", JSONText.array(needs.nodes.map(JSONText.string))),
            ("quizzes", JSONText.array(needs.quizzes.map(JSONText.string))),
            ("lab", needs.lab.map(JSONText.string) ?? "null"),
            ("exercises", JSONText.array(needs.exercises.map(JSONText.string))),
            ("capstones", JSONText.array(needs.capstones.map(JSONText.string))),
        ])
    }
}
