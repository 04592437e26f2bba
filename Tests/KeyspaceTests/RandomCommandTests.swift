import Clocks
import Foundation
import Keyspace
import NIOCore
import RESP
import SeededRandom
import XCTest

/// Seeded random command streams: every command, however malformed, must produce exactly one
/// complete, parseable reply, and the keyspace must keep answering PING.
final class RandomCommandTests: XCTestCase {
    private static let names = [
        "GET", "SET", "SETEX", "PSETEX", "SETNX", "GETDEL", "GETEX", "MGET", "MSET", "APPEND", "STRLEN", "INCR",
        "DECR", "INCRBY", "DECRBY", "INCRBYFLOAT", "DEL", "UNLINK", "EXISTS", "TYPE", "EXPIRE", "PEXPIRE",
        "EXPIREAT", "PEXPIREAT", "TTL", "PTTL", "PERSIST", "KEYS", "SCAN", "RENAME", "DBSIZE", "FLUSHDB", "SELECT",
        "LPUSH", "RPUSH", "LPOP", "RPOP", "LRANGE", "LLEN", "HSET", "HGET", "HMGET", "HGETALL", "HDEL", "HINCRBY",
        "HLEN", "HEXISTS", "SADD", "SREM", "SMEMBERS", "SISMEMBER", "SCARD", "SPOP", "ZADD", "ZREM", "ZCARD",
        "ZSCORE", "ZRANGE", "ZRANGEBYSCORE", "ZREMRANGEBYSCORE", "ZPOPMIN", "MULTI", "EXEC", "DISCARD", "WATCH",
        "UNWATCH", "PING", "ECHO", "HELLO", "AUTH", "CLIENT", "INFO", "CONFIG", "COMMAND", "TIME", "NOPE",
    ]
    private static let words = [
        "a", "b", "c", "0", "1", "-1", "2", "3", "10", "100", "-100", "9223372036854775807", "-9223372036854775808",
        "99999999999999999999", "1.5", "-0", "inf", "-inf", "+inf", "(1", "(", "nan", "abc", "", "*", "a*", "[a-", "\\",
        "NX", "XX", "GT", "LT", "CH", "INCR", "GET", "EX", "PX", "EXAT", "PXAT", "KEEPTTL", "PERSIST", "WITHSCORES",
        "LIMIT", "BYSCORE", "REV", "MATCH", "COUNT", "TYPE", "SETNAME", "AUTH", "default", "ID", "GETNAME",
        "SETINFO", "LIB-NAME", "maxmemory", "maxmemory-policy", "allkeys-lru", "save", "RESETSTAT", "3", "list",
        String(repeating: "x", count: 40),
    ]

    func testRandomCommandsAlwaysAnswerExactlyOnce() throws {
        var random = SplitMix64(seed: UInt64(ProcessInfo.processInfo.environment["ARCHLAB_FUZZ_SEED"] ?? "") ?? 42)
        let clock = ManualClock(milliseconds: 1_700_000_000_000)
        let keyspace = Keyspace(
            configuration: KeyspaceConfiguration(maxmemory: 2_000_000, policy: .allkeysLRU), clock: clock, seed: 9)
        var sessions = (0..<4).map { _ in keyspace.makeSession() }
        for step in 0..<20_000 {
            let index = Int(random.next() % UInt64(sessions.count))
            let name = Self.names[Int(random.next() % UInt64(Self.names.count))]
            let count = Int(random.next() % 6)
            let argv = [name] + (0..<count).map { _ in Self.words[Int(random.next() % UInt64(Self.words.count))] }
            var reply = ByteBuffer()
            keyspace.execute(argv.map { ByteBuffer(string: $0) }, session: sessions[index], into: &reply)
            XCTAssertNoThrow(try RESPReplyParser.parse(&reply), "step \(step): \(argv)")
            XCTAssertEqual(reply.readableBytes, 0, "step \(step): \(argv) wrote more than one reply")
            if sessions[index].shouldClose {
                keyspace.closeSession(sessions[index])
                sessions[index] = keyspace.makeSession()
            }
            if step % 100 == 0 {
                clock.advance(milliseconds: 700)
                keyspace.activeExpireCycle()
            }
        }
        var reply = ByteBuffer()
        keyspace.execute([ByteBuffer(string: "PING")], session: keyspace.makeSession(), into: &reply)
        XCTAssertEqual(String(buffer: reply), "+PONG\r\n")
        keyspace.execute([ByteBuffer(string: "FLUSHALL")], session: keyspace.makeSession(), into: &reply)
        XCTAssertEqual(Self.usedMemory(keyspace), Self.usedMemory(Keyspace()), "memory accounting drifted")
    }

    private static func usedMemory(_ keyspace: Keyspace) -> String? {
        keyspace.infoText(sections: ["memory"]).split(separator: "\r\n").first { $0.hasPrefix("used_memory:") }.map(
            String.init)
    }
}
