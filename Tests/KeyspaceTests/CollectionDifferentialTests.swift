import Foundation
import Keyspace
import NIOCore
import RESP
import SeededRandom
import TestSupport
import XCTest

/// The list, hash, set and sorted-set commands of Redis's type units, sent as seeded random streams
/// and as named edge cases to the in-process Keyspace and to a real redis-server 7.0.15: replies must
/// match byte for byte (replies listing a set compared as multisets, random draws by shape).
final class CollectionDifferentialTests: XCTestCase {
    private static var seeds: ClosedRange<UInt64> {
        1...(UInt64(ProcessInfo.processInfo.environment["ARCHLAB_FUZZ_SEEDS"] ?? "") ?? 6)
    }

    private static let listNames = [
        "LPUSH", "RPUSH", "LPUSHX", "RPUSHX", "LINDEX", "LSET", "LINSERT", "LREM", "LTRIM", "LPOS", "LPOS",
        "LRANGE", "LLEN", "LPOP", "RPOP", "SET",
    ]
    private static let listWords = [
        "a", "a", "a", "b", "b", "x", "y", "z", "0", "1", "2", "-1", "-2", "3", "10", "-10", "BEFORE", "AFTER",
        "RANK", "COUNT", "MAXLEN", "before", "9223372036854775807", "-9223372036854775808", "abc", "",
    ]

    private static let hashNames = [
        "HSET", "HMSET", "HSETNX", "HKEYS", "HVALS", "HSTRLEN", "HINCRBYFLOAT", "HINCRBY", "HGETALL", "HDEL",
        "HLEN", "HGET", "SET", "HRANDFIELD",
    ]
    private static let hashWords = [
        "h", "h", "h", "g", "f", "f", "x", "y", "1", "1.5", "-2", "10.25", "1e3", "inf", "nan", "abc", "",
        "5.0e3", "0x10", "3.0", "17", "-0", "WITHVALUES", "0",
    ]

    private static let setNames = [
        "SADD", "SADD", "SREM", "SINTER", "SUNION", "SDIFF", "SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE",
        "SINTERCARD", "SMOVE", "SMISMEMBER", "SMEMBERS", "SCARD", "SET", "SRANDMEMBER",
    ]
    private static let setWords = [
        "s", "s", "t", "t", "u", "k", "1", "2", "3", "4", "10", "-1", "a", "b", "c", "LIMIT", "0", "5",
    ]

    private static let sortedSetNames = [
        "ZADD", "ZADD", "ZINCRBY", "ZCOUNT", "ZLEXCOUNT", "ZRANK", "ZREVRANK", "ZREVRANGE", "ZREVRANGEBYSCORE",
        "ZRANGEBYLEX", "ZREVRANGEBYLEX", "ZRANGE", "ZRANGESTORE", "ZREMRANGEBYRANK", "ZREMRANGEBYLEX", "ZMSCORE",
        "ZRANGEBYSCORE", "ZCARD", "SADD", "ZRANDMEMBER",
    ]
    private static let sortedSetWords = [
        "z", "z", "z", "y", "a", "b", "c", "d", "0", "1", "2", "-1", "-2", "1.5", "inf", "-inf", "(1", "[a", "(b",
        "[c", "-", "+", "(", "[", "BYLEX", "BYSCORE", "REV", "LIMIT", "WITHSCORES", "0", "1", "-1",
    ]

    private static let algebraNames = [
        "ZADD", "ZADD", "SADD", "ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE", "ZUNION", "ZINTER", "ZDIFF",
        "ZINTERCARD", "ZRANGE",
    ]
    private static let algebraWords = [
        "z", "y", "x", "z", "y", "1", "2", "2", "3", "0", "-1", "a", "b", "c", "1.5", "inf", "-inf", "WEIGHTS",
        "AGGREGATE", "SUM", "MIN", "MAX", "WITHSCORES", "LIMIT", "0", "-3",
    ]

    /// Commands whose reply lists a set: compared as multisets.
    private static let unordered: Set<String> = [
        "SINTER", "SUNION", "SDIFF", "SMEMBERS", "HKEYS", "HVALS",
    ]
    /// Commands whose reply is drawn at random: compared by RESP type only (the state is not changed).
    private static let random: Set<String> = ["SRANDMEMBER", "HRANDFIELD", "ZRANDMEMBER"]

