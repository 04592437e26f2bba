import CourseKit
import Foundation
import Labs

/// Runs `archlab check`: builds the workspace, then runs each exercise's named cases and seeded random blocks
/// through the harness, comparing with explicit expectations or in-process references.
public struct ExerciseChecker: Sendable {
    public let workspace: Workspace
    /// Seconds each test may take (at most 10).
    public let timeLimit: Int
    /// A Redis to use instead of the in-process server (`redis://127.0.0.1:6379/15`); it is flushed before each test.
    public let redisURL: String?

    public init(workspace: Workspace, timeLimit: Int = 10, redisURL: String? = nil) {
        self.workspace = workspace
        self.timeLimit = max(1, min(10, timeLimit))
        self.redisURL = redisURL
    }

    /// Checks that every reference and generator an exercise names exists.
    public static func validate(_ exercise: Exercise) throws(ExerciseError) {
        if let capstone = exercise.capstone, !ScenarioCatalog.ids.contains(capstone.scenario) {
            throw .capstone(
                "\(exercise.relativePath): unknown scenario `\(capstone.scenario)` "
                    + "(known: \(ScenarioCatalog.ids.joined(separator: ", ")))")
        }
        for test in exercise.cases {
            for step in test.steps {
                if let reference = step.reference, reference != SolutionReference.name,
                    ExerciseReferences.make(reference) == nil
                {
                    throw .unknownReference(reference, file: exercise.relativePath, line: test.line)
                }
            }
            if let redis = test.redis, ExerciseReferences.make(redis.keyReference) == nil {
                throw .unknownReference(redis.keyReference, file: exercise.relativePath, line: test.line)
            }
        }
        for block in exercise.randoms {
            if block.reference != SolutionReference.name, ExerciseReferences.make(block.reference) == nil {
                throw .unknownReference(block.reference, file: exercise.relativePath, line: block.line)
            }
            if !ExerciseGenerators.names.contains(block.generator) {
                throw .unknownGenerator(block.generator, file: exercise.relativePath, line: block.line)
            }
        }
    }

    /// Builds the workspace and runs the exercises' tests. The harness has exited when this returns. `started`
    /// (default: `exercises`) is every exercise started in the workspace, which a `solution` reference needs.
    public func check(_ exercises: [Exercise], started: [Exercise]? = nil) async throws(ExerciseError) -> CheckReport {
        for exercise in exercises { try Self.validate(exercise) }
        // The capstone's "file" is every learner file: its hash is that of their names and hashes.
        let hashes = exercises.map { exercise in
            exercise.isCapstone
                ? Workspace.sha256(Data(WorkspaceBuilder.learnerSources(workspace).fingerprint.utf8))
                : Workspace.fileHash(workspace.learnerFile(exercise)) ?? ""
        }
        let build = try WorkspaceBuilder.build(workspace)
        guard build.succeeded else {
            let reports = zip(exercises, hashes).map { exercise, hash in
                ExerciseReport(
                    id: exercise.id, title: exercise.title, file: Self.shownFile(exercise), fileHash: hash,
                    buildErrors: build.errors, tests: [])
            }
            return CheckReport(exercises: reports, buildLog: build.log)
        }
        let redis = try await CheckRedis.start(url: redisURL)
        var reports: [ExerciseReport] = []
        let started = started ?? exercises
        for (exercise, hash) in zip(exercises, hashes) {
            var summary: [String] = []
            var tests: [TestResult]
            if let capstone = exercise.capstone {
                let outcome = try await runCapstone(capstone, exercise: exercise, redis: redis)
                tests = outcome.tests
                summary = outcome.summary
            } else {
                tests = try await run(exercise, redis: redis, started: started)
            }
            reports.append(
                ExerciseReport(
                    id: exercise.id, title: exercise.title, file: Self.shownFile(exercise), fileHash: hash,
                    buildErrors: nil, tests: tests, summary: summary))
        }
        await redis.stop()
        return CheckReport(exercises: reports, buildLog: build.log)
    }

    /// The learner's file, or for the capstone every file of theirs.
    static func shownFile(_ exercise: Exercise) -> String {
        exercise.isCapstone ? Workspace.learnerFolder + "/*.swift" : Workspace.learnerFolder + "/" + exercise.file
    }

    /// The capstone: ArchLab's gateway over the scenario's traffic, then the learner's, request by request.
    private func runCapstone(
        _ spec: CapstoneSpec, exercise: Exercise, redis: CheckRedis
    ) async throws(ExerciseError) -> CapstoneRun.Outcome {
        let plan = try await CapstoneRun.plan(spec)
        try await redis.flush()
        let executable = workspace.root.appendingPathComponent(".build/debug/Harness")
        let harness = try HarnessProcess(executable: executable, redisAddress: redis.address)
        defer { harness.close() }
        let hint = exercise.hints.first ?? ""
        return CapstoneRun(spec: spec, hint: hint, timeLimit: timeLimit).run(harness: harness, plan: plan)
    }

    private func run(
        _ exercise: Exercise, redis: CheckRedis, started: [Exercise]
    ) async throws(ExerciseError) -> [TestResult] {
        var solution: SolutionReference?
        if SolutionReference.isUsed(by: exercise) {
            solution = try SolutionReference.start(
                workspace: workspace, started: started, redisAddress: redis.address, timeLimit: timeLimit)
        }
        defer { solution?.close() }
        let executable = workspace.root.appendingPathComponent(".build/debug/Harness")
        let harness = try HarnessProcess(executable: executable, redisAddress: redis.address)
        defer { harness.close() }
        var results: [TestResult] = []
        var stopped = false
        var runner = TestRunner(harness: harness, redis: redis, timeLimit: timeLimit, solution: solution)
        for test in exercise.cases {
            guard !stopped else {
                results.append(TestResult(name: test.name, status: .notRun, failure: nil))
                continue
            }
            let result = try await runner.run(test)
            stopped = !harness.isRunning
            results.append(result)
        }
        for block in exercise.randoms {
            guard !stopped else {
                results.append(TestResult(name: block.name, status: .notRun, failure: nil))
                continue
            }
            let result = try await runner.run(block)
            stopped = !harness.isRunning
            results.append(result)
        }
        return results
    }
}
