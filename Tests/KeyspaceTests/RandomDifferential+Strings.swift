import Foundation
import Keyspace
import NIOCore
import RESP
import TestSupport
import XCTest

/// The string, bit and generic-key commands of issue #21 against a real redis-server: seeded random
/// streams (through `RandomDifferentialTests.compare`) and named edge cases, byte for byte.
extension RandomDifferentialTests {
    private static let stringNames = [
        "SETRANGE", "GETRANGE", "SUBSTR", "SETBIT", "SETBIT", "GETBIT", "BITCOUNT", "BITPOS", "BITPOS", "BITOP",
        "GETSET", "MSETNX", "LCS", "SET", "GET", "APPEND", "INCR", "LPUSH", "SADD", "HSET", "ZADD", "DEL", "EXISTS",
        "STRLEN", "TYPE",
    ]
    private static let stringWords = [
        "a", "b", "c", "a", "b", "c", "0", "1", "2", "3", "7", "8", "9", "15", "16", "17", "23", "40", "-1", "-2",
        "-3", "-8", "-100", "100", "abc", "hello", "world", "foobar", "", "\u{ff}", "BIT", "BYTE", "bit", "AND", "OR",
        "XOR", "NOT", "LEN", "IDX", "MINMATCHLEN", "WITHMATCHLEN", "1.5", "x", "9223372036854775807",
        "-9223372036854775808", "99999999999", "4294967296",
    ]
    private static let keyNames = [
        "COPY", "MOVE", "RENAMENX", "EXPIRETIME", "PEXPIRETIME", "TOUCH", "SORT", "SORT_RO", "SET", "LPUSH", "RPUSH",
        "ZADD", "HSET", "EXPIRE", "PEXPIREAT", "SELECT", "GET", "TYPE", "TTL", "LRANGE", "DBSIZE", "MSET",
    ]
    private static let keyWords = [
        "a", "b", "c", "a", "b", "c", "w_a", "w_b", "h", "0", "1", "2", "3", "15", "16", "-1", "10", "100", "3.5",
        "-2.5", "x", "y", "z", "DB", "REPLACE", "BY", "GET", "#", "w_*", "h*->f", "nosort", "LIMIT", "ASC", "DESC",
        "STORE", "f", "abc", "4102444800", "4102444800000", "NX", "XX",
    ]

    /// Seeds 1...4, or 1...N with `ARCHLAB_FUZZ_SEEDS=N`.
    private static var stringSeeds: ClosedRange<UInt64> {
        1...max(1, UInt64(ProcessInfo.processInfo.environment["ARCHLAB_FUZZ_SEEDS"] ?? "") ?? 4)
    }

    func testRandomStringAndBitStreamsMatchRealRedis() throws {
        try compare(names: Self.stringNames, words: Self.stringWords, seeds: Self.stringSeeds)
    }

    func testRandomGenericKeyStreamsMatchRealRedis() throws {
        try compare(names: Self.keyNames, words: Self.keyWords, seeds: Self.stringSeeds)
    }

    /// Edge cases named one by one; each block runs on a fresh connection after FLUSHALL.
    private static let namedCases = #"""
        SETRANGE k 5 ""
        SETRANGE k 0 abc
        SETRANGE k 5 xy
        GET k
        SETRANGE k -1 x
        SETRANGE k 536870912 x
        SETRANGE k notanumber x
        GETRANGE k 0 -1
        GETRANGE k -3 -1
        GETRANGE k -1 -3
        GETRANGE k 100 200
        GETRANGE missing 0 -1
        SUBSTR k 1 2
        LPUSH l a
        SETRANGE l 0 x
        GETRANGE l 0 1

        SETBIT b 7 1
        SETBIT b 7 1
        GETBIT b 7
        GET b
        SETBIT b 100 1
        STRLEN b
        SETBIT b -1 1
        SETBIT b 4294967296 1
        SETBIT b 1 2
        SETBIT b 1 -1
        GETBIT b 4294967296
        GETBIT missing 3
        BITCOUNT b
        BITCOUNT b 0 0
        BITCOUNT b 0 7 BIT
        BITCOUNT b 5 30 bit
        BITCOUNT b -1 -2
        BITCOUNT b 0
        BITCOUNT b 0 1 WORD
        BITCOUNT missing
        SET s foobar
        BITCOUNT s 1 1
        BITCOUNT s -2 -1
        BITPOS s 1
        BITPOS s 0
        BITPOS s 1 2
        BITPOS s 0 1 -1
        BITPOS s 1 7 15 BIT
        BITPOS s 0 7 15 bit
        BITPOS s 2
        BITPOS missing 1
        BITPOS missing 0
        SET ff "\xff\xff"
        BITPOS ff 0
        BITPOS ff 0 0 -1
        BITPOS ff 0 0
        BITPOS ff 1 1 0
        SET e ""
        BITPOS e 0
        BITPOS e 1
        BITCOUNT e

