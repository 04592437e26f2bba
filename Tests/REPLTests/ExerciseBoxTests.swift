import CourseKit
import Foundation
import REPL
import Terminal
import XCTest

/// A lesson page's `{{#exercise ID}}` box for a learner with no workspace, with a workspace but not this file, with
/// the file, and after a pass.
final class ExerciseBoxTests: XCTestCase {
    private let exercise = Exercise(
        id: "token-bucket", title: "Write the token bucket", lesson: "bucket", file: "TokenBucket.swift", hints: [],
        calls: [], cases: [], randoms: [], directory: URL(fileURLWithPath: "/course/Exercises/06-token-bucket"),
        relativePath: "Exercises/06-token-bucket/exercise.toml", summary: "A bucket per caller.")

    private func page(_ context: ExerciseBoxContext) -> String {
        let markdown = "Before the box.\n\n{{#exercise token-bucket}}\n\nAfter the box."
        let lesson = Lesson(
            id: "bucket", title: "Bucket", step: 6, node: "n", quiz: "q", scenario: nil, minutes: 5, summary: nil,
            number: 1, file: URL(fileURLWithPath: "/course/Lessons/01-bucket.md"), relativePath: "Lessons/01-bucket.md",
            pages: [LessonPage(title: "Write it", markdown: markdown, line: 1)])
        return PageView(painter: .plain, width: 80).writes(
            lesson: lesson, page: 0, lessonCount: 1, exercises: [exercise], boxes: context
        ).joined(separator: "\n")
    }

    func testANewLearnerIsToldHowToStartTheWorkspace() {
        let text = page(.newLearner)
        XCTAssertTrue(
            text.contains(
                """
                Before the box.

                ┌─ Exercise · Write the token bucket
                │ Build: A bucket per caller.
                │ Your file: `Sources/ServerSwift/TokenBucket.swift` of your `server-swift`
                │ workspace, not started yet: `exercise start token-bucket` (in a shell:
                │ `archlab exercise start token-bucket`).
                │ Status: not passed yet: `check` (in a shell: `archlab check token-bucket`)
                │ runs its tests.
                └─

                After the box.
                """), text)
        XCTAssertFalse(text.contains("{{#exercise"), text)
    }

    func testALearnerWithAWorkspaceSeesTheirFilesPathAndStatus() {
        let missing = page(ExerciseBoxContext(workspace: "/home/ada/server-swift"))
        XCTAssertTrue(
            missing.contains(
                """
                │ Your file: /home/ada/server-swift/Sources/ServerSwift/TokenBucket.swift, not
                │ there yet: `exercise start token-bucket` (in a shell: `archlab exercise start
                │ token-bucket`) adds it.
                """), missing)
        let home = "/home/ada/server-swift"
        let started = page(ExerciseBoxContext(workspace: home, files: ["TokenBucket.swift"]))
        XCTAssertTrue(
            started.contains("│ Your file: \(home)/Sources/ServerSwift/TokenBucket.swift\n│ Status: not"), started)
        let passed = page(ExerciseBoxContext(workspace: home, passed: ["token-bucket"], files: ["TokenBucket.swift"]))
        XCTAssertTrue(passed.contains("│ Status: passed ✓\n└─"), passed)
    }

    func testTheCapstonesBoxNamesTheWholeGatewayAndItsCheck() {
        let capstone = Exercise(
            id: "capstone", title: "Capstone", lesson: "bucket", file: "", hints: [], calls: [], cases: [],
            randoms: [], directory: URL(fileURLWithPath: "/course/Exercises/capstone"),
            relativePath: "Exercises/capstone/exercise.toml",
            capstone: CapstoneSpec(scenario: "production", seed: 42, minAgreement: 0.99, parameters: [:], tenants: 3))
        let lesson = Lesson(
            id: "bucket", title: "Bucket", step: 8, node: "n", quiz: "q", scenario: nil, minutes: 5, summary: nil,
            number: 1, file: URL(fileURLWithPath: "/course/Lessons/01-bucket.md"), relativePath: "Lessons/01-bucket.md",
            pages: [LessonPage(title: "All of it", markdown: "{{#exercise capstone}}", line: 1)])
        let text = PageView(painter: .plain, width: 80).writes(
            lesson: lesson, page: 0, lessonCount: 1, exercises: [capstone],
            boxes: ExerciseBoxContext(workspace: "/home/ada/server-swift")
        ).joined(separator: "\n")
        XCTAssertTrue(
            text.contains(
                """
                ┌─ Exercise · Capstone
                │ Your gateway: every file of /home/ada/server-swift/Sources/ServerSwift, built
                │ together; it joins your workspace once every exercise is started.
                │ Status: not passed yet: `check capstone` (in a shell: `archlab check
                │ capstone`) runs it.
                └─
                """), text)
    }
}
