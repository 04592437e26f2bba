import CourseKit
import Foundation
import ProgressStore
import TestSupport
import XCTest

/// The whole course through the built binary: the reference solutions, copied into one workspace, pass
/// `check --all` and the capstone and, with every System Check and lab done in the REPL, unlock every node up to
/// `COURSE COMPLETE`; without the exercises (or without the capstone) the same quizzes and labs do not complete it,
/// and the Matrix says what is missing.
final class CourseCompletionEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "completion-e2e" }

    /// The eight exercises of the course, one per lesson, as the Matrix names them (issue #15's contract).
    private let lessonExercises = [
        "cost-of-a-call", "exact-cache", "semantic-cache", "stream-cache", "identify-and-limit", "token-bucket",
        "sliding-window", "http-handler",
    ]

    private var database: String { scratch.appendingPathComponent("progress.sqlite").path }
    private var workspace: URL { scratch.appendingPathComponent("server-swift") }

    private var environment: [String: String] {
        [
            "XDG_STATE_HOME": scratch.appendingPathComponent("state").path,
            "XDG_CACHE_HOME": scratch.appendingPathComponent("cache").path,
            "NO_COLOR": "1",
        ]
    }

    private func course() throws -> Course {
        try CourseLoader.load(directory: ArchLabRunner.packageRoot).course
    }

    /// `archlab ARGUMENTS --course … --db … --learner ada`, in the scratch folder.
    private func archlab(_ arguments: [String]) throws -> ArchLabRunner.Output {
        try ArchLabRunner.run(
            arguments + ["--course", ArchLabRunner.packageRoot.path, "--db", database, "--learner", "ada"],
            in: scratch, environment: environment)
    }

    /// The REPL for learner ada with `lines` on standard input (`--seed 7`, so quiz answers are predictable).
    private func repl(_ lines: [String]) throws -> ArchLabRunner.Output {
        try ReplProcess.run(
            ["--course", ArchLabRunner.packageRoot.path, "--db", database, "--learner", "ada", "--seed", "7"],
            input: lines.map { $0 + "\n" }.joined(), environment: environment)
    }

    /// Every System Check answered right, lesson by lesson, each followed by its node's lab and the labs its node
    /// leads to (`run exact-cache` after lesson 2, `run security` after lesson 8), small runs; then the checks tied
    /// to no lesson (`quiz final`, the cumulative check the capstone's node requires).
    private func quizzesAndLabs(_ course: Course) throws -> [String] {
        var script: [String] = []
        for (index, lesson) in course.lessons.enumerated() {
            let quiz = try XCTUnwrap(course.quiz(id: lesson.quiz), lesson.id)
            script += ["quiz \(lesson.number)"] + TypedAnswers.right(quiz, seed: TypedAnswers.attemptSeed(index + 1))
            if let lab = course.node(id: lesson.node)?.lab { script.append("run \(lab) requests=200") }
            for node in course.matrix.nodes where node.requires.contains(lesson.node) {
                if let lab = node.lab { script.append("run \(lab) requests=200") }
            }
        }
        let lessonless = course.quizzes.filter { quiz in !course.lessons.contains { $0.quiz == quiz.id } }
        for (index, quiz) in lessonless.enumerated() {
            let seed = TypedAnswers.attemptSeed(course.lessons.count + index + 1)
            script += ["quiz \(quiz.id)"] + TypedAnswers.right(quiz, seed: seed)
        }
        return script
    }

    /// `text` with every run of white space one space, so a check does not depend on where lines wrap.
    private func flat(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Records passed checks for ada straight into the store, as if she had run `archlab check` for these.
    private func recordPasses(_ ids: [String]) throws {
        let store = try ProgressStore(path: database)
        let ada = try store.ensureLearner("ada")
        for id in ids {
            _ = try store.recordExerciseResult(
                learner: ada, exerciseID: id, passed: true, fileHash: "", failure: nil, decidingUnlocks: { _ in [] })
        }
        try store.close()
    }

    func testTheCourseHasItsEightExercisesAndACapstoneOnProductionBackend() throws {
        let course = try course()
        XCTAssertEqual(
            course.lessons.compactMap { course.node(id: $0.node)?.exercises }, lessonExercises.map { [$0] },
            "every lesson's node requires its exercise")
        XCTAssertEqual(course.node(id: "production-backend")?.exercises, lessonExercises + ["capstone"])
        XCTAssertEqual(
            course.lessons.map { $0.pages.flatMap(\.exercises).map(\.exerciseID) },
            lessonExercises.map { [$0] }.dropLast() + [["http-handler", "capstone"]],
            "every lesson shows its exercise's box, and lesson 8 the capstone's too")
        XCTAssertEqual(course.exercise(id: "capstone")?.isCapstone, true)
        XCTAssertEqual(
            course.quizzes(unlocking: "production-backend").map(\.id), ["final"],
            "the cumulative final System Check precedes the capstone")
    }

    /// The end-to-end test: solutions in a workspace pass `check --all`, are recorded with
    /// `check --previous`, pass `check capstone`, and the REPL then unlocks every node up to `COURSE COMPLETE`.
    func testReferenceSolutionsPassEveryCheckAndTheREPLCompletesTheCourse() throws {
        try XCTSkipIf(findExecutable("swift") == nil, "no swift on PATH")
        let course = try course()
        for id in lessonExercises {
            let exercise = try XCTUnwrap(course.exercise(id: id), "exercise \(id)")
            let started = try archlab(["exercise", "start", id, "--workspace", workspace.path])
            XCTAssertEqual(started.status, 0, started.stdout + started.stderr)
            let file = workspace.appendingPathComponent("Sources/ServerSwift").appendingPathComponent(exercise.file)
            try FileManager.default.removeItem(at: file)
            try FileManager.default.copyItem(at: exercise.solutionFile, to: file)
        }
        let all = try archlab(["check", "--all", "--workspace", workspace.path])
        XCTAssertEqual(all.status, 0, all.stdout + all.stderr)
        let recorded = try archlab(["check", "--previous"])
        XCTAssertEqual(recorded.status, 0, recorded.stdout + recorded.stderr)
        XCTAssertTrue(recorded.stdout.contains("Recorded for learner ada."), recorded.stdout)
        let capstone = try archlab(["check", "capstone"])
        XCTAssertEqual(capstone.status, 0, capstone.stdout + capstone.stderr)

        let list = try archlab(["exercise", "list"])
        XCTAssertEqual(list.status, 0, list.stderr)
        for id in lessonExercises + ["capstone"] {
            XCTAssertTrue(list.stdout.contains("\(id)  passed"), "\(id) passed in:\n\(list.stdout)")
        }
        XCTAssertTrue(list.stdout.contains("Passed: 9/9\n"), list.stdout)

        let boxPage = try Self.exercisePage(of: XCTUnwrap(course.lesson(number: 1)))
        let session = try repl(quizzesAndLabs(course) + ["progress", "open 1", "page \(boxPage)"])
        XCTAssertEqual(session.status, 0, session.stderr)
        XCTAssertEqual(session.stderr, "")
        for node in course.matrix.nodes {
            XCTAssertTrue(session.stdout.contains("NODE UNLOCKED: \(node.title)"), "\(node.title):\n\(session.stdout)")
        }
        let complete = try XCTUnwrap(session.stdout.range(of: "COURSE COMPLETE"), session.stdout)
        let last = try XCTUnwrap(session.stdout.range(of: "NODE UNLOCKED: Production Backend"))
        XCTAssertLessThan(last.lowerBound, complete.lowerBound, "the course completes with the capstone's node")
        let nodes = course.matrix.nodes.count
        let exercises = course.exercises.count
        XCTAssertTrue(
            flat(session.stdout).contains(
                "\(nodes)/\(nodes) nodes unlocked, \(exercises)/\(exercises) exercises passed"),
            session.stdout)
        XCTAssertTrue(
            session.stdout.contains(workspace.appendingPathComponent("Sources/ServerSwift/Cost.swift").path),
            "lesson 1's box shows the learner's file:\n\(session.stdout)")
        XCTAssertTrue(flat(session.stdout).contains("Status: passed ✓"), session.stdout)
        let again = try repl(["quit"])
        XCTAssertTrue(
            flat(again.stdout).contains("COURSE COMPLETE: every Matrix node is unlocked."),
            "the start screen says so:\n\(again.stdout)")
    }

    /// Every System Check passed in the REPL and every lab run, with no exercise: no node unlocks, and the
    /// Matrix, the lesson list and `progress` say what is missing.
    func testQuizzesAndLabsWithoutExercisesDoNotCompleteTheCourse() throws {
        let course = try course()
        let first = try XCTUnwrap(course.quiz(id: try XCTUnwrap(course.lesson(number: 1)).quiz))
        let session = try repl(
            ["quiz 1"] + TypedAnswers.right(first, seed: TypedAnswers.attemptSeed(1)) + ["open 2", "quiz final"])
        XCTAssertEqual(session.status, 1, "lesson 2 stays locked")
        XCTAssertTrue(
            flat(session.stderr).contains("“System Check: The Whole Gateway” is locked: first unlock Secure and"),
            session.stderr)
        XCTAssertTrue(session.stdout.contains("PASSED"), session.stdout)
        XCTAssertTrue(
            flat(session.stdout).contains("To unlock Cost Model, run its lab too: `run baseline`."), session.stdout)
        XCTAssertTrue(
            flat(session.stdout).contains(
                "To unlock Cost Model, pass the `cost-of-a-call` exercise too: `exercise start cost-of-a-call`"),
            session.stdout)
        XCTAssertTrue(
            flat(session.stderr).contains(
                """
                is locked: it needs Cost Model (run the `baseline` lab: `run baseline`; pass the `cost-of-a-call` \
                exercise: `exercise start cost-of-a-call`, then `check`)
                """), session.stderr)

        // The other System Checks and the labs, recorded as the REPL would once their lessons were open.
        let store = try ProgressStore(path: database)
        let ada = try store.ensureLearner("ada")
        for quiz in course.quizzes {
            _ = try store.recordAttempt(
                learner: ada,
                FinishedAttempt(
                    quizID: quiz.id, contentHash: quiz.contentHash, startedAt: Date(), score: quiz.maxScore,
                    maxScore: quiz.maxScore, passed: true, answers: []))
        }
        for lab in course.matrix.nodes.compactMap(\.lab) {
            _ = try store.recordLabRun(learner: ada, scenarioID: lab, parametersJSON: "{}", summaryJSON: "{}")
        }
        try store.close()

        let after = try repl(["run exact-cache requests=200", "matrix", "progress"])
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertFalse(after.stdout.contains("NODE UNLOCKED"), after.stdout)
        XCTAssertFalse(after.stdout.contains("COURSE COMPLETE"), after.stdout)
        let text = flat(after.stdout)
        XCTAssertTrue(
            text.contains(
                "× Cost Model: pass the `cost-of-a-call` exercise: `exercise start cost-of-a-call`, then `check`"),
            after.stdout)
        XCTAssertTrue(
            text.contains(
                "× Production Backend: first unlock Secure, Stream Cache; pass the exercises `cost-of-a-call`,"),
            after.stdout)
        XCTAssertTrue(
            text.contains("`http-handler`: `exercise start ID`, then `check`; pass the capstone"), after.stdout)
        XCTAssertTrue(
            text.contains("0/\(course.matrix.nodes.count) nodes unlocked, 0/\(course.exercises.count)"), after.stdout)

        let boxPage = try Self.exercisePage(of: XCTUnwrap(course.lesson(number: 1)))
        let preview = try ArchLabRunner.run(
            ["preview", "1", "--page", "\(boxPage)", "--course", ArchLabRunner.packageRoot.path], in: scratch)
        XCTAssertEqual(preview.status, 0, preview.stderr)
        XCTAssertTrue(
            flat(preview.stdout).contains("not started yet: `exercise start cost-of-a-call` (in a shell:"),
            "preview shows a new learner's box:\n\(preview.stdout)")

        let progress = try archlab(["progress", "--format", "json"])
        XCTAssertEqual(progress.status, 0, progress.stderr)
        let document = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(progress.stdout.utf8)) as? [String: Any])
        let nodes = try XCTUnwrap(document["nodes"] as? [[String: Any]])
        XCTAssertTrue(nodes.allSatisfy { $0["unlocked"] as? Bool == false }, progress.stdout)
        let costModel = try XCTUnwrap(nodes.first { $0["id"] as? String == "cost-model" })
        let needs = try XCTUnwrap(costModel["needs"] as? [String: Any])
        XCTAssertEqual(needs["exercises"] as? [String], ["cost-of-a-call"])
        XCTAssertEqual(needs["quizzes"] as? [String], [])
        let production = try XCTUnwrap(nodes.first { $0["id"] as? String == "production-backend" })
        XCTAssertEqual((production["needs"] as? [String: Any])?["capstones"] as? [String], ["capstone"])
        let table = try archlab(["progress"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("STILL NEEDS"), table.stdout)
        XCTAssertTrue(table.stdout.contains("exercise cost-of-a-call\n"), table.stdout)
        XCTAssertTrue(table.stdout.contains("http-handler; check capstone; after secure, stream-cache"), table.stdout)
        XCTAssertTrue(table.stdout.contains("Exercises (0/\(course.exercises.count) passed)"), table.stdout)
    }

    /// Every exercise passed but not the capstone: the REPL unlocks every node but Production Backend, and says the
    /// capstone is what is missing.
    func testEveryExerciseWithoutTheCapstoneStopsShortOfProductionBackend() throws {
        let course = try course()
        try recordPasses(lessonExercises)
        let session = try repl(quizzesAndLabs(course) + ["matrix"])
        XCTAssertEqual(session.status, 0, session.stderr)
        XCTAssertTrue(session.stdout.contains("NODE UNLOCKED: HTTP 429"), session.stdout)
        XCTAssertTrue(session.stdout.contains("NODE UNLOCKED: Threshold Tuning"), session.stdout)
        XCTAssertFalse(session.stdout.contains("NODE UNLOCKED: Production Backend"), session.stdout)
        XCTAssertFalse(session.stdout.contains("COURSE COMPLETE"), session.stdout)
        XCTAssertTrue(
            flat(session.stdout).contains(
                "Still locked: × Production Backend: pass the capstone: `archlab check capstone`"),
            session.stdout)
    }

    /// The 1-based page of `lesson` that shows its exercise box (the recap page comes after it).
    private static func exercisePage(of lesson: Lesson) throws -> Int {
        try XCTUnwrap(lesson.pages.firstIndex { !$0.exercises.isEmpty }, "lesson \(lesson.number) has no box") + 1
    }
}
