import Foundation
import Keyspace
import NIOCore
import RESP
import SeededRandom
import TestSupport
import XCTest

/// EVAL, EVALSHA, SCRIPT, FUNCTION and FCALL sent to both the in-process Keyspace and a real
/// redis-server 7.0: named scripts covering the conversions, the sandbox and the error texts, and
/// seeded random scripts built from fragments; every reply must match byte for byte, in RESP2 and RESP3.
final class ScriptingDifferentialTests: XCTestCase {
    /// Named cases: each is one command (the script's SHA1 in error texts is the same on both servers).
    static let cases: [[String]] = [
        ["EVAL", "return 'hello'", "0"],
        ["EVAL", "return 100.5", "0"],
        ["EVAL", "return -3.9", "0"],
        ["EVAL", "return 1e30", "0"],
        ["EVAL", "return 0/0", "0"],
        ["EVAL", "return true", "0"],
        ["EVAL", "return false", "0"],
        ["EVAL", "return nil", "0"],
        ["EVAL", "return {1,2,3,'ciao',{1,2}}", "0"],
        ["EVAL", "return {1,2,nil,4}", "0"],
        ["EVAL", "return {}", "0"],
        ["EVAL", "return _G", "0"],
        ["EVAL", "return {err='My Error'}", "0"],
        ["EVAL", "return {err='line1\\nline2'}", "0"],
        ["EVAL", "return {ok='fine'}", "0"],
        ["EVAL", "return redis.error_reply('MY_ERR_CODE custom msg')", "0"],
        ["EVAL", "return redis.error_reply('-X y')", "0"],
        ["EVAL", "return redis.error_reply('')", "0"],
        ["EVAL", "return redis.status_reply('STATUS')", "0"],
        ["EVAL", "return redis.status_reply(1)", "0"],
        ["EVAL", "return {double=3.14159}", "0"],
        ["EVAL", "return {map={a=1}}", "0"],
        ["EVAL", "return {set={a=true}}", "0"],
        ["EVAL", "return {big_number='123456789012345678901234567890'}", "0"],
        ["EVAL", "return {verbatim_string={format='txt', string='hi'}}", "0"],
        ["EVAL", "return {KEYS[1], KEYS[2], ARGV[1], ARGV[2]}", "2", "k1", "k2", "a1", "a2"],
        ["EVAL", "return #ARGV", "1", "k", "x", "y", "z"],
        ["EVAL", "return redis.call('set', KEYS[1], ARGV[1])", "1", "s", "v"],
        ["EVAL", "return redis.call('get', KEYS[1])", "1", "s"],
        ["EVAL", "return redis.call('get', 'missing')", "0"],
        ["EVAL", "return redis.call('incr', 'counter')", "0"],
        ["EVAL", "return redis.call('incrbyfloat', 'f', 1.5)", "0"],
        ["EVAL", "return redis.call('incrby', 'counter', 2.0)", "0"],
        ["EVAL", "return redis.call('incr', 's')", "0"],
        ["EVAL", "return redis.pcall('incr', 's')", "0"],
        ["EVAL", "local r = redis.pcall('incr', 's'); return r['err']", "0"],
        ["EVAL", "return redis.call('lpush', 's', 'x')", "0"],
        ["EVAL", "return redis.call('nosuch')", "0"],
        ["EVAL", "return redis.call('get')", "0"],
        ["EVAL", "return redis.call()", "0"],
        ["EVAL", "return redis.call('get', {})", "0"],
        ["EVAL", "return redis.call('multi')", "0"],
        ["EVAL", "return redis.call('eval', 'return 1', '0')", "0"],
        ["EVAL", "return redis.call('ping')", "0"],
        ["EVAL", "return redis.call('ping')['ok']", "0"],
        ["EVAL", "redis.call('rpush', 'l', 'a', 'b', 'c'); return redis.call('lrange', 'l', 0, -1)", "0"],
        ["EVAL", "redis.call('hset', 'h', 'f', 'v', 'g', 'w'); return redis.call('hgetall', 'h')", "0"],
        ["EVAL", "return redis.call('hgetall', 'nohash')", "0"],
        ["EVAL", "return type(redis.call('get', 'missing'))", "0"],
        ["EVAL", "redis.setresp(3); return redis.call('hgetall', 'h')", "0"],
        ["EVAL", "redis.setresp(3); return type(redis.call('get', 'missing'))", "0"],
        ["EVAL", "redis.setresp(3); return redis.call('zscore', 'nozset', 'x')", "0"],
        ["EVAL", "redis.setresp(4)", "0"],
        ["EVAL", "redis.setresp()", "0"],
        ["EVAL", "return a", "0"],
        ["EVAL", "a = 10", "0"],
        ["EVAL", "redis.call = function() return 1 end", "0"],
        ["EVAL", "string.upper = nil", "0"],
        ["EVAL", "setmetatable(_G, {})", "0"],
        ["EVAL", "return loadfile", "0"],
        ["EVAL", "return dofile", "0"],
        ["EVAL", "return print", "0"],
        ["EVAL", "return setfenv", "0"],
        ["EVAL", "error('boom')", "0"],
        ["EVAL", "error({err='MY boom'})", "0"],
        ["EVAL", "local t = {}; t = t.x.y", "0"],
        ["EVAL", "return pcall(function() error('x') end)", "0"],
        ["EVAL", "local ok, e = pcall(function() redis.call('incr', 's') end); return e", "0"],
        ["EVAL", "retur 1", "0"],
        ["EVAL", "return string.format('%d-%s', 5, 'x')", "0"],
        ["EVAL", "return redis.sha1hex('Pizza & Mandolino')", "0"],
        ["EVAL", "return redis.sha1hex('')", "0"],
        ["EVAL", "return redis.sha1hex()", "0"],
        ["EVAL", "return redis.log(redis.LOG_WARNING, 'hi')", "0"],
        ["EVAL", "return redis.log(10, 'hi')", "0"],
        ["EVAL", "return redis.log('x')", "0"],
        ["EVAL", "return redis.REDIS_VERSION", "0"],
        ["EVAL", "return tostring(redis.replicate_commands())", "0"],
        ["EVAL", "return redis.set_repl(redis.REPL_ALL)", "0"],
        ["EVAL", "return redis.set_repl(99)", "0"],
        ["EVAL", "return 1", "-1"],
        ["EVAL", "return 1", "2", "a"],
        ["EVAL", "return 1", "x"],
        ["EVAL", "#!lua flags=no-writes\nreturn redis.call('set', 'x', 1)", "0"],
        ["EVAL", "#!lua flags=no-writes\nreturn redis.call('get', 's')", "0"],
        ["EVAL", "#!lua flags=bogus\nreturn 1", "0"],
        ["EVAL", "#!lua bad=1\nreturn 1", "0"],
        ["EVAL", "#!python\nreturn 1", "0"],
        ["EVAL", "#!lua", "0"],
        ["EVAL_RO", "return redis.call('set', 'x', 1)", "0"],
        ["EVAL_RO", "return redis.call('get', 's')", "0"],
        ["EVAL_RO", "#!lua\nreturn 1", "0"],
        ["EVALSHA", "ffffffffffffffffffffffffffffffffffffffff", "0"],
        ["EVALSHA", "short", "0"],
        ["SCRIPT", "LOAD", "return 'loaded'"],
        ["EVALSHA", "b534286061d4b9e4026607613b95c06c06015ae8", "0"],
        ["SCRIPT", "EXISTS", "b534286061d4b9e4026607613b95c06c06015ae8", "ffffffffffffffffffffffffffffffffffffffff"],
        ["SCRIPT", "LOAD", "retur"],
        ["SCRIPT", "FLUSH", "BAD"],
        ["SCRIPT", "KILL"],
        ["SCRIPT", "NOPE"],
        ["SCRIPT", "EXISTS"],
        ["SCRIPT", "FLUSH"],
        ["FUNCTION", "FLUSH"],
        ["FUNCTION", "LOAD", "#!lua name=lib1\nredis.register_function('f1', function(keys, args) return args[1] end)"],
        ["FCALL", "f1", "0", "hello"],
        ["FCALL_RO", "f1", "0", "hello"],
        ["FUNCTION", "LOAD", "#!lua name=lib1\nredis.register_function('f2', function() return 1 end)"],
        [
            "FUNCTION", "LOAD", "REPLACE",
            "#!lua name=lib1\nredis.register_function{function_name='f1', callback=function(keys) "
                + "return redis.call('get', keys[1]) end, flags={'no-writes'}, description='reads'}",
        ],
        ["FCALL_RO", "f1", "1", "s"],
        ["FUNCTION", "LIST"],
        ["FUNCTION", "LIST", "WITHCODE"],
        ["FUNCTION", "LIST", "LIBRARYNAME", "lib*"],
        ["FUNCTION", "LIST", "LIBRARYNAME"],
        ["FUNCTION", "STATS"],
        ["FUNCTION", "LOAD", "#!lua name=lib2\nredis.register_function('f1', function() return 1 end)"],
        ["FUNCTION", "LOAD", "#!lua name=lib2\nredis.register_function('f3', 1)"],
        ["FUNCTION", "LOAD", "#!lua name=lib2\nredis.call('ping')"],
        ["FUNCTION", "LOAD", "#!lua name=lib2\nreturn 1"],
        ["FUNCTION", "LOAD", "#!lua name=lib2\nlocal a = 1 while 1 do a = a + 1 end"],
        ["FUNCTION", "LOAD", "#!lua name=lib2\nretur"],
        ["FUNCTION", "LOAD", "#!lua\nreturn 1"],
        ["FUNCTION", "LOAD", "no shebang"],
        ["FUNCTION", "LOAD", "#!lux name=a\n"],
        ["FUNCTION", "LOAD", "#!lua name=a-b\n"],
        ["FUNCTION", "LOAD", "#!lua name=lib3\nredis.register_function('bad name', function() end)"],
        ["FUNCTION", "LOAD", "#!lua name=lib3\nredis.register_function{function_name='x', callback=1}"],
        [
            "FUNCTION", "LOAD",
            "#!lua name=lib3\nredis.register_function{function_name='x', callback=function() end, flags={'nope'}}",
        ],
        [
            "FUNCTION", "LOAD",
            "#!lua name=lib4\nredis.register_function('w', function() return redis.call('set', 'fw', 1) end)",
        ],
        ["FCALL_RO", "w", "0"],
        ["FCALL", "w", "0"],
        ["FCALL", "nosuch", "0"],
        ["FCALL", "w", "x"],
        ["FCALL", "w", "5"],
        ["FUNCTION", "DELETE", "lib4"],
        ["FUNCTION", "DELETE", "lib4"],
        ["FUNCTION", "KILL"],
        ["FUNCTION", "NOPE"],
        ["FUNCTION", "FLUSH", "ASYNC"],
        ["FUNCTION", "FLUSH", "BAD"],
        ["FUNCTION", "LIST"],
    ]

