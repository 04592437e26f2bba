import CourseKit
import Foundation
import JSONText

extension CheckReport {
    /// One JSON document:
    /// `{"passed", "exercises": [{"id", "title", "file", "passed", "build_errors", "tests": [...]}]}`.
    public func renderJSON() -> String {
        let items = exercises.map { exercise -> String in
            let tests = exercise.tests.map { test -> String in
                var pairs: [(String, String)] = [
                    ("name", JSONText.string(test.name)), ("status", JSONText.string(test.status.rawValue)),
                ]
                if let failure = test.failure {
                    pairs.append(("message", JSONText.string(failure.message)))
                    pairs.append(("inputs", failure.inputs.map(JSONText.string) ?? "null"))
                    pairs.append(("expected", failure.expected.map(JSONText.string) ?? "null"))
                    pairs.append(("got", failure.got.map(JSONText.string) ?? "null"))
                    pairs.append(("hint", JSONText.string(failure.hint)))
                }
                return JSONText.object(pairs)
            }
            return JSONText.object([
                ("id", JSONText.string(exercise.id)), ("title", JSONText.string(exercise.title)),
                ("file", JSONText.string(exercise.file)), ("passed", exercise.passed ? "true" : "false"),
                ("build_errors", exercise.buildErrors.map { JSONText.array($0.map(JSONText.string)) } ?? "null"),
                ("tests", JSONText.array(tests)), ("summary", JSONText.array(exercise.summary.map(JSONText.string))),
            ])
        }
        return JSONText.object([("passed", passed ? "true" : "false"), ("exercises", JSONText.array(items))])
    }

    /// TAP version 13: one test point per test, a YAML block for a failed one, a build failure as one failed point.
    public func renderTAP() -> String {
        let count = exercises.reduce(0) { $0 + ($1.buildErrors != nil ? 1 : $1.tests.count) }
        var lines = ["TAP version 13", "1..\(count)"]
        var number = 0
        for exercise in exercises {
            lines.append("# \(exercise.id): \(exercise.passed ? "passed" : "failed")")
            lines += exercise.summary.map { "# " + $0 }
            if let errors = exercise.buildErrors {
                number += 1
                lines += [
                    "not ok \(number) - \(exercise.id) build", "  ---",
                    "  message: \(JSONText.string(errors.first ?? "the build failed"))", "  ...",
                ]
                continue
            }
            for test in exercise.tests {
                number += 1
                switch test.status {
                case .passed: lines.append("ok \(number) - \(exercise.id): \(test.name)")
                case .notRun: lines.append("ok \(number) - \(exercise.id): \(test.name) # SKIP not run")
                case .failed:
                    lines += [
                        "not ok \(number) - \(exercise.id): \(test.name)", "  ---",
                        "  message: \(JSONText.string(test.failure?.message ?? "failed"))", "  ...",
                    ]
                }
            }
        }
        let passedCount = exercises.filter(\.passed).count
        lines.append("# \(passedCount) of \(exercises.count) exercises passed")
        return lines.joined(separator: "\n")
    }

    /// JUnit XML: one `<testsuite>` per exercise, one `<testcase>` per test; a build failure is one `<error>`.
    public func renderJUnit() -> String {
        let tests = exercises.reduce(0) { $0 + ($1.buildErrors != nil ? 1 : $1.tests.count) }
        let failures = exercises.reduce(0) { $0 + $1.tests.filter { $0.status == .failed }.count }
        let errors = exercises.filter { $0.buildErrors != nil }.count
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<testsuites name=\"archlab check\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\">",
        ]
        for exercise in exercises {
            let suiteFailures = exercise.tests.filter { $0.status == .failed }.count
            let skipped = exercise.tests.filter { $0.status == .notRun }.count
            let suiteTests = exercise.buildErrors != nil ? 1 : exercise.tests.count
            lines.append(
                """
                      <testsuite name=\(XMLText.attribute(exercise.id)) tests=\"\(suiteTests)\" \
                    failures=\"\(suiteFailures)\" 
                    """
                    + "errors=\"\(exercise.buildErrors != nil ? 1 : 0)\" skipped=\"\(skipped)\">")
            lines.append("    <properties>")
            for (name, value) in [
                ("exercise", exercise.id), ("title", exercise.title), ("file", exercise.file),
                ("file_sha256", exercise.fileHash), ("passed", exercise.passed ? "true" : "false"),
            ] {
                lines.append("      <property name=\"\(name)\" value=\(XMLText.attribute(value))/>")
            }
            lines.append("    </properties>")
            if let buildErrors = exercise.buildErrors {
                let text = buildErrors.joined(separator: "\n")
                lines.append("    <testcase name=\"build\" classname=\(XMLText.attribute(exercise.id))>")
                lines.append("      <error message=\"the build failed\" type=\"build\">\(XMLText.escape(text))</error>")
                lines.append("    </testcase>")
            }
            for test in exercise.tests {
                let open =
                    "    <testcase name=\(XMLText.attribute(test.name)) classname=\(XMLText.attribute(exercise.id))"
                switch test.status {
                case .passed: lines.append(open + "/>")
                case .notRun:
                    lines += [open + ">", "      <skipped message=\"not run\"/>", "    </testcase>"]
                case .failed:
                    let failure = test.failure
                    let body = [
                        failure?.inputs.map { "inputs: \($0)" }, failure?.expected.map { "expected: \($0)" },
                        failure?.got.map { "got: \($0)" }, failure.map { "hint: \($0.hint)" },
                    ].compactMap { $0 }
                    lines += [
                        open + ">",
                        "      <failure message=\(XMLText.attribute(failure?.message ?? "failed")) type=\"failed\">"
                            + "\(XMLText.escape(body.joined(separator: "\n")))</failure>",
                        "    </testcase>",
                    ]
                }
            }
            if !exercise.summary.isEmpty {
                lines.append("    <system-out>\(XMLText.escape(exercise.summary.joined(separator: "\n")))</system-out>")
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n")
    }
}
