import ArchLabTesting
import CourseKit
import Foundation
import LabCommands
import ProgressStore
import REPL
import Terminal
import TestSupport
import XCTest

/// A lab's report ends with the course's question (`[[lab]]`): an interactive session reads the answer and
/// records it with the run (not graded); a non-interactive one only prints the question.
final class LabQuestionTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("lab-question-\(UUID().uuidString)")
        let course = directory.appendingPathComponent("course")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try SharedFixtures.url("lab-course"), to: course)
        let manifest = course.appendingPathComponent("Lessons/course.toml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try (text + "\n[[lab]]\nscenario = \"exact-cache\"\nquestion = \"Which requests still reached the model?\"\n")
            .write(to: manifest, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func session(_ inputs: [String], interactive: Bool) throws -> (ReplSession, BufferReplOutput) {
        let course = try CourseLoader.load(directory: directory.appendingPathComponent("course")).course
        let store = try ProgressStore(path: directory.appendingPathComponent("progress.sqlite").path)
        let output = BufferReplOutput()
        let configuration = ReplConfiguration(
            course: course, store: store, learnerName: "ada", painter: .plain, width: 80, seed: 7)
        let context = LabContext(modelName: "lexical", environment: [:], interrupted: { false })
        let session = try ReplSession(
            configuration: configuration, editor: ScriptedLineEditor(lines: inputs, interactive: interactive),
            output: output, additionalCommands: LabCommands.all(context))
        return (session, output)
    }

    func testAnInteractiveRunAsksTheQuestionAfterTheReportAndRecordsTheAnswer() async throws {
        let (session, output) = try session(["The one-off questions."], interactive: true)
        let result = await session.execute("run exact-cache requests=100")
        XCTAssertEqual(result, .succeeded)
        let text = output.lines.joined(separator: "\n")
        let report = try XCTUnwrap(text.range(of: "Requests"), text)
        let question = try XCTUnwrap(text.range(of: "Question: Which requests still reached the model?"), text)
        XCTAssertLessThan(report.lowerBound, question.lowerBound, "the question comes after the report")
        XCTAssertTrue(text.contains("Answer recorded, not graded"), text)
        let ada = try XCTUnwrap(try session.store.learner(named: "ada"))
        let answers = try session.store.labAnswers(learner: ada)
        XCTAssertEqual(answers.map(\.answer), ["The one-off questions."])
        XCTAssertEqual(answers.first?.question, "Which requests still reached the model?")
        XCTAssertEqual(answers.first?.scenarioID, "exact-cache")

        _ = await session.execute("progress")
        let progress = output.lines.joined(separator: "\n")
        XCTAssertTrue(progress.contains("After `exact-cache` you answered: \"The one-off questions.\""), progress)
    }

    func testAnEmptyAnswerRecordsTheRunButNoAnswer() async throws {
        let (session, output) = try session([""], interactive: true)
        _ = await session.execute("run exact-cache requests=100")
        XCTAssertTrue(output.lines.contains("No answer recorded."), output.lines.joined(separator: "\n"))
        let ada = try XCTUnwrap(try session.store.learner(named: "ada"))
        XCTAssertEqual(try session.store.labRuns(learner: ada).count, 1)
        XCTAssertEqual(try session.store.labAnswers(learner: ada), [])
    }

    func testANonInteractiveRunPrintsTheQuestionOnlyAndReadsNothing() async throws {
        let (session, output) = try session(["not an answer"], interactive: false)
        _ = await session.execute("run exact-cache requests=100")
        let text = output.lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("Question: Which requests still reached the model?"), text)
        XCTAssertFalse(text.contains("Answer recorded"), text)
        let ada = try XCTUnwrap(try session.store.learner(named: "ada"))
        XCTAssertEqual(try session.store.labAnswers(learner: ada), [])
        XCTAssertEqual(try session.store.labRuns(learner: ada).count, 1)
        let scenarios = try session.store.labRuns(learner: ada).map(\.scenarioID)
        XCTAssertEqual(scenarios, ["exact-cache"])
    }
}