    func testRandomListStreamsMatchRealRedis() throws {
        try compare(names: Self.listNames, words: Self.listWords)
    }

    func testRandomHashStreamsMatchRealRedis() throws {
        try compare(names: Self.hashNames, words: Self.hashWords)
    }

    func testRandomSetStreamsMatchRealRedis() throws {
        try compare(names: Self.setNames, words: Self.setWords)
    }

    func testRandomSortedSetStreamsMatchRealRedis() throws {
        try compare(names: Self.sortedSetNames, words: Self.sortedSetWords)
    }

    func testRandomSortedSetAlgebraStreamsMatchRealRedis() throws {
        try compare(names: Self.algebraNames, words: Self.algebraWords)
    }

    private func compare(names: [String], words: [String]) throws {
        try compareRandomStreams(names: names, words: words, seeds: Self.seeds) { name in
            Self.random.contains(name) ? "type" : Self.unordered.contains(name) ? "sort" : nil
        }
    }

    /// DBL_MAX written out in full: 309 digits.
    private static let dblMax = String(format: "%.0f", Double.greatestFiniteMagnitude)

    /// Named cases: each a short script run on a fresh database of both servers, in RESP2 and RESP3.
    private static let named: [[String]] = [
        // ZADD with DBL_MAX written out in full (309 digits) and scores past it.
        ["ZADD z 9e308 a", "ZADD z 1e309 b", "ZSCORE z a", "ZADD z \(dblMax) m", "ZADD z -\(dblMax) n",
         "ZADD z \(dblMax)0 o", "ZSCORE z m", "ZRANGE z 0 -1 WITHSCORES", "ZRANGEBYSCORE z -\(dblMax) (\(dblMax)"],
        // ZRANGE … BYLEX, its errors and the older commands.
        ["ZADD z 0 a 0 b 0 c 0 d 0 e 0 f", "ZRANGE z [b (e BYLEX", "ZRANGE z (e [b BYLEX REV",
         "ZRANGE z - + BYLEX LIMIT 1 2", "ZRANGE z + - BYLEX", "ZRANGE z - + BYLEX WITHSCORES", "ZRANGE z a b BYLEX",
         "ZRANGEBYLEX z - +", "ZREVRANGEBYLEX z + - LIMIT 0 3", "ZRANGEBYLEX z [c [c", "ZRANGEBYLEX z (c [c",
         "ZLEXCOUNT z [b [d", "ZLEXCOUNT z - +", "ZLEXCOUNT z +x -", "ZREMRANGEBYLEX z [a (c", "ZRANGE z 0 -1",
         "ZRANGEBYLEX z - + BYLEX", "ZRANGEBYSCORE z -inf +inf BYSCORE"],
        // Ranks, counts and the reverse forms.
        ["ZADD z 1 a 2 b 3 c 3 d", "ZRANK z c", "ZREVRANK z c", "ZRANK z nope", "ZRANK nokey a", "ZCOUNT z (1 3",
         "ZCOUNT z 3 1", "ZCOUNT z x 1", "ZREVRANGE z 0 1 WITHSCORES", "ZREVRANGEBYSCORE z +inf (1 LIMIT 1 5",
         "ZREVRANGEBYSCORE z 1 3", "ZREMRANGEBYRANK z -2 -1", "ZRANGE z 0 -1 WITHSCORES", "ZMSCORE z a x b",
         "ZMSCORE nokey a", "ZINCRBY z 1.5 a", "ZINCRBY z nx a", "ZINCRBY z 1 new", "ZADD z inf i",
         "ZINCRBY z -inf i", "ZINCRBY nokey2 5 m"],
        // ZRANGESTORE: replaces the destination, deletes it on an empty result.
        ["ZADD src 1 a 2 b 3 c", "SET dst x", "EXPIRE dst 100", "ZRANGESTORE dst src 0 1", "TTL dst",
         "ZRANGE dst 0 -1 WITHSCORES", "ZRANGESTORE dst src (5 +inf BYSCORE", "EXISTS dst",
         "ZRANGESTORE dst src [b + BYLEX REV", "ZRANGESTORE dst src 0 -1 WITHSCORES", "ZRANGESTORE dst nokey 0 -1",
         "EXISTS dst", "SET str x", "ZRANGESTORE dst str 0 -1", "ZRANGESTORE dst src +inf -inf BYSCORE REV LIMIT 1 1",
         "ZRANGE dst 0 -1 WITHSCORES"],
        // Unions, intersections and differences, with sets as inputs.
        ["ZADD a 1 x 2 y 3 z", "ZADD b 10 y 20 z 30 w", "SADD s y w q", "ZUNIONSTORE out 3 a b s WEIGHTS 1 2 3",
         "ZRANGE out 0 -1 WITHSCORES", "ZINTERSTORE out 2 a b AGGREGATE MAX", "ZRANGE out 0 -1 WITHSCORES",
         "ZINTER 3 a b s WITHSCORES", "ZUNION 2 a b AGGREGATE MIN WITHSCORES", "ZDIFF 2 b a WITHSCORES",
         "ZDIFFSTORE out 2 a a", "EXISTS out", "ZINTERCARD 2 a b", "ZINTERCARD 2 a b LIMIT 1",
         "ZINTERCARD 2 a b LIMIT -1", "ZUNIONSTORE out 0 a", "ZUNIONSTORE out 3 a b", "ZUNION 1 a WEIGHTS x",
         "ZUNION 2 a b AGGREGATE AVG", "ZDIFF 2 a b WEIGHTS 1 2", "SET str v", "ZUNION 2 a str",
         "ZUNION 2 a b WEIGHTS inf -inf WITHSCORES", "ZINTER 2 a a WEIGHTS 0 inf WITHSCORES"],
        // Lists: indices, edits and LPOS.
        ["RPUSH l a b c a b c a", "LINDEX l -1", "LINDEX l 7", "LINDEX l x", "LINDEX nokey x", "LSET l -2 B",
         "LSET l 9 z", "LSET nokey 0 z", "LINSERT l BEFORE c X", "LINSERT l after nope X", "LINSERT l middle a X",
         "LINSERT nokey BEFORE a X", "LREM l -2 a", "LRANGE l 0 -1", "LPOS l c", "LPOS l c RANK -1",
         "LPOS l c COUNT 0", "LPOS l c RANK 2 COUNT 1", "LPOS l c MAXLEN 2", "LPOS l c RANK 0", "LPOS l c COUNT -1",
         "LPOS l c COUNT x", "LPOS nokey c COUNT 2", "LPOS l c FOO 1", "LTRIM l 1 -2", "LRANGE l 0 -1",
         "LTRIM l 5 1", "EXISTS l", "LPUSHX l a", "RPUSHX nokey a b", "LPUSH l2 x", "LPUSHX l2 y z", "LRANGE l2 0 -1"],
        // Hashes.
        ["HMSET h a 1 b 2.5 c abc", "HMSET h a", "HKEYS h", "HVALS h", "HSETNX h a 9", "HSETNX h d 9", "HSTRLEN h c",
         "HSTRLEN h nope", "HINCRBYFLOAT h b 0.1", "HINCRBYFLOAT h c 1", "HINCRBYFLOAT h new 1e3",
         "HINCRBYFLOAT h a inf", "HINCRBYFLOAT h a x", "HSET h big 1.7976931348623157e308",
         "HINCRBYFLOAT h big 1.7976931348623157e308", "HINCRBYFLOAT nokey f 1.5", "HGETALL nokey", "HKEYS nokey",
         "HRANDFIELD h 100 WITHVALUES", "HRANDFIELD h 0", "HRANDFIELD nokey -3", "HRANDFIELD h 1 foo",
         "HRANDFIELD h -9223372036854775808", "HRANDFIELD h -9223372036854770000 WITHVALUES", "HRANDFIELD nokey"],
        // Sets.
        ["SADD a 1 2 3 4", "SADD b 3 4 5", "SADD c x y 3", "SINTER a b", "SINTER a b c", "SINTER a nokey",
         "SUNION a b", "SDIFF a b", "SDIFF nokey a", "SINTERSTORE d a b", "SMEMBERS d", "SINTERSTORE d a nokey",
         "EXISTS d", "SUNIONSTORE d a b", "SMEMBERS d", "SDIFFSTORE d a a", "SINTERCARD 2 a b",
         "SINTERCARD 2 a b LIMIT 1", "SINTERCARD 0 a", "SINTERCARD 3 a b", "SINTERCARD 1 a LIMIT -1",
         "SINTERCARD 1 a LIMIT", "SMOVE a b 1", "SMOVE a b 9", "SMOVE nokey b 1", "SMOVE a a 2", "SMEMBERS b",
         "SET str x", "SMOVE a str 2", "SMOVE str a 2", "SINTER a str", "SMISMEMBER a 2 9 3", "SMISMEMBER nokey 1",
         "SRANDMEMBER a 10", "SRANDMEMBER a 0", "SRANDMEMBER nokey 5", "SRANDMEMBER a 1 2", "SPOP nokey 3",
         "SRANDMEMBER a -9223372036854775808", "SPOP a 10", "EXISTS a"],
        // WATCH: a write that changes the key (or LTRIM, which always signals) fails the EXEC; a no-op does not.
        ["RPUSH l a b", "SADD a 1", "WATCH d", "SUNIONSTORE d a", "MULTI", "PING", "EXEC",
         "WATCH l", "LREM l 0 nope", "LINSERT l BEFORE nope x", "MULTI", "PING", "EXEC",
         "WATCH l", "LTRIM l 0 -1", "MULTI", "PING", "EXEC", "WATCH z", "ZRANGESTORE z nokey 0 -1", "MULTI", "PING",
         "EXEC", "WATCH a", "SMOVE a a 1", "SINTERSTORE nokey2 a nokey", "MULTI", "PING", "EXEC",
         "WATCH l", "LSET l 0 A", "MULTI", "PING", "EXEC", "WATCH h", "HSETNX h f v", "MULTI", "PING", "EXEC"],
        // Queued inside MULTI; an arity error aborts the transaction.
        ["MULTI", "ZADD z 1 a 2 b", "ZUNIONSTORE out 1 z WEIGHTS 2", "ZRANGE out 0 -1 WITHSCORES", "LPOS l",
         "EXEC", "MULTI", "RPUSH l x y", "LINSERT l AFTER x m", "HMSET h a 1", "SMISMEMBER s a", "EXEC"],
    ]

