import Foundation
import TestSupport
import XCTest

/// One learner workspace shared by the exercise end-to-end tests of a process, so the learner's package is built
/// cold once: each test writes the learner's file it needs, and the builds after the first are incremental.
final class ExerciseWorkspaceFixture: @unchecked Sendable {
    static let shared = ExerciseWorkspaceFixture()

    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("exercise-e2e-\(UUID().uuidString)")
    var workspace: URL { scratch.appendingPathComponent("server-swift") }
    var database: String { scratch.appendingPathComponent("progress.sqlite").path }
    var course: URL { ArchLabRunner.packageRoot }
    private let lock = NSLock()
    private var started = false

    /// The learner's exact-cache file in the workspace.
    var exactCacheFile: URL { workspace.appendingPathComponent("Sources/ServerSwift/ExactCache.swift") }

    /// Runs archlab for learner `ada` with this fixture's database and course, in the scratch folder.
    func run(_ arguments: [String], learner: String = "ada") throws -> ProcessOutput {
        try ArchLabRunner.run(
            arguments + ["--course", course.path, "--db", database, "--learner", learner], in: scratch)
    }

    /// Creates the scratch folder and starts the exact-cache exercise once.
    func ensureStarted() throws {
        lock.lock()
        defer { lock.unlock() }
        try XCTSkipIf(findExecutable("swift") == nil, "no swift on PATH")
        guard !started else { return }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let result = try run(["exercise", "start", "exact-cache"])
        XCTAssertEqual(result.status, 0, result.stderr)
        started = true
    }

    /// Removes the scratch folder (a test class's `tearDown`); the next `ensureStarted` makes a new workspace.
    func remove() {
        lock.lock()
        defer { lock.unlock() }
        try? FileManager.default.removeItem(at: scratch)
        started = false
    }

    /// A file of the shipped exercise (`solution/ExactCache.swift`).
    func courseFile(_ path: String) throws -> String {
        try String(contentsOf: course.appendingPathComponent("Exercises/02-exact-cache/" + path), encoding: .utf8)
    }

    /// Writes the learner's exact-cache file.
    func writeLearnerFile(_ text: String) throws {
        try text.write(to: exactCacheFile, atomically: false, encoding: .utf8)
    }
}
