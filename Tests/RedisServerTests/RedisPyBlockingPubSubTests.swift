import Foundation
import Logging
import RedisServer
import TestSupport
import XCTest

/// redis-py 5 (RESP2) and 8 (RESP3) doing pub/sub and blocking pops against `archlab redis-server`
/// and a real redis-server: the transcripts must match line for line.
final class RedisPyBlockingPubSubTests: XCTestCase {
    private func transcript(_ directoryVariable: String, _ directoryName: String, protocolVersion: Int) async throws {
        let redisPy = try RedisPy(directoryVariable, directoryName)
        let server = try await RedisServer.start(
            configuration: RedisServerConfiguration(port: 0), logger: Logger(label: "test"))
        let reference = try ReferenceRedis.start()
        defer { reference.stop() }
        try redisPy.compareTranscripts(
            "redispy_blocking_pubsub.py", ours: server.port, theirs: reference.port,
            protocolVersion: protocolVersion, atLeast: 15)
        try await server.shutdown()
    }

    func testRedisPy5PubSubAndBlockingPopsMatchRealRedis() async throws {
        try await transcript("ARCHLAB_REDISPY5", "redis-py5", protocolVersion: 2)
    }

    func testRedisPy8PubSubAndBlockingPopsOverRESP3MatchRealRedis() async throws {
        try await transcript("ARCHLAB_REDISPY8", "redis-py8", protocolVersion: 3)
    }
}
