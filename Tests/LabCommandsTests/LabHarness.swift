import ArchLabTesting
import CourseKit
import Foundation
import LabCommands
import ProgressStore
import REPL
import Terminal
import TestSupport
import XCTest

/// A fixture course whose lessons name real scenarios, a temporary database, and a session with the
/// lab commands registered (lexical embedder, so no model is needed).
final class LabHarness {
    let course: Course
    let store: ProgressStore
    let context: LabContext
    private let directory: URL

    /// `interrupted` stands in for Ctrl-C: the lab commands poll it.
    init(interrupted: @escaping @Sendable () -> Bool = { false }) throws {
        let fixture = try SharedFixtures.url("lab-course")
        course = try CourseLoader.load(directory: fixture).course
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("lab-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try ProgressStore(path: directory.appendingPathComponent("progress.sqlite").path)
        context = LabContext(modelName: "lexical", environment: [:], interrupted: interrupted)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Stops the servers the lab commands started; tests that start one call it before they end.
    func shutdown() async {
        await context.shutdown()
    }

    /// A session for `ada` with the lab commands.
    func session() throws -> (ReplSession, BufferReplOutput) {
        let output = BufferReplOutput()
        let configuration = ReplConfiguration(
            course: course, store: store, learnerName: "ada", painter: .plain, width: 80, seed: 7)
        let session = try ReplSession(
            configuration: configuration, editor: ScriptedLineEditor([], interactive: false),
            output: output, additionalCommands: LabCommands.all(context))
        return (session, output)
    }

    /// Records passed attempts of these quizzes, unlocking what they unlock (as the quiz flow would).
    func pass(_ quizIDs: [String]) throws {
        let learner = try store.ensureLearner("ada")
        var passed = try store.passedQuizIDs(learner: learner)
        for id in quizIDs {
            passed.insert(id)
            let unlocking = course.unlockedNodes(passedQuizzes: passed, ranLabs: try store.ranLabIDs(learner: learner))
            _ = try store.recordAttempt(
                learner: learner,
                FinishedAttempt(
                    quizID: id, contentHash: "fixture", startedAt: Date(), score: 1, maxScore: 1, passed: true,
                    answers: []),
                unlocking: unlocking)
        }
    }

    /// Runs `line` and returns what it printed (errors prefixed `! `) and its result.
    func run(
        _ session: ReplSession, _ output: BufferReplOutput, _ line: String
    ) async -> (text: String, result: CommandResult) {
        let before = output.lines.count
        let result = await session.execute(line)
        return (output.lines[before...].joined(separator: "\n"), result)
    }
}
