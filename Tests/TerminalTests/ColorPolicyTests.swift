import Terminal
import XCTest

final class ColorPolicyTests: XCTestCase {
    func testColourOnlyOnATerminalWithoutOptOuts() {
        XCTAssertTrue(
            ColorPolicy(outputIsTerminal: true, environment: ["TERM": "xterm-256color"], noColorFlag: false).allowsColor
        )
        XCTAssertFalse(
            ColorPolicy(outputIsTerminal: false, environment: ["TERM": "xterm"], noColorFlag: false).allowsColor)
        XCTAssertFalse(
            ColorPolicy(outputIsTerminal: true, environment: ["TERM": "dumb"], noColorFlag: false).allowsColor)
        XCTAssertFalse(
            ColorPolicy(outputIsTerminal: true, environment: ["NO_COLOR": "1"], noColorFlag: false).allowsColor)
        XCTAssertFalse(ColorPolicy(outputIsTerminal: true, environment: [:], noColorFlag: true).allowsColor)
    }

    func testEmptyNoColorDoesNotDisableColour() {
        XCTAssertTrue(
            ColorPolicy(outputIsTerminal: true, environment: ["NO_COLOR": ""], noColorFlag: false).allowsColor)
    }

    func testPlainPainterEmitsNoEscapes() {
        XCTAssertEqual(Painter.plain.paint("hi", .bold, .red), "hi")
        XCTAssertEqual(Painter(colorEnabled: true).paint("hi", .bold, .red), "\u{1B}[1;31mhi\u{1B}[0m")
    }

    func testControlCharactersAreStripped() {
        XCTAssertEqual(ControlCharacters.strip("ad\u{1B}[2Ja\u{7}\u{9B}1mx"), "adax")
        XCTAssertEqual(ControlCharacters.strip("tab\there"), "tab here")
        XCTAssertEqual(ControlCharacters.strip("Zoë 日本"), "Zoë 日本")
    }

    func testDisplayWidthIgnoresEscapesAndCountsWideCharacters() {
        XCTAssertEqual(DisplayWidth.of("\u{1B}[1mbold\u{1B}[0m"), 4)
        XCTAssertEqual(DisplayWidth.of("日本"), 4)
        XCTAssertEqual(DisplayWidth.truncate("abcdefgh", to: 5), "abcd…")
    }
}
