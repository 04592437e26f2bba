import Foundation
import Logging
import RESP
import RedisServer
import TestSupport
import XCTest

/// Scripting through real clients: redis-cli's EVAL, SCRIPT and FCALL and redis-py's `eval`,
/// `register_script` and `fcall`, each compared with the same client against a real redis-server.
final class ScriptingCompatibilityTests: XCTestCase {
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

    func testRedisCliScriptingMatchesRealRedis() async throws {
        let cli = try requireExecutable("redis-cli", "redis-cli is not installed")
        let ours = try await startServer()
        let started = try ReferenceRedis.start()
        reference = started
        let commands: [[String]] = [
            ["FLUSHALL"], ["EVAL", "return 1", "0"], ["EVAL", "return {1, 'two', {3}, false}", "0"],
            ["EVAL", "return redis.call('set', KEYS[1], ARGV[1])", "1", "k", "v"],
            ["EVAL", "return redis.call('get', KEYS[1])", "1", "k"], ["EVAL", "return redis.call('incr', 'k')", "0"],
            ["SCRIPT", "LOAD", "return 'cached'"], ["EVALSHA", "952f49ffc8f7b098d8ab5da45d3164ca36ed18b1", "0"],
            ["FUNCTION", "LOAD", "#!lua name=cli\nredis.register_function('hi', function() return 'hi' end)"],
            ["FCALL", "hi", "0"], ["FUNCTION", "LIST"], ["FUNCTION", "FLUSH"], ["SCRIPT", "FLUSH"],
        ]
        for protocolFlag in ["-2", "-3"] {
            for command in commands {
                let mine = try ProcessCapture.run(
                    URL(fileURLWithPath: cli), [protocolFlag, "-p", String(ours)] + command, timeout: 30)
                let real = try ProcessCapture.run(
                    URL(fileURLWithPath: cli), [protocolFlag, "-p", String(started.port)] + command, timeout: 30)
                XCTAssertEqual(mine.stdout, real.stdout, "redis-cli \(protocolFlag) \(command.joined(separator: " "))")
            }
        }
    }

    func testRedisPy5ScriptingOverRESP2MatchesRealRedis() async throws {
        try await redisPy("ARCHLAB_REDISPY5", "redis-py5", protocolVersion: 2)
    }

    func testRedisPy8ScriptingOverRESP3MatchesRealRedis() async throws {
        try await redisPy("ARCHLAB_REDISPY8", "redis-py8", protocolVersion: 3)
    }

    private func redisPy(_ directoryVariable: String, _ directoryName: String, protocolVersion: Int) async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let directory =
            ProcessInfo.processInfo.environment[directoryVariable]
            ?? root.appendingPathComponent(".build/\(directoryName)").path
        let python = findExecutable("python3")
        try requireTool(
            python != nil && FileManager.default.fileExists(atPath: directory + "/redis"),
            "redis-py is not installed in \(directory) (pip install --target \(directory) …)"
        )
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/redispy_scripting.py"
        ).path
        let ours = try await startServer()
        let started = try ReferenceRedis.start()
        reference = started
        let environment = ["PYTHONPATH": directory]
        let mine = try ProcessCapture.run(
            URL(fileURLWithPath: python ?? ""), [script, String(ours), String(protocolVersion)],
            environment: environment, timeout: 60)
        let real = try ProcessCapture.run(
            URL(fileURLWithPath: python ?? ""), [script, String(started.port), String(protocolVersion)],
            environment: environment, timeout: 60)
        XCTAssertFalse(mine.timedOut, "redis-py hung against archlab:\n\(mine.stdout)")
        XCTAssertEqual(mine.status, 0, mine.stderr)
        XCTAssertEqual(real.status, 0, real.stderr)
        XCTAssertGreaterThan(real.stdout.split(separator: "\n").count, 20)
        let mineLines = mine.stdout.split(separator: "\n")
        let realLines = real.stdout.split(separator: "\n")
        for (a, b) in zip(mineLines, realLines) { XCTAssertEqual(a, b) }
        XCTAssertEqual(mineLines.count, realLines.count)
    }
}
