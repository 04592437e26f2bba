import Keyspace
import NIOCore
import RESP
import SeededRandom
import XCTest

final class KeysAndExpiryTests: XCTestCase {
    func testLazyExpiryHidesAndCountsExpiredKeys() {
        let h = Harness()
        h.raw("SET", "k", "v", "EX", "10")
        XCTAssertEqual(h.raw("TTL", "k"), ":10\r\n")
        h.clock.advance(milliseconds: 9_400)
        XCTAssertEqual(h.raw("TTL", "k"), ":1\r\n")
        XCTAssertEqual(h.raw("PTTL", "k"), ":600\r\n")
        h.clock.advance(milliseconds: 600)
        XCTAssertEqual(h.raw("GET", "k"), "$-1\r\n")
        XCTAssertEqual(h.raw("EXISTS", "k"), ":0\r\n")
        XCTAssertEqual(h.info("expired_keys"), 1)
    }

    func testActiveExpiryShrinksDbsizeWithoutReads() {
        let h = Harness()
        for i in 0..<500 { h.raw("SET", "t\(i)", "v", "PX", "100") }
        for i in 0..<100 { h.raw("SET", "p\(i)", "v") }
        XCTAssertEqual(h.raw("DBSIZE"), ":600\r\n")
        h.clock.advance(milliseconds: 101)
        for _ in 0..<20 { h.keyspace.activeExpireCycle() }
        XCTAssertEqual(h.raw("DBSIZE"), ":100\r\n")
        XCTAssertEqual(h.info("expired_keys"), 500)
    }

    func testExpireOptionsAndPersist() {
        let h = Harness()
        h.raw("SET", "k", "v")
        XCTAssertEqual(h.raw("EXPIRE", "k", "100", "XX"), ":0\r\n")
        XCTAssertEqual(h.raw("EXPIRE", "k", "100", "NX"), ":1\r\n")
        XCTAssertEqual(h.raw("EXPIRE", "k", "50", "GT"), ":0\r\n")
        XCTAssertEqual(h.raw("PEXPIRE", "k", "50000", "LT"), ":1\r\n")
        XCTAssertEqual(h.raw("TTL", "k"), ":50\r\n")
        XCTAssertEqual(h.raw("PERSIST", "k"), ":1\r\n")
        XCTAssertEqual(h.raw("TTL", "k"), ":-1\r\n")
        XCTAssertEqual(h.raw("EXPIREAT", "k", "1"), ":1\r\n")
        XCTAssertEqual(h.raw("TTL", "k"), ":-2\r\n")
    }

    func testScanVisitsEveryKeyOnceAcrossCursors() throws {
        let h = Harness()
        for i in 0..<95 { h.raw("SET", "key\(i)", "v") }
        var cursor = "0"
        var seen: [String] = []
        repeat {
            guard case .array(let parts) = try h.value("SCAN", cursor, "COUNT", "7"),
                parts.count == 2, let next = parts[0].text, case .array(let keys) = parts[1]
            else { return XCTFail("SCAN reply is not [cursor, keys]") }
            seen += keys.compactMap(\.text)
            cursor = next
        } while cursor != "0"
        XCTAssertEqual(Set(seen).count, 95)
        XCTAssertEqual(seen.count, 95)
    }

    func testKeysPatternsAndRename() throws {
        let h = Harness()
        h.raw("MSET", "user:1", "a", "user:2", "b", "session:1", "c")
        guard case .array(let users) = try h.value("KEYS", "user:*") else { return XCTFail("KEYS reply") }
        XCTAssertEqual(Set(users.compactMap(\.text)), ["user:1", "user:2"])
        h.raw("EXPIRE", "user:1", "100")
        XCTAssertEqual(h.raw("RENAME", "user:1", "user:9"), "+OK\r\n")
        XCTAssertEqual(h.raw("TTL", "user:9"), ":100\r\n")
        XCTAssertEqual(h.raw("RENAME", "nope", "x"), "-ERR no such key\r\n")
    }

