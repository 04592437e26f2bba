import CourseKit

extension CheckReport {
    /// The learner's view: per exercise `✓`/`✗` and the test name; for the first failure its inputs, what was
    /// expected, what the code returned and the hint; compiler errors when the build failed.
    public func renderText() -> String {
        var lines: [String] = []
        var detailed = false
        if let failed = exercises.first(where: { $0.buildErrors != nil }), let errors = failed.buildErrors {
            lines.append("✗ the build failed:")
            lines += errors.isEmpty ? ["  (no compiler error was found; run with --verbose for the build log)"] : errors
            return lines.joined(separator: "\n")
        }
        for exercise in exercises {
            if !lines.isEmpty { lines.append("") }
            lines.append("\(exercise.id): \(exercise.title) (\(exercise.file))")
            for test in exercise.tests {
                switch test.status {
                case .passed:
                    lines.append("  ✓ \(test.name)")
                case .notRun:
                    lines.append("  - \(test.name) (not run)")
                case .failed:
                    lines.append("  ✗ \(test.name)")
                    guard let failure = test.failure else { continue }
                    guard !detailed else {
                        lines.append("      \(failure.message)")
                        continue
                    }
                    detailed = true
                    if failure.expected == nil || failure.got == nil || !failure.message.hasPrefix("expected ") {
                        lines.append("      \(failure.message)")
                    }
                    if let inputs = failure.inputs { lines.append("      inputs:   \(inputs)") }
                    if let expected = failure.expected { lines.append("      expected: \(expected)") }
                    if let got = failure.got { lines.append("      got:      \(got)") }
                    lines.append("      hint:     \(failure.hint)")
                }
            }
            lines += exercise.summary.map { "  " + $0 }
            let passed = exercise.tests.filter { $0.status == .passed }.count
            lines.append(
                exercise.passed
                    ? "  passed: all \(exercise.tests.count) tests"
                    : "  \(passed) of \(exercise.tests.count) tests passed")
        }
        return lines.joined(separator: "\n")
    }
}
