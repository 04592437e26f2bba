import Keyspace
import RESP
import XCTest

final class StringCommandTests: XCTestCase {
    func testSetGetAndMissingKey() {
        let h = Harness()
        XCTAssertEqual(h.raw("SET", "k", "v"), "+OK\r\n")
        XCTAssertEqual(h.raw("get", "k"), "$1\r\nv\r\n")
        XCTAssertEqual(h.raw("GET", "nope"), "$-1\r\n")
    }

    func testIncrementsAndTheirErrors() {
        let h = Harness()
        XCTAssertEqual(h.raw("INCR", "n"), ":1\r\n")
        XCTAssertEqual(h.raw("INCRBY", "n", "41"), ":42\r\n")
        XCTAssertEqual(h.raw("DECR", "n"), ":41\r\n")
        h.raw("SET", "big", "9223372036854775807")
        XCTAssertEqual(h.raw("INCR", "big"), "-ERR increment or decrement would overflow\r\n")
        h.raw("SET", "s", "abc")
        XCTAssertEqual(h.raw("INCR", "s"), "-ERR value is not an integer or out of range\r\n")
        h.raw("SET", "f", "10.5")
        XCTAssertEqual(h.raw("INCRBYFLOAT", "f", "0.1"), "$4\r\n10.6\r\n")
    }

    func testSetOptions() {
        let h = Harness()
        XCTAssertEqual(h.raw("SET", "k", "v", "NX"), "+OK\r\n")
        XCTAssertEqual(h.raw("SET", "k", "w", "NX"), "$-1\r\n")
        XCTAssertEqual(h.raw("SET", "k", "w", "XX", "GET"), "$1\r\nv\r\n")
        XCTAssertEqual(h.raw("SET", "k", "v", "EX", "0"), "-ERR invalid expire time in 'set' command\r\n")
        XCTAssertEqual(h.raw("SET", "k", "v", "NX", "XX"), "-ERR syntax error\r\n")
        XCTAssertEqual(h.raw("SET", "k", "v", "PX", "1500"), "+OK\r\n")
        XCTAssertEqual(h.raw("PTTL", "k"), ":1500\r\n")
        h.clock.advance(milliseconds: 1500)
        XCTAssertEqual(h.raw("GET", "k"), "$-1\r\n")
    }
}

final class IntegerFormattingTests: XCTestCase {
    func testIncrementsStoreRedisDecimalText() {
        let h = Harness()
        for value in ["0", "-1", "9", "10", "-10", "123456789012345678", "9223372036854775806", "-9223372036854775807"]
        {
            h.raw("SET", "n", value)
            let expected = String(Int64(value).map { $0 + 1 } ?? 0)
            XCTAssertEqual(h.raw("INCR", "n"), ":\(expected)\r\n")
            XCTAssertEqual(h.raw("GET", "n"), "$\(expected.utf8.count)\r\n\(expected)\r\n")
        }
        h.raw("SET", "m", "-9223372036854775807")
        XCTAssertEqual(h.raw("DECR", "m"), ":-9223372036854775808\r\n")
        XCTAssertEqual(h.raw("GET", "m"), "$20\r\n-9223372036854775808\r\n")
    }
}
