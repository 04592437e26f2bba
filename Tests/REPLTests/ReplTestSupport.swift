import ArchLabTesting
import Clocks
import CourseKit
import Foundation
import ProgressStore
import REPL
import SeededRandom
import Terminal
import TestSupport
import XCTest

/// A fixture course, a temporary database and helpers to drive sessions with scripted input.
final class ReplHarness {
    let course: Course
    let databasePath: String
    let store: ProgressStore
    let seed: UInt64 = 42
    /// The clock of the store and of every session (the system clock unless a test moves its own).
    let clock: any WallClock
    private let directory: URL

    /// `extraFiles` (course-relative path → text) are written into a copy of the fixture course first.
    init(clock: any WallClock = SystemClock(), extraFiles: [String: String] = [:]) throws {
        let fixture = try SharedFixtures.url("lab-course")
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("repl-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if extraFiles.isEmpty {
            course = try CourseLoader.load(directory: fixture).course
        } else {
            let copy = directory.appendingPathComponent("course")
            try FileManager.default.copyItem(at: fixture, to: copy)
            for (path, text) in extraFiles {
                try Data(text.utf8).write(to: copy.appendingPathComponent(path))
            }
            course = try CourseLoader.load(directory: copy).course
        }
        databasePath = directory.appendingPathComponent("progress.sqlite").path
        self.clock = clock
        store = try ProgressStore(path: databasePath, clock: clock)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A session for `learner` reading `inputs`; its output collects in the returned buffer.
    func session(
        _ inputs: [LineInput], learner: String = "ada", interactive: Bool = false,
        extra: [ReplCommand] = [], width: Int = 80
    ) throws -> (ReplSession, BufferReplOutput, ScriptedLineEditor) {
        let output = BufferReplOutput()
        let editor = ScriptedLineEditor(inputs, interactive: interactive)
        let configuration = ReplConfiguration(
            course: course, store: store, learnerName: learner,
            painter: .plain, width: width, seed: seed, clock: clock)
        let session = try ReplSession(
            configuration: configuration, editor: editor, output: output, additionalCommands: extra)
        return (session, output, editor)
    }

    /// Runs a whole session over `lines` and returns its output and exit status.
    func run(
        _ lines: [String], learner: String = "ada", width: Int = 80
    ) async throws -> (text: String, status: Int32, editor: ScriptedLineEditor) {
        let (session, output, editor) = try session(lines.map(LineInput.line), learner: learner, width: width)
        let status = await session.run()
        return (output.text, status, editor)
    }

    /// The seed of the `attempt`-th quiz attempt (1-based) in a fresh session.
    func attemptSeed(_ attempt: Int) -> UInt64 {
        var generator = SplitMix64(seed: seed)
        var value: UInt64 = 0
        for _ in 0..<attempt { value = generator.next() }
        return value
    }

    /// What to type for a correct (or deliberately wrong) answer to `question` shown with `seed`.
    func typed(_ question: Question, seed: UInt64, correct: Bool = true) -> String {
        switch question.kind {
        case .single, .multiple:
            let shown = question.displayOptions(seed: seed)
            let keys = Set(question.options.filter { $0.correct == correct }.map(\.key))
            let labels = shown.filter { keys.contains($0.key) }.map(\.label)
            return (question.kind == .single ? Array(labels.prefix(1)) : labels).joined(separator: " ")
        case .order:
            let shown = question.displayItems(seed: seed)
            let keys = correct ? question.items.map(\.key) : shown.map(\.key)
            return keys.compactMap { key in shown.first { $0.key == key }?.label }.joined(separator: " ")
        case .short:
            return correct ? (question.accept.first ?? "") : "no idea"
        case .numeric:
            let value = (question.answer ?? 0) + (correct ? 0 : 1000)
            return "\(value)" + (question.unit.map { " \($0)" } ?? "")
        }
    }

    /// Typed answers for every question of `quizID` in attempt number `attempt`.
    func answers(_ quizID: String, attempt: Int, correct: Bool = true) -> [String] {
        guard let quiz = course.quiz(id: quizID) else { return [] }
        return quiz.questions.map { typed($0, seed: attemptSeed(attempt), correct: correct) }
    }
}
