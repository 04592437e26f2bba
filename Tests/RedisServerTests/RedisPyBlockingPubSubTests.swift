import Foundation
import Logging
import RedisServer
import TestSupport
import XCTest

/// redis-py 5 (RESP2) and 8 (RESP3) doing pub/sub and blocking pops against `archlab redis-server`
/// and a real redis-server: the transcripts must match line for line.
final class RedisPyBlockingPubSubTests: XCTestCase {
    private func transcript(_ directoryVariable: String, _ directoryName: String, protocolVersion: Int) async throws {
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
            "Fixtures/redispy_blocking_pubsub.py"
        ).path
        let server = try await RedisServer.start(
            configuration: RedisServerConfiguration(port: 0), logger: Logger(label: "test"))
        let reference = try ReferenceRedis.start()
        defer { reference.stop() }
        let environment = ["PYTHONPATH": directory]
        let mine = try ProcessCapture.run(
            URL(fileURLWithPath: python ?? ""), [script, String(server.port), String(protocolVersion)],
            environment: environment, timeout: 60)
        let real = try ProcessCapture.run(
            URL(fileURLWithPath: python ?? ""), [script, String(reference.port), String(protocolVersion)],
            environment: environment, timeout: 60)
        try await server.shutdown()
        XCTAssertFalse(mine.timedOut, "redis-py hung against archlab:\n\(mine.stdout)")
        XCTAssertEqual(mine.status, 0, mine.stderr)
        XCTAssertEqual(real.status, 0, real.stderr)
        let mineLines = mine.stdout.split(separator: "\n")
        let realLines = real.stdout.split(separator: "\n")
        XCTAssertGreaterThan(realLines.count, 15)
        for (a, b) in zip(mineLines, realLines) { XCTAssertEqual(a, b) }
        XCTAssertEqual(mineLines.count, realLines.count)
    }

    func testRedisPy5PubSubAndBlockingPopsMatchRealRedis() async throws {
        try await transcript("ARCHLAB_REDISPY5", "redis-py5", protocolVersion: 2)
    }

    func testRedisPy8PubSubAndBlockingPopsOverRESP3MatchRealRedis() async throws {
        try await transcript("ARCHLAB_REDISPY8", "redis-py8", protocolVersion: 3)
    }
}
