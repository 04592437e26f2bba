import Keyspace
import NIOCore
import RESP
import XCTest

/// SCAN's guarantee under deletes, INFO's sections and statistics, DEBUG's switches and the
/// EXECABORT text after an OOM: behaviour a client notices that a byte comparison cannot pin down.
final class IntrospectionTests: XCTestCase {
    /// Every key of a full SCAN, deleting `deletePerCall` other keys after each call.
    private func scanAll(_ h: Harness, deleting doomed: [String], perCall: Int) throws -> Set<String> {
        var pending = doomed
        var cursor = "0"
        var seen: Set<String> = []
        repeat {
            guard case .array(let parts) = try h.value("SCAN", cursor, "COUNT", "7"),
                case .bulkString(let next) = parts[0], case .array(let keys) = parts[1]
            else {
                XCTFail("SCAN reply is not [cursor, keys]")
                return seen
            }
            cursor = String(decoding: next, as: UTF8.self)
            for case .bulkString(let key) in keys { seen.insert(String(decoding: key, as: UTF8.self)) }
            for _ in 0..<perCall where !pending.isEmpty { h.raw("DEL", pending.removeLast()) }
        } while cursor != "0"
        return seen
    }

    func testScanReportsEveryKeyThatLivesThroughTheScanWhileOthersAreDeleted() throws {
        let h = Harness()
        for i in 0..<300 { h.raw("SET", "stay:\(i)", "v") }
        let doomed = (0..<300).map { "gone:\($0)" }
        for key in doomed { h.raw("SET", key, "v") }
        let seen = try scanAll(h, deleting: doomed.shuffled(), perCall: 5)
        for i in 0..<300 { XCTAssertTrue(seen.contains("stay:\(i)"), "SCAN skipped stay:\(i)") }
    }

    func testScanReportsEveryKeyWhileKeysAreAdded() throws {
        let h = Harness()
        for i in 0..<200 { h.raw("SET", "stay:\(i)", "v") }
        var cursor = "0"
        var seen: Set<String> = []
        var added = 0
        repeat {
            guard case .array(let parts) = try h.value("SCAN", cursor), case .bulkString(let next) = parts[0],
                case .array(let keys) = parts[1]
            else { return XCTFail("SCAN reply is not [cursor, keys]") }
            cursor = String(decoding: next, as: UTF8.self)
            for case .bulkString(let key) in keys { seen.insert(String(decoding: key, as: UTF8.self)) }
            for _ in 0..<10 {
                h.raw("SET", "added:\(added)", "v")
                added += 1
            }
        } while cursor != "0"
        XCTAssertEqual(seen.filter { $0.hasPrefix("stay:") }.count, 200)
    }

    func testSetScanKeepsMembersWhileOthersAreRemoved() throws {
        let h = Harness()
        h.rawArray(["SADD", "s", "x"] + (0..<600).map { String($0) })
        var cursor = "0"
        var seen: Set<String> = []
        var calls = 0
        repeat {
            guard case .array(let parts) = try h.value("SSCAN", "s", cursor), case .bulkString(let next) = parts[0],
                case .array(let members) = parts[1]
            else { return XCTFail("SSCAN reply is not [cursor, members]") }
            cursor = String(decoding: next, as: UTF8.self)
            for case .bulkString(let member) in members { seen.insert(String(decoding: member, as: UTF8.self)) }
            calls += 1
            if calls == 3 { h.rawArray(["SREM", "s"] + (100..<600).map { String($0) }) }
        } while cursor != "0"
        for i in 0..<100 { XCTAssertTrue(seen.contains(String(i)), "SSCAN skipped \(i)") }
        XCTAssertGreaterThan(calls, 3)
    }

    func testInfoSectionsAsRedisSelectsThem() {
        let h = Harness()
        let plain = h.keyspace.infoText()
        XCTAssertTrue(plain.contains("# CPU\r\nused_cpu_sys:"))
        XCTAssertTrue(plain.contains("master_repl_offset:0"))
        XCTAssertTrue(plain.contains("# Errorstats"))
        XCTAssertFalse(plain.contains("# Commandstats"))
        let all = h.keyspace.infoText(sections: ["all"])
        XCTAssertTrue(all.contains("# Commandstats"))
        XCTAssertTrue(all.contains("# Keyspace"))
        let two = h.keyspace.infoText(sections: ["CPU", "commandSTATS"])
        XCTAssertTrue(two.hasPrefix("# CPU\r\n"))
        XCTAssertTrue(two.contains("\r\n\r\n# Commandstats\r\n"))
        XCTAssertFalse(two.contains("used_memory"))
        XCTAssertEqual(h.keyspace.infoText(sections: ["sentinel"]), "")
        let cpuTwice = h.keyspace.infoText(sections: ["cpu", "default"])
        XCTAssertEqual(cpuTwice.components(separatedBy: "used_cpu_user_children").count, 2)
    }

