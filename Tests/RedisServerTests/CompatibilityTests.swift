import Foundation
import Logging
import RESP
import RedisServer
import TestSupport
import XCTest

/// Real clients (redis-cli, redis-benchmark, redis-py) against `archlab redis-server`,
/// compared with the same clients against a real redis-server where the output is deterministic.
final class CompatibilityTests: XCTestCase {
    private var server: RedisServer?
    private var reference: ReferenceRedis?

    override func tearDown() async throws {
        try await server?.shutdown()
        reference?.stop()
    }

    private func startServer() async throws -> Int {
        let started = try await RedisServer.start(
            configuration: RedisServerConfiguration(port: 0), logger: Logger(label: "test"))
        server = started
        return started.port
    }

    private func startReference() throws -> Int {
        let started = try ReferenceRedis.start()
        reference = started
        return started.port
    }

    private func redisCLI() throws -> String {
        try requireExecutable("redis-cli", "redis-cli is not installed")
    }

    func testRedisCliOneShotMatchesRealRedis() async throws {
        let cli = try redisCLI()
        let ours = try await startServer()
        let theirs = try startReference()
        let commands: [[String]] = [
            ["FLUSHALL"], ["SET", "foo", "bar"], ["GET", "foo"], ["GET", "nokey"], ["INCR", "n"], ["INCR", "foo"],
            ["HSET", "h", "a", "1", "b", "2"], ["HGETALL", "h"], ["LRANGE", "nolist", "0", "-1"],
            ["ZADD", "z", "1.5", "m"],
            ["ZRANGE", "z", "0", "-1", "WITHSCORES"], ["EXISTS", "foo", "nokey"], ["NOSUCH", "x"], ["SET", "k"],
        ]
        for protocolFlag in [["-2"], ["-3"]] {
            for command in commands {
                let mine = try ProcessCapture.run(
                    URL(fileURLWithPath: cli), protocolFlag + ["-p", String(ours)] + command, timeout: 30)
                let real = try ProcessCapture.run(
                    URL(fileURLWithPath: cli), protocolFlag + ["-p", String(theirs)] + command, timeout: 30)
                XCTAssertEqual(
                    mine.stdout, real.stdout, "redis-cli \(protocolFlag[0]) \(command.joined(separator: " "))")
            }
        }
    }

    func testRedisCliInteractiveSessionMatchesRealRedis() async throws {
        let cli = try redisCLI()
        let ours = try await startServer()
        let theirs = try startReference()
        let script = """
            FLUSHALL
            SET greeting "hello world"
            GET greeting
            APPEND greeting !
            STRLEN greeting
            RPUSH l a b c
            LRANGE l 0 -1
            SADD s x
            SMEMBERS s
            EXPIRE greeting 100
            TTL greeting
            MULTI
            INCR c
            INCR c
            EXEC
            HELLO 3
            HGETALL nohash
            GET nokey
            SELECT 3
            DBSIZE
            QUIT

            """
        let mine = try ProcessCapture.run(URL(fileURLWithPath: cli), ["-p", String(ours)], input: script, timeout: 30)
        let real = try ProcessCapture.run(
            URL(fileURLWithPath: cli), ["-p", String(theirs)], input: script, timeout: 30)
        let mask = { (text: String) in
            text.split(separator: "\n", omittingEmptySubsequences: false).filter {
                !($0.contains("version") || $0.contains("\"id\"") || $0.hasPrefix("redis") || $0.hasPrefix("7.")
                    || $0.hasPrefix("0."))
            }
        }
        XCTAssertFalse(mine.timedOut)
        XCTAssertEqual(mask(mine.stdout).count, mask(real.stdout).count)
        XCTAssertEqual(Array(mask(mine.stdout).prefix(20)), Array(mask(real.stdout).prefix(20)))
    }

    func testRedisBenchmarkDefaultSuiteHasNoErrors() async throws {
        let path = try requireExecutable("redis-benchmark", "redis-benchmark is not installed")
        let port = try await startServer()
        let result = try ProcessCapture.run(
            URL(fileURLWithPath: path), ["-p", String(port), "-q", "-n", "200", "-c", "10"], timeout: 300)
        XCTAssertFalse(result.timedOut, "redis-benchmark did not finish")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(
            result.stdout.contains("Error from server") || result.stdout.contains("ERR"),
            String(result.stdout.suffix(2000)))
        for test in [
            "PING_INLINE", "SET", "GET", "INCR", "LPUSH", "RPUSH", "LPOP", "RPOP", "SADD", "HSET", "SPOP", "ZADD",
            "ZPOPMIN", "LRANGE_600", "MSET",
        ] {
            XCTAssertTrue(result.stdout.contains(test), "missing \(test) in\n\(result.stdout.suffix(2000))")
        }
    }

    private func redisPy(_ directoryVariable: String, _ directoryName: String, protocolVersion: Int) async throws {
        let redisPy = try RedisPy(directoryVariable, directoryName)
        let ours = try await startServer()
        let theirs = try startReference()
        try redisPy.compareTranscripts(
            "redispy_transcript.py", ours: ours, theirs: theirs, protocolVersion: protocolVersion, atLeast: 30)
    }

    func testRedisPy5OverRESP2MatchesRealRedis() async throws {
        try await redisPy("ARCHLAB_REDISPY5", "redis-py5", protocolVersion: 2)
    }

    func testRedisPy8OverRESP3MatchesRealRedis() async throws {
        try await redisPy("ARCHLAB_REDISPY8", "redis-py8", protocolVersion: 3)
    }
}
