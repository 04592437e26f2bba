import Foundation
import Keyspace
import NIOCore
import RESP
import SeededRandom
import TestSupport
import XCTest

/// Seeded random command streams sent to both the in-process Keyspace and a real redis-server:
/// every reply must match byte for byte (set members compared as multisets). Times are kept
/// to whole seconds of at least 10, or the past, so the two servers' clocks cannot disagree.
final class RandomDifferentialTests: XCTestCase {
    private static let names = [
        "GET", "SET", "SETEX", "SETNX", "GETDEL", "GETEX", "MGET", "MSET", "APPEND", "STRLEN", "INCR", "DECR",
        "INCRBY", "DECRBY", "INCRBYFLOAT", "DEL", "EXISTS", "TYPE", "EXPIRE", "EXPIREAT", "TTL", "PERSIST", "RENAME",
        "DBSIZE", "SELECT", "LPUSH", "RPUSH", "LPOP", "RPOP", "LRANGE", "LLEN", "HSET", "HGET", "HMGET", "HGETALL",
        "HDEL", "HINCRBY", "HLEN", "HEXISTS", "SADD", "SREM", "SMEMBERS", "SISMEMBER", "SCARD", "ZADD", "ZREM",
        "ZCARD", "ZSCORE", "ZRANGE", "ZRANGEBYSCORE", "ZREMRANGEBYSCORE", "ZPOPMIN", "MULTI", "EXEC", "DISCARD",
        "WATCH", "UNWATCH", "PING", "ECHO", "NOPE", "UNLINK", "KEYS", "FLUSHDB",
    ]
    private static let words = [
        "a", "b", "c", "a", "b", "c", "0", "-1", "10", "100", "-100", "1000", "9223372036854775807",
        "1.5", "-0", "inf", "-inf", "(1", "(2", "abc", "", "NX", "XX", "GT", "LT", "CH", "INCR", "GET", "EX",
        "KEEPTTL", "PERSIST", "WITHSCORES", "LIMIT", "BYSCORE", "REV", "x", "y", "1e3", "0.1", "EXAT", "PXAT",
        "99999999999", "-9223372036854775808", "+inf", "(", "nan", "0x10", " 1", "1 ", "-5", "(-inf", "5000000000",
    ]

    /// Seeds to run; `ARCHLAB_FUZZ_SEEDS=N` runs seeds 1...N for a longer local search.
    private static var seeds: ClosedRange<UInt64> {
        1...(UInt64(ProcessInfo.processInfo.environment["ARCHLAB_FUZZ_SEEDS"] ?? "") ?? 6)
    }

    private static let sortedSetNames = [
        "ZADD", "ZADD", "ZADD", "ZREM", "ZCARD", "ZSCORE", "ZRANGE", "ZRANGE", "ZRANGEBYSCORE", "ZREMRANGEBYSCORE",
        "ZPOPMIN", "LPUSH", "RPOP", "LRANGE", "HSET", "HINCRBY", "HMGET", "HDEL",
    ]
    private static let sortedSetWords = [
        "z", "z", "z", "y", "m", "n", "o", "p", "0", "1", "2", "-1", "-2", "10", "1.5", "-0", "2.5e1", "inf", "-inf",
        "+inf", "(1", "(2", "(inf", "(-inf", "NX", "XX", "GT", "LT", "CH", "INCR", "WITHSCORES", "LIMIT", "BYSCORE",
        "REV", "0.1", "0.2", "0.30000000000000004", "abc", "5",
    ]

    func testRandomStreamsMatchRealRedis() throws {
        try compare(names: Self.names, words: Self.words, seeds: Self.seeds)
    }

    func testRandomSortedSetStreamsMatchRealRedis() throws {
        try compare(names: Self.sortedSetNames, words: Self.sortedSetWords, seeds: Self.seeds)
    }

    func compare(names: [String], words: [String], seeds: ClosedRange<UInt64>) throws {
        try compareRandomStreams(names: names, words: words, seeds: seeds) { name in
            name == "SMEMBERS" || name == "EXEC" || name == "KEYS" ? "sort" : nil
        }
    }
}

/// Seeded random command streams over `names` and `words`, sent to an in-process Keyspace and to a
/// real redis-server (RESP3 on even seeds); every reply must match as `mask(command)` says.
func compareRandomStreams(
    names: [String], words: [String], seeds: ClosedRange<UInt64>, mask: (String) -> String?
) throws {
    let real = try ReferenceRedis.start()
    defer { real.stop() }
    let keyspace = Keyspace()
    var mismatches: [String] = []
    for seed in seeds {
        var random = SplitMix64(seed: seed)
        let connection = try BlockingConnection(port: real.port)
        defer { connection.close() }
        let session = keyspace.makeSession()
        _ = try connection.roundTrip(["FLUSHALL"])
        var reply = ByteBuffer()
        keyspace.execute([ByteBuffer(string: "FLUSHALL")], session: session, into: &reply)
        if seed % 2 == 0 {
            keyspace.execute(["HELLO", "3"].map { ByteBuffer(string: $0) }, session: session, into: &reply)
            _ = try connection.roundTrip(["HELLO", "3"])
        }
        for step in 0..<1_500 {
            let name = names[Int(random.next() % UInt64(names.count))]
            let count = 1 + Int(random.next() % 6)
            let argv = [name] + (0..<count).map { _ in words[Int(random.next() % UInt64(words.count))] }
            var ours = ByteBuffer()
            keyspace.execute(argv.map { ByteBuffer(string: $0) }, session: session, into: &ours)
            let theirs = try connection.roundTrip(argv)
            let mine = Array(ours.readableBytesView)
            if !ReplyMask.equal(mine, theirs, mask: mask(name)) && mismatches.count < 25 {
                mismatches.append(
                    """
                        seed \(seed) step \(step): \(argv.joined(separator: " "))\n  redis: \
                        \(ReplyMask.show(theirs))\n  ours:  \(ReplyMask.show(mine))
                        """
                )
            }
        }
        keyspace.closeSession(session)
    }
    XCTAssertTrue(mismatches.isEmpty, "replies differ:\n" + mismatches.joined(separator: "\n"))
}