    func testNamedScriptsMatchRealRedis() throws {
        try compare(Self.cases.map { [$0] }, label: "named")
    }

    func testScriptsInsideTransactionsMatchRealRedis() throws {
        let steps: [[String]] = [
            ["MULTI"], ["EVAL", "return redis.call('incr', 'm')", "0"], ["EVAL", "error('x')", "0"], ["EXEC"],
            ["GET", "m"],
        ]
        try compare([steps], label: "multi")
    }

    /// A sliding-window limiter as Upstash's ratelimit runs it in one EVAL (written here from the
    /// algorithm in Sources/RateLimit): the previous window's count weighted by how much of it still
    /// overlaps, refusal with -1, otherwise INCRBY and the remaining tokens.
    static let slidingWindow = """
        local current, previous = KEYS[1], KEYS[2]
        local limit, now, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
        local cost = tonumber(ARGV[4])
        local inCurrent = tonumber(redis.call('GET', current) or 0)
        local inPrevious = tonumber(redis.call('GET', previous) or 0)
        local elapsed = (now % window) / window
        inPrevious = math.floor((1 - elapsed) * inPrevious)
        if inPrevious + inCurrent >= limit then return -1 end
        local count = redis.call('INCRBY', current, cost)
        if count == cost then redis.call('PEXPIRE', current, window * 2 + 1000) end
        return limit - (count + inPrevious)
        """

