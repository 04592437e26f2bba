import Terminal
import XCTest

/// Code wider than the terminal is broken by the renderer, with a `↪` at the start of each
/// continuation, instead of being left for the terminal to wrap at column 0.
final class CodeSoftWrapTests: XCTestCase {
    let command =
        "$ archlab limit simulate --algorithm token-bucket --capacity 10 --refill 5"
        + " --interval 10s --traffic \"burst 20\""

    func testATooWideLineBreaksWithAContinuationMarkAndLosesNothing() {
        let lines = MarkdownRenderer(painter: .plain, width: 40).renderLines("```text\n\(command)\n```")
        XCTAssertGreaterThan(lines.count, 2, "\(lines)")
        for line in lines { XCTAssertLessThanOrEqual(DisplayWidth.of(line), 40, line) }
        XCTAssertTrue(lines[0].hasPrefix("    $ archlab"), lines[0])
        for line in lines.dropFirst() { XCTAssertTrue(line.hasPrefix("    ↪ "), line) }
        let rejoined = lines.enumerated().map { index, line in String(line.dropFirst(index == 0 ? 4 : 6)) }
        XCTAssertEqual(rejoined.joined(), command)
    }

    func testColoursCarryOverABreakAndEveryLineFits() {
        let code = "let text = \"" + String(repeating: "abcdefghij", count: 6) + "\" // done"
        let renderer = MarkdownRenderer(painter: Painter(colorEnabled: true), width: 30)
        let lines = renderer.renderLines("```swift\n\(code)\n```")
        let body = Array(lines.dropFirst())  // the "── swift" label first
        XCTAssertGreaterThan(body.count, 2)
        for line in body { XCTAssertLessThanOrEqual(DisplayWidth.of(line), 30, line) }
        // The string literal is green on every line it spans, and each piece closes its colour.
        XCTAssertTrue(body[1].contains("\u{1B}[32m"), body[1])
        XCTAssertTrue(body[0].hasSuffix("\u{1B}[0m"), body[0])
        let visible = body.map(DisplayWidth.stripANSI).joined()
        XCTAssertEqual(visible.replacingOccurrences(of: "    ↪ ", with: ""), "    " + code)
    }

    func testABlockThatFitsWithoutItsIndentLosesTheIndentRatherThanWrapping() {
        let code = String(repeating: "x", count: 38)
        let lines = MarkdownRenderer(painter: .plain, width: 40).renderLines("```\n\(code)\nshort\n```")
        XCTAssertEqual(lines, ["  " + code, "  short"])
    }

    func testAnEightyColumnListingFitsAnEightyColumnTerminal() {
        let code = String(repeating: "y", count: 80)
        let lines = MarkdownRenderer(painter: .plain, width: 80).renderLines("```swift\n\(code)\n```")
        XCTAssertEqual(lines, ["    ── swift", code])
    }
}
