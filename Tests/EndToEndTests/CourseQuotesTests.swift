import Foundation
import XCTest

/// What the quoted-commands test finds in a course: command lines in code blocks (continued with ` \`) and in
/// inline code (even wrapped onto the next line), the output shown under them, and similarity figures with their
/// model, each at its file and line.
final class CourseQuotesTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "course-quotes" }

    private func write(_ text: String, _ name: String) throws {
        let lessons = scratch.appendingPathComponent("Lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: lessons.appendingPathComponent(name))
    }

    func testCommandsAndFiguresAreFoundWithTheirLines() throws {
        try write(
            """
            +++
            id = "x"
            +++
            ## Try it

            ```text
            $ archlab limit simulate --limit 5 \\
                --traffic "burst 3 at 0s"
            5 allowed
            $ redis-cli PING
            PONG
            ```

            Then run `archlab run
            baseline` and `run exact-cache` in the REPL. With MiniLM:

            | a | b | cosine |
            |---|---|---|
            | What is it? | What was it? | 0.912 |

            ## The lexical model

            "cat" vs "dog" scores 0.123 here.
            """, "01-x.md")
        try write("", "faq.toml")
        try write(#"definition = "MiniLM: (\"a b\" against \"a c\" scores 0.500)""# + "\n", "glossary.toml")
        let quotes = try CourseQuotes(courseRoot: scratch)
        XCTAssertEqual(quotes.commands.map(\.location), ["Lessons/01-x.md:7", "Lessons/01-x.md:14"])
        XCTAssertEqual(
            quotes.commands.map(\.text),
            [#"limit simulate --limit 5 --traffic "burst 3 at 0s""#, "run baseline"])
        XCTAssertEqual(quotes.commands.first?.shownOutput, ["5 allowed"])
        XCTAssertEqual(
            quotes.figures.map { "\($0.location) \($0.first)|\($0.second) \($0.model ?? "?") \($0.figure)" },
            [
                "Lessons/01-x.md:19 What is it?|What was it? minilm 0.912",
                "Lessons/01-x.md:23 cat|dog lexical 0.123",
                "Lessons/glossary.toml:1 a b|a c minilm 0.500",
            ])
    }
}
