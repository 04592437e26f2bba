import CourseKit
import Foundation

/// `reference = "solution"`: the exercise's own `solution/` files, built into a package of their own (with the same
/// provided harness) and driven through the same protocol, for exercises with no in-process reference in ArchLab.
/// The package lives in the user's cache folder, keyed by the course and the exercises, so it is built once.
final class SolutionReference: ExerciseReference {
    private let harness: HarnessProcess
    private let timeLimit: Int

    private init(harness: HarnessProcess, timeLimit: Int) {
        self.harness = harness
        self.timeLimit = timeLimit
    }

    /// True when a test of the exercise names the `solution` reference.
    static func isUsed(by exercise: Exercise) -> Bool {
        exercise.randoms.contains { $0.reference == name }
            || exercise.cases.contains { test in test.steps.contains { $0.reference == name } }
    }

    static let name = "solution"

    /// Builds (or reuses) the solution package for the workspace's started exercises and starts its harness.
    static func start(
        workspace: Workspace, started: [Exercise], redisAddress: String?, timeLimit: Int
    ) throws(ExerciseError) -> SolutionReference {
        let solution = try package(for: workspace, started: started)
        let build = try WorkspaceBuilder.build(solution)
        guard build.succeeded else {
            throw .io(solution.root.path, "the reference solution does not build: \(build.errors.first ?? build.log)")
        }
        let harness = try HarnessProcess(
            executable: solution.root.appendingPathComponent(".build/debug/Harness"), redisAddress: redisAddress)
        return SolutionReference(harness: harness, timeLimit: timeLimit)
    }

    /// A copy of the workspace's provided files with every started exercise's solution as the learner's file.
    private static func package(for workspace: Workspace, started: [Exercise]) throws(ExerciseError) -> Workspace {
        let manifest = try workspace.manifest()
        let key = Workspace.sha256(
            Data(
                (manifest.provided.sorted { $0.key < $1.key }.map { $0.key + $0.value }
                    + started.filter { !$0.isCapstone }.map {
                        $0.solutionFile.path + (Workspace.fileHash($0.solutionFile) ?? "")
                    }).joined().utf8)
        )
        let cache =
            ProcessInfo.processInfo.environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        let root = cache.appendingPathComponent("archlab/solutions").appendingPathComponent(String(key.prefix(16)))
        let manager = FileManager.default
        do {
            for path in manifest.provided.keys {
                let target = root.appendingPathComponent(path)
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? manager.removeItem(at: target)
                try manager.copyItem(at: workspace.root.appendingPathComponent(path), to: target)
            }
            let learner = root.appendingPathComponent(Workspace.learnerFolder)
            try manager.createDirectory(at: learner, withIntermediateDirectories: true)
            for exercise in started where !exercise.isCapstone {
                let target = learner.appendingPathComponent(exercise.file)
                try? manager.removeItem(at: target)
                try manager.copyItem(at: exercise.solutionFile, to: target)
            }
        } catch {
            throw .io(root.path, "cannot prepare the reference solution: \(error.localizedDescription)")
        }
        return Workspace(root: root)
    }

    /// Starts the solution's adapters afresh, as the learner's are before each test.
    func reset(deadline: Date) throws(ReferenceError) {
        _ = try expected(call: "harness.reset", args: [:], deadline: deadline)
    }

    func expected(call: String, args: [String: ExerciseValue]) throws(ReferenceError) -> ExerciseValue {
        try expected(call: call, args: args, deadline: Date().addingTimeInterval(TimeInterval(timeLimit)))
    }

    private func expected(
        call: String, args: [String: ExerciseValue], deadline: Date
    ) throws(ReferenceError)
        -> ExerciseValue
    {
        switch harness.call(call, args: args, deadline: deadline) {
        case .ok(let value): return value
        case .error(let message): throw ReferenceError(description: "the reference solution threw: \(message)")
        case .timedOut: throw ReferenceError(description: "the reference solution timed out")
        case .ended(let crash): throw ReferenceError(description: "the reference solution: \(crash.summary)")
        }
    }

    func close() {
        harness.close()
    }
}
