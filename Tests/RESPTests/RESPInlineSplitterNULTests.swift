import XCTest

@testable import RESP

/// Redis splits an inline line with `sdssplitargs`, which reads it as a C string: a NUL byte ends the
/// line there. The server never hands such a line over (it waits for a line feed that `strchr` cannot
/// find), but both of our splitters must still agree with `sdssplitargs` and with each other.
final class RESPInlineSplitterNULTests: XCTestCase {
    private func quoted(_ line: [UInt8]) -> [String]? {
        line.withUnsafeBytes { RESPInlineSplitter.split($0) }?.map { String(decoding: $0, as: UTF8.self) }
    }

    private func plain(_ line: [UInt8]) -> [String] {
        line.withUnsafeBytes { bytes in
            RESPInlineSplitter.plainRanges(bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
        }
    }

    func testANULByteEndsTheLineInBothSplitters() {
        let cases: [([UInt8], [String])] = [
            (Array("ECHO a".utf8) + [0] + Array("b c".utf8), ["ECHO", "a"]),
            (Array("ECHO ".utf8) + [0] + Array(" x".utf8), ["ECHO"]),
            ([0] + Array("PING".utf8), []),
            (Array("SET k".utf8) + [0], ["SET", "k"]),
        ]
        for (line, words) in cases {
            XCTAssertEqual(plain(line), words, "plain \(line)")
            XCTAssertEqual(quoted(line), words, "quoted \(line)")
        }
    }

    func testANULByteInsideQuotesIsUnbalancedButAfterAClosedQuoteEndsTheLine() {
        XCTAssertNil(quoted(Array("ECHO \"a".utf8) + [0] + Array("b\"".utf8)))
        XCTAssertNil(quoted(Array("ECHO 'a".utf8) + [0] + Array("b'".utf8)))
        XCTAssertNil(quoted(Array("ECHO \"a\\".utf8) + [0] + Array("\"".utf8)))
        XCTAssertEqual(quoted(Array("ECHO \"a b\" ".utf8) + [0] + Array("\"x".utf8)), ["ECHO", "a b"])
        XCTAssertEqual(quoted(Array("ECHO a".utf8) + [0] + Array(" \"b c\"".utf8)), ["ECHO", "a"])
    }
}