    func testNamedCasesMatchRealRedis() throws {
        let real = try ReferenceRedis.start()
        defer { real.stop() }
        let keyspace = Keyspace()
        var mismatches: [String] = []
        for version in ["2", "3"] {
            for script in Self.named {
                let connection = try BlockingConnection(port: real.port)
                defer { connection.close() }
                let session = keyspace.makeSession()
                for line in ["FLUSHALL", "HELLO \(version)"] {
                    _ = try connection.roundTrip(line.split(separator: " ").map(String.init))
                    var reply = ByteBuffer()
                    keyspace.execute(line.split(separator: " ").map { ByteBuffer(string: String($0)) },
                        session: session, into: &reply)
                }
                for line in script {
                    let argv = line.split(separator: " ").map(String.init)
                    var ours = ByteBuffer()
                    keyspace.execute(argv.map { ByteBuffer(string: $0) }, session: session, into: &ours)
                    let theirs = try connection.roundTrip(argv)
                    let mine = Array(ours.readableBytesView)
                    // HRANDFIELD: a hash holding a value over 64 bytes lists its fields in Redis's dict order.
                    let sorted = Self.unordered.contains(argv[0]) || ["SPOP", "HRANDFIELD"].contains(argv[0])
                    let mask = sorted ? "sort" : nil
                    if !ReplyMask.equal(mine, theirs, mask: mask) {
                        mismatches.append(
                            "RESP\(version) \(line.prefix(80))\n  redis: \(ReplyMask.show(theirs))\n  ours:  "
                                + ReplyMask.show(mine))
                    }
                }
                keyspace.closeSession(session)
            }
        }
        XCTAssertTrue(mismatches.isEmpty, "replies differ:\n" + mismatches.joined(separator: "\n"))
    }

