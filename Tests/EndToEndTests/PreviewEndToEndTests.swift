import CourseKit
import Foundation
import XCTest

/// `archlab preview` prints what the REPL prints for the same page or question, and opens no progress database.
final class PreviewEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "preview-e2e" }

    private var course: Course {
        get throws { try CourseLoader.load(directory: ArchLabRunner.packageRoot).course }
    }

    private func repl(_ lines: [String], database: String) throws -> ArchLabRunner.Output {
        try ReplProcess.run(
            [
                "--course", ArchLabRunner.packageRoot.path, "--db", scratch.appendingPathComponent(database).path,
                "--learner", "ada", "--seed", "7",
            ],
            input: lines.map { $0 + "\n" }.joined(), environment: ["XDG_STATE_HOME": scratch.path])
    }

    private func preview(_ arguments: [String]) throws -> ArchLabRunner.Output {
        try ArchLabRunner.run(
            ["preview", "--course", ArchLabRunner.packageRoot.path] + arguments, in: scratch,
            environment: [
                "XDG_DATA_HOME": scratch.path, "ARCHLAB_DB": scratch.appendingPathComponent("no.sqlite").path,
            ])
    }

    /// The REPL's output for `commands` without its start screen (what a session with no commands prints).
    private func screen(after commands: [String]) throws -> String {
        let start = try repl([], database: "start.sqlite")
        let session = try repl(commands, database: "session.sqlite")
        XCTAssertEqual(session.status, 0, session.stderr)
        XCTAssertTrue(session.stdout.hasPrefix(start.stdout), session.stdout)
        return String(session.stdout.dropFirst(start.stdout.count))
    }

    func testOnePageEqualsTheREPLsScreenByteForByte() throws {
        let shown = try screen(after: ["open 1", "page 2"])
        let first = try preview(["1", "--page", "1"])
        let second = try preview(["cost-of-every-call", "--page", "2"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(first.stdout + second.stdout, shown)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("no.sqlite").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("archlab").path))
    }

    func testAWholeLessonEqualsPagingThroughItInTheREPL() throws {
        let lesson = try XCTUnwrap(try course.lesson(number: 1))
        let commands = ["open 1"] + (1..<lesson.pages.count).map { "page \($0 + 1)" }
        let shown = try screen(after: commands)
        let previewed = try preview(["1"])
        XCTAssertEqual(previewed.status, 0, previewed.stderr)
        XCTAssertEqual(previewed.stdout, shown)
        XCTAssertFalse(previewed.stdout.contains("\u{1B}["), "no colour when not a terminal")
    }

    func testQuizPreviewShowsTheLearnersLabelsThenTheKey() throws {
        let course = try course
        let quiz = try XCTUnwrap(course.quiz(id: try XCTUnwrap(course.lesson(number: 1)).quiz))
        let seed = TypedAnswers.attemptSeed(1)
        let session = try repl(["quiz 1"] + TypedAnswers.right(quiz, seed: seed), database: "quiz.sqlite")
        XCTAssertEqual(session.status, 0, session.stderr)
        let previewed = try preview(["1", "--quiz", "--seed", "7"])
        XCTAssertEqual(previewed.status, 0, previewed.stderr)
        let lines = previewed.stdout.components(separatedBy: "\n")
        // Every question block (from its header to its instructions) appears verbatim in the learner's session.
        var blocks = 0
        for (index, line) in lines.enumerated() where line.hasPrefix("Question ") {
            guard let end = lines[index...].firstIndex(where: { $0.hasPrefix("Type ") }) else { continue }
            let block = lines[index...end].joined(separator: "\n")
            XCTAssertTrue(session.stdout.contains(block), "the REPL never showed:\n\(block)")
            blocks += 1
        }
        XCTAssertEqual(blocks, quiz.questions.count)
        XCTAssertTrue(session.stdout.contains(lines[0] + "\n" + lines[1]), "the quiz's title and pass mark line")
        // The key is given in the labels shown: a learner typing it would score.
        for (question, typed) in zip(quiz.questions, TypedAnswers.right(quiz, seed: seed))
        where question.kind == .single {
            XCTAssertTrue(previewed.stdout.contains("Key: \(typed)\n"), "key \(typed) of \(question.id)")
        }
        for question in quiz.questions {
            XCTAssertTrue(previewed.stdout.contains(question.hints.first ?? "Hints: none"), question.id)
            for option in question.options {
                if let feedback = option.feedback { XCTAssertTrue(previewed.stdout.contains(feedback)) }
            }
        }
    }

    func testUnknownLessonOrPageExitsOne() throws {
        let lesson = try preview(["99"])
        XCTAssertEqual(lesson.status, 1)
        XCTAssertTrue(lesson.stderr.contains("no lesson `99`"), lesson.stderr)
        let page = try preview(["1", "--page", "99"])
        XCTAssertEqual(page.status, 1)
        XCTAssertTrue(page.stderr.contains("no page 99"), page.stderr)
    }
}
