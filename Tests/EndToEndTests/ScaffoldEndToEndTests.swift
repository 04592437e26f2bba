import CourseKit
import Foundation
import XCTest

/// `archlab new course|lesson|quiz`: what it writes lints clean, opens in the REPL and grades with its own key.
final class ScaffoldEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "scaffold-e2e" }

    private var courseDirectory: URL { scratch.appendingPathComponent("my-course") }

    private func archlab(_ arguments: [String]) throws -> ArchLabRunner.Output {
        try ArchLabRunner.run(arguments, in: scratch, environment: ["XDG_STATE_HOME": scratch.path])
    }

    private func newCourse() throws {
        let created = try archlab(["new", "course", courseDirectory.path])
        XCTAssertEqual(created.status, 0, created.stderr)
    }

    private func assertLintsClean(file: StaticString = #filePath, line: UInt = #line) throws {
        let lint = try archlab(["lint", "--course", courseDirectory.path])
        XCTAssertEqual(lint.status, 0, lint.stdout + lint.stderr, file: file, line: line)
        XCTAssertEqual(lint.stdout, "lint: no findings\n", file: file, line: line)
    }

    /// An answers file answering every question of every quiz with its key.
    static func keyAnswers(_ course: Course, learner: String) -> String {
        var lines = ["learner = \"\(learner)\""]
        for quiz in course.quizzes {
            lines.append("[quiz.\(quiz.id)]")
            for question in quiz.questions {
                let value: String
                switch question.kind {
                case .single: value = "\"\(question.options.first(where: \.correct)?.key ?? "")\""
                case .multiple:
                    value =
                        "[" + question.options.filter(\.correct).map { "\"\($0.key)\"" }.joined(separator: ", ") + "]"
                case .short: value = "\"\(question.accept.first ?? question.example ?? "")\""
                case .numeric: value = "\(question.answer ?? 0)"
                case .order: value = "[" + question.items.map { "\"\($0.key)\"" }.joined(separator: ", ") + "]"
                }
                lines.append("\(question.id) = \(value)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func testANewCourseLintsCleanAndHasOneQuestionOfEachKind() throws {
        try newCourse()
        try assertLintsClean()
        let course = try CourseLoader.load(directory: courseDirectory).course
        XCTAssertEqual(course.lessons.count, 1)
        XCTAssertEqual(course.lessons.first?.pages.count, 3, "the idea, the code and the recap")
        XCTAssertEqual(course.matrix.nodes.count, 2)
        XCTAssertEqual(Set(course.quizzes.flatMap(\.questions).map(\.kind)), Set(QuestionKind.allCases))
        XCTAssertEqual(course.quizzes.flatMap(\.questions).count, QuestionKind.allCases.count)
        XCTAssertFalse(course.glossary.isEmpty)
        XCTAssertFalse(course.faq.isEmpty)
        let manifest = try String(
            contentsOf: courseDirectory.appendingPathComponent("Lessons/course.toml"), encoding: .utf8)
        XCTAssertTrue(manifest.contains("# The Architect Matrix"), "fields are explained in comments")
    }

    func testANewCourseOpensInTheREPLAndItsKeyPassesGrade() throws {
        try newCourse()
        let course = try CourseLoader.load(directory: courseDirectory).course
        let quiz = try XCTUnwrap(course.quizzes.first)
        let session = try ReplProcess.run(
            [
                "--course", courseDirectory.path, "--db", scratch.appendingPathComponent("p.sqlite").path,
                "--learner", "ada", "--seed", "7",
            ],
            input: (["open 1", "next", "quiz"] + TypedAnswers.right(quiz, seed: TypedAnswers.attemptSeed(1)) + [
                "matrix"
            ])
            .map { $0 + "\n" }.joined(),
            environment: ["XDG_STATE_HOME": scratch.path])
        XCTAssertEqual(session.status, 0, session.stderr)
        XCTAssertTrue(session.stdout.contains("Lesson 1/1 · First Steps · page 2/3"), session.stdout)
        XCTAssertTrue(session.stdout.contains("PASSED"), session.stdout)
        let answers = scratch.appendingPathComponent("key.toml")
        try Data(Self.keyAnswers(course, learner: "key").utf8).write(to: answers)
        let graded = try archlab(["grade", "--course", courseDirectory.path, answers.path])
        XCTAssertEqual(graded.status, 0, graded.stdout + graded.stderr)
    }

    func testNewLessonAndQuizAreRegisteredAndKeepTheCourseClean() throws {
        try newCourse()
        let lesson = try archlab(["new", "lesson", "second-step", "--course", courseDirectory.path])
        XCTAssertEqual(lesson.status, 0, lesson.stderr)
        let quiz = try archlab(["new", "quiz", "bonus-check", "--course", courseDirectory.path])
        XCTAssertEqual(quiz.status, 0, quiz.stderr)
        try assertLintsClean()
        let course = try CourseLoader.load(directory: courseDirectory).course
        XCTAssertEqual(course.lessons.map(\.id), ["first-steps", "second-step"])
        XCTAssertEqual(course.lessons.last?.relativePath, "Lessons/02-second-step.md")
        XCTAssertEqual(course.node(id: "second-step")?.requires, ["first-steps"])
        XCTAssertEqual(course.quiz(id: "bonus-check")?.relativePath, "Quizzes/03-bonus-check.toml")
        XCTAssertEqual(course.node(id: "bonus-check")?.requires, ["second-step"])
        let manifest = try String(
            contentsOf: courseDirectory.appendingPathComponent("Lessons/course.toml"), encoding: .utf8)
        XCTAssertTrue(
            manifest.contains("# The lesson files of Lessons/, in course order."), "the author's comments stay")
        XCTAssertTrue(manifest.contains("    \"01-first-steps.md\",\n    \"02-second-step.md\",\n]"), manifest)
        let answers = scratch.appendingPathComponent("key.toml")
        try Data(Self.keyAnswers(course, learner: "key").utf8).write(to: answers)
        let graded = try archlab(["grade", "--course", courseDirectory.path, answers.path])
        XCTAssertEqual(graded.status, 0, graded.stdout + graded.stderr)
    }

    func testAOneLineLessonsArrayWithoutTrailingCommaIsExtended() throws {
        try newCourse()
        let url = courseDirectory.appendingPathComponent("Lessons/course.toml")
        var manifest = try String(contentsOf: url, encoding: .utf8)
        manifest = manifest.replacingOccurrences(
            of: "lessons = [\n    \"01-first-steps.md\",\n]",
            with: "lessons = [\"01-first-steps.md\"]  # [sic] one line")
        try Data(manifest.utf8).write(to: url)
        let lesson = try archlab(["new", "lesson", "next-one", "--course", courseDirectory.path])
        XCTAssertEqual(lesson.status, 0, lesson.stderr)
        try assertLintsClean()
        let edited = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(
            edited.contains("lessons = [\"01-first-steps.md\", \"02-next-one.md\"]  # [sic] one line"), edited)
    }

    func testNothingIsOverwritten() throws {
        try newCourse()
        let manifestURL = courseDirectory.appendingPathComponent("Lessons/course.toml")
        let before = try Data(contentsOf: manifestURL)
        let again = try archlab(["new", "course", courseDirectory.path])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("refusing to overwrite"), again.stderr)
        let existing = try archlab(["new", "lesson", "first-steps", "--course", courseDirectory.path])
        XCTAssertEqual(existing.status, 1)
        XCTAssertTrue(existing.stderr.contains("already"), existing.stderr)
        try Data("x".utf8).write(to: courseDirectory.appendingPathComponent("Quizzes/02-taken.toml"))
        let taken = try archlab(["new", "lesson", "taken", "--course", courseDirectory.path])
        XCTAssertEqual(taken.status, 0, "the number moves past files already there: \(taken.stderr)")
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: courseDirectory.appendingPathComponent("Lessons/03-taken.md").path))
        let bad = try archlab(["new", "lesson", "Not An Id", "--course", courseDirectory.path])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertNotEqual(try Data(contentsOf: manifestURL), before)
    }
}