        SET a "\x0f\xf0"
        SET b "\xff"
        BITOP AND d a b
        GET d
        BITOP OR d a b missing
        GET d
        BITOP XOR d a b
        GET d
        BITOP NOT d a
        GET d
        BITOP NOT d a b
        BITOP NAND d a b
        BITOP AND d missing other
        EXISTS d
        LPUSH l x
        BITOP AND d a l

        SET a ohmytext
        SET b mynewtext
        LCS a b
        LCS a b LEN
        LCS a b IDX
        LCS a b IDX MINMATCHLEN 4
        LCS a b IDX WITHMATCHLEN
        LCS a b LEN IDX
        LCS a b FOO
        LCS a b MINMATCHLEN
        LCS a missing
        LPUSH l x
        LCS a l
        !ints HELLO 3
        LCS a b IDX WITHMATCHLEN

        GETSET k v
        GETSET k w
        GET k
        SET t v EX 100
        GETSET t x
        TTL t
        LPUSH l x
        GETSET l y
        MSETNX a 1 b 2
        MSETNX b 3 c 4
        MGET a b c
        MSETNX a
        MSETNX a 1 b

        SET s v EX 100
        COPY s d
        TTL d
        COPY s d
        COPY s d REPLACE
        COPY s s
        COPY s d DB 1 REPLACE
        COPY s d DB 16
        COPY s d DB x
        COPY s d FOO
        COPY missing d
        RPUSH l a b c
        COPY l l2
        RPUSH l d
        LRANGE l2 0 -1
        SADD set 3 1 2
        COPY set set2
        SMEMBERS set2
        HSET h f v g w
        COPY h h2
        HGETALL h2
        ZADD z 1 a 2 b
        COPY z z2
        ZRANGE z2 0 -1 WITHSCORES

        SET k v
        MOVE k 1
        MOVE k 1
        MOVE k 0
        MOVE k 16
        MOVE k abc
        SELECT 1
        GET k
        SET k again
        MOVE k 0
        SELECT 0
        SET k here
        SELECT 1
        MOVE k 0

        SET a 1
        SET b 2
        RENAMENX a b
        RENAMENX a a
        RENAMENX a c
        GET c
        RENAMENX missing x
        DEL b
        RANDOMKEY
        SET t v PX 100000
        EXPIRETIME missing
        EXPIRETIME b
        SET at v EXAT 4102444800
        EXPIRETIME at
        PEXPIRETIME at
        PEXPIREAT at 4102444800123
        PEXPIRETIME at
        EXPIRETIME at
        TOUCH a b c missing

        RPUSH l 3 1 2 10
        SORT l
        SORT l DESC
        SORT l ALPHA
        SORT l LIMIT 1 2
        SORT l LIMIT -5 2
        SORT l LIMIT 1 -1
        SORT l LIMIT 100 2
        SORT l LIMIT a 2
        SET w_3 30
        SET w_1 100
        SET w_2 20
        SORT l BY w_*
        SORT l BY w_* GET # GET w_*
        SORT l BY nosort
        SORT l BY nosort DESC LIMIT 1 2
        HSET h1 f z
        HSET h3 f a
        SORT l BY h*->f ALPHA
        SORT l BY nosort GET h*->f
        SORT l STORE dst
        LRANGE dst 0 -1
        SORT l GET w_* STORE dst
        LRANGE dst 0 -1
        SORT_RO l STORE dst
        SORT_RO l DESC
        SORT missing STORE dst
        EXISTS dst
        RPUSH bad a 1
        SORT bad
        SET str v
        SORT str
        SORT l FOO
        ZADD z 3 c 1 a 2 b
        SORT z ALPHA
        SORT z BY nosort
        SORT z BY nosort DESC LIMIT 0 2
        SADD si 5 3 9 1
        SORT si
        SORT si BY nosort
        SORT si BY nosort STORE dst
        LRANGE dst 0 -1

        ZADD z DBLMAX max
        ZADD z -DBLMAX min
        ZSCORE z max
        ZRANGE z 0 -1 WITHSCORES
        ZADD z DBLMAX0 toobig
        ZRANGEBYSCORE z -DBLMAX DBLMAX

