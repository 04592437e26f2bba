import CourseKit
import ProgressStore
import REPL
import Terminal
import XCTest

final class ReplSessionTests: XCTestCase {
    func testStartScreenShowsTickerTitleStandingAndHelp() async throws {
        let harness = try ReplHarness()
        let result = try await harness.run([])
        let lines = result.text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "CACHE /// LIMIT /// TEST")
        XCTAssertEqual(lines[1], "Fixture Course — For REPL tests")
        XCTAssertEqual(lines[2], "Learner ada: 0/3 lessons, 0/5 nodes unlocked.")
        XCTAssertTrue(result.text.contains("type `open 1`"))
        XCTAssertEqual(lines.last, "Type \"help\" for commands.")
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.editor.prompts, ["archlab[server.swift 1/3]> "])
    }

    func testReadingPagesAndThePositionSurvivesARestart() async throws {
        let harness = try ReplHarness()
        let first = try await harness.run(["open 1", "next", "next", "back", "page 3", "quit"])
        XCTAssertTrue(first.text.contains("Lesson 1/3 · Basics of Caching · page 1/3"))
        XCTAssertTrue(first.text.contains("The idea\n────────"))
        XCTAssertTrue(first.text.contains("• Forgetting the TTL"))
        XCTAssertEqual(first.status, 0)

        let second = try await harness.run(["page", "next"])
        XCTAssertTrue(
            second.text.contains(
                "You were reading lesson 1 “Basics of Caching”, page 3/3. Type `open` to\n  continue."), second.text)
        XCTAssertTrue(second.text.contains("Lesson 1/3 · Basics of Caching · page 3/3"))
        XCTAssertTrue(second.text.contains("That was the last page of lesson 1. Take its System Check with `quiz`"))
        XCTAssertEqual(second.editor.prompts.first, "archlab[server.swift 1/3]> ")
    }

    func testPageAndNavigationErrorsFailTheScript() async throws {
        let harness = try ReplHarness()
        let noLesson = try await harness.run(["next"])
        XCTAssertTrue(noLesson.text.contains("! error: No lesson is open. Type `open 1` to start"))
        XCTAssertEqual(noLesson.status, 1)

        let badPage = try await harness.run(["open 1", "page 9"])
        XCTAssertTrue(badPage.text.contains("! error: No page `9`: lesson 1 has pages 1 to 3."))
        XCTAssertEqual(badPage.status, 1)

        let atStart = try await harness.run(["open 1", "page 1", "back"])
        XCTAssertTrue(atStart.text.contains("! error: Already on the first page of lesson 1."))
    }

    func testLockedLessonsNameTheMissingNodeAndItsLesson() async throws {
        let harness = try ReplHarness()
        let result = try await harness.run(["open 2", "open final", "open 7", "lessons"])
        XCTAssertTrue(
            result.text.contains(
                """
                    ! error: Lesson 2 “Exact Caching” is locked: it needs Basics (pass the System Check of lesson 1 \
                    “Basics of Caching”).
                    """
            ))
        XCTAssertTrue(
            result.text.contains(
                """
                    ! error: Lesson 3 “Final Step” is locked: it needs Lab Node (run the `exact-cache` lab: `run \
                    exact-cache`).
                    """
            ))
        XCTAssertTrue(result.text.contains("! error: No lesson `7`"))
        XCTAssertTrue(result.text.contains("  1. Basics of Caching (5 min) — open"))
        XCTAssertTrue(result.text.contains("  2. Exact Caching (5 min) — locked — needs Basics"))
        XCTAssertEqual(result.status, 1)
    }

    func testUnknownCommandsSuggestAndStripControlCharacters() async throws {
        let harness = try ReplHarness()
        let result = try await harness.run(["lesons", "x\u{1B}[2Jy"])
        XCTAssertTrue(result.text.contains("! error: Unknown command `lesons`. Did you mean `lessons`?"))
        XCTAssertTrue(result.text.contains("Unknown command `xy`"))
        XCTAssertFalse(result.text.contains("\u{1B}"))
        XCTAssertEqual(result.status, 1)
    }

    func testHelpListsEveryCommandAndExplainsEach() async throws {
        let harness = try ReplHarness()
        let names = [
            "help", "lessons", "open", "next", "back", "page", "code", "quiz", "hint", "review", "matrix", "progress",
            "glossary", "faq", "learner", "reset", "quit",
        ]
        let result = try await harness.run(["help"] + names.map { "help \($0)" } + ["help exit", "help nope"])
        for name in names {
            XCTAssertTrue(result.text.contains("\n  \(name)"), "help lists \(name)")
        }
        XCTAssertTrue(result.text.contains("open <n|id>\nOpen a lesson"))
        XCTAssertTrue(result.text.contains("quit\nAlso: exit"))
        XCTAssertTrue(result.text.contains("! error: No command `nope`."))
    }

    func testCodeShowsTheLessonsSwift() async throws {
        let harness = try ReplHarness()
        let result = try await harness.run(["code", "open 1", "code"])
        XCTAssertTrue(result.text.contains("! error: No lesson is open."))
        XCTAssertTrue(
            result.text.contains(
                "server.swift — step 1: Basics of Caching\n\n// The idea\n    ── swift\n    let key = \"answer\""))
    }

    func testGlossaryAndFAQ() async throws {
        let harness = try ReplHarness()
        let result = try await harness.run([
            "glossary", "glossary redis", "glossary t", "glossary nothing", "faq", "faq 1", "faq 3",
        ])
        XCTAssertTrue(result.text.contains("Redis · TTL"))
        XCTAssertTrue(result.text.contains("Redis — In-memory data structure store used as a cache."))
        XCTAssertTrue(result.text.contains("    await redis.setEx(key, 3600, val);"))
        XCTAssertTrue(result.text.contains("    try await redis.send([\"SETEX\", key, \"3600\", val])"))
        XCTAssertTrue(result.text.contains("Taught in lesson 1, “Basics of Caching” (`open 1`)."))
        XCTAssertTrue(result.text.contains("TTL — Time to live"))
        XCTAssertTrue(result.text.contains("! error: No glossary term `nothing`."))
        XCTAssertTrue(result.text.contains("1. Why cache at all?\n2. What is a token bucket?"))
        XCTAssertTrue(result.text.contains("Because every call costs money."))
        XCTAssertTrue(result.text.contains("! error: No FAQ entry `3`: use a number from 1 to 2."))
    }

    func testLearnersSwitchAndReset() async throws {
        let harness = try ReplHarness()
        _ = try await harness.run(["open 1", "next"], learner: "ada")
        let result = try await harness.run([
            "learner bob", "learner", "learner ada", "reset", "no", "reset --yes", "learner \u{7}",
        ])
        XCTAssertTrue(result.text.contains("You are now bob: 0/3 lessons, 0/5 nodes unlocked."))
        XCTAssertTrue(result.text.contains("│ ada     │"))
        XCTAssertTrue(result.text.contains("│ bob     │"))
        XCTAssertTrue(result.text.contains("Reading lesson 1, page 2. Type `open` to continue."))
        XCTAssertTrue(result.text.contains("Nothing was erased."))
        XCTAssertTrue(result.text.contains("Progress of ada erased: 0/3 lessons, 0/5 nodes unlocked."))
        XCTAssertTrue(result.text.contains("! error: Cannot use that name"))
        let ada = try XCTUnwrap(harness.store.learner(named: "ada"))
        XCTAssertNil(try harness.store.readingPosition(learner: ada, lessonID: "basics"))
    }

    func testTheMatrixShowsStates() async throws {
        let harness = try ReplHarness()
        let result = try await harness.run(["matrix"])
        XCTAssertTrue(result.text.contains("│ ○ available   │"), result.text)
        XCTAssertTrue(result.text.contains("│ × locked      │"), result.text)
        XCTAssertTrue(result.text.contains("✓ unlocked   ○ available (requirements met)   × locked"))
    }

    func testHelpAndOneLineMessagesWrapWithAHangingIndent() async throws {
        let harness = try ReplHarness()
        let result = try await harness.run(["help", "open 1", "next", "next", "next"], width: 40)
        let lines = result.text.split(separator: "\n", omittingEmptySubsequences: false)
        let help = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("  help [command]") })
        XCTAssertTrue(lines[help + 1].hasPrefix("    "), "the summary continues indented: \(lines[help + 1])")
        XCTAssertTrue(
            result.text.contains("That was the last page of lesson 1. Take\n  its System Check with `quiz`, then"),
            result.text)
        let start = try XCTUnwrap(lines.firstIndex(of: "Commands:"))
        let end = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("  details.") || $0.hasPrefix("Type `help") })
        for line in lines[start...end] {
            XCTAssertLessThanOrEqual(DisplayWidth.of(String(line)), 40, String(line))
        }
    }
}