    func testSelectIsolatesDatabases() {
        let h = Harness()
        h.raw("SET", "k", "zero")
        XCTAssertEqual(h.raw("SELECT", "15"), "+OK\r\n")
        XCTAssertEqual(h.raw("GET", "k"), "$-1\r\n")
        XCTAssertEqual(h.raw("SELECT", "16"), "-ERR DB index is out of range\r\n")
        let other = h.keyspace.makeSession()
        var reply = ByteBuffer()
        h.keyspace.execute([ByteBuffer(string: "GET"), ByteBuffer(string: "k")], session: other, into: &reply)
        XCTAssertEqual(String(buffer: reply), "$4\r\nzero\r\n")
    }
}

final class StorageIntegrityTests: XCTestCase {
    func testManyInsertsAndDeletesKeepEveryKeyFindable() {
        let h = Harness()
        var random = SplitMix64(seed: 5)
        var model: [String: String] = [:]
        for step in 0..<20_000 {
            let key = "k\(random.next() % 3_000)" + (random.next() % 4 == 0 ? String(repeating: "L", count: 20) : "")
            if random.next() % 3 == 0 {
                XCTAssertEqual(
                    h.raw("DEL", key), model.removeValue(forKey: key) == nil ? ":0\r\n" : ":1\r\n", "step \(step)")
            } else {
                let value = "v\(step)"
                h.raw("SET", key, value)
                model[key] = value
            }
        }
        XCTAssertEqual(h.raw("DBSIZE"), ":\(model.count)\r\n")
        for (key, value) in model {
            XCTAssertEqual(h.raw("GET", key), "$\(value.utf8.count)\r\n\(value)\r\n")
        }
        h.raw("FLUSHDB")
        XCTAssertEqual(h.raw("DBSIZE"), ":0\r\n")
        XCTAssertEqual(h.info("used_memory"), Harness().info("used_memory"))
    }
}

final class GlobPatternTests: XCTestCase {
    func testPatternsMatchLikeRedis() throws {
        let h = Harness()
        h.raw("MSET", "hello", "1", "hallo", "2", "hxllo", "3", "hllo", "4", "heeeello", "5", "a*b", "6")
        func keys(_ pattern: String) throws -> Set<String> {
            guard case .array(let items) = try h.value("KEYS", pattern) else { return [] }
            return Set(items.compactMap(\.text))
        }
        XCTAssertEqual(try keys("h?llo"), ["hello", "hallo", "hxllo"])
        XCTAssertEqual(try keys("h*llo"), ["hello", "hallo", "hxllo", "hllo", "heeeello"])
        XCTAssertEqual(try keys("h[ae]llo"), ["hello", "hallo"])
        XCTAssertEqual(try keys("h[^e]llo"), ["hallo", "hxllo"])
        XCTAssertEqual(try keys("h[a-b]llo"), ["hallo"])
        XCTAssertEqual(try keys("a\\*b"), ["a*b"])
        XCTAssertEqual(try keys("*e*e*e*e*o"), ["heeeello"])
        h.raw("SET", String(repeating: "a", count: 60), "x")
        XCTAssertEqual(try keys(String(repeating: "*a", count: 30) + "b"), [])
    }
}

final class CallerSuppliedTimeTests: XCTestCase {
    func testExecuteAtASuppliedTimeUsesThatTime() {
        let h = Harness()
        let start = h.keyspace.currentMilliseconds()
        var reply = ByteBuffer()
        h.keyspace.execute(
            ["SET", "k", "v", "PX", "100"].map { ByteBuffer(string: $0) }, session: h.session, into: &reply,
            nowMilliseconds: start)
        reply.clear()
        h.keyspace.execute(
            ["GET", "k"].map { ByteBuffer(string: $0) }, session: h.session, into: &reply, nowMilliseconds: start + 99)
        XCTAssertEqual(String(buffer: reply), "$1\r\nv\r\n")
        reply.clear()
        h.keyspace.execute(
            ["GET", "k"].map { ByteBuffer(string: $0) }, session: h.session, into: &reply, nowMilliseconds: start + 100)
        XCTAssertEqual(String(buffer: reply), "$-1\r\n")
    }
}
