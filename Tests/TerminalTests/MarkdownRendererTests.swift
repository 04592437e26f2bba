import Terminal
import XCTest

final class MarkdownRendererTests: XCTestCase {
    let plain = MarkdownRenderer(painter: .plain, width: 40)
    let colour = MarkdownRenderer(painter: Painter(colorEnabled: true), width: 40)

    func testParagraphsWrapWithinTheWidth() {
        let text = String(repeating: "caching saves money ", count: 20)
        let lines = plain.renderLines(text)
        XCTAssertGreaterThan(lines.count, 5)
        for line in lines { XCTAssertLessThanOrEqual(DisplayWidth.of(line), 40, line) }
        XCTAssertEqual(lines.joined(separator: " ").split(separator: " ").count, 60)
    }

    func testHeadingsAreUnderlined() {
        let lines = plain.renderLines("# Title\n\n## Page one\n\ntext")
        XCTAssertEqual(Array(lines.prefix(5)), ["Title", "═════", "", "Page one", "────────"])
    }

    func testEmphasisAndInlineCodeWithoutColour() {
        let output = plain.render(
            "Use **SETEX** with *care*: `await redis.setEx(key, 3600, val)` and snake_case_names.")
        XCTAssertEqual(output, "Use SETEX with care: `await\nredis.setEx(key, 3600, val)` and\nsnake_case_names.")
    }

    func testEmphasisAndInlineCodeWithColour() {
        let output = colour.render("a **b** `c`")
        XCTAssertTrue(output.contains("\u{1B}[1mb\u{1B}[0m"), output)
        XCTAssertTrue(output.contains("\u{1B}[36mc\u{1B}[0m"), output)
        XCTAssertFalse(output.contains("`"))
    }

    func testStylesDoNotLeakAcrossWrappedLines() {
        let output = colour.renderLines("**" + Array(repeating: "bold words", count: 10).joined(separator: " ") + "**")
        for line in output {
            XCTAssertTrue(line.hasPrefix("\u{1B}[1m"), line)
            XCTAssertTrue(line.hasSuffix("\u{1B}[0m"), line)
        }
    }

    func testLinksShowTheirTarget() {
        XCTAssertEqual(
            plain.render("See [RFC 6585](https://www.rfc-editor.org/rfc/rfc6585)."),
            "See RFC 6585\n(https://www.rfc-editor.org/rfc/rfc6585).")
    }

    func testFencedCodeThatFitsIsIndentedUnwrappedAndHighlighted() {
        let markdown =
            """
                ```swift\nlet value = try await redis.send([\"GET\", key]) // a long line that fits in 120 \
                columns\n```
                """
        let lines = MarkdownRenderer(painter: .plain, width: 120).renderLines(markdown)
        XCTAssertEqual(lines[0], "    ── swift")
        XCTAssertEqual(
            lines[1],
            "    let value = try await redis.send([\"GET\", key]) // a long line that fits in 120 columns")
        XCTAssertEqual(lines.count, 2)
        let highlighted = MarkdownRenderer(painter: Painter(colorEnabled: true), width: 120).renderLines(markdown)[1]
        XCTAssertTrue(highlighted.contains("\u{1B}[35;1mlet\u{1B}[0m"), highlighted)
        XCTAssertTrue(highlighted.contains("\u{1B}[32m\"GET\"\u{1B}[0m"), highlighted)
        XCTAssertTrue(highlighted.contains("\u{1B}[90m// a long"), highlighted)
    }

    func testJavaScriptKeywordsAreHighlighted() {
        let line = colour.renderLines("```js\nconst hit = await redis.get(key);\n```")[1]
        XCTAssertTrue(line.contains("\u{1B}[35;1mconst\u{1B}[0m"), line)
        XCTAssertTrue(line.contains("\u{1B}[35;1mawait\u{1B}[0m"), line)
        XCTAssertFalse(line.contains("\u{1B}[35;1mhit"), line)
    }

    func testListsNestAndWrapUnderTheirBullet() {
        let markdown =
            "- first item that is long enough to wrap onto a second line\n  - nested\n- second\n\n1. one\n2. two"
        let lines = plain.renderLines(markdown)
        XCTAssertEqual(
            lines,
            [
                "• first item that is long enough to wrap",
                "  onto a second line",
                "  • nested",
                "• second",
                "",
                "1. one",
                "2. two",
            ])
    }

    func testBlockQuotesArePrefixed() {
        XCTAssertEqual(
            plain.renderLines("> An LLM feature without caching is a money pit."),
            ["│ An LLM feature without caching is a", "│ money pit."])
    }

    func testTablesRenderWithBordersAndAlignment() {
        let markdown = "| kind | answer |\n|---|---:|\n| `single` | b |\n| numeric | 5 s |"
        XCTAssertEqual(
            plain.renderLines(markdown),
            [
                "┌──────────┬────────┐",
                "│ kind     │ answer │",
                "├──────────┼────────┤",
                "│ `single` │      b │",
                "│ numeric  │    5 s │",
                "└──────────┴────────┘",
            ])
    }

    func testWideTablesWrapCellsToFit() {
        let long = String(repeating: "word ", count: 30)
        let lines = TextTable(header: ["a", "b"], rows: [[long, long]]).render(width: 40, painter: .plain)
        for line in lines { XCTAssertLessThanOrEqual(DisplayWidth.of(line), 40, line) }
        XCTAssertGreaterThan(lines.count, 6)
    }
}
