import Keyspace
import NIOCore
import RESP
import XCTest

/// RESPReplyParser reads one whole reply and says plainly when the bytes end before it does.
final class ReplyParserTests: XCTestCase {
    func testParsesOneReplyAndLeavesTheNext() throws {
        var buffer = ByteBuffer(string: "*2\r\n$3\r\nfoo\r\n:7\r\n+OK\r\n")
        XCTAssertEqual(try RESPReplyParser.parse(&buffer), .array([.bulk("foo"), .integer(7)]))
        XCTAssertEqual(String(buffer: buffer), "+OK\r\n")
    }

    func testACutShortReplyThrowsTheTruncationError() {
        for partial in ["", "$5\r\nhel", "*2\r\n:1\r\n", "+OK"] {
            var buffer = ByteBuffer(string: partial)
            XCTAssertThrowsError(try RESPReplyParser.parse(&buffer), partial) { error in
                XCTAssertEqual("\(error)", "RESP reply ended before it was complete")
            }
        }
    }
}
