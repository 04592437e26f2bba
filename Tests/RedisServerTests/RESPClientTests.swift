import Keyspace
import Logging
import RESP
import RedisServer
import TestSupport
import XCTest

final class RESPClientTests: XCTestCase {
    private func startServer(password: String?) async throws -> RedisServer {
        var configuration = RedisServerConfiguration(port: 0)
        configuration.keyspace.requirepass = password
        return try await RedisServer.start(configuration: configuration, logger: Logger(label: "test"))
    }

    func testURLPasswordAndDatabaseAreAppliedOnConnectOverRESP3() async throws {
        let server = try await startServer(password: "s3cret")
        let client = try await RESPClient.connect(
            to: "redis://:s3cret@127.0.0.1:\(server.port)/2", protocolVersion: .v3)
        let replies = try await client.pipeline([
            ["SET", "k", "v"], ["GET", "missing"], ["HSET", "h", "f", "1"], ["HGETALL", "h"],
        ])
        XCTAssertEqual(
            replies, [.simpleString("OK"), .nullBulk, .integer(1), .map([RESPPair(.bulk("f"), .bulk("1"))])])
        let other = try await RESPClient.connect(to: "redis://default:s3cret@127.0.0.1:\(server.port)")
        let inDatabaseZero = try await other.send(["GET", "k"])
        XCTAssertEqual(inDatabaseZero, .nullBulk, "the first client selected database 2")
        try await other.close()
        try await client.close()
        try await server.shutdown()
    }

    func testWrongPasswordFailsTheConnect() async throws {
        let server = try await startServer(password: "right")
        do {
            _ = try await RESPClient.connect(to: "redis://:wrong@127.0.0.1:\(server.port)")
            XCTFail("connect should fail")
        } catch let error as RESPClientError {
            XCTAssertTrue(error.description.hasPrefix("AUTH on connect failed: WRONGPASS"), error.description)
        }
        try await server.shutdown()
    }

    func testPendingCommandsFailWhenTheServerGoesAway() async throws {
        let server = try await startServer(password: nil)
        let client = try await RESPClient.connect(to: "redis://127.0.0.1:\(server.port)")
        try await server.shutdown()
        do {
            _ = try await client.send(["PING"])
            XCTFail("PING on a closed connection should throw")
        } catch {}
    }

    func testProtectedModeRefusesAPublicAddressWithoutPassword() async throws {
        do {
            _ = try await RedisServer.start(
                configuration: RedisServerConfiguration(host: "0.0.0.0", port: 0), logger: Logger(label: "test"))
            XCTFail("protected mode should refuse")
        } catch let error as RedisServerError {
            XCTAssertTrue(error.description.contains("protected mode"))
        }
    }

    func testClientTalksToARealRedis() async throws {
        let reference = try ReferenceRedis.start()
        defer { reference.stop() }
        let client = try await RESPClient.connect(to: "redis://127.0.0.1:\(reference.port)/1", protocolVersion: .v3)
        let replies = try await client.pipeline([
            ["SET", "k", "v"], ["GET", "missing"], ["ZADD", "z", "1.5", "m"], ["ZSCORE", "z", "m"],
        ])
        XCTAssertEqual(replies, [.simpleString("OK"), .nullBulk, .integer(1), .double(1.5)])
        try await client.close()
    }
}
