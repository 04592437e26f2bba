import Foundation

extension LoadState {
    /// Reads `Exercises/*/exercise.toml`, folder by folder in name order; folders starting with `_` or `.`
    /// (the shared `_harness`) are not exercises.
    mutating func readExercises() {
        let root = url("Exercises")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
        for name in names where !name.hasPrefix("_") && !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            let folder = root.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
            else { continue }
            let relativePath = "Exercises/\(name)/exercise.toml"
            guard let text = readCourseFile(relativePath) else { continue }
            let diagnostics = FileDiagnostics(file: relativePath, text: text)
            fileDiagnostics[relativePath] = diagnostics
            if let exercise = ExerciseParser.parse(
                text: text, directory: folder, relativePath: relativePath, diagnostics: diagnostics)
            {
                exercises.append(exercise)
            }
            findings += diagnostics.findings
        }
    }
}

extension CourseChecks {
    /// Duplicate exercise ids, an exercise's lesson, and the exercises Matrix nodes and lesson pages name.
    mutating func checkExercises() {
        var seen: [String: String] = [:]
        for exercise in course.exercises {
            if let other = seen[exercise.id] {
                report(
                    "duplicate-id", "duplicate exercise id `\(exercise.id)` (also in \(other))",
                    file: exercise.relativePath, at: "id")
            } else {
                seen[exercise.id] = exercise.relativePath
            }
            if let capstone = exercise.capstone, let knownScenarios, !knownScenarios.contains(capstone.scenario) {
                report(
                    "unknown-scenario", "exercise `\(exercise.id)`: scenario `\(capstone.scenario)` does not exist",
                    file: exercise.relativePath, at: "capstone.scenario")
            }
            if course.lesson(id: exercise.lesson) == nil {
                report(
                    "dangling-reference", "exercise `\(exercise.id)`: lesson `\(exercise.lesson)` does not exist",
                    file: exercise.relativePath, at: "lesson")
            }
        }
        for (node, path) in zip(course.matrix.nodes, state.manifest.nodePaths) {
            for id in node.exercises where course.exercise(id: id) == nil {
                report(
                    "dangling-reference", "node `\(node.id)`: exercise `\(id)` does not exist",
                    file: LoadState.manifestPath, at: path + ".exercise")
            }
        }
        for lesson in course.lessons {
            for directive in lesson.pages.flatMap(\.exercises) where course.exercise(id: directive.exerciseID) == nil {
                report(
                    "dangling-reference",
                    "`{{#exercise \(directive.exerciseID)}}`: exercise `\(directive.exerciseID)` does not exist",
                    file: lesson.relativePath, line: directive.line, column: directive.column)
            }
        }
    }
}