    /// Keyspace hits and misses: counted for the keys read (sources of a STORE too), not for the keys written.
    func testKeyspaceHitsAndMissesMatchRealRedis() throws {
        let real = try ReferenceRedis.start()
        defer { real.stop() }
        let connection = try BlockingConnection(port: real.port)
        defer { connection.close() }
        let keyspace = Keyspace()
        let session = keyspace.makeSession()
        let script = [
            "FLUSHALL", "CONFIG RESETSTAT", "RPUSH l a b", "SADD s 1 2", "ZADD z 1 a", "HSET h f v", "LINDEX l 0",
            "LINDEX nol 0", "LPOS l a", "LSET l 0 x", "LINSERT l BEFORE x y", "LREM l 0 y", "LTRIM l 0 -1",
            "HKEYS h", "HSTRLEN noh f", "HSETNX h g v", "HINCRBYFLOAT h n 1", "HRANDFIELD h", "SINTER s nos",
            "SUNIONSTORE d s nos", "SMOVE s t 1", "SMISMEMBER s 2", "SINTERCARD 2 s t", "ZUNIONSTORE o 2 z s",
            "ZRANGESTORE p z 0 -1", "ZINCRBY z 1 a", "ZRANK z a", "ZCOUNT noz 0 1", "ZMSCORE z a",
            "ZREMRANGEBYRANK z 5 6", "ZDIFF 2 z noz", "ZRANGEBYLEX z - +", "ZREVRANGE z 0 -1",
        ]
        for line in script {
            let argv = line.split(separator: " ").map(String.init)
            _ = try connection.roundTrip(argv)
            var reply = ByteBuffer()
            keyspace.execute(argv.map { ByteBuffer(string: $0) }, session: session, into: &reply)
        }
        let theirs = String(decoding: try connection.roundTrip(["INFO", "stats"]), as: UTF8.self)
        let ours = keyspace.infoText(sections: ["stats"])
        func counters(_ text: String) -> [String] {
            text.split(whereSeparator: \.isNewline).map(String.init).filter { $0.hasPrefix("keyspace_") }
        }
        XCTAssertEqual(counters(ours), counters(theirs))
        XCTAssertEqual(counters(theirs).count, 2)
    }

