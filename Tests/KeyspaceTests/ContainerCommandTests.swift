import Keyspace
import RESP
import XCTest

final class ContainerCommandTests: XCTestCase {
    func testListsPushPopAndRange() throws {
        let h = Harness()
        XCTAssertEqual(h.raw("RPUSH", "l", "a", "b", "c"), ":3\r\n")
        XCTAssertEqual(h.raw("LPUSH", "l", "z"), ":4\r\n")
        XCTAssertEqual(try h.value("LRANGE", "l", "0", "-1"), .array(["z", "a", "b", "c"].map(RESPValue.bulk)))
        XCTAssertEqual(h.raw("RPOP", "l", "2"), "*2\r\n$1\r\nc\r\n$1\r\nb\r\n")
        XCTAssertEqual(h.raw("LPOP", "l"), "$1\r\nz\r\n")
        XCTAssertEqual(h.raw("LPOP", "l"), "$1\r\na\r\n")
        XCTAssertEqual(h.raw("EXISTS", "l"), ":0\r\n")
        XCTAssertEqual(h.raw("LPOP", "l", "1"), "*-1\r\n")
    }

    func testListAlternatingEndsKeepsOrder() throws {
        let h = Harness()
        for i in 0..<50 { h.raw(i % 2 == 0 ? "LPUSH" : "RPUSH", "l", "\(i)") }
        var popped: [String] = []
        for i in 0..<50 { popped.append(try h.value(i % 3 == 0 ? "RPOP" : "LPOP", "l").text ?? "") }
        let expectedOrder =
            (0..<50).filter { $0 % 2 == 0 }.reversed().map(String.init)
            + (0..<50).filter { $0 % 2 == 1 }.map(String.init)
        var model = expectedOrder
        var expected: [String] = []
        for i in 0..<50 { expected.append(i % 3 == 0 ? model.removeLast() : model.removeFirst()) }
        XCTAssertEqual(popped, expected)
    }

    func testHashesKeepInsertionOrderAndCount() throws {
        let h = Harness()
        XCTAssertEqual(h.raw("HSET", "h", "b", "1", "a", "2"), ":2\r\n")
        XCTAssertEqual(h.raw("HSET", "h", "b", "3", "c", "4"), ":1\r\n")
        XCTAssertEqual(try h.value("HGETALL", "h"), .array(["b", "3", "a", "2", "c", "4"].map(RESPValue.bulk)))
        XCTAssertEqual(h.raw("HINCRBY", "h", "a", "40"), ":42\r\n")
        XCTAssertEqual(h.raw("HINCRBY", "h", "zz", "x"), "-ERR value is not an integer or out of range\r\n")
        XCTAssertEqual(h.raw("HDEL", "h", "a", "b", "c"), ":3\r\n")
        XCTAssertEqual(h.raw("EXISTS", "h"), ":0\r\n")
    }

    func testSetsAndSeededSpop() throws {
        let first = Harness(seed: 7)
        let second = Harness(seed: 7)
        for h in [first, second] { h.raw("SADD", "s", "a", "b", "c", "d", "e") }
        XCTAssertEqual(try first.value("SPOP", "s", "2"), try second.value("SPOP", "s", "2"))
        XCTAssertEqual(first.raw("SCARD", "s"), ":3\r\n")
        XCTAssertEqual(first.raw("SADD", "n", "10", "2", "-3"), ":3\r\n")
        XCTAssertEqual(try first.value("SMEMBERS", "n"), .array(["-3", "2", "10"].map(RESPValue.bulk)))
    }

    func testSortedSetsOrderAndBounds() throws {
        let h = Harness()
        h.raw("ZADD", "z", "2", "b", "1", "a", "2", "a2", "3", "c")
        XCTAssertEqual(try h.value("ZRANGE", "z", "0", "-1"), .array(["a", "a2", "b", "c"].map(RESPValue.bulk)))
        XCTAssertEqual(try h.value("ZRANGEBYSCORE", "z", "(1", "2"), .array(["a2", "b"].map(RESPValue.bulk)))
        XCTAssertEqual(h.raw("ZREMRANGEBYSCORE", "z", "-inf", "(2"), ":1\r\n")
        XCTAssertEqual(h.raw("ZPOPMIN", "z"), "*2\r\n$2\r\na2\r\n$1\r\n2\r\n")
        XCTAssertEqual(h.raw("ZADD", "z", "GT", "CH", "1", "c"), ":0\r\n")
        XCTAssertEqual(h.raw("ZSCORE", "z", "c"), "$1\r\n3\r\n")
    }

    func testWrongTypeIsReportedForEveryFamily() {
        let h = Harness()
        h.raw("SET", "s", "v")
        for command in [
            ["LPUSH", "s", "x"], ["HGET", "s", "f"], ["SADD", "s", "m"], ["ZADD", "s", "1", "m"], ["INCR", "l"],
        ] {
            if command[1] == "l" { h.raw("RPUSH", "l", "x") }
            XCTAssertEqual(
                h.rawArray(command), "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n")
        }
    }
}
