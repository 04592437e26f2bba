import CourseKit
import Foundation

/// `archlab exercise verify`: every exercise's starter builds and fails at least one test, and its solution passes
/// every test. Both run in one temporary workspace holding every exercise (one cold build, one incremental).
public enum ExerciseVerifier {
    /// What is wrong with each exercise, by id, in course order; an exercise with no entry is fine.
    public static func verify(
        _ course: Course, scratch: URL
    ) async throws(ExerciseError) -> [(
        id: String, problems: [String]
    )] {
        let workspace = Workspace(root: scratch.appendingPathComponent("verify-workspace"))
        for exercise in course.exercises {
            try ExerciseChecker.validate(exercise)
            _ = try workspace.start(exercise, course: course)
        }
        let checker = ExerciseChecker(workspace: workspace)
        var problems: [String: [String]] = [:]
        let starters = try await checker.check(course.exercises)
        for report in starters.exercises {
            if let errors = report.buildErrors {
                problems[report.id, default: []].append("the starters do not build: \(errors.first ?? "see --verbose")")
            } else if report.passed {
                problems[report.id, default: []].append(
                    "the starter passes every test (an exercise must fail unsolved)")
            }
        }
        for exercise in course.exercises where !exercise.isCapstone {
            do {
                let target = workspace.learnerFile(exercise)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: exercise.solutionFile, to: target)
            } catch {
                throw .io(exercise.solutionFile.path, "cannot copy the solution: \(error.localizedDescription)")
            }
        }
        let solutions = try await checker.check(course.exercises)
        for report in solutions.exercises where !report.passed {
            problems[report.id, default: []].append(
                "the solution does not pass: \(report.buildErrors?.first ?? report.failureSummary ?? "failed")")
        }
        return course.exercises.map { ($0.id, problems[$0.id] ?? []) }
    }
}
