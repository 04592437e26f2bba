import SeededRandom
import XCTest

@testable import CourseKit

/// The loader's byte-level shortcuts (trimming, key lines) against the Character-level rules they stand in for.
final class ByteFastPathTests: XCTestCase {
    /// Pieces that sit on every boundary the shortcuts look at: ASCII and Unicode whitespace, CR LF, combining
    /// marks (also on a space), quotes, `=` and `.`.
    private let pieces = [
        "", " ", "\t", "\r\n", "\n", "\r", "\u{0B}", "a", "Z9", "é", "e\u{301}", " \u{301}", "\u{00A0}", "\u{2003}",
        "\u{85}", "x y", "\"", "'", "=", ".", "#", "ключ",
    ]

    /// What `trimmingWhitespace` did before its byte shortcut: trim whole Characters that are whitespace.
    private func characterTrim(_ text: String) -> String {
        var slice = Substring(text)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }

    func testTrimmingMatchesCharacterTrimmingOnEveryShortCombination() {
        for first in pieces {
            for second in pieces {
                for third in pieces {
                    let text = first + second + third
                    XCTAssertEqual(text.trimmingWhitespace(), characterTrim(text), "\(Array(text.unicodeScalars))")
                }
            }
        }
    }

    func testTrimmingMatchesCharacterTrimmingOnSeededLongerStrings() {
        var generator = SplitMix64(seed: 4)
        for _ in 0..<3000 {
            let count = Int(generator.next() % 8)
            let text = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            XCTAssertEqual(text.trimmingWhitespace(), characterTrim(text), "\(Array(text.unicodeScalars))")
        }
    }

    /// Quoted dotted keys, non-ASCII keys (the Character path) and values with `=` place keys as before.
    func testKeyLinesWithQuotesAndNonASCIIKeysAreLocated() {
        let text = """
            "a.b".c = 1
            ключ = 2
            [t]
              'x' . y = "é = 3"
            e\u{301}t\u{E9} = 4
            not a key line
            z = "\u{2003}"
            """
        let locator = TOMLKeyLocator(text: text)
        XCTAssertEqual(locator.position(of: "a.b.c"), .init(line: 1, column: 1))
        XCTAssertEqual(locator.position(of: "ключ"), .init(line: 2, column: 1))
        XCTAssertEqual(locator.position(of: "t.x.y"), .init(line: 4, column: 3))
        XCTAssertEqual(locator.position(of: "t.e\u{301}t\u{E9}"), .init(line: 5, column: 1))
        XCTAssertEqual(locator.position(of: "t.z"), .init(line: 7, column: 1))
        XCTAssertEqual(locator.position(of: "t.not a key line"), .init(line: 3, column: 1))
    }
}
