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
        let redisPy = try RedisPy(directoryVariable, directoryName)
        let ours = try await startServer()
        let started = try ReferenceRedis.start()
        reference = started
        try redisPy.compareTranscripts(
            "redispy_scripting.py", ours: ours, theirs: started.port, protocolVersion: protocolVersion, atLeast: 20)
    }
}