    func testCommandAndErrorStatisticsCountCallsFailuresAndRejections() {
        let h = Harness()
        h.raw("SET", "k", "v")
        h.raw("SET", "k", "v")
        h.raw("INCR", "k")
        h.raw("GET")
        h.raw("LPUSH", "k", "x")
        h.raw("NOSUCHCOMMAND")
        let stats = h.keyspace.infoText(sections: ["commandstats", "errorstats"])
        XCTAssertTrue(stats.contains("cmdstat_set:calls=2,usec=0,usec_per_call=0.00,rejected_calls=0,failed_calls=0"))
        XCTAssertTrue(stats.contains("cmdstat_incr:calls=1,usec=0,usec_per_call=0.00,rejected_calls=0,failed_calls=1"))
        XCTAssertTrue(stats.contains("cmdstat_get:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0"))
        XCTAssertTrue(stats.contains("errorstat_ERR:count=3\r\n"))
        XCTAssertTrue(stats.contains("errorstat_WRONGTYPE:count=1\r\n"))
        XCTAssertEqual(h.info("total_error_replies"), 4)
        h.raw("CONFIG", "RESETSTAT")
        XCTAssertFalse(h.keyspace.infoText(sections: ["errorstats"]).contains("errorstat_"))
    }

    func testExecAbortAfterOOMKeepsTheOOMCode() {
        let h = Harness(KeyspaceConfiguration(maxmemory: 1_000_000, policy: .noeviction))
        h.raw("MULTI")
        h.raw("SET", "k", "v")
        for i in 0..<2_000 {
            var reply = ByteBuffer(string: "")
            let other = h.keyspace.makeSession()
            h.keyspace.execute(
                ["SET", "key:\(i)", String(repeating: "x", count: 100)].map { ByteBuffer(string: $0) },
                session: other, into: &reply)
        }
        XCTAssertEqual(
            h.raw("EXEC"),
            "-EXECABORT Transaction discarded because of: OOM command not allowed when used memory > 'maxmemory'.\r\n")
    }

    func testDebugSetActiveExpireStopsTheActiveCycle() {
        let h = Harness()
        h.raw("SET", "k", "v", "PX", "10")
        XCTAssertEqual(h.raw("DEBUG", "SET-ACTIVE-EXPIRE", "0"), "+OK\r\n")
        h.clock.advance(milliseconds: 100)
        h.keyspace.activeExpireCycle()
        XCTAssertEqual(h.info("expired_keys"), 0)
        h.raw("DEBUG", "SET-ACTIVE-EXPIRE", "1")
        h.keyspace.activeExpireCycle()
        XCTAssertEqual(h.info("expired_keys"), 1)
    }

    func testDebugReloadKeepsTheDataAndObjectReportsSharedIntegers() {
        let h = Harness()
        h.raw("SET", "n", "9999")
        h.raw("SET", "m", "10000")
        XCTAssertEqual(h.raw("DEBUG", "RELOAD"), "+OK\r\n")
        XCTAssertEqual(h.raw("GET", "n"), "$4\r\n9999\r\n")
        XCTAssertEqual(h.raw("OBJECT", "REFCOUNT", "n"), ":2147483647\r\n")
        XCTAssertEqual(h.raw("OBJECT", "REFCOUNT", "m"), ":1\r\n")
        let before = h.raw("DEBUG", "OBJECT", "m")
        h.raw("INCR", "m")
        let after = h.raw("DEBUG", "OBJECT", "m")
        XCTAssertTrue(before.hasPrefix("+Value at:0x"))
        XCTAssertEqual(before.split(separator: " ")[1], after.split(separator: " ")[1])
        XCTAssertEqual(h.raw("DEBUG", "DIGEST-VALUE", "n"), h.raw("DEBUG", "DIGEST-VALUE", "n"))
        h.raw("FLUSHALL")
        XCTAssertEqual(h.raw("DEBUG", "DIGEST"), "+" + String(repeating: "0", count: 40) + "\r\n")
    }

    /// Every new write command invalidates a WATCH on the key it changes, and a no-op leaves it alone.
    func testNewWriteCommandsInvalidateWatchedKeys() {
        let writes: [(setup: [String], watched: String, command: [String], changes: Bool)] = [
            (["SET", "k", "abc"], "k", ["SETRANGE", "k", "1", "x"], true),
            (["SET", "k", "abc"], "k", ["SETRANGE", "k", "1", ""], false),
            (["SET", "k", "a"], "k", ["SETBIT", "k", "6", "1"], true),
            (["SET", "k", "a"], "k", ["SETBIT", "k", "7", "1"], false),
            (["SET", "k", "a"], "d", ["BITOP", "NOT", "d", "k"], true),
            (["SET", "k", "a"], "k", ["GETSET", "k", "b"], true),
            (["SET", "k", "a"], "n", ["MSETNX", "n", "1"], true),
            (["SET", "k", "a"], "c", ["COPY", "k", "c"], true),
            (["SET", "k", "a"], "k", ["MOVE", "k", "1"], true),
            (["SET", "k", "a"], "r", ["RENAMENX", "k", "r"], true),
            (["RPUSH", "l", "2", "1"], "st", ["SORT", "l", "STORE", "st"], true),
            (["SET", "k", "a"], "k", ["BITCOUNT", "k"], false),
            (["SET", "k", "a"], "k", ["SWAPDB", "0", "1"], true),
            (["SET", "k", "a"], "absent", ["SWAPDB", "0", "1"], false),
        ]
        for write in writes {
            let h = Harness()
            h.rawArray(write.setup)
            h.rawArray(["SET", "k", "a"])
            h.rawArray(write.setup)
            h.raw("WATCH", write.watched)
            let other = h.keyspace.makeSession()
            var reply = ByteBuffer()
            h.keyspace.execute(write.command.map { ByteBuffer(string: $0) }, session: other, into: &reply)
            h.raw("MULTI")
            h.raw("PING")
            let exec = h.raw("EXEC")
            XCTAssertEqual(exec, write.changes ? "*-1\r\n" : "*1\r\n+PONG\r\n", write.command.joined(separator: " "))
        }
    }
}