    /// Random draws: the shape of the reply as Redis gives it (distinct members for a positive count,
    /// repetition allowed for a negative one, values or scores paired with their members).
    func testRandomDrawsHaveRedisShapes() throws {
        let keyspace = Keyspace()
        let session = keyspace.makeSession()
        func run(_ line: String) throws -> RESPValue {
            var reply = ByteBuffer()
            keyspace.execute(line.split(separator: " ").map { ByteBuffer(string: String($0)) },
                session: session, into: &reply)
            return try RESPReplyParser.parse(&reply)
        }
        _ = try run("HSET h a 1 b 2 c 3 d 4 e 5")
        _ = try run("ZADD z 1 a 2 b 3 c 4 d 5 e")
        _ = try run("SADD s a b c d e")
        for command in ["HRANDFIELD h", "ZRANDMEMBER z", "SRANDMEMBER s"] {
            guard case .array(let three) = try run("\(command) 3") else { return XCTFail(command) }
            XCTAssertEqual(three.count, 3, command)
            XCTAssertEqual(Set(three.map { "\($0)" }).count, 3, "\(command): distinct members")
            guard case .array(let many) = try run("\(command) -20") else { return XCTFail(command) }
            XCTAssertEqual(many.count, 20, command)
            XCTAssertLessThanOrEqual(Set(many.map { "\($0)" }).count, 5, command)
        }
        guard case .array(let pairs) = try run("HRANDFIELD h -4 WITHVALUES") else { return XCTFail("pairs") }
        XCTAssertEqual(pairs.count, 8)
        guard case .array(let popped) = try run("SPOP s 2") else { return XCTFail("spop") }
        XCTAssertEqual(popped.count, 2)
        XCTAssertEqual(try run("SCARD s"), .integer(3))
    }
}
