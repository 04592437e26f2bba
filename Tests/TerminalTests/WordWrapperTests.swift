import Terminal
import XCTest

final class WordWrapperTests: XCTestCase {
    private let wrapper = WordWrapper(painter: .plain)

    func testRepeatedSpacesSurviveWrapping() {
        let option = "\"  how do I  RESET my password?\""
        let lines = wrapper.wrap(WordWrapper.keepingRepeatedSpaces(option), width: 80)
        XCTAssertEqual(lines.count, 1)
        XCTAssertEqual(lines[0].replacingOccurrences(of: "\u{00A0}", with: " "), option)
        XCTAssertEqual(DisplayWidth.of(lines[0]), option.count)
    }

    func testSingleSpacesStillBreakLines() {
        let text = WordWrapper.keepingRepeatedSpaces("one two three four")
        XCTAssertEqual(wrapper.wrap(text, width: 9), ["one two", "three", "four"])
        XCTAssertEqual(WordWrapper.keepingRepeatedSpaces(" a  b "), "\u{00A0}a\u{00A0}\u{00A0}b\u{00A0}")
    }
}