    func testSlidingWindowLimiterScriptMatchesRealRedis() throws {
        var random = SplitMix64(seed: 7)
        var steps: [[String]] = []
        var now: UInt64 = 1_700_000_000_000
        for _ in 0..<300 {
            now += random.next() % 400
            let window: UInt64 = 10_000
            let bucket = now / window
            let user = "user\(random.next() % 3)"
            steps.append([
                "EVAL", Self.slidingWindow, "2", "rl:\(user):\(bucket)", "rl:\(user):\(bucket - 1)", "20",
                String(now), String(window), String(1 + random.next() % 3),
            ])
        }
        try compare([steps], label: "sliding window")
    }

    /// Seeded random scripts: a few redis.call/pcall statements over a small keyspace, returning
    /// one of the values they produced.
    func testRandomScriptsMatchRealRedis() throws {
        let calls = [
            "redis.call('set', KEYS[1], ARGV[1])", "redis.call('get', KEYS[1])", "redis.pcall('incr', KEYS[1])",
            "redis.call('rpush', KEYS[2], ARGV[1], ARGV[2])", "redis.call('lrange', KEYS[2], 0, -1)",
            "redis.pcall('hset', KEYS[1], 'f', ARGV[1])", "redis.call('hgetall', KEYS[3])",
            "redis.call('hset', KEYS[3], ARGV[1], ARGV[2])", "redis.call('exists', KEYS[1], KEYS[2])",
            "redis.call('del', KEYS[1])", "redis.pcall('lpop', KEYS[1])", "redis.call('sadd', KEYS[4], ARGV[2])",
            "redis.call('scard', KEYS[4])", "redis.call('zadd', KEYS[5], ARGV[3], ARGV[1])",
            "redis.call('zrange', KEYS[5], 0, -1, 'WITHSCORES')", "redis.pcall('zadd', KEYS[5], 'x', 'y')",
            "redis.call('ttl', KEYS[1])", "redis.call('type', KEYS[2])", "redis.status_reply('DONE')",
            "redis.error_reply('ERR custom')", "tonumber(ARGV[3])", "ARGV[3] * 2.5", "#ARGV", "nil", "true", "false",
            "{1, 'two', {3}}", "redis.pcall('nosuch')", "redis.call('echo', ARGV[2])",
        ]
        let values = ["1", "x", "10", "-5", "3.5", "", "abc", "9223372036854775807"]
        var random = SplitMix64(seed: 21)
        var streams: [[[String]]] = []
        for _ in 0..<8 {
            var steps: [[String]] = []
            for _ in 0..<60 {
                var lines: [String] = []
                for index in 0..<(1 + Int(random.next() % 4)) {
                    lines.append("local v\(index) = \(calls[Int(random.next() % UInt64(calls.count))])")
                }
                lines.append("return v\(Int(random.next() % UInt64(lines.count)))")
                let script = (random.next() % 5 == 0 ? "redis.setresp(3)\n" : "") + lines.joined(separator: "\n")
                let args = (0..<3).map { _ in values[Int(random.next() % UInt64(values.count))] }
                steps.append(["EVAL", script, "5", "k1", "k2", "k3", "k4", "k5"] + args)
            }
            streams.append(steps)
        }
        try compare(streams, label: "random")
    }

