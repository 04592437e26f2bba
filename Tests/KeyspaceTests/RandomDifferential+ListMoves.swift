import XCTest

/// Seeded random streams over LMOVE, RPOPLPUSH, LMPOP, ZPOPMAX and ZMPOP mixed with the commands that
/// fill and read lists and sorted sets, compared byte for byte with redis-server (in RESP2 on odd
/// seeds, RESP3 on even ones). The blocking forms are covered over TCP in RedisServerTests.
extension RandomDifferentialTests {
    private static let moveNames = [
        "LMOVE", "LMOVE", "RPOPLPUSH", "LMPOP", "LMPOP", "ZPOPMAX", "ZMPOP", "ZMPOP", "RPUSH", "LPUSH", "LRANGE",
        "ZADD", "ZADD", "ZRANGE", "LLEN", "ZCARD", "SET", "DEL", "MULTI", "EXEC",
    ]
    private static let moveWords = [
        "l", "l", "m", "m", "z", "z", "s", "1", "2", "3", "0", "-1", "LEFT", "RIGHT", "MIN", "MAX", "COUNT",
        "COUNT", "left", "max", "a", "b", "c", "1.5", "-inf", "inf", "x", "9223372036854775807",
    ]

    func testRandomListMoveAndMultiPopStreamsMatchRealRedis() throws {
        try compare(names: Self.moveNames, words: Self.moveWords, seeds: 1...6)
    }
}
