import CourseKit
import CourseProgress
import JSONText
import ProgressStore
import Terminal

extension ProgressReport {
    /// The exercises table and the workspace path; nothing for a course without exercises and no workspace.
    func exerciseLines() -> [String] {
        guard !exercises.isEmpty || workspace != nil else { return [] }
        let passed = exercises.filter { $0.status == "passed" }.count
        var lines = [exercises.isEmpty ? "Exercises" : "Exercises (\(passed)/\(exercises.count) passed)"]
        lines += TextTable.render(
            header: ["EXERCISE", "STATUS", "PASSED AT"],
            rows: exercises.map { [$0.id, $0.status, $0.passedAt.map(ProgressTimestamp.string) ?? "-"] })
        lines.append("Workspace: \(workspace ?? "none yet (archlab exercise start)")")
        lines.append("")
        return lines
    }

    /// `"exercises": [{"id", "status", "passed_at"}]` and `"workspace"`, only when there is something to say.
    func exerciseJSON() -> [(String, String)] {
        guard !exercises.isEmpty || workspace != nil else { return [] }
        let objects = exercises.map { exercise in
            JSONText.object([
                ("id", JSONText.string(exercise.id)),
                ("status", JSONText.string(exercise.status)),
                ("passed_at", exercise.passedAt.map { JSONText.string(ProgressTimestamp.string($0)) } ?? "null"),
            ])
        }
        return [("exercises", JSONText.array(objects)), ("workspace", workspace.map(JSONText.string) ?? "null")]
    }
}