    private func compare(_ streams: [[[String]]], label: String) throws {
        let real = try ReferenceRedis.start()
        defer { real.stop() }
        var mismatches: [String] = []
        for protocolVersion in ["2", "3"] {
            let keyspace = Keyspace()
            let connection = try BlockingConnection(port: real.port)
            defer { connection.close() }
            _ = try connection.roundTrip(["FLUSHALL"])
            _ = try connection.roundTrip(["SCRIPT", "FLUSH"])
            _ = try connection.roundTrip(["FUNCTION", "FLUSH"])
            for (number, stream) in streams.enumerated() {
                let session = keyspace.makeSession()
                var ignored = ByteBuffer()
                let hello = ["HELLO", protocolVersion].map { ByteBuffer(string: $0) }
                keyspace.execute(hello, session: session, into: &ignored)
                _ = try connection.roundTrip(["HELLO", protocolVersion])
                for argv in stream {
                    var ours = ByteBuffer()
                    keyspace.execute(argv.map { ByteBuffer(string: $0) }, session: session, into: &ours)
                    let mine = Array(ours.readableBytesView)
                    let theirs = try connection.roundTrip(argv)
                    let mask = argv.first == "HGETALL" ? "sort" : nil
                    if !ReplyMask.equal(mine, theirs, mask: mask) && mismatches.count < 40 {
                        mismatches.append(
                            """
                            \(label) RESP\(protocolVersion) stream \(number): \(argv.joined(separator: " "))
                              redis: \(ReplyMask.show(theirs))
                              ours:  \(ReplyMask.show(mine))
                            """)
                    }
                }
                keyspace.closeSession(session)
            }
        }
        XCTAssertTrue(mismatches.isEmpty, "replies differ:\n" + mismatches.joined(separator: "\n"))
    }
}
