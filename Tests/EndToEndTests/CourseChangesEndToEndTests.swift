import CourseKit
import Foundation
import TestSupport
import XCTest

/// Changing a live course: `lint --against` / `--against-rev` warn about every edit that affects recorded
/// progress and about nothing else; a learner whose best attempt was on an older quiz is told, and keeps unlocks.
final class CourseChangesEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "changes-e2e" }

    private var old: URL { scratch.appendingPathComponent("old") }
    private var new: URL { scratch.appendingPathComponent("new") }

    override func setUpWithError() throws {
        try super.setUpWithError()
        for arguments in [
            ["new", "course", old.path], ["new", "lesson", "second-step", "--course", old.path],
            ["new", "quiz", "bonus", "--course", old.path],
        ] {
            let result = try ArchLabRunner.run(arguments, in: scratch)
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        try FileManager.default.copyItem(at: old, to: new)
    }

    private func edit(_ path: String, _ change: (String) -> String) throws {
        let url = new.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        let changed = change(text)
        XCTAssertNotEqual(changed, text, "the edit of \(path) changed nothing")
        try Data(changed.utf8).write(to: url)
    }

    private func lint(_ arguments: [String], in directory: URL? = nil) throws -> ArchLabRunner.Output {
        try ArchLabRunner.run(["lint", "--course", new.path] + arguments, in: directory ?? scratch)
    }

    func testAnUnchangedCopyHasNoFindings() throws {
        let result = try lint(["--against", old.path])
        XCTAssertEqual(result.status, 0, result.stdout)
        XCTAssertEqual(result.stdout, "lint: no findings\n")
    }

    func testEveryPlantedBreakingChangeIsFoundAndNothingElse() throws {
        let quiz = "Quizzes/01-first-steps.toml"
        try edit("Lessons/course.toml") { text in
            // Rename the milestone node; remove the bonus quiz's node (the last table).
            let renamed = text.replacingOccurrences(of: "id = \"graduate\"", with: "id = \"graduated\"")
            guard let range = renamed.range(of: "\n[[node]]\nid = \"bonus\"") else { return renamed }
            return String(renamed[..<range.lowerBound]) + "\n"
        }
        try FileManager.default.removeItem(at: new.appendingPathComponent("Quizzes/03-bonus.toml"))
        try edit(quiz) { text in
            var text = text.replacingOccurrences(of: "pass = 0.75", with: "pass = 0.8")
            text = text.replacingOccurrences(of: "id = \"short-answer\"", with: "id = \"short-one\"")
            // The key of `one-answer` moves from a to b.
            text = text.replacingOccurrences(
                of: "text = \"`archlab lint`\"\n  correct = true", with: "text = \"`archlab lint`\"")
            text = text.replacingOccurrences(
                of: "text = \"`archlab grade`\"\n", with: "text = \"`archlab grade`\"\n  correct = true\n")
            // Remove the last question (`in-order`).
            if let range = text.range(of: "\n[[question]]\nid = \"in-order\"") {
                text = String(text[..<range.lowerBound]) + "\n"
            }
            // Harmless: a reworded prompt and hint.
            return text.replacingOccurrences(
                of: "Which command checks every course file?", with: "Which command checks the course?")
        }
        try edit("Lessons/02-second-step.md") {
            $0.replacingOccurrences(of: "id = \"second-step\"", with: "id = \"step-two\"")
        }
        try edit("Lessons/01-first-steps.md") {
            $0.replacingOccurrences(of: "Every `## ` heading", with: "Each `## ` heading")
        }

        let result = try lint(["--against", old.path, "--format", "json"])
        XCTAssertEqual(result.status, 1, result.stderr)
        let findings = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        XCTAssertTrue(
            findings.allSatisfy {
                $0["severity"] as? String == "warning" && $0["code"] as? String == "progress-change"
            },
            result.stdout)
        let messages = findings.map { "\($0["file"] as? String ?? ""): \($0["message"] as? String ?? "")" }
        let expected = [
            "Lessons/course.toml: node `graduate` was renamed to `graduated`",
            "Lessons/course.toml: node `bonus` was removed",
            "Lessons/02-second-step.md: lesson `second-step` was renamed to `step-two`",
            "Quizzes/03-bonus.toml: quiz `bonus` was removed",
            "\(quiz): quiz `first-steps`: the pass mark changed from 0.75 to 0.8",
            "\(quiz): quiz `first-steps`: question `short-answer` was renamed to `short-one`",
            "\(quiz): quiz `first-steps`: question `in-order` was removed",
            "\(quiz): quiz `first-steps`: the answer key of question `one-answer` changed",
        ]
        for prefix in expected {
            XCTAssertEqual(
                messages.filter { $0.hasPrefix(prefix) }.count, 1, "\(prefix) in\n\(messages.joined(separator: "\n"))")
        }
        XCTAssertEqual(messages.count, expected.count, messages.joined(separator: "\n"))
        let text = try lint(["--against", old.path])
        XCTAssertTrue(
            text.stdout.contains("\(quiz):5:1: warning: quiz `first-steps`: the pass mark changed"), text.stdout)
        XCTAssertTrue(text.stdout.hasSuffix("lint: 0 errors, 8 warnings\n"), text.stdout)
    }

    func testAgainstARevisionReadsTheOldCourseFromGit() throws {
        try requireTool(FileManager.default.isExecutableFile(atPath: "/usr/bin/git"), "git is not installed")
        let repository = scratch.appendingPathComponent("repo")
        let course = repository.appendingPathComponent("course")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: old, to: course)
        for arguments in [
            ["init", "-q"], ["add", "-A"],
            ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "course"],
        ] {
            let git = Process()
            git.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            git.arguments = ["-C", repository.path] + arguments
            let result = try ArchLabRunner.capture(git)
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        let unchanged = try ArchLabRunner.run(["lint", "--course", course.path, "--against-rev", "HEAD"], in: scratch)
        XCTAssertEqual(unchanged.status, 0, unchanged.stdout + unchanged.stderr)
        let quiz = course.appendingPathComponent("Quizzes/02-second-step.toml")
        let text = try String(contentsOf: quiz, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "pass = 1.0", with: "pass = 0.5").utf8).write(to: quiz)
        let changed = try ArchLabRunner.run(["lint", "--course", course.path, "--against-rev", "HEAD"], in: scratch)
        XCTAssertEqual(changed.status, 1)
        XCTAssertEqual(
            changed.stdout,
            """
            Quizzes/02-second-step.toml:5:1: warning: quiz `second-step`: the pass mark changed from 1 to 0.5; recorded passes stand
            lint: 0 errors, 1 warning

            """)
        let missing = try ArchLabRunner.run(
            ["lint", "--course", course.path, "--against-rev", "no-such-rev"], in: scratch)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("cannot read revision `no-such-rev`"), missing.stderr)
    }

    func testALearnerWhoseBestAttemptIsOnAnOlderQuizIsToldAndKeepsTheUnlock() throws {
        let database = scratch.appendingPathComponent("p.sqlite").path
        let course = try CourseLoader.load(directory: new).course
        let quiz = try XCTUnwrap(course.quiz(id: "first-steps"))
        func repl(_ lines: [String]) throws -> ArchLabRunner.Output {
            try ReplProcess.run(
                ["--course", new.path, "--db", database, "--learner", "ada", "--seed", "7"],
                input: lines.map { $0 + "\n" }.joined(), environment: ["XDG_STATE_HOME": scratch.path])
        }
        let passed = try repl(["quiz 1"] + TypedAnswers.right(quiz, seed: TypedAnswers.attemptSeed(1)))
        XCTAssertTrue(passed.stdout.contains("NODE UNLOCKED: First Steps"), passed.stdout)
        XCTAssertFalse(passed.stdout.contains("changed since your best attempt"))
        try edit("Quizzes/01-first-steps.toml") { $0.replacingOccurrences(of: "pass = 0.75", with: "pass = 1.0") }

        let later = try repl(["progress", "matrix"])
        XCTAssertEqual(later.status, 0, later.stderr)
        let notice = "The System Check of lesson 1 “First Steps” changed since your best attempt"
        XCTAssertEqual(
            later.stdout.components(separatedBy: notice).count - 1, 2, "start screen and `progress`:\n\(later.stdout)")
        XCTAssertTrue(later.stdout.contains("✓ First Steps"), "the unlock stays:\n\(later.stdout)")

        let json = try ArchLabRunner.run(
            ["progress", "--learner", "ada", "--db", database, "--course", new.path, "--format", "json"], in: scratch)
        XCTAssertEqual(json.status, 0, json.stderr)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let attempts = try XCTUnwrap(document["attempts"] as? [[String: Any]])
        XCTAssertEqual(attempts.map { $0["quiz_changed"] as? Bool }, [true])
        XCTAssertEqual(attempts.first?["passed"] as? Bool, true)
        let text = try ArchLabRunner.run(
            ["progress", "--learner", "ada", "--db", database, "--course", new.path], in: scratch)
        XCTAssertTrue(text.stdout.contains("first-steps *"), text.stdout)
        XCTAssertTrue(text.stdout.contains("* taken on an older version of the quiz"), text.stdout)
    }
}
