import Terminal
import XCTest

/// The one sanitiser: what it removes (whole escape sequences, C0 but tab and newline, C1, bidi overrides) and
/// what it keeps (text, tabs, newlines, every printable script).
final class ControlCharactersTests: XCTestCase {
    func testWholeEscapeSequencesAreRemoved() {
        XCTAssertEqual(ControlCharacters.sanitize("a\u{1B}[2Jb"), "ab", "CSI screen clear")
        XCTAssertEqual(ControlCharacters.sanitize("a\u{1B}[38;5;196mb"), "ab", "CSI colour")
        XCTAssertEqual(ControlCharacters.sanitize("a\u{1B}]0;pwned\u{07}b"), "ab", "OSC title ended by BEL")
        XCTAssertEqual(ControlCharacters.sanitize("a\u{1B}]8;;http://x\u{1B}\\b"), "ab", "OSC hyperlink ended by ST")
        XCTAssertEqual(ControlCharacters.sanitize("a\u{1B}Pq#0\u{1B}\\b"), "ab", "DCS")
        XCTAssertEqual(ControlCharacters.sanitize("a\u{1B}cb"), "ab", "RIS reset")
        XCTAssertEqual(ControlCharacters.sanitize("a\u{1B}(0b"), "ab", "charset switch")
        XCTAssertEqual(ControlCharacters.sanitize("a\u{9B}31mb"), "ab", "C1 CSI")
        XCTAssertEqual(ControlCharacters.sanitize("a\u{9D}0;t\u{9C}b"), "ab", "C1 OSC ended by C1 ST")
    }

    func testControlsAndBidiOverridesAreRemovedButTabsAndNewlinesKept() {
        XCTAssertEqual(ControlCharacters.sanitize("a\u{07}\u{08}\u{0D}\u{7F}\u{85}b"), "ab")
        XCTAssertEqual(ControlCharacters.sanitize("abc\u{202E}fed\u{202C} \u{2066}x\u{2069}"), "abcfed x")
        XCTAssertEqual(ControlCharacters.sanitize("line 1\n\tline 2"), "line 1\n\tline 2")
        XCTAssertEqual(ControlCharacters.sanitize("Zoë 日本 👩‍💻 \u{200D}"), "Zoë 日本 👩‍💻 \u{200D}")
        XCTAssertEqual(
            ControlCharacters.sanitize("an unterminated \u{1B}]0;title\nnext line"), "an unterminated \nnext line")
    }

    func testStripMakesOneLine() {
        XCTAssertEqual(ControlCharacters.strip("two\nlines\tand \u{1B}[1mbold"), "twolines and bold")
    }
}