        SET i 123
        SET s hello
        SET big "0123456789012345678901234567890123456789012345"
        OBJECT ENCODING i
        OBJECT ENCODING s
        OBJECT ENCODING big
        OBJECT ENCODING missing
        OBJECT REFCOUNT i
        OBJECT REFCOUNT s
        SET large 20000
        OBJECT REFCOUNT large
        OBJECT IDLETIME s
        OBJECT FREQ s
        OBJECT FOO s
        OBJECT ENCODING
        OBJECT HELP
        RPUSH l a
        OBJECT ENCODING l
        SADD si 1 2 3
        OBJECT ENCODING si
        SADD ss a
        OBJECT ENCODING ss
        HSET h f v
        OBJECT ENCODING h
        ZADD z 1 a
        OBJECT ENCODING z
        CONFIG SET zset-max-ziplist-entries 0
        ZADD z2 1 a
        OBJECT ENCODING z2
        CONFIG GET zset-max-ziplist-entries
        CONFIG GET zset-max-listpack-entries
        CONFIG SET zset-max-listpack-entries 128
        CONFIG SET hash-max-ziplist-value 1
        OBJECT ENCODING h
        CONFIG SET hash-max-ziplist-value 64
        OBJECT ENCODING h
        CONFIG SET list-max-listpack-size abc
        CONFIG SET hash-max-listpack-value 1xb
        CONFIG SET set-max-intset-entries -1
        CONFIG GET list-max-ziplist-size

        CONFIG SET maxmemory 0 nosuch 1
        CONFIG SET nosuch 1 maxmemory 0
        CONFIG SET maxmemory 0 maxmemory 0
        CONFIG SET maxmemory 0 maxmemory-policy
        CONFIG SET maxmemory
        CONFIG SET maxmemory abc maxmemory-policy bogus
        CONFIG SET maxmemory 0 maxmemory-policy noeviction

        DEBUG PROTOCOL string
        DEBUG PROTOCOL integer
        DEBUG PROTOCOL double
        DEBUG PROTOCOL bignum
        DEBUG PROTOCOL null
        DEBUG PROTOCOL array
        DEBUG PROTOCOL set
        DEBUG PROTOCOL map
        DEBUG PROTOCOL attrib
        DEBUG PROTOCOL push
        DEBUG PROTOCOL true
        DEBUG PROTOCOL false
        DEBUG PROTOCOL verbatim
        DEBUG PROTOCOL nope
        DEBUG NOPE
        DEBUG SET-ACTIVE-EXPIRE 0
        DEBUG SET-ACTIVE-EXPIRE 1
        DEBUG QUICKLIST-PACKED-THRESHOLD 100
        DEBUG QUICKLIST-PACKED-THRESHOLD 8gb
        DEBUG SLEEP 0
        DEBUG DIGEST
        !ints HELLO 3
        DEBUG PROTOCOL double
        DEBUG PROTOCOL bignum
        DEBUG PROTOCOL set
        DEBUG PROTOCOL map
        DEBUG PROTOCOL attrib
        DEBUG PROTOCOL true
        DEBUG PROTOCOL verbatim

        SET a 1
        SELECT 1
        SET b 2
        SWAPDB 0 1
        GET b
        SELECT 0
        GET b
        GET a
        SWAPDB 0 16
        SWAPDB x 1
        SWAPDB 0 x
        SWAPDB 0 99999999999
        SWAPDB 1 1
        DBSIZE
        SWAPDB 1 0
        GET a

        COMMAND GETKEYS sort abc store def
        COMMAND GETKEYS sort_ro abc
        COMMAND GETKEYS sort abc store invalid store stillbad store def
        COMMAND GETKEYS sort abc limit store x 1 get # by store
        COMMAND GETKEYS mset a 1 b 2
        COMMAND GETKEYS msetnx a 1 b
        COMMAND GETKEYS del a b c
        COMMAND GETKEYS get a
        COMMAND GETKEYS get a b
        COMMAND GETKEYS ping
        COMMAND GETKEYS nosuch a
        COMMAND GETKEYS copy a b db 1
        COMMAND GETKEYS bitop and dest a b
        COMMAND GETKEYS lcs a b len
        COMMAND GETKEYS object encoding k
        COMMAND GETKEYS setrange k 0 v
        COMMAND GETKEYS

