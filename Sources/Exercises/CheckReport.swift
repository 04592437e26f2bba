import CourseKit

/// One test of an exercise as it ran.
public struct TestResult: Sendable, Hashable {
    public enum Status: String, Sendable {
        case passed, failed
        case notRun = "not-run"
    }

    public let name: String
    public let status: Status
    /// Why it failed, for a failed test.
    public let failure: TestFailure?
}

/// What a learner needs to fix a failed test.
public struct TestFailure: Sendable, Hashable {
    /// One line: `expected {…}, got {…}`, `timed out after 2 s`, `the harness crashed …`.
    public let message: String
    /// The call and arguments of the failing step, as JSON.
    public let inputs: String?
    public let expected: String?
    public let got: String?
    /// The case's hint.
    public let hint: String
}

/// One exercise's result in a check.
public struct ExerciseReport: Sendable, Hashable {
    public let id: String
    public let title: String
    /// The learner's file, relative to the workspace.
    public let file: String
    /// SHA-256 of the learner's file as checked.
    public let fileHash: String
    /// Compiler errors when the build failed (the tests then did not run).
    public let buildErrors: [String]?
    public let tests: [TestResult]
    /// Lines shown under the tests (the capstone's cost against the baseline).
    public let summary: [String]

    public init(
        id: String, title: String, file: String, fileHash: String, buildErrors: [String]?, tests: [TestResult],
        summary: [String] = []
    ) {
        self.id = id
        self.title = title
        self.file = file
        self.fileHash = fileHash
        self.buildErrors = buildErrors
        self.tests = tests
        self.summary = summary
    }

    /// True when the build succeeded and every test passed.
    public var passed: Bool { buildErrors == nil && !tests.isEmpty && tests.allSatisfy { $0.status == .passed } }

    /// The first failure in one line (what the progress store keeps), nil for a pass.
    public var failureSummary: String? {
        if buildErrors != nil { return "build failed" }
        guard let failed = tests.first(where: { $0.status == .failed }) else { return passed ? nil : "no test ran" }
        return "\(failed.name): \(failed.failure?.message ?? "failed")"
    }
}

/// Every exercise checked in one `archlab check`.
public struct CheckReport: Sendable, Hashable {
    public let exercises: [ExerciseReport]
    /// The build log, kept for `--verbose`.
    public let buildLog: String

    public var passed: Bool { !exercises.isEmpty && exercises.allSatisfy(\.passed) }
}
