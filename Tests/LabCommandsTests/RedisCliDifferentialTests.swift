import Foundation
import REPL
import TestSupport
import XCTest

/// The REPL's `redis` output against `redis-cli --no-raw` (its terminal formatting) for the same
/// commands on the same keyspace, served by `redis-server start`.
final class RedisCliDifferentialTests: XCTestCase {
    func testReplFormatsRepliesExactlyAsRedisCli() async throws {
        let cli = "/usr/bin/redis-cli"
        try requireTool(FileManager.default.isExecutableFile(atPath: cli), "redis-cli is not installed")
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        for setup in [
            "redis SET s v", "redis SET quote \"say \\\"hi\\\"\\n\"", "redis SET accent é", "redis SET n 10",
            "redis RPUSH l a b c d e f g h i j k", "redis HSET h f1 v1 f2 v2", "redis ZADD z 1 a 2.5 b",
            "redis SADD set only", "redis EXPIRE s 100",
        ] {
            do { let value = await session.execute(setup); XCTAssertEqual(value, .succeeded, setup) }
        }
        let start = await harness.run(session, output, "redis-server start 0")
        let port = try XCTUnwrap(
            start.text.split(separator: ":").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) })
        let commands: [[String]] = [
            ["GET", "s"], ["GET", "quote"], ["GET", "accent"], ["GET", "missing"], ["TTL", "s"], ["TTL", "missing"],
            ["INCR", "s"], ["LRANGE", "l", "0", "-1"], ["LRANGE", "missing", "0", "-1"],
            ["HGETALL", "h"], ["ZRANGE", "z", "0", "-1", "WITHSCORES"], ["SMEMBERS", "set"],
            ["SCAN", "0", "MATCH", "s*", "COUNT", "100"],
            ["MGET", "s", "missing", "n"], ["CONFIG", "GET", "maxmemory-policy"], ["PING"], ["NOSUCH", "x"], ["GET"],
            ["EXISTS", "s", "l"], ["TYPE", "h"],
        ]
        for command in commands {
            let line = "redis " + command.map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: " ")
            let repl = await harness.run(session, output, line).text
            let expected = try run(cli, ["--no-raw", "-p", String(port)] + command)
            XCTAssertEqual(repl, expected.trimmingCharacters(in: .newlines), line)
        }
        do { let value = await session.execute("redis HELLO 3"); XCTAssertEqual(value, .succeeded) }
        let resp3: [[String]] = [
            ["HGETALL", "h"], ["ZSCORE", "z", "b"], ["SMEMBERS", "set"], ["GET", "missing"],
            ["CONFIG", "GET", "maxmemory-policy"],
            ["LRANGE", "l", "0", "2"], ["ZRANGE", "z", "0", "-1", "WITHSCORES"],
        ]
        for command in resp3 {
            let line = "redis " + command.joined(separator: " ")
            let repl = await harness.run(session, output, line).text
            let expected = try run(cli, ["-3", "--no-raw", "-p", String(port)] + command)
            XCTAssertEqual(repl, expected.trimmingCharacters(in: .newlines), "RESP3: " + line)
        }
        do { let value = await session.execute("redis-server stop"); XCTAssertEqual(value, .succeeded) }
    }

    private func run(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