        SADD s 1 2 3
        SSCAN s 0
        SADD t a b c
        SSCAN t 0 MATCH a*
        SSCAN t 0 COUNT 0
        SSCAN t 0 TYPE string
        SSCAN t abc
        SSCAN missing 0
        HSET h f1 v1 f2 v2
        HSCAN h 0
        HSCAN h 0 MATCH f1
        ZADD z 1 a 2.5 b
        ZSCAN z 0
        ZSCAN z 0 MATCH b
        SET str v
        SSCAN str 0
        SCAN abc
        SCAN 0 COUNT 0
        SCAN 0 FOO bar
        SCAN 0 TYPE list
        """#

    func testNamedStringAndKeyCasesMatchRealRedis() throws {
        // DBL_MAX written out in full (309 digits), which ZADD must accept as Redis does.
        let dblMax = "17976931348623157081452742373170435679807056752584499659891747680315726078002853876058955"
            + "86327668781715404589535143824642343213268894641827684675467035375169860499105765512820762454900903893"
            + "28944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250"
            + "404026184124858368"
        let script = try CommandScript(text: Self.namedCases.replacingOccurrences(of: "DBLMAX", with: dblMax))
        let real = try ReferenceRedis.start(arguments: ["--enable-debug-command", "yes"])
        defer { real.stop() }
        let keyspace = Keyspace()
        var mismatches: [String] = []
        for testCase in script.cases {
            let connection = try BlockingConnection(port: real.port)
            defer { connection.close() }
            let session = keyspace.makeSession()
            _ = try connection.roundTrip(["FLUSHALL"])
            var ignored = ByteBuffer()
            keyspace.execute([ByteBuffer(string: "FLUSHALL")], session: session, into: &ignored)
            for line in testCase.lines {
                var reply = ByteBuffer()
                keyspace.execute(line.arguments.map { ByteBuffer(string: $0) }, session: session, into: &reply)
                let ours = Array(reply.readableBytesView)
                let theirs = try connection.roundTrip(line.arguments)
                let mask: String? = if line.arguments.first == "DEBUG" && line.arguments.count > 1
                    && line.arguments[1] == "DIGEST" { "type" } else { line.mask }
                if !ReplyMask.equal(ours, theirs, mask: mask) {
                    mismatches.append(
                        """
                            line \(line.number): \(line.arguments.joined(separator: " "))\n  redis: \
                            \(ReplyMask.show(theirs))\n  ours:  \(ReplyMask.show(ours))
                            """
                    )
                }
            }
            keyspace.closeSession(session)
        }
        XCTAssertTrue(mismatches.isEmpty, "\(mismatches.count) replies differ:\n" + mismatches.joined(separator: "\n"))
    }

    /// Keyspace hits and misses after each of the new commands, compared with redis-server's INFO.
    func testKeyspaceHitsAndMissesMatchRealRedis() throws {
        let commands = [
            "SET s foobar", "RPUSH l 3 1 2", "SET w_1 5", "HSET h f v", "SADD set a", "ZADD z 1 a",
            "GETRANGE s 0 2", "GETRANGE nope 0 2", "SUBSTR s 0 1", "SETRANGE s 1 x", "SETRANGE nope2 0 y",
            "GETBIT s 3", "GETBIT nope 3", "SETBIT s 3 1", "BITCOUNT s", "BITCOUNT nope", "BITPOS s 1",
            "BITPOS nope 1", "BITOP AND dest s nope", "GETSET s v", "GETSET nope3 v", "MSETNX a 1 b 2",
            "LCS s nope", "COPY s s2", "COPY nope s3", "MOVE s2 1", "RENAMENX a c", "RANDOMKEY",
            "EXPIRETIME s", "PEXPIRETIME nope", "TOUCH s nope c", "SORT l", "SORT l BY w_* GET w_*",
            "SORT_RO nope", "OBJECT ENCODING s", "OBJECT REFCOUNT nope", "SSCAN set 0", "HSCAN nope 0",
            "ZSCAN z 0", "SCAN 0 COUNT 100 TYPE string",
        ]
        let real = try ReferenceRedis.start()
        defer { real.stop() }
        let connection = try BlockingConnection(port: real.port)
        defer { connection.close() }
        let keyspace = Keyspace()
        let session = keyspace.makeSession()
        var ignored = ByteBuffer()
        for setup in [["FLUSHALL"], ["CONFIG", "RESETSTAT"]] {
            _ = try connection.roundTrip(setup)
            keyspace.execute(setup.map { ByteBuffer(string: $0) }, session: session, into: &ignored)
        }
        var mismatches: [String] = []
        for command in commands {
            let argv = command.split(separator: " ").map(String.init)
            _ = try connection.roundTrip(argv)
            keyspace.execute(argv.map { ByteBuffer(string: $0) }, session: session, into: &ignored)
            let theirs = String(decoding: try connection.roundTrip(["INFO", "stats"]), as: UTF8.self)
            let ours = keyspace.infoText(sections: ["stats"])
            for field in ["keyspace_hits", "keyspace_misses"] {
                let mine = Self.infoField(ours, field)
                let redis = Self.infoField(theirs, field)
                if mine != redis || redis == "?" {
                    mismatches.append("after \(command): \(field) redis \(redis) ours \(mine)")
                }
            }
            if !mismatches.isEmpty { break }
        }
        XCTAssertTrue(mismatches.isEmpty, mismatches.joined(separator: "\n"))
    }

    private static func infoField(_ text: String, _ field: String) -> String {
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix(field + ":") {
            return String(line.dropFirst(field.count + 1))
        }
        return "?"
    }
}
